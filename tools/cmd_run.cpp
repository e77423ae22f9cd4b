// ccsim run SCENARIO: simulate and report KPIs with 95% confidence intervals.
// ccsim run BASE --vs VARIANT: paired what-if comparison with common random numbers.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "models/centre/experiment.h"
#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/scenario/scenario_json.h"
#include "models/studies/whatif.h"
#include "tools/cli.h"
#include "tools/json_text.h"
#include "tools/options.h"
#include "tools/progress.h"
#include "tools/report_pages.h"
#include "tools/run_costs.h"
#include "tools/run_log.h"
#include "tools/run_results.h"
#include "tools/run_state.h"
#include "tools/run_targets.h"
#include "tools/run_transient.h"
#include "tools/run_workbook.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kRunUsage =
    "usage: ccsim run SCENARIO [--vs VARIANT] [--log FILE] [--report FILE.html] [OPTIONS]\n"
    "       ccsim run SCENARIO --method transient [--format F] [--out FILE]\n"
    "With --vs, runs both scenarios with the same seed and replications and reports each KPI of\n"
    "both and the paired difference (variant - base) with its 95% confidence interval.\n"
    "With --report, also writes an HTML report with charts per interval and tables.\n"
    "With --method transient, computes the day with the exact time-varying Markov model\n"
    "instead of simulating it (Poisson arrivals, exponential times; see the README).\n";

enum class RunMethod { Simulation, Transient };
constexpr std::array<Choice<RunMethod>, 2> kRunMethods{
    {{"simulation", RunMethod::Simulation}, {"transient", RunMethod::Transient}}};

// ---- paired comparison (--vs) ----

std::string type_key(const PairedComparison& c, std::size_t k) {
  return k < c.types.size() ? c.types[k] : std::string("all");
}

nlohmann::json paired_json(const PairedEstimate& p) {
  return {{"base", estimate_json(p.base)},
          {"variant", estimate_json(p.variant)},
          {"difference", estimate_json(p.difference)}};
}

nlohmann::json paired_contact_json(const PairedContactKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const KpiInfo& info : contact_kpis()) o[std::string(info.name)] = paired_json(k[info.kpi]);
  return o;
}

nlohmann::json paired_group_json(const PairedGroupKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const GroupKpiInfo& info : group_kpis())
    o[std::string(info.name)] = paired_json(k[info.kpi]);
  return o;
}

nlohmann::json paired_outbound_json(const PairedOutboundKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const OutboundKpiInfo& info : outbound_kpis()) {
    o[std::string(info.name)] = paired_json(k[info.kpi]);
  }
  return o;
}

// The campaigns of either scenario: {NAME: {KPIs, "intervals": [{"index", KPIs}]}}, each KPI
// {"base", "variant", "difference"}.
nlohmann::json paired_outbound_json(const PairedComparison& c) {
  nlohmann::json campaigns = nlohmann::json::object();
  for (std::size_t k = 0; k < c.campaigns.size(); ++k) {
    nlohmann::json cj = paired_outbound_json(c.campaign_totals[k]);
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < c.campaign_intervals.size(); ++i) {
      nlohmann::json row = paired_outbound_json(c.campaign_intervals[i][k]);
      row["index"] = i;
      per.push_back(row);
    }
    cj["intervals"] = per;
    campaigns[c.campaigns[k]] = cj;
  }
  return campaigns;
}

// Each day's paired totals: [{"day", "date", "totals": {type: ...}, "agent_groups": {...}}].
nlohmann::json paired_days_json(const PairedComparison& c, const Scenario& base) {
  nlohmann::json days = nlohmann::json::array();
  for (std::size_t d = 0; d < c.days.size(); ++d) {
    nlohmann::json day = nlohmann::json::object();
    add_interval_day(day, base.horizon, int(d) * base.horizon.intervals);
    nlohmann::json totals = nlohmann::json::object();
    for (std::size_t k = 0; k < c.days[d].size(); ++k) {
      totals[type_key(c, k)] = paired_contact_json(c.days[d][k]);
    }
    day["totals"] = totals;
    nlohmann::json groups = nlohmann::json::object();
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      groups[c.groups[g]] = paired_group_json(c.group_days[d][g]);
    }
    day["agent_groups"] = groups;
    days.push_back(day);
  }
  return days;
}

