#include "models/measured/duration_fit.h"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <cmath>
#include <optional>

#include "models/measured/calibrate_text.h"

namespace ccsim {

namespace {

constexpr double kPi = 3.14159265358979323846;

// CDF of a candidate at x.
double candidate_cdf(const CandidateFit& c, double x, double p1, double p2) {
  if (x <= 0) return 0.0;
  switch (c.kind) {
    case DistKind::Exponential:
      return -std::expm1(-x / c.mean_s);
    case DistKind::Lognormal:
      return boost::math::cdf(boost::math::lognormal_distribution<double>(p1, p2), x);
    case DistKind::Gamma:
      return boost::math::cdf(boost::math::gamma_distribution<double>(p1, p2), x);
    default:
      return 0.0;
  }
}

// KS distance of the sorted sample `x` to a candidate; with `rounded`, the sample is in whole
// units and the model is compared at v ± 0.5.
double ks_distance(const std::vector<double>& x, const CandidateFit& c, double p1, double p2,
                   bool rounded) {
  const double n = double(x.size());
  double d = 0.0;
  std::size_t i = 0;
  while (i < x.size()) {
    std::size_t j = i;
    while (j < x.size() && x[j] == x[i]) ++j;
    const double below = double(i) / n, upto = double(j) / n;
    const double lo = candidate_cdf(c, rounded ? x[i] - 0.5 : x[i], p1, p2);
    const double hi = candidate_cdf(c, rounded ? x[i] + 0.5 : x[i], p1, p2);
    d = std::max({d, std::abs(upto - hi), std::abs(below - lo)});
    i = j;
  }
  return d;
}

// Empirical distribution keeping the sample mean: the means of up to 500 equal-count groups of
// the sorted sample.
Distribution empirical_of(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size(), m = std::min<std::size_t>(n, 500);
  std::vector<double> values;
  values.reserve(m);
  for (std::size_t g = 0; g < m; ++g) {
    const std::size_t a = g * n / m, b = (g + 1) * n / m;
    double sum = 0;
    for (std::size_t k = a; k < b; ++k) sum += sorted[k];
    values.push_back(round_to(sum / double(b - a), 2));
  }
  if (std::all_of(values.begin(), values.end(), [](double v) { return v <= 0; })) {
    values.assign(1, 0.01);
  }
  return Distribution::empirical(values);
}

// What the candidates are fitted to: the sorted sample and its statistics. Values below
// `floor_value` count as floor_value in the parametric fits.
struct Sample {
  std::vector<double> sorted;
  double n = 0;
  bool rounded = false;  // whole units: a continuity correction applies
  double floor_value = 0;
  double sum_log = 0, mean_adj = 0, mean_log = 0, sigma2 = 0;
  bool spread() const { return sorted.size() >= 2 && sigma2 > 1e-12; }
};

// The sample's statistics; its mean and cv into `fit`. REQUIRES: values not empty.
Sample describe(std::vector<double> values, DurationFit& fit) {
  Sample s;
  std::sort(values.begin(), values.end());
  s.sorted = std::move(values);
  const std::vector<double>& x = s.sorted;
  const double n = s.n = double(x.size());
  s.rounded = std::all_of(x.begin(), x.end(), [](double v) { return v == std::floor(v); });
  s.floor_value = s.rounded ? 0.5 : 1e-3;
  double sum = 0, sum2 = 0, sum_adj = 0;
  for (double v : x) {
    sum += v;
    sum2 += v * v;
    const double a = std::max(v, s.floor_value);
    sum_adj += a;
    s.sum_log += std::log(a);
  }
  fit.mean_s = sum / n;
  const double var =
      x.size() > 1 ? std::max(0.0, (sum2 - n * fit.mean_s * fit.mean_s) / (n - 1)) : 0.0;
  fit.cv = fit.mean_s > 0 ? std::sqrt(var) / fit.mean_s : 0.0;
  s.mean_adj = sum_adj / n;
  s.mean_log = s.sum_log / n;
  double ss_log = 0;
  for (double v : x) {
    const double d = std::log(std::max(v, s.floor_value)) - s.mean_log;
    ss_log += d * d;
  }
  s.sigma2 = ss_log / n;
  return s;
}

CandidateFit exponential_fit(const Sample& s) {
  CandidateFit c;
  c.kind = DistKind::Exponential;
  c.mean_s = s.mean_adj;
  c.cv = 1.0;
  c.log_likelihood = -s.n * (std::log(s.mean_adj) + 1.0);
  c.aic = 2.0 - 2.0 * c.log_likelihood;
  c.ks = ks_distance(s.sorted, c, 0, 0, s.rounded);
  return c;
}

CandidateFit lognormal_fit(const Sample& s) {
  const double n = s.n;
  CandidateFit c;
  c.kind = DistKind::Lognormal;
  const double sigma = std::sqrt(s.sigma2);
  c.mean_s = std::exp(s.mean_log + 0.5 * s.sigma2);
  c.cv = std::sqrt(std::expm1(s.sigma2));
  c.log_likelihood = -s.sum_log - n * std::log(sigma) - 0.5 * n * std::log(2 * kPi) - 0.5 * n;
  c.aic = 4.0 - 2.0 * c.log_likelihood;
  c.ks = ks_distance(s.sorted, c, s.mean_log, sigma, s.rounded);
  return c;
}

// Gamma: shape k solves ln k − ψ(k) = s, s = ln(mean) − mean(ln x) > 0; nullopt when s is 0.
std::optional<CandidateFit> gamma_fit(const Sample& sample) {
  const double n = sample.n, mean_adj = sample.mean_adj;
  const double s = std::log(mean_adj) - sample.mean_log;
  if (!(s > 1e-12)) return std::nullopt;
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (int it = 0; it < 100; ++it) {
    const double f = std::log(k) - boost::math::digamma(k) - s;
    const double df = 1.0 / k - boost::math::trigamma(k);
    const double next = k - f / df;
    const double step = next > 0 ? next : k / 2;
    if (std::abs(step - k) < 1e-12 * k) {
      k = step;
      break;
    }
    k = step;
  }
  const double theta = mean_adj / k;
  CandidateFit g;
  g.kind = DistKind::Gamma;
  g.mean_s = mean_adj;
  g.cv = 1.0 / std::sqrt(k);
  g.log_likelihood = (k - 1) * sample.sum_log - n * mean_adj / theta - n * k * std::log(theta) -
                     n * std::lgamma(k);
  g.aic = 4.0 - 2.0 * g.log_likelihood;
  g.ks = ks_distance(sample.sorted, g, k, theta, sample.rounded);
  return g;
}

// The candidate of lowest AIC unless it misfits (DurationFit::chosen), else the empirical
// distribution of the sample.
Distribution chosen_distribution(const DurationFit& fit, const Sample& s) {
  const auto best = std::min_element(fit.candidates.begin(), fit.candidates.end(),
                                     [](const auto& a, const auto& b) { return a.aic < b.aic; });
  const double ks_limit = std::max(0.03, 1.63 / std::sqrt(s.n));
  const bool mean_ok = std::abs(best->mean_s - fit.mean_s) <= 0.03 * fit.mean_s;
  if (!(best->ks <= ks_limit && mean_ok && fit.mean_s > 0)) return empirical_of(s.sorted);
  const double mean = round_to(best->mean_s, 2), cv = round_to(best->cv, 4);
  switch (best->kind) {
    case DistKind::Lognormal:
      return Distribution::lognormal(mean, cv);
    case DistKind::Gamma:
      return Distribution::gamma(mean, cv);
    default:
      return Distribution::exponential(mean);
  }
}

}  // namespace

DurationFit fit_durations(std::vector<double> values) {
  DurationFit fit;
  fit.n = values.size();
  if (values.empty()) return fit;
  const Sample sample = describe(std::move(values), fit);
  fit.candidates.push_back(exponential_fit(sample));
  if (sample.spread()) {
    fit.candidates.push_back(lognormal_fit(sample));
    if (auto g = gamma_fit(sample)) fit.candidates.push_back(*g);
  }
  fit.chosen = chosen_distribution(fit, sample);
  return fit;
}

}  // namespace ccsim
