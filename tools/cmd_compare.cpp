// ccsim compare SCENARIO --measured FILE: the scenario's predicted KPIs beside a centre's
// measured ones, per interval and type, with accuracy summaries (models/measured/measured.h).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/measured/measured.h"
#include "models/planning/transient_model.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"
#include "tools/compare_workbook.h"
#include "tools/json_text.h"
#include "tools/log_options.h"
#include "tools/options.h"
#include "tools/progress.h"
#include "tools/report_pages.h"
#include "tools/run_results.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kCompareUsage =
    "usage: ccsim compare SCENARIO --measured FILE [--measured-log] [--preset P | --columns MAP]\n"
    "                     [--days DAYS] [--measured-days D] [--erlang-a] [--transient]\n"
    "                     [--report FILE.html]\n"
    "                     [OPTIONS]\n";

std::string scope_name(const Scenario& sc, int k) {
  return k < int(sc.contact_types.size()) ? sc.contact_types[std::size_t(k)].name : "all";
}

int decimals(Kpi kpi) {
  return kpi == Kpi::AbandonRate || kpi == Kpi::ServiceLevel || kpi == Kpi::BlockRate ? 3 : 1;
}

nlohmann::json opt_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json summary_json(const KpiSummary& s, bool with_within) {
  nlohmann::json j{{"intervals", s.rows},
                   {"weight", s.weight},
                   {"mape", opt_json(s.mape)},
                   {"bias", opt_json(s.bias)},
                   {"relative_bias", opt_json(s.relative_bias)}};
  if (with_within) {
    j["within_pi95"] = opt_json(s.within);
    j["intervals_within_pi95"] = s.within_rows;
  }
  return j;
}

// Scopes that have rows, in scenario order with "all" last.
std::vector<int> scopes_with_rows(const ModelComparison& m) {
  std::vector<int> out;
  for (std::size_t k = 0; k < m.summary.size(); ++k) {
    for (const KpiSummary& s : m.summary[k]) {
      if (s.rows > 0) {
        out.push_back(int(k));
        break;
      }
    }
  }
  return out;
}

// What the comparison cannot show from the measured days: with one day, the share within the
// prediction interval. Empty when there is nothing to say.
std::vector<std::string> measured_notes(const MeasuredTable& m) {
  if (m.days != 1) return {};
  return {
      "The measured figures are one day's, so the share within the 95% prediction interval "
      "(within) says little: one day's intervals share that day's conditions and are not "
      "independent draws, so their coverage is no estimate of the share of days the interval "
      "covers. Measure several days (a date column, --measured-days D, or a log of several "
      "days)."};
}

nlohmann::json comparison_json(const Scenario& sc, const Results& res, const MeasuredTable& m,
                               const Comparison& c, const TransientRun* transient) {
  nlohmann::json j;
  j["scenario"] = sc.name;
  j["replications"] = res.replications;
  j["seed"] = res.seed;
  j["measured"] = {{"file", m.source},
                   {"kind", m.kind},
                   {"days", m.days},
                   {"rows_read", m.rows_read},
                   {"bad_rows", m.bad_rows}};
  j["weights"] = "offered";
  j["notes"] = measured_notes(m);
  if (transient) {
    j["transient"] = {{"assumptions", transient->assumptions},
                      {"truncated_mass", transient->truncated_mass}};
  }
  nlohmann::json summary;
  auto add_summary = [&](const ModelComparison& mc, bool within) {
    nlohmann::json s = nlohmann::json::object();
    for (int k : scopes_with_rows(mc)) {
      nlohmann::json scope = nlohmann::json::object();
      for (const KpiSummary& ks : mc.summary[std::size_t(k)]) {
        if (ks.rows > 0) scope[std::string(kpi_info(ks.kpi).name)] = summary_json(ks, within);
      }
      s[scope_name(sc, k)] = scope;
    }
    summary[mc.model] = s;
  };
  add_summary(c.simulation, true);
  for (const ModelComparison* mc : c.analytic()) add_summary(*mc, false);
  j["summary"] = summary;
  nlohmann::json rows = nlohmann::json::array();
  for (const ComparisonRow& r : c.simulation.rows) {
    nlohmann::json row{
        {"index", r.interval},
        {"start", clock_label(sc.horizon.start, sc.horizon.interval_start_s(r.interval))},
        {"contact_type", scope_name(sc, r.type)},
        {"kpi", std::string(kpi_info(r.kpi).name)},
        {"measured", r.measured},
        {"weight", r.weight},
        {"simulation",
         {{"mean", r.predicted},
          {"ci95", *r.ci95},
          {"pi95", *r.pi95},
          {"error", r.error()},
          {"within_pi95", *r.within}}}};
    add_interval_day(row, sc.horizon, r.interval);
    for (const ModelComparison* mc : c.analytic()) {
      for (const ComparisonRow& e : mc->rows) {
        if (e.interval == r.interval && e.type == r.type && e.kpi == r.kpi) {
          row[mc->model] = {{"mean", e.predicted}, {"error", e.error()}};
        }
      }
    }
    rows.push_back(row);
  }
  j["intervals"] = rows;
  return j;
}

