// What-if: a base scenario and a variant run with common random numbers (same seed, same
// replication indices), compared KPI by KPI with the paired difference (variant − base).
//
// Pairing: replication r of the base and replication r of the variant draw the same arrival,
// handle, wrap-up and patience times wherever their contacts are the same (contact_centre.h), so
// the difference of a KPI is computed per replication, d_r = variant_r − base_r, and its 95% CI is
// the Student-t interval over the d_r (sim::estimate), using the replications in which the KPI
// is defined in both. This interval is usually much narrower than one built from independent
// runs, because the noise the two runs share cancels in d_r.
//
// Contact types, agent groups and outbound campaigns are matched by name. One present in only
// one scenario is reported with that scenario's value and no difference; "all" (every contact type
// pooled) is always compared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/centre/targets.h"
#include "models/scenario/scenario.h"

namespace ccsim {

// A KPI in both runs and their paired difference; nullopt where undefined or not comparable.
struct PairedEstimate {
  KpiEstimate base;
  KpiEstimate variant;
  KpiEstimate difference;  // variant − base
};

struct PairedContactKpis {
  std::vector<PairedEstimate> kpi = std::vector<PairedEstimate>(kKpiCount);
  const PairedEstimate& operator[](Kpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};
struct PairedGroupKpis {
  std::vector<PairedEstimate> kpi = std::vector<PairedEstimate>(kGroupKpiCount);
  const PairedEstimate& operator[](GroupKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

struct PairedOutboundKpis {
  std::vector<PairedEstimate> kpi = std::vector<PairedEstimate>(kOutboundKpiCount);
  const PairedEstimate& operator[](OutboundKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

// The money KPIs (costs.h) of one scope, paired.
struct PairedCostKpis {
  std::vector<PairedEstimate> kpi = std::vector<PairedEstimate>(kCostKpiCount);
  const PairedEstimate& operator[](CostKpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};
struct PairedCosts {
  std::vector<PairedCostKpis> intervals;  // [interval]
  std::vector<PairedCostKpis> days;       // [day]; empty with one day
  PairedCostKpis total;                   // the horizon
};

struct PairedComparison {
  std::string base_name, variant_name;  // the scenarios' names
  int replications = 0;
  std::uint64_t seed = 0;
  // Contact types: the base's in order, then those only in the variant. Index types.size() is
  // "all". base_type[k] / variant_type[k]: index in that scenario, or -1 if absent.
  std::vector<std::string> types;
  std::vector<int> base_type, variant_type;
  std::vector<std::string> groups;  // likewise for agent groups
  std::vector<int> base_group, variant_group;
  std::vector<double> interval_start_s;
  std::vector<PairedContactKpis> totals;                      // [type or all]
  std::vector<std::vector<PairedContactKpis>> intervals;      // [interval][type or all]
  std::vector<PairedGroupKpis> group_totals;                  // [group]
  std::vector<std::vector<PairedGroupKpis>> group_intervals;  // [interval][group]
  // Over several days (horizon.days > 1): [day][type or all] and [day][group]; else empty.
  std::vector<std::vector<PairedContactKpis>> days;
  std::vector<std::vector<PairedGroupKpis>> group_days;
  // Outbound campaigns (Scenario::outbound), matched by name like the groups: over the horizon
  // [campaign] and per interval [interval][campaign]; empty when neither scenario has one.
  std::vector<std::string> campaigns;
  std::vector<int> base_campaign, variant_campaign;
  std::vector<PairedOutboundKpis> campaign_totals;
  std::vector<std::vector<PairedOutboundKpis>> campaign_intervals;
  // The money KPIs, when both scenarios have `costs` (comparison_errors refuses one alone).
  std::optional<PairedCosts> costs;
  // Each scenario's own targets checked against its own run (check_targets); set by
  // compare_paired, empty from pair_replications alone.
  std::vector<TargetCheck> base_targets, variant_targets;
};

// Why the two scenarios cannot be compared (empty if they can): their horizons must have the
// same interval length, number of intervals and number of days, and both or neither state
// `costs`.
std::vector<std::string> comparison_errors(const Scenario& base, const Scenario& variant);

// Pairs the replications of the two runs (reps[r] of each from the same seed and index r).
// REQUIRES: comparison_errors(base, variant) empty; base_reps.size() == variant_reps.size();
// each from simulate_replications() of its scenario.
PairedComparison pair_replications(const Scenario& base, const Scenario& variant,
                                   const std::vector<ReplicationKpis>& base_reps,
                                   const std::vector<ReplicationKpis>& variant_reps,
                                   std::uint64_t seed);

// Runs both scenarios with `options` (the same seed and replications) and pairs them.
// `options.progress`, if set, counts the replications of both runs (total: twice the count).
// REQUIRES: both validated; comparison_errors(base, variant) empty; options.replications >= 1.
PairedComparison compare_paired(const Scenario& base, const Scenario& variant,
                                const RunOptions& options);

}  // namespace ccsim
