// The output of `ccsim run`: its results (models/centre/experiment.h) in each output format.
//
// Every format lists the same figures: totals per contact type (and all types when there are
// several), per interval, and per agent group; an undefined KPI is null in JSON, empty in CSV
// and "-" in the table. Over several days (horizon.days > 1) each day's totals too ("days" in
// JSON; CSV rows with an empty interval and the day; a "Per day" table); with several days or a
// start date every interval carries its day (and date), and tables label intervals "Mon 08:00"
// (with a date) or "D2 08:00" (day 1, without).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim::cli {

// Whether intervals carry their day (and date) in outputs: several days, or a start date.
bool carries_days(const Horizon& horizon);

// Adds to an interval's JSON row its "day" (0-based) and, with a start date, its "date", when
// the horizon has several days or a start date (`k`: the interval over the horizon).
void add_interval_day(nlohmann::json& row, const Horizon& horizon, int k);

// The results in the contract's JSON layout.
nlohmann::json results_json(const Results& results, const Scenario& scenario);
// Long CSV: section,interval,start_s,start,name,kpi,mean,ci95 (one row per KPI), then day,date
// with several days or a start date.
void write_results_csv(std::ostream& out, const Results& results, const Scenario& scenario);
// Human-readable aligned tables; the totals leave out KPIs of flows the scenario does not use.
// `how`: the lines under the scenario's name that say how the figures were obtained (each ending
// in a newline); empty: "N replications, seed S; every figure is mean ± 95% CI ...".
void write_results_table(std::ostream& out, const Results& results, const Scenario& scenario,
                         const std::string& how = {});

}  // namespace ccsim::cli
