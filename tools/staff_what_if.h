// `ccsim staff --volume-factor F` (simulation method): the forecast's staffing, searched first on
// the scenario without the factor with the same options, bounds the what-if's search
// (models/planning/staffing.h: bounded_by_forecast), and the output compares the two plans.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"

namespace ccsim::cli {

// The plan a volume what-if is compared with: the forecast's staffing and its factor (the
// what-if's volume ÷ the forecast's).
struct ForecastPlan {
  const staffing::Result& result;
  double factor;
};

// (group, interval)s where the what-if has more and fewer agents on duty than the forecast.
struct OnDutyChange {
  int more = 0, same = 0, fewer = 0;
};
OnDutyChange on_duty_change(const staffing::Result& forecast, const staffing::Result& what_if);

// JSON `forecast`: {"volume_factor": F, "iterations", "agent_hours", "on_duty_more",
// "on_duty_fewer", "agent_groups": {GROUP: {"per_interval": [scheduled], "on_duty": [net]}}}.
// REQUIRES: both results staff `sc` (same groups and intervals).
nlohmann::json forecast_json(const Scenario& sc, const ForecastPlan& forecast,
                             const staffing::Result& what_if);

// The table's paragraph comparing the what-if with the forecast: agent-hours to schedule, the
// (group, interval)s with more, the same and fewer agents on duty, and the bound's rule.
void write_forecast_comparison(std::ostream& out, const Scenario& sc, const ForecastPlan& forecast,
                               const staffing::Result& what_if);

}  // namespace ccsim::cli
