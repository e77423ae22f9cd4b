#include "models/measured/measured.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/queueing/erlang.h"
#include "sim/stats.h"

namespace ccsim {

namespace {

using text::trim;
constexpr auto parse_double = text::parse_number;

constexpr double kDay = 86400.0;
// Largest count (offered, answered, abandoned) of a row of an interval report.
constexpr double kMaxMeasuredCount = 1e12;

// Seconds from midnight of a "HH:MM" label (the scenario's validated start).
double start_clock_s(const Horizon& h) {
  int hh = 0, mm = 0;
  if (std::sscanf(h.start.c_str(), "%d:%d", &hh, &mm) != 2) return 0.0;
  return hh * 3600.0 + mm * 60.0;
}

}  // namespace

std::optional<std::size_t> measured_index(Kpi kpi) {
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
    if (kMeasuredKpis[q] == kpi) return q;
  }
  return std::nullopt;
}

std::optional<double> MeasuredRow::get(Kpi kpi) const {
  const auto q = measured_index(kpi);
  return q ? value[*q] : std::nullopt;
}

std::string interval_label(const Horizon& horizon, int i) {
  return clock_label(horizon.start, double(i) * horizon.interval_s);
}

// ---------------------------------------------------------------------------------------------
// Interval reports

namespace {

const std::vector<std::string>& report_columns() {
  static const std::vector<std::string> columns{"interval", "contact_type",  "offered",
                                                "answered", "abandoned",     "abandon_rate",
                                                "asa_s",    "service_level", "aht_s"};
  return columns;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

MeasuredTable read_measured_csv(const std::filesystem::path& file, const Scenario& scenario,
                                int days) {
  MeasuredTable table;
  table.source = file.string();
  table.kind = "intervals";
  table.days = days;
  InputFile in(file);
  if (in.problem()) {
    table.fatal = in.message();
    return table;
  }
  std::string line;
  if (!in.getline(line) || trim(line).empty()) {
    if (in.problem()) {
      table.fatal = in.message();
      return table;
    }
    table.fatal = table.source + ": must start with a header line naming the columns";
    return table;
  }
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
  text::split_fields(line, ',', fields, storage);
  std::vector<std::string> header;
  for (auto f : fields) header.emplace_back(trim(f));
  // column index of each known column, or -1
  std::map<std::string, int> at;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto& known = report_columns();
    if (std::find(known.begin(), known.end(), header[c]) == known.end()) {
      table.fatal = table.source + ": column " + quoted_value(header[c]) + " must be one of " +
                    join(known) + did_you_mean(header[c], known);
      return table;
    }
    if (at.count(header[c])) {
      table.fatal = table.source + ": column " + quoted_value(header[c]) + " appears twice";
      return table;
    }
    at[header[c]] = int(c);
  }
  if (!at.count("interval")) {
    table.fatal = table.source + ": must have an interval column (got " + join(header) + ")";
    return table;
  }
  const std::size_t n_types = scenario.contact_types.size();
  if (!at.count("contact_type") && n_types > 1) {
    table.fatal = table.source + ": must have a contact_type column: the scenario has " +
                  std::to_string(n_types) + " contact types";
    return table;
  }
  std::vector<std::string> type_names;
  for (const auto& ct : scenario.contact_types) type_names.push_back(ct.name);
  std::vector<std::string> labels;
  for (int i = 0; i < scenario.horizon.intervals; ++i) {
    labels.push_back(interval_label(scenario.horizon, i));
  }

  std::map<std::pair<int, int>, std::size_t> seen;  // (interval, type) → line
  std::size_t line_no = 1;
  auto bad = [&](const std::string& message) {
    ++table.bad_rows;
    if (table.bad_rows <= kMaxRowMessages) {
      table.errors.push_back(table.source + " line " + std::to_string(line_no) + ": " + message);
    }
  };
  while (in.getline(line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    ++table.rows_read;
    text::split_fields(line, ',', fields, storage);
    if (fields.size() != header.size()) {
      bad("must have " + std::to_string(header.size()) + " fields like the header (got " +
          std::to_string(fields.size()) + ")");
      continue;
    }
    MeasuredRow row;
    row.line = line_no;
    // interval
    const std::string_view iv = trim(fields[std::size_t(at["interval"])]);
    std::optional<int> interval;
    if (iv.find(':') != std::string_view::npos) {
      // HH:MM, leading zero optional.
      std::string label(iv);
      if (label.size() == 4 && label[1] == ':') label.insert(0, 1, '0');
      const auto it = std::find(labels.begin(), labels.end(), label);
      if (it != labels.end()) interval = int(it - labels.begin());
    } else {
      int v = -1;
      const auto r = std::from_chars(iv.data(), iv.data() + iv.size(), v);
      if (r.ec == std::errc() && r.ptr == iv.data() + iv.size() && v >= 0 &&
          v < scenario.horizon.intervals) {
        interval = v;
      }
    }
    if (!interval) {
      bad("interval: must be an interval index from 0 to " +
          std::to_string(scenario.horizon.intervals - 1) + " or the start HH:MM of one (" +
          labels.front() + " to " + labels.back() + ") (got " + quoted_value(iv) + ")");
      continue;
    }
    row.interval = *interval;
    // contact type
    row.type = 0;
    if (at.count("contact_type")) {
      const std::string_view name = trim(fields[std::size_t(at["contact_type"])]);
      const auto it = std::find(type_names.begin(), type_names.end(), name);
      if (it != type_names.end()) {
        row.type = int(it - type_names.begin());
      } else if (name == "all") {
        row.type = int(n_types);
      } else if (name.empty() && n_types == 1) {
        row.type = 0;
      } else {
        std::vector<std::string> candidates = type_names;
        candidates.push_back("all");
        bad("contact_type: must be a contact type of the scenario (" + join(type_names) +
            ") or all (got " + quoted_value(name) + ")" + did_you_mean(name, candidates));
        continue;
      }
    }
    bool ok = true;
    for (std::size_t q = 0; q < kMeasuredKpis.size() && ok; ++q) {
      const std::string name(kpi_info(kMeasuredKpis[q]).name);
      if (!at.count(name)) continue;
      const std::string_view v = trim(fields[std::size_t(at[name])]);
      if (v.empty()) continue;
      const auto x = parse_double(v);
      if (!x) {
        bad(name + ": " + text::number_range_rule(v).value_or("must be a number") + " (got " +
            quoted_value(v) + ")");
        ok = false;
      } else if (*x < 0) {
        bad(name + ": must be >= 0 (got " + quoted_value(v) + ")");
        ok = false;
      } else if ((kMeasuredKpis[q] == Kpi::AbandonRate || kMeasuredKpis[q] == Kpi::ServiceLevel) &&
                 *x > 1) {
        bad(name + ": must be in [0, 1] (got " + quoted_value(v) + ")");
        ok = false;
      } else if (kpi_info(kMeasuredKpis[q]).is_count && *x > kMaxMeasuredCount) {
        bad(name + ": must be <= 1e12, so that totals stay finite (got " + quoted_value(v) + ")");
        ok = false;
      } else if (name.ends_with("_s") && *x > kMaxTimeS) {
        bad(name + ": must be <= 1e9 s (about 31.7 years), so that totals stay finite (got " +
            quoted_value(v) + ")");
        ok = false;
      } else {
        row.value[q] = *x;
      }
    }
    if (!ok) continue;
    const auto key = std::make_pair(row.interval, row.type);
    if (const auto it = seen.find(key); it != seen.end()) {
      bad("duplicate of line " + std::to_string(it->second) + " (interval " +
          labels[std::size_t(row.interval)] + ", contact type " +
          quoted_value(row.type < int(n_types) ? type_names[std::size_t(row.type)] : "all") + ")");
      continue;
    }
    seen[key] = line_no;
    if (!row.get(Kpi::AbandonRate)) {
      const auto ans = row.get(Kpi::Answered), ab = row.get(Kpi::Abandoned);
      if (ans && ab && *ans + *ab > 0) {
        row.value[*measured_index(Kpi::AbandonRate)] = *ab / (*ans + *ab);
      }
    }
    table.rows.push_back(row);
  }
  if (in.problem()) {
    table.fatal = in.message();
    return table;
  }
  if (table.bad_rows > kMaxRowMessages) {
    table.errors.push_back(table.source + ": " + std::to_string(table.bad_rows - kMaxRowMessages) +
                           " more lines with problems not shown");
  }
  if (table.rows_read == 0) table.fatal = table.source + ": has no data rows";
  return table;
}

// ---------------------------------------------------------------------------------------------
// Log aggregation

namespace {

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
};

// Interval of the horizon in which `c` arrived; nullopt outside the horizon. `origin`: the
// horizon start in the log's times.
std::optional<std::size_t> arrival_interval(const LoggedContact& c, const ContactLog& log,
                                            const Horizon& horizon, double origin) {
  const double end = horizon.end_s();
  double t = c.arrival_s - origin;
  if (log.origin == LogOrigin::Midnight && t < 0 && t + kDay < end) t += kDay;
  if (t < 0 || t >= end) return std::nullopt;
  return std::min(std::size_t(horizon.intervals) - 1, std::size_t(t / horizon.interval_s));
}

LogCells accumulate_log(const ContactLog& log, const Scenario& scenario, const DaySelection& days,
                        const std::vector<int>& type_of, MeasuredTable& table) {
  const Horizon& horizon = scenario.horizon;
  LogCells cells;
  cells.stats.assign(std::size_t(horizon.intervals),
                     std::vector<ContactStats>(scenario.contact_types.size()));
  cells.unknown.assign(log.types.size(), 0);
  const DaySubset selected = select_days(log, days);
  cells.days = selected.days;
  table.outside_days = log.contacts.size() - selected.contacts.size();
  const double origin = log.origin == LogOrigin::Midnight ? start_clock_s(horizon) : 0.0;
  for (const LoggedContact* c : selected.contacts) {
    const int k = type_of[std::size_t(c->type)];
    if (k < 0) {
      ++table.unknown_type;
      ++cells.unknown[std::size_t(c->type)];
      continue;
    }
    const auto i = arrival_interval(*c, log, horizon, origin);
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
    table.warnings.push_back(log.source + ": " + std::to_string(table.outside_horizon) +
                             " contacts arrived outside the scenario's horizon; left out");
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

// The measured figures of one interval and scope: the kpi package's values, counts per day.
MeasuredRow measured_row(std::size_t interval, std::size_t type, const ContactStats& stats,
                         double days) {
  MeasuredRow row;
  row.interval = int(interval);
  row.type = int(type);
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
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
  table.days = int(cells.days.size());
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
      table.rows.push_back(measured_row(i, k, cells.stats[i][k], table.days));
      all.merge(cells.stats[i][k]);
    }
    if (n_types > 1 && every_type) table.rows.push_back(measured_row(i, n_types, all, table.days));
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// Erlang A per interval

namespace {

double agents_in_interval(const Scenario& sc, int i) {
  const double lo = double(i) * sc.horizon.interval_s, hi = lo + sc.horizon.interval_s;
  double integral = 0.0;
  for (const AgentGroup& g : sc.agent_groups) {
    integral += agent_seconds(net_staffing_schedule(g, sc.horizon), lo, hi);
  }
  return integral / sc.horizon.interval_s;
}

struct ErlangPoint {
  std::optional<double> asa, abandon, sl;
};

ErlangPoint erlang_point(int n, double per_hour, double aht, std::optional<double> patience,
                         double threshold) {
  ErlangPoint p;
  erlang::Params params;
  params.agents = n;
  params.arrivals_per_hour = per_hour;
  params.aht_s = aht;
  params.threshold_s = threshold;
  if (patience) {
    params.patience_s = *patience;
    const erlang::AMetrics m = erlang::erlang_a(params);
    p.asa = m.asa_s;
    p.abandon = m.p_abandon;
    p.sl = m.service_level;
  } else {
    const erlang::CMetrics m = erlang::erlang_c_metrics(params);
    p.asa = m.asa_s;
    p.abandon = 0.0;
    p.sl = m.service_level;
  }
  return p;
}

std::optional<double> blend(std::optional<double> a, std::optional<double> b, double f) {
  if (a && b) return (1 - f) * *a + f * *b;
  return f < 1 && a ? a : b;
}

}  // namespace

std::vector<ErlangInterval> erlang_a_by_interval(const Scenario& sc) {
  std::vector<ErlangInterval> out;
  const double hours = sc.horizon.interval_s / 3600.0;
  const double threshold = sc.contact_types.front().service_level.threshold_s;
  for (int i = 0; i < sc.horizon.intervals; ++i) {
    ErlangInterval e;
    double volume = 0, work = 0, hazard = 0, plain_work = 0;
    for (const ContactType& ct : sc.contact_types) {
      const double x = expected_arrivals(ct, sc.horizon, i);
      const double agent_time = ct.handle_time.mean_s + (ct.wrap_up ? ct.wrap_up->mean_s : 0.0);
      volume += x;
      work += x * agent_time;
      plain_work += agent_time;
      const bool abandons = ct.patience && ct.channel != Channel::Email;
      if (abandons) hazard += x / ct.patience->mean_s;
    }
    e.offered = volume;
    e.arrivals_per_hour = volume / hours;
    e.aht_s = volume > 0 ? work / volume : plain_work / double(sc.contact_types.size());
    if (hazard > 0) e.patience_s = volume / hazard;
    e.agents = agents_in_interval(sc, i);
    const int n0 = int(std::floor(e.agents));
    const double f = e.agents - n0;
    const ErlangPoint a = erlang_point(n0, e.arrivals_per_hour, e.aht_s, e.patience_s, threshold);
    const ErlangPoint b =
        f > 0 ? erlang_point(n0 + 1, e.arrivals_per_hour, e.aht_s, e.patience_s, threshold) : a;
    e.asa_s = blend(a.asa, b.asa, f);
    e.abandon_rate = blend(a.abandon, b.abandon, f);
    e.service_level = blend(a.sl, b.sl, f);
    if (volume == 0) {
      e.abandon_rate.reset();
      e.asa_s.reset();
      e.service_level.reset();
    }
    const double ab = e.abandon_rate.value_or(0.0);
    e.abandoned = volume * ab;
    e.answered = volume - e.abandoned;
    out.push_back(e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison

namespace {

void summarise(ModelComparison& m, std::size_t scopes) {
  m.summary.assign(scopes, {});
  struct Acc {
    double w = 0, w_mape = 0, wape = 0, we = 0, wm = 0, w_within = 0, w_within_base = 0;
    std::size_t rows = 0, within_rows = 0;
  };
  std::vector<std::array<Acc, kMeasuredKpis.size()>> acc(scopes);
  for (const ComparisonRow& r : m.rows) {
    const std::size_t q = *measured_index(r.kpi);
    Acc& a = acc[std::size_t(r.type)][q];
    ++a.rows;
    a.w += r.weight;
    a.we += r.weight * r.error();
    a.wm += r.weight * r.measured;
    if (r.measured != 0) {
      a.w_mape += r.weight;
      a.wape += r.weight * std::abs(r.error()) / std::abs(r.measured);
    }
    if (r.within) {
      a.w_within_base += r.weight;
      if (*r.within) {
        a.w_within += r.weight;
        ++a.within_rows;
      }
    }
  }
  for (std::size_t k = 0; k < scopes; ++k) {
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const Acc& a = acc[k][q];
      KpiSummary& s = m.summary[k][q];
      s.kpi = kMeasuredKpis[q];
      s.rows = a.rows;
      s.within_rows = a.within_rows;
      s.weight = a.w;
      if (a.w_mape > 0) s.mape = a.wape / a.w_mape;
      if (a.w > 0) s.bias = a.we / a.w;
      if (a.wm != 0) s.relative_bias = a.we / a.wm;
      if (a.w_within_base > 0) s.within = a.w_within / a.w_within_base;
    }
  }
}

}  // namespace

Comparison compare_with_measured(const Scenario& scenario, const Results& results,
                                 const MeasuredTable& measured, bool with_erlang_a) {
  Comparison out;
  const std::size_t n_types = scenario.contact_types.size();
  const double days = std::max(1, measured.days);
  // Measured offered per (interval, type), for weights.
  std::map<std::pair<int, int>, double> measured_offered;
  for (const MeasuredRow& row : measured.rows) {
    if (auto v = row.get(Kpi::Offered)) measured_offered[{row.interval, row.type}] = *v;
  }
  auto weight_of = [&](int i, int k, double predicted_offered) {
    const auto it = measured_offered.find({i, k});
    return it != measured_offered.end() ? it->second : predicted_offered;
  };
  out.simulation.model = "simulation";
  for (const MeasuredRow& row : measured.rows) {
    const ContactKpis& pred = results.intervals[std::size_t(row.interval)][std::size_t(row.type)];
    const double predicted_offered = pred[Kpi::Offered] ? pred[Kpi::Offered]->mean : 0.0;
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const Kpi kpi = kMeasuredKpis[q];
      if (!row.value[q] || !pred[kpi]) continue;
      ComparisonRow c;
      c.interval = row.interval;
      c.type = row.type;
      c.kpi = kpi;
      c.predicted = pred[kpi]->mean;
      c.ci95 = pred[kpi]->ci95;
      c.pi95 = pred[kpi]->ci95 * std::sqrt(1.0 + double(pred[kpi]->n) / days);
      c.measured = *row.value[q];
      c.weight = weight_of(row.interval, row.type, predicted_offered);
      c.within = std::abs(c.error()) <= *c.pi95;
      out.simulation.rows.push_back(c);
    }
  }
  summarise(out.simulation, n_types + 1);

  if (with_erlang_a) {
    ModelComparison e;
    e.model = "erlang_a";
    const std::vector<ErlangInterval> model = erlang_a_by_interval(scenario);
    // The pooled queue is the scope "all", or the only type.
    const int scope = n_types == 1 ? 0 : int(n_types);
    for (const MeasuredRow& row : measured.rows) {
      if (row.type != scope && !(n_types == 1 && row.type == 1)) continue;
      const ErlangInterval& m = model[std::size_t(row.interval)];
      for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
        const Kpi kpi = kMeasuredKpis[q];
        std::optional<double> p;
        switch (kpi) {
          case Kpi::Offered:
            p = m.offered;
            break;
          case Kpi::Answered:
            p = m.answered;
            break;
          case Kpi::Abandoned:
            p = m.abandoned;
            break;
          case Kpi::AbandonRate:
            p = m.abandon_rate;
            break;
          case Kpi::Asa:
            p = m.asa_s;
            break;
          case Kpi::ServiceLevel:
            p = m.service_level;
            break;
          case Kpi::Aht:
            p = m.aht_s;
            break;
          default:
            break;
        }
        if (!row.value[q] || !p) continue;
        ComparisonRow c;
        c.interval = row.interval;
        c.type = row.type;
        c.kpi = kpi;
        c.predicted = *p;
        c.measured = *row.value[q];
        c.weight = weight_of(row.interval, row.type, m.offered);
        e.rows.push_back(c);
      }
    }
    summarise(e, n_types + 1);
    out.erlang_a = std::move(e);
  }
  return out;
}

}  // namespace ccsim
