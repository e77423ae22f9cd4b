#include "tools/staff_workbook.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "tools/kpi_sheets.h"
#include "tools/run_workbook.h"
#include "tools/staff_costs.h"
#include "tools/staff_queues.h"

namespace ccsim::cli {

namespace {

Sheet staffing_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  Sheet s{"staffing", interval_columns(sc.horizon), {}};
  s.columns.push_back({"agent_group", ColumnKind::Text});
  s.columns.push_back({"required_net", ColumnKind::Integer});
  s.columns.push_back({"required_gross", ColumnKind::Integer});
  s.columns.push_back({"scheduled", ColumnKind::Number, 1});
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
      std::vector<Cell> row = interval_cells(sc.horizon, i);
      row.emplace_back(sc.agent_groups[g].name);
      row.emplace_back(double(in.result.net[g][std::size_t(i)]));
      row.emplace_back(double(in.result.scheduled[g][std::size_t(i)]));
      row.emplace_back(scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, i));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

Sheet groups_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  Sheet s{"groups",
          {{"agent_group", ColumnKind::Text},
           {"peak_required_gross", ColumnKind::Integer},
           {"required_net_hours", ColumnKind::Number, 1},
           {"required_gross_hours", ColumnKind::Number, 1},
           {"scheduled_hours", ColumnKind::Number, 1}},
          {}};
  const double hours = sc.horizon.interval_s / 3600.0;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    const std::vector<int>& net = in.result.net[g];
    const std::vector<int>& gross = in.result.scheduled[g];
    double scheduled = 0.0;
    for (int i = 0; i < sc.horizon.interval_count(); ++i) {
      scheduled += scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, i);
    }
    const int peak = gross.empty() ? 0 : *std::max_element(gross.begin(), gross.end());
    s.rows.push_back({sc.agent_groups[g].name, double(peak),
                      double(std::accumulate(net.begin(), net.end(), 0LL)) * hours,
                      double(std::accumulate(gross.begin(), gross.end(), 0LL)) * hours,
                      scheduled * hours});
  }
  return s;
}

// Per interval and contact type: its share of the groups' requirement (net and gross, summed over
// groups) and its stand-alone requirement (empty where none meets the targets).
Sheet queues_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const staffing::QueueStaffing& q = in.queues;
  Sheet s{"queues", interval_columns(sc.horizon), {}};
  s.columns.push_back({"queue", ColumnKind::Text});
  for (const char* c : {"required_net", "required_gross", "stand_alone_net", "stand_alone_gross"}) {
    s.columns.push_back({c, ColumnKind::Integer});
  }
  auto cell = [](const std::optional<int>& n) { return n ? Cell(double(*n)) : Cell(); };
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    const auto at = std::size_t(i);
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      std::vector<Cell> row = interval_cells(sc.horizon, i);
      row.emplace_back(sc.contact_types[k].name);
      row.emplace_back(double(q.net[k][at]));
      row.emplace_back(double(q.gross[k][at]));
      row.push_back(cell(q.stand_alone_net[k][at]));
      row.push_back(cell(q.stand_alone_gross[k][at]));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// The WFM table (tools/staff_queues.h): per interval, contact type and agent group skilled for
// it, the type's share of the group's requirement, and the group's own staff.
Sheet queue_groups_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const staffing::QueueStaffing& q = in.queues;
  Sheet s{"queue_groups", interval_columns(sc.horizon), {}};
  s.columns.push_back({"queue", ColumnKind::Text});
  s.columns.push_back({"agent_group", ColumnKind::Text});
  s.columns.push_back({"required_net", ColumnKind::Integer});
  s.columns.push_back({"required_gross", ColumnKind::Integer});
  s.columns.push_back({"scheduled", ColumnKind::Number, 1});
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    const auto at = std::size_t(i);
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
        if (!skilled(sc.agent_groups[g], k)) continue;
        std::vector<Cell> row = interval_cells(sc.horizon, i);
        row.emplace_back(sc.contact_types[k].name);
        row.emplace_back(sc.agent_groups[g].name);
        row.emplace_back(double(q.group_net[k][g][at]));
        row.emplace_back(double(q.group_gross[k][g][at]));
        row.emplace_back(scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, i));
        s.rows.push_back(std::move(row));
      }
    }
  }
  return s;
}

