#include "models/scenario/distribution.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numeric>

namespace ccsim {

const char* dist_name(DistKind kind) {
  switch (kind) {
    case DistKind::Exponential:
      return "exponential";
    case DistKind::Deterministic:
      return "deterministic";
    case DistKind::Uniform:
      return "uniform";
    case DistKind::Lognormal:
      return "lognormal";
    case DistKind::Gamma:
      return "gamma";
    case DistKind::Erlang:
      return "erlang";
    case DistKind::Weibull:
      return "weibull";
    case DistKind::Empirical:
      return "empirical";
    case DistKind::PiecewiseHazard:
      return "piecewise_hazard";
  }
  return "?";
}

Distribution Distribution::exponential(double mean_s) {
  Distribution d;
  d.kind = DistKind::Exponential;
  d.mean_s = mean_s;
  return d;
}

Distribution Distribution::deterministic(double mean_s) {
  Distribution d;
  d.kind = DistKind::Deterministic;
  d.mean_s = mean_s;
  return d;
}

Distribution Distribution::uniform(double min_s, double max_s) {
  Distribution d;
  d.kind = DistKind::Uniform;
  d.min_s = min_s;
  d.max_s = max_s;
  d.mean_s = 0.5 * (min_s + max_s);
  return d;
}

Distribution Distribution::lognormal(double mean_s, double cv) {
  Distribution d;
  d.kind = DistKind::Lognormal;
  d.mean_s = mean_s;
  d.cv = cv;
  const double sigma2 = std::log1p(cv * cv);
  d.p1 = std::log(mean_s) - 0.5 * sigma2;  // mu
  d.p2 = std::sqrt(sigma2);                // sigma
  return d;
}

Distribution Distribution::gamma(double mean_s, double cv) {
  Distribution d;
  d.kind = DistKind::Gamma;
  d.mean_s = mean_s;
  d.cv = cv;
  d.p1 = 1.0 / (cv * cv);  // shape alpha
  d.p2 = mean_s / d.p1;    // scale
  return d;
}

Distribution Distribution::erlang(double mean_s, int k) {
  Distribution d;
  d.kind = DistKind::Erlang;
  d.mean_s = mean_s;
  d.k = k;
  d.p1 = mean_s / k;  // mean of each phase
  return d;
}

Distribution Distribution::weibull(double mean_s, double shape) {
  Distribution d;
  d.kind = DistKind::Weibull;
  d.mean_s = mean_s;
  d.shape = shape;
  d.p1 = mean_s / std::tgamma(1.0 + 1.0 / shape);  // scale
  d.p2 = 1.0 / shape;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values_s) {
  Distribution d;
  d.kind = DistKind::Empirical;
  d.mean_s = std::accumulate(values_s.begin(), values_s.end(), 0.0) / double(values_s.size());
  d.values_s = std::move(values_s);
  return d;
}

namespace {
// Start of piece i of a piecewise hazard (0 for the first).
double piece_start(const std::vector<double>& breakpoints_s, std::size_t i) {
  return i == 0 ? 0.0 : breakpoints_s[i - 1];
}

// ∫ t^power · exp(−h·(t − a)) dt over [a, a + length) (length may be infinite), power 0 or 1.
double piece_moment(double a, double length, double h, int power) {
  if (h <= 0.0) return power == 0 ? length : a * length + 0.5 * length * length;
  const double tail = std::isinf(length) ? 0.0 : std::exp(-h * length);
  const double m0 = -std::expm1(-h * length) / h;
  if (power == 0) return m0;
  const double l_tail = std::isinf(length) ? 0.0 : length * tail;
  return a * m0 + (1.0 / (h * h)) * (1.0 - tail) - l_tail / h;
}

// ∫ t^power · S(t) dt over [0, ∞) of a piecewise hazard, power 0 (the mean) or 1 (E[X²]/2).
double piecewise_moment(const Distribution& d, int power) {
  double total = 0.0, cumulative = 0.0;
  for (std::size_t i = 0; i < d.hazard_per_s.size(); ++i) {
    const double a = piece_start(d.breakpoints_s, i);
    const double b = i < d.breakpoints_s.size() ? d.breakpoints_s[i] : INFINITY;
    total += std::exp(-cumulative) * piece_moment(a, b - a, d.hazard_per_s[i], power);
    if (i < d.breakpoints_s.size()) cumulative += d.hazard_per_s[i] * (b - a);
  }
  return total;
}
}  // namespace

Distribution Distribution::piecewise_hazard(std::vector<double> breakpoints_s,
                                            std::vector<double> hazard_per_s) {
  Distribution d;
  d.kind = DistKind::PiecewiseHazard;
  d.breakpoints_s = std::move(breakpoints_s);
  d.hazard_per_s = std::move(hazard_per_s);
  d.mean_s = piecewise_moment(d, 0);
  return d;
}

double Distribution::cumulative_hazard(double t) const {
  double h = 0.0;
  for (std::size_t i = 0; i < hazard_per_s.size(); ++i) {
    const double a = piece_start(breakpoints_s, i);
    if (t <= a) break;
    const double b = i < breakpoints_s.size() ? breakpoints_s[i] : INFINITY;
    h += hazard_per_s[i] * (std::min(t, b) - a);
  }
  return h;
}

double Distribution::inverse_cumulative_hazard(double h) const {
  double cumulative = 0.0;
  for (std::size_t i = 0; i < hazard_per_s.size(); ++i) {
    const double a = piece_start(breakpoints_s, i);
    const bool last = i == breakpoints_s.size();
    const double piece = last ? INFINITY : hazard_per_s[i] * (breakpoints_s[i] - a);
    if (last || cumulative + piece > h) return a + (h - cumulative) / hazard_per_s[i];
    cumulative += piece;
  }
  return 0.0;
}

double Distribution::survival(double t) const {
  if (t < 0.0) return 1.0;
  switch (kind) {
    case DistKind::Exponential:
      return std::exp(-t / mean_s);
    case DistKind::Deterministic:
      return t < mean_s ? 1.0 : 0.0;
    case DistKind::Uniform:
      return t < min_s ? 1.0 : t >= max_s ? 0.0 : (max_s - t) / (max_s - min_s);
    case DistKind::Lognormal:
      return t <= 0.0 ? 1.0 : 0.5 * std::erfc((std::log(t) - p1) / (p2 * std::sqrt(2.0)));
    case DistKind::Gamma:
      return boost::math::gamma_q(p1, t / p2);
    case DistKind::Erlang:
      return boost::math::gamma_q(double(k), t / p1);
    case DistKind::Weibull:
      return std::exp(-std::pow(t / p1, 1.0 / p2));
    case DistKind::Empirical: {
      const auto above =
          std::count_if(values_s.begin(), values_s.end(), [t](double v) { return v > t; });
      return double(above) / double(values_s.size());
    }
    case DistKind::PiecewiseHazard:
      return std::exp(-cumulative_hazard(t));
  }
  return 0.0;
}

double Distribution::exact_cv() const {
  switch (kind) {
    case DistKind::Exponential:
      return 1.0;
    case DistKind::Deterministic:
      return 0.0;
    case DistKind::Uniform:
      return (max_s - min_s) / std::sqrt(12.0) / mean_s;
    case DistKind::Lognormal:
    case DistKind::Gamma:
      return cv;
    case DistKind::Erlang:
      return 1.0 / std::sqrt(double(k));
    case DistKind::Weibull: {
      const double g1 = std::tgamma(1.0 + 1.0 / shape), g2 = std::tgamma(1.0 + 2.0 / shape);
      return std::sqrt(g2 - g1 * g1) / g1;
    }
    case DistKind::Empirical: {
      double ss = 0.0;
      for (double v : values_s) ss += (v - mean_s) * (v - mean_s);
      return std::sqrt(ss / double(values_s.size())) / mean_s;
    }
    case DistKind::PiecewiseHazard: {
      const double second = 2.0 * piecewise_moment(*this, 1);
      return std::sqrt(std::max(0.0, second - mean_s * mean_s)) / mean_s;
    }
  }
  return 0.0;
}

namespace {
// Marsaglia and Tsang (2000), "A simple method for generating gamma variables", for shape >= 1;
// shape < 1 by the boost x * U^(1/shape).
double gamma_unit_scale(double alpha, sim::RandomStream& rng) {
  if (alpha < 1.0) {
    return gamma_unit_scale(alpha + 1.0, rng) * std::pow(rng.uniform(), 1.0 / alpha);
  }
  const double d = alpha - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}
}  // namespace

double Distribution::sample(sim::RandomStream& rng) const {
  switch (kind) {
    case DistKind::Exponential:
      return rng.exponential(mean_s);
    case DistKind::Deterministic:
      return mean_s;
    case DistKind::Uniform:
      return min_s + (max_s - min_s) * rng.uniform();
    case DistKind::Lognormal:
      return std::exp(p1 + p2 * rng.normal());
    case DistKind::Gamma:
      return p2 * gamma_unit_scale(p1, rng);
    case DistKind::Erlang: {
      double product = 1.0, log_sum = 0.0;
      for (int i = 0; i < k; ++i) {
        product *= rng.uniform();
        if (product < 1e-250) {  // keep the product away from underflow for large k
          log_sum += std::log(product);
          product = 1.0;
        }
      }
      return -p1 * (log_sum + std::log(product));
    }
    case DistKind::Weibull:
      return p1 * std::pow(rng.exponential(1.0), p2);
    case DistKind::Empirical: {
      const auto i = static_cast<std::size_t>(rng.uniform() * double(values_s.size()));
      return values_s[std::min(i, values_s.size() - 1)];
    }
    case DistKind::PiecewiseHazard:
      return inverse_cumulative_hazard(rng.exponential(1.0));
  }
  return mean_s;
}

Distribution Distribution::scaled(double factor) const {
  switch (kind) {
    case DistKind::Exponential:
      return exponential(mean_s * factor);
    case DistKind::Deterministic:
      return deterministic(mean_s * factor);
    case DistKind::Uniform:
      return uniform(min_s * factor, max_s * factor);
    case DistKind::Lognormal:
      return lognormal(mean_s * factor, cv);
    case DistKind::Gamma:
      return gamma(mean_s * factor, cv);
    case DistKind::Erlang:
      return erlang(mean_s * factor, k);
    case DistKind::Weibull:
      return weibull(mean_s * factor, shape);
    case DistKind::Empirical: {
      std::vector<double> v = values_s;
      for (double& x : v) x *= factor;
      return empirical(std::move(v));
    }
    case DistKind::PiecewiseHazard: {
      std::vector<double> b = breakpoints_s, h = hazard_per_s;
      for (double& x : b) x *= factor;
      for (double& x : h) x /= factor;
      return piecewise_hazard(std::move(b), std::move(h));
    }
  }
  return *this;
}

Distribution Distribution::with_mean(double new_mean_s) const {
  switch (kind) {
    case DistKind::Exponential:
      return exponential(new_mean_s);
    case DistKind::Deterministic:
      return deterministic(new_mean_s);
    case DistKind::Lognormal:
      return lognormal(new_mean_s, cv);
    case DistKind::Gamma:
      return gamma(new_mean_s, cv);
    case DistKind::Erlang:
      return erlang(new_mean_s, k);
    case DistKind::Weibull:
      return weibull(new_mean_s, shape);
    case DistKind::Uniform:
    case DistKind::Empirical:
    case DistKind::PiecewiseHazard:
      break;
  }
  Distribution d = scaled(new_mean_s / mean_s);
  d.mean_s_by_interval.clear();
  return d;
}

Distribution Distribution::in_interval(int k) const {
  if (!mean_s_by_interval.empty()) return with_mean(mean_in(k));
  Distribution d = *this;
  d.mean_s_by_interval.clear();
  return d;
}

std::vector<Distribution> Distribution::by_interval() const {
  std::vector<Distribution> out;
  out.reserve(mean_s_by_interval.size());
  for (double m : mean_s_by_interval) out.push_back(with_mean(m));
  return out;
}

void Distribution::finish_interval_means() {
  if (mean_s_by_interval.empty()) return;
  const std::vector<double>& m = mean_s_by_interval;
  const bool all_equal = std::all_of(m.begin(), m.end(), [&m](double x) { return x == m[0]; });
  const double mean =
      all_equal ? m[0] : std::accumulate(m.begin(), m.end(), 0.0) / double(m.size());
  std::vector<double> means = std::move(mean_s_by_interval);
  *this = with_mean(mean);
  mean_s_by_interval = std::move(means);
}

}  // namespace ccsim
