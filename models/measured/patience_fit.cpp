#include "models/measured/patience_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>

namespace ccsim {

namespace {

constexpr double kTinyProbability = 1e-300;
constexpr double kContinuousZeroWidth_s = 0.001;  // an abandonment at 0 s in unrounded data
constexpr std::size_t kMaxPieces = 6;
constexpr std::size_t kAbandonmentsPerPiece = 25;

// Spells grouped by (wait, abandoned), with their count: rounded logs repeat few waits.
struct SpellGroup {
  double wait_s = 0.0;
  bool abandoned = false;
  double count = 0.0;
};

struct Sample {
  std::vector<SpellGroup> groups;
  bool whole_seconds = false;
};

Sample sample_of(const std::vector<QueueSpell>& spells) {
  std::map<std::pair<double, bool>, double> counts;
  bool whole = !spells.empty();
  for (const QueueSpell& s : spells) {
    counts[{s.wait_s, s.abandoned}] += 1.0;
    whole = whole && s.wait_s == std::floor(s.wait_s);
  }
  Sample sample;
  sample.whole_seconds = whole;
  for (const auto& [key, n] : counts) sample.groups.push_back({key.first, key.second, n});
  return sample;
}

// S(t) of the kinds fitted here (exponential, Weibull, lognormal, gamma).
double survival(const Distribution& d, double t) {
  if (t <= 0.0) return 1.0;
  switch (d.kind) {
    case DistKind::Exponential:
      return std::exp(-t / d.mean_s);
    case DistKind::Weibull:
      return std::exp(-std::pow(t / d.p1, 1.0 / d.p2));
    case DistKind::Lognormal:
      return 0.5 * std::erfc((std::log(t) - d.p1) / (d.p2 * std::numbers::sqrt2));
    case DistKind::Gamma:
      return boost::math::gamma_q(d.p1, t / d.p2);
    default:
      return 0.0;
  }
}

// log f(t) of the kinds fitted here (t > 0).
double log_density(const Distribution& d, double t) {
  switch (d.kind) {
    case DistKind::Exponential:
      return -std::log(d.mean_s) - t / d.mean_s;
    case DistKind::Weibull: {
      const double shape = 1.0 / d.p2, z = t / d.p1;
      return std::log(shape / d.p1) + (shape - 1.0) * std::log(z) - std::pow(z, shape);
    }
    case DistKind::Lognormal: {
      const double z = (std::log(t) - d.p1) / d.p2;
      return -std::log(t * d.p2 * std::sqrt(2.0 * std::numbers::pi)) - 0.5 * z * z;
    }
    case DistKind::Gamma:
      return (d.p1 - 1.0) * std::log(t / d.p2) - t / d.p2 - std::lgamma(d.p1) - std::log(d.p2);
    default:
      return std::log(kTinyProbability);
  }
}

// A piecewise-constant hazard: hazard_per_s[i] on [breakpoints_s[i-1] (0 for i = 0),
// breakpoints_s[i]), the last piece open-ended.
struct PiecewiseHazard {
  std::vector<double> breakpoints_s, hazard_per_s;

