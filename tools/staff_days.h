// `ccsim staff --meet-probability P`: the spread of the daily service level in the output.
//
// JSON: top-level "meet_probability": P and, in every interval row, "daily_service_level":
// {TYPE: {"p10", "p50", "p90", "share_meeting"}} (null when undefined on every day;
// share_meeting only for a type with a service-level target). Table and HTML report: one more
// table, "Daily service level". (The CSV is the staffing table only: tools/staff_queues.h.)
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"
#include "tools/json_text.h"

namespace ccsim::cli {

// The daily service level of interval `i`, by contact type; null without the spread.
nlohmann::json daily_service_level_json(const Scenario& sc, const staffing::Result& result,
                                        std::size_t i);

// The rows of the spread's table (the first is the header): per interval, each type's 10th,
// 50th and 90th percentile and, with a service-level target, the share of days meeting it.
std::vector<std::vector<std::string>> daily_table_rows(const Scenario& sc,
                                                       const staffing::Result& result);
inline constexpr const char* kDailyTableTitle =
    "Daily service level per interval (10th, 50th, 90th percentile over replications; share of "
    "days meeting the target)";

// The table of the spread, when there is one.
void write_daily_table(std::ostream& out, const Scenario& sc, const staffing::Result& result);

}  // namespace ccsim::cli
