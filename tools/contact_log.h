// Command-line support for per-contact logs: `ccsim run --log FILE` (a simulation's log) and
// the options that say how to read a log (`--preset`, `--columns`, `--days`, `--skip-bad-rows`),
// shared by `compare` and `calibrate`.
#pragma once

#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/io/output_file.h"
#include "models/measured/contact_log.h"

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

// The log-reading options as given.
struct LogOptions {
  std::string preset, columns, days;
  bool skip_bad_rows = false;
};
void add_log_options(boost::program_options::options_description& desc, LogOptions& raw);

// Parses the log-reading options; every problem is appended to `errors`.
struct ParsedLogOptions {
  LogFormat format;
  DaySelection days;
};
ParsedLogOptions parse_log_options(const LogOptions& raw,
                                   const boost::program_options::variables_map& vm,
                                   std::vector<std::string>& errors);

// Reports a log's bad rows on `err`: as errors (returns false: the caller exits 2) unless
// `skip_bad_rows`, then as warnings with the count skipped (returns true).
bool report_bad_rows(const std::vector<std::string>& messages, std::size_t bad, bool skip_bad_rows,
                     const std::string& source, std::ostream& err);

}  // namespace ccsim::cli