  double start(std::size_t i) const { return i == 0 ? 0.0 : breakpoints_s[i - 1]; }
  double end(std::size_t i) const { return i < breakpoints_s.size() ? breakpoints_s[i] : INFINITY; }
  double cumulative_hazard(double t) const {
    double h = 0.0;
    for (std::size_t i = 0; i < hazard_per_s.size() && t > start(i); ++i) {
      h += hazard_per_s[i] * (std::min(t, end(i)) - start(i));
    }
    return h;
  }
  double survival(double t) const { return std::exp(-cumulative_hazard(t)); }
  double log_density(double t) const {
    std::size_t i = 0;
    while (i < breakpoints_s.size() && t >= breakpoints_s[i]) ++i;
    return std::log(hazard_per_s[i]) - cumulative_hazard(t);
  }
  // ∫ S: each piece adds S(start)·(1 − e^{−h·length})/h (its length when h = 0).
  double mean_s() const {
    double mean = 0.0, cumulative = 0.0;
    for (std::size_t i = 0; i < hazard_per_s.size(); ++i) {
      const double h = hazard_per_s[i], length = end(i) - start(i);
      mean += std::exp(-cumulative) * (h > 0 ? -std::expm1(-h * length) / h : length);
      if (i < breakpoints_s.size()) cumulative += h * length;
    }
    return mean;
  }
};

// The log-likelihood of the header of patience_fit.h for survival `s` and log-density
// `log_f`.
template <class Survival, class LogDensity>
double log_likelihood(const Sample& sample, Survival s, LogDensity log_f) {
  double ll = 0.0;
  for (const SpellGroup& g : sample.groups) {
    double term;
    if (!g.abandoned) {
      term = g.wait_s > 0 ? std::log(std::max(s(g.wait_s), kTinyProbability)) : 0.0;
    } else if (sample.whole_seconds || g.wait_s <= 0) {
      const double half = sample.whole_seconds ? 0.5 : kContinuousZeroWidth_s;
      const double lo = std::max(0.0, g.wait_s - half), hi = std::max(g.wait_s, 0.0) + half;
      term = std::log(std::max(s(lo) - s(hi), kTinyProbability));
    } else {
      term = log_f(g.wait_s);
    }
    ll += g.count * term;
  }
  return std::isnan(ll) ? -std::numeric_limits<double>::infinity() : ll;
}

// The log-likelihood of `d`; −∞ for a distribution out of range or one whose survival cannot
// be evaluated.
double log_likelihood(const Distribution& d, const Sample& sample) {
  if (!std::isfinite(d.mean_s) || !(d.mean_s > 0) || !std::isfinite(d.p1) || !std::isfinite(d.p2)) {
    return -std::numeric_limits<double>::infinity();
  }
  try {
    return log_likelihood(
        sample, [&d](double t) { return survival(d, t); },
        [&d](double t) { return log_density(d, t); });
  } catch (const std::exception&) {  // Boost.Math gives up far out of range (e.g. gamma_q)
    return -std::numeric_limits<double>::infinity();
  }
}

using Objective = std::function<double(const Eigen::VectorXd&)>;

// Nelder–Mead maximisation of `f` from `start` (steps of 0.3 in each coordinate), at most
// kMaxEvaluations evaluations; converged when the simplex's values agree within 1e-9 (relative)
// and its vertices within 1e-7. Returns the best vertex and whether it converged.
std::pair<Eigen::VectorXd, bool> maximise(const Objective& f, const Eigen::VectorXd& start) {
  constexpr int kMaxEvaluations = 4000;
  const Eigen::Index n = start.size();
  std::vector<Eigen::VectorXd> x(std::size_t(n + 1), start);
  std::vector<double> v(std::size_t(n + 1));
  for (Eigen::Index i = 0; i < n; ++i) x[std::size_t(i + 1)][i] += 0.3;
  int evaluations = 0;
  auto value = [&](const Eigen::VectorXd& p) {
    ++evaluations;
    const double y = f(p);
    return std::isfinite(y) ? -y : std::numeric_limits<double>::infinity();  // minimise −f
  };
  for (std::size_t i = 0; i < x.size(); ++i) v[i] = value(x[i]);
  while (evaluations < kMaxEvaluations) {
    std::vector<std::size_t> order(x.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    const std::size_t best = order.front(), worst = order.back(), second = order[order.size() - 2];
    double size = 0.0;
    for (const auto& p : x) size = std::max(size, (p - x[best]).cwiseAbs().maxCoeff());
    if (std::isfinite(v[worst]) && v[worst] - v[best] <= 1e-9 * (1.0 + std::abs(v[best])) &&
        size < 1e-7) {
      return {x[best], true};
    }
    Eigen::VectorXd centre = Eigen::VectorXd::Zero(n);
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (i != worst) centre += x[i] / double(n);
    }
    const Eigen::VectorXd reflected = centre + (centre - x[worst]);
    const double vr = value(reflected);
    if (vr < v[best]) {
      const Eigen::VectorXd expanded = centre + 2.0 * (centre - x[worst]);
      const double ve = value(expanded);
      x[worst] = ve < vr ? expanded : reflected;
      v[worst] = std::min(ve, vr);
    } else if (vr < v[second]) {
      x[worst] = reflected, v[worst] = vr;
    } else {
      const Eigen::VectorXd contracted = centre + 0.5 * (x[worst] - centre);
      const double vc = value(contracted);
      if (vc < v[worst]) {
        x[worst] = contracted, v[worst] = vc;
      } else {
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (i == best) continue;
          x[i] = x[best] + 0.5 * (x[i] - x[best]);
          v[i] = value(x[i]);
        }
      }
    }
  }
  const auto best = std::min_element(v.begin(), v.end()) - v.begin();
  return {x[std::size_t(best)], false};
}

// The inverse of minus the numerical Hessian of `f` at `at` (central differences, step 1e-4):
// the covariance of the maximum likelihood estimate; nullopt when not positive definite.
std::optional<Eigen::MatrixXd> covariance(const Objective& f, const Eigen::VectorXd& at) {
  constexpr double h = 1e-4;
  const Eigen::Index n = at.size();
  Eigen::MatrixXd info(n, n);
  const double f0 = f(at);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i; j < n; ++j) {
      Eigen::VectorXd pp = at, pm = at, mp = at, mm = at;
      pp[i] += h, pp[j] += h, pm[i] += h, pm[j] -= h, mp[i] -= h, mp[j] += h, mm[i] -= h,
          mm[j] -= h;
      const double second = i == j ? (f(pp) - 2.0 * f0 + f(mm)) / (4.0 * h * h)
                                   : (f(pp) - f(pm) - f(mp) + f(mm)) / (4.0 * h * h);
      info(i, j) = info(j, i) = -second;
    }
  }
  if (!info.allFinite()) return std::nullopt;
  const Eigen::LLT<Eigen::MatrixXd> llt(info);
  if (llt.info() != Eigen::Success) return std::nullopt;
  return llt.solve(Eigen::MatrixXd::Identity(n, n));
}

