#include "tools/staff_what_if.h"

#include <cstddef>
#include <string>

#include "models/io/plural.h"
#include "tools/table_text.h"

namespace ccsim::cli {

OnDutyChange on_duty_change(const staffing::Result& forecast, const staffing::Result& what_if) {
  OnDutyChange c;
  for (std::size_t g = 0; g < forecast.net.size(); ++g) {
    for (std::size_t i = 0; i < forecast.net[g].size(); ++i) {
      const int a = forecast.net[g][i], b = what_if.net[g][i];
      (b > a ? c.more : b < a ? c.fewer : c.same) += 1;
    }
  }
  return c;
}

nlohmann::json forecast_json(const Scenario& sc, const ForecastPlan& forecast,
                             const staffing::Result& what_if) {
  const staffing::Result& f = forecast.result;
  const OnDutyChange change = on_duty_change(f, what_if);
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    groups[sc.agent_groups[g].name] = {{"per_interval", f.scheduled[g]}, {"on_duty", f.net[g]}};
  }
  return {{"volume_factor", forecast.factor},
          {"iterations", f.iterations},
          {"agent_hours", staffing::agent_hours(f.scheduled, sc.horizon)},
          {"on_duty_more", change.more},
          {"on_duty_fewer", change.fewer},
          {"agent_groups", groups}};
}

void write_forecast_comparison(std::ostream& out, const Scenario& sc, const ForecastPlan& forecast,
                               const staffing::Result& what_if) {
  const double before = staffing::agent_hours(forecast.result.scheduled, sc.horizon);
  const double after = staffing::agent_hours(what_if.scheduled, sc.horizon);
  const OnDutyChange c = on_duty_change(forecast.result, what_if);
  out << "\nAgainst the forecast (its volume, same seed and replications; "
      << text::plural(forecast.result.iterations, "iteration") << ")\n"
      << "  agent-hours to schedule: " << format_number(before, 1) << " -> "
      << format_number(after, 1) << " (" << (after >= before ? "+" : "")
      << format_number(after - before, 1) << ")\n"
      << "  agents on duty: more in " << c.more << ", the same in " << c.same << ", fewer in "
      << c.fewer << " of " << (c.more + c.same + c.fewer) << " (group, interval)s\n"
      << (forecast.factor >= 1.0
              ? "  the search stays at or above the forecast's agents on duty: more volume never "
                "needs fewer\n"
              : "  the search stays at or below the forecast's agents on duty unless a target "
                "needs more: less volume never needs more\n");
}

}  // namespace ccsim::cli
