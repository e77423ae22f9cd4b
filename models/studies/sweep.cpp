#include "models/studies/sweep.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iomanip>
#include <limits>
#include <list>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "models/io/input_file.h"
#include "models/io/output_file.h"
#include "models/io/text.h"
#include "models/scenario/run_size.h"
#include "models/scenario/scenario_json.h"
#include "sim/random.h"
#include "sim/replicate.h"

namespace ccsim {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A line of a sweep file as JSON: a discarded value when it is not JSON or is nested deeper
// than kMaxJsonDepth.
json parse_json_line(const std::string& line) {
  JsonParse<json> read = parse_json_text<json>(line, "");
  return read.document ? std::move(*read.document) : json(json::value_t::discarded);
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Splits at commas outside JSON strings, brackets and braces.
std::vector<std::string> split_top_level(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      current += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      items.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  items.push_back(current);
  return items;
}

bool is_number_text(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  return errno == 0 && end == s.c_str() + s.size() && std::isfinite(v);
}

bool is_integer_text(const std::string& s) {
  if (!is_number_text(s)) return false;
  return s.find_first_of(".eE") == std::string::npos;
}

// A decimal number as written: mantissa × 10^exponent, the mantissa without trailing zeros.
struct Decimal {
  __int128 mantissa = 0;
  int exponent = 0;
};

constexpr __int128 kDecimalLimit = __int128(1000000000000000000) * 1000000000000000000;  // 10^36

// Reads "[+-]digits[.digits][(e|E)[+-]digits]"; nullopt for other texts (hexadecimal, inf, nan)
// or more than 36 significant digits.
std::optional<Decimal> parse_decimal(const std::string& s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  Decimal d;
  bool any_digit = false, dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      any_digit = true;
      if (d.mantissa == 0 && c == '0') {
        if (dot) --d.exponent;
        continue;
      }
      if (d.mantissa >= kDecimalLimit) return std::nullopt;
      d.mantissa = d.mantissa * 10 + (c - '0');
      if (dot) --d.exponent;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    int e = 0;
    const auto r = std::from_chars(s.data() + i + 1 + (s[i + 1] == '+'), s.data() + s.size(), e);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    d.exponent += e;
  }
  if (d.mantissa == 0) d.exponent = 0;
  while (d.mantissa != 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    ++d.exponent;
  }
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

// x × 10^n, or nullopt when its magnitude would reach 10^36. REQUIRES: n >= 0.
std::optional<__int128> scaled(__int128 x, int n) {
  for (; n > 0 && x != 0; --n) {
    if (x >= kDecimalLimit / 10 || x <= -kDecimalLimit / 10) return std::nullopt;
    x *= 10;
  }
  return x;
}

std::string int128_text(__int128 x) {
  if (x == 0) return "0";
  const bool negative = x < 0;
  std::string digits;
  for (; x != 0; x /= 10) digits += char('0' + int(negative ? -(x % 10) : x % 10));
  if (negative) digits += '-';
  return {digits.rbegin(), digits.rend()};
}

// The JSON number mantissa × 10^exponent: an integer when `integer` and it fits 64 bits, else
// the double nearest to it.
json decimal_value(__int128 mantissa, int exponent, bool integer) {
  if (integer && exponent >= 0) {
    if (const auto v = scaled(mantissa, exponent)) {
      if (*v >= std::numeric_limits<long long>::min() &&
          *v <= std::numeric_limits<long long>::max()) {
        return json(static_cast<long long>(*v));
      }
      if (*v > 0 && *v <= std::numeric_limits<std::uint64_t>::max()) {
        return json(static_cast<std::uint64_t>(*v));
      }
    }
  }
  const std::string text = int128_text(mantissa) + "e" + std::to_string(exponent);
  return json(std::strtod(text.c_str(), nullptr));
}

constexpr std::size_t kMaxValues = 1000000;

// start, start + step, ...: exact decimal sums of the numbers as written, each read as the
// nearest double (so 0:0.3:0.1 gives 0, 0.1, 0.2, 0.3 as written, and 1e69:3e69:1e69 gives
// 1e69, 2e69, 3e69).
std::optional<std::vector<json>> parse_range(const std::vector<std::string>& parts,
                                             std::string& error) {
  const std::string &a = parts[0], &b = parts[1], &c = parts[2];
  const std::optional<Decimal> first = parse_decimal(a), last = parse_decimal(b),
                               delta = parse_decimal(c);
  // The three on one exponent: the smallest of those of the non-zero ones.
  int exponent = std::numeric_limits<int>::max();
  for (const auto& d : {first, last, delta}) {
    if (d && d->mantissa != 0) exponent = std::min(exponent, d->exponent);
  }
  if (exponent == std::numeric_limits<int>::max()) exponent = 0;
  std::optional<__int128> first_m, last_m, delta_m;
  if (first && last && delta) {
    first_m = scaled(first->mantissa, first->exponent - exponent);
    last_m = scaled(last->mantissa, last->exponent - exponent);
    delta_m = scaled(delta->mantissa, delta->exponent - exponent);
  }
  // Each below 10^36, so |first| + (n - 1) × |delta| (n <= 10^6) stays within 128 bits.
  if (!first_m || !last_m || !delta_m) {
    error =
        "a range's start, stop and step must be decimal numbers of at most 36 digits from their "
        "first to their last significant digit together (got " +
        a + ":" + b + ":" + c + ")";
    return std::nullopt;
  }
  if (*delta_m == 0) {
    error = "a range's step must not be 0";
    return std::nullopt;
  }
  const long double steps =
      static_cast<long double>(*last_m - *first_m) / static_cast<long double>(*delta_m);
  if (steps < -1e-9L) {
    error = "a range's step must go from start towards stop";
    return std::nullopt;
  }
  const long double count = std::floor(steps + 1e-9L) + 1.0L;
  if (count > static_cast<long double>(kMaxValues)) {
    error = "a range may hold at most 1000000 values";
    return std::nullopt;
  }
  const auto n = static_cast<std::size_t>(count);
  const bool integer = is_integer_text(a) && is_integer_text(c);
  std::vector<json> values;
  for (std::size_t i = 0; i < n; ++i) {
    values.push_back(decimal_value(*first_m + __int128(i) * *delta_m, exponent, integer));
  }
  return values;
}

// Adds a parameter; false (and nothing added) when `pointer` is already one.
bool add_values(SweepSpec& spec, const std::string& pointer, std::vector<json> values) {
  for (const auto& p : spec.parameters) {
    if (p.pointer == pointer) return false;
  }
  spec.parameters.push_back({pointer, std::move(values)});
  return true;
}

std::string csv_number(double v) {
  std::ostringstream o;
  o << std::setprecision(17) << v;
  return o.str();
}

json estimate_record(const KpiEstimate& e) {
  if (!e) return nullptr;
  return json{{"mean", e->mean}, {"ci95", e->ci95}};
}

void csv_estimate(std::string& row, const json& e) {
  if (e.is_null()) {
    row += ",,";
    return;
  }
  row +=
      ',' + csv_number(e.at("mean").get<double>()) + ',' + csv_number(e.at("ci95").get<double>());
}

std::string shard_text(const SweepHeader& h) {
  return std::to_string(h.shard_index) + "/" + std::to_string(h.shard_count);
}

std::optional<std::size_t> parse_size(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
  if (errno != 0) return std::nullopt;
  return static_cast<std::size_t>(v);
}

bool parse_shard(const std::string& s, SweepHeader& h) {
  const auto slash = s.find('/');
  if (slash == std::string::npos) return false;
  const auto k = parse_size(s.substr(0, slash));
  const auto n = parse_size(s.substr(slash + 1));
  if (!k || !n || *n == 0 || *k >= *n) return false;
  h.shard_index = *k;
  h.shard_count = *n;
  return true;
}

std::optional<SweepHeader> parse_csv_header(const std::string& line) {
  const std::string prefix = "# ccsim sweep v1 ";
  if (line.rfind(prefix, 0) != 0) return std::nullopt;
  SweepHeader h;
  std::istringstream in(line.substr(prefix.size()));
  std::string field;
  std::set<std::string> seen;
  while (in >> field) {
    const auto eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    seen.insert(key);
    if (key == "scenario") {
      h.scenario_hash = value;
    } else if (key == "grid") {
      h.grid_hash = value;
    } else if (key == "seed") {
      h.seed = value;
    } else if (key == "replications") {
      h.replications = value;
    } else if (key == "points") {
      const auto n = parse_size(value);
      if (!n) return std::nullopt;
      h.points = *n;
    } else if (key == "shard") {
      if (!parse_shard(value, h)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  for (const char* k : {"scenario", "grid", "seed", "replications", "points"}) {
    if (!seen.count(k)) return std::nullopt;
  }
  return h;
}

std::optional<SweepHeader> parse_jsonl_header(const std::string& line) {
  const json j = parse_json_line(line);
  if (!j.is_object()) return std::nullopt;
  // Not j.value("ccsim_sweep", 0): it throws when the value is not a number.
  const auto version = j.find("ccsim_sweep");
  if (version == j.end() || !version->is_number_integer() || *version != 1) return std::nullopt;
  SweepHeader h;
  try {
    h.scenario_hash = j.at("scenario").get<std::string>();
    h.grid_hash = j.at("grid").get<std::string>();
    h.seed = j.at("seed").get<std::string>();
    h.replications = j.at("replications").get<std::string>();
    h.points = j.at("points").get<std::size_t>();
    if (j.contains("shard") && !parse_shard(j.at("shard").get<std::string>(), h)) {
      return std::nullopt;
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return h;
}

std::optional<std::size_t> row_point(const std::string& line, SweepFormat format) {
  if (format == SweepFormat::Csv) return parse_size(line.substr(0, line.find(',')));
  const json j = parse_json_line(line);
  if (!j.is_object() || !j.contains("point") || !j.at("point").is_number_unsigned()) {
    return std::nullopt;
  }
  return j.at("point").get<std::size_t>();
}

// Number of fields of a CSV line (commas outside quotes, plus one).
std::size_t csv_field_count(const std::string& line) {
  std::size_t n = 1;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++n;
  }
  return n;
}

}  // namespace

std::optional<std::vector<json>> parse_sweep_values(const std::string& text, std::string& error) {
  const std::string t = trim(text);
  if (t.empty()) {
    error = "no values";
    return std::nullopt;
  }
  if (t.find_first_of("\"[{") == std::string::npos && t.find(':') != std::string::npos) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(t);
    while (std::getline(in, part, ':')) parts.push_back(trim(part));
    if (t.back() == ':') parts.emplace_back();
    if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), is_number_text)) {
      error = "a range is start:stop:step with three numbers (got " + t + ")";
      return std::nullopt;
    }
    return parse_range(parts, error);
  }
  std::vector<json> values;
  for (const std::string& raw : split_top_level(t)) {
    const std::string item = trim(raw);
    if (item.empty()) {
      error = "empty value in list (got " + t + ")";
      return std::nullopt;
    }
    if (auto deep = json_depth_problem(item)) {
      error = "not a JSON value: " + *deep;
      return std::nullopt;
    }
    JsonParse<json> v = parse_json_text<json>(item, "");
    if (!v.document) {
      error = "not a JSON value: " + item + " (quote strings as JSON, e.g. '\"" + item + "\"')";
      return std::nullopt;
    }
    values.push_back(std::move(*v.document));
  }
  if (values.size() > kMaxValues) {
    error = "at most 1000000 values";
    return std::nullopt;
  }
  return values;
}

std::optional<std::string> add_sweep_set(const std::string& text, SweepSpec& spec) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) return "--set " + text + ": expected PTR=VALUES";
  const std::string pointer = trim(text.substr(0, eq));
  if (pointer.empty() || pointer[0] != '/') {
    return "--set " + text + ": the path must be a JSON pointer starting with '/' (got " + pointer +
           ")";
  }
  // The pointer is written into JSON (the grid hash, point records), which must be UTF-8.
  if (!ccsim::text::is_valid_utf8(pointer))
    return "--set " + text + ": the path must be UTF-8 text";
  std::string error;
  auto values = parse_sweep_values(text.substr(eq + 1), error);
  if (!values) return "--set " + text + ": " + error;
  if (!add_values(spec, pointer, std::move(*values))) {
    return "--set " + text + ": " + pointer +
           " is already swept (by an earlier --set or the sweep file); give its values once";
  }
  return std::nullopt;
}

