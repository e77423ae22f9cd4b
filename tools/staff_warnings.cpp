#include "tools/staff_warnings.h"

#include <algorithm>
#include <string>
#include <vector>

#include "models/io/plural.h"
#include "tools/report_pages.h"
#include "tools/table_text.h"

namespace ccsim::cli {

using text::plural;

void warn_about(const staffing::Result& result, std::ostream& err) {
  if (result.budget_exhausted && result.misses.empty()) {
    err << "warning: the search stopped after " << plural(result.iterations, "iteration")
        << " (--max-iterations): every target is met, but fewer agents may do\n";
  }
  if (result.method != staffing::Method::Simulation && !result.misses.empty()) {
    err << "warning: in simulation the "
        << (result.method == staffing::Method::Erlang ? "Erlang" : "transient")
        << " staffing misses " << plural(result.misses.size(), "target")
        << " (marked in the output); --method simulation corrects for that\n";
  }
}

void warn_about_forecast(const staffing::Result& forecast, std::ostream& err) {
  if (!forecast.budget_exhausted) return;
  err << "warning: the search for the forecast's plan, which bounds the what-if, stopped after "
      << plural(forecast.iterations, "iteration") << " (--max-iterations) "
      << (forecast.misses.empty() ? std::string("with every target met, but fewer agents may do")
                                  : "with " + plural(forecast.misses.size(), "target") + " missed")
      << "\n";
}

void warn_campaigns_left_out(const Scenario& sc, const staffing::Result& result,
                             std::ostream& err) {
  const std::string left_out = campaigns_left_out(sc);
  if (result.method != staffing::Method::Erlang || left_out.empty()) return;
  err << "warning: the Erlang staffing leaves out the " << left_out
      << ": it staffs for inbound work only, while the KPIs shown are simulated with "
      << (sc.outbound.size() == 1 ? "the campaign" : "the campaigns")
      << " calling out; --method simulation staffs with them running\n";
}

void warn_replaced_roster(const Scenario& sc, const staffing::Result& result, std::ostream& err) {
  std::size_t shifts = 0;
  std::vector<std::string> rosters;
  for (const AgentGroup& g : sc.agent_groups) {
    if (g.staff.kind == Staffing::Kind::Shifts) shifts += g.staff.shifts.size();
    if (!g.staff.file.empty() &&
        std::find(rosters.begin(), rosters.end(), g.staff.file) == rosters.end()) {
      rosters.push_back(g.staff.file);
    }
  }
  if (shifts == 0 && rosters.empty()) return;
  std::string what;
  if (shifts > 0) what = "the scenario's " + plural(shifts, "shift");
  for (const std::string& file : rosters) {
    what += (what.empty() ? "the roster " : " and the roster ") + file;
  }
  double own = 0.0;
  for (const AgentGroup& g : sc.agent_groups) {
    for (int i = 0; i < sc.horizon.interval_count(); ++i) {
      own += scheduled_agents_in_interval(g, sc.horizon, i) * sc.horizon.interval_s / 3600.0;
    }
  }
  const double plan = staffing::agent_hours(result.scheduled, sc.horizon);
  err << "warning: the staffing plan replaces " << what << ": " << format_number(plan, 1)
      << " agent-hours to schedule against " << format_number(own, 1) << " ("
      << (plan >= own ? "+" : "") << format_number(plan - own, 1) << ")\n";
}

}  // namespace ccsim::cli
