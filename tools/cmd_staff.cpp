// ccsim staff SCENARIO: required agents per interval and group to meet the scenario's targets,
// optionally laid out on shift templates.
#include <algorithm>
#include <array>
#include <functional>
#include <iostream>
#include <sstream>

#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/planning/queue_staffing.h"
#include "models/planning/shift_planning.h"
#include "models/planning/staffing.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"
#include "tools/json_text.h"
#include "tools/options.h"
#include "tools/progress.h"
#include "tools/report_pages.h"
#include "tools/run_results.h"
#include "tools/staff_costs.h"
#include "tools/staff_days.h"
#include "tools/staff_overrides.h"
#include "tools/staff_queues.h"
#include "tools/staff_warnings.h"
#include "tools/staff_workbook.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

using text::plural;

constexpr const char* kStaffUsage =
    "usage: ccsim staff SCENARIO [--method simulation|erlang|transient] [--judge mean|ci95]\n"
    "                   [--meet-probability P] [--max-iterations N] [--max-utilisation X]\n"
    "                   [--shift-templates FILE.json]\n"
    "                   [--sl TARGET/THRESHOLD_S] [--asa-s X] [--max-abandon X]\n"
    "                   [--max-occupancy X] [--volume-factor F] [--objective targets|cost]\n"
    "                   [--report FILE.html] [OPTIONS]\n"
    "Finds the agents each group needs in each interval to meet the scenario's targets\n"
    "(service_level, max_abandon_rate, max_asa_s per contact type; max_occupancy,\n"
    "max_utilisation per group).\n";

// Everything the output shows: what the HTML report shows.
using Report = StaffReportInput;

double plan_cost(const Report& r) {
  double cost = 0.0;
  for (const ShiftPlan& p : r.plans) cost += p.cost;
  return cost;
}

std::string interval_label(const Scenario& sc, int i) {
  return ccsim::interval_label(sc.horizon, i);
}

nlohmann::json targets_json(const Scenario& sc) {
  nlohmann::json t = nlohmann::json::object();
  for (const ContactType& ct : sc.contact_types) {
    nlohmann::json o = nlohmann::json::object();
    if (ct.has_service_level_target) {
      o["service_level"] = {{"threshold_s", ct.service_level.threshold_s},
                            {"target", ct.service_level.target}};
    }
    if (ct.max_abandon_rate) o["max_abandon_rate"] = *ct.max_abandon_rate;
    if (ct.max_asa_s) o["max_asa_s"] = *ct.max_asa_s;
    if (!o.empty()) t[ct.name] = o;
  }
  return t;
}

std::string miss_name(const Scenario& sc, const staffing::TargetMiss& m) {
  return staffing::is_group_target(m.kind) ? sc.agent_groups[std::size_t(m.index)].name
                                           : sc.contact_types[std::size_t(m.index)].name;
}

// One group's staffing in JSON: what to schedule, on duty, occupancy achieved, shifts.
nlohmann::json group_json(const Report& r, std::size_t g) {
  const Scenario& sc = r.scenario;
  const staffing::Result& res = r.result;
  const AgentGroup& group = sc.agent_groups[g];
  nlohmann::json gj;
  gj["per_interval"] = res.scheduled[g];
  gj["on_duty"] = res.net[g];
  gj["shrinkage"] = group.shrinkage_by_interval.empty()
                        ? nlohmann::json(group.shrinkage)
                        : nlohmann::json(group.shrinkage_by_interval);
  gj["agent_hours"] = staffing::agent_hours({res.scheduled[g]}, sc.horizon);
  if (group.max_occupancy) gj["max_occupancy"] = *group.max_occupancy;
  if (group.max_utilisation) gj["max_utilisation"] = *group.max_utilisation;
  nlohmann::json occ = nlohmann::json::array(), util = nlohmann::json::array();
  for (std::size_t i = 0; i < res.achieved.group_intervals.size(); ++i) {
    occ.push_back(estimate_json(res.achieved.group_intervals[i][g][GroupKpi::Occupancy]));
    util.push_back(estimate_json(res.achieved.group_intervals[i][g][GroupKpi::Utilisation]));
  }
  gj["occupancy"] = occ;
  if (group.concurrency > 1 || group.max_utilisation) gj["utilisation"] = util;
  nlohmann::json carried = nlohmann::json::array();
  for (std::size_t i = 0; g < res.carry_over.size() && i < res.carry_over[g].size(); ++i) {
    if (res.carry_over[g][i]) carried.push_back(i);
  }
  if (!carried.empty()) gj["carry_over"] = carried;
  if (!r.plans.empty()) {
    const ShiftPlan& plan = r.plans[g];
    nlohmann::json shifts = nlohmann::json::array();
    for (std::size_t t = 0; t < r.templates.size(); ++t) {
      if (plan.count[t] == 0) continue;
      shifts.push_back({{"start_s", r.templates[t].start_s},
                        {"end_s", r.templates[t].start_s + r.templates[t].length_s},
                        {"count", plan.count[t]}});
    }
    gj["shifts"] = shifts;
    gj["coverage"] = plan.coverage;
    gj["shift_cost"] = plan.cost;
  }
  return gj;
}

