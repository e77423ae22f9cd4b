// Reading the arrivals of a contact type: exactly one of {"rate_per_hour"}, {"per_interval"}
// (one expected count per interval of the horizon) or {"trace"} (a CSV file of arrival times,
// relative to the scenario's directory, Checker::base_dir()).
#pragma once

#include <string>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// Sets `arrivals` from `v`. `horizon` (nullptr when unknown) gives the number of intervals
// and the end before which trace times must lie.
void read_arrivals(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                   Arrivals& arrivals);

}  // namespace ccsim::reading
