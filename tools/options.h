// Options shared by ccsim's commands, parsed with Boost.Program_options; every bad option is
// reported (as "--name: rule (got value)") rather than defaulted.
#pragma once

#include <array>
#include <boost/program_options.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "tools/output_files.h"
#include "tools/output_format.h"
#include "tools/progress.h"

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

// Adds "--NAME: does not apply WHY" to `errors` for each option of `names` given in `vm`, for
// options a command declares (the common ones) but cannot honour in this use.
void refuse_options(const boost::program_options::variables_map& vm,
                    std::initializer_list<std::string_view> names, std::string_view why,
                    std::vector<std::string>& errors);

// Adds an error to `errors` when the output format is xlsx (--format xlsx, or --out FILE.xlsx
// without --format) for `command`, which writes no workbook: a workbook is never silently
// written as text.
void refuse_workbook(const CommonOptions& common, std::string_view command,
                     std::vector<std::string>& errors);

// One valid value of an option that takes a word, and what it stands for.
template <class T>
struct Choice {
  std::string_view name;
  T value;
};

// The value of `text` among `choices`; else adds "OPTION: must be one of A, B, C (got TEXT)",
// listing every choice in order, to `errors`.
template <class T, std::size_t N>
std::optional<T> parse_choice(std::string_view option, const std::string& text,
                              const std::array<Choice<T>, N>& choices,
                              std::vector<std::string>& errors) {
  std::string names;
  for (const Choice<T>& c : choices) {
    if (c.name == text) return c.value;
    names += (names.empty() ? "" : ", ") + std::string(c.name);
  }
  errors.push_back(std::string(option) + ": must be one of " + names + " (got " + text + ")");
  return std::nullopt;
}

// Strict number parsing for option values: the whole text must be the number.
std::optional<double> parse_double(const std::string& text);
std::optional<long long> parse_integer(const std::string& text);

// Reads the scenario `file`; prints its warnings, and its errors, each as
// "warning: PREFIXpath: message" / "error: PREFIXpath: message", to `err` (a message that
// already begins with PREFIX, such as "FILE: cannot open file" with PREFIX "FILE: ", is not
// prefixed again). Returns the scenario,
// or nullopt when it has errors (the caller exits with kExitBadInput). Errors include the
// run-size refusals of models/scenario/run_size.h, checked with `replications` (--replications) in
// place of the scenario's when given.
std::optional<Scenario> read_scenario(const std::string& file, std::ostream& err,
                                      const std::string& prefix = "",
                                      std::optional<int> replications = std::nullopt);

// The files `scenario` (read from `file`) was read from, named for same_file_errors: the
// scenario file itself as `role`, each arrival trace it names (relative to its folder) as
// "the arrival trace of ROLE", and its forecast and roster files as "the forecast of ROLE" and
// "the roster of ROLE".
std::vector<NamedFile> scenario_files(const Scenario& scenario, const std::string& file,
                                      const std::string& role = "the scenario");

// Writes `content` to --out atomically, or to `out`. Returns the exit code.
int emit(const CommonOptions& common, const std::string& content, std::ostream& out,
         std::ostream& err);

// Whether progress may be drawn on stderr (a terminal, and not --quiet).
bool show_progress(const CommonOptions& common);

// The replications of `scenario` as the common options ask: --replications, --seed (else the
// scenario's) and --threads, reporting each finished replication to `progress`.
// REQUIRES: `progress` outlives the returned options' use.
RunOptions run_options(const CommonOptions& common, const Scenario& scenario,
                       ProgressBar& progress);

// Prints each of `errors` as "error: PREFIXe", then `usage`; returns kExitBadInput.
int bad_input(std::ostream& err, const std::vector<std::string>& errors,
              std::string_view usage = {}, std::string_view prefix = {});

}  // namespace ccsim::cli
