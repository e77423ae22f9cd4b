#include "tools/run_results.h"

#include <optional>
#include <string>
#include <vector>

#include "models/io/plural.h"
#include "models/io/text.h"
#include "tools/json_text.h"
#include "tools/report_series.h"
#include "tools/run_costs.h"
#include "tools/run_targets.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

nlohmann::json contact_kpis_json(const ContactKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const KpiInfo& info : contact_kpis()) o[std::string(info.name)] = estimate_json(k[info.kpi]);
  return o;
}

nlohmann::json group_kpis_json(const GroupKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const GroupKpiInfo& info : group_kpis()) {
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  }
  return o;
}

nlohmann::json trunk_kpis_json(const TrunkKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const TrunkKpiInfo& info : trunk_kpis()) {
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  }
  return o;
}

// The trunk groups: {name: {"lines", KPIs, "intervals": [{"index", KPIs}]}}.
nlohmann::json trunks_json(const Results& r) {
  nlohmann::json trunks = nlohmann::json::object();
  for (std::size_t t = 0; t < r.trunks.size(); ++t) {
    nlohmann::json tj = trunk_kpis_json(r.trunk_totals[t]);
    tj["lines"] = r.trunk_lines[t];
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < r.trunk_intervals.size(); ++i) {
      nlohmann::json row = trunk_kpis_json(r.trunk_intervals[i][t]);
      row["index"] = i;
      per.push_back(row);
    }
    tj["intervals"] = per;
    trunks[r.trunks[t]] = tj;
  }
  return trunks;
}

nlohmann::json slot_kpis_json(const SlotKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const SlotKpiInfo& info : slot_kpis())
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  return o;
}

// The callback slot groups: {name: {"capacity", KPIs, "intervals": [{"index", KPIs}]}}.
nlohmann::json slots_json(const Results& r) {
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t s = 0; s < r.slot_groups.size(); ++s) {
    nlohmann::json sj = slot_kpis_json(r.slot_totals[s]);
    sj["capacity"] = r.slot_capacity[s];
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < r.slot_intervals.size(); ++i) {
      nlohmann::json row = slot_kpis_json(r.slot_intervals[i][s]);
      row["index"] = i;
      per.push_back(row);
    }
    sj["intervals"] = per;
    groups[r.slot_groups[s]] = sj;
  }
  return groups;
}

// The CSV rows of the callback slot groups (section callback_slots), as trunk_rows.
template <class Row>
void slot_rows(const Results& r, const Row& row) {
  for (std::size_t s = 0; s < r.slot_groups.size(); ++s) {
    for (const SlotKpiInfo& info : slot_kpis()) {
      row("callback_slots", std::nullopt, s, info.name, r.slot_totals[s][info.kpi], std::nullopt);
    }
    for (std::size_t d = 0; d < r.slot_days.size(); ++d) {
      for (const SlotKpiInfo& info : slot_kpis()) {
        row("callback_slots", std::nullopt, s, info.name, r.slot_days[d][s][info.kpi], int(d));
      }
    }
    for (std::size_t i = 0; i < r.slot_intervals.size(); ++i) {
      for (const SlotKpiInfo& info : slot_kpis()) {
        row("callback_slots", i, s, info.name, r.slot_intervals[i][s][info.kpi], std::nullopt);
      }
    }
  }
}

// The CSV rows of the trunk groups: per trunk, its totals, days and intervals, through
// `row` (as write_results_csv's).
template <class Row>
void trunk_rows(const Results& r, const Row& row) {
  for (std::size_t t = 0; t < r.trunks.size(); ++t) {
    for (const TrunkKpiInfo& info : trunk_kpis()) {
      row("trunk", std::nullopt, t, info.name, r.trunk_totals[t][info.kpi], std::nullopt);
    }
    for (std::size_t d = 0; d < r.trunk_days.size(); ++d) {
      for (const TrunkKpiInfo& info : trunk_kpis()) {
        row("trunk", std::nullopt, t, info.name, r.trunk_days[d][t][info.kpi], int(d));
      }
    }
    for (std::size_t i = 0; i < r.trunk_intervals.size(); ++i) {
      for (const TrunkKpiInfo& info : trunk_kpis()) {
        row("trunk", i, t, info.name, r.trunk_intervals[i][t][info.kpi], std::nullopt);
      }
    }
  }
}

nlohmann::json outbound_kpis_json(const OutboundKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const OutboundKpiInfo& info : outbound_kpis()) {
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  }
  return o;
}

