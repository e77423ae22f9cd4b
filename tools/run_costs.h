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
#include "models/studies/whatif.h"
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

// ---- run --vs (PairedComparison::costs) ----

// JSON "costs": {"totals": {KPI: {"base", "variant", "difference"}}, "days": [{"day", "date"?,
// KPI: ...}] (several days), "intervals": [{"index", "start_s", "start", KPI: ...}]}.
// REQUIRES: comparison.costs.
nlohmann::json paired_costs_json(const PairedComparison& comparison, const Scenario& base);

// The CSV rows of the money KPIs (name "all"), through `row(section, interval, owner, kpi,
// paired)` as write_comparison_csv's: the horizon, then each interval.
template <class Row>
void paired_cost_rows(const PairedComparison& c, const Row& row) {
  if (!c.costs) return;
  const std::size_t all = c.types.size();
  for (const CostKpiInfo& info : cost_kpis()) {
    row("costs", std::nullopt, all, info.name, c.costs->total[info.kpi]);
  }
  for (std::size_t i = 0; i < c.costs->intervals.size(); ++i) {
    for (const CostKpiInfo& info : cost_kpis()) {
      row("costs", i, all, info.name, c.costs->intervals[i][info.kpi]);
    }
  }
}

// The tables "Costs and revenue" (base, variant, difference over the horizon), by day (several
// days) and by interval (base and variant of cost and net, the difference of each); nothing
// without costs.
void write_paired_costs_tables(std::ostream& out, const PairedComparison& comparison,
                               const Scenario& base);

// The HTML report's section "Costs and revenue": the totals of base, variant and difference,
// and a chart per interval of the difference of cost and of net with their paired 95% CIs;
// nothing without costs.
void paired_cost_report_section(HtmlReport& page, const Scenario& base,
                                const PairedComparison& comparison);

}  // namespace ccsim::cli
