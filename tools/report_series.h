// Helpers shared by the report builders (report_*.cpp): labels and chart series of results.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "tools/report.h"

namespace ccsim::cli {

// The clock label of each interval's start ("08:30").
std::vector<std::string> interval_labels(const Scenario& scenario);
// The x axis title of per-interval charts.
inline constexpr const char* kIntervalAxis = "interval start (clock time)";

// A line series of `count` estimates: value(i) for i in [0, count), band = the 95% CI.
ChartSeries estimate_series(const std::string& name, std::size_t count,
                            const std::function<KpiEstimate(std::size_t)>& value, int decimals);

// A per-interval chart with the scenario's interval labels, its left axis starting at 0 (a
// band of a quantity that cannot be negative is cut there).
Chart interval_chart(const Scenario& scenario, std::string title, std::string y_axis);

// Facts about a scenario for a summary: horizon, contact types, agent groups, targets.
std::vector<std::pair<std::string, std::string>> scenario_facts(const Scenario& scenario);

// Axis title of a contact KPI with its unit ("ASA (s)", "service level (share)").
std::string kpi_axis(Kpi kpi);

}  // namespace ccsim::cli
