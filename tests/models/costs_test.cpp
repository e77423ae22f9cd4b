// Costs and revenue: reading `costs`, the money KPIs against a hand calculation, and the cost
// objective of the Erlang staffing against a brute-force minimum of the Erlang A cost curve.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/staffing.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario_json.h"
#include "tests/models/scenario_builder.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

json two_types() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "sales", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}},
                     {"name": "sellers", "skills": ["sales"], "staff": {"count": 3}}]
  })");
}

TEST(CostsJson, AmountsAreReadByGroupAndTypeName) {
  json doc = two_types();
  doc["costs"] = json::parse(R"({"agent_hour": {"sellers": 30.5},
    "contact_types": {"sales": {"abandoned": 5, "blocked": 4, "balked": 3,
                                "per_minute_waited": 0.25, "revenue_per_answered": 12}}})");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const Costs& c = *parsed.scenario->costs;
  EXPECT_EQ(c.agent_hour, (std::vector<double>{0.0, 30.5}));
  ASSERT_EQ(c.types.size(), 2u);
  EXPECT_EQ(c.types[0].abandoned, 0.0);  // not named: every amount 0
  EXPECT_EQ(c.types[1].abandoned, 5.0);
  EXPECT_EQ(c.types[1].blocked, 4.0);
  EXPECT_EQ(c.types[1].balked, 3.0);
  EXPECT_EQ(c.types[1].per_minute_waited, 0.25);
  EXPECT_EQ(c.types[1].revenue_per_answered, 12.0);
}

TEST(CostsJson, NoCostsKeyMeansNoMoneyKpis) {
  const ScenarioParse parsed = parse_scenario(two_types(), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_FALSE(parsed.scenario->costs.has_value());
}

TEST(CostsJson, BadAmountsAndNamesAreReportedWithTheirPaths) {
  json doc = two_types();
  doc["costs"] = json::parse(R"({"agent_hour": {"teem": 3, "sellers": -1},
    "contact_types": {"sales": {"abandoned": "5", "per_minute": 1},
                      "biling": {"revenue_per_answered": 2}},
    "currency": "EUR"})");
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            (Lines{"costs.currency: unknown key", "costs.agent_hour.sellers: must be >= 0 (got -1)",
                   "costs.agent_hour.teem: must be the name of an agent group (got \"teem\"); "
                   "did you mean \"team\"?",
                   "costs.contact_types.biling: must be the name of a contact type (got "
                   "\"biling\"); did you mean \"billing\"?",
                   "costs.contact_types.sales.per_minute: unknown key; did you mean "
                   "\"per_minute_waited\"?",
                   "costs.contact_types.sales.abandoned: must be a number (got \"5\")"}));
  doc["costs"] = json::array();
  EXPECT_EQ(parse_scenario(doc, {}).errors, Lines{"costs: must be an object (got [])"});
}

// One agent, handle time 100 s, patience 150 s, three calls at 0 s: waits 0 and 100 s
// (answered) and 150 s (abandoned). A second type with one telephone line: a call at 0 s
// (answered at once, 50 s) and one at 10 s (blocked).
Scenario deterministic_centre() {
  Scenario s;
  s.name = "deterministic";
  s.horizon.interval_s = 3600;
  s.horizon.intervals = 1;
  s.simulation.warmup_s = 0;
  ContactType calls;
  calls.name = "calls";
  calls.arrivals.kind = Arrivals::Kind::Trace;
  calls.arrivals.trace_times_s = {0.0, 0.0, 0.0};
  calls.handle_time = Distribution::deterministic(100);
  calls.patience = Distribution::deterministic(150);
  ContactType lines = calls;
  lines.name = "lines";
  lines.arrivals.trace_times_s = {0.0, 10.0};
  lines.handle_time = Distribution::deterministic(50);
  lines.patience.reset();
  lines.lines = 1;
  s.contact_types = {calls, lines};
  for (int k = 0; k < 2; ++k) {
    AgentGroup g;
    g.name = "group" + std::to_string(k);
    g.skills = {k};
    g.staff.kind = Staffing::Kind::Count;
    g.staff.count = 1;
    s.agent_groups.push_back(g);
  }
  Costs c;
  c.agent_hour = {30.0, 12.0};
  c.types.resize(2);
  c.types[0].abandoned = 5.0;
  c.types[0].per_minute_waited = 0.6;
  c.types[0].revenue_per_answered = 10.0;
  c.types[1].blocked = 3.0;
  c.types[1].revenue_per_answered = 1.0;
  s.costs = c;
  return s;
}

TEST(CostKpis, MatchAHandCalculationOnADeterministicCentre) {
  RunOptions o;
  o.replications = 3;
  const Results r = run_experiment(deterministic_centre(), o);
  ASSERT_TRUE(r.costs.has_value());
  // Agents: 1 h × (30 + 12). Penalties: 1 abandoned × 5 + (0 + 100 + 150) s ÷ 60 × 0.6 + 1
  // blocked × 3. Revenue: 2 answered × 10 + 1 answered × 1.
  for (const CostKpis* scope : {&r.costs->total, &r.costs->intervals[0]}) {
    EXPECT_NEAR((*scope)[CostKpi::AgentCost]->mean, 42.0, 1e-9);
    EXPECT_NEAR((*scope)[CostKpi::PenaltyCost]->mean, 10.5, 1e-9);
    EXPECT_NEAR((*scope)[CostKpi::Cost]->mean, 52.5, 1e-9);
    EXPECT_NEAR((*scope)[CostKpi::Revenue]->mean, 21.0, 1e-9);
    EXPECT_NEAR((*scope)[CostKpi::Net]->mean, -31.5, 1e-9);
    EXPECT_EQ((*scope)[CostKpi::Cost]->ci95, 0.0);  // every replication alike
  }
}

