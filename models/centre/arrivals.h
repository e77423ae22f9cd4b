// Arrivals: when the next fresh contact of a type arrives.
//
// Rule: a type given by a rate (per hour, or expected arrivals per interval) arrives as a
// non-homogeneous Poisson process whose rate is constant within each interval. A type given by
// a trace arrives at the trace's times, in order. Past the last interval with a rate, or the end
// of the trace, no contact arrives (+infinity). Over several days, no contact arrives while the
// centre is closed.
//
// Coupling across volumes (CoupledArrivals): a rate-given type's contacts are the points of a
// Poisson process on time × marks [0, ∞) with intensity λ(t) dt du, λ the forecast rate; at
// volume factor F(t) (Arrivals::volume_factor × the day's forecast-error factors) the contacts
// are the points with mark < F(t), so their count in an interval is Poisson with mean F × the
// forecast, and the contacts at a factor are a subset, with the same times, of those at any
// higher factor: more volume adds contacts, it never moves one. Layer j (marks in [j, j + 1))
// is an independent process at rate λ found by inversion of the cumulative rate (one unit-mean
// exponential of "rate time" per point, consumed interval by interval); a point of layer j at
// time t is kept iff j + U < F(t), U uniform on (0, 1), drawn for every point of a layer that
// some interval thins (F < j + 1) and for no point of another. With F = 1 everywhere only layer 0
// is drawn, unthinned: the arrivals of a scenario without a volume factor or forecast error.
//
// Random numbers: layer j's exponentials from the type's arrival stream (purpose "arrivals",
// substream j: layer 0 is substream 0), its uniforms from the marks stream (purpose "arrival
// marks", substream j); traces draw nothing. The contact of the n-th point of layer j (counting
// the points thinned away) has the key base (j << kLayerShift) | n, so a contact keeps its key,
// and with it its own draws (handle time, patience, ...), at every factor that keeps it; layer
// 0's keys are 0, 1, 2, ... as without layers.
//
// Forecast error (arrivals.volume_cv, simulation.volume_cv): before a replication starts, the
// factors of each day are multiplied by the day's forecast-error factors, a type's own and the
// shared one (the two multiply). A factor is Gamma with mean 1 and the given coefficient of
// variation, drawn from its own stream (seed, replication, purpose, substream = day): a type's
// from (type name, "volume"), the shared one from "shared volume"; with cv 0 it is exactly 1 and
// nothing is drawn, so the other streams and the results are those without the key. A day drawn
// busier is a superset of the contacts of a quieter one (the coupling above).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// The forecast arrival rate per second of each interval for a rate-given type (rate_per_hour or
// per_interval, without volume_factor), one per interval of the horizon; empty for a trace.
std::vector<double> arrival_rates_per_s(const Arrivals& arrivals, int intervals, double interval_s);

// The forecast-error factors of days 0 .. days − 1 of replication `replication`: Gamma with
// mean 1 and coefficient of variation `cv`, day d from the stream (seed, replication,
// stream_id, d); every factor exactly 1 (no draw) when cv is 0.
// REQUIRES: days >= 1; 0 <= cv <= kMaxVolumeCv.
std::vector<double> volume_factors(double cv, int days, std::uint64_t seed,
                                   std::uint64_t replication, std::uint64_t stream_id);

// Multiplies the value of interval k by factors[k ÷ intervals_per_day] (the last factor past
// the last day). REQUIRES: intervals_per_day >= 1; factors not empty.
void scale_by_day(std::vector<double>& per_interval, int intervals_per_day,
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

// A contact's key base: layer in bits kLayerShift .. 47, the point's index in its layer below.
inline constexpr int kLayerShift = 36;
// Layers at most: a volume factor above this counts as this.
inline constexpr int kMaxArrivalLayers = 1 << (48 - kLayerShift);

// The arrivals of one rate-given type in one replication, coupled across volume factors (the
// rule at the top of this file).
class CoupledArrivals {
 public:
  // rate_per_s[k]: the forecast rate of interval k of `horizon`; factor[k]: its volume factor.
  // times_id, marks_id: the stream ids of the layers' exponentials and uniforms.
  // REQUIRES: factor.size() == rate_per_s.size() <= horizon.interval_count(); rates and
  // factors >= 0; `horizon` outlives this object.
  CoupledArrivals(const std::vector<double>& rate_per_s, const std::vector<double>& factor,
                  const Horizon& horizon, std::uint64_t seed, std::uint64_t replication,
                  std::uint64_t times_id, std::uint64_t marks_id);

  // Time of the next arrival (+infinity when none is left).
  double next_s() const { return next_s_; }
  // The next arrival's key base, and moves on to the arrival after it.
  // REQUIRES: next_s() is finite.
  std::uint64_t pop() {
    const std::size_t j = next_layer_;
    const std::uint64_t base = (std::uint64_t(j) << kLayerShift) | layers_[j].next_index;
    advance(j);
    if (layers_.size() == 1) {
      next_s_ = layers_[0].next_s;  // one layer (volume factor at most 1): no search
    } else {
      find_next();
    }
    return base;
  }

 private:
  struct Layer {
    sim::RandomStream times, marks;
    bool thinned;              // some interval keeps only part of this layer
    double next_s;             // its next point kept (+infinity: none)
    std::uint64_t next_index;  // that point's index in the layer
    std::uint64_t count = 0;   // points drawn so far
  };
  // Moves layer j on to its next point kept; a layer never thinned keeps every point.
  void advance(std::size_t j) {
    Layer& layer = layers_[j];
    if (layer.thinned) return advance_thinned(j);
    layer.next_s =
        next_poisson_arrival_s(rate_per_s_, *horizon_, layer.next_s, layer.times.exponential(1.0));
    layer.next_index = layer.count++;
  }
  void advance_thinned(std::size_t j);
  void find_next();

  std::vector<double> rate_per_s_;
  std::vector<double> factor_;
  const Horizon* horizon_;
  std::vector<Layer> layers_;
  double next_s_ = std::numeric_limits<double>::infinity();
  std::size_t next_layer_ = 0;
};

}  // namespace ccsim::centre
