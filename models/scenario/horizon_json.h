// Reading the horizon ({"interval_minutes", "intervals"} or {"duration_s"}, and "start") and the
// simulation settings ({"replications", "seed", "warmup_s"}) of a scenario. Keys left out keep
// the defaults of Horizon and SimulationSettings (scenario.h).
#pragma once

#include <optional>
#include <string>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// The horizon, or nullopt when its length is unknown (its problems reported).
std::optional<Horizon> read_horizon(Checker& in, const json& v, const std::string& path);

// Sets the settings `v` gives. `horizon` (nullptr when unknown) bounds warmup_s.
void read_simulation(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                     SimulationSettings& settings);

}  // namespace ccsim::reading
