// Unstable or absurd scenarios: checks, before any simulation, that a run of a valid scenario
// stays within bounded time and memory, and warns of queues that grow without bound.
//
// parse_scenario applies check_run_size to every scenario it accepts: refusals become errors
// (so `run`, `staff`, `sweep`, `compare` and `validate` exit 2 before simulating anything) and
// warnings become warnings. Every message is "PATH: RULE (FIGURES)"; README.md ("Unstable and
// absurd scenarios") lists the rules.
//
// The load figures come from a fluid (deterministic) model, per interval i and per connected
// component of the skill graph (contact types linked by the agent groups skilled for them; a
// component is served by its groups' agents as one pool):
//   offered load a_i = Σ over its types of  λ_k,i × h_k            (Erlangs)
//     λ_k,i  expected arrivals of type k in interval i ÷ interval length, times the share that
//            reaches the human queue: (1 − deflection) × (1 − containment − abandon_prob) with
//            a chatbot (1 without);
//     h_k    mean agent time of type k: handle (the chatbot's hand-off handle time when given)
//            + wrap-up, in seconds;
//   capacity  c_i = Σ over its groups of  n_g,i × concurrency_g ÷ speed_factor_g   (agents)
//     n_g,i  time-average agents on duty after shrinkage over interval i (as simulated).
// Retrials, transfers, channel switches, callbacks and per-group handle times are left out:
// the figures are estimates, not bounds. A component whose every type abandons (patience, or
// the chatbot's handoff_patience; channel not email) is stable whatever its load (Erlang A); one
// with a type that never abandons accumulates a backlog of work W: W_0 = 0, W_{i+1} = max(0, W_i +
// (a_i − c_i) × T) (T the interval length), which holds about W ÷ h̄ contacts (h̄ the load-weighted
// mean agent time of the component).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim {

struct RunSizeLimits {
  // Longest horizon: 366 days.
  double max_horizon_s = 366.0 * 86400.0;
  // Most expected arrivals per replication, over every contact type (first attempts); also
  // the number of contact attempts and callback calls above which a warning is given.
  double max_arrivals = 1e9;
  // Most contact attempts and callback calls per replication, at their most (see
  // attempts_per_arrival): about an hour of simulation or more.
  double max_attempts = 1e10;
  // Most memory one replication in progress may need for its waiting contacts (peak fluid
  // backlog × kBytesPerWaitingContact), for its agents (peak agents on duty × kBytesPerAgent),
  // and most memory for the per-interval results of all replications (see results_bytes).
  double max_memory_bytes = 2.0 * 1024 * 1024 * 1024;
};

// Memory the model holds per contact waiting in a queue: the contact (its record, queue links
// and abandonment timer, about 250 bytes), its pending event, and the slack of the pool that
// stores contacts (which grows by doubling). An upper estimate.
inline constexpr double kBytesPerWaitingContact = 512.0;
// Memory per agent on duty (the agent, its list links and its pending events). An upper
// estimate.
inline constexpr double kBytesPerAgent = 128.0;

// Bytes per KPI value and replication that simulate_replications keeps until the replications
// are summarised (an optional<double>).
inline constexpr double kBytesPerKpiValue = 16.0;
// Bytes per KPI value of the summary while it is reported: the summary (mean, ci95) and the
// output document built from it (the JSON document is the largest: ~750 bytes a value,
// measured; see tests/models/run_size_test.cpp).
inline constexpr double kBytesPerReportedValue = 768.0;

// Peak bytes of the per-interval results of `replications` replications: (intervals over the
// horizon + 1 + days when days > 1 scopes) × ((contact types + 1) × contact KPIs + groups × group
// KPIs) values × (replications × kBytesPerKpiValue + kBytesPerReportedValue). It dominates the peak
// memory of a run with many intervals.
double results_bytes(const Scenario& scenario, int replications);

// Contact attempts and callback calls per first attempt of `type`, at their most: the attempts
// if every attempt abandons, Σ_{j=0..max_retrials} prob^j (1 without retrial), times 1 + the
// calls if every attempt is offered a callback, accept_prob × Σ_{j=0..max_attempts-1} (1 −
// reach_prob)^j (0 without callback). An upper bound of the expected figure.
double attempts_per_arrival(const ContactType& type);

struct RunSizeCheck {
  std::vector<std::string> errors;    // refusals: the run must not start
  std::vector<std::string> warnings;  // unstable queues that a run may still simulate
};

// The rules, in this order (the first three stop the check when they fail):
//   1. horizon: longer than max_horizon_s → error.
//   2. horizon.intervals: results_bytes(scenario, simulation.replications) > max_memory_bytes
//      → error.
//   3. contact_types: expected arrivals per replication > max_arrivals → error.
//   3b. contact_types: Σ expected arrivals × attempts_per_arrival over the types > max_attempts
//      → error (stops the check); > max_arrivals → warning.
//   4. agent_groups: peak agents on duty (summed over groups) × kBytesPerAgent >
//      max_memory_bytes → error.
//   5. per component with a type that never abandons, when a_i > c_i in some interval:
//      a warning naming the worst interval and its figures; and when the peak fluid backlog ×
//      kBytesPerWaitingContact > max_memory_bytes, an error instead.
// REQUIRES: `scenario` valid (as parse_scenario builds it).
RunSizeCheck check_run_size(const Scenario& scenario, const RunSizeLimits& limits = {});

// The refusals of check_run_size when `scenario` runs `replications` replications in place of
// its own. The messages name the replication count `replications_path` instead of
// simulation.replications (a caller names where the count came from). Empty when
// `replications` equals the scenario's own, which parse_scenario has checked.
// REQUIRES: `scenario` valid.
std::vector<std::string> check_replications_override(
    const Scenario& scenario, int replications, std::string_view replications_path = "replications",
    const RunSizeLimits& limits = {});

}  // namespace ccsim
