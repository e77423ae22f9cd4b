// The reports of `ccsim run` and `ccsim run --vs`.
#include <algorithm>
#include <cmath>

#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

// Whether a totals row is worth showing: core counts always; other KPIs when defined in some
// scope (counts: and not 0 everywhere).
bool worth_showing(const KpiInfo& info, const std::vector<KpiEstimate>& values) {
  if (info.kpi == Kpi::Offered || info.kpi == Kpi::Queued || info.kpi == Kpi::Answered ||
      info.kpi == Kpi::Abandoned) {
    return true;
  }
  return std::any_of(values.begin(), values.end(),
                     [&](const KpiEstimate& e) { return e && (!info.is_count || e->mean != 0.0); });
}

std::string scope_name(const std::vector<std::string>& types, std::size_t k) {
  return k < types.size() ? types[k] : std::string("all types");
}

std::string signed_cell(const KpiEstimate& e, int decimals) {
  if (!e) return "\u2013";
  const std::string mean = report_number(e->mean, decimals);
  return (mean[0] == '-' ? "" : "+") + mean + " \u00b1 " + report_number(e->ci95, decimals);
}

std::string plain_cell(const KpiEstimate& e, int decimals) {
  return e ? report_cell(e->mean, e->ci95, decimals) : report_cell(std::nullopt, {}, decimals);
}

// Targets of contact type k (none for "all" unless there is one type).
std::optional<std::size_t> type_of_scope(const Scenario& sc, std::size_t k) {
  if (k < sc.contact_types.size()) return k;
  if (sc.contact_types.size() == 1) return 0;
  return std::nullopt;
}

void add_sl_target(Chart& c, const Scenario& sc, std::size_t k) {
  const auto t = type_of_scope(sc, k);
  if (t && sc.contact_types[*t].has_service_level_target) {
    c.targets.push_back({"target " + format_number(sc.contact_types[*t].service_level.target, 2),
                         sc.contact_types[*t].service_level.target, false});
  }
}

void add_abandon_target(Chart& c, const Scenario& sc, std::size_t k) {
  const auto t = type_of_scope(sc, k);
  if (t && sc.contact_types[*t].max_abandon_rate) {
    c.targets.push_back({"max " + format_number(*sc.contact_types[*t].max_abandon_rate, 3),
                         *sc.contact_types[*t].max_abandon_rate, false});
  }
}

void add_asa_target(Chart& c, const Scenario& sc, std::size_t k) {
  const auto t = type_of_scope(sc, k);
  if (t && sc.contact_types[*t].max_asa_s) {
    c.targets.push_back({"max ASA " + format_number(*sc.contact_types[*t].max_asa_s, 0) + " s",
                         *sc.contact_types[*t].max_asa_s, false});
  }
}

std::string sl_title(const Scenario& sc, std::size_t k) {
  const auto t = type_of_scope(sc, k);
  if (!t) return "Service level";
  return "Service level (answered within " +
         format_number(sc.contact_types[*t].service_level.threshold_s, 0) + " s)";
}

}  // namespace

