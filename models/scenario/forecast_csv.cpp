#include "models/scenario/forecast_csv.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace ccsim {

namespace {

using reading::ColumnSpec;
using reading::TableSpec;
using reading::ValueKind;

constexpr std::size_t kVolume = 0, kAht = 1, kPatience = 2;  // forecast value columns

const TableSpec& forecast_spec() {
  static const TableSpec spec{
      {"contact_type", {"type", "queue"}, ValueKind::Volume, true},
      {{"volume", {"calls", "offered", "contacts"}, ValueKind::Volume, true},
       {"aht_s",
        {"aht", "handle_time", "handle_time_s", "average_handle_time"},
        ValueKind::Seconds,
        false},
       {"patience_s", {"patience"}, ValueKind::Seconds, false}}};
  return spec;
}

const TableSpec& roster_spec() {
  static const TableSpec spec{{"agent_group", {"group", "team"}, ValueKind::Volume, false},
                              {{"agents", {"staff", "fte", "scheduled"}, ValueKind::Agents, true}}};
  return spec;
}

// The day of the horizon interval k belongs to.
int day_of(const Horizon& horizon, int k) {
  return horizon.days > 1 ? static_cast<int>(std::floor(horizon.interval_start_s(k) / 86400.0)) : 0;
}

// rows, days and intervals of `rows` (series is the caller's).
void summarise(const std::vector<reading::IntervalRow>& rows, const Horizon& horizon,
               DataFileRead& summary) {
  std::set<int> days, intervals;
  for (const reading::IntervalRow& r : rows) {
    intervals.insert(r.interval);
    days.insert(day_of(horizon, r.interval));
  }
  summary.days = static_cast<int>(days.size());
  summary.intervals = static_cast<int>(intervals.size());
}

// "\"billing\" at 08:30" (or "08:30" without a key), for a cell given twice.
std::string cell_text(const std::string& key, const Horizon& horizon, int k) {
  const std::string when = clock_label(horizon.start, horizon.interval_start_s(k));
  return key.empty() ? when : reading::quoted(key) + " at " + when;
}

std::vector<std::string> valid_names(const std::vector<std::optional<std::string>>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (n) out.push_back(*n);
  }
  return out;
}

// Index of the series named `key` (the next one when new). `lines` holds, per series, the line
// of each interval's row (0: none yet).
std::size_t series_index(const std::string& key, int intervals,
                         std::map<std::string, std::size_t>& index,
                         std::vector<std::vector<int>>& lines) {
  const auto [it, inserted] = index.emplace(key, lines.size());
  if (inserted) lines.emplace_back(static_cast<std::size_t>(intervals), 0);
  return it->second;
}

// Adds the forecast row `r` to its series (a new one for a new type).
void add_forecast_row(const reading::IntervalRow& r, const reading::IntervalTable& table,
                      std::size_t s, std::size_t n, Forecast& forecast) {
  if (s == forecast.series.size()) {
    ForecastSeries series;
    series.contact_type = r.key;
    series.first_line = r.line;
    series.volume.assign(n, 0.0);
    forecast.series.push_back(std::move(series));
  }
  ForecastSeries& series = forecast.series[s];
  const auto k = static_cast<std::size_t>(r.interval);
  series.volume[k] = r.values[kVolume].value_or(0.0);
  auto put = [&](std::vector<std::optional<double>>& column, std::size_t c) {
    if (!table.has_value[c] || !r.values[c]) return;
    if (column.empty()) column.assign(n, std::nullopt);
    column[k] = r.values[c];
  };
  put(series.aht_s, kAht);
  put(series.patience_s, kPatience);
}

}  // namespace

void set_interval_means(Distribution& dist, const std::vector<std::optional<double>>& means) {
  if (means.empty()) return;
  dist.mean_s_by_interval.clear();
  for (const std::optional<double>& m : means)
    dist.mean_s_by_interval.push_back(m.value_or(dist.mean_s));
}

