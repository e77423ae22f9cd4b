// Calibration: a scenario (as JSON, valid for `ccsim validate`) estimated from a per-contact
// log, with the fits behind it.
//
// Estimators (each documented at its declaration):
//   - arrivals: contacts that reached the agent queue, per interval of their queue entry and
//     per type, ÷ the number of selected days present in the log;
//   - handle time per type: exponential, lognormal and gamma fitted by maximum likelihood, the
//     lowest AIC chosen unless it misfits (fit_durations), then an empirical distribution;
//   - patience per type: exponential, by maximum likelihood with censoring (fit_patience);
//   - priority per type: the median log priority of its contacts that waited;
//   - agents available over the day: from when agents served and when callers waited, then
//     fitted by simulation to the share of callers answered at once (StaffingEstimate),
//     averaged over the days, written as shifts;
//   - one agent group with every type as a skill.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/measured/contact_log.h"
#include "models/scenario/distribution.h"

namespace ccsim {

// ---------------------------------------------------------------------------------------------
// Durations

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

// ---------------------------------------------------------------------------------------------
// Patience

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

// ---------------------------------------------------------------------------------------------
// Staffing

// Agents available, estimated from a log in two steps.
//
// 1. The activity estimate, from the log alone. For each day and each named agent, with its
//    services [end − handle, end + wrap) sorted:
//    - the agent is available while serving;
//    - in the idle gap between two consecutive services, the agent is available from the last
//      moment in the gap at which a contact of a type the agent serves (any type it served on
//      the selected days) was waiting, or from the start of the gap if none waited, to the next
//      service. Work conservation: an available agent does not stay idle while a caller it
//      could serve waits; so an idle agent was away (other work, a break) while callers waited,
//      and came back at the earliest after the last of them;
//    - before its first and after its last service of the day the agent is not available.
//    Services without an agent name count as one agent available while serving. The estimate
//    lies between the busy agents (a lower bound: occupancy 100%) and the agents logged in
//    from first to last service (an upper bound). Bias: upward wherever no caller waits, since
//    nothing then tells an idle agent doing other work from an available one (quiet evenings:
//    the model sees agents who were not taking calls); slightly downward by the second or two
//    an available agent stays idle while routing hands it a waiting caller.
//
// 2. Unless StaffingMethod::Activity, a fit by simulation: every slot of an interval is shifted
//    by the same number of agents until the simulated share of callers answered at once
//    (AnsweredAtOnce) or answered at all (Throughput) matches the log's. A log says whether a
//    caller found a free agent, not how many were free; a queueing model is needed to turn the
//    first into the second, and the simulation is that model. Newton steps with the slope of
//    Erlang A's P(no wait) (or P(answered)) per agent, at most 1.5 agents per step, at most 15
//    simulation rounds of `replications` each with the scenario's seed (common random numbers,
//    so the rounds converge), stopped when every interval is within 0.005; intervals with
//    fewer than 2 callers a day keep the activity estimate; no interval goes below its busy
//    agents. Bias of AnsweredAtOnce: the real centre's availability reacts to its queue (agents
//    return when callers wait), which a model with the same average availability does not, so
//    the agents that reproduce the share answered at once are slightly fewer than those that
//    reproduce waits, and waits and abandonment are then over- rather than underestimated.
//    Throughput matches abandonment by construction and underestimates waits.
struct StaffingEstimate {
  double slot_s = 900.0;          // resolution of `available`
  std::vector<double> available;  // per slot from the horizon start: agents, day average
  // Per interval of the horizon, day averages, for the report:
  std::vector<double> busy;                // time-average of agents serving
  std::vector<double> available_mean;      // time-average of `available`
  std::vector<double> distinct;            // agents who served at least one call in the interval
  std::vector<double> logged_in;           // time-average of agents between first and last service
  std::vector<double> busy_while_waiting;  // time-average of agents serving while callers waited
  // Fitted methods only: the activity estimate before the fit (per interval), the measured and
  // simulated shares the fit matched (answered at once, or answered), and the rounds run.
  std::vector<double> activity;
  std::string fit_target;  // "answered at once" or "answered"
  std::vector<std::optional<double>> at_once_measured;
  std::vector<double> at_once_simulated;
  int fit_iterations = 0;
};

// ---------------------------------------------------------------------------------------------
// Calibration

enum class StaffingMethod {
  Activity,        // step 1 of the staffing estimate alone
  AnsweredAtOnce,  // step 1, then fitted to the share of callers answered at once
  Throughput,      // step 1, then fitted to the share of callers answered
};

struct CalibrateOptions {
  DaySelection days;
  StaffingMethod staffing = StaffingMethod::AnsweredAtOnce;
  unsigned threads = 0;  // for the simulations of the fit (0: all cores)
  double interval_s = 3600.0;
  // Horizon bounds in seconds from the day's origin (midnight; the horizon start for ccsim logs).
  // Default for dated logs: from the first to the end of the last interval (aligned on
  // midnight) with at least 5% of the arrivals of the busiest interval; for ccsim logs from 0 to
  // the end of the last interval with an arrival. end - start must be a multiple of interval_s.
  std::optional<double> start_s, end_s;
  double staffing_resolution_s = 900.0;  // slot of the agent profile (divides interval_s)
  std::vector<std::string> types;        // only these types (empty: every type of the log)
  std::string name;                      // scenario name (empty: "Calibrated from FILE")
  int replications = 20;
  std::uint64_t seed = 1;
  std::size_t min_handle_observations = 50;  // fewer: the pooled handle-time fit
  std::size_t min_abandonments = 10;         // fewer: the pooled patience fit
};

struct TypeCalibration {
  std::string name;
  std::vector<double> arrivals;  // expected per interval (per day)
  std::size_t answered = 0, abandoned = 0;
  DurationFit handle;
  std::optional<DurationFit> wrap;  // when the log has wrap-up times
  PatienceFit patience;
  int priority = 0;
};

struct Calibration {
  std::optional<std::string> error;  // bad input (e.g. nothing on the selected days)
  // What `error` concerns: the log, or an option of CalibrateOptions (`types`; `end_s`, or
  // the end derived from the log), whose value breaks the rule `error` states; a program adds
  // the name under which the user gave it.
  enum class ErrorIn { Log, Types, HorizonEnd };
  ErrorIn error_in = ErrorIn::Log;
  nlohmann::ordered_json scenario;  // keys in documentation order
  std::string source, format;
  std::vector<std::int32_t> days;
  LogOrigin origin = LogOrigin::Midnight;
  double start_s = 0.0, interval_s = 3600.0;
  int intervals = 0;
  std::vector<TypeCalibration> types;
  StaffingEstimate staffing;
  // Contacts of the log and what became of them.
  std::size_t used = 0;             // reached the agent queue within the horizon, on the days
  std::size_t outside_days = 0;     // on days not selected
  std::size_t outside_horizon = 0;  // before the horizon start or after its end
  std::size_t other = 0;            // never reached the agent queue (deflected, ...)
  std::size_t excluded_types = 0;   // of a type not in options.types
  std::size_t unknown_service = 0;  // answered with unknown talk time (left out of the fits)
  std::vector<std::string> warnings;
};

Calibration calibrate(const ContactLog& log, const CalibrateOptions& options);

// The fit report as text (for stderr): data used, horizon, per type arrivals, handle-time
// candidates and choice, patience, priority, and per interval the staffing estimates.
std::string calibration_report(const Calibration& c);

}  // namespace ccsim
