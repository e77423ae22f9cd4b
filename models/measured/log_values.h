// The values of a per-contact log's cells: dates, clock times, times and durations, as the
// readers of logs (contact_log.cpp and the readers of each format) and of day selections
// (log_days.cpp) parse them. Internal to models/measured.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace ccsim::log_values {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kDay = 86400.0;
inline constexpr double kHalfDay = 43200.0;

// Whether `s` is one or more ASCII digits.
bool all_digits(std::string_view s);

// An integer written in full (an optional '+', then digits with an optional '-'); nullopt
// otherwise or when it overflows `Int`.
template <class Int>
std::optional<Int> parse_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  Int v{};
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// A date YYMMDD (69–99: 19xx, else 20xx), YYYYMMDD or YYYY-MM-DD, as days since 1970-01-01;
// nullopt when malformed or not a day of the calendar.
std::optional<std::int32_t> parse_date(std::string_view s);

// "2024-02-30 is not a valid date" when `s` has the form of a date that does not exist;
// nullopt otherwise.
std::optional<std::string> invalid_date(std::string_view s);

// H:MM or H:MM:SS[.fff] (H any number of digits), as seconds.
std::optional<double> parse_clock(std::string_view s);

// A time: a clock time, a number of seconds, or a date and clock time ("YYYY-MM-DD HH:MM:SS",
// 'T' also allowed as separator), whose date is returned in `date`.
std::optional<double> parse_time(std::string_view s, std::optional<std::int32_t>& date);

// Whether `s` is a date and time ("YYYY-MM-DD HH:MM:SS" or with 'T'), by its separator.
bool has_date_part(std::string_view s);

// Empty, or a zero in any spelling ("0", "0.0", "0:00:00").
bool empty_or_zero(std::string_view s);

}  // namespace ccsim::log_values
