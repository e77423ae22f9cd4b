// Numbers as ccsim's commands write them in text tables and CSV, and the aligned text tables.
//
// Table figures have a fixed number of decimals chosen per KPI (decimals_for). CSV follows one
// rule: a figure is written at the precision the table shows it (its KPI's decimals, so
// 2492.15, never 2492.1499999999996), and an exact quantity (an interval's start, a count of
// agents, a parameter) in the shortest form that reads back as the same double.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"

namespace ccsim::cli {

// `value` with exactly `decimals` decimals ("12.1", "0.813").
std::string format_number(double value, int decimals);
// A figure as a CSV field: `value` with exactly `decimals` decimals, as format_number, but
// never "-0.0" (a negative value rounded to zero is written as zero).
std::string csv_number(double value, int decimals);
// An exact quantity as a CSV field: the shortest decimal text that reads back as `value`
// ("3", "0.1", "1800"), in scientific notation only where that is shorter ("1e+300").
std::string csv_number(double value);

// "mean ± ci95" with `decimals` decimals, or "-" when undefined; the mean alone for an exact
// value (n 0: computed, not estimated from replications).
std::string cell(const KpiEstimate& e, int decimals);
// Decimals for a KPI in tables: shares and rates 3, counts and seconds 1.
int decimals_for(std::string_view kpi_name);

// Aligned text table: the first row is the header, underlined; the first `left_columns`
// columns (labels) are left-aligned, the others right-aligned. Widths count UTF-8 code points,
// one column each.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 std::size_t left_columns = 1);

}  // namespace ccsim::cli
