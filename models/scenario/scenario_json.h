// Reading a scenario: JSON text → defaults → validation → plain Scenario values.
//
// Every problem is reported at once, each as one line "PATH: RULE (got VALUE)", e.g.
//   contact_types[0].handle_time.mean_s: must be > 0 (got -3)
// Unknown keys are errors, with a did-you-mean hint when a known key is close.
// Warnings (e.g. an ignored key) do not stop a run; they are printed by the caller.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim {

struct ScenarioParse {
  std::optional<Scenario> scenario;  // set iff errors is empty
  // "path: message". Arrays in order; within an object, unknown keys first (alphabetically),
  // then the known keys in the order of scenario_keys(). The order is stable across runs.
  std::vector<std::string> errors;
  std::vector<std::string> warnings;  // "path: message"
  bool ok() const { return errors.empty(); }
};

// Parses an already-decoded JSON document. `base_dir` resolves relative paths inside it
// (arrival traces).
ScenarioParse parse_scenario(const nlohmann::json& document, const std::filesystem::path& base_dir);

// Reads and parses a scenario file. A missing file or malformed JSON is an error line naming
// the file (and the line and column of a syntax error).
ScenarioParse load_scenario(const std::filesystem::path& file);

// Parses the text of a scenario file as load_scenario does (duplicate keys and malformed JSON
// are errors naming `name`, with line and column). `base_dir` resolves arrival traces. Never
// throws on bad input.
ScenarioParse parse_scenario_text(const std::string& text, const std::string& name,
                                  const std::filesystem::path& base_dir);

// The keys accepted in each kind of scenario object, in documentation order, by kind:
// "scenario" (the top level), "horizon", "simulation", "contact_type", "arrivals",
// "service_level", "self_service", "chatbot", "callback", "retrial", "distribution",
// "agent_group", "staff", "shift", "wait_curve" (balk and satisfaction), "channel_switch",
// "transfer", "routing", "forecast". Every other key is an error, except in an agent group's
// "handle_times", whose keys are contact type names and whose values are "distribution"s.
// scenarios/scenario.schema.json lists the same keys at the same objects (a test keeps them
// equal).
const std::map<std::string, std::vector<std::string>>& scenario_keys();

// The parameters (the keys besides "dist") of each distribution, by its contract name
// (dist_name). Each listed parameter is required; the others are errors.
const std::map<std::string, std::vector<std::string>>& distribution_parameters();

}  // namespace ccsim