std::string run_report(const Scenario& sc, const Results& r, const std::string& scenario_file) {
  HtmlReport page("Simulation report: " + sc.name,
                  std::to_string(r.replications) + " replications, seed " + std::to_string(r.seed) +
                      "; figures are means with 95% confidence "
                      "intervals across replications");
  const std::size_t n = r.intervals.size();
  const std::size_t types = r.types.size();

  page.section("Scenario");
  auto facts = scenario_facts(sc);
  facts.insert(facts.begin(), {"file", scenario_file});
  facts.insert(facts.begin(), {"name", sc.name});
  facts.emplace_back("replications", std::to_string(r.replications));
  facts.emplace_back("seed", std::to_string(r.seed));
  facts.emplace_back(
      "contacts simulated",
      format_number(double(r.contacts) / std::max(1, r.replications), 1) + " per replication");
  page.facts(facts);

  page.section("Totals over the day");
  const std::size_t scopes = types == 1 ? 1 : types + 1;
  TextTable totals{{"KPI"}};
  for (std::size_t k = 0; k < scopes; ++k) totals[0].push_back(scope_name(r.types, k));
  for (const KpiInfo& info : contact_kpis()) {
    std::vector<KpiEstimate> values;
    for (std::size_t k = 0; k < scopes; ++k) values.push_back(r.totals[k][info.kpi]);
    if (!worth_showing(info, values)) continue;
    std::vector<std::string> row{std::string(info.label) + " [" + std::string(info.name) + "]"};
    for (const KpiEstimate& e : values) row.push_back(plain_cell(e, decimals_for(info.name)));
    totals.push_back(row);
  }
  page.table(totals, "Contact KPIs (mean \u00b1 95% CI)");
  TextTable groups{{"agent group"}};
  for (const GroupKpiInfo& info : group_kpis()) groups[0].push_back(std::string(info.label));
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    std::vector<std::string> row{r.groups[g]};
    for (const GroupKpiInfo& info : group_kpis()) {
      row.push_back(plain_cell(r.group_totals[g][info.kpi], decimals_for(info.name)));
    }
    groups.push_back(row);
  }
  page.table(groups, "Agent groups (mean \u00b1 95% CI)");

  for (std::size_t k = 0; k < scopes; ++k) {
    const std::string name = scope_name(r.types, k);
    page.section("Per interval: " + name);
    auto kpi = [&](Kpi q) { return [&, q](std::size_t i) { return r.intervals[i][k][q]; }; };
    // Offered contacts against the agents that can answer them.
    Chart offered = interval_chart(sc, "Offered contacts and agents: " + name,
                                   "offered (contacts per interval)");
    offered.y2_axis = "agents (time-average available)";
    offered.series.push_back(estimate_series("offered", n, kpi(Kpi::Offered), 1));
    ChartSeries agents;
    agents.name = "agents";
    agents.right_axis = true;
    agents.decimals = 1;
    for (std::size_t i = 0; i < n; ++i) {
      double total = 0;
      bool any = false;
      for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
        const auto& skills = sc.agent_groups[g].skills;
        const bool skilled =
            k >= types || std::find(skills.begin(), skills.end(), int(k)) != skills.end();
        const KpiEstimate& e = r.group_intervals[i][g][GroupKpi::Agents];
        if (skilled && e) {
          total += e->mean;
          any = true;
        }
      }
      agents.mean.push_back(any ? std::optional<double>(total) : std::nullopt);
    }
    offered.series.push_back(agents);
    offered.note =
        k < types ? "Agents: every group skilled for " + name + "." : "Agents: every group.";
    page.chart(offered);

    Chart waits = interval_chart(sc, "Waiting time: " + name, "wait (s)");
    waits.series.push_back(estimate_series("ASA", n, kpi(Kpi::Asa), 1));
    waits.series.push_back(estimate_series("wait p90", n, kpi(Kpi::WaitP90), 1));
    add_asa_target(waits, sc, k);
    page.chart(waits);

    Chart sl = interval_chart(sc, sl_title(sc, k) + ": " + name, "service level (share)");
    sl.y_min = 0;
    sl.y_max = 1;
    sl.series.push_back(estimate_series("service level", n, kpi(Kpi::ServiceLevel), 3));
    add_sl_target(sl, sc, k);
    page.chart(sl);

    Chart ab = interval_chart(sc, "Abandonment: " + name, "abandon rate (share)");
    ab.series.push_back(estimate_series("abandon rate", n, kpi(Kpi::AbandonRate), 3));
    add_abandon_target(ab, sc, k);
    page.chart(ab);
  }

  page.section("Agent groups per interval");
  Chart occ = interval_chart(sc, "Occupancy", "occupancy (share of available time busy)");
  occ.y_min = 0;
  occ.y_max = 1;
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    occ.series.push_back(estimate_series(
        r.groups[g], n,
        [&, g](std::size_t i) { return r.group_intervals[i][g][GroupKpi::Occupancy]; }, 3));
    if (sc.agent_groups[g].max_occupancy) {
      occ.targets.push_back(
          {r.groups[g] + " max " + format_number(*sc.agent_groups[g].max_occupancy, 2),
           *sc.agent_groups[g].max_occupancy, false});
    }
  }
  page.chart(occ);
  Chart staffed = interval_chart(sc, "Agents available", "agents (time-average)");
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    staffed.series.push_back(estimate_series(
        r.groups[g], n, [&, g](std::size_t i) { return r.group_intervals[i][g][GroupKpi::Agents]; },
        1));
  }
  page.chart(staffed);
  return page.html();
}

