// `ccsim staff`: the agents each contact type needs (models/planning/queue_staffing.h) in
// every output format, and the WFM-shaped CSV.
//
// JSON: "contact_types": {TYPE: {"per_interval": [net], "per_interval_gross": [gross],
// "stand_alone": [net or null], "stand_alone_gross": [...], "agent_groups": {GROUP:
// {"per_interval": [net], "per_interval_gross": [gross]}}}} (only the groups skilled for TYPE).
//
// CSV (--format csv): one tidy table, header
//   date,interval,queue,agent_group,required_net,required_gross,scheduled
// one row per interval × contact type × agent group skilled for it, in interval order. date is
// horizon.start_date + day ("YYYY-MM-DD") with a start date, else the 0-based day index (0 for
// a one-day horizon); interval is the interval's start as clock time HH:MM; queue is the
// contact type; required_net and required_gross are the type's share of the group's
// requirement on duty and to schedule (they sum, over a group's rows of an interval, to the
// group's requirement); scheduled is the group's staff in the scenario in that interval
// (before shrinkage; the roster the plan is compared with), repeated on each of the group's
// rows, so sum it per group, not per row.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "models/planning/queue_staffing.h"
#include "models/scenario/scenario.h"
#include "tools/json_text.h"

namespace ccsim::cli {

// Whether `group` has contact type `type` (an index into the scenario's types) among its skills.
bool skilled(const AgentGroup& group, std::size_t type);

nlohmann::json contact_types_json(const Scenario& sc, const staffing::QueueStaffing& q);

// The CSV described above; `extra_header` ends the header and extra(type, interval) each row
// (each starting with a comma; none when empty).
using ExtraCells = std::function<std::string(std::size_t, int)>;
void write_wfm_csv(std::ostream& out, const Scenario& sc, const staffing::QueueStaffing& q,
                   const std::string& extra_header = {}, const ExtraCells& extra = {});

// The rows of the per-type table (the first is the header): per interval, each type's net and
// gross share and its stand-alone requirement ("-" when none meets the targets); a last row of
// agent-hours.
std::vector<std::vector<std::string>> queue_table_rows(const Scenario& sc,
                                                       const staffing::QueueStaffing& q);
inline constexpr const char* kQueueTableTitle =
    "Agents per contact type (net: on duty, its share of each group by busy time; gross: to "
    "schedule; alone: the type staffed by itself, by Erlang, on duty)";

}  // namespace ccsim::cli