// The achieved KPIs per interval in JSON (and the daily spread with --meet-probability).
nlohmann::json intervals_json(const Report& r) {
  const Scenario& sc = r.scenario;
  const staffing::Result& res = r.result;
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < res.achieved.intervals.size(); ++i) {
    nlohmann::json row;
    row["index"] = i;
    row["start_s"] = res.achieved.interval_start_s[i];
    row["start"] = clock_label(sc.horizon.start, res.achieved.interval_start_s[i]);
    add_interval_day(row, sc.horizon, int(i));
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      nlohmann::json kpis = nlohmann::json::object();
      for (const KpiInfo& info : contact_kpis()) {
        kpis[std::string(info.name)] = estimate_json(res.achieved.intervals[i][k][info.kpi]);
      }
      row[sc.contact_types[k].name] = kpis;
    }
    if (!res.daily_service_level.empty()) {
      row["daily_service_level"] = daily_service_level_json(sc, res, i);
    }
    intervals.push_back(row);
  }
  return intervals;
}

nlohmann::json report_json(const Report& r, const StaffOverrides& overrides) {
  const Scenario& sc = r.scenario;
  const staffing::Result& res = r.result;
  nlohmann::json j;
  j["scenario"] = sc.name;
  j["method"] = staffing::method_name(res.method);
  j["judge"] = staffing::judge_name(r.options.judge);
  if (r.options.meet_probability) j["meet_probability"] = *r.options.meet_probability;
  j["replications"] = r.options.replications;
  j["seed"] = r.options.seed;
  j["iterations"] = res.iterations;
  j["targets_met"] = res.misses.empty();
  j["budget_exhausted"] = res.budget_exhausted;
  j["agent_hours"] = staffing::agent_hours(res.scheduled, sc.horizon);
  j["targets"] = targets_json(sc);
  if (overrides.any()) j["overrides"] = overrides_json(overrides);
  if (r.forecast) j["forecast"] = forecast_json(sc, *r.forecast, res);
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    groups[sc.agent_groups[g].name] = group_json(r, g);
  }
  j["agent_groups"] = groups;
  j["contact_types"] = contact_types_json(sc, r.queues);
  j["intervals"] = intervals_json(r);
  nlohmann::json misses = nlohmann::json::array();
  for (const staffing::TargetMiss& m : res.misses) {
    misses.push_back({{"index", m.interval},
                      {"name", miss_name(sc, m)},
                      {"kpi", staffing::target_kpi_name(m.kind)},
                      {"value", m.value},
                      {"target", m.limit}});
  }
  j["misses"] = misses;
  if (!r.plans.empty()) {
    j["shift_templates"] = r.templates_file;
    j["shift_cost"] = plan_cost(r);
  }
  add_cost_json(j, r);
  return j;
}

