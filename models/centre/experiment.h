// Runs the replications of a scenario and summarises every KPI across them.
//
// Replication r uses random streams keyed by (seed, r); replications run in parallel and are
// merged in replication order, so results are bit-identical for any thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/costs.h"
#include "models/kpi/kpi.h"
#include "models/scenario/scenario.h"
#include "sim/stats.h"

namespace ccsim {

struct RunOptions {
  int replications = SimulationSettings{}.replications;  // Default: the scenario's default
  std::uint64_t seed = SimulationSettings{}.seed;        // Default: the scenario's default
  unsigned threads = 0;                                  // 0: every hardware thread
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// A KPI across replications: nullopt when undefined in every replication.
using KpiEstimate = std::optional<sim::Estimate>;

// KPIs of one scope: contact KPIs indexed by Kpi.
struct ContactKpis {
  std::vector<KpiEstimate> kpi = std::vector<KpiEstimate>(kKpiCount);
  const KpiEstimate& operator[](Kpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};
struct GroupKpis {
  std::vector<KpiEstimate> kpi = std::vector<KpiEstimate>(kGroupKpiCount);
  const KpiEstimate& operator[](GroupKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

struct TrunkKpis {
  std::vector<KpiEstimate> kpi = std::vector<KpiEstimate>(kTrunkKpiCount);
  const KpiEstimate& operator[](TrunkKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

struct SlotKpis {
  std::vector<KpiEstimate> kpi = std::vector<KpiEstimate>(kSlotKpiCount);
  const KpiEstimate& operator[](SlotKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

struct OutboundKpis {
  std::vector<KpiEstimate> kpi = std::vector<KpiEstimate>(kOutboundKpiCount);
  const KpiEstimate& operator[](OutboundKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

struct Results {
  std::string scenario;
  int replications = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> types;   // contact type names; index types.size() is "all"
  std::vector<std::string> groups;  // agent group names
  std::vector<double> interval_start_s;
  std::vector<int> interval_day;  // the day (0-based) of each interval
  // totals[k] for k < types.size(): the contact type's day; totals[types.size()]: all types.
  std::vector<ContactKpis> totals;
  std::vector<std::vector<ContactKpis>> intervals;      // [interval][type or all]
  std::vector<GroupKpis> group_totals;                  // [group]
  std::vector<std::vector<GroupKpis>> group_intervals;  // [interval][group]
  // Over several days (horizon.days > 1), each day's KPIs: [day][type or all] and
  // [day][group]; empty with one day.
  std::vector<std::vector<ContactKpis>> days;
  std::vector<std::vector<GroupKpis>> group_days;
  // Trunk groups (models/centre/lines.h: line_pools): names, lines, and their KPIs over the
  // horizon, [interval][trunk] and [day][trunk]; empty without trunk groups.
  std::vector<std::string> trunks;
  std::vector<int> trunk_lines;
  std::vector<TrunkKpis> trunk_totals;
  std::vector<std::vector<TrunkKpis>> trunk_intervals;
  std::vector<std::vector<TrunkKpis>> trunk_days;
  // Callback slot groups (models/centre/callback_slots.h: slot_pools): names, capacity per
  // slot, and their KPIs over the horizon, [interval][group] and [day][group]; empty without
  // slot groups.
  std::vector<std::string> slot_groups;
  std::vector<int> slot_capacity;
  std::vector<SlotKpis> slot_totals;
  std::vector<std::vector<SlotKpis>> slot_intervals;
  std::vector<std::vector<SlotKpis>> slot_days;
  // Outbound campaigns (Scenario::outbound): names and their KPIs over the horizon,
  // [interval][campaign] and [day][campaign]; empty without campaigns.
  std::vector<std::string> campaigns;
  std::vector<OutboundKpis> outbound_totals;
  std::vector<std::vector<OutboundKpis>> outbound_intervals;
  std::vector<std::vector<OutboundKpis>> outbound_days;
  // Money KPIs (costs.h); absent unless the scenario has `costs`.
  std::optional<CostResults> costs;
  // prediction_errors[k][b]: over the horizon, the share of type k's scored wait predictions
  // whose error (predicted - actual) falls in bin b (kpi.h: kPredictionErrorEdges_s); every
  // bin undefined for a type without predictions. Empty where not simulated (e.g. transient).
  std::vector<std::vector<KpiEstimate>> prediction_errors;
  std::uint64_t events = 0;    // summed over replications
  std::uint64_t contacts = 0;  // summed over replications
};

// The KPI values of one replication, for every scope (a few numbers: replications are reduced
// to these as soon as they finish, so memory does not grow with the contacts simulated).
struct ReplicationKpis {
  // contact[(i * (types + 1) + k) * kKpiCount + q]: interval i (i = intervals: the horizon;
  // i = intervals + 1 + d: day d, over several days), type k (k = types: all), KPI q.
  std::vector<std::optional<double>> contact;
  // group[(i * groups + g) * kGroupKpiCount + q]
  std::vector<std::optional<double>> group;
  // trunk[(i * trunks + t) * kTrunkKpiCount + q], scopes as for groups
  std::vector<std::optional<double>> trunk;
  // slot[(i * slot groups + s) * kSlotKpiCount + q], scopes as for groups
  std::vector<std::optional<double>> slot;
  // outbound[(i * campaigns + c) * kOutboundKpiCount + q], scopes as for groups
  std::vector<std::optional<double>> outbound;
  // wait_total_s[i * (types + 1) + k]: ContactStats::wait_total_s of the scopes of `contact`.
  std::vector<double> wait_total_s;
  // prediction_errors[k * kPredictionErrorBins + b]: over the horizon, the share of type k's
  // scored wait predictions in error bin b (kpi.h: prediction_error_bin).
  std::vector<std::optional<double>> prediction_errors;
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;
};

ReplicationKpis replication_kpis(const ReplicationResult& rep);

// Index into ReplicationKpis::contact of interval i (== intervals: the day), type k
// (== types: all), KPI q.
inline std::size_t contact_kpi_index(std::size_t types, std::size_t i, std::size_t k, Kpi q) {
  return (i * (types + 1) + k) * kKpiCount + static_cast<std::size_t>(q);
}
// Index into ReplicationKpis::group of interval i (== intervals: the day), group g, KPI q.
inline std::size_t group_kpi_index(std::size_t groups, std::size_t i, std::size_t g, GroupKpi q) {
  return (i * groups + g) * kGroupKpiCount + static_cast<std::size_t>(q);
}

// Simulates `options.replications` replications; their KPIs in replication order (for paired
// comparisons of variants run with the same seed: common random numbers).
std::vector<ReplicationKpis> simulate_replications(const Scenario& scenario,
                                                   const RunOptions& options);

// Simulates `options.replications` replications and summarises them.
// REQUIRES: scenario validated; options.replications >= 1.
Results run_experiment(const Scenario& scenario, const RunOptions& options);

// What the contact types of `types` have in common, for the "all" scope (kpi.h).
PoolingBasis pooling_basis(const std::vector<const ContactType*>& types);
PoolingBasis pooling_basis(const Scenario& scenario);
// Leaves out of `all` (an "all" scope) each KPI that is not pooled_in_all.
void withhold_unpooled(ContactKpis& all, const PoolingBasis& basis);
// withhold_unpooled on every "all" scope of `results` (intervals, totals, days).
void withhold_unpooled(Results& results, const Scenario& scenario);

// Summarises replications (in replication order); the "all" scopes as withhold_unpooled leaves
// them.
Results summarise(const Scenario& scenario, const std::vector<ReplicationKpis>& reps,
                  std::uint64_t seed);

}  // namespace ccsim
