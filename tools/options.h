// Options shared by ccsim's commands, parsed with Boost.Program_options; every bad option is
// reported (as "--name: rule (got value)") rather than defaulted.
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "tools/output.h"

namespace ccsim::cli {

struct CommonOptions {
  std::vector<std::string> positional;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::optional<Format> format;  // --format as given
  std::string out;               // --out FILE, or empty for stdout
  bool quiet = false;
  bool help = false;
  // The output format: --format if given, else from --out's extension, else a table.
  Format output_format() const;
};

// Declares the common options (--replications, --seed, --threads, --format, --out, --quiet,
// --help) on `desc`, storing raw strings in `raw` for checking by parse_common.
struct RawCommon {
  std::string replications, seed, threads, format;
};
void add_common_options(boost::program_options::options_description& desc, RawCommon& raw,
                        CommonOptions& common);

// Parses `args` against `desc` (which holds the common and the command's own options) with
// positional arguments collected into common.positional. Returns every problem found.
std::vector<std::string> parse_options(const std::vector<std::string>& args,
                                       const boost::program_options::options_description& desc,
                                       boost::program_options::variables_map& vm,
                                       const RawCommon& raw, CommonOptions& common);

// Strict number parsing for option values: the whole text must be the number.
std::optional<double> parse_double(const std::string& text);
std::optional<long long> parse_integer(const std::string& text);

// Reads the scenario `file`; prints its warnings, and its errors, each as
// "warning: PREFIXpath: message" / "error: PREFIXpath: message", to `err`. Returns the scenario,
// or nullopt when it has errors (the caller exits with kExitBadInput). Errors include the
// run-size refusals of models/stability.h, checked with `replications` (--replications) in
// place of the scenario's when given.
std::optional<Scenario> read_scenario(const std::string& file, std::ostream& err,
                                      const std::string& prefix = "",
                                      std::optional<int> replications = std::nullopt);

// Writes `content` to --out atomically, or to `out`. Returns the exit code.
int emit(const CommonOptions& common, const std::string& content, std::ostream& out,
         std::ostream& err);

// Whether progress may be drawn on stderr (a terminal, and not --quiet).
bool show_progress(const CommonOptions& common);

}  // namespace ccsim::cli