// The what-if options in effect, and the targets the staffing meets: each contact type's and
// each group's maximum occupancy.
void write_targets(std::ostream& out, const Report& r) {
  const Scenario& sc = r.scenario;
  if (!r.overrides.empty()) {
    out << "What-if options in effect\n";
    for (const std::string& o : r.overrides) out << "  " << o << "\n";
    out << "\n";
  }
  out << "Targets\n";
  for (const ContactType& ct : sc.contact_types) {
    std::vector<std::string> t;
    if (ct.has_service_level_target) {
      t.push_back("service_level >= " + format_number(ct.service_level.target, 3) + " within " +
                  format_number(ct.service_level.threshold_s, 0) + " s");
    }
    if (ct.max_abandon_rate)
      t.push_back("abandon_rate <= " + format_number(*ct.max_abandon_rate, 3));
    if (ct.max_asa_s) t.push_back("asa_s <= " + format_number(*ct.max_asa_s, 1));
    if (t.empty()) continue;
    out << "  " << ct.name << ":";
    for (std::size_t i = 0; i < t.size(); ++i) out << (i ? ", " : " ") << t[i];
    out << "\n";
  }
  for (const AgentGroup& g : sc.agent_groups) {
    if (g.max_occupancy) {
      out << "  " << g.name << ": occupancy <= " << format_number(*g.max_occupancy, 3) << "\n";
    }
    if (g.max_utilisation) {
      out << "  " << g.name << ": utilisation <= " << format_number(*g.max_utilisation, 3) << "\n";
    }
  }
}

// The intervals whose agents differ from the rest of their flat hour by the queue carried over
// from the interval before; nothing when there are none.
void write_carry_over(std::ostream& out, const Report& r) {
  std::string listed;
  for (std::size_t g = 0; g < r.scenario.agent_groups.size(); ++g) {
    for (std::size_t i = 0; g < r.result.carry_over.size() && i < r.result.carry_over[g].size();
         ++i) {
      if (!r.result.carry_over[g][i]) continue;
      listed += (listed.empty() ? "" : ", ") + r.scenario.agent_groups[g].name + " at " +
                interval_label(r.scenario, int(i));
    }
  }
  if (listed.empty()) return;
  out << "Carry-over of the queue from the previous interval (agents differ from the rest of "
         "the same load): "
      << listed << "\n";
}

// Agents to schedule per interval and group (and the shift plan's coverage), with the
// agent-hours of each column.
void write_agents_table(std::ostream& out, const Report& r) {
  const Scenario& sc = r.scenario;
  const staffing::Result& res = r.result;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"start"};
  for (const AgentGroup& g : sc.agent_groups) {
    head.push_back(g.name);
    if (!r.plans.empty()) head.push_back("coverage");
  }
  rows.push_back(head);
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    std::vector<std::string> row{interval_label(sc, i)};
    for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
      row.push_back(std::to_string(res.scheduled[g][std::size_t(i)]));
      if (!r.plans.empty()) row.push_back(std::to_string(r.plans[g].coverage[std::size_t(i)]));
    }
    rows.push_back(row);
  }
  std::vector<std::string> total{"agent-hours"};
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    total.push_back(format_number(staffing::agent_hours({res.scheduled[g]}, sc.horizon), 1));
    if (!r.plans.empty()) {
      std::vector<int> cov = r.plans[g].coverage;
      total.push_back(format_number(staffing::agent_hours({cov}, sc.horizon), 1));
    }
  }
  rows.push_back(total);
  out << "\nAgents to schedule (shrinkage applied)\n";
  print_table(out, rows);
  write_carry_over(out, r);
}

// A column of achieved KPIs: a KPI with a target, of a contact type or group (`index`).
struct AchievedColumn {
  std::string head;
  std::function<KpiEstimate(std::size_t)> value;
  int decimals;
  staffing::TargetMiss::Kind kind;
  int index;
};