namespace reading {

DateAnchor date_anchor(const Horizon& horizon) {
  return DateAnchor{date_day_number(horizon.start_date)};
}

std::optional<Forecast> read_forecast(Checker& in, const std::string& path, const std::string& file,
                                      const Horizon& horizon,
                                      const std::vector<std::optional<std::string>>& type_names,
                                      DateAnchor& anchor) {
  RowProblems problems(in, path, file);
  const IntervalTable table =
      read_interval_table(in, path, file, horizon, forecast_spec(), anchor, problems);
  if (!table.header_ok) {
    problems.finish();
    return std::nullopt;
  }
  const bool check_names = std::all_of(type_names.begin(), type_names.end(),
                                       [](const auto& n) { return n.has_value(); });
  const std::vector<std::string> names = valid_names(type_names);
  Forecast forecast;
  forecast.summary.file = file;
  forecast.summary.kind = DataFileRead::Kind::Forecast;
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<int>> lines;
  std::vector<IntervalRow> used;
  for (const IntervalRow& r : table.rows) {
    if (check_names && std::find(names.begin(), names.end(), r.key) == names.end()) {
      problems.add(r.line, forecast_spec().key.name + " must be the name of a contact type (got " +
                               reading::quoted(r.key) + ")" + hint(r.key, names));
      continue;
    }
    const std::size_t s = series_index(r.key, horizon.interval_count(), index, lines);
    int& line = lines[s][static_cast<std::size_t>(r.interval)];
    if (line != 0) {
      problems.add(r.line, cell_text(r.key, horizon, r.interval) +
                               " is given twice, first at line " + std::to_string(line));
      continue;
    }
    line = r.line;
    add_forecast_row(r, table, s, static_cast<std::size_t>(horizon.interval_count()), forecast);
    used.push_back(r);
  }
  const bool ok = problems.count() == 0;
  problems.finish();
  if (!ok) return std::nullopt;
  forecast.summary.rows = table.data_rows;
  forecast.summary.series = static_cast<int>(forecast.series.size());
  summarise(used, horizon, forecast.summary);
  return forecast;
}

namespace {

// Sets the means of `type` from `series`; `path` is the type's.
void apply_means(Checker& in, const std::string& path, const std::string& file_path,
                 const std::string& file, const ForecastSeries& series, ContactType& type) {
  if (!series.aht_s.empty()) {
    if (!type.handle_time.mean_s_by_interval.empty()) {
      in.error(member(member(path, "handle_time"), "mean_s"),
               "per-interval means given both here and in " + file + " (aht_s, line " +
                   std::to_string(series.first_line) + ")");
    } else {
      set_interval_means(type.handle_time, series.aht_s);
    }
  }
  if (series.patience_s.empty()) return;
  if (type.channel == Channel::Email) {
    in.warning(file_path, file + ": patience_s of " + reading::quoted(type.name) +
                              " ignored: email contacts never abandon");
  } else if (!type.patience) {
    in.error(member(path, "patience"), "is required to take the patience_s of " + file + " (line " +
                                           std::to_string(series.first_line) + ")");
  } else if (!type.patience->mean_s_by_interval.empty()) {
    in.error(member(member(path, "patience"), "mean_s"),
             "per-interval means given both here and in " + file + " (patience_s, line " +
                 std::to_string(series.first_line) + ")");
  } else {
    set_interval_means(*type.patience, series.patience_s);
  }
}

// Fills the types of `scenario` that have no inline arrivals from `forecast`.
void apply_forecast(Checker& in, const std::string& file_path, const std::string& file,
                    const json& types_json, const Forecast& forecast, Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.contact_types.size() && i < types_json.size(); ++i) {
    ContactType& type = scenario.contact_types[i];
    const std::string path = element("contact_types", i);
    const bool inline_arrivals = types_json[i].is_object() && types_json[i].contains("arrivals");
    const auto it =
        std::find_if(forecast.series.begin(), forecast.series.end(),
                     [&](const ForecastSeries& s) { return s.contact_type == type.name; });
    if (type.name.empty()) continue;
    if (it == forecast.series.end()) {
      if (!inline_arrivals) {
        in.error(member(path, "arrivals"),
                 "is required: " + file + " has no rows for " + reading::quoted(type.name));
      }
      continue;
    }
    if (inline_arrivals) {
      in.error(member(path, "arrivals"), "given both here and in " + file + " (line " +
                                             std::to_string(it->first_line) + "): keep one");
      continue;
    }
    type.arrivals.kind = Arrivals::Kind::PerInterval;
    type.arrivals.per_interval = it->volume;
    apply_means(in, path, file_path, file, *it, type);
  }
}

}  // namespace

void read_forecast_key(Checker& in, const json& v, const std::string& path, const json* types_json,
                       DateAnchor& anchor, Scenario& scenario) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "forecast");
  const json* f = find(v, "file");
  const std::string file_path = member(path, "file");
  if (!f) {
    in.error(file_path, "is required");
    return;
  }
  const std::optional<std::string> file = in.string(*f, file_path);
  if (!file || !types_json || !types_json->is_array()) return;
  std::vector<std::optional<std::string>> names;
  for (const ContactType& t : scenario.contact_types) {
    names.push_back(t.name.empty() ? std::nullopt : std::optional<std::string>(t.name));
  }
  const std::optional<Forecast> forecast =
      read_forecast(in, file_path, *file, scenario.horizon, names, anchor);
  if (!forecast) return;
  apply_forecast(in, file_path, *file, *types_json, *forecast, scenario);
  scenario.data_files.push_back(forecast->summary);
}

