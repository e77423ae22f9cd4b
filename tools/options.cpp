#include "tools/options.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "models/scenario/run_size.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"

namespace po = boost::program_options;

namespace ccsim::cli {

Format CommonOptions::output_format() const {
  if (format) return *format;
  if (!out.empty()) return format_of_path(out);
  return Format::Table;
}

void add_common_options(po::options_description& desc, RawCommon& raw, CommonOptions& common) {
  desc.add_options()("replications", po::value<std::string>(&raw.replications),
                     "replications (>= 1); overrides the scenario")(
      "seed", po::value<std::string>(&raw.seed),
      "random seed (integer >= 0); overrides the scenario")(
      "threads", po::value<std::string>(&raw.threads), "worker threads (0: all cores; default 0)")(
      "format", po::value<std::string>(&raw.format),
      "table | json | csv | xlsx (default: from --out, else table; xlsx needs --out)")(
      "out", po::value<std::string>(&common.out), "write the output to FILE (atomically)")(
      "quiet", po::bool_switch(&common.quiet), "no progress on stderr")(
      "help,h", po::bool_switch(&common.help), "show this help");
}

void refuse_options(const po::variables_map& vm, std::initializer_list<std::string_view> names,
                    std::string_view why, std::vector<std::string>& errors) {
  for (std::string_view name : names) {
    if (vm.count(std::string(name))) {
      errors.push_back("--" + std::string(name) + ": does not apply " + std::string(why));
    }
  }
}

void refuse_workbook(const CommonOptions& common, std::string_view command,
                     std::vector<std::string>& errors) {
  if (common.output_format() != Format::Xlsx) return;
  const std::string why =
      "ccsim " + std::string(command) + " writes no workbook (run, staff, compare and sweep do)";
  if (common.format) {
    errors.push_back("--format xlsx: " + why);
  } else {
    errors.push_back("--out: " + why + "; got " + common.out +
                     ", use .json or .csv, or give --format");
  }
}

std::optional<double> parse_double(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::vector<std::string> parse_options(const std::vector<std::string>& args,
                                       const po::options_description& desc, po::variables_map& vm,
                                       const RawCommon& raw, CommonOptions& common) {
  std::vector<std::string> errors;
  po::options_description all(desc);
  all.add_options()("positional", po::value<std::vector<std::string>>(&common.positional));
  po::positional_options_description pos;
  pos.add("positional", -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    errors.push_back(e.what());
    return errors;
  }
  if (vm.count("replications")) {
    const auto v = parse_integer(raw.replications);
    if (!v || *v < 1 || *v > 1000000) {
      errors.push_back("--replications: must be an integer from 1 to 1000000 (got " +
                       raw.replications + ")");
    } else {
      common.replications = int(*v);
    }
  }
  if (vm.count("seed")) {
    const auto v = parse_integer(raw.seed);
    if (!v || *v < 0) {
      errors.push_back("--seed: must be an integer >= 0 (got " + raw.seed + ")");
    } else {
      common.seed = std::uint64_t(*v);
    }
  }
  if (vm.count("threads")) {
    const auto v = parse_integer(raw.threads);
    if (!v || *v < 0 || *v > 4096) {
      errors.push_back("--threads: must be an integer from 0 to 4096 (got " + raw.threads + ")");
    } else {
      common.threads = unsigned(*v);
    }
  }
  if (vm.count("format")) {
    common.format = parse_format(raw.format);
    if (!common.format) {
      errors.push_back("--format: must be one of table, json, csv, xlsx (got " + raw.format + ")");
    }
  }
  if (vm.count("out")) {
    if (auto e = output_path_error("--out", common.out)) errors.push_back(*e);
  }
  if (common.format == Format::Xlsx && common.out.empty()) {
    errors.push_back(
        "--format xlsx: a workbook is binary and is not written to stdout; give "
        "--out FILE.xlsx");
  }
  return errors;
}

std::optional<Scenario> read_scenario(const std::string& file, std::ostream& err,
                                      const std::string& prefix, std::optional<int> replications) {
  ScenarioParse parsed = load_scenario(file);
  if (parsed.ok() && replications) {
    std::vector<std::string> errors =
        check_replications_override(*parsed.scenario, *replications, "--replications");
    if (!errors.empty()) {
      parsed.errors = std::move(errors);
      parsed.scenario.reset();
    }
  }
  auto prefixed = [&prefix](const std::string& message) {
    return message.starts_with(prefix) ? message : prefix + message;
  };
  for (const auto& w : parsed.warnings) err << "warning: " << prefixed(w) << "\n";
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) err << "error: " << prefixed(e) << "\n";
    return std::nullopt;
  }
  return std::move(parsed.scenario);
}

std::vector<NamedFile> scenario_files(const Scenario& scenario, const std::string& file,
                                      const std::string& role) {
  std::vector<NamedFile> files{{role, file}};
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  for (const ContactType& type : scenario.contact_types) {
    if (type.arrivals.kind != Arrivals::Kind::Trace) continue;
    files.push_back({"the arrival trace of " + role, (dir / type.arrivals.trace_path).string()});
  }
  for (const DataFileRead& data : scenario.data_files) {
    files.push_back({std::string(data.kind == DataFileRead::Kind::Forecast ? "the forecast of "
                                                                           : "the roster of ") +
                         role,
                     (dir / data.file).string()});
  }
  return files;
}

int emit(const CommonOptions& common, const std::string& content, std::ostream& out,
         std::ostream& err) {
  if (common.out.empty()) {
    out << content;
    out.flush();
    return out ? kExitOk : kExitFailure;
  }
  if (auto error = write_file_atomically(common.out, [&](std::ostream& f) { f << content; })) {
    err << "error: " << *error << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

bool show_progress(const CommonOptions& common) {
  return !common.quiet && ::isatty(2) == 1;
}

RunOptions run_options(const CommonOptions& common, const Scenario& scenario,
                       ProgressBar& progress) {
  RunOptions options;
  options.replications = common.replications.value_or(scenario.simulation.replications);
  options.seed = common.seed.value_or(scenario.simulation.seed);
  options.threads = common.threads;
  options.progress = [&progress](std::size_t done, std::size_t total) {
    progress.update(done, total);
  };
  return options;
}

int bad_input(std::ostream& err, const std::vector<std::string>& errors, std::string_view usage,
              std::string_view prefix) {
  for (const auto& e : errors) err << "error: " << prefix << e << "\n";
  err << usage;
  return kExitBadInput;
}

}  // namespace ccsim::cli
