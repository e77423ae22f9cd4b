// The money KPIs of `ccsim run` (models/centre/costs.h) in each output format: JSON "costs":
// {"totals": KPIs, "days": [{"day", KPIs}] (several days), "intervals": [{"index", "start_s",
// "start", KPIs}]}; CSV rows of section "costs" (name "all"); a totals table and a table by
// interval; workbook sheets "costs" (one row per interval) and "cost_totals" (the horizon, then
// each day); in the HTML report a table of the totals and a chart per interval. Shown only when
// the scenario has `costs` (Results::costs).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "tools/report.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// REQUIRES: results.costs.
nlohmann::json costs_json(const Results& results, const Scenario& scenario);

// The CSV rows of the money KPIs, through `row` (as write_results_csv's): the horizon, the
// days, the intervals; `owner` is the index of "all" (results.types.size()).
template <class Row>
void cost_rows(const Results& r, const Row& row) {
  if (!r.costs) return;
  const std::size_t all = r.types.size();
  for (const CostKpiInfo& info : cost_kpis()) {
    row("costs", std::nullopt, all, info.name, r.costs->total[info.kpi], std::nullopt);
  }
  for (std::size_t d = 0; d < r.costs->days.size(); ++d) {
    for (const CostKpiInfo& info : cost_kpis()) {
      row("costs", std::nullopt, all, info.name, r.costs->days[d][info.kpi], int(d));
    }
  }
  for (std::size_t i = 0; i < r.costs->intervals.size(); ++i) {
    for (const CostKpiInfo& info : cost_kpis()) {
      row("costs", i, all, info.name, r.costs->intervals[i][info.kpi], std::nullopt);
    }
  }
}

// The totals of the money KPIs, then by day (several days) and by interval; nothing without
// costs.
void write_costs_tables(std::ostream& out, const Results& results, const Scenario& scenario);

// The workbook sheets; none without costs.
std::vector<Sheet> cost_sheets(const Results& results, const Horizon& horizon);

// The HTML report's section; nothing without costs.
void cost_report_section(HtmlReport& page, const Scenario& scenario, const Results& results);

}  // namespace ccsim::cli
