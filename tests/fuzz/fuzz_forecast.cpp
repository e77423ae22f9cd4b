// Fuzz target: the forecast and roster CSV readers inside the scenario reader (header synonyms,
// delimiters, decimal commas, durations, dates and intervals placed in the horizon, duplicate
// cells, names of types and groups).
//
// Input: first byte 'R': the rest is the roster of a fixed scenario (whose forecast is valid);
// anything else: the input is its forecast (and the roster is valid). The scenario starts at
// 22:00 so that rows after midnight are placed too.
#include <cstddef>
#include <cstdint>

#include "models/scenario/scenario_json.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

constexpr const char* kScenario = R"({
  "name": "forecast fuzz",
  "horizon": { "interval_minutes": 30, "intervals": 6, "start": "22:00" },
  "forecast": { "file": "forecast.csv" },
  "contact_types": [
    { "name": "billing", "handle_time": { "dist": "exponential", "mean_s": 60 },
      "patience": { "dist": "exponential", "mean_s": 120 } },
    { "name": "cards", "handle_time": { "dist": "lognormal", "mean_s": 90, "cv": 1 } } ],
  "agent_groups": [
    { "name": "desk", "skills": ["billing", "cards"], "staff": { "file": "roster.csv" } },
    { "name": "cards team", "skills": ["cards"], "staff": { "file": "roster.csv" } } ]
})";
constexpr const char* kForecast = "interval,contact_type,volume\n22:00,billing,3\n22:30,cards,2\n";
constexpr const char* kRoster = "interval,agent_group,agents\n22:00,desk,1\n22:00,cards team,1\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = ccsim::fuzz::as_text(data, size);
  const bool roster = text.starts_with("R");
  if (roster) text.remove_prefix(1);
  ccsim::fuzz::write_input("forecast.csv", roster ? kForecast : text);
  ccsim::fuzz::write_input("roster.csv", roster ? text : kRoster);
  const ccsim::ScenarioParse parsed =
      ccsim::parse_scenario_text(kScenario, "forecast_fuzz.json", ccsim::fuzz::work_dir());
  if (parsed.ok() != parsed.scenario.has_value()) __builtin_trap();
  if (parsed.ok()) {
    // What a read file gives: one figure per interval of the horizon, each valid.
    const ccsim::Scenario& s = *parsed.scenario;
    const auto n = static_cast<std::size_t>(s.horizon.interval_count());
    for (const ccsim::ContactType& t : s.contact_types) {
      if (t.arrivals.per_interval.size() != n) __builtin_trap();
      for (double v : t.arrivals.per_interval) {
        if (!(v >= 0)) __builtin_trap();
      }
      const auto& means = t.handle_time.mean_s_by_interval;
      if (!means.empty() && means.size() != n) __builtin_trap();
      for (double m : means) {
        if (!(m > 0)) __builtin_trap();
      }
    }
    for (const ccsim::AgentGroup& g : s.agent_groups) {
      if (g.staff.per_interval.size() != n) __builtin_trap();
      for (int a : g.staff.per_interval) {
        if (a < 0 || a > 1'000'000) __builtin_trap();
      }
    }
  }
  return 0;
}
