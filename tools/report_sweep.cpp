// The report of `ccsim sweep`.
#include <algorithm>

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

}  // namespace

std::string sweep_report(const std::string& scenario_file, const SweepSpec& spec,
                         const SweepPlan& plan, const std::map<std::size_t, json>& records) {
  const std::string scope = plan.types.size() == 1 ? plan.types[0] : "all";
  const std::size_t points = plan.points.size();
  const Scenario first = plan.scenario(0);
  HtmlReport page("Sweep report: " + first.name,
                  std::to_string(points) + " points of " + scenario_file + "; " + scope +
                      " totals over the day, means with 95% confidence intervals across "
                      "replications");

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
  facts.emplace_back("points", std::to_string(records.size()) + " of " + std::to_string(points) +
                                   " in this report");
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

  auto estimate_at = [&](std::size_t point, std::string_view kpi) -> KpiEstimate {
    const auto it = records.find(point);
    if (it == records.end()) return std::nullopt;
    return record_estimate(it->second, "totals", scope, kpi);
  };
  auto occupancy_at = [&](std::size_t point, const std::string& group) -> KpiEstimate {
    const auto it = records.find(point);
    if (it == records.end()) return std::nullopt;
    return record_estimate(it->second, "agent_groups", group, "occupancy");
  };
  const ContactType* only_type =
      first.contact_types.size() == 1 ? &first.contact_types.front() : nullptr;

  // Parameters with more than one value; the others are constants of the sweep.
  std::vector<std::size_t> varying;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    if (spec.parameters[p].values.size() > 1) varying.push_back(p);
  }
  if (spec.zip || varying.size() <= 1) {
    // Curves against the parameter (or the zipped parameters, point by point).
    std::vector<std::size_t> shown = varying;
    if (shown.empty()) shown.push_back(0);
    if (spec.zip) {
      shown.clear();
      for (std::size_t p = 0; p < spec.parameters.size(); ++p) shown.push_back(p);
    }
    std::string x_axis;
    for (std::size_t p : shown) x_axis += (x_axis.empty() ? "" : ", ") + spec.parameters[p].pointer;
    std::vector<std::string> labels;
    std::vector<double> xs;
    bool numeric = shown.size() == 1;
    for (std::size_t i = 0; i < points; ++i) {
      std::string label;
      for (std::size_t p : shown)
        label += (label.empty() ? "" : ", ") + parameter_text(plan.points[i][p]);
      labels.push_back(label);
      if (shown.size() == 1 && plan.points[i][shown[0]].is_number()) {
        xs.push_back(plan.points[i][shown[0]].get<double>());
      } else {
        numeric = false;
      }
    }
    auto chart = [&](std::string title, std::string y_axis) {
      Chart c;
      c.title = std::move(title);
      c.x_axis = x_axis;
      c.x_labels = labels;
      if (numeric) c.x = xs;
      c.y_axis = std::move(y_axis);
      c.y_min = 0.0;
      return c;
    };
    auto series = [&](const std::string& name, std::string_view kpi, int d) {
      return estimate_series(
          name, points, [&, kpi](std::size_t i) { return estimate_at(i, kpi); }, d);
    };
    page.section("KPIs against " + x_axis);
    Chart waits = chart("Waiting time (" + scope + ")", "wait (s)");
    waits.series = {series("ASA", "asa_s", 1), series("wait p90", "wait_p90_s", 1)};
    if (only_type && only_type->max_asa_s) {
      waits.targets.push_back(
          {"max ASA " + format_number(*only_type->max_asa_s, 0) + " s", *only_type->max_asa_s});
    }
    page.chart(waits);
    Chart sl = chart("Service level (" + scope + ")", "service level (share)");
    sl.y_min = 0;
    sl.y_max = 1;
    sl.series = {series("service level", "service_level", 3)};
    if (only_type && only_type->has_service_level_target) {
      sl.targets.push_back({"target " + format_number(only_type->service_level.target, 2),
                            only_type->service_level.target});
    }
    page.chart(sl);
    Chart ab = chart("Abandonment (" + scope + ")", "abandon rate (share)");
    ab.series = {series("abandon rate", "abandon_rate", 3)};
    if (only_type && only_type->max_abandon_rate) {
      ab.targets.push_back(
          {"max " + format_number(*only_type->max_abandon_rate, 3), *only_type->max_abandon_rate});
    }
    page.chart(ab);
    Chart occ = chart("Occupancy", "occupancy (share)");
    occ.y_min = 0;
    occ.y_max = 1;
    for (const std::string& g : plan.groups) {
      occ.series.push_back(estimate_series(
          g, points, [&, g](std::size_t i) { return occupancy_at(i, g); }, 3));
    }
    page.chart(occ);
  } else if (varying.size() == 2) {
    // A grid of two parameters: heatmaps, the first parameter down, the second across.
    const SweepParameter& py = spec.parameters[varying[0]];
    const SweepParameter& px = spec.parameters[varying[1]];
    // The point of each (y, x) pair of values.
    std::vector<std::vector<std::optional<std::size_t>>> point_at(
        py.values.size(), std::vector<std::optional<std::size_t>>(px.values.size()));
    for (std::size_t i = 0; i < points; ++i) {
      for (std::size_t y = 0; y < py.values.size(); ++y) {
        for (std::size_t x = 0; x < px.values.size(); ++x) {
          if (plan.points[i][varying[0]] == py.values[y] &&
              plan.points[i][varying[1]] == px.values[x]) {
            point_at[y][x] = i;
          }
        }
      }
    }
    page.section("Heatmaps of " + py.pointer + " \u00d7 " + px.pointer);
    auto heat = [&](const std::string& title, const std::string& value_name, int d,
                    bool higher_is_better, const std::function<KpiEstimate(std::size_t)>& at) {
      Heatmap m;
      m.title = title;
      m.x_axis = px.pointer;
      m.y_axis = py.pointer;
      for (const json& v : px.values) m.x_labels.push_back(parameter_text(v));
      for (const json& v : py.values) m.y_labels.push_back(parameter_text(v));
      m.value_name = value_name;
      m.decimals = d;
      m.higher_is_better = higher_is_better;
      for (std::size_t y = 0; y < py.values.size(); ++y) {
        m.values.emplace_back();
        m.half_widths.emplace_back();
        for (std::size_t x = 0; x < px.values.size(); ++x) {
          const KpiEstimate e = point_at[y][x] ? at(*point_at[y][x]) : std::nullopt;
          m.values.back().push_back(e ? std::optional<double>(e->mean) : std::nullopt);
          m.half_widths.back().push_back(e ? std::optional<double>(e->ci95) : std::nullopt);
        }
      }
      page.heatmap(m);
    };
    heat("ASA (" + scope + ")", "ASA (s)", 1, false,
         [&](std::size_t p) { return estimate_at(p, "asa_s"); });
    heat("Service level (" + scope + ")", "service level (share)", 3, true,
         [&](std::size_t p) { return estimate_at(p, "service_level"); });
    heat("Abandonment (" + scope + ")", "abandon rate (share)", 3, false,
         [&](std::size_t p) { return estimate_at(p, "abandon_rate"); });
    for (const std::string& g : plan.groups) {
      heat("Occupancy: " + g, "occupancy (share)", 3, true,
           [&](std::size_t p) { return occupancy_at(p, g); });
    }
  } else {
    page.section("Points");
    page.paragraph("A grid of " + std::to_string(varying.size()) +
                   " varying parameters is shown as a table (charts cover one parameter or "
                   "two).");
  }

  page.section("Every point");
  TextTable t{{"point"}};
  for (const SweepParameter& p : spec.parameters) t[0].push_back(p.pointer);
  const std::vector<std::pair<const char*, int>> kpis{{"offered", 1},       {"answered", 1},
                                                      {"abandon_rate", 3},  {"asa_s", 1},
                                                      {"service_level", 3}, {"wait_p90_s", 1}};
  for (const auto& [name, d] : kpis) t[0].emplace_back(name);
  for (const std::string& g : plan.groups) t[0].push_back("occupancy " + g);
  for (std::size_t i = 0; i < points; ++i) {
    std::vector<std::string> row{std::to_string(i)};
    for (const json& v : plan.points[i]) row.push_back(parameter_text(v));
    for (const auto& [name, d] : kpis) {
      const KpiEstimate e = estimate_at(i, name);
      row.push_back(e ? report_cell(e->mean, e->ci95, d) : report_cell(std::nullopt, {}, d));
    }
    for (const std::string& g : plan.groups) {
      const KpiEstimate e = occupancy_at(i, g);
      row.push_back(e ? report_cell(e->mean, e->ci95, 3) : report_cell(std::nullopt, {}, 3));
    }
    t.push_back(row);
  }
  page.table(t, scope + " totals (mean \u00b1 95% CI); \u2013: undefined or not run");
  return page.html();
}

}  // namespace ccsim::cli
