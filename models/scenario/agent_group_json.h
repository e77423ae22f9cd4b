// Reading one agent group of a scenario (its name, skills, staffing, chat concurrency,
// shrinkage, occupancy cap, speed and own handle times) and the routing among groups. Keys
// left out keep the defaults of AgentGroup and Routing (scenario.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// Reads agent group `v` into `group`. `horizon` is nullptr when unknown. `type_names` and
// `type_channels` are the contact types' names as given (given_name()) and channels (nullopt
// when invalid). `first_path` maps the group names read so far to the path that named each
// first. Returns false if the group's skills could not be read as an array (so coverage of the
// contact types by skills is unknown).
bool read_agent_group(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                      const std::vector<std::optional<std::string>>& type_names,
                      const std::vector<std::optional<Channel>>& type_channels,
                      std::map<std::string, std::string>& first_path, AgentGroup& group);

void read_routing(Checker& in, const json& v, const std::string& path, Routing& routing);

}  // namespace ccsim::reading