std::vector<std::string> add_sweep_document(const nlohmann::ordered_json& document,
                                            SweepSpec& spec) {
  std::vector<std::string> errors;
  if (!document.is_object()) return {"sweep file: must be an object with \"set\""};
  for (const auto& [key, value] : document.items()) {
    if (key != "set" && key != "zip" && key != "$schema") {
      errors.push_back("sweep file: " + key + ": unknown key (expected set, zip)");
    }
  }
  if (document.contains("zip")) {
    if (!document.at("zip").is_boolean()) {
      errors.push_back("sweep file: zip: must be true or false (got " + document.at("zip").dump() +
                       ")");
    } else {
      spec.zip = spec.zip || document.at("zip").get<bool>();
    }
  }
  if (!document.contains("set") || !document.at("set").is_object() || document.at("set").empty()) {
    errors.push_back("sweep file: set: must be an object {\"/pointer\": values, ...}");
    return errors;
  }
  for (const auto& [pointer, value] : document.at("set").items()) {
    const std::string where = "sweep file: set." + pointer;
    if (pointer.empty() || pointer[0] != '/') {
      errors.push_back(where + ": must be a JSON pointer starting with '/'");
      continue;
    }
    std::vector<json> values;
    if (value.is_string()) {
      std::string error;
      auto parsed = parse_sweep_values(value.get<std::string>(), error);
      if (!parsed) {
        errors.push_back(where + ": " + error);
        continue;
      }
      values = std::move(*parsed);
    } else if (value.is_array() && !value.empty()) {
      for (const auto& v : value) values.push_back(json::parse(v.dump()));
    } else {
      errors.push_back(where +
                       ": must be a non-empty array of values or a \"start:stop:step\" "
                       "or \"v1,v2\" string (got " +
                       value.dump() + ")");
      continue;
    }
    if (!add_values(spec, pointer, std::move(values))) {
      errors.push_back(where + ": is already swept; give its values once");
    }
  }
  return errors;
}

