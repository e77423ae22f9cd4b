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

void scale_by_day(std::vector<double>& rate_per_s, int intervals_per_day,
                  const std::vector<double>& factors) {
  for (std::size_t k = 0; k < rate_per_s.size(); ++k) {
    const std::size_t day = std::min(k / std::size_t(intervals_per_day), factors.size() - 1);
    rate_per_s[k] *= factors[day];
  }
}

}  // namespace ccsim::centre
