// Money KPIs of a scenario with `costs` (scenario.h: Costs), per interval, per day and over the
// horizon, each per replication and so with a 95% CI over replications:
//   agent_cost    Σ_groups cost per agent-hour × scheduled agents (gross of shrinkage; shifts
//                 averaged over the interval) × the hours of the interval after the warm-up
//   penalty_cost  Σ_types abandoned × cost + blocked × cost + balked × cost + minutes waited in
//                 the human queue (ContactStats::wait_total_s) × cost per minute
//   cost          agent_cost + penalty_cost
//   revenue       Σ_types answered × revenue per answered contact
//   net           revenue − cost
// Contacts count in the interval in which they arrived (as for every contact KPI), so a
// contact's penalty lands where it arrived, even when it waits into the next interval. A day or
// the horizon is the sum of its intervals. Computed from the KPIs of each replication, after the
// simulation: the event loop does not know about money.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/stats.h"

namespace ccsim {

struct ReplicationKpis;

enum class CostKpi { Cost, Revenue, Net, AgentCost, PenaltyCost, kCount };
constexpr std::size_t kCostKpiCount = static_cast<std::size_t>(CostKpi::kCount);
struct CostKpiInfo {
  CostKpi kpi;
  std::string_view name;   // contract key, e.g. "cost"
  std::string_view label;  // for tables, e.g. "Cost"
};
std::span<const CostKpiInfo> cost_kpis();

// The money KPIs of one scope, across replications.
struct CostKpis {
  std::array<std::optional<sim::Estimate>, kCostKpiCount> kpi{};
  const std::optional<sim::Estimate>& operator[](CostKpi k) const {
    return kpi[static_cast<std::size_t>(k)];
  }
};

// The money KPIs of one scope of one replication.
struct CostValues {
  double agent_cost = 0.0;
  double penalty_cost = 0.0;
  double revenue = 0.0;
  double value(CostKpi kpi) const;
};

// Agent cost of interval k (0 <= k < interval_count()): its part after the warm-up.
// REQUIRES: scenario.costs.
double interval_agent_cost(const Scenario& scenario, int k);

// The money KPIs of each interval of one replication (index: the interval over the horizon).
// REQUIRES: scenario.costs; kpis from a replication of `scenario`.
std::vector<CostValues> replication_costs(const Scenario& scenario, const ReplicationKpis& kpis);

// The money KPIs of each replication by scope, [scope][replication]: the intervals, then the
// days (none with one day), then the horizon (the last scope). REQUIRES: as replication_costs,
// for every entry of `reps`.
std::vector<std::vector<CostValues>> cost_scopes(const Scenario& scenario,
                                                 const std::vector<ReplicationKpis>& reps);

// The money KPIs across replications: per interval, per day (empty with one day) and over the
// horizon. REQUIRES: as replication_costs, for every entry of `reps`.
struct CostResults {
  std::vector<CostKpis> intervals;
  std::vector<CostKpis> days;
  CostKpis total;
};
CostResults summarise_costs(const Scenario& scenario, const std::vector<ReplicationKpis>& reps);

}  // namespace ccsim
