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

}  // namespace

std::optional<double> clock_time_s(const std::string& text, bool allow_midnight_end) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = digits(text, 0, 2), m = digits(text, 3, 2);
  if (!h || !m || *m > 59) return std::nullopt;
  if (*h == 24 && *m == 0 && allow_midnight_end) return kDayS;
  if (*h > 23) return std::nullopt;
  return *h * 3600.0 + *m * 60.0;
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
