// `ccsim staff --objective cost`: the option, and the cost curves around the optimum
// (staffing::Result::cost_curves) in every output format.
//
// JSON: "objective": "cost", "cost_curves": {TYPE: [{"index", "start", "optimum", "points":
// [{"servers", "agent_cost", "penalty_cost", "cost", "meets_targets"}]}]} (intervals without
// traffic left out), and "costs": the simulated money KPIs of the staffing (run_costs.h).
// Table: per contact type, the expected cost per interval at the optimum −2 … +2 servers.
// CSV: the WFM CSV (staff_queues.h) with the columns optimum_servers and cost_m2 … cost_p2
// (the expected cost at optimum −2 … +2 servers; empty where that count is not in the curve).
// Workbook: a sheet "cost_curves", one row per interval, type and point. HTML: a chart per type.
#pragma once

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/planning/staffing.h"
#include "tools/report.h"
#include "tools/report_pages.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// Declares --objective (into `objective`).
void declare_objective_option(boost::program_options::options_description& desc,
                              std::string& objective);

// Sets options.objective from --objective; with cost, the method is erlang unless --method
// was given, and any other method given is an error.
void check_objective(const boost::program_options::variables_map& vm, const std::string& objective,
                     staffing::Options& options, std::vector<std::string>& errors);

// Adds "objective", and with the cost objective "cost_curves" and "costs", to the staff JSON.
void add_cost_json(nlohmann::json& j, const StaffReportInput& in);

// The cost curve tables and the simulated cost; nothing unless the objective is cost.
void write_cost_tables(std::ostream& out, const StaffReportInput& in);

// The CSV cells of the cost curve of type k in interval i (",optimum,m2,m1,opt,p1,p2"), and
// its header; empty without cost curves.
std::string cost_csv_header(const staffing::Result& result);
std::string cost_csv_cells(const staffing::Result& result, std::size_t k, int i);

// The workbook sheet "cost_curves"; nullopt unless the objective is cost.
std::optional<Sheet> cost_curve_sheet(const StaffReportInput& in);

// The HTML section of the cost curves; nothing unless the objective is cost.
void cost_curve_section(HtmlReport& page, const StaffReportInput& in);

}  // namespace ccsim::cli