nlohmann::json comparison_json(const PairedComparison& c, const Scenario& base,
                               const std::string& base_file, const std::string& variant_file) {
  nlohmann::json j;
  j["base"] = {{"scenario", c.base_name}, {"file", base_file}};
  j["variant"] = {{"scenario", c.variant_name}, {"file", variant_file}};
  j["replications"] = c.replications;
  j["seed"] = c.seed;
  nlohmann::json totals = nlohmann::json::object();
  for (std::size_t k = 0; k < c.totals.size(); ++k) {
    totals[type_key(c, k)] = paired_contact_json(c.totals[k]);
  }
  j["totals"] = totals;
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < c.intervals.size(); ++i) {
    nlohmann::json row;
    row["index"] = i;
    row["start_s"] = c.interval_start_s[i];
    row["start"] = clock_label(base.horizon.start, c.interval_start_s[i]);
    add_interval_day(row, base.horizon, int(i));
    for (std::size_t k = 0; k < c.intervals[i].size(); ++k) {
      row[type_key(c, k)] = paired_contact_json(c.intervals[i][k]);
    }
    intervals.push_back(row);
  }
  j["intervals"] = intervals;
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    nlohmann::json gj = paired_group_json(c.group_totals[g]);
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < c.group_intervals.size(); ++i) {
      nlohmann::json row = paired_group_json(c.group_intervals[i][g]);
      row["index"] = i;
      per.push_back(row);
    }
    gj["intervals"] = per;
    groups[c.groups[g]] = gj;
  }
  j["agent_groups"] = groups;
  if (!c.campaigns.empty()) j["outbound"] = paired_outbound_json(c);
  if (!c.days.empty()) j["days"] = paired_days_json(c, base);
  if (c.costs) j["costs"] = paired_costs_json(c, base);
  j["targets"] = targets_json(c.variant_targets, base.horizon);
  j["base_targets"] = targets_json(c.base_targets, base.horizon);
  return j;
}

// "mean,ci95" at the decimals the tables show for `kpi`; "," when undefined.
std::string csv_estimate(const KpiEstimate& e, std::string_view kpi) {
  if (!e) return ",";
  return csv_number(e->mean, decimals_for(kpi)) + ',' + csv_number(e->ci95, decimals_for(kpi));
}

void write_comparison_csv(std::ostream& out, const PairedComparison& c, const Scenario& base) {
  out << "section,interval,start_s,start,name,kpi,base_mean,base_ci95,variant_mean,variant_ci95,"
         "difference_mean,difference_ci95,target,target_met\n";
  const TargetLookup targets(c.variant_targets);
  // `owner`: the matched type (or group) k of the comparison; its target is the variant's.
  auto row = [&](const char* section, std::optional<std::size_t> i, std::size_t owner,
                 std::string_view kpi, const PairedEstimate& p) {
    const bool of_group = std::string_view(section) == "agent_group";
    const std::string& name = of_group ? c.groups[owner] : type_key(c, owner);
    const int in_variant = of_group                 ? c.variant_group[owner]
                           : owner < c.types.size() ? c.variant_type[owner]
                                                    : -1;
    const TargetCheck* check =
        in_variant < 0
            ? nullptr
            : targets.find(of_group, std::size_t(in_variant), kpi,
                           i ? TargetScope::Interval : TargetScope::Total, i ? int(*i) : 0);
    out << section << ',';
    if (i) {
      out << *i << ',' << csv_number(c.interval_start_s[*i]) << ','
          << clock_label(base.horizon.start, c.interval_start_s[*i]);
    } else {
      out << ",,";
    }
    out << ',' << text::csv_field(name) << ',' << kpi << ',' << csv_estimate(p.base, kpi) << ','
        << csv_estimate(p.variant, kpi) << ',' << csv_estimate(p.difference, kpi) << ',';
    if (check) out << csv_number(check->target) << ',' << verdict_name(check->verdict);
    if (!check) out << ',';
    out << '\n';
  };
  for (std::size_t k = 0; k < c.totals.size(); ++k) {
    for (const KpiInfo& info : contact_kpis()) {
      row("contact_type", std::nullopt, k, info.name, c.totals[k][info.kpi]);
    }
  }
  for (std::size_t i = 0; i < c.intervals.size(); ++i) {
    for (std::size_t k = 0; k < c.intervals[i].size(); ++k) {
      for (const KpiInfo& info : contact_kpis()) {
        row("contact_type", i, k, info.name, c.intervals[i][k][info.kpi]);
      }
    }
  }
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      row("agent_group", std::nullopt, g, info.name, c.group_totals[g][info.kpi]);
    }
    for (std::size_t i = 0; i < c.group_intervals.size(); ++i) {
      for (const GroupKpiInfo& info : group_kpis()) {
        row("agent_group", i, g, info.name, c.group_intervals[i][g][info.kpi]);
      }
    }
  }
  paired_cost_rows(c, row);
}

