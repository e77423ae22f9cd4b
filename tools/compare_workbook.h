// The workbook of `ccsim compare` (--out FILE.xlsx): predictions beside measurements, as sheets
// (tools/workbook.h).
//
// Sheets: "accuracy" (one row per model, scope and KPI: rows compared, weight, MAPE, bias,
// relative bias, share within the 95% prediction interval) and "intervals" (one row per model,
// interval and scope; for each measured KPI the columns "KPI predicted", "KPI measured" and
// "KPI pi95" side by side; empty where the KPI was not measured).
#pragma once

#include <vector>

#include "models/measured/measured.h"
#include "models/scenario/scenario.h"
#include "tools/workbook.h"

namespace ccsim::cli {

std::vector<Sheet> comparison_sheets(const Scenario& scenario, const Comparison& comparison);

}  // namespace ccsim::cli
