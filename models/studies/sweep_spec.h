// The spec of a parameter sweep: which values of a scenario vary (each named by a JSON pointer
// into the scenario document) and over which values, read from assignments `PTR=VALUES` and
// from sweep documents, and the points it makes: a grid (cartesian product) or a zip of them.
//
// Messages speak of the sweep's parameters and values, never of how a program was told them.
// Thread safety: every function is pure and may be called concurrently.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ccsim {

struct SweepParameter {
  std::string pointer;                 // JSON pointer into the scenario document
  std::vector<nlohmann::json> values;  // at least one
};

struct SweepSpec {
  std::vector<SweepParameter> parameters;  // in the order given; the last varies fastest
  bool zip = false;                        // pair the i-th values instead of a grid
};

// Parses VALUES: either a list "v1,v2,..." split at top-level commas (outside quotes, brackets
// and braces), each item a JSON value (numbers as written: 20 stays an integer; strings quoted
// as JSON), or a range "start:stop:step" of numbers. A range holds start, start + step, ... up
// to stop, including stop when it lies on the grid within 1e-9 steps; its values are the exact
// decimal sums start + i × step of the numbers as written, each read as the nearest double (so
// 0:0.3:0.1 gives 0, 0.1, 0.2, 0.3 exactly as written, and 1e69:3e69:1e69 gives 1e69, 2e69,
// 3e69), and are integers when start and step are integers (as long as they fit 64 bits). Start
// and step must span at most 36 significant digits together (e.g. not 1e69 with a step of 1e-3).
// On failure returns nullopt and sets `error` (a message without the text's name).
std::optional<std::vector<nlohmann::json>> parse_sweep_values(const std::string& text,
                                                              std::string& error);

// Parses the assignment `PTR=VALUES` (VALUES as parse_sweep_values reads them; PTR a JSON
// pointer in UTF-8). On failure returns nullopt and sets `error` (a message without the text).
std::optional<SweepParameter> parse_sweep_assignment(const std::string& text, std::string& error);

// Adds `parameter` to `spec`. Returns false, and adds nothing, when `spec` already sweeps its
// pointer: nothing is silently replaced.
bool add_sweep_parameter(SweepParameter parameter, SweepSpec& spec);

// Adds the contents of a sweep document, {"set": {"/ptr": [values] | "VALUES text"}, "zip":
// bool}, to `spec` (parameters in the document's key order). Returns every problem, each naming
// its key.
std::vector<std::string> add_sweep_document(const nlohmann::ordered_json& document,
                                            SweepSpec& spec);

// The points: each holds one value per parameter. A grid is the cartesian product with the
// last parameter varying fastest; a zip pairs the i-th values (every list must have the same
// length). On failure (no parameter, lists of a zip of different lengths, more than 10^6
// points) returns an empty list and sets `error`.
std::vector<std::vector<nlohmann::json>> sweep_points(const SweepSpec& spec, std::string& error);

// "PTR=VALUE, PTR=VALUE" of a point, for messages.
std::string point_label(const SweepSpec& spec, const std::vector<nlohmann::json>& values);

// A parameter value as a CSV cell, table cell or label shows it: a string as it is, anything
// else as JSON text.
std::string parameter_text(const nlohmann::json& value);

}  // namespace ccsim
