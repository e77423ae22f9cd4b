#include "models/centre/arrivals.h"

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

}  // namespace ccsim::centre
