// JSON output of ccsim's commands: KPI estimates as JSON values, and a document as the text every
// command writes.
//
// The text never fails: invalid UTF-8 in a string (a file name or other text taken from the user
// as bytes) is written as U+FFFD.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "models/centre/experiment.h"

namespace ccsim::cli {

// A KPI estimate as JSON: {"mean": m, "ci95": h}, or null when undefined.
nlohmann::json estimate_json(const KpiEstimate& e);

// `j` as JSON text indented by 2, as every command writes it.
std::string json_text(const nlohmann::json& j);

}  // namespace ccsim::cli
