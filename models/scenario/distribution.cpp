#include "models/scenario/distribution.h"

#include <algorithm>
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
      return p1 * std::pow(-std::log(rng.uniform()), p2);
    case DistKind::Empirical: {
      const auto i = static_cast<std::size_t>(rng.uniform() * double(values_s.size()));
      return values_s[std::min(i, values_s.size() - 1)];
    }
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
