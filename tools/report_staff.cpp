// The report of `ccsim staff`.
#include <algorithm>

#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/table_text.h"

namespace ccsim::cli {

std::string staff_report(const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const staffing::Result& res = in.result;
  const Results& a = res.achieved;
  const std::size_t n = std::size_t(sc.horizon.intervals);
  std::string how = std::string("method ") + staffing::method_name(res.method);
  if (res.method == staffing::Method::Simulation) {
    how += ", targets judged on the " +
           std::string(in.options.judge == staffing::Judge::Mean ? "mean" : "95% CI bound") +
           " of " + std::to_string(in.options.replications) + " replications (seed " +
           std::to_string(in.options.seed) + "), " + std::to_string(res.iterations) + " iterations";
  } else {
    how += "; KPIs from " + std::to_string(in.options.replications) + " replications (seed " +
           std::to_string(in.options.seed) + ")";
  }
  HtmlReport page("Staffing report: " + sc.name, how);

  page.section("Summary");
  auto facts = scenario_facts(sc);
  facts.insert(facts.begin(), {"name", sc.name});
  facts.emplace_back("result", res.misses.empty()
                                   ? std::string("every target met")
                                   : std::to_string(res.misses.size()) + " targets missed");
  facts.emplace_back("agent-hours to schedule",
                     format_number(staffing::agent_hours(res.scheduled, sc.horizon), 1));
  double scenario_hours = 0;
  for (const AgentGroup& g : sc.agent_groups) {
    for (int i = 0; i < sc.horizon.intervals; ++i) {
      scenario_hours += scheduled_agents_in_interval(g, sc.horizon, i) * sc.horizon.interval_s;
    }
  }
  facts.emplace_back("agent-hours in the scenario", format_number(scenario_hours / 3600.0, 1));
  if (!in.plans.empty()) {
    double cost = 0;
    for (const ShiftPlan& p : in.plans) cost += p.cost;
    facts.emplace_back("shift plan",
                       "from " + in.templates_file + ", least cost " + format_number(cost, 2));
  }
  page.facts(facts);
  if (res.budget_exhausted) {
    page.paragraph(res.misses.empty()
                       ? "The search stopped at its iteration budget: every target is met, but "
                         "fewer agents may do."
                       : "The search stopped at its iteration budget with targets still missed; "
                         "the staffing shown is the last one simulated.");
  }

  page.section("Staffing curves");
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    const AgentGroup& group = sc.agent_groups[g];
    Chart c = interval_chart(sc, "Agents per interval: " + group.name, "agents");
    ChartSeries required;
    required.name = "required (to schedule)";
    required.decimals = 0;
    ChartSeries on_duty;
    on_duty.name = "required on duty (after shrinkage)";
    on_duty.decimals = 0;
    ChartSeries current;
    current.name = "scenario's staff";
    current.decimals = 1;
    ChartSeries coverage;
    coverage.name = "shift plan coverage";
    coverage.decimals = 0;
    for (std::size_t i = 0; i < n; ++i) {
      required.mean.push_back(double(res.scheduled[g][i]));
      on_duty.mean.push_back(double(res.net[g][i]));
      current.mean.push_back(scheduled_agents_in_interval(group, sc.horizon, int(i)));
      if (!in.plans.empty()) coverage.mean.push_back(double(in.plans[g].coverage[i]));
    }
    c.series = {required, on_duty, current};
    if (!in.plans.empty()) c.series.push_back(coverage);
    c.note = "Agent-hours required: " +
             format_number(staffing::agent_hours({res.scheduled[g]}, sc.horizon), 1) + ".";
    page.chart(c);
  }

  page.section("KPIs achieved with the required staff");
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const ContactType& ct = sc.contact_types[k];
    auto kpi = [&](Kpi q) { return [&, q, k](std::size_t i) { return a.intervals[i][k][q]; }; };
    page.subsection(ct.name);
    Chart sl = interval_chart(sc, "Service level: " + ct.name, "service level (share)");
    sl.y_min = 0;
    sl.y_max = 1;
    sl.series.push_back(estimate_series("service level", n, kpi(Kpi::ServiceLevel), 3));
    if (ct.has_service_level_target) {
      sl.targets.push_back(
          {"target " + format_number(ct.service_level.target, 2), ct.service_level.target});
    }
    page.chart(sl);
    Chart waits = interval_chart(sc, "Waiting time: " + ct.name, "wait (s)");
    waits.series.push_back(estimate_series("ASA", n, kpi(Kpi::Asa), 1));
    waits.series.push_back(estimate_series("wait p90", n, kpi(Kpi::WaitP90), 1));
    if (ct.max_asa_s) {
      waits.targets.push_back({"max ASA " + format_number(*ct.max_asa_s, 0) + " s", *ct.max_asa_s});
    }
    page.chart(waits);
    Chart ab = interval_chart(sc, "Abandonment: " + ct.name, "abandon rate (share)");
    ab.series.push_back(estimate_series("abandon rate", n, kpi(Kpi::AbandonRate), 3));
    if (ct.max_abandon_rate) {
      ab.targets.push_back({"max " + format_number(*ct.max_abandon_rate, 3), *ct.max_abandon_rate});
    }
    page.chart(ab);
  }
  Chart occ = interval_chart(sc, "Occupancy", "occupancy (share)");
  occ.y_min = 0;
  occ.y_max = 1;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    occ.series.push_back(estimate_series(
        sc.agent_groups[g].name, n,
        [&, g](std::size_t i) { return a.group_intervals[i][g][GroupKpi::Occupancy]; }, 3));
    if (sc.agent_groups[g].max_occupancy) {
      occ.targets.push_back(
          {sc.agent_groups[g].name + " max " + format_number(*sc.agent_groups[g].max_occupancy, 2),
           *sc.agent_groups[g].max_occupancy});
    }
  }
  page.subsection("Agent groups");
  page.chart(occ);

  if (!res.misses.empty()) {
    page.section("Targets missed");
    TextTable t{{"interval", "contact type / group", "KPI", "value", "target"}};
    for (const staffing::TargetMiss& m : res.misses) {
      const bool group = m.kind == staffing::TargetMiss::Kind::Occupancy;
      const std::string who = group ? sc.agent_groups[std::size_t(m.index)].name
                                    : sc.contact_types[std::size_t(m.index)].name;
      const int d = m.kind == staffing::TargetMiss::Kind::Asa ? 1 : 3;
      t.push_back({clock_label(sc.horizon.start, m.interval * sc.horizon.interval_s), who,
                   staffing::target_kpi_name(m.kind), format_number(m.value, d),
                   format_number(m.limit, d)});
    }
    page.table(t, {}, 3);
  }

  if (!in.plans.empty()) {
    page.section("Shift plan");
    TextTable t{{"group", "shift", "start", "end", "length (h)", "agents", "cost"}};
    for (std::size_t g = 0; g < in.plans.size(); ++g) {
      for (std::size_t j = 0; j < in.templates.size(); ++j) {
        const int count = in.plans[g].count[j];
        if (count == 0) continue;
        const ShiftTemplate& st = in.templates[j];
        t.push_back({sc.agent_groups[g].name, st.name.empty() ? std::to_string(j) : st.name,
                     clock_label(sc.horizon.start, st.start_s),
                     clock_label(sc.horizon.start, st.start_s + st.length_s),
                     format_number(st.length_s / 3600.0, 2), std::to_string(count),
                     format_number(count * st.cost_per_agent(), 2)});
      }
    }
    page.table(t, "Agents per shift (least-cost cover of the required staff)", 2);
  }
  return page.html();
}

}  // namespace ccsim::cli