// The two-parameter `family` at log-parameters (log mean, log of cv or shape).
Distribution two_parameter(PatienceFamily family, const Eigen::VectorXd& p) {
  const double mean = std::exp(p[0]), second = std::exp(p[1]);
  switch (family) {
    case PatienceFamily::Weibull:
      return Distribution::weibull(mean, second);
    case PatienceFamily::Lognormal:
      return Distribution::lognormal(mean, second);
    default:
      return Distribution::gamma(mean, second);
  }
}

std::optional<double> se_of(const std::optional<Eigen::MatrixXd>& cov, Eigen::Index i,
                            double value) {
  if (!cov || !((*cov)(i, i) >= 0)) return std::nullopt;
  return value * std::sqrt((*cov)(i, i));  // delta method from the log-parameter
}

PatienceCandidate fit_two_parameter(PatienceFamily family, const Sample& s,
                                    double exponential_mean) {
  PatienceCandidate c;
  c.family = family;
  const Objective f = [&](const Eigen::VectorXd& p) {
    return log_likelihood(two_parameter(family, p), s);
  };
  Eigen::VectorXd start(2);
  start << std::log(exponential_mean), 0.0;
  const auto [best, converged] = maximise(f, start);
  const std::optional<Eigen::MatrixXd> cov = covariance(f, best);
  c.distribution = two_parameter(family, best);
  c.log_likelihood = f(best);
  c.aic = 2.0 * 2.0 - 2.0 * c.log_likelihood;
  c.mean_s = c.distribution.mean_s;
  c.mean_se_s = se_of(cov, 0, c.mean_s);
  const double second = std::exp(best[1]);
  c.parameters = {
      {"mean_s", c.mean_s, c.mean_se_s},
      {family == PatienceFamily::Weibull ? "shape" : "cv", second, se_of(cov, 1, second)}};
  const bool finite = std::isfinite(c.log_likelihood) && std::isfinite(c.mean_s);
  c.outcome = converged && cov && finite ? FitOutcome::Converged : FitOutcome::NotConverged;
  return c;
}