// The outbound campaigns: {name: {KPIs, "intervals": [{"index", KPIs}]}}.
nlohmann::json outbound_json(const Results& r) {
  nlohmann::json campaigns = nlohmann::json::object();
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    nlohmann::json cj = outbound_kpis_json(r.outbound_totals[c]);
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < r.outbound_intervals.size(); ++i) {
      nlohmann::json row = outbound_kpis_json(r.outbound_intervals[i][c]);
      row["index"] = i;
      per.push_back(row);
    }
    cj["intervals"] = per;
    campaigns[r.campaigns[c]] = cj;
  }
  return campaigns;
}

// The CSV rows of the outbound campaigns: per campaign, its totals, days and intervals, through
// `row` (as write_results_csv's).
template <class Row>
void outbound_rows(const Results& r, const Row& row) {
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    for (const OutboundKpiInfo& info : outbound_kpis()) {
      row("outbound", std::nullopt, c, info.name, r.outbound_totals[c][info.kpi], std::nullopt);
    }
    for (std::size_t d = 0; d < r.outbound_days.size(); ++d) {
      for (const OutboundKpiInfo& info : outbound_kpis()) {
        row("outbound", std::nullopt, c, info.name, r.outbound_days[d][c][info.kpi], int(d));
      }
    }
    for (std::size_t i = 0; i < r.outbound_intervals.size(); ++i) {
      for (const OutboundKpiInfo& info : outbound_kpis()) {
        row("outbound", i, c, info.name, r.outbound_intervals[i][c][info.kpi], std::nullopt);
      }
    }
  }
}

// The table of the outbound campaigns: their totals, then each campaign by interval.
void write_outbound_tables(std::ostream& out, const Results& r, const Scenario& sc) {
  if (r.campaigns.empty()) return;
  auto cells = [](const OutboundKpis& k, std::vector<std::string>& row) {
    for (const OutboundKpiInfo& info : outbound_kpis()) row.push_back(cell(k[info.kpi], 1));
  };
  std::vector<std::string> header;
  for (const OutboundKpiInfo& info : outbound_kpis()) header.emplace_back(info.name);
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"campaign"});
  rows[0].insert(rows[0].end(), header.begin(), header.end());
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    rows.push_back({r.campaigns[c]});
    cells(r.outbound_totals[c], rows.back());
  }
  out << "\nOutbound campaigns\n";
  print_table(out, rows);
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    rows.assign(1, {"interval", "start"});
    rows[0].insert(rows[0].end(), header.begin(), header.end());
    for (std::size_t i = 0; i < r.outbound_intervals.size(); ++i) {
      rows.push_back({std::to_string(i), clock_label(sc.horizon.start, r.interval_start_s[i])});
      cells(r.outbound_intervals[i][c], rows.back());
    }
    out << "\nOutbound campaign " << r.campaigns[c] << " by interval\n";
    print_table(out, rows);
  }
}

std::string type_key(const Results& r, std::size_t k) {
  return k < r.types.size() ? r.types[k] : std::string("all");
}

// The name of the owner of a CSV row of `section`: a campaign, trunk group, agent group or type.
const std::string& section_owner(const Results& r, std::string_view section, std::size_t owner) {
  static const std::string all = "all";
  if (section == "outbound") return r.campaigns[owner];
  if (section == "trunk") return r.trunks[owner];
  if (section == "callback_slots") return r.slot_groups[owner];
  if (section == "agent_group") return r.groups[owner];
  return owner < r.types.size() ? r.types[owner] : all;
}

// Whether intervals carry their day (and date): a horizon of several days or with a date.
bool dated(const Horizon& h) {
  return h.days > 1 || !h.start_date.empty();
}

// `row` with the day (0-based) and, with a start date, the date of day d.
void add_day(nlohmann::json& row, const Horizon& h, int d) {
  row["day"] = d;
  if (!h.start_date.empty()) row["date"] = day_date(h, d);
}

// Label of day d in tables: its weekday and date ("Mon 2026-12-07"), or "D1" without a date.
std::string day_label(const Horizon& h, int d) {
  if (h.start_date.empty()) return "D" + std::to_string(d + 1);
  const std::string date = day_date(h, d);
  return std::string(weekday_name(date)) + " " + date;
}

// The per-day totals: [{"day", "date", "totals": {type: KPIs}, "agent_groups": {group: KPIs}}].
nlohmann::json days_json(const Results& r, const Scenario& sc) {
  nlohmann::json days = nlohmann::json::array();
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    nlohmann::json day = nlohmann::json::object();
    add_day(day, sc.horizon, int(d));
    nlohmann::json totals = nlohmann::json::object();
    for (std::size_t k = 0; k < r.days[d].size(); ++k) {
      totals[type_key(r, k)] = contact_kpis_json(r.days[d][k]);
    }
    day["totals"] = totals;
    nlohmann::json groups = nlohmann::json::object();
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      groups[r.groups[g]] = group_kpis_json(r.group_days[d][g]);
    }
    day["agent_groups"] = groups;
    days.push_back(day);
  }
  return days;
}