// The columns of the KPIs that have a target: each contact type's, then each group's occupancy.
std::vector<AchievedColumn> achieved_columns(const Scenario& sc, const Results& a) {
  std::vector<AchievedColumn> columns;
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const ContactType& ct = sc.contact_types[k];
    auto add = [&](bool has, Kpi kpi, staffing::TargetMiss::Kind kind, int decimals) {
      if (!has) return;
      columns.push_back({ct.name + " " + std::string(kpi_info(kpi).name),
                         [&a, k, kpi](std::size_t i) { return a.intervals[i][k][kpi]; }, decimals,
                         kind, int(k)});
    };
    add(ct.has_service_level_target, Kpi::ServiceLevel, staffing::TargetMiss::Kind::ServiceLevel,
        3);
    add(ct.max_abandon_rate.has_value(), Kpi::AbandonRate, staffing::TargetMiss::Kind::AbandonRate,
        3);
    add(ct.max_asa_s.has_value(), Kpi::Asa, staffing::TargetMiss::Kind::Asa, 1);
  }
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    if (sc.agent_groups[g].max_occupancy) {
      columns.push_back(
          {sc.agent_groups[g].name + " occupancy",
           [&a, g](std::size_t i) { return a.group_intervals[i][g][GroupKpi::Occupancy]; }, 3,
           staffing::TargetMiss::Kind::Occupancy, int(g)});
    }
    if (sc.agent_groups[g].max_utilisation) {
      columns.push_back(
          {sc.agent_groups[g].name + " utilisation",
           [&a, g](std::size_t i) { return a.group_intervals[i][g][GroupKpi::Utilisation]; }, 3,
           staffing::TargetMiss::Kind::Utilisation, int(g)});
    }
  }
  return columns;
}

// The KPIs with a target achieved per interval, a missed one marked "*".
void write_achieved_table(std::ostream& out, const Report& r) {
  const Scenario& sc = r.scenario;
  const staffing::Result& res = r.result;
  const std::vector<AchievedColumn> columns = achieved_columns(sc, res.achieved);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"start"};
  for (const AchievedColumn& c : columns) head.push_back(c.head);
  rows.push_back(head);
  for (std::size_t i = 0; i < res.achieved.intervals.size(); ++i) {
    std::vector<std::string> row{interval_label(sc, int(i))};
    for (const AchievedColumn& c : columns) {
      const bool missed =
          std::any_of(res.misses.begin(), res.misses.end(), [&](const staffing::TargetMiss& m) {
            return m.interval == int(i) && m.kind == c.kind && m.index == c.index;
          });
      row.push_back(cell(c.value(i), c.decimals) + (missed ? " *" : "  "));
    }
    rows.push_back(row);
  }
  out << "\nAchieved KPIs per interval (mean ± 95% CI half-width)\n";
  print_table(out, rows);
}

// The agents of each group on each shift template used, and the plan's cost.
void write_shifts_table(std::ostream& out, const Report& r) {
  const Scenario& sc = r.scenario;
  out << "\nShifts from " << r.templates_file << " (least cost " << format_number(plan_cost(r), 2)
      << ")\n";
  std::vector<std::vector<std::string>> rows{
      {"group", "start", "end", "length (h)", "agents", "cost"}};
  for (std::size_t g = 0; g < r.plans.size(); ++g) {
    for (std::size_t t = 0; t < r.templates.size(); ++t) {
      const int n = r.plans[g].count[t];
      if (n == 0) continue;
      const ShiftTemplate& st = r.templates[t];
      rows.push_back({sc.agent_groups[g].name, clock_label(sc.horizon.start, st.start_s),
                      clock_label(sc.horizon.start, st.start_s + st.length_s),
                      format_number(st.length_s / 3600.0, 2), std::to_string(n),
                      format_number(n * st.cost_per_agent(), 2)});
    }
  }
  print_table(out, rows);
}

void write_table(std::ostream& out, const Report& r) {
  const staffing::Result& res = r.result;
  out << "Staffing: " << r.scenario.name << "\n"
      << staffing_method_text(r) << "\n"
      << (res.misses.empty() ? "every target met"
                             : plural(res.misses.size(), "target") + " missed (marked *)")
      << "\n\n";
  write_targets(out, r);
  write_agents_table(out, r);
  if (r.forecast) write_forecast_comparison(out, r.scenario, *r.forecast, res);
  out << "\n" << kQueueTableTitle << "\n";
  print_table(out, queue_table_rows(r.scenario, r.queues));
  write_achieved_table(out, r);
  write_daily_table(out, r.scenario, res);
  write_cost_tables(out, r);
  if (!r.plans.empty()) write_shifts_table(out, r);
}

