// Reading and writing an initial state (initial_state.h): the scenario key `initial_state`
// and the files of `ccsim run --state` / `--save-state`, which hold the same object:
//   {"waiting":   {TYPE: [elapsed_s, ...]},
//    "callbacks": {TYPE: [elapsed_s, ...]},
//    "busy":      {GROUP: [elapsed_s | {"elapsed_s": e, "remaining_s": r, "type": TYPE}, ...]}}
// Every key is optional.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim {

namespace reading {

// Reads `v` (at `path`) as an initial state of `scenario`'s contact types and agent groups
// into `state`, reporting every problem to `in`. The busy agents of a group may not outnumber
// its agents on duty at time 0 (after shrinkage).
// REQUIRES: scenario's types and groups read; `horizon_known` false skips the on-duty check.
void read_initial_state(Checker& in, const nlohmann::json& v, const std::string& path,
                        const Scenario& scenario, bool horizon_known, InitialState& state);

}  // namespace reading

// Reads `document` as an initial state of validated `scenario` (the file of --state, whose
// paths start at its top level). Returns the errors ("PATH: RULE"), empty when `state` is set.
std::vector<std::string> parse_initial_state(const nlohmann::json& document,
                                             const Scenario& scenario, InitialState& state);

// `state` as the object parse_initial_state reads (types and groups by name; a busy agent as
// {"elapsed_s", "remaining_s" when given, "type"}); only non-empty lists are written.
nlohmann::json initial_state_json(const InitialState& state, const Scenario& scenario);

}  // namespace ccsim
