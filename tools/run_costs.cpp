#include "tools/run_costs.h"

#include <string>
#include <vector>

#include "tools/json_text.h"
#include "tools/kpi_sheets.h"
#include "tools/report_series.h"
#include "tools/run_workbook.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

constexpr int kMoneyDecimals = 2;

nlohmann::json cost_kpis_json(const CostKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const CostKpiInfo& info : cost_kpis())
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  return o;
}

void cells(const CostKpis& k, std::vector<std::string>& row) {
  for (const CostKpiInfo& info : cost_kpis()) row.push_back(cell(k[info.kpi], kMoneyDecimals));
}

std::vector<std::string> header(std::vector<std::string> first) {
  for (const CostKpiInfo& info : cost_kpis()) first.emplace_back(info.name);
  return first;
}

std::vector<std::string_view> names() {
  std::vector<std::string_view> out;
  for (const CostKpiInfo& info : cost_kpis()) out.push_back(info.name);
  return out;
}

std::vector<Cell> estimate_row(const CostKpis& k) {
  return estimate_cells(std::vector<KpiEstimate>(k.kpi.begin(), k.kpi.end()));
}

}  // namespace

nlohmann::json costs_json(const Results& r, const Scenario& sc) {
  nlohmann::json j;
  j["totals"] = cost_kpis_json(r.costs->total);
  if (!r.costs->days.empty()) {
    nlohmann::json days = nlohmann::json::array();
    for (std::size_t d = 0; d < r.costs->days.size(); ++d) {
      nlohmann::json row = cost_kpis_json(r.costs->days[d]);
      row["day"] = d;
      const std::string date = day_date(sc.horizon, int(d));
      if (!date.empty()) row["date"] = date;
      days.push_back(row);
    }
    j["days"] = days;
  }
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < r.costs->intervals.size(); ++i) {
    nlohmann::json row = cost_kpis_json(r.costs->intervals[i]);
    row["index"] = i;
    row["start_s"] = r.interval_start_s[i];
    row["start"] = clock_label(sc.horizon.start, r.interval_start_s[i]);
    intervals.push_back(row);
  }
  j["intervals"] = intervals;
  return j;
}

void write_costs_tables(std::ostream& out, const Results& r, const Scenario& sc) {
  if (!r.costs) return;
  std::vector<std::vector<std::string>> rows{{"KPI", "all"}};
  for (const CostKpiInfo& info : cost_kpis()) {
    rows.push_back({std::string(info.name), cell(r.costs->total[info.kpi], kMoneyDecimals)});
  }
  out << "\nCosts and revenue\n";
  print_table(out, rows);
  if (!r.costs->days.empty()) {
    rows.assign(1, header({"day"}));
    for (std::size_t d = 0; d < r.costs->days.size(); ++d) {
      const std::string date = day_date(sc.horizon, int(d));
      rows.push_back({date.empty() ? "D" + std::to_string(d + 1) : date});
      cells(r.costs->days[d], rows.back());
    }
    out << "\nCosts and revenue by day\n";
    print_table(out, rows);
  }
  rows.assign(1, header({"interval", "start"}));
  for (std::size_t i = 0; i < r.costs->intervals.size(); ++i) {
    rows.push_back({std::to_string(i), interval_label(sc.horizon, int(i))});
    cells(r.costs->intervals[i], rows.back());
  }
  out << "\nCosts and revenue by interval\n";
  print_table(out, rows);
}

std::vector<Sheet> cost_sheets(const Results& r, const Horizon& h) {
  if (!r.costs) return {};
  const std::vector<Column> kpi_columns = estimate_columns(names());
  Sheet per_interval{"costs", interval_columns(h), {}};
  per_interval.columns.insert(per_interval.columns.end(), kpi_columns.begin(), kpi_columns.end());
  for (std::size_t i = 0; i < r.costs->intervals.size(); ++i) {
    std::vector<Cell> row = interval_cells(h, int(i));
    for (Cell& c : estimate_row(r.costs->intervals[i])) row.push_back(std::move(c));
    per_interval.rows.push_back(std::move(row));
  }
  Sheet totals{"cost_totals", {{"scope", ColumnKind::Text}}, {}};
  totals.columns.insert(totals.columns.end(), kpi_columns.begin(), kpi_columns.end());
  auto add = [&totals](std::string scope, const CostKpis& k) {
    std::vector<Cell> row{Cell(std::move(scope))};
    for (Cell& c : estimate_row(k)) row.push_back(std::move(c));
    totals.rows.push_back(std::move(row));
  };
  add("horizon", r.costs->total);
  for (std::size_t d = 0; d < r.costs->days.size(); ++d) {
    const std::string date = day_date(h, int(d));
    add(date.empty() ? "day " + std::to_string(d) : date, r.costs->days[d]);
  }
  return {per_interval, totals};
}

void cost_report_section(HtmlReport& page, const Scenario& sc, const Results& r) {
  if (!r.costs) return;
  page.section("Costs and revenue");
  TextTable t{{"KPI", "horizon (mean \u00b1 95% CI)"}};
  for (const CostKpiInfo& info : cost_kpis()) {
    const KpiEstimate& e = r.costs->total[info.kpi];
    t.push_back({std::string(info.label) + " [" + std::string(info.name) + "]",
                 format_cell(e ? std::optional<double>(e->mean) : std::nullopt,
                             e ? std::optional<double>(e->ci95) : std::nullopt, kMoneyDecimals,
                             ValueFormat::Number)});
  }
  page.table(t, "Costs and revenue over the horizon");
  const std::size_t n = r.costs->intervals.size();
  const auto kpi = [&r](CostKpi q) {
    return [&r, q](std::size_t i) { return r.costs->intervals[i][q]; };
  };
  Chart chart = interval_chart(sc, "Cost, revenue and net per interval", "money per interval");
  chart.y_min.reset();  // net may be negative
  chart.series.push_back(estimate_series("cost", n, kpi(CostKpi::Cost), kMoneyDecimals));
  chart.series.push_back(estimate_series("revenue", n, kpi(CostKpi::Revenue), kMoneyDecimals));
  chart.series.push_back(estimate_series("net", n, kpi(CostKpi::Net), kMoneyDecimals));
  chart.series.push_back(
      estimate_series("penalty cost", n, kpi(CostKpi::PenaltyCost), kMoneyDecimals));
  chart.note =
      "Cost: agents scheduled (before shrinkage) plus penalties for abandoned, blocked and balked "
      "contacts and minutes waited; a contact counts in the interval in which it arrived.";
  page.chart(chart);
}

}  // namespace ccsim::cli
