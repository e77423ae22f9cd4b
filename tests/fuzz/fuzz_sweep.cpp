// Fuzz target: the sweep readers: the resumable sweep file (read_sweep_file, as `ccsim sweep
// --out` reads it to resume, and merge_sweep_files), and sweep definitions (a sweep document
// for add_sweep_document, or lines of `--set PTR=VALUES` for parse_sweep_assignment and
// add_sweep_parameter, expanded by sweep_points).
//
// Input: first byte 'F' (or any byte but 'D' and 'S'): the rest is a sweep file; 'D': a sweep
// document (JSON); 'S': one --set text per line.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "models/io/input_file.h"
#include "models/studies/sweep.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

void sweep_file(std::string_view text) {
  const auto file = ccsim::fuzz::write_input("sweep.csv", text);
  std::string error;
  const std::optional<ccsim::SweepFile> read = ccsim::read_sweep_file(file, error);
  if (!read) {
    if (error.empty()) __builtin_trap();
    return;
  }
  if (read->complete_bytes > text.size()) __builtin_trap();
  (void)ccsim::sweep_file_text(read->format, read->header, read->columns, read->rows);
  std::vector<std::string> errors;
  (void)ccsim::merge_sweep_files({file}, errors);
}

// Grids are accepted up to 10^6 points by design (sweep.h); expanding one that large takes
// seconds under the fuzzer's instrumentation and would read as a hang, so only grids of at most
// 10^4 points are expanded here (their size rule is covered by the sweep tests).
constexpr double kMaxExpandedPoints = 1e4;

void expand(const ccsim::SweepSpec& spec) {
  double size = spec.zip ? 0.0 : 1.0;
  for (const ccsim::SweepParameter& p : spec.parameters) {
    size = spec.zip ? std::max(size, double(p.values.size())) : size * double(p.values.size());
  }
  if (size > kMaxExpandedPoints) return;
  std::string error;
  const auto points = ccsim::sweep_points(spec, error);
  for (const auto& p : points) {
    if (p.size() != spec.parameters.size()) __builtin_trap();
  }
  if (!points.empty()) (void)ccsim::point_label(spec, points.front());
  (void)ccsim::grid_hash(spec);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = ccsim::fuzz::as_text(data, size);
  const char mode = text.empty() ? 'F' : text.front();
  if (!text.empty()) text.remove_prefix(1);
  if (mode == 'D') {
    // As `ccsim sweep --sweep FILE` reads it (deep nesting refused before parsing).
    const auto document =
        ccsim::parse_json_text<nlohmann::ordered_json>(std::string(text), "sweep.json");
    if (!document.document) {
      if (document.error.empty()) __builtin_trap();
      return 0;
    }
    ccsim::SweepSpec spec;
    if (ccsim::add_sweep_document(*document.document, spec).empty()) expand(spec);
  } else if (mode == 'S') {
    ccsim::SweepSpec spec;
    bool ok = true;
    while (!text.empty() && ok) {
      const std::size_t end = text.find('\n');
      std::string error;
      auto parameter = ccsim::parse_sweep_assignment(std::string(text.substr(0, end)), error);
      ok = parameter && ccsim::add_sweep_parameter(std::move(*parameter), spec);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    if (ok) expand(spec);
  } else {
    sweep_file(text);
  }
  return 0;
}
