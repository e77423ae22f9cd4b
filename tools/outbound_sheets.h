// The outbound campaigns (Scenario::outbound) in the workbook of `ccsim run` (tools/workbook.h).
//
// Sheets, only when the scenario has a campaign: "outbound" (one row per interval and
// campaign: the interval's columns as the "intervals" sheet's, then campaign, attempts,
// connects, talk_s, agent_s, calls_left and their ci95 columns), "outbound_totals" (one row per
// campaign over the horizon) and, over several days, "outbound_days" (one row per day and
// campaign, with its date when the horizon has a start date). calls_left is the list left at
// the window's end (list form) or the quota calls lost within the window (per-interval form),
// as in the JSON.
#pragma once

#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// The sheets above, in that order; empty when `results` have no campaign.
// REQUIRES: `results` are of a scenario with horizon `horizon`.
std::vector<Sheet> outbound_sheets(const Results& results, const Horizon& horizon);

}  // namespace ccsim::cli