// Per day, for each type (and all types when there are several): the columns' KPIs and each
// group's occupancy.
void write_days_tables(std::ostream& out, const Results& r, const Scenario& sc,
                       const std::vector<Kpi>& columns, const TargetLookup& lk) {
  for (std::size_t k = 0; k < r.totals.size() && !r.days.empty(); ++k) {
    if (r.types.size() == 1 && k == 1) break;  // "all" repeats the only type
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{"day"};
    for (Kpi q : columns) head.emplace_back(kpi_info(q).name);
    for (const std::string& g : r.groups) head.push_back("occ " + g);
    rows.push_back(head);
    for (std::size_t d = 0; d < r.days.size(); ++d) {
      std::vector<std::string> row{day_label(sc.horizon, int(d))};
      for (Kpi q : columns) {
        const std::string_view name = kpi_info(q).name;
        row.push_back(cell(r.days[d][k][q], decimals_for(name)) +
                      lk.mark(false, k, name, TargetScope::Day, int(d)));
      }
      for (std::size_t g = 0; g < r.groups.size(); ++g) {
        row.push_back(cell(r.group_days[d][g][GroupKpi::Occupancy], 3) +
                      lk.mark(true, g, "occupancy", TargetScope::Day, int(d)));
      }
      rows.push_back(row);
    }
    out << "\nPer day: " << type_key(r, k) << "\n";
    print_table(out, rows);
  }
}

// Per interval, for each type (and all types when there are several): the columns' KPIs and
// each group's occupancy, with the marks of their targets.
void write_interval_tables(std::ostream& out, const Results& r, const Scenario& sc,
                           const std::vector<Kpi>& columns, const TargetLookup& lk) {
  for (std::size_t k = 0; k < r.totals.size(); ++k) {
    if (r.types.size() == 1 && k == 1) break;  // "all" repeats the only type
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{"start"};
    for (Kpi q : columns) head.emplace_back(kpi_info(q).name);
    for (const std::string& g : r.groups) head.push_back("occ " + g);
    rows.push_back(head);
    for (std::size_t i = 0; i < r.intervals.size(); ++i) {
      std::vector<std::string> row{interval_label(sc.horizon, int(i))};
      for (Kpi q : columns) {
        const std::string_view name = kpi_info(q).name;
        row.push_back(cell(r.intervals[i][k][q], decimals_for(name)) +
                      lk.mark(false, k, name, TargetScope::Interval, int(i)));
      }
      for (std::size_t g = 0; g < r.groups.size(); ++g) {
        row.push_back(cell(r.group_intervals[i][g][GroupKpi::Occupancy], 3) +
                      lk.mark(true, g, "occupancy", TargetScope::Interval, int(i)));
      }
      rows.push_back(row);
    }
    out << "\nPer interval: " << type_key(r, k) << "\n";
    print_table(out, rows);
  }
}

// The trunk groups' and callback slot groups' totals, where the scenario has them.
void write_limits_tables(std::ostream& out, const Results& r) {
  std::vector<std::vector<std::string>> rows;
  if (!r.trunks.empty()) {
    rows.push_back({"trunk group", "lines", "lines_in_use", "line_occupancy"});
    for (std::size_t t = 0; t < r.trunks.size(); ++t) {
      rows.push_back({r.trunks[t], std::to_string(r.trunk_lines[t]),
                      cell(r.trunk_totals[t][TrunkKpi::LinesInUse], 1),
                      cell(r.trunk_totals[t][TrunkKpi::LineOccupancy], 3)});
    }
    out << "\nTrunk groups\n";
    print_table(out, rows);
  }
  if (!r.slot_groups.empty()) {
    rows.clear();
    rows.push_back({"callback slots", "capacity", "slots_used", "slot_use"});
    for (std::size_t s = 0; s < r.slot_groups.size(); ++s) {
      rows.push_back({r.slot_groups[s], std::to_string(r.slot_capacity[s]),
                      cell(r.slot_totals[s][SlotKpi::SlotsUsed], 1),
                      cell(r.slot_totals[s][SlotKpi::SlotUse], 3)});
    }
    out << "\nCallback slots (per interval: capacity)\n";
    print_table(out, rows);
  }
}

}  // namespace

bool carries_days(const Horizon& horizon) {
  return dated(horizon);
}

