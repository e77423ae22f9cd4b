// ccsim validate SCENARIO: report every problem of a scenario; exit 2 if there is any.
#include <sstream>

#include "models/io/plural.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"
#include "tools/json_text.h"
#include "tools/options.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

// "forecast.csv: 96 rows, 2 contact types, 1 day, 48 intervals".
std::string count(std::size_t n, const char* one, const char* many) {
  return text::plural(static_cast<long long>(n), one, many);
}

std::string data_file_line(const DataFileRead& data) {
  const bool forecast = data.kind == DataFileRead::Kind::Forecast;
  return data.file + ": " + count(data.rows, "row", "rows") + ", " +
         (forecast ? count(data.series, "contact type", "contact types")
                   : count(data.series, "agent group", "agent groups")) +
         ", " + count(data.days, "day", "days") + ", " +
         count(data.intervals, "interval", "intervals");
}

nlohmann::json data_file_json(const DataFileRead& data) {
  const bool forecast = data.kind == DataFileRead::Kind::Forecast;
  nlohmann::json j;
  j["file"] = data.file;
  j["kind"] = forecast ? "forecast" : "roster";
  j["rows"] = data.rows;
  j[forecast ? "contact_types" : "agent_groups"] = data.series;
  j["days"] = data.days;
  j["intervals"] = data.intervals;
  return j;
}

}  // namespace

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommonOptions common;
  RawCommon raw;
  po::options_description desc("options");
  add_common_options(desc, raw, common);
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, raw, common);
  if (common.help) {
    out << "usage: ccsim validate SCENARIO [--format table|json]\n" << desc;
    return kExitOk;
  }
  if (errors.empty() && common.positional.size() != 1) {
    errors.push_back(common.positional.empty() ? "a scenario file is required"
                                               : "exactly one scenario file is expected");
  }
  if (errors.empty()) {
    refuse_options(vm, {"replications", "seed", "threads"},
                   "to validate, which checks the scenario without running it", errors);
    if (common.format == Format::Csv) {
      errors.push_back("--format: must be table or json for validate (got " + raw.format + ")");
    } else if (!common.format && common.output_format() == Format::Csv) {
      errors.push_back("--out: validate writes table or json, not CSV (got " + common.out +
                       "; add --format table or json)");
    }
    refuse_workbook(common, "validate", errors);
  }
  if (!errors.empty()) {
    return bad_input(err, errors);
  }
  const ScenarioParse parsed = load_scenario(common.positional[0]);
  const std::vector<NamedFile> inputs =
      parsed.ok() ? scenario_files(*parsed.scenario, common.positional[0])
                  : std::vector<NamedFile>{{"the scenario", common.positional[0]}};
  if (auto clashes = same_file_errors(given_outputs(common.out), inputs); !clashes.empty()) {
    return bad_input(err, clashes);
  }
  std::ostringstream content;
  if (common.output_format() == Format::Json) {
    nlohmann::json j;
    j["file"] = common.positional[0];
    j["valid"] = parsed.ok();
    j["errors"] = parsed.errors;
    j["warnings"] = parsed.warnings;
    if (parsed.ok() && !parsed.scenario->data_files.empty()) {
      j["read"] = nlohmann::json::array();
      for (const DataFileRead& d : parsed.scenario->data_files)
        j["read"].push_back(data_file_json(d));
    }
    content << json_text(j) << "\n";
  } else {
    for (const auto& w : parsed.warnings) content << "warning: " << w << "\n";
    for (const auto& e : parsed.errors) content << "error: " << e << "\n";
    if (parsed.ok()) {
      const Scenario& s = *parsed.scenario;
      // "valid (2 contact types, 1 agent group, 24 intervals)", and "..., 7 days, 168
      // intervals)" over several days.
      content << common.positional[0] << ": valid ("
              << count(s.contact_types.size(), "contact type", "contact types") << ", "
              << count(s.agent_groups.size(), "agent group", "agent groups") << ", "
              << (s.horizon.days > 1 ? count(std::size_t(s.horizon.days), "day", "days") + ", "
                                     : std::string())
              << count(std::size_t(s.horizon.interval_count()), "interval", "intervals") << ")\n";
      for (const DataFileRead& d : s.data_files) content << "read " << data_file_line(d) << "\n";
    } else {
      content << common.positional[0] << ": " << parsed.errors.size()
              << (parsed.errors.size() == 1 ? " problem\n" : " problems\n");
    }
  }
  if (!parsed.ok()) {
    // Problems go to stderr; nothing is written to --out.
    if (common.output_format() == Format::Json && common.out.empty()) {
      out << content.str();
    } else {
      err << content.str();
    }
    return kExitBadInput;
  }
  return emit(common, content.str(), out, err);
}

}  // namespace ccsim::cli
