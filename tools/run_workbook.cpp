#include "tools/run_workbook.h"

#include <string>

#include "models/centre/targets.h"
#include "tools/kpi_sheets.h"
#include "tools/outbound_sheets.h"
#include "tools/run_costs.h"
#include "tools/run_results.h"

namespace ccsim::cli {

namespace {

std::string type_name(const Results& r, std::size_t k) {
  return k < r.types.size() ? r.types[k] : std::string("all");
}

// The contact types' scopes to list: each type, and "all" when there are several.
std::size_t type_scopes(const Results& r) {
  return r.types.size() > 1 ? r.types.size() + 1 : r.types.size();
}

// The date of day d of the horizon as a ColumnKind::Date cell. REQUIRES: h.start_date given.
Cell date_cell(const Horizon& h, int d) {
  return double(date_day_number(day_date(h, d)).value_or(0));
}

void append(std::vector<Cell>& row, const std::vector<Cell>& more) {
  row.insert(row.end(), more.begin(), more.end());
}

void append(std::vector<Column>& columns, const std::vector<Column>& more) {
  columns.insert(columns.end(), more.begin(), more.end());
}

Sheet totals_sheet(const Results& r) {
  Sheet s{"totals", {{"contact_type", ColumnKind::Text}}, {}};
  append(s.columns, estimate_columns(contact_kpi_names()));
  for (std::size_t k = 0; k < type_scopes(r); ++k) {
    std::vector<Cell> row{type_name(r, k)};
    append(row, estimate_cells(contact_estimates(r.totals[k])));
    s.rows.push_back(std::move(row));
  }
  return s;
}

Sheet groups_sheet(const Results& r) {
  Sheet s{"agent_groups", {{"agent_group", ColumnKind::Text}}, {}};
  append(s.columns, estimate_columns(group_kpi_names()));
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    std::vector<Cell> row{r.groups[g]};
    append(row, estimate_cells(group_estimates(r.group_totals[g])));
    s.rows.push_back(std::move(row));
  }
  return s;
}

Sheet group_intervals_sheet(const Results& r, const Scenario& sc) {
  Sheet s{"group_intervals", interval_columns(sc.horizon), {}};
  s.columns.push_back({"agent_group", ColumnKind::Text});
  s.columns.push_back({"scheduled", ColumnKind::Number, 1});
  append(s.columns, estimate_columns(group_kpi_names()));
  for (std::size_t i = 0; i < r.group_intervals.size(); ++i) {
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      std::vector<Cell> row = interval_cells(sc.horizon, int(i));
      row.emplace_back(r.groups[g]);
      row.emplace_back(
          double(scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, int(i))));
      append(row, estimate_cells(group_estimates(r.group_intervals[i][g])));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

Sheet days_sheet(const Results& r, const Horizon& h) {
  Sheet s{"days", {{"day", ColumnKind::Integer}}, {}};
  if (!h.start_date.empty()) s.columns.push_back({"date", ColumnKind::Date});
  s.columns.push_back({"contact_type", ColumnKind::Text});
  append(s.columns, estimate_columns(contact_kpi_names()));
  for (std::size_t d = 0; d < r.days.size(); ++d) {
    for (std::size_t k = 0; k < type_scopes(r); ++k) {
      std::vector<Cell> row{double(d)};
      if (!h.start_date.empty()) row.emplace_back(date_cell(h, int(d)));
      row.emplace_back(type_name(r, k));
      append(row, estimate_cells(contact_estimates(r.days[d][k])));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// Per trunk group and interval: its lines, lines in use and line occupancy with their CIs.
Sheet trunks_sheet(const Results& r, const Horizon& h) {
  Sheet s{"trunks", interval_columns(h), {}};
  s.columns.push_back({"trunk_group", ColumnKind::Text});
  s.columns.push_back({"lines", ColumnKind::Integer});
  std::vector<std::string_view> names;
  for (const TrunkKpiInfo& info : trunk_kpis()) names.push_back(info.name);
  append(s.columns, estimate_columns(names));
  for (std::size_t i = 0; i < r.trunk_intervals.size(); ++i) {
    for (std::size_t t = 0; t < r.trunks.size(); ++t) {
      std::vector<Cell> row = interval_cells(h, int(i));
      row.emplace_back(r.trunks[t]);
      row.emplace_back(double(r.trunk_lines[t]));
      append(row, estimate_cells(r.trunk_intervals[i][t].kpi));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// Per callback slot group and interval: its capacity, slots used and slot use with their CIs.
Sheet callback_slots_sheet(const Results& r, const Horizon& h) {
  Sheet s{"callback_slots", interval_columns(h), {}};
  s.columns.push_back({"slot_group", ColumnKind::Text});
  s.columns.push_back({"capacity", ColumnKind::Integer});
  std::vector<std::string_view> names;
  for (const SlotKpiInfo& info : slot_kpis()) names.push_back(info.name);
  append(s.columns, estimate_columns(names));
  for (std::size_t i = 0; i < r.slot_intervals.size(); ++i) {
    for (std::size_t g = 0; g < r.slot_groups.size(); ++g) {
      std::vector<Cell> row = interval_cells(h, int(i));
      row.emplace_back(r.slot_groups[g]);
      row.emplace_back(double(r.slot_capacity[g]));
      append(row, estimate_cells(r.slot_intervals[i][g].kpi));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

}  // namespace

std::vector<Column> interval_columns(const Horizon& h) {
  std::vector<Column> columns{{"interval", ColumnKind::Integer}};
  if (carries_days(h)) {
    columns.push_back({"day", ColumnKind::Integer});
    if (!h.start_date.empty()) columns.push_back({"date", ColumnKind::Date});
  }
  columns.push_back({"start", ColumnKind::Clock});
  return columns;
}

std::vector<Cell> interval_cells(const Horizon& h, int i) {
  std::vector<Cell> row{double(i)};
  if (carries_days(h)) {
    row.emplace_back(double(h.day_of(i)));
    if (!h.start_date.empty()) row.emplace_back(date_cell(h, h.day_of(i)));
  }
  row.emplace_back(time_of_day_s(h.start, h.interval_start_s(i)));
  return row;
}

Sheet intervals_sheet(const Results& r, const Horizon& h, const std::string& name) {
  Sheet s{name, interval_columns(h), {}};
  s.columns.push_back({"contact_type", ColumnKind::Text});
  append(s.columns, estimate_columns(contact_kpi_names()));
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    for (std::size_t k = 0; k < type_scopes(r); ++k) {
      std::vector<Cell> row = interval_cells(h, int(i));
      row.emplace_back(type_name(r, k));
      append(row, estimate_cells(contact_estimates(r.intervals[i][k])));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// One row per target check (models/centre/targets.h): whose target, which, the scope (an
// interval's columns are filled on interval rows only, a day's on day rows), the value, its
// ci95 and the verdict.
Sheet targets_sheet(const std::vector<TargetCheck>& checks, const Horizon& h) {
  Sheet s{"targets",
          {{"owner", ColumnKind::Text},
           {"name", ColumnKind::Text},
           {"kpi", ColumnKind::Text},
           {"target", ColumnKind::Number, 3},
           {"threshold_s", ColumnKind::Number, 0},
           {"scope", ColumnKind::Text}},
          {}};
  const bool days = carries_days(h), dates = days && !h.start_date.empty();
  s.columns.push_back({"interval", ColumnKind::Integer});
  if (days) s.columns.push_back({"day", ColumnKind::Integer});
  if (dates) s.columns.push_back({"date", ColumnKind::Date});
  s.columns.push_back({"start", ColumnKind::Clock});
  append(s.columns, {{"value", ColumnKind::Number, 3},
                     {"ci95", ColumnKind::Number, 3},
                     {"verdict", ColumnKind::Text}});
  for (const TargetCheck& c : checks) {
    const bool interval = c.scope == TargetScope::Interval;
    std::vector<Cell> row{c.of_group ? "agent_group" : "contact_type", c.owner_name,
                          std::string(c.kpi), c.target};
    row.push_back(c.kpi == "service_level" ? Cell(c.threshold_s) : Cell());
    row.emplace_back(std::string(target_scope_name(c.scope)));
    row.push_back(interval ? Cell(double(c.index)) : Cell());
    const int day = interval ? h.day_of(c.index) : c.index;
    const bool has_day = interval || c.scope == TargetScope::Day;
    if (days) row.push_back(has_day ? Cell(double(day)) : Cell());
    if (dates) row.push_back(has_day ? date_cell(h, day) : Cell());
    row.push_back(interval ? Cell(time_of_day_s(h.start, h.interval_start_s(c.index))) : Cell());
    append(row, {c.value, c.ci95, std::string(verdict_name(c.verdict))});
    s.rows.push_back(std::move(row));
  }
  return s;
}

std::vector<Sheet> results_sheets(const Results& results, const Scenario& scenario) {
  std::vector<Sheet> sheets{totals_sheet(results), intervals_sheet(results, scenario.horizon),
                            groups_sheet(results), group_intervals_sheet(results, scenario)};
  if (!results.days.empty()) sheets.push_back(days_sheet(results, scenario.horizon));
  if (!results.trunks.empty()) sheets.push_back(trunks_sheet(results, scenario.horizon));
  if (!results.slot_groups.empty()) {
    sheets.push_back(callback_slots_sheet(results, scenario.horizon));
  }
  const std::vector<TargetCheck> checks = check_targets(results, scenario);
  if (!checks.empty()) sheets.push_back(targets_sheet(checks, scenario.horizon));
  for (Sheet& s : outbound_sheets(results, scenario.horizon)) sheets.push_back(std::move(s));
  for (Sheet& s : cost_sheets(results, scenario.horizon)) sheets.push_back(std::move(s));
  return sheets;
}

}  // namespace ccsim::cli
