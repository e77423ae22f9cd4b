// The files ccsim's commands write, checked before any work: an output path must be writable,
// and no output may be the same file as an input or as another output.
//
// Outputs are written crash-safely (models/io/output_file.h), by the names used here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/io/output_file.h"

namespace ccsim::cli {

using ccsim::StagedFile;
using ccsim::write_file_atomically;

// The problem with `file` as the output of `option` (e.g. "--out: a file is required",
// "--out: x is a directory", "--log: folder d does not exist (got d/x.csv)"), or nullopt when
// it can be written. Checked before any work, so that a bad output path costs no run.
std::optional<std::string> output_path_error(std::string_view option, const std::string& file);

// A file a command reads or writes: its role for messages ("the scenario", "--measured",
// "--out") and its path as given.
struct NamedFile {
  std::string role;
  std::string path;
};

// Each output that is the same file as one of `inputs` or as an earlier output, as
// "ROLE: PATH is the same file as ROLE PATH" (compared by identity: device and inode after
// following links, not spelling). An output written in place (a device or FIFO) replaces no
// file and is not compared; an input that does not exist is not compared.
std::vector<std::string> same_file_errors(const std::vector<NamedFile>& outputs,
                                          const std::vector<NamedFile>& inputs);
// The outputs --out `out` and --report `report` that are given (non-empty).
std::vector<NamedFile> given_outputs(const std::string& out, const std::string& report = {});

}  // namespace ccsim::cli
