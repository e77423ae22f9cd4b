#include "tools/kpi_sheets.h"

#include <cmath>
#include <cstdio>

#include "tools/table_text.h"

namespace ccsim::cli {

Column kpi_column(std::string_view kpi_name, std::string header) {
  if (decimals_for(kpi_name) == 3) return {std::move(header), ColumnKind::Percent, 1};
  if (decimals_for(kpi_name) == 2) return {std::move(header), ColumnKind::Number, 2};  // money
  return {std::move(header), ColumnKind::Number, 1};
}

std::vector<Column> estimate_columns(const std::vector<std::string_view>& kpi_names) {
  std::vector<Column> columns;
  for (std::string_view name : kpi_names) columns.push_back(kpi_column(name, std::string(name)));
  for (std::string_view name : kpi_names) {
    columns.push_back(kpi_column(name, std::string(name) + " ci95"));
  }
  return columns;
}

std::vector<Cell> estimate_cells(const std::vector<KpiEstimate>& estimates) {
  std::vector<Cell> cells;
  cells.reserve(2 * estimates.size());
  for (const KpiEstimate& e : estimates) cells.push_back(e ? Cell(e->mean) : Cell());
  for (const KpiEstimate& e : estimates) cells.push_back(e ? Cell(e->ci95) : Cell());
  return cells;
}

std::vector<std::string_view> contact_kpi_names() {
  std::vector<std::string_view> names;
  for (const KpiInfo& info : contact_kpis()) names.push_back(info.name);
  return names;
}

std::vector<std::string_view> group_kpi_names() {
  std::vector<std::string_view> names;
  for (const GroupKpiInfo& info : group_kpis()) names.push_back(info.name);
  return names;
}

std::vector<KpiEstimate> contact_estimates(const ContactKpis& k) {
  std::vector<KpiEstimate> out;
  for (const KpiInfo& info : contact_kpis()) out.push_back(k[info.kpi]);
  return out;
}

std::vector<KpiEstimate> group_estimates(const GroupKpis& k) {
  std::vector<KpiEstimate> out;
  for (const GroupKpiInfo& info : group_kpis()) out.push_back(k[info.kpi]);
  return out;
}

double time_of_day_s(const std::string& start, double offset_s) {
  int h = 0, m = 0;
  if (std::sscanf(start.c_str(), "%d:%d", &h, &m) != 2) h = m = 0;
  double s = std::fmod(double(h * 3600 + m * 60) + std::fmod(offset_s, 86400.0), 86400.0);
  if (s < 0.0) s += 86400.0;
  return s;
}

}  // namespace ccsim::cli
