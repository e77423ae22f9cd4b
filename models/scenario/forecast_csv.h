// A scenario's volumes and staffing from the CSV files a workforce-management system exports
// (the format: interval_csv.h; paths relative to the scenario's folder, Checker::base_dir()):
//
//  - "forecast": {"file": "forecast.csv"} at the top level, with columns `date` (optional),
//    `interval`, `contact_type`, `volume`, and optional `aht_s` and `patience_s`. Each contact
//    type of the scenario without an `arrivals` key takes its arrivals from the file
//    (per_interval: the rows' volumes, 0 in an interval without a row); a type with an
//    `arrivals` key must have no rows (given twice is an error), a type with neither is an
//    error. `aht_s` and `patience_s` set the per-interval means of the type's handle_time and
//    patience (set_interval_means);
//  - "staff": {"file": "roster.csv"} of an agent group, with columns `date` (optional),
//    `interval`, `agent_group` (optional when one group only names the file) and `agents` (a
//    whole number). The group's staff is per_interval: the rows' agents, 0 in an interval
//    without a row. Several groups may name one file, which is then read once and needs an
//    agent_group column.
//
// Every row must be used: a contact type or agent group the scenario does not take from the
// file, a (type or group, interval) given twice, or a date and interval outside the horizon are
// errors naming the file and line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/interval_csv.h"
#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim {

// One contact type's figures in a forecast file, over the horizon's intervals.
struct ForecastSeries {
  std::string contact_type;
  int first_line = 0;
  // interval_count() entries; 0 in an interval without a row.
  std::vector<double> volume;
  // interval_count() entries (nullopt in an interval without a row or with an empty cell), or
  // empty when no row of the type gives one.
  std::vector<std::optional<double>> aht_s;
  std::vector<std::optional<double>> patience_s;
};

// What a forecast file holds, as read.
struct Forecast {
  std::vector<ForecastSeries> series;  // in the order of each type's first row
  DataFileRead summary;
};

// One agent group's staffing in a roster file.
struct RosterSeries {
  std::string agent_group;  // empty when the file has no agent_group column
  int first_line = 0;
  std::vector<int> agents;  // interval_count() entries; 0 in an interval without a row
};

struct Roster {
  std::vector<RosterSeries> series;
  DataFileRead summary;
};

// Sets `dist.mean_s_by_interval` from `means` (one per interval of the horizon; nullopt: the
// distribution's mean_s). Leaves it as it is when `means` is empty.
void set_interval_means(Distribution& dist, const std::vector<std::optional<double>>& means);

namespace reading {

// Reads forecast file `file` over `horizon`; errors at `path`. `type_names` are the scenario's
// contact types as given (nullopt: not a valid name): a row naming another type is an error
// (unchecked when a name is nullopt). nullopt when the file could not be used.
std::optional<Forecast> read_forecast(Checker& in, const std::string& path, const std::string& file,
                                      const Horizon& horizon,
                                      const std::vector<std::optional<std::string>>& type_names,
                                      DateAnchor& anchor);

// Reads roster file `file`, which the groups `groups` (indices into scenario.agent_groups)
// name, into their staff. Errors at `path`.
void read_roster(Checker& in, const std::string& path, const std::string& file,
                 const std::vector<int>& groups, DateAnchor& anchor, Scenario& scenario);

// The top-level "forecast" object `v`: reads its file and fills the contact types of
// `scenario` read from `types_json` (the document's contact_types).
void read_forecast_key(Checker& in, const json& v, const std::string& path, const json* types_json,
                       DateAnchor& anchor, Scenario& scenario);

// Reads every roster file the agent groups of `scenario` name (staff.file) into their staff.
void read_rosters(Checker& in, DateAnchor& anchor, Scenario& scenario);

// The anchor of a horizon: its start_date's day when it has a valid one.
DateAnchor date_anchor(const Horizon& horizon);

}  // namespace reading
}  // namespace ccsim
