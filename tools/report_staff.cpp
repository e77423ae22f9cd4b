// The report of `ccsim staff`.
#include <algorithm>

#include "models/io/plural.h"
#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/staff_costs.h"
#include "tools/staff_days.h"
#include "tools/staff_queues.h"
#include "tools/table_text.h"

namespace ccsim::cli {

using text::plural;

std::string campaigns_left_out(const Scenario& sc) {
  std::string names;
  for (const OutboundCampaign& c : sc.outbound) names += (names.empty() ? "" : ", ") + c.name;
  if (names.empty()) return names;
  return (sc.outbound.size() == 1 ? "outbound campaign " : "outbound campaigns ") + names;
}

std::string staffing_method_text(const StaffReportInput& in) {
  const staffing::Result& res = in.result;
  std::string how = std::string("method ") + staffing::method_name(res.method);
  if (res.method == staffing::Method::Simulation) {
    const std::string judged =
        in.options.meet_probability
            ? "met on at least " + format_number(*in.options.meet_probability * 100.0, 1) +
                  "% of the days" +
                  (in.options.judge == staffing::Judge::Ci95 ? " (95% confidence)" : "")
            : std::string("judged on the ") +
                  (in.options.judge == staffing::Judge::Mean ? "mean" : "95% CI bound");
    how += ", targets " + judged + " of " + plural(in.options.replications, "replication") +
           " (seed " + std::to_string(in.options.seed) + "), " +
           plural(res.iterations, "iteration");
  } else {
    if (const std::string left_out = campaigns_left_out(in.scenario);
        res.method == staffing::Method::Erlang && !left_out.empty()) {
      how += " (inbound only: " + left_out + " left out)";
    }
    how += "; KPIs from " + plural(in.options.replications, "replication") + " (seed " +
           std::to_string(in.options.seed) + ")";
  }
  return how;
}

namespace {

// The scenario's summary, the agent-hours required against the scenario's own, the shift
// plan's cost, and a word on a search that ran out of iterations.
void staff_summary(HtmlReport& page, const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const staffing::Result& res = in.result;
  page.section("Summary");
  auto facts = scenario_facts(sc);
  facts.insert(facts.begin(), {"name", sc.name});
  for (const std::string& o : in.overrides) facts.emplace_back("what-if option", o);
  facts.emplace_back("result", res.misses.empty()
                                   ? std::string("every target met")
                                   : plural(res.misses.size(), "target") + " missed");
  facts.emplace_back("agent-hours to schedule",
                     format_number(staffing::agent_hours(res.scheduled, sc.horizon), 1));
  double scenario_hours = 0;
  for (const AgentGroup& g : sc.agent_groups) {
    for (int i = 0; i < sc.horizon.interval_count(); ++i) {
      scenario_hours += scheduled_agents_in_interval(g, sc.horizon, i) * sc.horizon.interval_s;
    }
  }
  facts.emplace_back("agent-hours in the scenario", format_number(scenario_hours / 3600.0, 1));
  if (in.forecast) {
    const double f = staffing::agent_hours(in.forecast->result.scheduled, sc.horizon);
    const OnDutyChange c = on_duty_change(in.forecast->result, res);
    facts.emplace_back("at the forecast's volume",
                       format_number(f, 1) + " agent-hours to schedule; on duty, this plan has " +
                           "more agents in " + std::to_string(c.more) + " and fewer in " +
                           std::to_string(c.fewer) + " of " +
                           std::to_string(c.more + c.same + c.fewer) + " (group, interval)s");
  }
  if (!in.plans.empty()) {
    double cost = 0;
    for (const ShiftPlan& p : in.plans) cost += p.cost;
    facts.emplace_back("shift plan",
                       "from " + in.templates_file + ", least cost " + format_number(cost, 2));
  }
  page.facts(facts);
  scenario_tables(page, sc);
  if (res.budget_exhausted) {
    page.paragraph(res.misses.empty()
                       ? "The search stopped at its iteration budget: every target is met, but "
                         "fewer agents may do."
                       : "The search stopped at its iteration budget with targets still missed; "
                         "the staffing shown is the last one simulated.");
  }
}

// The staffing curve of group g: agents required to schedule and on duty, the scenario's own
// staff, and the shift plan's coverage.
Chart staffing_chart(const StaffReportInput& in, std::size_t g) {
  const Scenario& sc = in.scenario;
  const staffing::Result& res = in.result;
  const AgentGroup& group = sc.agent_groups[g];
  Chart c = interval_chart(sc, "Agents per interval: " + group.name, "agents");
  const auto series = [](std::string name, int decimals) {
    ChartSeries s;
    s.name = std::move(name);
    s.decimals = decimals;
    return s;
  };
  ChartSeries required = series("required (to schedule)", 0);
  ChartSeries on_duty = series("required on duty", 0);
  ChartSeries current = series("scenario's staff", 1);
  ChartSeries coverage = series("shift plan coverage", 0);
  for (std::size_t i = 0; i < std::size_t(sc.horizon.interval_count()); ++i) {
    required.mean.push_back(double(res.scheduled[g][i]));
    on_duty.mean.push_back(double(res.net[g][i]));
    current.mean.push_back(scheduled_agents_in_interval(group, sc.horizon, int(i)));
    if (!in.plans.empty()) coverage.mean.push_back(double(in.plans[g].coverage[i]));
  }
  c.series = {required, on_duty, current};
  if (in.forecast) {  // the plan a volume what-if is bounded by
    ChartSeries forecast = series("forecast on duty", 0);
    for (int n : in.forecast->result.net[g]) forecast.mean.push_back(double(n));
    c.series.push_back(forecast);
  }
  for (ChartSeries& s : c.series) s.lo = 0.0;
  if (!in.plans.empty()) c.series.push_back(coverage);
  c.note =
      "Agent-hours required: " +
      format_number(staffing::agent_hours({res.scheduled[g]}, sc.horizon), 1) +
      ". On duty: the agents to schedule after shrinkage" +
      (in.forecast ? "; forecast: the plan at the forecast's volume, which bounds this one." : ".");
  return c;
}

// The agents contact type k needs per interval: its share of the groups' requirement (on duty
// and to schedule) and its stand-alone requirement.
Chart queue_chart(const StaffReportInput& in, std::size_t k) {
  const Scenario& sc = in.scenario;
  const staffing::QueueStaffing& q = in.queues;
  Chart c = interval_chart(sc, "Agents for " + sc.contact_types[k].name, "agents");
  ChartSeries net, gross, alone;
  net.name = "share on duty";
  gross.name = "share to schedule";
  alone.name = "stand-alone on duty";
  for (ChartSeries* s : {&net, &gross, &alone}) s->decimals = 0;
  for (std::size_t i = 0; i < std::size_t(sc.horizon.interval_count()); ++i) {
    net.mean.push_back(double(q.net[k][i]));
    gross.mean.push_back(double(q.gross[k][i]));
    const auto& a = q.stand_alone_net[k][i];
    alone.mean.push_back(a ? std::optional<double>(double(*a)) : std::nullopt);
  }
  c.series = {gross, net, alone};
  c.note =
      "Share: each group's requirement split by the busy time of each contact type in it "
      "(to schedule: shrinkage applied). Stand-alone: the type staffed by itself, by Erlang, "
      "without pooling.";
  return c;
}

// Service level, waiting time and abandonment (of a type that can abandon) of each contact type,
// and occupancy, achieved with the required staff, against their targets.
void achieved_charts(HtmlReport& page, const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  const Results& a = in.result.achieved;
  page.section("KPIs achieved with the required staff");
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const ContactType& ct = sc.contact_types[k];
    page.subsection(ct.name);
    page.chart(service_level_chart(sc, a, k, "Service level: " + ct.name, &ct));
    page.chart(waiting_time_chart(sc, a, k, ct.name, &ct));
    if (ct.patience && ct.channel != Channel::Email) {
      page.chart(abandonment_chart(sc, a, k, ct.name, &ct));
    }
  }
  page.subsection("Agent groups");
  page.chart(occupancy_chart(sc, a, "occupancy (%)"));
}

// Each target missed in an interval, with the value reached.
void misses_table(HtmlReport& page, const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
  page.section("Targets missed");
  TextTable t{{"interval", "contact type / group", "KPI", "value", "target"}};
  for (const staffing::TargetMiss& m : in.result.misses) {
    const bool group = staffing::is_group_target(m.kind);
    const std::string who = group ? sc.agent_groups[std::size_t(m.index)].name
                                  : sc.contact_types[std::size_t(m.index)].name;
    const int d = m.kind == staffing::TargetMiss::Kind::Asa ? 1 : 3;
    t.push_back({interval_label(sc.horizon, m.interval), who, staffing::target_kpi_name(m.kind),
                 format_number(m.value, d), format_number(m.limit, d)});
  }
  page.table(t, {}, 3);
}

// The agents of each group on each shift template used.
void shift_plan_table(HtmlReport& page, const StaffReportInput& in) {
  const Scenario& sc = in.scenario;
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

}  // namespace

std::string staff_report(const StaffReportInput& in) {
  HtmlReport page("Staffing report: " + in.scenario.name, staffing_method_text(in));
  staff_summary(page, in);
  page.section("Staffing curves");
  for (std::size_t g = 0; g < in.scenario.agent_groups.size(); ++g) {
    page.chart(staffing_chart(in, g));
  }
  page.section("Agents per contact type");
  for (std::size_t k = 0; k < in.scenario.contact_types.size(); ++k) {
    page.chart(queue_chart(in, k));
  }
  page.table(queue_table_rows(in.scenario, in.queues), kQueueTableTitle);
  achieved_charts(page, in);
  if (!in.result.daily_service_level.empty()) {
    page.section("Daily service level");
    page.table(daily_table_rows(in.scenario, in.result), kDailyTableTitle);
  }
  cost_curve_section(page, in);
  if (!in.result.misses.empty()) misses_table(page, in);
  if (!in.plans.empty()) shift_plan_table(page, in);
  return page.html();
}

}  // namespace ccsim::cli