void write_comparison_csv(std::ostream& out, const Scenario& sc, const Comparison& c) {
  out << "section,model,interval,start,contact_type,kpi,predicted,ci95,pi95,measured,error,"
         "within_pi95,weight,intervals,mape,bias,relative_bias,share_within_pi95\n";
  // Figures at the decimals of the tables: the KPI's, shares 3, volumes (weights) 1.
  auto opt = [](const std::optional<double>& v, int d) {
    return v ? csv_number(*v, d) : std::string();
  };
  auto rows = [&](const ModelComparison& m) {
    for (const ComparisonRow& r : m.rows) {
      const int d = decimals(r.kpi);
      out << "interval," << m.model << ',' << r.interval << ','
          << interval_label(sc.horizon, r.interval) << ','
          << text::csv_field(scope_name(sc, r.type)) << ',' << kpi_info(r.kpi).name << ','
          << csv_number(r.predicted, d) << ',' << opt(r.ci95, d) << ',' << opt(r.pi95, d) << ','
          << csv_number(r.measured, d) << ',' << csv_number(r.error(), d) << ','
          << (r.within ? (*r.within ? "1" : "0") : "") << ',' << csv_number(r.weight, 1)
          << ",,,,,\n";
    }
  };
  auto summaries = [&](const ModelComparison& m) {
    for (int k : scopes_with_rows(m)) {
      for (const KpiSummary& s : m.summary[std::size_t(k)]) {
        if (s.rows == 0) continue;
        out << "summary," << m.model << ",,," << text::csv_field(scope_name(sc, k)) << ','
            << kpi_info(s.kpi).name << ",,,,,,," << csv_number(s.weight, 1) << ',' << s.rows << ','
            << opt(s.mape, 3) << ',' << opt(s.bias, decimals(s.kpi)) << ','
            << opt(s.relative_bias, 3) << ',' << opt(s.within, 3) << '\n';
      }
    }
  };
  summaries(c.simulation);
  for (const ModelComparison* mc : c.analytic()) summaries(*mc);
  rows(c.simulation);
  for (const ModelComparison* mc : c.analytic()) rows(*mc);
}

void print_rows(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  auto w = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
  };
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()), 0);
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], w(r[c]));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const std::string pad(width[c] - w(rows[i][c]), ' ');
      if (c) line += "  ";
      line += c < 2 ? rows[i][c] + pad : pad + rows[i][c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
    if (i == 0) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
      out << std::string(total, '-') << "\n";
    }
  }
}

std::string pct(const std::optional<double>& v) {
  return v ? format_number(100 * *v, 1) + "%" : "-";
}