std::string signed_cell(const KpiEstimate& e, int decimals) {
  if (!e) return "-";
  return (e->mean >= 0 ? "+" : "") + format_number(e->mean, decimals) + " ± " +
         format_number(e->ci95, decimals);
}

// The campaigns of either scenario over the horizon, KPI by KPI; nothing without a campaign.
void write_paired_campaigns(std::ostream& out, const PairedComparison& c) {
  if (c.campaigns.empty()) return;
  std::vector<std::vector<std::string>> rows{{"campaign", "KPI", "base", "variant", "difference"}};
  for (std::size_t k = 0; k < c.campaigns.size(); ++k) {
    std::string name = c.campaigns[k];
    if (c.base_campaign[k] < 0) name += " (variant only)";
    if (c.variant_campaign[k] < 0) name += " (base only)";
    for (const OutboundKpiInfo& info : outbound_kpis()) {
      const PairedEstimate& p = c.campaign_totals[k][info.kpi];
      rows.push_back({name, std::string(info.name), cell(p.base, 1), cell(p.variant, 1),
                      signed_cell(p.difference, 1)});
    }
  }
  out << "\nOutbound campaigns\n";
  print_table(out, rows);
}

void write_comparison_table(std::ostream& out, const PairedComparison& c, const Scenario& base) {
  out << "Base:    " << c.base_name << "\nVariant: " << c.variant_name << "\n"
      << text::plural(c.replications, "paired replication") << ", seed " << c.seed
      << " (common random numbers); difference = variant - base, mean ± 95% CI half-width\n";
  for (std::size_t k = 0; k < c.totals.size(); ++k) {
    if (c.types.size() == 1 && k == 1) break;  // "all" repeats the only type
    std::vector<std::vector<std::string>> rows{{"KPI", "base", "variant", "difference"}};
    for (const KpiInfo& info : contact_kpis()) {
      const PairedEstimate& p = c.totals[k][info.kpi];
      const int d = decimals_for(info.name);
      rows.push_back({std::string(info.name), cell(p.base, d), cell(p.variant, d),
                      signed_cell(p.difference, d)});
    }
    std::string note;
    if (k < c.types.size() && c.base_type[k] < 0) note = " (variant only)";
    if (k < c.types.size() && c.variant_type[k] < 0) note = " (base only)";
    out << "\nTotals over the day: " << type_key(c, k) << note << "\n";
    print_table(out, rows);
  }
  std::vector<std::vector<std::string>> rows{
      {"agent group", "KPI", "base", "variant", "difference"}};
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      const PairedEstimate& p = c.group_totals[g][info.kpi];
      const int d = decimals_for(info.name);
      rows.push_back({c.groups[g], std::string(info.name), cell(p.base, d), cell(p.variant, d),
                      signed_cell(p.difference, d)});
    }
  }
  out << "\nAgent groups\n";
  print_table(out, rows);
  write_paired_campaigns(out, c);
  write_paired_costs_tables(out, c, base);
  write_targets_section(out, c.variant_targets, base.horizon, "Targets of the variant");
  write_targets_section(out, c.base_targets, base.horizon, "Targets of the base");

  const std::vector<Kpi> columns{Kpi::ServiceLevel, Kpi::Asa, Kpi::AbandonRate};
  const TargetLookup variant_targets(c.variant_targets);
  for (std::size_t k = 0; k < c.totals.size(); ++k) {
    if (c.types.size() == 1 && k == 1) break;
    rows.clear();
    std::vector<std::string> head{"start"};
    for (Kpi q : columns) {
      const std::string name(kpi_info(q).name);
      head.push_back(name + " base");
      head.push_back("variant");
      head.push_back("difference");
    }
    rows.push_back(head);
    for (std::size_t i = 0; i < c.intervals.size(); ++i) {
      std::vector<std::string> row{interval_label(base.horizon, int(i))};
      for (Kpi q : columns) {
        const PairedEstimate& p = c.intervals[i][k][q];
        const int d = decimals_for(kpi_info(q).name);
        row.push_back(p.base ? format_number(p.base->mean, d) : "-");
        // The variant's mark against its own target (run_targets.h).
        const int kv = k < c.types.size() ? c.variant_type[k] : -1;
        const std::string mark =
            kv < 0 ? std::string()
                   : variant_targets.mark(false, std::size_t(kv), kpi_info(q).name,
                                          TargetScope::Interval, int(i));
        row.push_back((p.variant ? format_number(p.variant->mean, d) : "-") + mark);
        row.push_back(signed_cell(p.difference, d));
      }
      rows.push_back(row);
    }
    out << "\nPer interval: " << type_key(c, k) << " (means; difference ± 95% CI)\n";
    print_table(out, rows);
  }
}