PatienceCandidate fit_exponential(const PatienceFit& fit, const Sample& s) {
  PatienceCandidate c;
  c.family = PatienceFamily::Exponential;
  c.mean_s = fit.exposure_s / double(fit.abandoned);
  c.mean_se_s = c.mean_s / std::sqrt(double(fit.abandoned));
  c.distribution = Distribution::exponential(c.mean_s);
  c.parameters = {{"mean_s", c.mean_s, c.mean_se_s}};
  c.log_likelihood = log_likelihood(c.distribution, s);
  c.aic = 2.0 - 2.0 * c.log_likelihood;
  c.outcome = std::isfinite(c.log_likelihood) && c.mean_s > 0 ? FitOutcome::Converged
                                                              : FitOutcome::NotConverged;
  return c;
}

// Breakpoints at the quantiles j/p of the abandonment times (+ 0.5 s for whole seconds),
// positive, increasing.
std::vector<double> piece_breakpoints(const std::vector<QueueSpell>& spells, std::size_t pieces,
                                      bool whole_seconds) {
  std::vector<double> times;
  for (const QueueSpell& q : spells) {
    if (q.abandoned) times.push_back(q.wait_s);
  }
  std::sort(times.begin(), times.end());
  std::vector<double> breakpoints;
  for (std::size_t j = 1; j < pieces; ++j) {
    const double b = times[j * times.size() / pieces] + (whole_seconds ? 0.5 : 0.0);
    if (b > 0 && (breakpoints.empty() || b > breakpoints.back())) breakpoints.push_back(b);
  }
  return breakpoints;
}

// Abandonments and time waited in each piece of `breakpoints`.
void piece_counts(const Sample& s, const std::vector<double>& breakpoints,
                  std::vector<double>& deaths, std::vector<double>& exposure) {
  deaths.assign(breakpoints.size() + 1, 0.0);
  exposure.assign(breakpoints.size() + 1, 0.0);
  for (const SpellGroup& g : s.groups) {
    for (std::size_t i = 0; i < deaths.size(); ++i) {
      const double a = i == 0 ? 0.0 : breakpoints[i - 1];
      const double b = i < breakpoints.size() ? breakpoints[i] : INFINITY;
      if (g.wait_s < a) break;
      exposure[i] += g.count * (std::min(g.wait_s, b) - a);
      if (g.abandoned && g.wait_s < b) {
        deaths[i] += g.count;
        break;
      }
    }
  }
}

PatienceCandidate fit_piecewise(const std::vector<QueueSpell>& spells, const Sample& s,
                                std::size_t abandoned) {
  PatienceCandidate c;
  c.family = PatienceFamily::PiecewiseHazard;
  const std::size_t pieces = std::min(kMaxPieces, abandoned / kAbandonmentsPerPiece);
  if (pieces < 2) {
    c.outcome = FitOutcome::TooFewAbandonments;
    return c;
  }
  PiecewiseHazard model{piece_breakpoints(spells, pieces, s.whole_seconds), {}};
  std::vector<double> deaths, exposure;
  for (;;) {
    piece_counts(s, model.breakpoints_s, deaths, exposure);
    if (model.breakpoints_s.empty() || deaths.back() > 0) break;
    model.breakpoints_s.pop_back();  // the open-ended piece needs abandonments (hazard > 0)
  }
  for (std::size_t i = 0; i < deaths.size(); ++i) {
    model.hazard_per_s.push_back(exposure[i] > 0 ? deaths[i] / exposure[i] : 0.0);
  }
  c.breakpoints_s = model.breakpoints_s;
  c.distribution = Distribution::piecewise_hazard(model.breakpoints_s, model.hazard_per_s);
  c.mean_s = model.mean_s();
  // var(log h_i) = 1 / deaths_i (the pieces' information is diagonal); the mean's gradient in
  // the log-hazards by central differences.
  double variance = 0.0;
  for (std::size_t i = 0; i < deaths.size(); ++i) {
    const double h = model.hazard_per_s[i];
    const std::optional<double> se =
        deaths[i] > 0 ? std::optional<double>(h / std::sqrt(deaths[i])) : std::nullopt;
    c.parameters.push_back({"hazard_per_s[" + std::to_string(i) + "]", h, se});
    if (deaths[i] <= 0) continue;
    PiecewiseHazard up = model, down = model;
    up.hazard_per_s[i] *= std::exp(1e-4), down.hazard_per_s[i] *= std::exp(-1e-4);
    const double g = (up.mean_s() - down.mean_s()) / 2e-4;
    variance += g * g / deaths[i];
  }
  c.mean_se_s = std::sqrt(variance);
  c.log_likelihood = log_likelihood(
      s, [&model](double t) { return model.survival(t); },
      [&model](double t) { return model.log_density(t); });
  c.aic = 2.0 * double(deaths.size()) - 2.0 * c.log_likelihood;
  c.outcome =
      std::isfinite(c.log_likelihood) && std::isfinite(c.mean_s) && model.hazard_per_s.back() > 0
          ? FitOutcome::Converged
          : FitOutcome::NotConverged;
  return c;
}

