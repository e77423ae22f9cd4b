// Fuzz target: the per-contact log reader (read_contact_log) in its three ways of reading
// (detected header, presets, a --columns mapping), the --days parser, and the aggregation of a
// log into a scenario's intervals (aggregate_log).
//
// Input: the log file, optionally preceded by directive lines:
//   "#format: anonymous-bank" | "#format: ccsim" | "#columns: SPEC"  (default: detect)
//   "#days: LIST"                                                     (default: all days)
#include <cstddef>
#include <cstdint>

#include "models/measured/contact_log.h"
#include "models/measured/measured.h"
#include "models/scenario/scenario_json.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

constexpr const char* kScenario = R"({
  "name": "log fuzz",
  "horizon": { "interval_minutes": 60, "intervals": 12, "start": "08:00" },
  "contact_types": [
    { "name": "PS", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 200 },
      "patience": { "dist": "exponential", "mean_s": 300 } },
    { "name": "NE", "arrivals": { "rate_per_hour": 20 },
      "handle_time": { "dist": "exponential", "mean_s": 150 } } ],
  "agent_groups": [ { "name": "agents", "skills": ["PS", "NE"], "staff": { "count": 12 } } ]
})";

const ccsim::Scenario& scenario() {
  static const ccsim::Scenario s = [] {
    ccsim::ScenarioParse p = ccsim::parse_scenario_text(kScenario, "log_fuzz.json", ".");
    if (!p.ok()) __builtin_trap();
    return *p.scenario;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = ccsim::fuzz::as_text(data, size);
  ccsim::LogFormat format;
  const std::string preset = ccsim::fuzz::take_directive(text, "#format: ");
  const std::string columns = ccsim::fuzz::take_directive(text, "#columns: ");
  const std::string days_text = ccsim::fuzz::take_directive(text, "#days: ");
  if (!preset.empty() && ccsim::parse_log_preset(preset, format)) return 0;
  if (!columns.empty() && !ccsim::parse_log_columns(columns, format).empty()) return 0;
  std::string error;
  const std::optional<ccsim::DaySelection> days = ccsim::DaySelection::parse(days_text, error);
  if (!days) return 0;

  const auto file = ccsim::fuzz::write_input("log.txt", text);
  (void)ccsim::looks_like_contact_log(file);
  const ccsim::ContactLog log = ccsim::read_contact_log(file, format);
  if (log.fatal) return 0;
  for (const ccsim::LoggedContact& c : log.contacts) {
    if (c.type < 0 || std::size_t(c.type) >= log.types.size()) __builtin_trap();
    if (c.agent < -1 || (c.agent >= 0 && std::size_t(c.agent) >= log.agents.size())) {
      __builtin_trap();
    }
  }
  (void)ccsim::select_days(log, *days);
  (void)ccsim::aggregate_log(log, scenario(), *days);
  return 0;
}