TEST(CostKpis, AgentCostLeavesOutTheWarmUp) {
  Scenario s = deterministic_centre();
  s.simulation.warmup_s = 900;  // a quarter of the hour
  EXPECT_NEAR(interval_agent_cost(s, 0), 0.75 * 42.0, 1e-9);
}

TEST(CostKpis, AbsentWithoutCosts) {
  Scenario s = deterministic_centre();
  s.costs.reset();
  RunOptions o;
  o.replications = 2;
  EXPECT_FALSE(run_experiment(s, o).costs.has_value());
}

// An hour of an M/M/n+M queue: 300 calls, AHT 180 s, mean patience 120 s.
Scenario costed_queue(double agent_hour, double abandoned, double per_minute) {
  Scenario s = test::stationary_queue(300, Distribution::exponential(180), 10, 3600, 0);
  s.contact_types[0].patience = Distribution::exponential(120);
  Costs c;
  c.agent_hour = {agent_hour};
  c.types.resize(1);
  c.types[0].abandoned = abandoned;
  c.types[0].per_minute_waited = per_minute;
  s.costs = c;
  return s;
}

// The Erlang A cost of n agents for an hour of costed_queue, computed here from erlang_a.
double erlang_a_cost(int n, double agent_hour, double abandoned, double per_minute) {
  erlang::Params p;
  p.agents = n;
  p.arrivals_per_hour = 300;
  p.aht_s = 180;
  p.patience_s = 120;
  const erlang::AMetrics a = erlang::erlang_a(p);
  return n * agent_hour + 300 * (a.p_abandon * abandoned + a.mean_wait_s / 60 * per_minute);
}

staffing::Result staff_for_cost(const Scenario& s) {
  staffing::Options o;
  o.method = staffing::Method::Erlang;
  o.objective = staffing::Objective::Cost;
  o.replications = 2;
  const staffing::Outcome out = staffing::staff(s, o);
  EXPECT_EQ(out.errors, Lines{});
  return *out.result;
}

TEST(CostStaffing, OptimumIsTheBruteForceMinimumOfTheErlangACostCurve) {
  for (const auto& [agent_hour, abandoned, per_minute] :
       {std::tuple{20.0, 8.0, 0.5}, std::tuple{40.0, 3.0, 0.0}, std::tuple{10.0, 0.0, 2.0}}) {
    SCOPED_TRACE(agent_hour);
    int best = 0;
    for (int n = 1; n <= 200; ++n) {
      if (erlang_a_cost(n, agent_hour, abandoned, per_minute) <
          erlang_a_cost(best, agent_hour, abandoned, per_minute)) {
        best = n;
      }
    }
    const staffing::Result r = staff_for_cost(costed_queue(agent_hour, abandoned, per_minute));
    EXPECT_EQ(r.net[0][0], best);
    const staffing::CostCurve& curve = r.cost_curves[0][0];
    EXPECT_EQ(curve.optimum, best);
    for (const staffing::CostPoint& p : curve.points) {
      EXPECT_NEAR(p.cost(), erlang_a_cost(p.servers, agent_hour, abandoned, per_minute), 1e-6);
      EXPECT_GE(p.cost(), curve.points[std::size_t(best - curve.points.front().servers)].cost());
    }
  }
}

TEST(CostStaffing, WithoutPenaltiesTheOptimumIsTheLeastStaffingMeetingTheTargets) {
  Scenario s = costed_queue(25.0, 0.0, 0.0);
  s.contact_types[0].has_service_level_target = true;
  s.contact_types[0].service_level = {20.0, 0.8};
  staffing::Options targets;
  targets.method = staffing::Method::Erlang;
  targets.replications = 2;
  const staffing::Outcome by_targets = staffing::staff(s, targets);
  ASSERT_EQ(by_targets.errors, Lines{});
  EXPECT_EQ(staff_for_cost(s).net, by_targets.result->net);
  // Without targets either, nothing is worth an agent.
  s.contact_types[0].has_service_level_target = false;
  EXPECT_EQ(staff_for_cost(s).net[0][0], 0);
}

TEST(CostStaffing, NeedsCostsAndTheErlangMethod) {
  Scenario s = costed_queue(25.0, 1.0, 0.0);
  s.costs.reset();
  staffing::Options o;
  o.objective = staffing::Objective::Cost;
  o.replications = 2;
  EXPECT_EQ(staffing::staff(s, o).errors,
            (Lines{"costs: the cost objective needs the scenario's costs (cost per agent-hour, "
                   "penalties per contact)",
                   "method: the cost objective is computed by the Erlang method only (got "
                   "simulation)"}));
}

}  // namespace
}  // namespace ccsim
