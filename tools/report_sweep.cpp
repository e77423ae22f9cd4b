// The report of `ccsim sweep`.
#include <algorithm>

#include "models/io/plural.h"
#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/table_text.h"

using nlohmann::json;

namespace ccsim::cli {

namespace {

std::optional<double> json_number(const json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

// {"mean","ci95"} or null of a KPI of a record; nullopt when absent or undefined.
KpiEstimate record_estimate(const json& record, const char* section, const std::string& scope,
                            std::string_view kpi) {
  const auto s = record.find(section);
  if (s == record.end() || !s->contains(scope)) return std::nullopt;
  const json& o = (*s)[scope];
  const auto e = o.find(std::string(kpi));
  if (e == o.end() || !e->is_object()) return std::nullopt;
  const auto m = json_number(e->value("mean", json()));
  const auto h = json_number(e->value("ci95", json()));
  if (!m) return std::nullopt;
  sim::Estimate est;
  est.mean = *m;
  est.ci95 = h.value_or(0.0);
  return est;
}

// The records of a sweep's points by point index, read as estimates: the totals of `scope` (a
// contact type, or "all"), and the occupancy of a group. Nullopt for a point not recorded.
struct PointRecords {
  const std::map<std::size_t, json>& records;
  std::string scope;

  KpiEstimate total(std::size_t point, std::string_view kpi) const {
    const auto it = records.find(point);
    if (it == records.end()) return std::nullopt;
    return record_estimate(it->second, "totals", scope, kpi);
  }
  KpiEstimate occupancy(std::size_t point, const std::string& group) const {
    const auto it = records.find(point);
    if (it == records.end()) return std::nullopt;
    return record_estimate(it->second, "agent_groups", group, "occupancy");
  }
};

// The sweep's design (parameters and their values, points recorded, replications and seeds)
// and the first variant's scenario.
void sweep_facts(HtmlReport& page, const std::string& scenario_file, const SweepSpec& spec,
                 const SweepPlan& plan, std::size_t recorded, const Scenario& first) {
  page.section("Sweep");
  std::vector<std::pair<std::string, std::string>> facts{{"scenario", first.name},
                                                         {"file", scenario_file}};
  for (const SweepParameter& p : spec.parameters) {
    std::string values;
    for (const json& v : p.values) values += (values.empty() ? "" : ", ") + parameter_text(v);
    facts.emplace_back("parameter " + p.pointer, values);
  }
  facts.emplace_back("design", spec.parameters.size() == 1 ? "one parameter"
                               : spec.zip                  ? "zip (values paired in order)"
                                                           : "grid (every combination)");
  facts.emplace_back("points", std::to_string(recorded) + " of " +
                                   std::to_string(plan.points.size()) + " in this report");
  const bool same_reps = std::all_of(plan.replications.begin(), plan.replications.end(),
                                     [&](int r) { return r == plan.replications.front(); });
  const bool same_seed = std::all_of(plan.seeds.begin(), plan.seeds.end(),
                                     [&](std::uint64_t s) { return s == plan.seeds.front(); });
  facts.emplace_back("replications", same_reps ? std::to_string(plan.replications.front())
                                               : std::string("per point, from each variant"));
  facts.emplace_back("seed", same_seed ? std::to_string(plan.seeds.front())
                                       : std::string("per point, from each variant"));
  auto more = scenario_facts(first);
  facts.insert(facts.end(), more.begin(), more.end());
  page.facts(facts);
  scenario_tables(page, first, "First point: ");
}

// The x axis of curves against the parameters `shown`: its title, a label per point, and the
// points' numeric positions when one numeric parameter is shown.
struct SweepAxis {
  std::string title;
  std::vector<std::string> labels;
  std::vector<double> xs;
  bool numeric = false;
};

SweepAxis sweep_axis(const SweepSpec& spec, const SweepPlan& plan,
                     const std::vector<std::size_t>& shown) {
  SweepAxis axis;
  for (std::size_t p : shown) {
    axis.title += (axis.title.empty() ? "" : ", ") + spec.parameters[p].pointer;
  }
  axis.numeric = shown.size() == 1;
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    std::string label;
    for (std::size_t p : shown)
      label += (label.empty() ? "" : ", ") + parameter_text(plan.points[i][p]);
    axis.labels.push_back(label);
    if (shown.size() == 1 && plan.points[i][shown[0]].is_number()) {
      axis.xs.push_back(plan.points[i][shown[0]].get<double>());
    } else {
      axis.numeric = false;
    }
  }
  return axis;
}

// Curves of the KPIs against the parameters (the varying one, or the zipped ones point by
// point): waiting time, service level and abandonment of the scope with the targets of its
// contact type (`type`; null for all types), and with `groups` the occupancy of each group.
void sweep_curves(HtmlReport& page, const SweepSpec& spec, const SweepPlan& plan,
                  const PointRecords& at, const ContactType* only_type,
                  const std::vector<std::size_t>& varying, bool groups) {
  std::vector<std::size_t> shown = varying;
  if (shown.empty()) shown.push_back(0);
  if (spec.zip) {
    shown.clear();
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) shown.push_back(p);
  }
  const SweepAxis axis = sweep_axis(spec, plan, shown);
  const std::size_t points = plan.points.size();
  auto chart = [&](std::string title, std::string y_axis) {
    Chart c;
    c.title = std::move(title);
    c.x_axis = axis.title;
    c.x_labels = axis.labels;
    if (axis.numeric) c.x = axis.xs;
    c.y_axis = std::move(y_axis);
    c.y_min = 0.0;
    return c;
  };
  auto series = [&](const std::string& name, Kpi kpi, int d) {
    const std::string_view key = kpi_info(kpi).name;
    ChartSeries s = estimate_series(
        name, points, [&, key](std::size_t i) { return at.total(i, key); }, d);
    return as_kpi(s, kpi);
  };
  page.section("KPIs against " + axis.title +
               (plan.types.size() > 1 ? ": " + at.scope : std::string()));
  Chart waits = chart("Waiting time (" + at.scope + ")", "wait (s)");
  waits.y_format = ValueFormat::Duration;
  waits.series = {series("ASA", Kpi::Asa, 1), series("wait p90", Kpi::WaitP90, 1)};
  if (only_type) add_asa_target(waits, *only_type);
  page.chart(waits);
  Chart sl = chart("Service level (" + at.scope + ")", "service level (%)");
  sl.y_min = 0;
  sl.y_max = 1;
  sl.y_format = ValueFormat::Share;
  sl.series = {series("service level", Kpi::ServiceLevel, 3)};
  if (only_type) add_service_level_target(sl, *only_type);
  page.chart(sl);
  Chart ab = chart("Abandonment (" + at.scope + ")", "abandon rate (%)");
  ab.y_format = ValueFormat::Share;
  ab.series = {series("abandon rate", Kpi::AbandonRate, 3)};
  if (only_type) add_abandon_target(ab, *only_type);
  page.chart(ab);
  if (!groups) return;
  Chart occ = chart("Occupancy", "occupancy (%)");
  occ.y_min = 0;
  occ.y_max = 1;
  occ.y_format = ValueFormat::Share;
  for (const std::string& g : plan.groups) {
    occ.series.push_back(estimate_series(
        g, points, [&, g](std::size_t i) { return at.occupancy(i, g); }, 3));
    as_share(occ.series.back());
  }
  page.chart(occ);
}

// A grid of two parameters: `py` down, `px` across, and the point of each pair of their values.
struct SweepGrid {
  const SweepParameter& py;
  const SweepParameter& px;
  std::vector<std::vector<std::optional<std::size_t>>> point_at;  // [y][x]
};

SweepGrid sweep_grid(const SweepSpec& spec, const SweepPlan& plan, std::size_t iy, std::size_t ix) {
  SweepGrid grid{spec.parameters[iy], spec.parameters[ix], {}};
  grid.point_at.assign(grid.py.values.size(),
                       std::vector<std::optional<std::size_t>>(grid.px.values.size()));
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    for (std::size_t y = 0; y < grid.py.values.size(); ++y) {
      for (std::size_t x = 0; x < grid.px.values.size(); ++x) {
        if (plan.points[i][iy] == grid.py.values[y] && plan.points[i][ix] == grid.px.values[x]) {
          grid.point_at[y][x] = i;
        }
      }
    }
  }
  return grid;
}

