// Fuzz target: the arrival-trace CSV reader inside the scenario reader (one arrival time in
// seconds per row, first column, optional header).
//
// Input: the trace file, read by a fixed one-hour scenario with "trace": "trace.csv".
#include <cstddef>
#include <cstdint>

#include "models/scenario/scenario_json.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

constexpr const char* kScenario = R"({
  "name": "trace fuzz",
  "horizon": { "duration_s": 3600 },
  "contact_types": [ { "name": "calls", "arrivals": { "trace": "trace.csv" },
                       "handle_time": { "dist": "exponential", "mean_s": 60 } } ],
  "agent_groups": [ { "name": "agents", "skills": ["calls"], "staff": { "count": 2 } } ]
})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ccsim::fuzz::write_input("trace.csv", ccsim::fuzz::as_text(data, size));
  const ccsim::ScenarioParse parsed =
      ccsim::parse_scenario_text(kScenario, "trace_fuzz.json", ccsim::fuzz::work_dir());
  if (parsed.ok()) {
    // The contract of a parsed trace: sorted times within [0, horizon end).
    const auto& times = parsed.scenario->contact_types[0].arrivals.trace_times_s;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (!(times[i] >= 0.0 && times[i] < 3600.0)) __builtin_trap();
      if (i > 0 && times[i] < times[i - 1]) __builtin_trap();
    }
  }
  return 0;
}
