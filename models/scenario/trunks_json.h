// Reading telephone lines: a contact type's own `lines` and the scenario's `trunks` (trunk
// groups shared by several voice types). Only voice contacts hold lines; a type is in at most
// one trunk group (its own lines or one trunk).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// lines of a contact type: an integer >= 1, on a voice type only.
void read_type_lines(Checker& in, const json& v, const std::string& path,
                     std::optional<Channel> channel, ContactType& type);

// trunks: [{"name", "lines", "contact_types": [TYPE, ...]}]. `type_names` and `channels` are
// the contact types as read (nullopt where invalid); scenario.contact_types is read already.
void read_trunks(Checker& in, const json& v, const std::string& path,
                 const std::vector<std::optional<std::string>>& type_names,
                 const std::vector<std::optional<Channel>>& channels, Scenario& scenario);

}  // namespace ccsim::reading
