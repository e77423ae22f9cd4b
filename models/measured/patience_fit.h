// Patience estimated from the time callers of a log spent in the queue, by maximum likelihood
// with right-censoring (answered callers' patience is only known to exceed their wait):
// exponential, Weibull, lognormal, gamma and a piecewise-constant hazard, the lowest AIC chosen,
// with Kaplan–Meier survival beside each fit.
//
// The likelihood, one for every candidate: an answered spell of wait w contributes log S(w) (a
// caller answered at once: log S(0) = 0). An abandonment at w contributes, when every wait of
// the sample is a whole number of seconds (times rounded to the second), log P(max(0, w − 0.5)
// <= X < w + 0.5) (so an abandonment at 0 s is one in [0, 0.5)); otherwise log f(w), and an
// abandonment at w <= 0 contributes log P(X < 0.001).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/distribution.h"

namespace ccsim {

// One contact that waited in the queue: its time in queue and whether it ended by abandoning
// (true) or by an agent answering (false: its patience is censored, known only to exceed it).
struct QueueSpell {
  double wait_s = 0.0;
  bool abandoned = false;
};

// One parameter of a candidate, as the scenario names it where it can (mean_s, shape, cv,
// hazard_per_s[i]), with its standard error (observed information; nullopt where the
// information matrix is not invertible).
struct PatienceParameter {
  std::string name;
  double value = 0.0;
  std::optional<double> se;
};

enum class FitOutcome { Converged, NotConverged, TooFewAbandonments };

enum class PatienceFamily { Exponential, Weibull, Lognormal, Gamma, PiecewiseHazard };
// "exponential", "weibull", "lognormal", "gamma", "piecewise_hazard".
const char* family_name(PatienceFamily family);

struct PatienceCandidate {
  PatienceFamily family = PatienceFamily::Exponential;
  FitOutcome outcome = FitOutcome::NotConverged;
  // The fitted distribution (when Converged); the piecewise hazard's breakpoints_s also here.
  Distribution distribution;
  std::vector<double> breakpoints_s;
  std::vector<PatienceParameter> parameters;
  double log_likelihood = 0.0;  // at the fitted parameters, the likelihood of this header
  double aic = 0.0;             // 2·free parameters − 2·log_likelihood
  double mean_s = 0.0;
  // Standard error of the mean: the delta method on the inverse observed information (the
  // numerical Hessian of the log-likelihood in log-parameters); exponential: mean/√abandoned;
  // piecewise hazard: var(log hazard_i) = 1/abandonments_i, the pieces independent.
  std::optional<double> mean_se_s;
  // Largest distance between the candidate's survival and Kaplan–Meier's, over the abandonment
  // times up to the last spell (for whole-second waits the model is read at w + 0.5).
  double ks_km = 0.0;
  // Survival at patience_report_times_s() (nullopt where Kaplan–Meier has none).
  std::vector<std::optional<double>> survival;
};

struct PatienceFit {
  std::size_t queued = 0;      // spells (callers answered at once count with wait 0)
  std::size_t abandoned = 0;   // spells ending in abandonment
  double exposure_s = 0.0;     // total time waited by every caller, abandoned or answered
  bool whole_seconds = false;  // every wait a whole number of seconds (see the likelihood)
  // Exponential, Weibull, lognormal, gamma, piecewise hazard, in this order (empty without
  // abandonments). The exponential is closed form, θ = abandoned ÷ exposure (its continuous-time
  // maximum likelihood); the piecewise hazard has breakpoints at the quantiles j/p of the
  // abandonment times (p = min(6, abandoned ÷ 25) pieces, + 0.5 s for whole-second waits) and
  // per piece hazard = abandonments in it ÷ time waited in it; its breakpoints are not counted as
  // free parameters. Weibull, lognormal and gamma are maximised numerically (Nelder–Mead in
  // log-parameters, bounded iterations); one that does not converge is NotConverged.
  std::vector<PatienceCandidate> candidates;
  std::optional<std::size_t> chosen;  // the Converged candidate of lowest AIC
  // The chosen candidate's distribution, mean and its standard error (nullopt without
  // abandonments).
  std::optional<Distribution> distribution;
  std::optional<double> mean_s, se_s;
  // The naive (biased low) mean wait of abandoners, reported for contrast only.
  std::optional<double> naive_mean_s;
  // Kaplan–Meier survival of patience at report_times_s() (nullopt past the last spell), and its
  // median when it falls to 0.5.
  std::vector<std::optional<double>> km_survival;
  std::optional<double> km_median_s;
  bool pooled = false;  // too few abandonments: the fit of all types together
};
const std::vector<double>& patience_report_times_s();
// `family`: choose the lowest AIC among the candidates of this family only (the exponential
// when it did not converge); Default: nullopt (every family).
PatienceFit fit_patience(const std::vector<QueueSpell>& spells,
                         std::optional<PatienceFamily> family = std::nullopt);

// The scale of a fixed shape refitted to other spells (e.g. one interval's).
struct PatienceScaleFit {
  std::size_t abandoned = 0;
  // The mean of the shape's distribution with its scale at the maximum likelihood (the
  // likelihood of this header), and its standard error (observed information); nullopt without
  // abandonments or when the fit fails. Exponential: abandoned ÷ exposure and mean/√abandoned,
  // as fit_patience.
  std::optional<double> mean_s, se_s;
};
// REQUIRES: `shape` is a fitted candidate's distribution (any kind but empirical).
PatienceScaleFit fit_patience_scale(const Distribution& shape,
                                    const std::vector<QueueSpell>& spells);

}  // namespace ccsim
