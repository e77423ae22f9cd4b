#include "tools/run_transient.h"

#include <sstream>

#include "tools/json_text.h"
#include "tools/run_results.h"
#include "tools/run_workbook.h"
#include "tools/table_text.h"

namespace ccsim::cli {

nlohmann::json transient_json(const TransientRun& run, const Scenario& scenario) {
  nlohmann::json j = results_json(run.results, scenario);
  j.erase("replications");
  j.erase("seed");
  j["method"] = "transient";
  j["transient"] = {{"assumptions", run.assumptions},
                    {"truncated_mass", run.truncated_mass},
                    {"uniformisation_steps", run.uniformisation_steps},
                    {"abandonment_gap", run.abandonment_gap},
                    {"little_gap", run.little_gap}};
  return j;
}

namespace {

// The table of `run`, with the model named above run's tables (whose header line speaks of
// replications) instead of it.
void write_transient_table(std::ostream& out, const TransientRun& run, const Scenario& sc) {
  std::ostringstream how;
  how << "Transient model: the exact time-varying Markov chain, no simulation (expected values; "
         "no confidence intervals)\n";
  for (const std::string& a : run.assumptions) how << "  assumes: " << a << "\n";
  std::ostringstream mass;
  mass.precision(2);
  mass << run.truncated_mass;
  how << "  truncated probability mass " << mass.str()
      << "; waits spanning a change of staffing: abandonment gap "
      << format_number(run.abandonment_gap * 100, 4) << "% of offered, Little's-law gap "
      << format_number(run.little_gap * 100, 4) << "%\n";
  write_results_table(out, run.results, sc, how.str());
}

}  // namespace

int run_transient_command(const CommonOptions& common, const Scenario& scenario, std::ostream& out,
                          std::ostream& err) {
  const std::vector<std::string> refusals = transient_refusals(scenario);
  if (!refusals.empty()) {
    err << "error: --method transient cannot model this scenario:\n";
    return bad_input(err, refusals);
  }
  const TransientRun run = run_transient(scenario);
  std::ostringstream content;
  switch (common.output_format()) {
    case Format::Json:
      content << json_text(transient_json(run, scenario)) << "\n";
      break;
    case Format::Csv:
      write_results_csv(content, run.results, scenario);
      break;
    case Format::Table:
      write_transient_table(content, run, scenario);
      break;
    case Format::Xlsx:
      content << workbook_bytes(results_sheets(run.results, scenario));
      break;
  }
  return emit(common, content.str(), out, err);
}

}  // namespace ccsim::cli
