#include "tools/run_state.h"

#include <ostream>

#include "models/centre/contact_centre.h"
#include "models/centre/initial_state.h"
#include "models/io/input_file.h"
#include "models/io/output_file.h"
#include "models/scenario/initial_state_json.h"
#include "tools/json_text.h"

namespace ccsim::cli {

std::vector<std::string> apply_state_file(const std::string& file, Scenario& scenario) {
  std::string text;
  if (auto problem = read_input_file(file, text)) return {"--state: " + *problem};
  JsonParse<nlohmann::json> read = parse_json_text<nlohmann::json>(text, file);
  if (!read.document) return {"--state: " + read.error};
  InitialState state;
  std::vector<std::string> errors = parse_initial_state(*read.document, scenario, state);
  for (std::string& e : errors) e = file + ": " + e;
  if (errors.empty()) scenario.initial_state = std::move(state);
  return errors;
}

std::optional<std::string> save_end_state(const Scenario& scenario, const RunOptions& options,
                                          const std::string& file) {
  std::vector<ContactRecord> records;
  simulate_replication(scenario, options.seed, 0,
                       [&records](const ContactRecord& r) { records.push_back(r); });
  const InitialState state = centre::state_at(scenario, records, scenario.horizon.end_s());
  const std::string text = json_text(initial_state_json(state, scenario)) + "\n";
  if (auto error = write_file_atomically(file, [&text](std::ostream& f) { f << text; })) {
    return "--save-state: " + *error;
  }
  return std::nullopt;
}

}  // namespace ccsim::cli