void write_comparison_table(std::ostream& out, const Scenario& sc, const Results& res,
                            const MeasuredTable& m, const Comparison& c) {
  out << "Scenario: " << sc.name << "\n"
      << text::plural(res.replications, "replication") << ", seed " << res.seed << "\n"
      << "Measured: " << m.source << " ("
      << (m.kind == "log" ? "per-contact log" : "interval report") << ", "
      << text::plural(m.days, "day") << "; counts per day)\n"
      << "Weights: offered volume per interval. within: share (weighted) of intervals whose"
         " measured value lies in the 95% prediction interval ±pi95 = ±ci95·√(1 + n/D)\n";
  if (has_input_uncertainty(sc)) {
    out << "Uncertain inputs (availability_cv): predicted with the inputs at their estimates; "
           "pi95 = √(ci95²·(1 + n/D) + max(0, ci95ᵤ² − ci95²)·n), ci95ᵤ of the same "
           "replications with the inputs drawn\n";
  }
  for (const std::string& note : measured_notes(m)) out << "Note: " << note << "\n";
  out << "\n";
  std::vector<std::vector<std::string>> rows{
      {"scope", "kpi", "intervals", "MAPE", "bias", "rel. bias", "within"}};
  for (const ModelComparison* mc : c.analytic()) {
    for (const char* h : {" MAPE", " bias", " rel. bias"}) rows[0].push_back(mc->label + h);
  }
  for (int k : scopes_with_rows(c.simulation)) {
    for (const KpiSummary& s : c.simulation.summary[std::size_t(k)]) {
      if (s.rows == 0) continue;
      std::vector<std::string> row{scope_name(sc, k),
                                   std::string(kpi_info(s.kpi).name),
                                   std::to_string(s.rows),
                                   pct(s.mape),
                                   s.bias ? format_number(*s.bias, decimals(s.kpi)) : "-",
                                   pct(s.relative_bias),
                                   pct(s.within)};
      for (const ModelComparison* mc : c.analytic()) {
        const KpiSummary& e = mc->summary[std::size_t(k)][*measured_index(s.kpi)];
        if (e.rows == 0) {  // blank (the model has no figure for this scope)
          row.insert(row.end(), 3, "");
          continue;
        }
        row.push_back(pct(e.mape));
        row.push_back(e.bias ? format_number(*e.bias, decimals(s.kpi)) : "-");
        row.push_back(pct(e.relative_bias));
      }
      rows.push_back(row);
    }
  }
  out << "Accuracy\n";
  print_rows(out, rows);
  for (int k : scopes_with_rows(c.simulation)) {
    rows = {{"start", "kpi", "predicted", "measured", "error", "within"}};
    std::vector<const ModelComparison*> analytic;  // those with rows in this scope
    for (const ModelComparison* mc : c.analytic()) {
      if (std::any_of(mc->rows.begin(), mc->rows.end(),
                      [&](const ComparisonRow& e) { return e.type == k; })) {
        analytic.push_back(mc);
        rows[0].push_back(mc->label);
      }
    }
    for (const ComparisonRow& r : c.simulation.rows) {
      if (r.type != k) continue;
      const int d = decimals(r.kpi);
      std::vector<std::string> row{
          interval_label(sc.horizon, r.interval),
          std::string(kpi_info(r.kpi).name),
          format_number(r.predicted, d) + " ± " + format_number(*r.ci95, d),
          format_number(r.measured, d),
          format_number(r.error(), d),
          *r.within ? "yes" : "no"};
      for (const ModelComparison* mc : analytic) {
        std::string e = "";
        for (const ComparisonRow& x : mc->rows) {
          if (x.interval == r.interval && x.type == r.type && x.kpi == r.kpi) {
            e = format_number(x.predicted, d);
          }
        }
        row.push_back(e);
      }
      rows.push_back(row);
    }
    out << "\nPer interval: " << scope_name(sc, k) << "\n";
    print_rows(out, rows);
  }
}

