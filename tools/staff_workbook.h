// The workbook of `ccsim staff` (--out FILE.xlsx): the staffing found, as sheets
// (tools/workbook.h).
//
// Sheets: "staffing" (one row per interval and agent group: required_net, the agents on duty;
// required_gross, the agents to schedule (scenario.h: scheduled_agents); scheduled, the
// scenario's own staff), "queues" (one row per interval and contact type: its share of the
// groups' requirement, net and gross, and its stand-alone requirement, empty where none meets
// the targets; models/planning/queue_staffing.h), "queue_groups" (the CSV's WFM table: one row
// per interval, contact type and agent group skilled for it), "groups" (per group: the peak and
// the agent-hours of each), "achieved"
// (the KPIs per interval and contact type with that staffing), "forecast" (with
// --volume-factor, simulation method: per interval and group the forecast's plan, net and
// gross, beside this one, and change_net = required_net − forecast_net), "misses" (targets
// still missed, when any) and "shifts" (with --shift-templates: agents per shift and group).
#pragma once

#include <vector>

#include "tools/report_pages.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// The sheets of a staffing, in the order above.
std::vector<Sheet> staff_sheets(const StaffReportInput& staffing);

}  // namespace ccsim::cli