std::vector<std::vector<json>> sweep_points(const SweepSpec& spec, std::string& error) {
  std::vector<std::vector<json>> points;
  if (spec.parameters.empty()) {
    error = "nothing to sweep: give --set PTR=VALUES or --sweep FILE";
    return points;
  }
  if (spec.zip) {
    const std::size_t n = spec.parameters[0].values.size();
    for (const auto& p : spec.parameters) {
      if (p.values.size() != n) {
        error = "--zip: every parameter needs the same number of values (" +
                spec.parameters[0].pointer + " has " + std::to_string(n) + ", " + p.pointer +
                " has " + std::to_string(p.values.size()) + ")";
        return points;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<json> point;
      for (const auto& p : spec.parameters) point.push_back(p.values[i]);
      points.push_back(std::move(point));
    }
    return points;
  }
  double total = 1.0;
  for (const auto& p : spec.parameters) total *= double(p.values.size());
  if (total > double(kMaxValues)) {
    error = "the grid has more than 1000000 points";
    return points;
  }
  std::vector<std::size_t> at(spec.parameters.size(), 0);
  for (std::size_t n = 0; n < static_cast<std::size_t>(total); ++n) {
    std::vector<json> point;
    for (std::size_t k = 0; k < at.size(); ++k) point.push_back(spec.parameters[k].values[at[k]]);
    points.push_back(std::move(point));
    for (std::size_t k = at.size(); k-- > 0;) {
      if (++at[k] < spec.parameters[k].values.size()) break;
      at[k] = 0;
    }
  }
  return points;
}

std::string point_label(const SweepSpec& spec, const std::vector<json>& values) {
  std::string s;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k) s += ", ";
    s += spec.parameters[k].pointer + "=" + values[k].dump();
  }
  return s;
}

