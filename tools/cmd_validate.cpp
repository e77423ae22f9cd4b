// ccsim validate SCENARIO: report every problem of a scenario; exit 2 if there is any.
#include <sstream>

#include "models/scenario_json.h"
#include "tools/cli.h"
#include "tools/options.h"

namespace po = boost::program_options;

namespace ccsim::cli {

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
  if (!errors.empty()) {
    return bad_input(err, errors);
  }
  const ScenarioParse parsed = load_scenario(common.positional[0]);
  std::ostringstream content;
  if (common.output_format() == Format::Json) {
    nlohmann::json j;
    j["file"] = common.positional[0];
    j["valid"] = parsed.ok();
    j["errors"] = parsed.errors;
    j["warnings"] = parsed.warnings;
    content << json_text(j) << "\n";
  } else {
    for (const auto& w : parsed.warnings) content << "warning: " << w << "\n";
    for (const auto& e : parsed.errors) content << "error: " << e << "\n";
    if (parsed.ok()) {
      const Scenario& s = *parsed.scenario;
      content << common.positional[0] << ": valid (" << s.contact_types.size() << " contact types, "
              << s.agent_groups.size() << " agent groups, " << s.horizon.intervals
              << " intervals)\n";
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
