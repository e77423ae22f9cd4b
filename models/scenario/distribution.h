// One value type for every duration distribution of a scenario (handle, wrap-up, patience,
// delays). Parameters are given as the contract names them (mean_s and cv, k, shape, ...);
// the constructor functions derive the sampler's own parameters so that the mean of the
// distribution is exactly the mean given.
#pragma once

#include <string>
#include <vector>

#include "sim/random.h"

namespace ccsim {

enum class DistKind {
  Exponential,
  Deterministic,
  Uniform,
  Lognormal,
  Gamma,
  Erlang,
  Weibull,
  Empirical,
  PiecewiseHazard
};

// Contract name of a kind ("exponential", ...).
const char* dist_name(DistKind kind);

struct Distribution {
  DistKind kind = DistKind::Exponential;
  double mean_s = 0.0;  // exact mean of the distribution, for every kind
  // As given in the scenario (0 when not applicable).
  double cv = 0.0;
  double min_s = 0.0, max_s = 0.0;
  int k = 0;
  double shape = 0.0;
  std::vector<double> values_s;
  // Piecewise-constant hazard: breakpoints_s increasing, first > 0; hazard_per_s one more entry
  // than breakpoints_s (piece i runs from breakpoints_s[i-1], or 0, to breakpoints_s[i], the last
  // piece is open-ended), each >= 0, the last > 0.
  std::vector<double> breakpoints_s, hazard_per_s;
  // Per-interval means: empty (mean_s in every interval) or one mean per interval of the
  // horizon (Horizon::interval_count()); a contact uses the entry of its arrival interval, with
  // the shape (cv, k, shape) unchanged. Only a contact type's handle_time, wrap_up and patience
  // may have them.
  std::vector<double> mean_s_by_interval;
  // Derived sampler parameters.
  double p1 = 0.0, p2 = 0.0, p3 = 0.0;

  // REQUIRES (checked by the scenario validator, not here): mean_s > 0; cv > 0 for
  // lognormal and gamma; 0 <= min_s <= max_s, max_s > 0 for uniform; k >= 1; shape > 0;
  // values_s non-empty, each >= 0, not all 0; breakpoints_s and hazard_per_s as documented at
  // the members.
  static Distribution exponential(double mean_s);
  static Distribution deterministic(double mean_s);
  static Distribution uniform(double min_s, double max_s);
  static Distribution lognormal(double mean_s, double cv);
  static Distribution gamma(double mean_s, double cv);
  static Distribution erlang(double mean_s, int k);
  static Distribution weibull(double mean_s, double shape);
  static Distribution empirical(std::vector<double> values_s);
  // Survival S(t) = exp(−H(t)), H the integral of the piecewise-constant hazard; mean_s = ∫S.
  static Distribution piecewise_hazard(std::vector<double> breakpoints_s,
                                       std::vector<double> hazard_per_s);
  // Survival function P(X > t), exact, for every kind but empirical (where it is the share of
  // values above t).
  double survival(double t) const;
  // Piecewise hazard only: H(t) = ∫₀ᵗ hazard, and its inverse (the t with H(t) = h, h >= 0).
  double cumulative_hazard(double t) const;
  double inverse_cumulative_hazard(double h) const;

  // Exact coefficient of variation (standard deviation ÷ mean).
  double exact_cv() const;
  // Draws one value (>= 0).
  double sample(sim::RandomStream& rng) const;
  // The same distribution with every value multiplied by `factor` (> 0).
  Distribution scaled(double factor) const;

  // The same shape with mean `mean_s` (> 0) and no per-interval means: the kinds with a mean_s
  // parameter are built anew from it (bit-identical to the constructor given `mean_s`),
  // uniform, empirical and piecewise_hazard are scaled.
  Distribution with_mean(double mean_s) const;
  // The mean of a contact arriving in interval k: mean_s_by_interval[k], or mean_s without
  // per-interval means. REQUIRES: 0 <= k < mean_s_by_interval.size() when it is not empty.
  double mean_in(int k) const {
    return mean_s_by_interval.empty() ? mean_s : mean_s_by_interval[std::size_t(k)];
  }
  // The distribution a contact arriving in interval k draws from: with_mean(mean_in(k)), or a
  // copy of this one without per-interval means.
  Distribution in_interval(int k) const;
  // One distribution per interval (in_interval(k) for each k), or empty without per-interval
  // means.
  std::vector<Distribution> by_interval() const;
  // The finishing step after mean_s_by_interval is set (by the reader or a forecast file):
  // mean_s becomes their average (exactly the common value when all are equal) and the
  // sampler's parameters are derived from it, for what does not look at intervals (e.g. the
  // fastest_group order). Nothing changes without per-interval means.
  // REQUIRES: every entry > 0.
  void finish_interval_means();
};

}  // namespace ccsim
