#include "tools/staff_costs.h"

#include "models/io/text.h"
#include "tools/json_text.h"
#include "tools/options.h"
#include "tools/report_series.h"
#include "tools/run_costs.h"
#include "tools/run_workbook.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr int kReach = 2;  // the curve shows the optimum −2 … +2

// The point of `curve` at `servers`, or nullptr.
const staffing::CostPoint* point_at(const staffing::CostCurve& curve, int servers) {
  for (const staffing::CostPoint& p : curve.points) {
    if (p.servers == servers) return &p;
  }
  return nullptr;
}

bool has_curves(const staffing::Result& r) {
  return !r.cost_curves.empty();
}

}  // namespace

void declare_objective_option(po::options_description& desc, std::string& objective) {
  desc.add_options()("objective", po::value<std::string>(&objective),
                     "targets (default: the fewest agents meeting the targets) or cost (the "
                     "staffing of least expected cost, agents plus the scenario's penalties, "
                     "subject to any targets; Erlang method)");
}

void check_objective(const po::variables_map& vm, const std::string& objective,
                     staffing::Options& options, std::vector<std::string>& errors) {
  if (!vm.count("objective")) return;
  if (objective == "targets") return;
  if (objective != "cost") {
    errors.push_back("--objective: must be targets or cost (got " + objective + ")");
    return;
  }
  options.objective = staffing::Objective::Cost;
  if (!vm.count("method")) {
    options.method = staffing::Method::Erlang;
  } else if (options.method != staffing::Method::Erlang) {
    errors.push_back(
        std::string("--objective cost: works with --method erlang only (got --method ") +
        staffing::method_name(options.method) + ")");
  }
}

void add_cost_json(nlohmann::json& j, const StaffReportInput& in) {
  const staffing::Result& res = in.result;
  j["objective"] = has_curves(res) ? "cost" : "targets";
  if (!has_curves(res)) return;
  const Scenario& sc = in.scenario;
  nlohmann::json curves = nlohmann::json::object();
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < res.cost_curves[k].size(); ++i) {
      const staffing::CostCurve& c = res.cost_curves[k][i];
      if (c.points.empty()) continue;
      nlohmann::json points = nlohmann::json::array();
      for (const staffing::CostPoint& p : c.points) {
        points.push_back({{"servers", p.servers},
                          {"agent_cost", p.agent_cost},
                          {"penalty_cost", p.penalty_cost},
                          {"cost", p.cost()},
                          {"meets_targets", p.meets_targets}});
      }
      rows.push_back({{"index", i},
                      {"start", interval_label(sc.horizon, int(i))},
                      {"optimum", c.optimum},
                      {"points", points}});
    }
    curves[sc.contact_types[k].name] = rows;
  }
  j["cost_curves"] = curves;
  if (res.achieved.costs) j["costs"] = costs_json(res.achieved, sc);
}

void write_cost_tables(std::ostream& out, const StaffReportInput& in) {
  const staffing::Result& res = in.result;
  if (!has_curves(res)) return;
  const Scenario& sc = in.scenario;
  out << "\nExpected cost per interval around the optimum (Erlang; servers = agents on duty x "
         "concurrency; * below the targets)\n";
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    std::vector<std::vector<std::string>> rows{
        {"start", "optimum", "-2", "-1", "optimum cost", "+1", "+2"}};
    for (std::size_t i = 0; i < res.cost_curves[k].size(); ++i) {
      const staffing::CostCurve& c = res.cost_curves[k][i];
      if (c.points.empty()) continue;
      std::vector<std::string> row{interval_label(sc.horizon, int(i)), std::to_string(c.optimum)};
      for (int d = -kReach; d <= kReach; ++d) {
        const staffing::CostPoint* p = point_at(c, c.optimum + d);
        row.push_back(!p ? "-" : format_number(p->cost(), 2) + (p->meets_targets ? "" : " *"));
      }
      rows.push_back(row);
    }
    if (rows.size() == 1) continue;
    out << "\n" << sc.contact_types[k].name << "\n";
    print_table(out, rows);
  }
  if (const auto& costs = res.achieved.costs) {
    out << "\nSimulated cost of this staffing: cost " << cell(costs->total[CostKpi::Cost], 2)
        << " (agents " << cell(costs->total[CostKpi::AgentCost], 2) << ", penalties "
        << cell(costs->total[CostKpi::PenaltyCost], 2) << "), revenue "
        << cell(costs->total[CostKpi::Revenue], 2) << ", net "
        << cell(costs->total[CostKpi::Net], 2) << "\n";
  }
}

