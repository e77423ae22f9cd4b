#include "tools/json_text.h"

namespace ccsim::cli {

nlohmann::json estimate_json(const KpiEstimate& e) {
  if (!e) return nullptr;
  return nlohmann::json{{"mean", e->mean}, {"ci95", e->ci95}};
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ccsim::cli
