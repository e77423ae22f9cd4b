// Agents available over the day, estimated from a per-contact log: from when agents served and
// when callers waited (the activity estimate), then fitted by simulation to the share of callers
// answered at once (or answered).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/measured/contact_log.h"

namespace ccsim {

enum class StaffingMethod {
  Activity,        // step 1 of the staffing estimate alone
  AnsweredAtOnce,  // step 1, then fitted to the share of callers answered at once
  Throughput,      // step 1, then fitted to the share of callers answered
};

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
  // Per slot, day average: time-average of agents between their first and last service.
  std::vector<double> logged_in_slots;
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

// Step 1, the activity estimate, from `contacts` (answered or abandoned, on the selected days,
// of the types calibrated) of `n_days` days: `type_index` maps a log type to its type of the
// scenario (one of `n_types`); the horizon starts at `origin` (in the log's times) and has
// `intervals` of `interval_s`; the profile `available` has slots of `slot_s`, which divides
// interval_s.
StaffingEstimate estimate_staffing(const std::vector<const LoggedContact*>& contacts,
                                   std::size_t n_days, std::size_t n_types,
                                   const std::vector<int>& type_index, double origin,
                                   double interval_s, int intervals, double slot_s);

// The time-average of est.available over interval `interval`, made of `per_slot` slots.
double mean_available(const StaffingEstimate& est, std::size_t interval, std::size_t per_slot);

// How step 2 simulates.
struct StaffingFitSettings {
  StaffingMethod method = StaffingMethod::AnsweredAtOnce;  // what to match (not Activity)
  int replications = 20;                                   // per simulation round
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: all cores
};

// The calibrated scenario (as JSON) with an agent profile (per slot).
using ScenarioWithProfile = std::function<nlohmann::ordered_json(const std::vector<double>&)>;

// Step 2, the fit by simulation, of `est` (from step 1) to the callers `used` (those the
// arrivals count, within the horizon starting at `start` with intervals of `interval_s`).
// Sets est.available and available_mean, and what the fit matched (activity, fit_target,
// at_once_measured, at_once_simulated, fit_iterations).
void fit_staffing(StaffingEstimate& est, const std::vector<const LoggedContact*>& used,
                  double start, double interval_s, const StaffingFitSettings& settings,
                  const ScenarioWithProfile& scenario);

}  // namespace ccsim