namespace {

std::string staff_file_path(int group) {
  return member(member(element("agent_groups", static_cast<std::size_t>(group)), "staff"), "file");
}

// The group a roster row is for (an index into scenario.agent_groups), or nullopt after
// reporting why it is none of `groups`.
std::optional<int> roster_group(const IntervalRow& r, const IntervalTable& table,
                                const std::vector<int>& groups, const Scenario& scenario,
                                RowProblems& problems) {
  if (!table.has_key) return groups[0];
  std::vector<std::string> names;
  for (int g : groups) {
    if (scenario.agent_groups[static_cast<std::size_t>(g)].name == r.key) return g;
    names.push_back(scenario.agent_groups[static_cast<std::size_t>(g)].name);
  }
  for (std::size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    if (scenario.agent_groups[g].name == r.key) {
      problems.add(r.line, "agent group " + reading::quoted(r.key) + " takes its staff from " +
                               member(element("agent_groups", g), "staff") +
                               ", not from this file");
      return std::nullopt;
    }
  }
  problems.add(r.line,
               "agent_group must be the name of an agent group staffed from this file (got " +
                   reading::quoted(r.key) + ")" + hint(r.key, names));
  return std::nullopt;
}

}  // namespace

void read_roster(Checker& in, const std::string& path, const std::string& file,
                 const std::vector<int>& groups, DateAnchor& anchor, Scenario& scenario) {
  const Horizon& horizon = scenario.horizon;
  RowProblems problems(in, path, file);
  const IntervalTable table =
      read_interval_table(in, path, file, horizon, roster_spec(), anchor, problems);
  if (table.header_ok && !table.has_key && groups.size() > 1) {
    in.error(staff_file_path(groups[1]),
             file + " has no agent_group column, so it staffs one group only (" +
                 element("agent_groups", static_cast<std::size_t>(groups[0])) + " names it too)");
  }
  if (!table.header_ok || (!table.has_key && groups.size() > 1)) {
    problems.finish();
    return;
  }
  const auto n = static_cast<std::size_t>(horizon.interval_count());
  std::map<int, RosterSeries> series;  // by group
  std::map<int, std::vector<int>> lines;
  std::vector<IntervalRow> used;
  for (const IntervalRow& r : table.rows) {
    const std::optional<int> g = roster_group(r, table, groups, scenario, problems);
    if (!g) continue;
    std::vector<int>& line = lines[*g];
    if (line.empty()) {
      line.assign(n, 0);
      series[*g] = RosterSeries{r.key, r.line, std::vector<int>(n, 0)};
    }
    const auto k = static_cast<std::size_t>(r.interval);
    if (line[k] != 0) {
      problems.add(r.line, cell_text(r.key, horizon, r.interval) +
                               " is given twice, first at line " + std::to_string(line[k]));
      continue;
    }
    line[k] = r.line;
    series[*g].agents[k] = static_cast<int>(r.values[0].value_or(0));
    used.push_back(r);
  }
  const bool ok = problems.count() == 0;
  problems.finish();
  if (!ok) return;
  for (int g : groups) {
    AgentGroup& group = scenario.agent_groups[static_cast<std::size_t>(g)];
    const auto it = series.find(g);
    if (it == series.end()) {
      in.error(staff_file_path(g),
               file + " has no rows for agent group " + reading::quoted(group.name));
      continue;
    }
    group.staff.per_interval = it->second.agents;
  }
  DataFileRead summary;
  summary.kind = DataFileRead::Kind::Roster;
  summary.file = file;
  summary.rows = table.data_rows;
  summary.series = static_cast<int>(series.size());
  summarise(used, horizon, summary);
  scenario.data_files.push_back(summary);
}

void read_rosters(Checker& in, DateAnchor& anchor, Scenario& scenario) {
  std::map<std::string, std::vector<int>> by_file;
  std::vector<std::string> order;
  for (std::size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    const std::string& file = scenario.agent_groups[g].staff.file;
    if (file.empty()) continue;
    const std::string key = std::filesystem::path(file).lexically_normal().string();
    std::vector<int>& groups = by_file[key];
    if (groups.empty()) order.push_back(key);
    groups.push_back(static_cast<int>(g));
  }
  for (const std::string& key : order) {
    const std::vector<int>& groups = by_file[key];
    read_roster(in, staff_file_path(groups[0]),
                scenario.agent_groups[static_cast<std::size_t>(groups[0])].staff.file, groups,
                anchor, scenario);
  }
}

}  // namespace reading
}  // namespace ccsim
