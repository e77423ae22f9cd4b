// Staffing per queue: the agents each contact type needs per interval, beside the per-group
// staffing (staffing.h), for a planner who asks "how many agents does voice need".
//
// Two figures per contact type and interval:
//
// Stand-alone requirement. The type alone, with its own targets, as the Erlang method sees it:
// analytic_servers (Erlang A with patience, else Erlang C, on the type's load) ÷ the concurrency
// of the groups serving it (their average weighted by split_weights), rounded up; agents on
// duty. Gross: ÷ (1 − the serving groups' shrinkage in the interval, weighted alike), rounded
// up. Pooling with other types is ignored: it is what a dedicated team would need.
//
// Share of the blended staffing. Each group's requirement (Result::net, and Result::scheduled
// for gross) is split over the types it serves in proportion to each type's busy time in the
// group in that interval; a type's share is summed over groups. Busy time per type and group:
//   - Erlang method: the type's offered load (analytic_queue) × split_weights, the servers the
//     Erlang method gave that group for it.
//   - Simulation and transient methods, from the KPIs the staffing achieved: the type's work is
//     answered × aht_s (agent-seconds of the contacts that arrived in the interval), a group's
//     busy time is utilisation × agents × concurrency × interval length (slot-seconds); a type
//     served by several groups is spread over them by iterative proportional fitting (scale
//     each group's column to its busy time, each type's row to its work, repeated), which
//     gives the type's exact work when every type has one group.
//   A group with no busy time to split (nothing answered in the interval) is split by the
//   offered loads of its types, else equally.
// Rounding: integers that add up. Within a group, its net requirement is split by largest
// remainder (ties to the earlier type); its gross requirement is the net split plus the agents
// added for shrinkage (scheduled − net) split alike, so a type's gross share is never below its
// net share. Invariant: per group and interval, the types' net shares sum to Result::net and
// the gross shares to Result::scheduled.
#pragma once

#include <optional>
#include <vector>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"

namespace ccsim::staffing {

struct QueueStaffing {
  // [type][group][interval]: the type's share of the group's requirement on duty (net) and to
  // schedule (gross); 0 for a group not skilled for the type.
  std::vector<std::vector<std::vector<int>>> group_net, group_gross;
  // [type][interval]: the shares summed over groups.
  std::vector<std::vector<int>> net, gross;
  // [type][interval]: the stand-alone requirement, on duty and to schedule; nullopt when no
  // number of agents up to erlang::kMaxAgents meets the type's targets analytically.
  std::vector<std::vector<std::optional<int>>> stand_alone_net, stand_alone_gross;
};

// The per-queue staffing of `result`.
// REQUIRES: result = staff(scenario, ...).result (same types, groups and intervals).
QueueStaffing queue_staffing(const Scenario& scenario, const Result& result);

// `total` split in proportion to `weights` (>= 0, not all 0) into integers summing to `total`:
// each gets the floor of its quota, and the rest go one each to the largest remainders (ties to
// the earlier entry). All zero when every weight is 0. REQUIRES: total >= 0.
std::vector<int> largest_remainder(int total, const std::vector<double>& weights);

}  // namespace ccsim::staffing
