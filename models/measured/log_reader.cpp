#include "models/measured/log_reader.h"

#include <algorithm>
#include <cmath>

#include "models/io/text.h"
#include "models/measured/log_values.h"

namespace ccsim::log_reading {

using log_values::has_date_part;
using log_values::invalid_date;
using log_values::kDay;
using log_values::kHalfDay;
using log_values::parse_clock;
using log_values::parse_date;
using log_values::parse_int;
using log_values::parse_time;

namespace {

constexpr const char* kTimeRule = "must be a time H:MM:SS or a number of seconds";
constexpr const char* kDurationRule = "must be a duration in seconds or H:MM:SS, >= 0";
constexpr const char* kDateRule = "must be a date YYMMDD, YYYYMMDD or YYYY-MM-DD";
// Larger times and durations in seconds are refused: days since 1970 must fit an int32, and
// Unix times (about 1.7e9 s) stay well inside.
constexpr double kMaxLogSeconds = 1e11;
constexpr const char* kMaxLogSecondsRule = "must be < 1e11 seconds (about 3,000 years)";

}  // namespace

Header::Header(const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    names_.emplace_back(text::trim(fields[i]));
    index_.emplace(names_.back(), i);
  }
}

std::optional<std::size_t> Header::find(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

bool Header::has_all(std::initializer_list<const char*> names) const {
  return std::all_of(names.begin(), names.end(), [&](const char* n) { return find(n); });
}

std::size_t require_column(const Header& header, const char* name, ContactLog& log) {
  const auto i = header.find(name);
  if (!i && !log.fatal) {
    log.fatal = log.source + ": no column \"" + name + "\" in the header" +
                did_you_mean(name, header.names());
  }
  return i.value_or(0);
}

void RowReader::bad(std::string_view column, const std::string& rule, std::string_view value) {
  if (!row_ok_) return;
  row_ok_ = false;
  ++log_.bad;
  if (log_.bad <= kMaxRowMessages) {
    log_.errors.push_back(file_ + " line " + std::to_string(line_) + ": " + std::string(column) +
                          ": " + rule + " (got " + quoted_value(value) + ")");
  }
}

void RowReader::bad_row(const std::string& message) {
  if (!row_ok_) return;
  row_ok_ = false;
  ++log_.bad;
  if (log_.bad <= kMaxRowMessages) {
    log_.errors.push_back(file_ + " line " + std::to_string(line_) + ": " + message);
  }
}

void RowReader::finish() {
  if (log_.bad > kMaxRowMessages) {
    log_.errors.push_back(file_ + ": " + std::to_string(log_.bad - kMaxRowMessages) +
                          " more lines with problems not shown");
  }
}

std::optional<double> RowReader::time(std::string_view column, std::string_view v,
                                      std::optional<std::int32_t>& date) {
  auto t = parse_time(v, date);
  if (!t || *t < 0 || *t >= kMaxLogSeconds) {
    std::optional<std::string> wrong_date;
    if (has_date_part(v)) wrong_date = invalid_date(v.substr(0, 10));
    bad(column,
        wrong_date ? *wrong_date
        : !t       ? text::number_range_rule(v).value_or(kTimeRule)
        : *t < 0   ? "must be >= 0"
                   : kMaxLogSecondsRule,
        v);
    return std::nullopt;
  }
  return t;
}

std::optional<double> RowReader::duration(std::string_view column, std::string_view v) {
  auto t = v.find(':') != std::string_view::npos ? parse_clock(v) : text::parse_number(v);
  if (!t || *t < 0 || *t >= kMaxLogSeconds) {
    bad(column,
        t && *t >= kMaxLogSeconds ? kMaxLogSecondsRule
                                  : text::number_range_rule(v).value_or(kDurationRule),
        v);
    return std::nullopt;
  }
  return t;
}

std::optional<double> RowReader::number(std::string_view column, std::string_view v) {
  auto t = text::parse_number(v);
  if (!t || *t < 0) bad(column, text::number_range_rule(v).value_or("must be a number >= 0"), v);
  return t && *t >= 0 ? t : std::nullopt;
}

std::optional<std::int32_t> RowReader::date(std::string_view column, std::string_view v) {
  auto d = parse_date(v);
  if (!d) bad(column, invalid_date(v).value_or(kDateRule), v);
  return d;
}

std::optional<std::int32_t> RowReader::integer(std::string_view column, std::string_view v) {
  auto i = parse_int<std::int32_t>(v);
  if (!i) bad(column, "must be an integer", v);
  return i;
}

void RowReader::type_name(std::string_view column, std::string_view v) {
  if (v.empty()) {
    bad(column, "must not be empty", v);
  } else if (!text::is_valid_utf8(v)) {
    bad(column, "must be UTF-8 text", v);
  }
}

std::int32_t RowReader::intern(Index& index, std::vector<std::string>& names,
                               std::string_view name) {
  if (auto it = index.find(name); it != index.end()) return it->second;
  const auto id = static_cast<std::int32_t>(names.size());
  names.emplace_back(name);
  index.emplace(std::string(name), id);
  return id;
}

void order_times(LoggedContact& c, bool clock) {
  for (double* t : {&c.queue_s, &c.answer_s, &c.end_s}) {
    if (clock && !std::isnan(*t) && *t < c.arrival_s - kHalfDay) *t += kDay;
  }
  if (!std::isnan(c.queue_s)) c.queue_s = std::max(c.queue_s, c.arrival_s);
  if (!std::isnan(c.answer_s)) {
    c.answer_s = std::max(c.answer_s, std::isnan(c.queue_s) ? c.arrival_s : c.queue_s);
  }
  if (!std::isnan(c.end_s)) {
    c.end_s =
        std::max(c.end_s, std::isnan(c.answer_s) ? (std::isnan(c.queue_s) ? c.arrival_s : c.queue_s)
                                                 : c.answer_s);
  }
}

}  // namespace ccsim::log_reading
