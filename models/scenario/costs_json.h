// Reading the scenario's `costs`: cost per agent-hour per group, and per contact type the cost
// of an abandoned, blocked or balked contact, per minute waited, and revenue per answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// costs: {"agent_hour": {GROUP: amount}, "contact_types": {TYPE: {"abandoned", "blocked",
// "balked", "per_minute_waited", "revenue_per_answered"}}}; every amount a number >= 0, every
// name one of the scenario's groups or types. `type_names` and `group_names` are the names as
// read (nullopt where invalid: such a name is neither accepted nor reported).
void read_costs(Checker& in, const json& v, const std::string& path,
                const std::vector<std::optional<std::string>>& type_names,
                const std::vector<std::optional<std::string>>& group_names, Scenario& scenario);

}  // namespace ccsim::reading
