// `ccsim run --state FILE` and `--save-state FILE`: starting a run from a state, and writing
// the state a replication ends in (models/scenario/initial_state_json.h gives the format).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim::cli {

// Reads FILE (--state) as an initial state of `scenario` and puts it in place of the
// scenario's initial_state. Returns the errors, each naming the file ("FILE: PATH: RULE"), and
// leaves `scenario` untouched when there are any.
std::vector<std::string> apply_state_file(const std::string& file, Scenario& scenario);

// Simulates replication 1 of `scenario` (index 0, seed options.seed) again and writes its state
// at the end of the horizon (centre/initial_state.h: state_at) to `file` atomically, as JSON
// that --state reads. Returns an error message (nothing written) or nullopt.
std::optional<std::string> save_end_state(const Scenario& scenario, const RunOptions& options,
                                          const std::string& file);

}  // namespace ccsim::cli
