// ccsim run SCENARIO: simulate and report KPIs with 95% confidence intervals.
#include <chrono>
#include <iostream>
#include <sstream>

#include "models/experiment.h"
#include "models/scenario_json.h"
#include "tools/cli.h"
#include "tools/options.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kRunUsage = "usage: ccsim run SCENARIO [OPTIONS]\n";

// Progress on stderr: replications done, rate and time left.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = done ? elapsed / double(done) * double(total - done) : 0.0;
    std::cerr << "\rreplication " << done << "/" << total << "  elapsed "
              << format_number(elapsed, 1) << " s  left ~" << format_number(eta, 1) << " s   "
              << std::flush;
    if (done == total) std::cerr << "\n";
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommonOptions common;
  RawCommon raw;
  po::options_description desc("options");
  add_common_options(desc, raw, common);
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, raw, common);
  if (common.help) {
    out << kRunUsage << desc;
    return kExitOk;
  }
  if (errors.empty() && common.positional.size() != 1) {
    errors.push_back(common.positional.empty() ? "a scenario file is required"
                                               : "exactly one scenario file is expected");
  }
  if (!errors.empty()) {
    for (const auto& e : errors) err << "error: " << e << "\n";
    err << kRunUsage;
    return kExitBadInput;
  }

  const ScenarioParse parsed = load_scenario(common.positional[0]);
  for (const auto& w : parsed.warnings) err << "warning: " << w << "\n";
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) err << "error: " << e << "\n";
    return kExitBadInput;
  }
  const Scenario& scenario = *parsed.scenario;

  RunOptions options;
  options.replications = common.replications.value_or(scenario.simulation.replications);
  options.seed = common.seed.value_or(scenario.simulation.seed);
  options.threads = common.threads;
  Progress progress(show_progress(common));
  options.progress = [&progress](std::size_t done, std::size_t total) {
    progress.update(done, total);
  };
  const Results results = run_experiment(scenario, options);

  std::ostringstream content;
  switch (common.output_format()) {
    case Format::Json:
      content << results_json(results, scenario).dump(2) << "\n";
      break;
    case Format::Csv:
      write_results_csv(content, results, scenario);
      break;
    case Format::Table:
      write_results_table(content, results, scenario);
      break;
  }
  return emit(common, content.str(), out, err);
}

}  // namespace ccsim::cli
