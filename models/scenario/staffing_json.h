// Reading the staffing of an agent group: exactly one of {"count"}, {"per_interval"} (one
// count per interval of the horizon) or {"shifts"} (any number of overlapping shifts, each
// {"start_s", "end_s", "count"} within the horizon). No group may have more than
// kMaxAgentsPerGroup agents on duty at once.
#pragma once

#include <string>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// Agents of one group on duty at once, at most: a bound that keeps a valid scenario's memory
// finite (models/README.md "Unstable and absurd scenarios").
inline constexpr long long kMaxAgentsPerGroup = 1'000'000;

// Sets `staff` from `v`. `horizon` (nullptr when unknown) gives the number of intervals and
// the end before which shifts must start.
void read_staff(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                Staffing& staff);

}  // namespace ccsim::reading
