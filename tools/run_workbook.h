// The workbook of `ccsim run` (--out FILE.xlsx): its results as sheets (tools/workbook.h).
//
// Sheets: "totals" (one row per contact type, and "all" when there are several), "intervals"
// (one row per interval and contact type), "agent_groups" (one row per group) and
// "group_intervals" (one row per interval and group, with the agents scheduled), and over
// several days "days" (one row per day and contact type); "targets" when the scenario states
// any (one row per check of models/centre/targets.h: owner, name, kpi, target, threshold_s,
// scope, interval, day/date, start, value, ci95, verdict); the outbound campaigns' sheets
// (tools/outbound_sheets.h) when it has any; "costs" and "cost_totals" (tools/run_costs.h)
// when it has costs. Every KPI of the JSON output is a column of
// means, followed by its "ci95" column; undefined figures are empty cells.
#pragma once

#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// The sheets of `results` of `scenario`, in the order above.
std::vector<Sheet> results_sheets(const Results& results, const Scenario& scenario);

// The "intervals" sheet alone, named `name`: one row per interval and contact type (and "all"
// with several types), every contact KPI's mean and ci95.
Sheet intervals_sheet(const Results& results, const Horizon& horizon,
                      const std::string& name = "intervals");

// The leading columns of a row of interval i: "interval", "day" (and "date") when the horizon
// carries days, "start" (clock time); and their cells.
std::vector<Column> interval_columns(const Horizon& horizon);
std::vector<Cell> interval_cells(const Horizon& horizon, int i);

}  // namespace ccsim::cli
