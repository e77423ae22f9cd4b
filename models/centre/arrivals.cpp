#include "models/centre/arrivals.h"

#include "sim/random.h"

namespace ccsim::centre {

std::vector<double> arrival_rates_per_s(const Arrivals& arrivals, int intervals,
                                        double interval_s) {
  std::vector<double> rates;
  if (arrivals.kind == Arrivals::Kind::RatePerHour) {
    rates.assign(std::size_t(intervals), arrivals.rate_per_hour / 3600.0);
  } else if (arrivals.kind == Arrivals::Kind::PerInterval) {
    for (double n : arrivals.per_interval) rates.push_back(n / interval_s);
  }
  return rates;
}

std::vector<double> volume_factors(double cv, int days, std::uint64_t seed,
                                   std::uint64_t replication, std::uint64_t stream_id) {
  std::vector<double> factors(std::size_t(days), 1.0);
  if (cv == 0.0) return factors;
  const Distribution gamma = Distribution::gamma(1.0, cv);
  for (int d = 0; d < days; ++d) {
    sim::RandomStream rng(seed, replication, stream_id, std::uint64_t(d));
    factors[std::size_t(d)] = gamma.sample(rng);
  }
  return factors;
}

void scale_by_day(std::vector<double>& per_interval, int intervals_per_day,
                  const std::vector<double>& factors) {
  for (std::size_t k = 0; k < per_interval.size(); ++k) {
    const std::size_t day = std::min(k / std::size_t(intervals_per_day), factors.size() - 1);
    per_interval[k] *= factors[day];
  }
}

CoupledArrivals::CoupledArrivals(const std::vector<double>& rate_per_s,
                                 const std::vector<double>& factor, const Horizon& horizon,
                                 std::uint64_t seed, std::uint64_t replication,
                                 std::uint64_t times_id, std::uint64_t marks_id)
    : rate_per_s_(rate_per_s), factor_(factor), horizon_(&horizon) {
  double top = 0.0;
  for (std::size_t k = 0; k < rate_per_s_.size(); ++k) {
    factor_[k] = std::min(factor_[k], double(kMaxArrivalLayers));
    if (rate_per_s_[k] > 0.0) top = std::max(top, factor_[k]);
  }
  const auto count = std::size_t(std::ceil(top));
  layers_.reserve(count);
  for (std::size_t j = 0; j < count; ++j) {
    bool thinned = false;
    for (std::size_t k = 0; k < rate_per_s_.size() && !thinned; ++k) {
      thinned = rate_per_s_[k] > 0.0 && factor_[k] < double(j + 1);
    }
    layers_.push_back(Layer{sim::RandomStream(seed, replication, times_id, j),
                            sim::RandomStream(seed, replication, marks_id, j), thinned, 0.0, 0});
    advance(j);
  }
  find_next();
}

void CoupledArrivals::advance_thinned(std::size_t j) {
  Layer& layer = layers_[j];
  double t = layer.next_s;
  for (;;) {
    t = next_poisson_arrival_s(rate_per_s_, *horizon_, t, layer.times.exponential(1.0));
    if (!std::isfinite(t)) break;
    const std::uint64_t index = layer.count++;
    const double u = layer.marks.uniform();
    if (double(j) + u >= factor_[std::size_t(horizon_->interval_at(t))]) continue;
    layer.next_index = index;
    break;
  }
  layer.next_s = t;
}

void CoupledArrivals::find_next() {
  next_s_ = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < layers_.size(); ++j) {
    if (layers_[j].next_s < next_s_) {
      next_s_ = layers_[j].next_s;
      next_layer_ = j;
    }
  }
}

}  // namespace ccsim::centre
