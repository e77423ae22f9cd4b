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

nlohmann::json paired_json(const PairedEstimate& p) {
  return {{"base", estimate_json(p.base)},
          {"variant", estimate_json(p.variant)},
          {"difference", estimate_json(p.difference)}};
}

nlohmann::json paired_kpis_json(const PairedCostKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const CostKpiInfo& info : cost_kpis()) o[std::string(info.name)] = paired_json(k[info.kpi]);
  return o;
}

std::string signed_money(const KpiEstimate& e) {
  if (!e) return "-";
  const std::string text = cell(e, kMoneyDecimals);
  return (e->mean >= 0 ? "+" : "") + text;
}

std::string mean_cell(const KpiEstimate& e) {
  return e ? format_number(e->mean, kMoneyDecimals) : std::string("-");
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

nlohmann::json paired_costs_json(const PairedComparison& c, const Scenario& base) {
  nlohmann::json j;
  j["totals"] = paired_kpis_json(c.costs->total);
  if (!c.costs->days.empty()) {
    nlohmann::json days = nlohmann::json::array();
    for (std::size_t d = 0; d < c.costs->days.size(); ++d) {
      nlohmann::json row = paired_kpis_json(c.costs->days[d]);
      row["day"] = d;
      const std::string date = day_date(base.horizon, int(d));
      if (!date.empty()) row["date"] = date;
      days.push_back(row);
    }
    j["days"] = days;
  }
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < c.costs->intervals.size(); ++i) {
    nlohmann::json row = paired_kpis_json(c.costs->intervals[i]);
    row["index"] = i;
    row["start_s"] = c.interval_start_s[i];
    row["start"] = clock_label(base.horizon.start, c.interval_start_s[i]);
    intervals.push_back(row);
  }
  j["intervals"] = intervals;
  return j;
}

void write_paired_costs_tables(std::ostream& out, const PairedComparison& c, const Scenario& base) {
  if (!c.costs) return;
  const auto scope_rows = [](std::vector<std::vector<std::string>>& rows, std::string first,
                             const PairedCostKpis& k) {
    for (const CostKpiInfo& info : cost_kpis()) {
      const PairedEstimate& p = k[info.kpi];
      rows.push_back({first, std::string(info.name), cell(p.base, kMoneyDecimals),
                      cell(p.variant, kMoneyDecimals), signed_money(p.difference)});
    }
  };
  std::vector<std::vector<std::string>> rows;
  scope_rows(rows, "", c.costs->total);
  for (std::vector<std::string>& r : rows) r.erase(r.begin());
  rows.insert(rows.begin(), {"KPI", "base", "variant", "difference"});
  out << "\nCosts and revenue\n";
  print_table(out, rows);
  if (!c.costs->days.empty()) {
    rows.assign(1, {"day", "KPI", "base", "variant", "difference"});
    for (std::size_t d = 0; d < c.costs->days.size(); ++d) {
      const std::string date = day_date(base.horizon, int(d));
      scope_rows(rows, date.empty() ? "D" + std::to_string(d + 1) : date, c.costs->days[d]);
    }
    out << "\nCosts and revenue by day\n";
    print_table(out, rows);
  }
  rows.assign(1, {"interval", "start", "cost base", "variant", "difference", "net base", "variant",
                  "difference"});
  for (std::size_t i = 0; i < c.costs->intervals.size(); ++i) {
    rows.push_back({std::to_string(i), interval_label(base.horizon, int(i))});
    for (CostKpi q : {CostKpi::Cost, CostKpi::Net}) {
      const PairedEstimate& p = c.costs->intervals[i][q];
      rows.back().push_back(mean_cell(p.base));
      rows.back().push_back(mean_cell(p.variant));
      rows.back().push_back(signed_money(p.difference));
    }
  }
  out << "\nCosts and revenue by interval (means; difference ± 95% CI)\n";
  print_table(out, rows);
}

void paired_cost_report_section(HtmlReport& page, const Scenario& base, const PairedComparison& c) {
  if (!c.costs) return;
  page.section("Costs and revenue");
  TextTable t{{"KPI", "base", "variant", "difference (variant \u2212 base)"}};
  const auto text = [](const KpiEstimate& e, bool sign) {
    if (!e) return std::string("\u2013");
    const std::string s = format_cell(e->mean, e->ci95, kMoneyDecimals, ValueFormat::Number);
    return (sign && s[0] != '-' ? "+" : "") + s;
  };
  for (const CostKpiInfo& info : cost_kpis()) {
    const PairedEstimate& p = c.costs->total[info.kpi];
    t.push_back({std::string(info.label) + " [" + std::string(info.name) + "]", text(p.base, false),
                 text(p.variant, false), text(p.difference, true)});
  }
  page.table(t, "Costs and revenue over the horizon (mean \u00b1 95% CI)");
  const std::size_t n = c.costs->intervals.size();
  Chart chart = interval_chart(base, "Cost and net: difference per interval",
                               "difference in money per interval");
  chart.y_min.reset();
  for (CostKpi q : {CostKpi::Cost, CostKpi::Net}) {
    const std::string name(q == CostKpi::Cost ? "cost" : "net");
    chart.series.push_back(estimate_series(
        name + ": variant \u2212 base", n,
        [&c, q](std::size_t i) { return c.costs->intervals[i][q].difference; }, kMoneyDecimals));
    chart.series.back().band_name = "paired 95% CI";
  }
  chart.targets.push_back({"no difference", 0.0});
  chart.note =
      "Where a band excludes 0, the variant's effect on that figure in that interval is "
      "significant at the 5% level.";
  page.chart(chart);
}

}  // namespace ccsim::cli
