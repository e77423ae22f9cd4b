#include "models/scenario/clock_shifts.h"

#include <algorithm>
#include <array>

namespace ccsim {

namespace {

constexpr double kDayS = 86400.0;

// The digits text[at .. at + n) as a number; nullopt unless all are digits.
std::optional<int> digits(const std::string& text, std::size_t at, std::size_t n) {
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil).
long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

std::optional<double> clock_time_s(const std::string& text, bool allow_midnight_end) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = digits(text, 0, 2), m = digits(text, 3, 2);
  if (!h || !m || *m > 59) return std::nullopt;
  if (*h == 24 && *m == 0 && allow_midnight_end) return kDayS;
  if (*h > 23) return std::nullopt;
  return *h * 3600.0 + *m * 60.0;
}

std::optional<int> weekday_of_date(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const auto y = digits(date, 0, 4), m = digits(date, 5, 2), d = digits(date, 8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  constexpr std::array<int, 12> kLength = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int length = kLength[std::size_t(*m - 1)] + (*m == 2 && leap(*y) ? 1 : 0);
  if (*d > length) return std::nullopt;
  const long long days = days_from_civil(*y, *m, *d);  // 1970-01-01 was a Thursday (3)
  return int(((days + 3) % 7 + 7) % 7);
}

std::optional<int> weekday_of_name(const std::string& name) {
  constexpr std::array<const char*, 7> kNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return int(i);
  }
  return std::nullopt;
}

std::vector<Shift> clock_shift_times(double start_clock_s, double end_clock_s, int count,
                                     const std::vector<int>& days, const Horizon& horizon) {
  std::vector<int> worked = days;
  if (worked.empty()) {
    for (int d = -1; d <= std::max(1, horizon.days); ++d) worked.push_back(d);
  }
  const double label_s = clock_time_s(horizon.start, false).value_or(0.0);
  const double length_s = end_clock_s > start_clock_s ? end_clock_s - start_clock_s
                                                      : end_clock_s + kDayS - start_clock_s;
  std::vector<Shift> shifts;
  for (int d : worked) {
    const double start_s = d * kDayS + start_clock_s - label_s;
    const double end_s = start_s + length_s;
    if (end_s <= 0.0 || !(start_s < horizon.end_s())) continue;
    shifts.push_back(Shift{std::max(0.0, start_s), end_s, count});
  }
  return shifts;
}

}  // namespace ccsim
