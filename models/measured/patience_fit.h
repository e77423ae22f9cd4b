// Patience estimated from the time callers of a log spent in the queue: exponential by maximum
// likelihood with censoring (answered callers' patience is only known to exceed their wait),
// with Kaplan–Meier survival for comparison.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace ccsim {

// One contact that waited in the queue: its time in queue and whether it ended by abandoning
// (true) or by an agent answering (false: its patience is censored, known only to exceed it).
struct QueueSpell {
  double wait_s = 0.0;
  bool abandoned = false;
};

struct PatienceFit {
  std::size_t queued = 0;     // spells (callers answered at once count with wait 0)
  std::size_t abandoned = 0;  // spells ending in abandonment
  double exposure_s = 0.0;    // total time waited by every caller, abandoned or answered
  // Exponential patience by maximum likelihood with right-censoring: θ = abandoned ÷ exposure,
  // mean = 1/θ, standard error mean/√abandoned. nullopt without abandonments.
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
PatienceFit fit_patience(const std::vector<QueueSpell>& spells);

}  // namespace ccsim
