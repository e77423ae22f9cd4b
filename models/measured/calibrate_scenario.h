// The calibrated scenario as JSON, in documentation key order. Internal to models/measured.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/measured/calibrate.h"

namespace ccsim {

// A fitted patience distribution as written: mean 0.1 s, cv and shape 4 decimals, breakpoints
// 0.1 s, hazards 8 decimals.
Distribution written_patience(const Distribution& d);

// The scenario of `types` over `intervals` of `interval_s` from `start` (seconds from
// midnight), named `name`, with one group of agents skilled for every type whose agents
// available per slot of options.staffing_resolution_s are `profile` (written as shifts: in each
// slot ⌊x⌋ agents, plus one more for the first (x − ⌊x⌋) of the slot).
nlohmann::ordered_json scenario_json(const std::string& name, double interval_s, int intervals,
                                     double start, const CalibrateOptions& options,
                                     const std::vector<TypeCalibration>& types,
                                     const std::vector<double>& profile);

}  // namespace ccsim