// The survival function of a fitted candidate.
double candidate_survival(const PatienceCandidate& c, double t) {
  if (c.family != PatienceFamily::PiecewiseHazard) return survival(c.distribution, t);
  PiecewiseHazard model{c.breakpoints_s, {}};
  for (const PatienceParameter& p : c.parameters) model.hazard_per_s.push_back(p.value);
  return model.survival(t);
}

// Kaplan–Meier: at each distinct abandonment time t, S *= 1 − d(t)/at_risk(t), where at_risk
// counts spells with wait >= t (censored spells at t are still at risk). Steps (t, S after t).
std::vector<std::pair<double, double>> kaplan_meier(const Sample& s) {
  double at_risk = 0.0;
  for (const SpellGroup& g : s.groups) at_risk += g.count;
  std::vector<std::pair<double, double>> steps;
  double survival = 1.0;
  for (std::size_t i = 0; i < s.groups.size();) {
    const double t = s.groups[i].wait_s;
    double deaths = 0.0, leaving = 0.0;
    for (; i < s.groups.size() && s.groups[i].wait_s == t; ++i) {
      if (s.groups[i].abandoned) deaths += s.groups[i].count;
      leaving += s.groups[i].count;
    }
    if (deaths > 0) {
      survival *= 1.0 - deaths / at_risk;
      steps.emplace_back(t, survival);
    }
    at_risk -= leaving;
  }
  return steps;
}

// Kaplan–Meier survival at t: the last step at or before t.
double km_at(const std::vector<std::pair<double, double>>& steps, double t) {
  const auto it = std::upper_bound(steps.begin(), steps.end(), t,
                                   [](double x, const auto& step) { return x < step.first; });
  return it == steps.begin() ? 1.0 : std::prev(it)->second;
}

void compare_with_km(PatienceCandidate& c, const std::vector<std::pair<double, double>>& steps,
                     const PatienceFit& fit, bool whole_seconds) {
  const double shift = whole_seconds ? 0.5 : 0.0;
  double before = 1.0;
  for (const auto& [t, after] : steps) {
    const double model = candidate_survival(c, t + shift);
    c.ks_km = std::max({c.ks_km, std::abs(model - after), std::abs(model - before)});
    before = after;
  }
  const auto& times = patience_report_times_s();
  c.survival.assign(times.size(), std::nullopt);
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (fit.km_survival[i]) c.survival[i] = candidate_survival(c, times[i]);
  }
}

