// The ccsim command line. Exit codes: 0 success; 1 failure while running (I/O, internal);
// 2 bad input (bad scenario, bad option). On exit code 2 nothing is written to --out.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ccsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Runs `ccsim ARGS...` (args excludes the program name) writing to `out` and `err`.
int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The subcommands; `args` excludes the subcommand's name.
int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_erlang(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_calibrate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_staff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ccsim::cli