SweepPlan plan_sweep(const json& document, const fs::path& base_dir, const SweepSpec& spec,
                     std::optional<int> replications, std::optional<std::uint64_t> seed) {
  SweepPlan plan;
  std::string error;
  plan.points = sweep_points(spec, error);
  if (!error.empty()) {
    plan.errors.push_back(error);
    return plan;
  }
  std::vector<json::json_pointer> pointers;
  for (const auto& p : spec.parameters) {
    try {
      json::json_pointer ptr(p.pointer);
      bool exists = false;
      try {
        exists = document.contains(ptr);
      } catch (const json::exception&) {
        exists = false;
      }
      if (!exists) {
        const json::json_pointer parent = ptr.parent_pointer();
        bool parent_is_object = false;
        try {
          parent_is_object = document.contains(parent) && document.at(parent).is_object();
        } catch (const json::exception&) {
          parent_is_object = false;
        }
        if (!parent_is_object) {
          plan.errors.push_back("--set " + p.pointer +
                                ": no such location in the scenario (only an existing value or "
                                "a new key of an existing object can be set)");
          continue;
        }
      }
      pointers.push_back(ptr);
    } catch (const json::exception&) {
      plan.errors.push_back("--set " + p.pointer + ": not a valid JSON pointer");
    }
  }
  if (!plan.errors.empty()) return plan;

  // Every bad point is counted, but only the first kShownBadPoints are listed: a bad value in a
  // large grid would otherwise print thousands of near-identical lines.
  constexpr std::size_t kShownBadPoints = 20;
  std::size_t bad_points = 0;
  bool first_valid = true;
  auto plan_point = [&](std::size_t i) {
    json variant = document;
    for (std::size_t k = 0; k < pointers.size(); ++k) variant[pointers[k]] = plan.points[i][k];
    ScenarioParse parsed = parse_scenario(variant, base_dir);
    const std::string label =
        "point " + std::to_string(i) + " (" + point_label(spec, plan.points[i]) + "): ";
    for (const auto& e : parsed.errors) plan.errors.push_back(label + e);
    if (i == 0) {
      for (const auto& w : parsed.warnings) plan.warnings.push_back(w);
    }
    if (!parsed.ok()) return;
    Scenario& sc = *parsed.scenario;
    std::vector<std::string> types, groups;
    for (const auto& t : sc.contact_types) types.push_back(t.name);
    for (const auto& g : sc.agent_groups) groups.push_back(g.name);
    if (std::exchange(first_valid, false)) {
      plan.types = types;
      plan.groups = groups;
    } else if (types != plan.types || groups != plan.groups) {
      plan.errors.push_back(label +
                            "every point must have the same contact types and agent groups "
                            "(names, in order) as the first");
    }
    if (replications) {
      for (const std::string& e : check_replications_override(sc, *replications)) {
        plan.errors.push_back(label + e);
      }
    }
    plan.replications.push_back(replications.value_or(sc.simulation.replications));
    plan.seeds.push_back(seed.value_or(sc.simulation.seed));
  };
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    const std::size_t errors_before = plan.errors.size();
    plan_point(i);
    if (plan.errors.size() > errors_before && ++bad_points > kShownBadPoints) {
      plan.errors.resize(errors_before);
    }
  }
  if (bad_points > kShownBadPoints) {
    plan.errors.push_back("... and " + std::to_string(bad_points - kShownBadPoints) +
                          " more points with errors (" + std::to_string(bad_points) + " of " +
                          std::to_string(plan.points.size()) + " points are bad; the first " +
                          std::to_string(kShownBadPoints) + " are listed)");
  }
  if (!plan.errors.empty()) {
    plan.replications.clear();
    plan.seeds.clear();
    return plan;
  }
  plan.document = document;
  plan.base_dir = base_dir;
  plan.pointers = std::move(pointers);
  return plan;
}

