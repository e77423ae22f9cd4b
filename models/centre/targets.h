// The scenario's targets checked against a run's results: for each contact type and agent
// group, each target the scenario states, in each scope (the horizon, each day when there are
// several, each interval), the value, its 95% CI half-width and the verdict (models/kpi/
// targets.h: met, missed, or not distinguishable at 95%).
//
// Targets checked (only those the scenario gives):
//   contact type  service_level {threshold_s, target}  service_level ≥ target
//                 max_abandon_rate                      abandon_rate ≤ it
//                 max_asa_s                             asa_s ≤ it
//   agent group   max_occupancy                         occupancy ≤ it
// A KPI undefined in a scope (no contact answered or abandoned there, no agent available)
// gives no check for that scope: there is nothing to judge.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "models/kpi/targets.h"
#include "models/scenario/scenario.h"

namespace ccsim {

enum class TargetScope { Total, Day, Interval };
// "total", "day", "interval".
std::string_view target_scope_name(TargetScope scope);

// One target in one scope.
struct TargetCheck {
  bool of_group = false;   // an agent group's target (else a contact type's)
  std::size_t owner = 0;   // index of the type (Results::types) or group (Results::groups)
  std::string owner_name;  // its name
  std::string_view kpi;    // the KPI's contract key: "service_level", "abandon_rate", ...
  TargetSense sense = TargetSense::AtLeast;
  double target = 0.0;       // e.g. 0.8 for 80/20
  double threshold_s = 0.0;  // service_level only: the threshold (e.g. 20); else 0
  TargetScope scope = TargetScope::Total;
  int index = 0;       // Interval: the interval over the horizon; Day: the day; Total: 0
  double value = 0.0;  // the KPI's mean
  double ci95 = 0.0;   // its 95% CI half-width (0 when exact)
  Verdict verdict = Verdict::Met;
};

// Every check of `results` against the targets of `scenario`, grouped by owner (types in
// order, then groups) and target, each target's total first, then its days, then its
// intervals in order. Empty when the scenario states no target.
// REQUIRES: results come from `scenario` (same types, groups and horizon).
std::vector<TargetCheck> check_targets(const Results& results, const Scenario& scenario);

// A target's short name for tables and reports: "80/20" (service level 80% within 20 s),
// "abandon ≤ 5%", "ASA ≤ 30 s", "occupancy ≤ 85%".
std::string target_label(const TargetCheck& check);

}  // namespace ccsim