void add_interval_day(nlohmann::json& row, const Horizon& horizon, int k) {
  if (dated(horizon)) add_day(row, horizon, horizon.day_of(k));
}

nlohmann::json results_json(const Results& r, const Scenario& sc) {
  nlohmann::json j;
  j["scenario"] = r.scenario;
  j["replications"] = r.replications;
  j["seed"] = r.seed;
  nlohmann::json totals = nlohmann::json::object();
  for (std::size_t k = 0; k < r.totals.size(); ++k)
    totals[type_key(r, k)] = contact_kpis_json(r.totals[k]);
  j["totals"] = totals;
  if (!r.days.empty()) j["days"] = days_json(r, sc);
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    nlohmann::json row;
    row["index"] = i;
    row["start_s"] = r.interval_start_s[i];
    row["start"] = clock_label(sc.horizon.start, r.interval_start_s[i]);
    if (dated(sc.horizon)) add_day(row, sc.horizon, r.interval_day[i]);
    for (std::size_t k = 0; k < r.intervals[i].size(); ++k) {
      row[type_key(r, k)] = contact_kpis_json(r.intervals[i][k]);
    }
    intervals.push_back(row);
  }
  j["intervals"] = intervals;
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    nlohmann::json gj = group_kpis_json(r.group_totals[g]);
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < r.group_intervals.size(); ++i) {
      nlohmann::json row = group_kpis_json(r.group_intervals[i][g]);
      row["index"] = i;
      row["scheduled"] = scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, int(i));
      per.push_back(row);
    }
    gj["intervals"] = per;
    groups[r.groups[g]] = gj;
  }
  j["agent_groups"] = groups;
  if (!r.trunks.empty()) j["trunks"] = trunks_json(r);
  if (!r.slot_groups.empty()) j["callback_slots"] = slots_json(r);
  if (!r.campaigns.empty()) j["outbound"] = outbound_json(r);
  if (r.costs) j["costs"] = costs_json(r, sc);
  j["targets"] = targets_json(check_targets(r, sc), sc.horizon);
  return j;
}

void write_results_csv(std::ostream& out, const Results& r, const Scenario& sc) {
  const bool with_day = dated(sc.horizon);
  const std::vector<TargetCheck> checks = check_targets(r, sc);
  const TargetLookup targets(checks);
  out << "section,interval,start_s,start,name,kpi,mean,ci95" << (with_day ? ",day,date" : "")
      << ",target,target_met\n";
  // A row of interval i, of day d (a per-day total), or of the horizon (neither); `owner`: the
  // index of the type (or group) in the results.
  auto row = [&](const char* section, std::optional<std::size_t> i, std::size_t owner,
                 std::string_view kpi, const KpiEstimate& e, std::optional<int> d = {}) {
    const std::string_view sv(section);
    const bool of_group = sv == "agent_group", targeted = of_group || sv == "contact_type";
    const std::string& name = section_owner(r, sv, owner);
    const TargetCheck* check =
        !targeted ? nullptr
        : i       ? targets.find(of_group, owner, kpi, TargetScope::Interval, int(*i))
        : d       ? targets.find(of_group, owner, kpi, TargetScope::Day, *d)
                  : targets.find(of_group, owner, kpi, TargetScope::Total, 0);
    out << section << ',';
    if (i) {
      out << *i << ',' << csv_number(r.interval_start_s[*i]) << ','
          << clock_label(sc.horizon.start, r.interval_start_s[*i]);
    } else {
      out << ",,";
    }
    out << ',' << text::csv_field(name) << ',' << kpi << ',';
    if (e)
      out << csv_number(e->mean, decimals_for(kpi)) << ','
          << csv_number(e->ci95, decimals_for(kpi));
    else
      out << ',';
    if (i) d = r.interval_day[*i];
    if (with_day && d) out << ',' << *d << ',' << day_date(sc.horizon, *d);
    if (with_day && !d) out << ",,";
    if (check) out << ',' << csv_number(check->target) << ',' << verdict_name(check->verdict);
    if (!check) out << ",,";
    out << '\n';
  };
  for (std::size_t k = 0; k < r.totals.size(); ++k) {
    for (const KpiInfo& info : contact_kpis()) {
      row("contact_type", std::nullopt, k, info.name, r.totals[k][info.kpi]);
    }
  }
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    for (std::size_t k = 0; k < r.days[d].size(); ++k) {
      for (const KpiInfo& info : contact_kpis()) {
        row("contact_type", std::nullopt, k, info.name, r.days[d][k][info.kpi], int(d));
      }
    }
  }
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    for (std::size_t k = 0; k < r.intervals[i].size(); ++k) {
      for (const KpiInfo& info : contact_kpis()) {
        row("contact_type", i, k, info.name, r.intervals[i][k][info.kpi]);
      }
    }
  }
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      row("agent_group", std::nullopt, g, info.name, r.group_totals[g][info.kpi]);
    }
    for (std::size_t d = 0; d < r.group_days.size(); ++d) {
      for (const GroupKpiInfo& info : group_kpis()) {
        row("agent_group", std::nullopt, g, info.name, r.group_days[d][g][info.kpi], int(d));
      }
    }
    for (std::size_t i = 0; i < r.group_intervals.size(); ++i) {
      for (const GroupKpiInfo& info : group_kpis()) {
        row("agent_group", i, g, info.name, r.group_intervals[i][g][info.kpi]);
      }
    }
  }
  trunk_rows(r, row);
  slot_rows(r, row);
  outbound_rows(r, row);
  cost_rows(r, row);
}

