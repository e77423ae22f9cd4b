// `ccsim staff --meet-probability P`: the spread of the daily service level in the output.
//
// JSON: top-level "meet_probability": P and, in every interval row, "daily_service_level":
// {TYPE: {"p10", "p50", "p90", "share_meeting"}} (null when undefined on every day;
// share_meeting only for a type with a service-level target). CSV: rows of section "daily",
// kpi service_level_p10, service_level_p50, service_level_p90 and service_level_share_meeting,
// the value in the mean column. Table: one more table, "Daily service level".
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

// The CSV rows of the spread ("daily" section), each written by `row(interval, type, kpi,
// value)` (value empty when undefined).
template <class Row>
void write_daily_csv(const Scenario& sc, const staffing::Result& result, const Row& row);

// The rows of the spread's table (the first is the header): per interval, each type's 10th,
// 50th and 90th percentile and, with a service-level target, the share of days meeting it.
std::vector<std::vector<std::string>> daily_table_rows(const Scenario& sc,
                                                       const staffing::Result& result);
inline constexpr const char* kDailyTableTitle =
    "Daily service level per interval (10th, 50th, 90th percentile over replications; share of "
    "days meeting the target)";

// The table of the spread, when there is one.
void write_daily_table(std::ostream& out, const Scenario& sc, const staffing::Result& result);

// ---- implementation

std::string daily_csv_value(const std::optional<double>& value);

template <class Row>
void write_daily_csv(const Scenario& sc, const staffing::Result& result, const Row& row) {
  for (std::size_t i = 0; i < result.daily_service_level.size(); ++i) {
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      const staffing::DailySpread& s = result.daily_service_level[i][k];
      row(int(i), sc.contact_types[k].name, "service_level_p10", daily_csv_value(s.p10));
      row(int(i), sc.contact_types[k].name, "service_level_p50", daily_csv_value(s.p50));
      row(int(i), sc.contact_types[k].name, "service_level_p90", daily_csv_value(s.p90));
      if (s.share_meeting) {
        row(int(i), sc.contact_types[k].name, "service_level_share_meeting",
            daily_csv_value(s.share_meeting));
      }
    }
  }
}

}  // namespace ccsim::cli
