#include "models/measured/patience_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim {

const std::vector<double>& patience_report_times_s() {
  static const std::vector<double> times{30, 60, 120, 300, 600};
  return times;
}

PatienceFit fit_patience(const std::vector<QueueSpell>& spells) {
  PatienceFit fit;
  fit.queued = spells.size();
  double abandoner_waits = 0;
  for (const QueueSpell& s : spells) {
    fit.exposure_s += s.wait_s;
    if (s.abandoned) {
      ++fit.abandoned;
      abandoner_waits += s.wait_s;
    }
  }
  if (fit.abandoned > 0) {
    fit.mean_s = fit.exposure_s / double(fit.abandoned);
    fit.se_s = *fit.mean_s / std::sqrt(double(fit.abandoned));
    fit.naive_mean_s = abandoner_waits / double(fit.abandoned);
  }
  // Kaplan–Meier: at each distinct abandonment time t, S *= 1 − d(t)/at_risk(t), where
  // at_risk counts spells with wait >= t (censored spells at t are still at risk).
  std::vector<QueueSpell> sorted = spells;
  std::sort(sorted.begin(), sorted.end(), [](const QueueSpell& a, const QueueSpell& b) {
    return a.wait_s < b.wait_s || (a.wait_s == b.wait_s && a.abandoned && !b.abandoned);
  });
  const auto& times = patience_report_times_s();
  fit.km_survival.assign(times.size(), std::nullopt);
  double survival = 1.0;
  std::size_t at_risk = sorted.size(), i = 0, next_time = 0;
  const double last = sorted.empty() ? 0.0 : sorted.back().wait_s;
  auto record_until = [&](double t) {
    while (next_time < times.size() && times[next_time] < t) {
      if (times[next_time] <= last) fit.km_survival[next_time] = survival;
      ++next_time;
    }
  };
  while (i < sorted.size()) {
    const double t = sorted[i].wait_s;
    std::size_t j = i, deaths = 0;
    while (j < sorted.size() && sorted[j].wait_s == t) {
      if (sorted[j].abandoned) ++deaths;
      ++j;
    }
    record_until(t);
    if (deaths > 0 && t > 0) {
      survival *= 1.0 - double(deaths) / double(at_risk);
      if (!fit.km_median_s && survival <= 0.5) fit.km_median_s = t;
    } else if (deaths > 0) {
      survival *= 1.0 - double(deaths) / double(at_risk);
    }
    at_risk -= j - i;
    i = j;
  }
  record_until(std::numeric_limits<double>::infinity());
  return fit;
}

}  // namespace ccsim