void fit_candidates(const std::vector<QueueSpell>& spells, const Sample& s,
                    std::optional<PatienceFamily> family, PatienceFit& fit) {
  fit.candidates.push_back(fit_exponential(fit, s));
  const double start = fit.candidates.front().mean_s;
  for (PatienceFamily family :
       {PatienceFamily::Weibull, PatienceFamily::Lognormal, PatienceFamily::Gamma}) {
    fit.candidates.push_back(fit_two_parameter(family, s, start));
  }
  fit.candidates.push_back(fit_piecewise(spells, s, fit.abandoned));
  const std::vector<std::pair<double, double>> steps = kaplan_meier(s);
  for (std::size_t i = 0; i < fit.candidates.size(); ++i) {
    PatienceCandidate& c = fit.candidates[i];
    if (c.outcome != FitOutcome::Converged) continue;
    try {
      compare_with_km(c, steps, fit, s.whole_seconds);
    } catch (const std::exception&) {  // its survival cannot be evaluated everywhere
      c.outcome = FitOutcome::NotConverged;
      continue;
    }
    if (family && c.family != *family) continue;
    if (!fit.chosen || c.aic < fit.candidates[*fit.chosen].aic) fit.chosen = i;
  }
  const PatienceCandidate& chosen = fit.candidates[fit.chosen.value_or(0)];
  fit.distribution = chosen.distribution;
  fit.mean_s = chosen.mean_s;
  fit.se_s = chosen.mean_se_s;
}

void km_summary(const Sample& s, PatienceFit& fit) {
  const std::vector<std::pair<double, double>> steps = kaplan_meier(s);
  const auto& times = patience_report_times_s();
  const double last = s.groups.empty() ? 0.0 : s.groups.back().wait_s;
  fit.km_survival.assign(times.size(), std::nullopt);
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (times[i] <= last) fit.km_survival[i] = km_at(steps, times[i]);
  }
  for (const auto& [t, survival] : steps) {
    if (t > 0 && survival <= 0.5) {
      fit.km_median_s = t;
      break;
    }
  }
}

}  // namespace

const char* family_name(PatienceFamily family) {
  switch (family) {
    case PatienceFamily::Exponential:
      return "exponential";
    case PatienceFamily::Weibull:
      return "weibull";
    case PatienceFamily::Lognormal:
      return "lognormal";
    case PatienceFamily::Gamma:
      return "gamma";
    case PatienceFamily::PiecewiseHazard:
      return "piecewise_hazard";
  }
  return "?";
}

const std::vector<double>& patience_report_times_s() {
  static const std::vector<double> times{30, 60, 120, 300, 600};
  return times;
}

PatienceFit fit_patience(const std::vector<QueueSpell>& spells,
                         std::optional<PatienceFamily> family) {
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
  const Sample sample = sample_of(spells);
  fit.whole_seconds = sample.whole_seconds;
  km_summary(sample, fit);
  if (fit.abandoned > 0 && fit.exposure_s > 0) {
    fit.naive_mean_s = abandoner_waits / double(fit.abandoned);
    fit_candidates(spells, sample, family, fit);
  }
  return fit;
}

PatienceScaleFit fit_patience_scale(const Distribution& shape,
                                    const std::vector<QueueSpell>& spells) {
  PatienceScaleFit fit;
  double exposure = 0.0;
  for (const QueueSpell& s : spells) {
    exposure += s.wait_s;
    fit.abandoned += s.abandoned ? 1 : 0;
  }
  if (fit.abandoned == 0 || !(exposure > 0)) return fit;
  const double n = double(fit.abandoned);
  if (shape.kind == DistKind::Exponential) {
    fit.mean_s = exposure / n;
    fit.se_s = *fit.mean_s / std::sqrt(n);
    return fit;
  }
  const Sample s = sample_of(spells);
  const auto minus_ll = [&](double log_factor) {
    const double ll = log_likelihood(shape.scaled(std::exp(log_factor)), s);
    return std::isfinite(ll) ? -ll : std::numeric_limits<double>::max();
  };
  const double guess = std::log(exposure / n / shape.mean_s);  // the exponential's ratio
  std::uintmax_t iterations = 200;
  const auto [x, value] =
      boost::math::tools::brent_find_minima(minus_ll, guess - 4.0, guess + 4.0, 40, iterations);
  if (!std::isfinite(value) || value == std::numeric_limits<double>::max()) return fit;
  constexpr double h = 1e-3;
  const double second = (minus_ll(x + h) - 2.0 * value + minus_ll(x - h)) / (h * h);
  fit.mean_s = shape.mean_s * std::exp(x);
  if (second > 0 && std::isfinite(second)) fit.se_s = *fit.mean_s / std::sqrt(second);
  return fit;
}

}  // namespace ccsim
