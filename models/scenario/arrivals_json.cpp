#include "models/scenario/arrivals_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "models/io/input_file.h"
#include "models/io/text.h"

namespace ccsim::reading {

namespace {

constexpr int kMaxTraceProblems = 20;  // messages per trace file before a summary line
// Bound that keeps a valid scenario's memory finite (models/README.md "Unstable and absurd
// scenarios").
constexpr std::size_t kMaxTraceArrivals = 100'000'000;  // arrival times of one trace (800 MB)

// The first field of a line of an arrival trace (fields end at ',', ';' or a tab), without
// spaces and double quotes; nullopt for a blank line.
std::optional<std::string_view> trace_field(std::string_view text) {
  std::string_view field = text.substr(0, text.find_first_of(",;\t"));
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!field.empty() && is_space(field.front())) field.remove_prefix(1);
  while (!field.empty() && is_space(field.back())) field.remove_suffix(1);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    field = field.substr(1, field.size() - 2);
  }
  if (field.empty() && text.find_first_not_of(" \t,;") == std::string::npos) return std::nullopt;
  return field;
}

// Whether `field` begins as a number does (a digit, a sign or a decimal point): such a first
// line of a trace is data, never a header.
bool starts_like_number(std::string_view field) {
  return !field.empty() && (std::isdigit(static_cast<unsigned char>(field.front())) ||
                            field.front() == '+' || field.front() == '-' || field.front() == '.');
}

// Arrival times from the CSV file `trace` (relative to the base directory): the first field of
// each non-blank line; a first line whose first field does not start like a number is a
// header. Lines end in LF or CRLF; a CR alone is refused.
void read_trace(Checker& in, const std::string& trace, const std::string& path,
                const Horizon* horizon, std::vector<double>& times) {
  InputFile file(in.base_dir() / std::filesystem::path(trace));
  if (file.problem()) {
    in.error(path, input_file_message(trace, *file.problem()));
    return;
  }
  int problems = 0;
  auto problem = [&](int line, const std::string& rule, const std::string& got) {
    if (++problems <= kMaxTraceProblems) {
      in.error(path, trace + " line " + std::to_string(line) + ": " + rule + " (got " + got + ")");
    }
  };
  std::string line;
  int line_number = 0;
  bool first = true;
  while (file.getline(line)) {
    ++line_number;
    std::string_view text(line);
    if (line_number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text.ends_with('\r')) text.remove_suffix(1);
    if (text.find('\r') != std::string_view::npos) {
      in.error(path, trace + " line " + std::to_string(line_number) +
                         ": has a carriage return (CR) inside the line: lines must end in LF or "
                         "CRLF (CR-only line ends are not supported)");
      return;
    }
    const std::optional<std::string_view> field = trace_field(text);
    if (!field) continue;
    const text::NumberRead read = text::read_number(*field);
    const double t = read.value;
    if (first) {
      first = false;
      if (read.kind == text::NumberKind::NotANumber && !starts_like_number(*field)) continue;
    }
    if (read.kind == text::NumberKind::NotANumber) {
      problem(line_number, "must be a number", quoted(*field));
    } else if (read.kind != text::NumberKind::Number) {
      problem(line_number,
              std::string("must be within the range of a double: ") +
                  (read.kind == text::NumberKind::Overflow ? "overflow" : "underflow"),
              std::string(*field));
    } else if (!std::isfinite(t)) {
      problem(line_number, "must be a finite number", std::string(*field));
    } else if (t < 0) {
      problem(line_number, "must be >= 0", std::string(*field));
    } else if (horizon && !(t < horizon->end_s())) {
      problem(line_number, "must be < horizon end = " + number_text(horizon->end_s()),
              std::string(*field));
    } else if (horizon && horizon->closed_at(t)) {
      const int d = int(t / Horizon::kDayS);
      problem(line_number,
              "must be within opening hours: the centre is closed from " +
                  number_text(horizon->day_close_s(d)) + " to " +
                  number_text(horizon->day_open_s(d + 1)),
              std::string(*field));
    } else if (times.size() == kMaxTraceArrivals) {
      in.error(path, trace + ": must hold at most " + std::to_string(kMaxTraceArrivals) +
                         " arrival times (line " + std::to_string(line_number) + " is one more)");
      return;
    } else {
      times.push_back(t);
    }
  }
  if (file.problem()) {
    in.error(path, input_file_message(trace, *file.problem()));
    return;
  }
  if (problems > kMaxTraceProblems) {
    in.error(path, trace + ": " + std::to_string(problems - kMaxTraceProblems) +
                       " more lines with problems not shown");
  }
  if (problems == 0 && times.empty()) {
    in.error(path, trace + ": must contain at least one arrival time");
  }
  std::sort(times.begin(), times.end());
}

}  // namespace

void read_arrivals(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                   Arrivals& arrivals) {
  if (!in.expect_choice(v, path, "arrivals", {"volume_cv"})) return;
  if (const json* r = find(v, "rate_per_hour")) {
    arrivals.kind = Arrivals::Kind::RatePerHour;
    if (auto x = in.number(*r, member(path, "rate_per_hour"), Range::at_least(0))) {
      arrivals.rate_per_hour = *x;
    }
  }
  if (const json* p = find(v, "per_interval")) {
    arrivals.kind = Arrivals::Kind::PerInterval;
    in.per_interval(
        *p, member(path, "per_interval"), horizon,
        [&](const json& entry, const std::string& entry_path) {
          return in.number(entry, entry_path, Range::at_least(0));
        },
        arrivals.per_interval);
  }
  if (const json* t = find(v, "trace")) {
    arrivals.kind = Arrivals::Kind::Trace;
    const std::string trace_path = member(path, "trace");
    if (auto s = in.string(*t, trace_path)) {
      arrivals.trace_path = *s;
      read_trace(in, *s, trace_path, horizon, arrivals.trace_times_s);
    }
  }
  if (const json* c = find(v, "volume_cv")) {
    const std::string cv_path = member(path, "volume_cv");
    if (auto x = in.number(*c, cv_path, Range::closed(0, kMaxVolumeCv))) {
      if (find(v, "trace")) {
        in.error(cv_path,
                 "cannot be used with trace: a trace replays fixed arrival times (give "
                 "rate_per_hour or per_interval for a forecast with error)");
      } else {
        arrivals.volume_cv = *x;
      }
    }
  }
}

}  // namespace ccsim::reading