// The options of compare besides the common and the log-reading ones, as given.
struct CompareArgs {
  std::string measured_file, measured_days, report_file;
  bool measured_log = false, erlang_a = false, transient = false;
};

void add_compare_options(po::options_description& desc, CompareArgs& a) {
  desc.add_options()("measured", po::value<std::string>(&a.measured_file),
                     "measured KPIs: an interval report (CSV) or a per-contact log")(
      "measured-log", po::bool_switch(&a.measured_log),
      "read --measured as a per-contact log (detected from its header otherwise)")(
      "measured-days", po::value<std::string>(&a.measured_days),
      "days each figure of an interval report averages over (default 1)")(
      "erlang-a", po::bool_switch(&a.erlang_a),
      "also compare a per-interval Erlang A model of the scenario")(
      "transient", po::bool_switch(&a.transient),
      "also compare the transient model of the scenario (the day's queue carried from interval "
      "to interval; other distributions taken as exponential of the same mean)");
  add_report_option(desc, a.report_file);
}

// What the options say about the measured file: whether it is read as a log, and the days of
// an interval report.
struct MeasuredInput {
  bool as_log = false;
  int report_days = 1;
};

MeasuredInput parse_compare_options(const CompareArgs& a, const CommonOptions& common,
                                    const po::variables_map& vm, std::vector<std::string>& errors) {
  MeasuredInput m;
  if (common.positional.size() != 1) {
    errors.push_back(common.positional.empty() ? "a scenario file is required"
                                               : "exactly one scenario file is expected");
  }
  if (!vm.count("measured")) errors.push_back("--measured: is required");
  m.as_log = a.measured_log || vm.count("preset") || vm.count("columns") ||
             (vm.count("measured") && looks_like_contact_log(a.measured_file));
  if (vm.count("measured-days")) {
    const auto v = parse_integer(a.measured_days);
    if (!v || *v < 1 || *v > 100000) {
      errors.push_back("--measured-days: must be an integer from 1 to 100000 (got " +
                       a.measured_days + ")");
    } else if (m.as_log) {
      errors.push_back("--measured-days: only for an interval report; a log counts its days");
    } else {
      m.report_days = int(*v);
    }
  }
  if (vm.count("report")) {
    if (auto e = report_path_error(a.report_file)) errors.push_back(*e);
  }
  if (vm.count("days") && !m.as_log && vm.count("measured")) {
    errors.push_back("--days: only for a per-contact log (" + a.measured_file +
                     " is read as an interval report)");
  }
  return m;
}

// The measured figures: a log aggregated over its selected days, or an interval report; nullopt
// (the problems written to `err`) if they cannot be compared.
std::optional<MeasuredTable> read_measured(const std::string& file, const MeasuredInput& input,
                                           const ParsedLogOptions& log_options, bool skip_bad_rows,
                                           const Scenario& scenario, std::ostream& err) {
  MeasuredTable measured;
  if (input.as_log) {
    const ContactLog log = read_contact_log(file, log_options.format);
    if (log.fatal) {
      err << "error: " << log_problem(log) << "\n";
      return std::nullopt;
    }
    if (!report_bad_rows(log.errors, log.bad, skip_bad_rows, log.source, err)) {
      return std::nullopt;
    }
    measured = aggregate_log(log, scenario, log_options.days);
  } else {
    measured = read_measured_csv(file, scenario, input.report_days);
    if (!measured.fatal &&
        !report_bad_rows(measured.errors, measured.bad_rows, skip_bad_rows, measured.source, err)) {
      return std::nullopt;
    }
  }
  if (measured.fatal) {
    if (!input.as_log) {  // an interval report's header problems, every one
      for (const std::string& e : measured.errors) err << "error: " << e << "\n";
    }
    err << "error: " << *measured.fatal << "\n";
    return std::nullopt;
  }
  for (const auto& w : measured.warnings) err << "warning: " << w << "\n";
  if (measured.rows.empty()) {
    err << "error: " << measured.source << ": no measured figure to compare\n";
    return std::nullopt;
  }
  return measured;
}

