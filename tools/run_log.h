// `ccsim run --log FILE`: a simulation whose every contact record is written to a per-contact
// log in the ccsim format (models/measured/contact_log.h), beside the usual results.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "models/centre/experiment.h"
#include "models/io/output_file.h"

namespace ccsim::cli {

// Simulates the replications of `scenario` as run_experiment() does (same results, bit for bit)
// and stages every contact record for `log` (see StagedFile in models/io/output_file.h) in the
// ccsim log format (kCcsimLogColumns), by replication then contact id: the caller commits it.
// Replications run in batches of `options.threads` so that memory stays bounded by a batch's
// records. Returns an error message (nothing written) or nullopt; `results` is set on success.
std::optional<std::string> stage_experiment_with_log(const Scenario& scenario,
                                                     const RunOptions& options, StagedFile& log,
                                                     const std::filesystem::path& path,
                                                     Results& results);

// stage_experiment_with_log, then the log committed: written atomically (a temporary file
// renamed into place). Returns an error message (nothing written) or nullopt.
std::optional<std::string> run_experiment_with_log(const Scenario& scenario,
                                                   const RunOptions& options,
                                                   const std::filesystem::path& log,
                                                   Results& results);

}  // namespace ccsim::cli
