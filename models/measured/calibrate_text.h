// How a calibration writes its numbers: with the decimals the calibrated scenario keeps
// (round_to), and clock times (clock_text). Internal to models/measured.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace ccsim {

// x rounded to `decimals` decimals (the nearest double to the decimal value).
inline double round_to(double x, int decimals) {
  const double p = std::pow(10.0, decimals);
  return std::round(x * p) / p;
}

// Seconds as "HH:MM" (hours past 24 as they are, e.g. "25:00").
inline std::string clock_text(double s) {
  const auto total = static_cast<long long>(std::llround(s));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", total / 3600, total / 60 % 60);
  return buf;
}

}  // namespace ccsim
