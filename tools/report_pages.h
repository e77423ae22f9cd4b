// The HTML report of each command (--report FILE.html), built from the command's results with
// tools/report.h, and the --report option itself.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/measured/measured.h"
#include "models/planning/queue_staffing.h"
#include "models/planning/shift_planning.h"
#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"
#include "models/studies/sweep.h"
#include "models/studies/whatif.h"
#include "tools/options.h"
#include "tools/report_series.h"
#include "tools/staff_what_if.h"

namespace ccsim::cli {

// Declares --report FILE.html on `desc`, storing the path in `file`.
void add_report_option(boost::program_options::options_description& desc, std::string& file);
// Why `file` cannot be a report (an error message naming --report), or nullopt: it must end in
// .html or .htm (any case) and be writable as an output (output_path_error in
// tools/output_files.h).
std::optional<std::string> report_path_error(const std::string& file);

// Writes the report (when `report_file` is not empty; `html` builds it), then the command's
// output as emit() does. Returns the exit code; when either write fails, neither path changes
// (a file already there is left as it was).
int emit_with_report(const CommonOptions& common, const std::string& content,
                     const std::string& report_file, const std::function<std::string()>& html,
                     std::ostream& out, std::ostream& err);

// `ccsim run`: the scenario's summary, totals, and per contact type (and all types) charts per
// interval of offered contacts vs agents, ASA and wait p90, service level against its target,
// abandonment against its maximum; occupancy of each agent group per interval.
std::string run_report(const Scenario& scenario, const Results& results,
                       const std::string& scenario_file);

// The files of `ccsim run BASE --vs VARIANT` and what differs between them
// (scenario_file_differences in tools/report_series.h; nullopt: they could not be compared).
struct PairedFiles {
  std::string base, variant;
  std::optional<std::vector<ScenarioDifference>> differences;
};
// `ccsim run BASE --vs VARIANT`: both scenarios and exactly what the variant changes, their
// per-interval KPIs and paired differences (variant − base) with 95% CIs, totals and agent
// groups.
std::string paired_report(const Scenario& base, const Scenario& variant,
                          const PairedComparison& comparison, const PairedFiles& files);

// `ccsim staff`: required agents per interval and group (the staffing curves) against the
// scenario's own staff, the KPIs achieved with them against the targets, and the shift plan.
struct StaffReportInput {
  const Scenario& scenario;
  const staffing::Result& result;
  const staffing::Options& options;
  const std::string& templates_file;            // empty without --shift-templates
  const std::vector<ShiftTemplate>& templates;  // as given
  const std::vector<ShiftPlan>& plans;          // [group]; empty without --shift-templates
  const staffing::QueueStaffing& queues;        // the agents each contact type needs
  const std::vector<std::string>& overrides;    // the what-if options in effect, in words
  // With --volume-factor (simulation method): the forecast's plan the what-if is bounded by.
  // Default: none.
  const ForecastPlan* forecast = nullptr;
};
std::string staff_report(const StaffReportInput& input);
// How the staffing was found, for the report's subtitle and the table's heading: "method
// simulation, targets judged on the mean of 10 replications (seed 1), 12 iterations", or
// "method erlang; KPIs from 10 replications (seed 1)"; with outbound campaigns, "method erlang
// (inbound only: outbound campaign renewals left out); KPIs from ...".
std::string staffing_method_text(const StaffReportInput& input);
// What an analytic staffing (--method erlang) leaves out of `scenario`: "outbound campaign
// renewals", "outbound campaigns renewals, surveys"; empty when the scenario has no campaign.
std::string campaigns_left_out(const Scenario& scenario);

// `ccsim sweep`: for one parameter (or a zip), KPI curves against the parameter with CI bands;
// for a grid of two, heatmaps of ASA, service level and abandonment; always a table of every
// point. `records` are point records (models/studies/sweep.h, point_record) by point index.
std::string sweep_report(const std::string& scenario_file, const SweepSpec& spec,
                         const SweepPlan& plan,
                         const std::map<std::size_t, nlohmann::json>& records);

// `ccsim compare`: per scope and measured KPI, the prediction with its 95% CI and prediction
// band against the measured points; the accuracy table.
std::string compare_report(const Scenario& scenario, const Results& results,
                           const MeasuredTable& measured, const Comparison& comparison);

}  // namespace ccsim::cli
