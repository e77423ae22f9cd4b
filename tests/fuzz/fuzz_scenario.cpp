// Fuzz target: the scenario reader (JSON text → parse_scenario_text: syntax, duplicate keys,
// every validation rule, arrival traces, and the run-size checks of models/scenario/run_size.h),
// then the staffing schedules a valid scenario is simulated with.
//
// Input: the text of a scenario file. Its folder holds "trace.csv" (a valid trace), so that
// "arrivals": {"trace": "trace.csv"} parses. Never expected to crash, hang, leak or throw.
#include <cstddef>
#include <cstdint>

#include "models/scenario/scenario_json.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool prepared = [] {
    ccsim::fuzz::write_input("trace.csv", "arrival_s\n0\n12.5\n30\n600\n");
    return true;
  }();
  (void)prepared;
  const std::string text(ccsim::fuzz::as_text(data, size));
  const ccsim::ScenarioParse parsed =
      ccsim::parse_scenario_text(text, "fuzz.json", ccsim::fuzz::work_dir());
  if (parsed.ok() != parsed.scenario.has_value()) __builtin_trap();
  if (parsed.ok()) {
    const ccsim::Scenario& s = *parsed.scenario;
    for (const ccsim::AgentGroup& g : s.agent_groups) {
      const auto schedule = ccsim::net_staffing_schedule(g, s.horizon);
      if (schedule.empty()) __builtin_trap();
      for (int i = 0; i < s.horizon.intervals && i < 4; ++i) {
        (void)ccsim::scheduled_agents_in_interval(g, s.horizon, i);
      }
    }
  }
  return 0;
}
