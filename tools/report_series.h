// Helpers shared by the report builders (report_*.cpp): labels, chart series of results, the
// scenario's targets as chart lines, and the per-interval charts several reports show.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
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

// Facts about a scenario for a summary: its horizon, and the routing rule when not the
// default. What each type and group assumes is in scenario_tables.
std::vector<std::pair<std::string, std::string>> scenario_facts(const Scenario& scenario);

// The scenario's assumptions as two tables: per contact type its channel, volume (per day and
// the peak interval), AHT, patience and targets, and, only where some type uses them,
// deflection (self-service), containment (chatbot), callback rule and retrials; per agent
// group its skills, staff, shrinkage, and, only where some group differs from the default,
// concurrency, maximum occupancy and speed factor. `caption_prefix` starts each caption (e.g.
// "Base: ").
void scenario_tables(HtmlReport& page, const Scenario& scenario,
                     const std::string& caption_prefix = {});

// One value that differs between two scenario documents: its JSON path as errors name it
// ("contact_types[0].handle_time.mean_s") and both values as JSON text ("absent" where a
// document lacks it; long values shortened with "…").
struct ScenarioDifference {
  std::string path, base, variant;
};
// Every difference between `base` and `variant`, in document order (base's keys first, then
// keys only the variant has): objects are compared key by key, arrays of the same length entry
// by entry; an array whose length differs is one difference, and so is a list of scalars with
// more than 5 entries changed (its path then ends in " (N of M entries)").
std::vector<ScenarioDifference> scenario_differences(const nlohmann::json& base,
                                                     const nlohmann::json& variant);
// scenario_differences of two scenario files as written; nullopt when either cannot be read
// or parsed.
std::optional<std::vector<ScenarioDifference>> scenario_file_differences(
    const std::string& base_file, const std::string& variant_file);

// Axis title of a contact KPI with its unit ("ASA (s)", "service level (%)").
std::string kpi_axis(Kpi kpi);
// How reports write KPI `kpi`: shares (service level, abandon rate, ...) as percentages, times
// as durations, the rest as numbers.
ValueFormat kpi_format(Kpi kpi);
// `series` (of KPI `kpi`) with kpi_format and the KPI's possible values: shares in [0, 1],
// counts and times >= 0. Returns `series`.
ChartSeries& as_kpi(ChartSeries& series, Kpi kpi);
// `series` of a share (occupancy, ...): written as a percentage, its band cut to [0, 1].
// Returns `series`.
ChartSeries& as_share(ChartSeries& series);
// Whether KPI `kpi` says anything about `scenario`: false for the KPIs of a flow no contact
// type uses (callbacks without a callback, deflection without self-service, transfer rate
// without transfers, first attempts without retrials or transfers, ...), true otherwise.
bool kpi_used(const Scenario& scenario, Kpi kpi);
// kpi_format of a KPI named by its contract key ("asa_s"); Number for a name not known.
ValueFormat kpi_format(std::string_view name);

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
// Service level in percent, titled `title`.
Chart service_level_chart(const Scenario& scenario, const Results& results, std::size_t k,
                          std::string title, const ContactType* type);
// Abandon rate: "Abandonment: NAME".
Chart abandonment_chart(const Scenario& scenario, const Results& results, std::size_t k,
                        const std::string& name, const ContactType* type);
// Occupancy of each agent group in percent with its maximum, against `y_axis`.
Chart occupancy_chart(const Scenario& scenario, const Results& results, std::string y_axis);

}  // namespace ccsim::cli