void write_results_table(std::ostream& out, const Results& r, const Scenario& sc,
                         const std::string& how) {
  out << "Scenario: " << r.scenario << "\n";
  if (how.empty()) {
    out << text::plural(r.replications, "replication") << ", seed " << r.seed
        << "; every figure is mean ± 95% CI half-width across replications\n";
  } else {
    out << how;
  }
  out << "\n";
  const std::vector<TargetCheck> checks = check_targets(r, sc);
  const TargetLookup lk(checks);

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"KPI"};
  for (std::size_t k = 0; k < r.totals.size(); ++k) header.push_back(type_key(r, k));
  rows.push_back(header);
  for (const KpiInfo& info : contact_kpis()) {
    // Rows of flows the scenario does not use (undefined, or counts that are 0 everywhere)
    // are left out of the table; JSON and CSV keep every KPI.
    const bool core = info.kpi == Kpi::Offered || info.kpi == Kpi::Queued ||
                      info.kpi == Kpi::Answered || info.kpi == Kpi::Abandoned;
    // Transfer shares mean something only where contacts are transferred.
    const Kpi evidence =
        info.kpi == Kpi::TransferRate || info.kpi == Kpi::Fcr ? Kpi::Transfers : info.kpi;
    const bool evidence_is_count = evidence != info.kpi || info.is_count;
    bool shown = core;
    for (const ContactKpis& t : r.totals) {
      const KpiEstimate& e = t[evidence];
      if (e && (!evidence_is_count || e->mean != 0.0)) shown = true;
    }
    // block_rate is defined wherever contacts are offered, but means something only where
    // lines or queue caps can block them (as in the report).
    if (!shown || (info.kpi == Kpi::BlockRate && !kpi_used(sc, Kpi::BlockRate))) continue;
    std::vector<std::string> row{std::string(info.name)};
    for (std::size_t k = 0; k < r.totals.size(); ++k) {
      // A type's column is padded where it has no target, so that its numbers align.
      std::string mark = lk.mark(false, k, info.name, TargetScope::Total, 0);
      if (mark.empty() && lk.has_any_target(false, k)) mark = "  ";
      row.push_back(cell(r.totals[k][info.kpi], decimals_for(info.name)) + mark);
    }
    rows.push_back(row);
  }
  out << (r.days.empty() ? "Totals over the day\n" : "Totals over the horizon\n");
  print_table(out, rows);

  rows.clear();
  rows.push_back({"agent group", "occupancy", "utilisation", "agents"});
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    std::string mark = lk.mark(true, g, "occupancy", TargetScope::Total, 0);
    for (std::size_t h = 0; h < r.groups.size() && mark.empty(); ++h) {
      if (lk.has_target(true, h, "occupancy")) mark = "  ";  // align with the marked ones
    }
    rows.push_back({r.groups[g], cell(r.group_totals[g][GroupKpi::Occupancy], 3) + mark,
                    cell(r.group_totals[g][GroupKpi::Utilisation], 3),
                    cell(r.group_totals[g][GroupKpi::Agents], 1)});
  }
  out << "\nAgent groups\n";
  print_table(out, rows);
  write_limits_tables(out, r);
  write_outbound_tables(out, r, sc);
  write_costs_tables(out, r, sc);

  write_targets_section(out, checks, sc.horizon);
  const std::vector<Kpi> columns{Kpi::Offered, Kpi::Answered,     Kpi::Abandoned, Kpi::AbandonRate,
                                 Kpi::Asa,     Kpi::ServiceLevel, Kpi::WaitP90,   Kpi::Aht};
  write_days_tables(out, r, sc, columns, lk);
  write_interval_tables(out, r, sc, columns, lk);
}

}  // namespace ccsim::cli
