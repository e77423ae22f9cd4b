// `ccsim run SCENARIO --method transient`: the scenario's day by the exact time-varying Markov
// model (models/planning/transient_model.h) instead of simulation, in the same output shape as
// `run` (run_results.h) with every ci95 0 and, in JSON, "method": "transient" and a "transient"
// object (assumptions, truncated mass, the size of the approximation). No replications, seed or
// threads: refused when given, as are --vs, --log (there are no contacts to log) and --report
// (its pages speak of replications).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "models/planning/transient_model.h"
#include "tools/options.h"

namespace ccsim::cli {

// The JSON of a transient run: results_json's layout without "replications" and "seed", plus
// "method" and "transient".
nlohmann::json transient_json(const TransientRun& run, const Scenario& scenario);

// Runs the model on `scenario` (read from common.positional[0]) and writes the output; exit 2
// with every reason when the scenario is outside the model.
int run_transient_command(const CommonOptions& common, const Scenario& scenario, std::ostream& out,
                          std::ostream& err);

}  // namespace ccsim::cli