Scenario SweepPlan::scenario(std::size_t i) const {
  json variant = document;
  for (std::size_t k = 0; k < pointers.size(); ++k) variant[pointers[k]] = points[i][k];
  ScenarioParse parsed = parse_scenario(variant, base_dir);
  if (!parsed.ok()) {
    throw std::runtime_error("point " + std::to_string(i) +
                             " no longer parses (did a file it names change?): " +
                             (parsed.errors.empty() ? std::string("?") : parsed.errors.front()));
  }
  return std::move(*parsed.scenario);
}

std::string content_hash(std::string_view text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(sim::stream_hash(text)));
  return buf;
}

std::string grid_hash(const SweepSpec& spec) {
  json j;
  j["zip"] = spec.zip;
  j["set"] = json::array();
  for (const auto& p : spec.parameters) j["set"].push_back({p.pointer, p.values});
  return content_hash(j.dump());
}

std::string header_line(const SweepHeader& h, SweepFormat format) {
  if (format == SweepFormat::JsonLines) {
    nlohmann::ordered_json j;
    j["ccsim_sweep"] = 1;
    j["scenario"] = h.scenario_hash;
    j["grid"] = h.grid_hash;
    j["seed"] = h.seed;
    j["replications"] = h.replications;
    j["points"] = h.points;
    if (h.shard_count > 1) j["shard"] = shard_text(h);
    return j.dump();
  }
  std::string s = "# ccsim sweep v1 scenario=" + h.scenario_hash + " grid=" + h.grid_hash +
                  " seed=" + h.seed + " replications=" + h.replications +
                  " points=" + std::to_string(h.points);
  if (h.shard_count > 1) s += " shard=" + shard_text(h);
  return s;
}

std::vector<std::string> header_differences(const SweepHeader& file, const SweepHeader& expected) {
  std::vector<std::string> d;
  auto check = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) d.push_back(std::string(what) + ": file has " + a + ", this sweep has " + b);
  };
  check("scenario (hash of the scenario file)", file.scenario_hash, expected.scenario_hash);
  check("grid (hash of the --set/--sweep values and --zip)", file.grid_hash, expected.grid_hash);
  check("seed", file.seed, expected.seed);
  check("replications", file.replications, expected.replications);
  check("points", std::to_string(file.points), std::to_string(expected.points));
  check("shard", shard_text(file), shard_text(expected));
  return d;
}

