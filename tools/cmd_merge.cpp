// ccsim merge FILE...: joins the sweep files of shards (or partial runs) of one sweep into the
// complete sweep file, checking that they belong to the same sweep and that every point appears
// exactly once.
#include "models/studies/sweep.h"
#include "tools/cli.h"
#include "tools/options.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kMergeUsage =
    "usage: ccsim merge FILE... [--out FILE]\n"
    "Joins the sweep files written by 'ccsim sweep --shard K/N --out FILE' (FILE.csv.sweep\n"
    "beside a CSV, or FILE.jsonl) into one complete sweep file, the same as one unsharded run\n"
    "writes.\n";

}  // namespace

int cmd_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommonOptions common;
  RawCommon raw;
  po::options_description desc("options");
  desc.add_options()("out", po::value<std::string>(&common.out),
                     "write the merged file to FILE (atomically) instead of stdout")(
      "quiet", po::bool_switch(&common.quiet), "no messages on stderr")(
      "help,h", po::bool_switch(&common.help), "show this help");
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, raw, common);
  if (common.help) {
    out << kMergeUsage << desc;
    return kExitOk;
  }
  if (errors.empty() && common.positional.empty()) errors.push_back("no sweep files given");
  if (errors.empty()) refuse_workbook(common, "merge", errors);
  if (!errors.empty()) {
    return bad_input(err, errors, kMergeUsage);
  }
  std::vector<NamedFile> inputs;
  for (const std::string& f : common.positional) inputs.push_back({"the sweep file", f});
  errors = same_file_errors(given_outputs(common.out), inputs);
  if (!errors.empty()) return bad_input(err, errors);
  std::vector<std::filesystem::path> files(common.positional.begin(), common.positional.end());
  const auto merged = merge_sweep_files(files, errors);
  if (!merged) {
    return bad_input(err, errors);
  }
  return emit(common, *merged, out, err);
}

}  // namespace ccsim::cli
