#include "models/scenario/interval_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "models/io/input_file.h"
#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/scenario/staffing_json.h"

namespace ccsim::reading {

namespace {

constexpr double kDayS = 86400.0;

const ColumnSpec kDateColumn{"date", {"day"}, ValueKind::Volume, false};
const ColumnSpec kIntervalColumn{"interval",
                                 {"time", "interval_start", "start", "start_time", "period"},
                                 ValueKind::Volume,
                                 true};

bool names(const ColumnSpec& spec, const std::string& name) {
  return spec.name == name ||
         std::find(spec.synonyms.begin(), spec.synonyms.end(), name) != spec.synonyms.end();
}

// "volume, calls, offered or contacts".
std::string spellings(const ColumnSpec& spec) {
  std::string s = spec.name;
  for (std::size_t i = 0; i < spec.synonyms.size(); ++i) {
    s += (i + 1 == spec.synonyms.size() ? " or " : ", ") + spec.synonyms[i];
  }
  return s;
}

char delimiter_of(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) return '\t';
  if (header.find(';') != std::string_view::npos) return ';';
  return ',';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digits_value(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Seconds after midnight of "H:MM", "HH:MM" or "HH:MM:SS" (00:00 to 23:59:59).
std::optional<int> parse_clock(std::string_view s) {
  const std::size_t a = s.find(':');
  if (a == std::string_view::npos) return std::nullopt;
  const std::string_view h = s.substr(0, a);
  std::string_view rest = s.substr(a + 1);
  std::string_view m = rest, sec = "00";
  if (const std::size_t b = rest.find(':'); b != std::string_view::npos) {
    m = rest.substr(0, b);
    sec = rest.substr(b + 1);
  }
  if (h.size() < 1 || h.size() > 2 || m.size() != 2 || sec.size() != 2 || !all_digits(h) ||
      !all_digits(m) || !all_digits(sec)) {
    return std::nullopt;
  }
  const int hh = digits_value(h), mm = digits_value(m), ss = digits_value(sec);
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return hh * 3600 + mm * 60 + ss;
}

// A cell's number as an export writes it: with `decimal_comma`, one comma and no point is a
// decimal comma.
text::NumberRead read_cell_number(std::string_view field, bool decimal_comma) {
  if (decimal_comma && std::count(field.begin(), field.end(), ',') == 1 &&
      field.find('.') == std::string_view::npos) {
    std::string copy(field);
    copy[copy.find(',')] = '.';
    return text::read_number(copy);
  }
  return text::read_number(field);
}

// The value of a non-empty cell, or the rule it breaks (as "must be ...").
std::optional<double> read_value(std::string_view field, ValueKind kind, bool decimal_comma,
                                 std::string& rule) {
  if (kind == ValueKind::Seconds && field.find(':') != std::string_view::npos) {
    const std::optional<double> d = parse_duration(field);
    if (d && *d > 0 && *d <= kMaxTimeS) return d;
    rule = "must be a number of seconds > 0 and <= 1e9, or mm:ss";
    return std::nullopt;
  }
  const text::NumberRead read = read_cell_number(field, decimal_comma);
  const bool number = read.kind == text::NumberKind::Number && std::isfinite(read.value);
  const double x = read.value;
  switch (kind) {
    case ValueKind::Volume:
      if (number && x >= 0) return x;
      rule = "must be a number >= 0";
      break;
    case ValueKind::Seconds:
      if (number && x > 0 && x <= kMaxTimeS) return x;
      rule = "must be a number of seconds > 0 and <= 1e9, or mm:ss";
      break;
    case ValueKind::Agents:
      if (number && x >= 0 && x <= double(kMaxAgentsPerGroup) && std::floor(x) == x) return x;
      rule = "must be a whole number of agents from 0 to " + std::to_string(kMaxAgentsPerGroup);
      break;
  }
  return std::nullopt;
}

// Which spec each column of the header is: -3 date, -2 interval, -1 key, i >= 0 value i, and
// kIgnored for a column no spec names.
constexpr int kIgnored = -100;
constexpr int kDate = -3, kInterval = -2, kKey = -1;

struct Header {
  std::vector<int> role;          // per column
  std::vector<std::string> text;  // per column, as written (trimmed)
  char delimiter = ',';
};

int role_of(const std::string& name, const TableSpec& spec) {
  if (names(kDateColumn, name)) return kDate;
  if (names(kIntervalColumn, name)) return kInterval;
  if (names(spec.key, name)) return kKey;
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    if (names(spec.values[i], name)) return static_cast<int>(i);
  }
  return kIgnored;
}

const ColumnSpec& spec_of(int role, const TableSpec& spec) {
  if (role == kDate) return kDateColumn;
  if (role == kInterval) return kIntervalColumn;
  if (role == kKey) return spec.key;
  return spec.values[static_cast<std::size_t>(role)];
}

// Reads the header; reports repeated, missing and ignored columns. Returns whether every
// required column is there, once.
bool read_header(Checker& in, const std::string& path, const std::string& file,
                 std::string_view line, const TableSpec& spec, Header& header,
                 IntervalTable& table) {
  header.delimiter = delimiter_of(line);
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
  text::split_fields(line, header.delimiter, fields, storage);
  std::map<int, std::size_t> first;  // role → first column
  bool ok = true;
  std::vector<std::string> all = {kDateColumn.name, kIntervalColumn.name, spec.key.name};
  for (const ColumnSpec& v : spec.values) all.push_back(v.name);
  for (std::size_t c = 0; c < fields.size(); ++c) {
    header.text.emplace_back(text::trim(fields[c]));
    const int role = role_of(normalised_column_name(fields[c]), spec);
    header.role.push_back(role);
    if (role == kIgnored) {
      if (!header.text.back().empty()) {
        in.warning(path, file + ": column " + std::to_string(c + 1) + " " +
                             reading::quoted(header.text.back()) + " ignored: not one of " +
                             join(all));
      }
      continue;
    }
    const auto [it, inserted] = first.emplace(role, c);
    if (!inserted) {
      in.error(path, file + ": columns " + std::to_string(it->second + 1) + " " +
                         reading::quoted(header.text[it->second]) + " and " +
                         std::to_string(c + 1) + " " + reading::quoted(header.text.back()) +
                         " both give " + spec_of(role, spec).name);
      ok = false;
    }
  }
  std::vector<int> roles = {kDate, kInterval, kKey};
  for (std::size_t i = 0; i < spec.values.size(); ++i) roles.push_back(static_cast<int>(i));
  for (int role : roles) {
    const ColumnSpec& s = spec_of(role, spec);
    if (s.required && !first.contains(role)) {
      in.error(path, file + ": has no " + s.name + " column (named " + spellings(s) + ")");
      ok = false;
    }
  }
  table.has_date = first.contains(kDate);
  table.has_key = first.contains(kKey);
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    table.has_value.push_back(first.contains(static_cast<int>(i)));
  }
  return ok;
}

// A data row as read, before its date and clock are placed in the horizon.
struct RawRow {
  IntervalRow row;
  std::optional<long long> date;
  int clock_s = 0;
  std::string when;  // "2026-03-02 08:00" or "08:00", as written, for messages
};

// Reads the cells of one data line into `raw`; reports each bad cell. Returns whether every
// cell was valid.
bool read_row(std::string_view line_text, int line, const Header& header, const TableSpec& spec,
              RawRow& raw, RowProblems& problems) {
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
  text::split_fields(line_text, header.delimiter, fields, storage);
  std::size_t used = fields.size();
  while (used > header.role.size() && text::trim(fields[used - 1]).empty()) --used;
  if (used != header.role.size()) {
    problems.add(line, "has " + std::to_string(fields.size()) + " fields where the header has " +
                           std::to_string(header.role.size()));
    return false;
  }
  raw.row.line = line;
  raw.row.values.assign(spec.values.size(), std::nullopt);
  const bool decimal_comma = header.delimiter != ',';
  bool ok = true;
  std::string date_text, clock_text;
  for (std::size_t c = 0; c < header.role.size(); ++c) {
    const int role = header.role[c];
    if (role == kIgnored) continue;
    const std::string_view field = text::trim(fields[c]);
    const std::string& column = header.text[c];
    if (field.empty()) {
      if (role < 0 || spec.values[static_cast<std::size_t>(role)].required) {
        problems.add(line, column + " must not be empty");
        ok = false;
      }
      continue;
    }
    if (role == kDate) {
      raw.date = date_day_number(field);
      date_text = std::string(field) + " ";
      if (!raw.date) {
        problems.add(line,
                     column + " must be a date YYYY-MM-DD (got " + reading::quoted(field) + ")");
        ok = false;
      }
    } else if (role == kInterval) {
      const std::optional<int> clock = parse_clock(field);
      clock_text = std::string(field);
      if (clock) {
        raw.clock_s = *clock;
      } else {
        problems.add(line,
                     column + " must be a clock time HH:MM (got " + reading::quoted(field) + ")");
        ok = false;
      }
    } else if (role == kKey) {
      raw.row.key = std::string(field);
    } else {
      const ColumnSpec& s = spec.values[static_cast<std::size_t>(role)];
      std::string rule;
      raw.row.values[static_cast<std::size_t>(role)] =
          read_value(field, s.kind, decimal_comma, rule);
      if (!rule.empty()) {
        problems.add(line, column + " " + rule + " (got " + reading::quoted(field) + ")");
        ok = false;
      }
    }
  }
  raw.when = date_text + clock_text;
  return ok;
}

// "every 1800 s from 08:00, 24 intervals a day" (and ", 3 days from 2026-03-02").
std::string horizon_text(const Horizon& horizon) {
  std::string s = "every " + number_text(horizon.interval_s) + " s from " + horizon.start + ", " +
                  text::plural(horizon.intervals, "interval") + " a day";
  if (horizon.days != 1) s += ", " + text::plural(horizon.days, "day");
  return s;
}

// The interval of the horizon that starts `offset_s` after the horizon's start, if one does.
std::optional<int> interval_starting(const Horizon& horizon, double offset_s) {
  if (!(offset_s >= 0)) return std::nullopt;
  const double tolerance_s = 1e-6 * std::max(1.0, offset_s);
  // interval_at may round a boundary down to the interval before it.
  for (int k = horizon.interval_at(offset_s); k <= horizon.interval_at(offset_s) + 1; ++k) {
    if (k < horizon.interval_count() &&
        std::abs(horizon.interval_start_s(k) - offset_s) <= tolerance_s) {
      return k;
    }
  }
  return std::nullopt;
}

// Places each raw row in the horizon; moves the placed ones to table.rows.
void place_rows(const Horizon& horizon, DateAnchor& anchor, std::vector<RawRow>& raw,
                IntervalTable& table, RowProblems& problems) {
  const double start_s = parse_clock(horizon.start).value_or(0);
  if (table.has_date && !anchor.day0) {
    for (const RawRow& r : raw) {
      if (r.date && (!anchor.day0 || *r.date < *anchor.day0)) anchor.day0 = r.date;
    }
  }
  for (RawRow& r : raw) {
    double offset_s = r.clock_s - start_s;
    if (r.date) {
      offset_s += double(*r.date - anchor.day0.value_or(*r.date)) * kDayS;
    } else if (offset_s < 0) {
      offset_s += kDayS;
    }
    const std::optional<int> k = interval_starting(horizon, offset_s);
    if (!k) {
      problems.add(r.row.line, (r.date ? "date and interval" : "interval") +
                                   std::string(" must start an interval of the horizon (") +
                                   horizon_text(horizon) + ") (got " + reading::quoted(r.when) +
                                   ")");
      continue;
    }
    r.row.interval = *k;
    table.rows.push_back(std::move(r.row));
  }
}

}  // namespace

