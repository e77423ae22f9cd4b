// How ccsim's KPIs go into workbook sheets (tools/workbook.h): the column of a KPI, its cells,
// and the clock time of an interval, shared by the commands' workbooks (tools/*_workbook.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// The column of KPI `kpi_name` headed `header`: a share or rate (service_level, abandon_rate,
// occupancy, ...) as a percentage with 1 decimal, any other figure (counts, seconds) as a
// number with 1 decimal: the precision of the text tables.
Column kpi_column(std::string_view kpi_name, std::string header);

// A block of KPI columns: the means of `kpi_names` (headed by the name), then their 95% CI
// half-widths (headed "NAME ci95"), so that the means come first on screen.
std::vector<Column> estimate_columns(const std::vector<std::string_view>& kpi_names);
// The cells of such a block for `estimates` (in the same order): empty where undefined.
std::vector<Cell> estimate_cells(const std::vector<KpiEstimate>& estimates);

// The names of every contact KPI and every agent-group KPI, in the JSON's order.
std::vector<std::string_view> contact_kpi_names();
std::vector<std::string_view> group_kpi_names();
// The estimates of every contact (group) KPI of a scope, in the same order.
std::vector<KpiEstimate> contact_estimates(const ContactKpis& k);
std::vector<KpiEstimate> group_estimates(const GroupKpis& k);

// Seconds since midnight of the time `offset_s` after the clock time `start` ("HH:MM"), in
// [0, 86400): the value of a ColumnKind::Clock cell. As clock_label (models/scenario/scenario.h).
double time_of_day_s(const std::string& start, double offset_s);

}  // namespace ccsim::cli