json point_record(std::size_t index, const SweepSpec& spec, const std::vector<json>& values,
                  const Results& results) {
  json r;
  r["point"] = index;
  json params = json::object();
  for (std::size_t k = 0; k < values.size(); ++k) params[spec.parameters[k].pointer] = values[k];
  r["params"] = params;
  json totals = json::object();
  for (std::size_t k = 0; k < results.totals.size(); ++k) {
    json o = json::object();
    for (const KpiInfo& info : contact_kpis()) {
      o[std::string(info.name)] = estimate_record(results.totals[k][info.kpi]);
    }
    totals[k < results.types.size() ? results.types[k] : std::string("all")] = o;
  }
  r["totals"] = totals;
  json groups = json::object();
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    json o = json::object();
    for (const GroupKpiInfo& info : group_kpis()) {
      o[std::string(info.name)] = estimate_record(results.group_totals[g][info.kpi]);
    }
    groups[results.groups[g]] = o;
  }
  r["agent_groups"] = groups;
  return r;
}

std::string csv_columns(const SweepSpec& spec, const std::vector<std::string>& types,
                        const std::vector<std::string>& groups) {
  std::string s = "point";
  for (const auto& p : spec.parameters) s += "," + text::csv_field(p.pointer);
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const auto& t : scopes) {
    for (const KpiInfo& info : contact_kpis()) {
      const std::string base = t + "." + std::string(info.name);
      s += "," + text::csv_field(base + ".mean") + "," + text::csv_field(base + ".ci95");
    }
  }
  for (const auto& g : groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      const std::string base = g + "." + std::string(info.name);
      s += "," + text::csv_field(base + ".mean") + "," + text::csv_field(base + ".ci95");
    }
  }
  return s;
}

std::string csv_row(const json& record, const SweepSpec& spec,
                    const std::vector<std::string>& types, const std::vector<std::string>& groups) {
  std::string row = std::to_string(record.at("point").get<std::size_t>());
  for (const auto& p : spec.parameters)
    row += "," + text::csv_field(parameter_text(record["params"][p.pointer]));
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const auto& t : scopes) {
    const json& o = record.at("totals").at(t);
    for (const KpiInfo& info : contact_kpis()) csv_estimate(row, o.at(std::string(info.name)));
  }
  for (const auto& g : groups) {
    const json& o = record.at("agent_groups").at(g);
    for (const GroupKpiInfo& info : group_kpis()) csv_estimate(row, o.at(std::string(info.name)));
  }
  return row;
}

std::string parameter_text(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::optional<json> record_of_line(const std::string& line, SweepFormat format,
                                   const SweepSpec& spec, const std::vector<std::string>& types,
                                   const std::vector<std::string>& groups) {
  if (format == SweepFormat::JsonLines) {
    json j = parse_json_line(line);
    if (!j.is_object() || !j.contains("point")) return std::nullopt;
    return j;
  }
  std::vector<std::string_view> f;
  std::vector<std::string> storage;
  text::split_fields(line, ',', f, storage);
  const std::size_t expected =
      1 + spec.parameters.size() +
      2 * (kKpiCount * (types.size() + 1) + kGroupKpiCount * groups.size());
  if (f.size() != expected) return std::nullopt;
  const auto point = parse_size(std::string(f[0]));
  if (!point) return std::nullopt;
  json r;
  r["point"] = *point;
  std::size_t at = 1;
  for (const SweepParameter& p : spec.parameters) {
    const std::string text(f[at++]);
    json value = text;
    for (const json& v : p.values) {
      if (parameter_text(v) == text) value = v;
    }
    r["params"][p.pointer] = value;
  }
  auto estimate = [&]() -> json {
    const auto m = text::parse_number(f[at]);
    const auto h = text::parse_number(f[at + 1]);
    at += 2;
    if (!m) return nullptr;
    return {{"mean", *m}, {"ci95", h.value_or(0.0)}};
  };
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const std::string& t : scopes) {
    for (const KpiInfo& info : contact_kpis()) r["totals"][t][std::string(info.name)] = estimate();
  }
  for (const std::string& g : groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      r["agent_groups"][g][std::string(info.name)] = estimate();
    }
  }
  return r;
}

std::string record_line(const json& record, SweepFormat format, const SweepSpec& spec,
                        const std::vector<std::string>& types,
                        const std::vector<std::string>& groups) {
  return format == SweepFormat::Csv ? csv_row(record, spec, types, groups) : record.dump();
}

