#include <algorithm>
#include <cstdio>

#include "models/io/plural.h"
#include "models/measured/log_values.h"
#include "models/measured/measured.h"

namespace ccsim {

namespace {

constexpr double kDay = 86400.0;

// Seconds from midnight of a "HH:MM" label (the scenario's validated start).
double start_clock_s(const Horizon& h) {
  int hh = 0, mm = 0;
  if (std::sscanf(h.start.c_str(), "%d:%d", &hh, &mm) != 2) return 0.0;
  return hh * 3600.0 + mm * 60.0;
}

// Scenario type of each log type (-1: not in the scenario): by name, or the only type of each.
std::vector<int> scenario_types(const ContactLog& log, const Scenario& scenario) {
  const std::size_t n_types = scenario.contact_types.size();
  std::vector<int> type_of(log.types.size(), -1);
  if (log.types.size() == 1 && n_types == 1) {
    type_of[0] = 0;
    return type_of;
  }
  for (std::size_t t = 0; t < log.types.size(); ++t) {
    for (std::size_t k = 0; k < n_types; ++k) {
      if (scenario.contact_types[k].name == log.types[t]) type_of[t] = int(k);
    }
  }
  return type_of;
}

// The contacts of a log on the selected days, as the kpi package's records accumulated per
// interval of arrival and scenario type.
struct LogCells {
  std::vector<std::vector<ContactStats>> stats;  // [interval][scenario type]
  std::vector<std::size_t> unknown;              // per log type: contacts not in the scenario
  std::vector<std::int32_t> days;                // the days present, sorted
  bool by_date = false;  // contacts placed on the horizon's day of their date (see below)
};

// Interval of the horizon in which `c` arrived; nullopt outside the horizon. `origin`: the
// horizon start in the log's times. A redial or retrial of a ccsim log counts as `run` counts
// it (Horizon::interval_at): after its day's close or the horizon's end, in the last interval
// before; first contacts arrive only while open, so one outside is outside.
std::optional<std::size_t> arrival_interval(const LoggedContact& c, const ContactLog& log,
                                            const Horizon& horizon, double origin) {
  const double end = horizon.end_s();
  double t = c.arrival_s - origin;
  if (c.repeat && log.origin == LogOrigin::HorizonStart && t >= 0) {
    return std::size_t(horizon.interval_at(t));
  }
  if (log.origin == LogOrigin::Midnight && t < 0 && t + kDay < end) t += kDay;
  if (t < 0 || t >= end) return std::nullopt;
  if (horizon.days > 1) {
    if (horizon.closed_at(t)) return std::nullopt;
    return std::size_t(horizon.interval_at(t));
  }
  return std::min(std::size_t(horizon.intervals) - 1, std::size_t(t / horizon.interval_s));
}

LogCells accumulate_log(const ContactLog& log, const Scenario& scenario, const DaySelection& days,
                        const std::vector<int>& type_of, MeasuredTable& table) {
  const Horizon& horizon = scenario.horizon;
  LogCells cells;
  cells.stats.assign(std::size_t(horizon.interval_count()),
                     std::vector<ContactStats>(scenario.contact_types.size()));
  cells.unknown.assign(log.types.size(), 0);
  const DaySubset selected = select_days(log, days);
  cells.days = selected.days;
  table.outside_days = log.contacts.size() - selected.contacts.size();
  const double origin = log.origin == LogOrigin::Midnight ? start_clock_s(horizon) : 0.0;
  // Over several days with a start date, a dated log's contact belongs to the horizon's day of
  // its date (outside the horizon on other dates), not to a typical day.
  std::optional<std::int32_t> first_day;
  if (horizon.days > 1 && !horizon.start_date.empty() && log.origin == LogOrigin::Midnight) {
    first_day = log_values::parse_date(horizon.start_date);
  }
  cells.by_date = first_day.has_value();
  for (const LoggedContact* c : selected.contacts) {
    const int k = type_of[std::size_t(c->type)];
    if (k < 0) {
      ++table.unknown_type;
      ++cells.unknown[std::size_t(c->type)];
      continue;
    }
    std::optional<std::size_t> i;
    if (first_day) {
      const std::int32_t d = c->day - *first_day;
      LoggedContact on_day = *c;
      on_day.arrival_s += double(d) * kDay;
      if (d >= 0 && d < horizon.days) i = arrival_interval(on_day, log, horizon, origin);
    } else {
      i = arrival_interval(*c, log, horizon, origin);
    }
    if (!i) {
      ++table.outside_horizon;
      continue;
    }
    const ContactType& type = scenario.contact_types[std::size_t(k)];
    cells.stats[*i][std::size_t(k)].add(contact_record(*c), type.service_level.threshold_s);
  }
  return cells;
}

// Warnings for the contacts left out, and for the scenario types the log lacks (`present`).
void warn_left_out(const ContactLog& log, const Scenario& scenario, const LogCells& cells,
                   const std::vector<bool>& present, MeasuredTable& table) {
  for (std::size_t t = 0; t < log.types.size(); ++t) {
    if (cells.unknown[t] > 0) {
      table.warnings.push_back(log.source + ": contact type " + quoted_value(log.types[t]) + " (" +
                               std::to_string(cells.unknown[t]) +
                               " contacts) is not in the scenario; left out");
    }
  }
  if (table.outside_horizon > 0) {
    table.warnings.push_back(
        log.source + ": " + text::plural(static_cast<long long>(table.outside_horizon), "contact") +
        " arrived outside the scenario's horizon; left out");
  }
  const bool any = std::any_of(present.begin(), present.end(), [](bool p) { return p; });
  for (std::size_t k = 0; k < present.size(); ++k) {
    if (!present[k] && any) {
      table.warnings.push_back(log.source + ": no contact of type " +
                               quoted_value(scenario.contact_types[k].name) +
                               " in the log; it and \"all\" are not compared");
    }
  }
}

// Whether contacts of type k can have the outcomes `kpi` counts: blocked (lines, a trunk group
// or a queue cap), overflowed (overflow_to) or messaged (message); true for the other KPIs.
bool outcome_possible(const Scenario& sc, std::size_t k, Kpi kpi) {
  const ContactType& c = sc.contact_types[k];
  switch (kpi) {
    case Kpi::Blocked:
    case Kpi::BlockRate:
      return c.lines || c.max_queue || c.max_expected_wait_s ||
             std::any_of(sc.trunks.begin(), sc.trunks.end(), [&](const Trunk& t) {
               return std::find(t.contact_types.begin(), t.contact_types.end(), int(k)) !=
                      t.contact_types.end();
             });
    case Kpi::Overflowed:
      return c.overflow_to.has_value();
    case Kpi::Messages:
      return c.message.has_value();
    default:
      return true;
  }
}

// The measured figures of one interval and scope (type; == number of types: all): the kpi
// package's values, counts per day; a KPI whose outcome no type of the scope can have is not
// measured (outcome_possible).
MeasuredRow measured_row(const Scenario& sc, std::size_t interval, std::size_t type,
                         const ContactStats& stats, double days) {
  MeasuredRow row;
  row.interval = int(interval);
  row.type = int(type);
  const std::size_t n_types = sc.contact_types.size();
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
    bool possible = false;
    for (std::size_t k = 0; k < n_types; ++k) {
      if (k == type || type == n_types)
        possible = possible || outcome_possible(sc, k, kMeasuredKpis[q]);
    }
    if (!possible) continue;
    std::optional<double> v = stats.value(kMeasuredKpis[q]);
    if (v && kpi_info(kMeasuredKpis[q]).is_count) *v /= days;
    row.value[q] = v;
  }
  return row;
}

}  // namespace

