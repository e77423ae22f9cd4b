// Reading callback slots: a type's own callback.slot_capacity (contact_flows_json.cpp) and the
// scenario's callback_slots (slot groups shared by several types with scheduled callbacks). A
// type is in at most one slot group (its own capacity or one callback_slots entry).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// callback_slots: [{"name", "capacity", "contact_types": [TYPE, ...]}]. `type_names` are the
// contact types as read (nullopt where invalid); scenario.contact_types is read already.
void read_callback_slots(Checker& in, const json& v, const std::string& path,
                         const std::vector<std::optional<std::string>>& type_names,
                         Scenario& scenario);

// Each type's callback.max_slots_ahead refers to a slot capacity: its own slot_capacity or a
// callback_slots entry holding it. REQUIRES: callback_slots read.
void check_slots_ahead(Checker& in, const Scenario& scenario);

}  // namespace ccsim::reading