std::optional<SweepFile> read_sweep_file(const fs::path& path, std::string& error) {
  std::string text;
  if (auto problem = read_input_file(path, text)) {
    error = *problem;
    return std::nullopt;
  }
  SweepFile file;
  std::size_t pos = 0, line_no = 0;
  std::optional<std::size_t> expected_fields;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      file.partial_tail = true;
      break;
    }
    const std::string line = text.substr(pos, nl - pos);
    ++line_no;
    const std::string where = path.string() + ":" + std::to_string(line_no) + ": ";
    if (line_no == 1) {
      std::optional<SweepHeader> h;
      if (line.rfind("#", 0) == 0) {
        file.format = SweepFormat::Csv;
        h = parse_csv_header(line);
      } else {
        file.format = SweepFormat::JsonLines;
        h = parse_jsonl_header(line);
      }
      if (!h) {
        error = where + "not a ccsim sweep file (no valid sweep header line)";
        return std::nullopt;
      }
      file.header = *h;
    } else if (line_no == 2 && file.format == SweepFormat::Csv) {
      if (line.rfind("point,", 0) != 0) {
        error = where + "expected the column names (point,...)";
        return std::nullopt;
      }
      file.columns = line;
      expected_fields = csv_field_count(line);
    } else {
      const auto point = row_point(line, file.format);
      if (!point || (expected_fields && csv_field_count(line) != *expected_fields)) {
        error = where + "malformed row";
        return std::nullopt;
      }
      if (*point >= file.header.points ||
          *point % file.header.shard_count != file.header.shard_index) {
        error = where + "point " + std::to_string(*point) + " does not belong to this sweep" +
                (file.header.shard_count > 1 ? " shard" : "");
        return std::nullopt;
      }
      if (!file.rows.emplace(*point, line).second) {
        error = where + "point " + std::to_string(*point) + " appears twice";
        return std::nullopt;
      }
    }
    pos = nl + 1;
    file.complete_bytes = pos;
  }
  if (line_no == 0 || (file.format == SweepFormat::Csv && line_no < 2)) {
    // A file cut short before its header lines were complete holds nothing worth keeping.
    error = path.string() + ": not a ccsim sweep file (incomplete header)";
    return std::nullopt;
  }
  return file;
}

std::string sweep_file_text(const SweepFormat format, const SweepHeader& header,
                            const std::string& columns,
                            const std::map<std::size_t, std::string>& rows) {
  std::string s = header_line(header, format) + "\n";
  if (format == SweepFormat::Csv) s += columns + "\n";
  for (const auto& [point, line] : rows) s += line + "\n";
  return s;
}

SweepAppender::~SweepAppender() {
  close();
}

void SweepAppender::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

