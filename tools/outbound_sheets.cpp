// The outbound campaigns in the workbook of `ccsim run` (tools/outbound_sheets.h).
#include "tools/outbound_sheets.h"

#include <string>
#include <string_view>

#include "tools/kpi_sheets.h"
#include "tools/run_workbook.h"

namespace ccsim::cli {

namespace {

std::vector<std::string_view> outbound_kpi_names() {
  std::vector<std::string_view> names;
  for (const OutboundKpiInfo& info : outbound_kpis()) names.push_back(info.name);
  return names;
}

// The campaign's name, then its KPIs' means and ci95s.
std::vector<Cell> campaign_cells(const std::string& name, const OutboundKpis& k) {
  std::vector<KpiEstimate> estimates;
  for (const OutboundKpiInfo& info : outbound_kpis()) estimates.push_back(k[info.kpi]);
  std::vector<Cell> row{name};
  const std::vector<Cell> cells = estimate_cells(estimates);
  row.insert(row.end(), cells.begin(), cells.end());
  return row;
}

void add_campaign_columns(Sheet& s) {
  s.columns.push_back({"campaign", ColumnKind::Text});
  const std::vector<Column> kpis = estimate_columns(outbound_kpi_names());
  s.columns.insert(s.columns.end(), kpis.begin(), kpis.end());
}

Sheet intervals_of_campaigns(const Results& r, const Horizon& h) {
  Sheet s{"outbound", interval_columns(h), {}};
  add_campaign_columns(s);
  for (std::size_t i = 0; i < r.outbound_intervals.size(); ++i) {
    for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
      std::vector<Cell> row = interval_cells(h, int(i));
      const std::vector<Cell> cells = campaign_cells(r.campaigns[c], r.outbound_intervals[i][c]);
      row.insert(row.end(), cells.begin(), cells.end());
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

Sheet totals_of_campaigns(const Results& r) {
  Sheet s{"outbound_totals", {}, {}};
  add_campaign_columns(s);
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    s.rows.push_back(campaign_cells(r.campaigns[c], r.outbound_totals[c]));
  }
  return s;
}

Sheet days_of_campaigns(const Results& r, const Horizon& h) {
  Sheet s{"outbound_days", {{"day", ColumnKind::Integer}}, {}};
  if (!h.start_date.empty()) s.columns.push_back({"date", ColumnKind::Date});
  add_campaign_columns(s);
  for (std::size_t d = 0; d < r.outbound_days.size(); ++d) {
    for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
      std::vector<Cell> row{double(d)};
      if (!h.start_date.empty()) {
        row.emplace_back(double(date_day_number(day_date(h, int(d))).value_or(0)));
      }
      const std::vector<Cell> cells = campaign_cells(r.campaigns[c], r.outbound_days[d][c]);
      row.insert(row.end(), cells.begin(), cells.end());
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

}  // namespace

std::vector<Sheet> outbound_sheets(const Results& r, const Horizon& h) {
  if (r.campaigns.empty()) return {};
  std::vector<Sheet> sheets{intervals_of_campaigns(r, h), totals_of_campaigns(r)};
  if (!r.outbound_days.empty()) sheets.push_back(days_of_campaigns(r, h));
  return sheets;
}

}  // namespace ccsim::cli
