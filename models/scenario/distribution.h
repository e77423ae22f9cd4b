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
  Empirical
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
  // Per-interval means: empty (mean_s in every interval) or one mean per interval of the
  // horizon (Horizon::interval_count()); a contact uses the entry of its arrival interval, with
  // the shape (cv, k, shape) unchanged. Only a contact type's handle_time, wrap_up and patience
  // may have them.
  std::vector<double> mean_s_by_interval;
  // Derived sampler parameters.
  double p1 = 0.0, p2 = 0.0, p3 = 0.0;

  // REQUIRES (checked by the scenario validator, not here): mean_s > 0; cv > 0 for
  // lognormal and gamma; 0 <= min_s <= max_s, max_s > 0 for uniform; k >= 1; shape > 0;
  // values_s non-empty, each >= 0, not all 0.
  static Distribution exponential(double mean_s);
  static Distribution deterministic(double mean_s);
  static Distribution uniform(double min_s, double max_s);
  static Distribution lognormal(double mean_s, double cv);
  static Distribution gamma(double mean_s, double cv);
  static Distribution erlang(double mean_s, int k);
  static Distribution weibull(double mean_s, double shape);
  static Distribution empirical(std::vector<double> values_s);

  // Exact coefficient of variation (standard deviation ÷ mean).
  double exact_cv() const;
  // Draws one value (>= 0).
  double sample(sim::RandomStream& rng) const;
  // The same distribution with every value multiplied by `factor` (> 0).
  Distribution scaled(double factor) const;
};

}  // namespace ccsim