std::string cost_csv_header(const staffing::Result& result) {
  return has_curves(result) ? ",optimum_servers,cost_m2,cost_m1,cost_opt,cost_p1,cost_p2" : "";
}

std::string cost_csv_cells(const staffing::Result& result, std::size_t k, int i) {
  if (!has_curves(result)) return "";
  const staffing::CostCurve& c = result.cost_curves[k][std::size_t(i)];
  std::string cells = "," + (c.points.empty() ? std::string() : std::to_string(c.optimum));
  for (int d = -kReach; d <= kReach; ++d) {
    const staffing::CostPoint* p = c.points.empty() ? nullptr : point_at(c, c.optimum + d);
    cells += "," + (p ? csv_number(p->cost(), 4) : std::string());
  }
  return cells;
}

std::optional<Sheet> cost_curve_sheet(const StaffReportInput& in) {
  const staffing::Result& res = in.result;
  if (!has_curves(res)) return std::nullopt;
  const Scenario& sc = in.scenario;
  Sheet s{"cost_curves", interval_columns(sc.horizon), {}};
  s.columns.push_back({"contact_type", ColumnKind::Text});
  s.columns.push_back({"servers", ColumnKind::Integer});
  s.columns.push_back({"optimum", ColumnKind::Integer});
  s.columns.push_back({"agent_cost", ColumnKind::Number, 2});
  s.columns.push_back({"penalty_cost", ColumnKind::Number, 2});
  s.columns.push_back({"cost", ColumnKind::Number, 2});
  s.columns.push_back({"meets_targets", ColumnKind::Text});
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      const staffing::CostCurve& c = res.cost_curves[k][std::size_t(i)];
      for (const staffing::CostPoint& p : c.points) {
        std::vector<Cell> row = interval_cells(sc.horizon, i);
        row.emplace_back(sc.contact_types[k].name);
        row.emplace_back(double(p.servers));
        row.emplace_back(double(c.optimum));
        row.emplace_back(p.agent_cost);
        row.emplace_back(p.penalty_cost);
        row.emplace_back(p.cost());
        row.emplace_back(p.meets_targets ? "yes" : "no");
        s.rows.push_back(std::move(row));
      }
    }
  }
  return s;
}

void cost_curve_section(HtmlReport& page, const StaffReportInput& in) {
  const staffing::Result& res = in.result;
  if (!has_curves(res)) return;
  const Scenario& sc = in.scenario;
  page.section("Cost around the optimum");
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    Chart c = interval_chart(sc, "Expected cost: " + sc.contact_types[k].name, "cost per interval");
    for (int d = -kReach; d <= kReach; ++d) {
      ChartSeries s;
      s.name =
          d == 0 ? std::string("optimum") : (d > 0 ? "optimum +" : "optimum ") + std::to_string(d);
      s.decimals = 2;
      for (const staffing::CostCurve& curve : res.cost_curves[k]) {
        const staffing::CostPoint* p =
            curve.points.empty() ? nullptr : point_at(curve, curve.optimum + d);
        s.mean.push_back(p ? std::optional<double>(p->cost()) : std::nullopt);
      }
      c.series.push_back(std::move(s));
    }
    c.note =
        "Erlang expected cost (agents + penalties) per interval with the cost-optimal servers and "
        "up to two fewer or more; the optimum line lies lowest where the targets allow.";
    page.chart(c);
  }
}

}  // namespace ccsim::cli
