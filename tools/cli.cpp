#include "tools/cli.h"

#include <exception>

namespace ccsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: ccsim COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO        simulate; KPIs with 95% confidence intervals, totals and per interval\n"
    "  validate SCENARIO   check a scenario; print every problem, exit 2 if any\n"
    "  erlang ...          analytic Erlang B / C / A calculator (no simulation)\n"
    "  staff SCENARIO      required agents per interval and group to meet the scenario's targets\n"
    "  sweep SCENARIO --set PTR=VALUES ...  run a grid of variants, one row per point\n"
    "  merge FILE...       join the outputs of sweep shards\n"
    "  compare SCENARIO --measured FILE  predicted vs measured KPIs, per interval and in total\n"
    "  calibrate LOG       build a scenario from a per-contact log\n"
    "\n"
    "Run 'ccsim COMMAND --help' for the options of a command.\n";

}  // namespace

int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitBadInput;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "run") return cmd_run(rest, out, err);
    if (command == "validate") return cmd_validate(rest, out, err);
    if (command == "erlang") return cmd_erlang(rest, out, err);
    if (command == "sweep") return cmd_sweep(rest, out, err);
    if (command == "merge") return cmd_merge(rest, out, err);
    if (command == "compare") return cmd_compare(rest, out, err);
    if (command == "calibrate") return cmd_calibrate(rest, out, err);
    if (command == "staff") return cmd_staff(rest, out, err);
    if (command == "--help" || command == "-h" || command == "help") {
      out << kUsage;
      return kExitOk;
    }
    if (command == "--version") {
      out << "ccsim 0.1.0\n";
      return kExitOk;
    }
    err << "ccsim: unknown command '" << command << "'\n\n" << kUsage;
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "ccsim " << command << ": internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace ccsim::cli