// The options of `ccsim staff` as given.
struct StaffArgs {
  CommonOptions common;
  RawCommon raw;
  std::string method = "simulation", judge = "mean", meet_probability, max_iterations,
              templates_file, report_file, objective;
  StaffOverrideArgs overrides;
};

void declare_staff_options(po::options_description& desc, StaffArgs& a) {
  desc.add_options()("method", po::value<std::string>(&a.method),
                     "simulation (default: a search with the simulator), erlang (analytic, each "
                     "interval in steady state) or transient (analytic, the day's queue carried "
                     "from interval to interval)")(
      "judge", po::value<std::string>(&a.judge),
      "mean (default): a target is met when the mean over replications meets it; ci95: when "
      "the whole 95% confidence interval does")(
      "meet-probability", po::value<std::string>(&a.meet_probability),
      "P in (0, 1): a target is met in an interval when at least the share P of the "
      "replications (simulated days) meets it there, rather than on average (with --judge "
      "ci95: when the share's 95% confidence interval is at or above P); the output shows the "
      "spread of the daily service level")(
      "max-iterations", po::value<std::string>(&a.max_iterations),
      "most simulations of the horizon the search may run (default 100)")(
      "shift-templates", po::value<std::string>(&a.templates_file),
      "JSON array of allowed shifts [{\"start_s\", \"length_s\", \"cost\"}]: also find the "
      "least-cost shifts covering the staffing");
  declare_objective_option(desc, a.objective);
  declare_override_options(desc, a.overrides);
  add_report_option(desc, a.report_file);
  add_common_options(desc, a.raw, a.common);
}

constexpr std::array<Choice<staffing::Method>, 3> kMethods{
    {{"simulation", staffing::Method::Simulation},
     {"erlang", staffing::Method::Erlang},
     {"transient", staffing::Method::Transient}}};
constexpr std::array<Choice<staffing::Judge>, 2> kJudges{
    {{"mean", staffing::Judge::Mean}, {"ci95", staffing::Judge::Ci95}}};

// Checks the options of `ccsim staff` beyond the common ones, setting the search's `options`
// from them; adds each problem to `errors`.
void check_staff_options(const po::variables_map& vm, const StaffArgs& a,
                         staffing::Options& options, std::vector<std::string>& errors) {
  if (a.common.positional.size() != 1) {
    errors.push_back(a.common.positional.empty() ? "a scenario file is required"
                                                 : "exactly one scenario file is expected");
  }
  if (auto method = parse_choice("--method", a.method, kMethods, errors)) options.method = *method;
  if (auto judge = parse_choice("--judge", a.judge, kJudges, errors)) options.judge = *judge;
  check_objective(vm, a.objective, options, errors);
  if (vm.count("meet-probability")) {
    const auto p = parse_double(a.meet_probability);
    if (!p || !(*p > 0.0 && *p < 1.0)) {
      errors.push_back("--meet-probability: must be a number in (0, 1), exclusive (got " +
                       a.meet_probability + ")");
    } else {
      options.meet_probability = *p;
    }
  }
  if (vm.count("max-iterations")) {
    const auto v = parse_integer(a.max_iterations);
    if (!v || *v < 1 || *v > 100000) {
      errors.push_back("--max-iterations: must be an integer from 1 to 100000 (got " +
                       a.max_iterations + ")");
    } else {
      options.max_iterations = int(*v);
    }
  }
  if (vm.count("report")) {
    if (auto e = report_path_error(a.report_file)) errors.push_back(*e);
  }
  if (options.method != staffing::Method::Simulation) {
    refuse_options(vm, {"max-iterations"},
                   "with --method " + a.method + ", which simulates its staffing once", errors);
    refuse_options(vm, {"meet-probability"},
                   "with --method " + a.method +
                       ", whose analytic models give the mean day, not the spread of days (use "
                       "--method simulation)",
                   errors);
  }
  if (vm.count("shift-templates") && a.templates_file.empty()) {
    errors.push_back("--shift-templates: a file is required");
  }
}

