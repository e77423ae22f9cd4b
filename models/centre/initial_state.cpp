#include "models/centre/initial_state.h"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <functional>

namespace ccsim::centre {

namespace {

constexpr double kTinySurvival = 1e-300;

// Residual of a Gamma(shape, scale) variable beyond e, by inverting the regularised upper
// incomplete gamma function Q: Q(shape, (e + t) / scale) = u · Q(shape, e / scale).
double gamma_residual(double shape, double scale, double e, double u) {
  const double s_e = boost::math::gamma_q(shape, e / scale);
  if (s_e < kTinySurvival) return 0.0;
  return std::max(0.0, scale * boost::math::gamma_q_inv(shape, u * s_e) - e);
}

}  // namespace

double residual_sample(const Distribution& d, double elapsed_s, sim::RandomStream& rng) {
  const double e = elapsed_s;
  switch (d.kind) {
    case DistKind::Exponential:
      return rng.exponential(d.mean_s);
    case DistKind::Deterministic:
      return std::max(0.0, d.mean_s - e);
    case DistKind::Uniform: {
      const double lo = std::max(d.min_s, e);
      if (lo >= d.max_s) return 0.0;
      return lo + (d.max_s - lo) * rng.uniform() - e;
    }
    case DistKind::Lognormal: {
      // S(x) = erfc(z(x)) / 2 with z(x) = (ln x − mu) / (sigma √2).
      const double z_e = e > 0.0 ? (std::log(e) - d.p1) / (d.p2 * std::sqrt(2.0)) : -INFINITY;
      const double s_e = e > 0.0 ? std::erfc(z_e) : 2.0;
      if (s_e < kTinySurvival) return 0.0;
      const double z = boost::math::erfc_inv(rng.uniform() * s_e);
      return std::max(0.0, std::exp(d.p1 + d.p2 * std::sqrt(2.0) * z) - e);
    }
    case DistKind::Gamma:
      return gamma_residual(d.p1, d.p2, e, rng.uniform());
    case DistKind::Erlang:
      return gamma_residual(double(d.k), d.p1, e, rng.uniform());
    case DistKind::Weibull: {
      // S(x) = exp(−(x / scale)^shape): (x / scale)^shape = (e / scale)^shape + E, E ~ Exp(1).
      const double shape = 1.0 / d.p2;
      const double h = std::pow(e / d.p1, shape) + rng.exponential(1.0);
      return std::max(0.0, d.p1 * std::pow(h, d.p2) - e);
    }
    case DistKind::Empirical: {
      std::vector<double> above;
      for (double v : d.values_s) {
        if (v > e) above.push_back(v);
      }
      if (above.empty()) return 0.0;
      const auto i = static_cast<std::size_t>(rng.uniform() * double(above.size()));
      return above[std::min(i, above.size() - 1)] - e;
    }
    case DistKind::PiecewiseHazard:
      // S(e + t) / S(e) = e^−E: H(e + t) = H(e) + E, E ~ Exp(1).
      return std::max(
          0.0, d.inverse_cumulative_hazard(d.cumulative_hazard(e) + rng.exponential(1.0)) - e);
  }
  return 0.0;
}

InitialState state_at(const Scenario& scenario, const std::vector<ContactRecord>& records,
                      double at_s) {
  InitialState state;
  state.waiting_s.assign(scenario.contact_types.size(), {});
  state.callbacks_s.assign(scenario.contact_types.size(), {});
  state.busy.assign(scenario.agent_groups.size(), {});
  for (const ContactRecord& r : records) {
    const bool answered = r.outcome == Outcome::Answered;
    if (answered && r.answer_s <= at_s && at_s < r.answer_s + r.handle_s + r.wrap_s) {
      state.busy[std::size_t(r.group)].push_back(BusyAgent{r.type, at_s - r.answer_s, {}});
    }
    if (!r.queued || r.queue_entry_s > at_s) continue;
    const double left = answered ? r.answer_s : r.outcome == Outcome::Unserved ? INFINITY : r.end_s;
    if (left <= at_s) continue;
    std::vector<double>& list = r.on_callback() ? state.callbacks_s[std::size_t(r.type)]
                                                : state.waiting_s[std::size_t(r.type)];
    list.push_back(at_s - r.queue_entry_s);
  }
  for (auto* lists : {&state.waiting_s, &state.callbacks_s}) {
    for (std::vector<double>& l : *lists) std::sort(l.begin(), l.end(), std::greater<>());
  }
  return state;
}

}  // namespace ccsim::centre