// How a heatmap is coloured: against a target (a floor or a cap), or on a neutral scale.
struct HeatScale {
  std::optional<double> target;
  TargetSense sense = TargetSense::AtLeast;
  std::optional<double> scale_max;  // 1 for shares
};

// The heatmap over `grid` of the estimate `at` of each point.
Heatmap grid_heatmap(const SweepGrid& grid, const std::string& title, const std::string& value_name,
                     int decimals, const HeatScale& scale,
                     const std::function<KpiEstimate(std::size_t)>& at) {
  Heatmap m;
  m.title = title;
  m.x_axis = grid.px.pointer;
  m.y_axis = grid.py.pointer;
  for (const json& v : grid.px.values) m.x_labels.push_back(parameter_text(v));
  for (const json& v : grid.py.values) m.y_labels.push_back(parameter_text(v));
  m.value_name = value_name;
  m.decimals = decimals;
  m.target = scale.target;
  m.sense = scale.sense;
  m.scale_max = scale.scale_max;
  for (const auto& row : grid.point_at) {
    m.values.emplace_back();
    m.half_widths.emplace_back();
    for (const std::optional<std::size_t>& point : row) {
      const KpiEstimate e = point ? at(*point) : std::nullopt;
      m.values.back().push_back(e ? std::optional<double>(e->mean) : std::nullopt);
      m.half_widths.back().push_back(e ? std::optional<double>(e->ci95) : std::nullopt);
    }
  }
  return m;
}