// The outputs given: --out, --log and --report.
std::vector<NamedFile> outputs_of(const CommonOptions& common, const std::string& log_file,
                                  const std::string& report_file) {
  std::vector<NamedFile> outputs;
  if (!common.out.empty()) outputs.push_back({"--out", common.out});
  if (!log_file.empty()) outputs.push_back({"--log", log_file});
  if (!report_file.empty()) outputs.push_back({"--report", report_file});
  return outputs;
}

// `ccsim run BASE --vs VARIANT` once the base is read: reads the variant, runs both, reports.
int run_paired(const CommonOptions& common, const Scenario& base, const std::string& variant_file,
               const std::string& report_file, std::ostream& out, std::ostream& err) {
  const std::optional<Scenario> loaded =
      read_scenario(variant_file, err, variant_file + ": ", common.replications);
  if (!loaded) return kExitBadInput;
  const Scenario& variant = *loaded;
  const std::vector<std::string> errors = comparison_errors(base, variant);
  if (!errors.empty()) {
    return bad_input(err, errors, {}, variant_file + ": ");
  }
  std::vector<NamedFile> inputs = scenario_files(base, common.positional[0]);
  for (NamedFile& f : scenario_files(variant, variant_file, "the variant (--vs)")) {
    inputs.push_back(std::move(f));
  }
  if (auto clashes = same_file_errors(outputs_of(common, "", report_file), inputs);
      !clashes.empty()) {
    return bad_input(err, clashes);
  }
  ProgressBar progress(show_progress(common), "replications", std::cerr);
  const RunOptions options = run_options(common, base, progress);
  const PairedComparison c = compare_paired(base, variant, options);
  progress.finish();
  std::ostringstream content;
  switch (common.output_format()) {
    case Format::Json:
      content << json_text(comparison_json(c, base, common.positional[0], variant_file)) << "\n";
      break;
    case Format::Csv:
      write_comparison_csv(content, c, base);
      break;
    case Format::Xlsx:  // refused with --vs by cmd_run
    case Format::Table:
      write_comparison_table(content, c, base);
      break;
  }
  return emit_with_report(
      common, content.str(), report_file,
      [&] {
        return paired_report(base, variant, c,
                             {common.positional[0], variant_file,
                              scenario_file_differences(common.positional[0], variant_file)});
      },
      out, err);
}

