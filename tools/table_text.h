// Numbers as ccsim's commands write them in text tables and CSV, and the aligned text tables.
//
// Table figures have a fixed number of decimals chosen per KPI; CSV figures keep 17 significant
// digits, so that a value read back is the value written.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"

namespace ccsim::cli {

// `value` with exactly `decimals` decimals ("12.1", "0.813").
std::string format_number(double value, int decimals);
// `value` with 17 significant digits, as a CSV field.
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