std::string normalised_column_name(std::string_view name) {
  std::string s = text::lower(text::trim(name));
  if (!s.empty() && s.back() == ')') {
    if (const std::size_t open = s.rfind('('); open != std::string::npos) s.resize(open);
  }
  std::string out;
  for (char c : text::trim(s)) {
    const bool gap = c == ' ' || c == '-' || c == '_';
    if (!gap) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::optional<double> parse_duration(std::string_view s) {
  std::vector<std::string_view> parts;
  for (std::size_t from = 0;;) {
    const std::size_t colon = s.find(':', from);
    parts.push_back(s.substr(from, colon == std::string_view::npos ? colon : colon - from));
    if (colon == std::string_view::npos) break;
    from = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  double total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = parts[i];
    const bool last = i + 1 == parts.size();
    const std::string_view whole = last ? p.substr(0, p.find('.')) : p;
    if (!all_digits(whole) || whole.size() > 9 || (i > 0 && whole.size() != 2)) {
      return std::nullopt;
    }
    const text::NumberRead read = text::read_number(p);
    if (read.kind != text::NumberKind::Number) return std::nullopt;
    if (i > 0 && !(read.value < 60)) return std::nullopt;
    total = total * 60 + read.value;
  }
  return total;
}

void RowProblems::finish() {
  std::stable_sort(lines_.begin(), lines_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < lines_.size() && i < kMaxRowProblems; ++i) {
    in_.error(path_, file_ + " line " + std::to_string(lines_[i].first) + ": " + lines_[i].second);
  }
  if (lines_.size() > kMaxRowProblems) {
    in_.error(path_, file_ + ": " + std::to_string(lines_.size() - kMaxRowProblems) +
                         " more problems not shown");
  }
  lines_.clear();
}

IntervalTable read_interval_table(Checker& in, const std::string& path, const std::string& file,
                                  const Horizon& horizon, const TableSpec& spec, DateAnchor& anchor,
                                  RowProblems& problems) {
  IntervalTable table;
  InputFile input(in.base_dir() / std::filesystem::path(file));
  if (input.problem()) {
    in.error(path, input_file_message(file, *input.problem()));
    return table;
  }
  Header header;
  bool have_header = false;
  std::vector<RawRow> raw;
  std::string line;
  for (int line_number = 1; input.getline(line); ++line_number) {
    std::string_view text(line);
    if (line_number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text.ends_with('\r')) text.remove_suffix(1);
    if (text.find('\r') != std::string_view::npos) {
      in.error(path, file + " line " + std::to_string(line_number) +
                         ": has a carriage return (CR) inside the line: lines must end in LF or "
                         "CRLF (CR-only line ends are not supported)");
      return table;
    }
    if (text::trim(text).empty()) continue;
    if (!have_header) {
      have_header = true;
      if (!read_header(in, path, file, text, spec, header, table)) return table;
      continue;
    }
    ++table.data_rows;
    RawRow r;
    if (read_row(text, line_number, header, spec, r, problems)) raw.push_back(std::move(r));
  }
  if (input.problem()) {
    in.error(path, input_file_message(file, *input.problem()));
    return table;
  }
  if (!have_header) {
    in.error(path, file + ": has no header row");
    return table;
  }
  if (!table.has_date && horizon.days > 1) {
    in.error(path, file + ": has no date column, which a horizon of " +
                       std::to_string(horizon.days) + " days needs");
    return table;
  }
  if (table.data_rows == 0) {
    in.error(path, file + ": has no data rows");
    return table;
  }
  table.header_ok = true;
  place_rows(horizon, anchor, raw, table, problems);
  return table;
}

}  // namespace ccsim::reading
