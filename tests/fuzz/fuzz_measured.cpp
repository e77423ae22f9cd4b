// Fuzz target: the measured-KPI interval report reader (read_measured_csv) against a fixed
// two-type scenario of four half-hours from 08:00 (as tests/data/compare_scenario.json).
//
// Input: the CSV file.
#include <cstddef>
#include <cstdint>

#include "models/measured/measured.h"
#include "models/scenario/scenario_json.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

constexpr const char* kScenario = R"({
  "name": "measured fuzz",
  "horizon": { "interval_minutes": 30, "intervals": 4, "start": "08:00" },
  "contact_types": [
    { "name": "billing", "arrivals": { "per_interval": [60, 90, 70, 50] },
      "handle_time": { "dist": "exponential", "mean_s": 200 },
      "patience": { "dist": "exponential", "mean_s": 300 } },
    { "name": "cards", "arrivals": { "rate_per_hour": 80 },
      "handle_time": { "dist": "exponential", "mean_s": 150 } } ],
  "agent_groups": [ { "name": "agents", "skills": ["billing", "cards"],
                      "staff": { "count": 12 } } ]
})";

const ccsim::Scenario& scenario() {
  static const ccsim::Scenario s = [] {
    ccsim::ScenarioParse p = ccsim::parse_scenario_text(kScenario, "measured_fuzz.json", ".");
    if (!p.ok()) __builtin_trap();
    return *p.scenario;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = ccsim::fuzz::write_input("measured.csv", ccsim::fuzz::as_text(data, size));
  const ccsim::MeasuredTable table = ccsim::read_measured_csv(file, scenario(), 1 + size % 3);
  for (const ccsim::MeasuredRow& row : table.rows) {
    if (row.interval < 0 || row.interval >= 4 || row.type < 0 || row.type > 2) __builtin_trap();
  }
  return 0;
}
