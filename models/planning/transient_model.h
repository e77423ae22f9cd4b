// A scenario's day predicted by the exact time-varying Markov model (models/queueing/
// transient.h) instead of simulation: `ccsim run --method transient`, `ccsim staff --method
// transient`, `ccsim compare --transient`.
//
// The scenarios it takes (anything else is refused with the reason, naming the JSON path):
//   - Poisson arrivals (rate_per_hour or per_interval; self-service deflection thins them);
//   - exponential handle time; wrap-up of any distribution, the agent's time per contact
//     (talk + wrap-up) being taken as one exponential of their summed mean (stated in
//     `assumptions`);
//   - exponential patience, or none (email never abandons);
//   - each contact type served by exactly one agent group (a pool); types sharing a group share
//     its FIFO queue and must then have the same mean agent time, patience, priority and
//     service-level threshold in every interval (one chain per group);
//   - no forecast error (volume_cv 0: the forecast is taken as exact);
//   - no chatbot, callback, retrial, transfer, channel switch or balking; concurrency 1 and no
//     per-group handle times (speed_factor is applied);
//   - staffing of any kind, after shrinkage (net_staffing_schedule); a change of staffing within an
//     interval starts a new segment of the chain.
// Each group's chain starts empty at time 0 and is carried through the horizon; after the
// horizon it drains with the last staffing (as the simulation serves what is left).
//
// KPIs (per interval and type, totals, per group) keep the simulation's definitions, with
// expected values in place of counts: offered, first_attempts, deflected, queued, answered,
// abandoned, unserved, abandon_rate, asa_s (= frt_s), service_level, aht_s, art_s (ASA + mean
// talk time), abandon_wait_s; backlog_end (the expected number waiting at the interval's end;
// for a type sharing its group, undefined); flows the model excludes count 0; wait_p90_s,
// csat, callback_wait_s and the wait_prediction_ KPIs are undefined. A ratio is a ratio of
// expectations (the simulation's is a mean over replications of each one's ratio). Groups:
// occupancy = utilisation = expected busy agent time ÷ agent time on duty; agents = time
// average on duty. Every estimate has ci95 0 and n 0 (exact, not from replications). Contacts
// arriving before warmup_s are left out, and agent time before it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim {

struct TransientRun {
  Results results;
  // What the model takes as given beyond the scenario's own words, one sentence each.
  std::vector<std::string> assumptions;
  // Probability mass the chain's windowing left out, in all (below 1e-12 in practice).
  double truncated_mass = 0.0;
  double uniformisation_steps = 0.0;
  // Size of the approximation for waits that span a change of rates (transient.h): over the
  // whole run, |abandonments of the arrivals − abandonment flow θ∫Q| ÷ offered, and |Σ waits −
  // ∫ queue dt| ÷ ∫ queue dt (Little's law). Both 0 to rounding when no wait spans a change.
  double abandonment_gap = 0.0;
  double little_gap = 0.0;
};

struct TransientOptions {
  // Take what the exact model refuses for its shape as an approximation, stated in
  // `assumptions`: a handle time or patience of another distribution as exponential of the same
  // mean, and the types of a group that differ as one pooled queue (their arrival-weighted mean
  // agent time and abandonment rate; every type gets the pool's waits). The analytic anchor of
  // `compare --transient`, as Erlang A is of `compare --erlang-a`. Default: false (refused).
  bool pooled = false;
};

// Why the transient model cannot take `scenario`: one message per problem, each starting with
// the JSON path; empty when it can.
std::vector<std::string> transient_refusals(const Scenario& scenario,
                                            const TransientOptions& options = {});

// REQUIRES: scenario validated and transient_refusals(scenario, options) empty.
TransientRun run_transient(const Scenario& scenario, const TransientOptions& options = {});

// Staffing by the transient model: per agent group with targets, interval by interval from the
// start, the fewest net agents that meet the targets of the interval (service level,
// abandonment and ASA of its arrivals; the group's occupancy cap), the state carried over from
// the staffing already chosen for the intervals before (so a backlog left by one interval is
// staffed for in the next, and the empty start needs less). The search starts at `guess`
// (net agents [group][interval], e.g. the Erlang staffing) and moves down while targets stay met,
// else up until they are; groups without targets keep `guess`. Intervals before the warm-up are
// judged too. Targets no number of agents meets are errors ("agent_groups[g]: ...").
// REQUIRES: transient_refusals(sc) empty; guess sized [groups][interval_count()].
std::optional<std::vector<std::vector<int>>> transient_staffing(
    const Scenario& sc, const std::vector<std::vector<int>>& guess,
    std::vector<std::string>& errors);

}  // namespace ccsim