Sheet misses_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  Sheet s{"misses", interval_columns(sc.horizon), {}};
  s.columns.push_back({"name", ColumnKind::Text});
  s.columns.push_back({"kpi", ColumnKind::Text});
  s.columns.push_back({"value", ColumnKind::Number, 3});
  s.columns.push_back({"target", ColumnKind::Number, 3});
  for (const staffing::TargetMiss& m : in.result.misses) {
    std::vector<Cell> row = interval_cells(sc.horizon, m.interval);
    const bool group = m.kind == staffing::TargetMiss::Kind::Occupancy;
    row.emplace_back(group ? sc.agent_groups[std::size_t(m.index)].name
                           : sc.contact_types[std::size_t(m.index)].name);
    row.emplace_back(std::string(staffing::target_kpi_name(m.kind)));
    row.emplace_back(m.value);
    row.emplace_back(m.limit);
    s.rows.push_back(std::move(row));
  }
  return s;
}

// With --volume-factor: per interval and agent group, the forecast's plan beside this one.
Sheet forecast_sheet(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const staffing::Result& f = in.forecast->result;
  Sheet s{"forecast", interval_columns(sc.horizon), {}};
  s.columns.push_back({"agent_group", ColumnKind::Text});
  for (const char* c :
       {"forecast_net", "forecast_gross", "required_net", "required_gross", "change_net"}) {
    s.columns.push_back({c, ColumnKind::Integer});
  }
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    const auto at = std::size_t(i);
    for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
      std::vector<Cell> row = interval_cells(sc.horizon, i);
      row.emplace_back(sc.agent_groups[g].name);
      row.emplace_back(double(f.net[g][at]));
      row.emplace_back(double(f.scheduled[g][at]));
      row.emplace_back(double(in.result.net[g][at]));
      row.emplace_back(double(in.result.scheduled[g][at]));
      row.emplace_back(double(in.result.net[g][at] - f.net[g][at]));
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

Sheet shifts_sheet(const StaffReportInput& in) {
  Sheet s{"shifts",
          {{"agent_group", ColumnKind::Text},
           {"shift", ColumnKind::Text},
           {"start", ColumnKind::Clock},
           {"length", ColumnKind::Duration},
           {"agents", ColumnKind::Integer}},
          {}};
  for (std::size_t g = 0; g < in.plans.size(); ++g) {
    for (std::size_t t = 0; t < in.templates.size(); ++t) {
      if (in.plans[g].count[t] == 0) continue;
      const ShiftTemplate& tpl = in.templates[t];
      s.rows.push_back({in.scenario.agent_groups[g].name,
                        tpl.name.empty() ? std::to_string(t) : tpl.name,
                        time_of_day_s(in.scenario.horizon.start, tpl.start_s), tpl.length_s,
                        double(in.plans[g].count[t])});
    }
  }
  return s;
}

}  // namespace

std::vector<Sheet> staff_sheets(const StaffReportInput& in) {
  std::vector<Sheet> sheets{staffing_sheet(in), queues_sheet(in), queue_groups_sheet(in),
                            groups_sheet(in),
                            intervals_sheet(in.result.achieved, in.scenario.horizon, "achieved")};
  if (in.forecast) sheets.push_back(forecast_sheet(in));
  if (!in.result.misses.empty()) sheets.push_back(misses_sheet(in));
  if (!in.plans.empty()) sheets.push_back(shifts_sheet(in));
  if (std::optional<Sheet> costs = cost_curve_sheet(in)) sheets.push_back(std::move(*costs));
  return sheets;
}

}  // namespace ccsim::cli