// The shift templates of `file` (none when `file` is empty), or nullopt after printing their
// errors to `err`.
std::optional<std::vector<ShiftTemplate>> read_templates(const std::string& file,
                                                         const Scenario& scenario,
                                                         std::ostream& err) {
  if (file.empty()) return std::vector<ShiftTemplate>{};
  ShiftTemplatesParse t = load_shift_templates(file, scenario.horizon);
  if (!t.ok()) {
    for (const auto& e : t.errors) err << "error: " << e << "\n";
    return std::nullopt;
  }
  return std::move(t.templates);
}

// The staffing search on `scenario`, its iterations drawn as progress when shown, each note
// after `label` ("forecast: " for the plan a volume what-if is bounded by).
staffing::Outcome search_staffing(const Scenario& scenario, staffing::Options options,
                                  const CommonOptions& common, const std::string& label = "") {
  ProgressBar progress(show_progress(common), "iterations", std::cerr);
  options.progress = [&progress, &label](const staffing::Progress& p) {
    progress.update(std::size_t(p.iteration), std::size_t(p.max_iterations),
                    label + p.phase + ": " + format_number(p.agent_hours, 1) + " agent-hours, " +
                        plural(p.misses, "target") + " missed");
  };
  staffing::Outcome outcome = staffing::staff(scenario, options);
  if (outcome.result) {
    const int n = outcome.result->iterations;
    progress.complete(std::size_t(n),
                      label + std::to_string(n) + (n == 1 ? " simulation" : " simulations"));
  }
  progress.finish();
  return outcome;
}

// The least-cost shift plan of each group on `templates`, or nullopt after printing to `err`
// each interval where a group needs agents that no template covers.
std::optional<std::vector<ShiftPlan>> plan_groups(const Scenario& scenario,
                                                  const staffing::Result& result,
                                                  const std::vector<ShiftTemplate>& templates,
                                                  const std::string& templates_file,
                                                  std::ostream& err) {
  std::vector<ShiftCover> covers;
  for (const ShiftTemplate& t : templates) covers.push_back(shift_cover(t, scenario.horizon));
  std::vector<ShiftPlan> plans;
  bool uncovered = false;
  for (std::size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    std::optional<ShiftPlan> plan = plan_shifts(result.scheduled[g], covers);
    if (plan) {
      plans.push_back(std::move(*plan));
      continue;
    }
    for (int i = 0; i < scenario.horizon.interval_count(); ++i) {
      const int need = result.scheduled[g][std::size_t(i)];
      const bool covered = std::any_of(covers.begin(), covers.end(), [i](const ShiftCover& c) {
        return c.first <= i && i < c.end;
      });
      if (need > 0 && !covered) {
        err << "error: " << templates_file << ": no shift template covers interval " << i << " ("
            << interval_label(scenario, i) << "), where agent group \""
            << scenario.agent_groups[g].name << "\" needs " << plural(need, "agent") << "\n";
      }
    }
    uncovered = true;
  }
  if (uncovered) return std::nullopt;
  return plans;
}

std::string staff_output(Format format, const Report& report, const StaffOverrides& overrides) {
  std::ostringstream content;
  switch (format) {
    case Format::Json:
      content << json_text(report_json(report, overrides)) << "\n";
      break;
    case Format::Csv:
      write_wfm_csv(content, report.scenario, report.queues, cost_csv_header(report.result),
                    [&](std::size_t k, int i) { return cost_csv_cells(report.result, k, i); });
      break;
    case Format::Table:
      write_table(content, report);
      break;
    case Format::Xlsx:
      content << workbook_bytes(staff_sheets(report));
      break;
  }
  return content.str();
}

}  // namespace