std::string paired_report(const Scenario& base, const Scenario& variant, const PairedComparison& c,
                          const std::string& base_file, const std::string& variant_file) {
  HtmlReport page("What-if report: " + c.variant_name + " vs " + c.base_name,
                  std::to_string(c.replications) + " paired replications, seed " +
                      std::to_string(c.seed) +
                      " (common random numbers); difference = variant \u2212 base with its paired "
                      "95% confidence interval");
  const std::size_t n = c.intervals.size();
  const std::size_t types = c.types.size();

  page.section("Scenarios");
  page.facts({{"base", c.base_name + " (" + base_file + ")"},
              {"variant", c.variant_name + " (" + variant_file + ")"},
              {"horizon", scenario_facts(base)[0].second},
              {"replications", std::to_string(c.replications) + " of each, paired"},
              {"seed", std::to_string(c.seed)}});
  page.subsection("Base");
  page.facts(scenario_facts(base));
  page.subsection("Variant");
  page.facts(scenario_facts(variant));

  page.section("Totals over the day");
  const std::size_t scopes = types == 1 ? 1 : types + 1;
  const std::vector<Kpi> table_kpis{Kpi::Offered,      Kpi::Answered, Kpi::Abandoned,
                                    Kpi::AbandonRate,  Kpi::Asa,      Kpi::WaitP90,
                                    Kpi::ServiceLevel, Kpi::Aht,      Kpi::Art};
  for (std::size_t k = 0; k < scopes; ++k) {
    TextTable t{{"KPI", "base", "variant", "difference (variant \u2212 base)"}};
    for (Kpi q : table_kpis) {
      const PairedEstimate& p = c.totals[k][q];
      const KpiInfo& info = kpi_info(q);
      const int d = decimals_for(info.name);
      t.push_back({std::string(info.label), plain_cell(p.base, d), plain_cell(p.variant, d),
                   signed_cell(p.difference, d)});
    }
    page.table(t, scope_name(c.types, k) + " (mean \u00b1 95% CI)");
  }
  TextTable gt{{"agent group", "KPI", "base", "variant", "difference"}};
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      const PairedEstimate& p = c.group_totals[g][info.kpi];
      const int d = decimals_for(info.name);
      gt.push_back({c.groups[g], std::string(info.label), plain_cell(p.base, d),
                    plain_cell(p.variant, d), signed_cell(p.difference, d)});
    }
  }
  page.table(gt, "Agent groups (mean \u00b1 95% CI)", 2);

  const std::vector<Kpi> charted{Kpi::Offered, Kpi::Asa, Kpi::WaitP90, Kpi::ServiceLevel,
                                 Kpi::AbandonRate};
  for (std::size_t k = 0; k < scopes; ++k) {
    const std::string name = scope_name(c.types, k);
    page.section("Per interval: " + name);
    for (Kpi q : charted) {
      const KpiInfo& info = kpi_info(q);
      const int d = decimals_for(info.name);
      const std::string axis = kpi_axis(q);
      Chart both =
          interval_chart(base, std::string(info.label) + ": base and variant, " + name, axis);
      both.series.push_back(estimate_series(
          "base", n, [&, k, q](std::size_t i) { return c.intervals[i][k][q].base; }, d));
      both.series.push_back(estimate_series(
          "variant", n, [&, k, q](std::size_t i) { return c.intervals[i][k][q].variant; }, d));
      if (q == Kpi::ServiceLevel) {
        both.y_min = 0;
        both.y_max = 1;
        add_sl_target(both, base, k);
      }
      if (q == Kpi::AbandonRate) add_abandon_target(both, base, k);
      page.chart(both);
      if (q == Kpi::Offered) continue;  // arrivals are paired draws; their difference is noise
      Chart diff = interval_chart(base, std::string(info.label) + ": difference, " + name,
                                  "difference in " + axis);
      diff.series.push_back(estimate_series(
          "variant \u2212 base", n,
          [&, k, q](std::size_t i) { return c.intervals[i][k][q].difference; }, d));
      diff.y_min = std::nullopt;
      diff.series.back().band_name = "paired 95% CI";
      diff.targets.push_back({"no difference", 0.0, false});
      diff.note =
          "Where the band excludes 0, the variant's effect in that interval is "
          "significant at the 5% level.";
      page.chart(diff);
    }
  }

  page.section("Agent groups per interval");
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    Chart occ = interval_chart(base, "Occupancy: " + c.groups[g], "occupancy (share)");
    occ.y_min = 0;
    occ.y_max = 1;
    occ.series.push_back(estimate_series(
        "base", n,
        [&, g](std::size_t i) { return c.group_intervals[i][g][GroupKpi::Occupancy].base; }, 3));
    occ.series.push_back(estimate_series(
        "variant", n,
        [&, g](std::size_t i) { return c.group_intervals[i][g][GroupKpi::Occupancy].variant; }, 3));
    ChartSeries d = estimate_series(
        "difference", n,
        [&, g](std::size_t i) { return c.group_intervals[i][g][GroupKpi::Occupancy].difference; },
        3);
    d.band_name = "paired 95% CI";
    occ.series.push_back(d);
    occ.y_min = std::nullopt;
    page.chart(occ);
  }
  return page.html();
}

}  // namespace ccsim::cli