// Whether any cell of `map` is defined (a KPI the "all" scope does not pool has none).
bool any_defined(const Heatmap& map) {
  for (const auto& row : map.values) {
    for (const auto& v : row) {
      if (v) return true;
    }
  }
  return false;
}

// Heatmaps of ASA, service level and abandonment of each scope (`type`: its contact type, whose
// targets colour them; null for all types), over a grid of the two varying parameters, the
// first down, the second across. Maps with no defined cell are left out.
void scope_heatmaps(HtmlReport& page, const SweepGrid& grid, const PointRecords& at,
                    const ContactType* type) {
  const std::string& scope = at.scope;
  HeatScale asa, sl{std::nullopt, TargetSense::AtLeast, 1.0}, ab{sl};
  if (type && type->max_asa_s) asa = {type->max_asa_s, TargetSense::AtMost, std::nullopt};
  if (type && type->has_service_level_target) sl.target = type->service_level.target;
  if (type && type->max_abandon_rate) ab = {type->max_abandon_rate, TargetSense::AtMost, 1.0};
  const std::vector<Heatmap> maps{
      grid_heatmap(grid, "ASA (" + scope + ")", "ASA (s)", 1, asa,
                   [&](std::size_t p) { return at.total(p, "asa_s"); }),
      grid_heatmap(grid, "Service level (" + scope + ")", "service level (share)", 3, sl,
                   [&](std::size_t p) { return at.total(p, "service_level"); }),
      grid_heatmap(grid, "Abandonment (" + scope + ")", "abandon rate (share)", 3, ab,
                   [&](std::size_t p) { return at.total(p, "abandon_rate"); })};
  for (const Heatmap& m : maps) {
    if (any_defined(m)) page.heatmap(m);
  }
}

// Each group's occupancy over the grid, against its max_occupancy where `first` sets one (else
// on a neutral scale: occupancy is neither good nor bad in itself).
void group_heatmaps(HtmlReport& page, const SweepGrid& grid, const PointRecords& at,
                    const SweepPlan& plan, const Scenario& first) {
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    HeatScale occ{std::nullopt, TargetSense::AtMost, 1.0};
    if (g < first.agent_groups.size()) occ.target = first.agent_groups[g].max_occupancy;
    const std::string& name = plan.groups[g];
    page.heatmap(grid_heatmap(grid, "Occupancy: " + name, "occupancy (share)", 3, occ,
                              [&](std::size_t p) { return at.occupancy(p, name); }));
  }
}