namespace {

bool write_all(int fd, const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += std::size_t(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> SweepAppender::create(const fs::path& path,
                                                 const std::string& initial_text) {
  close();
  if (auto error = write_file_atomically(path, [&](std::ostream& f) { f << initial_text; })) {
    return error;
  }
  return reopen(path, initial_text.size());
}

std::optional<std::string> SweepAppender::reopen(const fs::path& path, std::uintmax_t keep_bytes) {
  close();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) return path.string() + ": cannot open for appending (" + std::strerror(errno) + ")";
  if (::ftruncate(fd_, off_t(keep_bytes)) != 0 || ::lseek(fd_, off_t(keep_bytes), SEEK_SET) < 0) {
    const std::string reason = std::strerror(errno);
    close();
    return path.string() + ": cannot truncate an incomplete last line (" + reason + ")";
  }
  path_ = path;
  return std::nullopt;
}

std::optional<std::string> SweepAppender::append(const std::string& line) {
  if (fd_ < 0) return "sweep file not open";
  if (!write_all(fd_, line + "\n") || ::fsync(fd_) != 0) {
    return path_.string() + ": cannot write file (" + std::strerror(errno) + ")";
  }
  return std::nullopt;
}

void run_sweep_points(const SweepPlan& plan, unsigned threads,
                      const std::function<std::optional<std::size_t>()>& next_point,
                      const std::function<void(std::size_t, const Results&)>& on_done) {
  struct Active {
    std::size_t point = 0;
    std::size_t next_rep = 0, done = 0, count = 0;
    std::vector<ReplicationKpis> reps;
    Scenario scenario;
  };
  std::mutex mutex, done_mutex;
  std::list<Active> active;  // points with replications not yet finished; stable addresses
  bool exhausted = false;
  std::exception_ptr error;

  auto worker = [&] {
    for (;;) {
      Active* a = nullptr;
      std::size_t r = 0;
      std::optional<std::size_t> taken;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (error) return;
        for (Active& x : active) {
          if (x.next_rep < x.count) {
            a = &x;
            break;
          }
        }
        if (a) {
          r = a->next_rep++;
        } else {
          if (exhausted) return;
          try {
            taken = next_point();
          } catch (...) {
            error = std::current_exception();
            return;
          }
          if (!taken) {
            exhausted = true;
            return;
          }
        }
      }
      if (taken) {  // parsed outside the lock; published with replication 0 taken by this thread
        Active fresh;
        fresh.point = *taken;
        fresh.count = std::size_t(plan.replications[*taken]);
        fresh.reps.resize(fresh.count);
        try {
          fresh.scenario = plan.scenario(*taken);
        } catch (...) {
          std::lock_guard<std::mutex> lock(mutex);
          if (!error) error = std::current_exception();
          return;
        }
        std::lock_guard<std::mutex> lock(mutex);
        active.push_back(std::move(fresh));
        a = &active.back();
        r = a->next_rep++;
      }
      try {
        ReplicationKpis k =
            replication_kpis(simulate_replication(a->scenario, plan.seeds[a->point], r));
        bool finished = false;
        {
          std::lock_guard<std::mutex> lock(mutex);
          a->reps[r] = std::move(k);
          finished = ++a->done == a->count;
        }
        if (finished) {
          const Results results = summarise(a->scenario, a->reps, plan.seeds[a->point]);
          {
            std::lock_guard<std::mutex> lock(done_mutex);
            on_done(a->point, results);
          }
          std::lock_guard<std::mutex> lock(mutex);
          active.remove_if([&](const Active& x) { return &x == a; });
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        return;
      }
    }
  };
  sim::run_workers(threads, worker);  // the worker catches everything: error is rethrown here
  if (error) std::rethrow_exception(error);
}

std::optional<std::string> merge_sweep_files(const std::vector<fs::path>& files,
                                             std::vector<std::string>& errors) {
  if (files.empty()) {
    errors.push_back("no sweep files to merge");
    return std::nullopt;
  }
  std::vector<SweepFile> read;
  for (const auto& f : files) {
    std::string error;
    auto file = read_sweep_file(f, error);
    if (!file) {
      errors.push_back(error);
      continue;
    }
    if (file->partial_tail) {
      errors.push_back(f.string() +
                       ": the last line is incomplete (the sweep was interrupted; run it again "
                       "to finish it first)");
      continue;
    }
    read.push_back(std::move(*file));
  }
  if (!errors.empty()) return std::nullopt;
  SweepHeader merged = read[0].header;
  merged.shard_index = 0;
  merged.shard_count = 1;
  std::map<std::size_t, std::string> rows;
  std::map<std::size_t, std::size_t> origin;
  for (std::size_t i = 0; i < read.size(); ++i) {
    SweepHeader h = read[i].header;
    h.shard_index = 0;
    h.shard_count = 1;
    if (read[i].format != read[0].format) {
      errors.push_back(files[i].string() + ": a different format from " + files[0].string());
      continue;
    }
    for (const auto& d : header_differences(h, merged)) {
      errors.push_back(files[i].string() + ": not the same sweep as " + files[0].string() + " (" +
                       d + ")");
    }
    if (read[i].columns != read[0].columns) {
      errors.push_back(files[i].string() + ": different columns from " + files[0].string());
    }
    for (const auto& [point, line] : read[i].rows) {
      const auto [it, fresh] = origin.emplace(point, i);
      if (!fresh) {
        errors.push_back("point " + std::to_string(point) + " appears in both " +
                         files[it->second].string() + " and " + files[i].string());
        continue;
      }
      rows.emplace(point, line);
    }
  }
  if (!errors.empty()) return std::nullopt;
  std::vector<std::size_t> missing;
  for (std::size_t p = 0; p < merged.points; ++p) {
    if (!rows.count(p)) missing.push_back(p);
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 20; ++k) {
      list += (k ? ", " : "") + std::to_string(missing[k]);
    }
    if (missing.size() > 20) list += ", ...";
    errors.push_back(std::to_string(missing.size()) + " of " + std::to_string(merged.points) +
                     " points missing: " + list);
    return std::nullopt;
  }
  return sweep_file_text(read[0].format, merged, read[0].columns, rows);
}

}  // namespace ccsim
