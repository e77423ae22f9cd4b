// Helpers shared by the report builders (report_*.cpp): labels, chart series of results, the
// scenario's targets as chart lines, and the per-interval charts several reports show.
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

// The targets of contact type `type` as lines on a chart, each only where the scenario sets it:
// "target 0.80" (service level), "max 0.050" (abandon rate), "max ASA 20 s".
void add_service_level_target(Chart& chart, const ContactType& type);
void add_abandon_target(Chart& chart, const ContactType& type);
void add_asa_target(Chart& chart, const ContactType& type);
// The maximum occupancy of `group`, where set: "NAME max 0.85".
void add_occupancy_target(Chart& chart, const AgentGroup& group);

// Per-interval charts of scope `k` of `results` (contact type k, or all types after the last),
// titled for scope `name`, with the targets of `type` when it is not null.
// REQUIRES: `results` are of `scenario`; k <= the number of contact types.
// ASA and wait p90: "Waiting time: NAME".
Chart waiting_time_chart(const Scenario& scenario, const Results& results, std::size_t k,
                         const std::string& name, const ContactType* type);
// Service level on [0, 1], titled `title`.
Chart service_level_chart(const Scenario& scenario, const Results& results, std::size_t k,
                          std::string title, const ContactType* type);
// Abandon rate: "Abandonment: NAME".
Chart abandonment_chart(const Scenario& scenario, const Results& results, std::size_t k,
                        const std::string& name, const ContactType* type);
// Occupancy of each agent group on [0, 1] with its maximum, against `y_axis`.
Chart occupancy_chart(const Scenario& scenario, const Results& results, std::string y_axis);

}  // namespace ccsim::cli
