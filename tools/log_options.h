// The options that say how to read a per-contact log (`--preset`, `--columns`, `--days`,
// `--skip-bad-rows`), shared by `compare` and `calibrate`, and how the problems of a log are
// told to the user in their terms.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "models/measured/contact_log.h"
#include "tools/options.h"

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

// The command line of a command that reads a log: the common options, the command's own and
// the log-reading ones, as given and (log-reading) parsed.
struct LogCommandLine {
  CommonOptions common;
  RawCommon raw;
  LogOptions log_raw;
  ParsedLogOptions log;
  boost::program_options::variables_map vm;
};

// Where the command's own options come in --help: before or after the log-reading ones.
enum class OwnOptions { BeforeLogOptions, AfterLogOptions };

// How far parse_log_command got: --help (written), the options unreadable (errors), or read
// (the log-reading options parsed, their problems in the errors).
enum class LogCommandParse { Help, Unreadable, Read };

// Declares the common options, the command's own (by `add_own`, placed by `own`) and the
// log-reading ones, and parses `args` into `line`; every problem is appended to `errors`. With
// --help, writes `usage` and the options to `out`.
LogCommandParse parse_log_command(
    const std::vector<std::string>& args, const char* usage,
    const std::function<void(boost::program_options::options_description&)>& add_own,
    OwnOptions own, LogCommandLine& line, std::vector<std::string>& errors, std::ostream& out);

// The fatal problem of `log` (REQUIRES: log.fatal) in the user's terms: a format not recognised
// with the options that name one, a column mapping problem with the option it came from.
std::string log_problem(const ContactLog& log);

// Reports a log's bad rows on `err`: as errors (returns false: the caller exits 2) unless
// `skip_bad_rows`, then as warnings with the count skipped (returns true).
bool report_bad_rows(const std::vector<std::string>& messages, std::size_t bad, bool skip_bad_rows,
                     const std::string& source, std::ostream& err);

}  // namespace ccsim::cli