int cmd_staff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  StaffArgs a;
  po::options_description desc("options");
  declare_staff_options(desc, a);
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, a.raw, a.common);
  const CommonOptions& common = a.common;
  if (common.help) {
    out << kStaffUsage << desc;
    return kExitOk;
  }
  staffing::Options options;
  StaffOverrides overrides;
  if (errors.empty()) {
    check_staff_options(vm, a, options, errors);
    overrides = check_overrides(vm, a.overrides, errors);
  }
  if (!errors.empty()) {
    return bad_input(err, errors, kStaffUsage);
  }

  std::optional<Scenario> loaded =
      read_scenario(common.positional[0], err, "", common.replications);
  if (!loaded) return kExitBadInput;
  std::optional<Scenario> forecast;  // the scenario a volume what-if is compared with
  if (overrides.volume_factor && options.method == staffing::Method::Simulation) {
    StaffOverrides at_forecast = overrides;
    at_forecast.volume_factor.reset();
    forecast = *loaded;
    apply_overrides(at_forecast, *forecast);  // no error without the volume factor
  }
  if (auto e = apply_overrides(overrides, *loaded); !e.empty()) return bad_input(err, e);
  const Scenario& scenario = *loaded;
  std::vector<NamedFile> inputs = scenario_files(scenario, common.positional[0]);
  if (!a.templates_file.empty()) inputs.push_back({"--shift-templates", a.templates_file});
  if (auto clashes = same_file_errors(given_outputs(common.out, a.report_file), inputs);
      !clashes.empty()) {
    return bad_input(err, clashes);
  }
  const std::optional<std::vector<ShiftTemplate>> templates =
      read_templates(a.templates_file, scenario, err);
  if (!templates) return kExitBadInput;

  options.replications = common.replications.value_or(scenario.simulation.replications);
  options.seed = common.seed.value_or(scenario.simulation.seed);
  options.threads = common.threads;
  std::optional<staffing::Outcome> at_forecast_volume;
  if (forecast) {
    at_forecast_volume = search_staffing(*forecast, options, common, "forecast: ");
    if (!at_forecast_volume->result) return bad_input(err, at_forecast_volume->errors);
    options = staffing::bounded_by_forecast(options, at_forecast_volume->result->net,
                                            *overrides.volume_factor);
  }
  const staffing::Outcome outcome = search_staffing(scenario, options, common);
  if (!outcome.errors.empty()) return bad_input(err, outcome.errors);
  const staffing::Result& result = *outcome.result;
  std::optional<std::vector<ShiftPlan>> plans = std::vector<ShiftPlan>{};
  if (!templates->empty()) plans = plan_groups(scenario, result, *templates, a.templates_file, err);
  if (!plans) return kExitBadInput;

  const staffing::QueueStaffing queues = staffing::queue_staffing(scenario, result);
  const std::vector<std::string> override_text = override_texts(overrides);
  std::optional<ForecastPlan> forecast_plan;
  if (at_forecast_volume) {
    forecast_plan.emplace(ForecastPlan{*at_forecast_volume->result, *overrides.volume_factor});
  }
  const Report full{scenario,         result,        options,
                    a.templates_file, *templates,    *plans,
                    queues,           override_text, forecast_plan ? &*forecast_plan : nullptr};
  const std::string content = staff_output(common.output_format(), full, overrides);
  warn_campaigns_left_out(scenario, result, err);
  if (forecast_plan) warn_about_forecast(forecast_plan->result, err);
  warn_about(result, err);
  warn_replaced_roster(scenario, result, err);
  const int code = emit_with_report(
      common, content, a.report_file, [&] { return staff_report(full); }, out, err);
  if (code == kExitOk && !result.misses.empty() && result.method == staffing::Method::Simulation) {
    err << "error: the search stopped after " << plural(result.iterations, "iteration") << " with "
        << plural(result.misses.size(), "target")
        << " still missed (raise --max-iterations); the staffing written is the last "
           "one simulated\n";
    return kExitFailure;
  }
  return code;
}

}  // namespace ccsim::cli