// Every point: its parameters' values, the main KPIs of the scope and each group's occupancy.
void points_table(HtmlReport& page, const SweepSpec& spec, const SweepPlan& plan,
                  const PointRecords& at) {
  TextTable t{{"point"}};
  for (const SweepParameter& p : spec.parameters) t[0].push_back(p.pointer);
  const std::vector<std::pair<const char*, int>> kpis{{"offered", 1},       {"answered", 1},
                                                      {"abandon_rate", 3},  {"asa_s", 1},
                                                      {"service_level", 3}, {"wait_p90_s", 1}};
  for (const auto& [name, d] : kpis) t[0].emplace_back(name);
  for (const std::string& g : plan.groups) t[0].push_back("occupancy " + g);
  const auto cell = [](const KpiEstimate& e, int d, ValueFormat f) {
    return e ? format_cell(e->mean, e->ci95, d, f) : std::string("\u2013");
  };
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    std::vector<std::string> row{std::to_string(i)};
    for (const json& v : plan.points[i]) row.push_back(parameter_text(v));
    for (const auto& [name, d] : kpis) row.push_back(cell(at.total(i, name), d, kpi_format(name)));
    for (const std::string& g : plan.groups) {
      row.push_back(cell(at.occupancy(i, g), 3, ValueFormat::Share));
    }
    t.push_back(row);
  }
  page.table(t, at.scope + " totals (mean \u00b1 95% CI); \u2013: undefined or not run");
}

}  // namespace

std::string sweep_report(const std::string& scenario_file, const SweepSpec& spec,
                         const SweepPlan& plan, const std::map<std::size_t, json>& records) {
  // Each contact type, then (with several) all types pooled, which leaves out what does not
  // pool (models/README.md): every figure shown for "all" is shown per type too.
  std::vector<PointRecords> scopes;
  for (const std::string& t : plan.types) scopes.push_back({records, t});
  if (plan.types.size() > 1) scopes.push_back({records, "all"});
  const Scenario first = plan.scenario(0);
  HtmlReport page("Sweep report: " + first.name,
                  text::plural(plan.points.size(), "point") + " of " + scenario_file +
                      "; totals over the day per contact type" +
                      (plan.types.size() > 1 ? " and all types" : "") +
                      ", means with 95% confidence intervals across replications");
  sweep_facts(page, scenario_file, spec, plan, records.size(), first);
  // The contact type of scope k, whose targets apply (null for all types).
  auto type_of = [&](std::size_t k) {
    return k < first.contact_types.size() ? &first.contact_types[k] : nullptr;
  };
  // Parameters with more than one value; the others are constants of the sweep.
  std::vector<std::size_t> varying;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    if (spec.parameters[p].values.size() > 1) varying.push_back(p);
  }
  if (spec.zip || varying.size() <= 1) {
    for (std::size_t k = 0; k < scopes.size(); ++k) {
      sweep_curves(page, spec, plan, scopes[k], type_of(k), varying, k + 1 == scopes.size());
    }
  } else if (varying.size() == 2) {
    const SweepGrid grid = sweep_grid(spec, plan, varying[0], varying[1]);
    for (std::size_t k = 0; k < scopes.size(); ++k) {
      page.section("Heatmaps of " + grid.py.pointer + " \u00d7 " + grid.px.pointer +
                   (scopes.size() > 1 ? ": " + scopes[k].scope : std::string()));
      scope_heatmaps(page, grid, scopes[k], type_of(k));
    }
    page.section("Heatmaps of " + grid.py.pointer + " \u00d7 " + grid.px.pointer +
                 ": agent groups");
    group_heatmaps(page, grid, scopes.front(), plan, first);
  } else {
    page.section("Points");
    page.paragraph("A grid of " + std::to_string(varying.size()) +
                   " varying parameters is shown as a table (charts cover one parameter or "
                   "two).");
  }
  page.section("Every point");
  for (const PointRecords& at : scopes) points_table(page, spec, plan, at);
  return page.html();
}

}  // namespace ccsim::cli
