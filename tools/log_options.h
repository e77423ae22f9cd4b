// The options that say how to read a per-contact log (`--preset`, `--columns`, `--days`,
// `--skip-bad-rows`), shared by `compare` and `calibrate`, and how the problems of a log are
// told to the user in their terms.
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "models/measured/contact_log.h"

namespace ccsim::cli {

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

// The fatal problem of `log` (REQUIRES: log.fatal) in the user's terms: a format not recognised
// with the options that name one, a column mapping problem with the option it came from.
std::string log_problem(const ContactLog& log);

// Reports a log's bad rows on `err`: as errors (returns false: the caller exits 2) unless
// `skip_bad_rows`, then as warnings with the count skipped (returns true).
bool report_bad_rows(const std::vector<std::string>& messages, std::size_t bad, bool skip_bad_rows,
                     const std::string& source, std::ostream& err);

}  // namespace ccsim::cli