// `ccsim run SCENARIO` once the scenario is read: runs it (staging --log) and writes the outputs.
int run_single(const CommonOptions& common, const Scenario& scenario, const std::string& log_file,
               const std::string& report_file, const std::string& save_state, std::ostream& out,
               std::ostream& err) {
  std::vector<NamedFile> outputs = outputs_of(common, log_file, report_file);
  if (!save_state.empty()) outputs.push_back({"--save-state", save_state});
  if (auto clashes = same_file_errors(outputs, scenario_files(scenario, common.positional[0]));
      !clashes.empty()) {
    return bad_input(err, clashes);
  }

  ProgressBar progress(show_progress(common), "replications", std::cerr);
  const RunOptions options = run_options(common, scenario, progress);
  Results results;
  StagedFile log;  // put in place once the output is written: an error exit leaves no log
  if (!log_file.empty()) {
    if (auto error = stage_experiment_with_log(scenario, options, log, log_file, results)) {
      err << "error: " << *error << "\n";
      return kExitFailure;
    }
  } else {
    results = run_experiment(scenario, options);
  }
  progress.finish();

  std::ostringstream content;
  switch (common.output_format()) {
    case Format::Json:
      content << json_text(results_json(results, scenario)) << "\n";
      break;
    case Format::Csv:
      write_results_csv(content, results, scenario);
      break;
    case Format::Table:
      write_results_table(content, results, scenario);
      break;
    case Format::Xlsx:
      content << workbook_bytes(results_sheets(results, scenario));
      break;
  }
  const int code = emit_with_report(
      common, content.str(), report_file,
      [&] { return run_report(scenario, results, common.positional[0]); }, out, err);
  if (code != kExitOk) return code;
  if (!log_file.empty()) {
    if (auto error = log.commit()) {
      err << "error: --log: " << *error << "\n";
      return kExitFailure;
    }
  }
  if (!save_state.empty()) {
    if (auto error = save_end_state(scenario, options, save_state)) {
      err << "error: " << *error << "\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommonOptions common;
  RawCommon raw;
  po::options_description desc("options");
  std::string vs, log_file;
  desc.add_options()("vs", po::value<std::string>(&vs),
                     "VARIANT scenario: paired comparison with SCENARIO (same horizon)")(
      "log", po::value<std::string>(&log_file),
      "write the per-contact log of the simulation to FILE (CSV, ccsim log format)");
  std::string state_file, save_state;
  desc.add_options()("state", po::value<std::string>(&state_file),
                     "start from the state in FILE (JSON, as initial_state; replaces the "
                     "scenario's)")(
      "save-state", po::value<std::string>(&save_state),
      "write replication 1's state at the horizon's end to FILE (JSON that --state reads)");
  std::string report_file, method_text = "simulation";
  desc.add_options()("method", po::value<std::string>(&method_text),
                     "simulation (default) or transient: the exact time-varying Markov model");
  add_report_option(desc, report_file);
  add_common_options(desc, raw, common);
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, raw, common);
  RunMethod method = RunMethod::Simulation;
  if (errors.empty()) {
    if (auto m = parse_choice("--method", method_text, kRunMethods, errors)) method = *m;
  }
  if (errors.empty() && method == RunMethod::Transient) {
    refuse_options(
        vm, {"vs", "log", "report", "replications", "seed", "threads", "state", "save-state"},
        "with --method transient (no simulation)", errors);
  }
  if (errors.empty() && vm.count("vs") && vs.empty()) errors.push_back("--vs: a file is required");
  if (errors.empty() && vm.count("log")) {
    if (auto e = output_path_error("--log", log_file)) errors.push_back(*e);
    if (format_of_path(log_file) == Format::Xlsx) {
      errors.push_back("--log: the per-contact log is CSV, not a workbook (got " + log_file + ")");
    }
  }
  if (errors.empty() && !vs.empty() && common.output_format() == Format::Xlsx) {
    errors.push_back("--vs: no workbook for a paired comparison; use --format json or csv");
  }
  if (errors.empty() && !vs.empty() && !log_file.empty()) {
    errors.push_back("--log: not available with --vs");
  }
  if (errors.empty() && !vs.empty() && (vm.count("state") || vm.count("save-state"))) {
    errors.push_back(std::string(vm.count("state") ? "--state" : "--save-state") +
                     ": not available with --vs");
  }
  if (errors.empty() && vm.count("save-state")) {
    if (auto e = output_path_error("--save-state", save_state)) errors.push_back(*e);
  }
  if (errors.empty() && vm.count("report")) {
    if (auto e = report_path_error(report_file)) errors.push_back(*e);
  }
  if (common.help) {
    out << kRunUsage << desc;
    return kExitOk;
  }
  if (errors.empty() && common.positional.size() != 1) {
    errors.push_back(common.positional.empty() ? "a scenario file is required"
                                               : "exactly one scenario file is expected");
  }
  if (!errors.empty()) {
    return bad_input(err, errors, kRunUsage);
  }

  std::optional<Scenario> loaded =
      read_scenario(common.positional[0], err, "", common.replications);
  if (!loaded) return kExitBadInput;
  if (vm.count("state")) {
    if (auto state_errors = apply_state_file(state_file, *loaded); !state_errors.empty()) {
      return bad_input(err, state_errors);
    }
  }
  const Scenario& scenario = *loaded;
  if (method == RunMethod::Transient) {
    return run_transient_command(common, scenario, out, err);
  }
  if (!vs.empty()) return run_paired(common, scenario, vs, report_file, out, err);
  return run_single(common, scenario, log_file, report_file, save_state, out, err);
}

}  // namespace ccsim::cli
