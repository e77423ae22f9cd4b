// Arrivals: when the next fresh contact of a type arrives.
//
// Rule: a type given by a rate (per hour, or expected arrivals per interval) arrives as a
// non-homogeneous Poisson process whose rate is constant within each interval; the next
// arrival after t is found by inversion of the cumulative rate: one unit-mean exponential of
// "rate time" is consumed interval by interval from t. A type given by a trace arrives at the
// trace's times, in order. Past the last interval with a rate, or the end of the trace, no
// contact arrives (+infinity). Over several days, no contact arrives while the centre is closed.
//
// Random numbers: one unit-mean exponential per arrival, from the type's arrival stream
// (purpose "arrivals", drawn by the model and passed in); traces draw nothing.
//
// Forecast error (arrivals.volume_cv, simulation.volume_cv): before a replication starts, the
// rates of each day are multiplied by the day's factors, a type's own and the shared one (the
// two multiply). A factor is Gamma with mean 1 and the given coefficient of variation, drawn
// from its own stream (seed, replication, purpose, substream = day): a type's from (type name,
// "volume"), the shared one from "shared volume"; with cv 0 it is exactly 1 and nothing is
// drawn, so the other streams and the results are those without the key.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// The arrival rate per second of each interval for a rate-given type (rate_per_hour or
// per_interval), one per interval of the horizon; empty for a trace.
std::vector<double> arrival_rates_per_s(const Arrivals& arrivals, int intervals, double interval_s);

// The forecast-error factors of days 0 .. days − 1 of replication `replication`: Gamma with
// mean 1 and coefficient of variation `cv`, day d from the stream (seed, replication,
// stream_id, d); every factor exactly 1 (no draw) when cv is 0.
// REQUIRES: days >= 1; 0 <= cv <= kMaxVolumeCv.
std::vector<double> volume_factors(double cv, int days, std::uint64_t seed,
                                   std::uint64_t replication, std::uint64_t stream_id);

// Multiplies the rate of interval k by factors[k ÷ intervals_per_day] (the last factor past
// the last day). REQUIRES: intervals_per_day >= 1; factors not empty.
void scale_by_day(std::vector<double>& rate_per_s, int intervals_per_day,
                  const std::vector<double>& factors);

// The first arrival after `after_s` of a Poisson process with rate `rate_per_s[i]` within
// [i * interval_s, (i + 1) * interval_s), given a unit-mean exponential `unit_exponential`;
// +infinity past the last interval.
// REQUIRES: interval_s > 0; unit_exponential > 0; rates >= 0.
inline double next_poisson_arrival_s(const std::vector<double>& rate_per_s, double interval_s,
                                     double after_s, double unit_exponential) {
  double remaining = unit_exponential;
  double t = after_s;
  auto i = std::size_t(std::max(0.0, std::floor(t / interval_s)));
  while (i < rate_per_s.size()) {
    const double interval_end = double(i + 1) * interval_s;
    const double rate = rate_per_s[i];
    if (rate > 0.0 && rate * (interval_end - t) >= remaining) return t + remaining / rate;
    remaining -= rate * std::max(0.0, interval_end - t);
    t = interval_end;
    ++i;
  }
  return std::numeric_limits<double>::infinity();
}

// The same over a horizon of several days: rate_per_s[k] holds within interval k of the
// horizon ([interval_start_s(k), interval_end_s(k))), and no contact arrives while the centre
// is closed between two days. With one day it is the function above.
// REQUIRES: rate_per_s.size() <= horizon.interval_count(); unit_exponential > 0; rates >= 0.
inline double next_poisson_arrival_s(const std::vector<double>& rate_per_s, const Horizon& horizon,
                                     double after_s, double unit_exponential) {
  if (horizon.days == 1) {
    return next_poisson_arrival_s(rate_per_s, horizon.interval_s, after_s, unit_exponential);
  }
  double remaining = unit_exponential;
  double t = after_s;
  for (auto k = std::size_t(horizon.interval_at(after_s)); k < rate_per_s.size(); ++k) {
    t = std::max(t, horizon.interval_start_s(int(k)));
    const double interval_end = horizon.interval_end_s(int(k));
    const double rate = rate_per_s[k];
    if (rate > 0.0 && rate * (interval_end - t) >= remaining) return t + remaining / rate;
    remaining -= rate * std::max(0.0, interval_end - t);
  }
  return std::numeric_limits<double>::infinity();
}

// The next time of a trace: times[pos], advancing pos; +infinity once the trace is used up.
inline double next_trace_arrival_s(const std::vector<double>& times, std::size_t& pos) {
  return pos < times.size() ? times[pos++] : std::numeric_limits<double>::infinity();
}

}  // namespace ccsim::centre
