#include "tools/output_files.h"

#include <utility>

namespace ccsim::cli {

std::optional<std::string> output_path_error(std::string_view option, const std::string& file) {
  OutputTarget target;
  if (auto problem = resolve_output(file, target)) return std::string(option) + ": " + *problem;
  return std::nullopt;
}

std::vector<NamedFile> given_outputs(const std::string& out, const std::string& report) {
  std::vector<NamedFile> outputs;
  if (!out.empty()) outputs.push_back({"--out", out});
  if (!report.empty()) outputs.push_back({"--report", report});
  return outputs;
}

std::vector<std::string> same_file_errors(const std::vector<NamedFile>& outputs,
                                          const std::vector<NamedFile>& inputs) {
  std::vector<std::string> errors;
  std::vector<std::pair<const NamedFile*, FileIdentity>> seen;  // inputs, then outputs
  for (const NamedFile& f : inputs) {
    if (auto id = file_identity(f.path); id && id->name.empty()) seen.emplace_back(&f, *id);
  }
  for (const NamedFile& f : outputs) {
    OutputTarget target;
    if (resolve_output(f.path, target) || target.kind == OutputKind::InPlace) continue;
    const std::optional<FileIdentity> id = file_identity(f.path);
    if (!id) continue;
    for (const auto& [other, other_id] : seen) {
      if (other_id == *id) {
        errors.push_back(f.role + ": " + f.path + " is the same file as " + other->role + " " +
                         other->path);
        break;
      }
    }
    seen.emplace_back(&f, *id);
  }
  return errors;
}

}  // namespace ccsim::cli
