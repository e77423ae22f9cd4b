// The warnings of `ccsim staff` about the staffing it writes (stderr).
#pragma once

#include <ostream>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"

namespace ccsim::cli {

// A search stopped by its budget with every target met (fewer agents may do), or an Erlang or
// transient staffing that misses targets in simulation.
void warn_about(const staffing::Result& result, std::ostream& err);

// The search for the forecast's plan, which bounds a volume what-if (staff --volume-factor),
// stopped at its budget: with targets still missed, or with every target met but maybe more
// agents than needed.
void warn_about_forecast(const staffing::Result& forecast, std::ostream& err);

// An Erlang staffing leaves the scenario's outbound campaigns out of its load while the KPIs
// reported are simulated with them calling.
void warn_campaigns_left_out(const Scenario& sc, const staffing::Result& result, std::ostream& err);

// The plan replaces shifts or a roster file the scenario gives: how many, and the scheduled
// agent-hours of the plan against the scenario's.
void warn_replaced_roster(const Scenario& sc, const staffing::Result& result, std::ostream& err);

}  // namespace ccsim::cli
