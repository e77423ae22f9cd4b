// Durations fitted to a sample (handle and wrap-up times of a log): exponential, lognormal and
// gamma by maximum likelihood, the lowest AIC chosen unless it misfits, then an empirical
// distribution that keeps the sample mean.
#pragma once

#include <cstddef>
#include <vector>

#include "models/scenario/distribution.h"

namespace ccsim {

struct CandidateFit {
  DistKind kind = DistKind::Exponential;  // Exponential, Lognormal or Gamma
  double mean_s = 0.0;
  double cv = 1.0;
  double log_likelihood = 0.0;  // total, at the maximum likelihood parameters
  double aic = 0.0;             // 2·parameters − 2·log_likelihood
  double ks = 0.0;              // Kolmogorov–Smirnov distance to the sample
};

struct DurationFit {
  std::size_t n = 0;
  double mean_s = 0.0;                   // sample mean
  double cv = 0.0;                       // sample coefficient of variation
  std::vector<CandidateFit> candidates;  // exponential, lognormal, gamma
  // The distribution chosen: the candidate of lowest AIC, unless its KS distance exceeds
  // max(0.03, 1.63/√n) (rejected at 1% and visibly off) or its mean is more than 3% from the
  // sample mean; then "empirical": the means of 500 equal-count groups of the sorted sample (all
  // values when n <= 500), which keeps the sample mean.
  Distribution chosen;
  bool pooled = false;  // too few observations: the fit of all types together
};

// Fits `values` (>= 0; at least 1). Data in whole seconds (all values integers) are treated as
// rounded: values below 0.5 s count as 0.5 s in the parametric fits, and the KS distance
// compares the empirical distribution at v with the model at v + 0.5 (continuity correction).
DurationFit fit_durations(std::vector<double> values);

}  // namespace ccsim
