// Reading one contact type of a scenario: its name and channel, arrivals, handle time, wrap-up
// and patience, service-level and staffing targets, priority, and the flows and customer
// behaviour it adds (contact_flows_json.h, customer_behaviour_json.h). Keys left out keep the
// defaults of ContactType (scenario.h).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// The name of contact type `v` as given, when it is a non-empty string (valid as a name or
// not).
std::optional<std::string> given_name(const json& v);

// Reads contact type `v` into `type`. Returns the type's name as given when it is a non-empty
// string (for skills), whether or not it is valid as a name. Sets `valid_channel` to the
// type's channel unless it is invalid. `horizon` is nullptr when unknown. `type_names` are the
// names of every contact type as given (given_name()); this one is type_names[self].
// `first_path` maps the names read so far to the path that named each first. With
// `forecast_given` (the scenario has a forecast file, forecast_csv.h) `arrivals` may be absent.
std::optional<std::string> read_contact_type(
    Checker& in, const json& v, const std::string& path, const Horizon* horizon,
    const std::vector<std::optional<std::string>>& type_names, std::size_t self,
    std::map<std::string, std::string>& first_path, ContactType& type,
    std::optional<Channel>& valid_channel, bool forecast_given = false);

}  // namespace ccsim::reading