MeasuredTable aggregate_log(const ContactLog& log, const Scenario& scenario,
                            const DaySelection& days) {
  MeasuredTable table;
  table.source = log.source;
  table.kind = "log";
  const std::vector<int> type_of = scenario_types(log, scenario);
  const LogCells cells = accumulate_log(log, scenario, days, type_of, table);
  if (cells.days.empty()) {
    table.fatal = no_contact_on_days(log, days);
    return table;
  }
  table.days = cells.by_date ? 1 : int(cells.days.size());
  table.rows_read = log.rows;
  const std::size_t n_types = scenario.contact_types.size();
  std::vector<bool> present(n_types, false);
  for (int k : type_of) {
    if (k >= 0) present[std::size_t(k)] = true;
  }
  warn_left_out(log, scenario, cells, present, table);
  // "all" is compared only when the log has every type of the scenario.
  const bool every_type = std::all_of(present.begin(), present.end(), [](bool p) { return p; });
  for (std::size_t i = 0; i < cells.stats.size(); ++i) {
    ContactStats all;
    for (std::size_t k = 0; k < n_types; ++k) {
      if (!present[k]) continue;
      table.rows.push_back(measured_row(scenario, i, k, cells.stats[i][k], table.days));
      all.merge(cells.stats[i][k]);
    }
    if (n_types > 1 && every_type)
      table.rows.push_back(measured_row(scenario, i, n_types, all, table.days));
  }
  return table;
}

}  // namespace ccsim
