#include "models/measured/log_values.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "models/io/text.h"

namespace ccsim::log_values {

namespace {

std::optional<std::int32_t> civil_day(int y, unsigned m, unsigned d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// Year, month and day of YYMMDD (69–99: 19xx, else 20xx), YYYYMMDD or YYYY-MM-DD, whether or
// not they make a date; nullopt when `s` has none of these forms.
std::optional<std::array<int, 3>> date_fields(std::string_view s) {
  auto num = [](std::string_view t) { return parse_int<int>(t).value_or(-1); };
  if (s.size() == 6 && all_digits(s)) {
    const int yy = num(s.substr(0, 2));
    return std::array<int, 3>{yy >= 69 ? 1900 + yy : 2000 + yy, num(s.substr(2, 2)),
                              num(s.substr(4, 2))};
  }
  if (s.size() == 8 && all_digits(s)) {
    return std::array<int, 3>{num(s.substr(0, 4)), num(s.substr(4, 2)), num(s.substr(6, 2))};
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
      all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2))) {
    return std::array<int, 3>{num(s.substr(0, 4)), num(s.substr(5, 2)), num(s.substr(8, 2))};
  }
  return std::nullopt;
}

}  // namespace

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::int32_t> parse_date(std::string_view s) {
  const auto f = date_fields(s);
  if (!f) return std::nullopt;
  return civil_day((*f)[0], unsigned((*f)[1]), unsigned((*f)[2]));
}

std::optional<std::string> invalid_date(std::string_view s) {
  if (!date_fields(s) || parse_date(s)) return std::nullopt;
  return std::string(s) + " is not a valid date";
}

std::optional<double> parse_clock(std::string_view s) {
  const std::size_t c1 = s.find(':');
  if (c1 == std::string_view::npos || c1 == 0) return std::nullopt;
  const std::string_view h = s.substr(0, c1);
  std::string_view rest = s.substr(c1 + 1);
  const std::size_t c2 = rest.find(':');
  const std::string_view m = rest.substr(0, c2);
  if (!all_digits(h) || m.size() != 2 || !all_digits(m)) return std::nullopt;
  double seconds = 0;
  if (c2 != std::string_view::npos) {
    const std::string_view sec = rest.substr(c2 + 1);
    if (sec.size() < 2 || !all_digits(sec.substr(0, 2))) return std::nullopt;
    if (sec.size() > 2 && (sec[2] != '.' || (sec.size() > 3 && !all_digits(sec.substr(3))))) {
      return std::nullopt;
    }
    const auto v = text::parse_number(sec);
    if (!v || *v >= 60) return std::nullopt;
    seconds = *v;
  }
  const int hours = parse_int<int>(h).value_or(-1);
  const int minutes = parse_int<int>(m).value_or(60);
  if (hours < 0 || minutes >= 60) return std::nullopt;
  return hours * 3600.0 + minutes * 60.0 + seconds;
}

std::optional<double> parse_time(std::string_view s, std::optional<std::int32_t>& date) {
  date.reset();
  if (has_date_part(s)) {
    const auto d = parse_date(s.substr(0, 10));
    const auto t = parse_clock(s.substr(11));
    if (!d || !t) return std::nullopt;
    date = d;
    return t;
  }
  if (s.find(':') != std::string_view::npos) return parse_clock(s);
  return text::parse_number(s);
}

bool has_date_part(std::string_view s) {
  return s.size() > 11 && (s[10] == ' ' || s[10] == 'T');
}

bool empty_or_zero(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (c != '0' && c != ':' && c != '.') return false;
  }
  return true;
}

}  // namespace ccsim::log_values
