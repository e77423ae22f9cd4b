// The output of `ccsim run`: its results (models/centre/experiment.h) in each output format.
//
// Every format lists the same figures: totals per contact type (and all types when there are
// several), per interval, and per agent group; an undefined KPI is null in JSON, empty in CSV
// and "-" in the table.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim::cli {

// The results in the contract's JSON layout.
nlohmann::json results_json(const Results& results, const Scenario& scenario);
// Long CSV: section,interval,start_s,start,name,kpi,mean,ci95 (one row per KPI).
void write_results_csv(std::ostream& out, const Results& results, const Scenario& scenario);
// Human-readable aligned tables; the totals leave out KPIs of flows the scenario does not use.
void write_results_table(std::ostream& out, const Results& results, const Scenario& scenario);

}  // namespace ccsim::cli