// Runs the scenario and writes its comparison with `measured` (and the report, if asked).
int write_comparison(const CommonOptions& common, const CompareArgs& a, const Scenario& scenario,
                     const MeasuredTable& measured, std::ostream& out, std::ostream& err) {
  ProgressBar progress(show_progress(common), "replications", std::cerr);
  const RunOptions options = run_options(common, scenario, progress);
  const Scenario estimates = without_input_uncertainty(scenario);
  std::optional<TransientRun> transient;
  if (a.transient) {
    const TransientOptions pooled{true};
    const std::vector<std::string> refusals = transient_refusals(estimates, pooled);
    if (!refusals.empty()) {
      err << "error: --transient cannot model this scenario:\n";
      return bad_input(err, refusals);
    }
    transient = run_transient(estimates, pooled);
  }
  // Uncertain inputs: the prediction is the simulation of the inputs at their estimates; the
  // same replications with the inputs drawn give the spread the uncertainty adds.
  std::optional<Results> uncertain;
  if (has_input_uncertainty(scenario)) {
    RunOptions drawn = options;
    drawn.progress = nullptr;
    uncertain = run_experiment(scenario, drawn);
  }
  const Results results = run_experiment(estimates, options);
  progress.finish();
  const Comparison comparison = compare_with_measured(scenario, results, measured, a.erlang_a,
                                                      transient ? &transient->results : nullptr,
                                                      uncertain ? &*uncertain : nullptr);
  std::ostringstream content;
  switch (common.output_format()) {
    case Format::Json:
      content << json_text(comparison_json(scenario, results, measured, comparison,
                                           transient ? &*transient : nullptr))
              << "\n";
      break;
    case Format::Csv:
      write_comparison_csv(content, scenario, comparison);
      break;
    case Format::Xlsx:
      content << workbook_bytes(comparison_sheets(scenario, comparison));
      break;
    case Format::Table:
      write_comparison_table(content, scenario, results, measured, comparison);
      if (transient) {
        content << "\nTransient model: the exact time-varying Markov chain of the scenario\n";
        for (const std::string& line : transient->assumptions) {
          content << "  assumes: " << line << "\n";
        }
      }
      break;
  }
  return emit_with_report(
      common, content.str(), a.report_file,
      [&] { return compare_report(scenario, results, measured, comparison); }, out, err);
}

}  // namespace

int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  LogCommandLine line;
  CompareArgs own;
  std::vector<std::string> errors;
  const LogCommandParse parsed = parse_log_command(
      args, kCompareUsage, [&](po::options_description& d) { add_compare_options(d, own); },
      OwnOptions::BeforeLogOptions, line, errors, out);
  if (parsed == LogCommandParse::Help) return kExitOk;
  const CommonOptions& common = line.common;
  MeasuredInput input;
  if (parsed == LogCommandParse::Read) input = parse_compare_options(own, common, line.vm, errors);
  if (!errors.empty()) {
    return bad_input(err, errors, kCompareUsage);
  }
  const std::optional<Scenario> loaded =
      read_scenario(common.positional[0], err, "", common.replications);
  if (!loaded) return kExitBadInput;
  const Scenario& scenario = *loaded;
  std::vector<NamedFile> inputs = scenario_files(scenario, common.positional[0]);
  inputs.push_back({"--measured", own.measured_file});
  if (auto clashes = same_file_errors(given_outputs(common.out, own.report_file), inputs);
      !clashes.empty()) {
    return bad_input(err, clashes);
  }
  const std::optional<MeasuredTable> measured =
      read_measured(own.measured_file, input, line.log, line.log_raw.skip_bad_rows, scenario, err);
  if (!measured) return kExitBadInput;
  return write_comparison(common, own, scenario, *measured, out, err);
}

}  // namespace ccsim::cli
