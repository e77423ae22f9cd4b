// Staffing: analytic and simulation-based required agents, and shift planning.
#include "models/planning/staffing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "models/centre/experiment.h"
#include "models/planning/shift_planning.h"
#include "models/queueing/erlang.h"
#include "tests/models/scenario_builder.h"

namespace {

using ccsim::Distribution;
using ccsim::Scenario;
using ccsim::staffing::Method;
using ccsim::staffing::Options;

// 600 calls/h, AHT 180 s exponential, 80% answered within 20 s, no abandonment: Erlang C.
Scenario erlang_c_queue() {
  Scenario s = ccsim::test::stationary_queue(600, Distribution::exponential(180), 30);
  s.contact_types[0].has_service_level_target = true;
  s.contact_types[0].service_level = {20.0, 0.8};
  return s;
}

// A day of `intervals` half-hours whose expected arrivals follow a sinusoid between 50 and 250
// per interval; AHT 240 s, patience 300 s (both exponential); 80/20 and at most 5% abandoned.
Scenario sinusoidal_day(int intervals = 16) {
  Scenario s;
  s.name = "sinusoidal day";
  s.horizon.interval_s = 1800;
  s.horizon.intervals = intervals;
  s.simulation.replications = 10;
  ccsim::ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  for (int i = 0; i < intervals; ++i) {
    ct.arrivals.per_interval.push_back(
        150.0 - 100.0 * std::cos(2.0 * std::numbers::pi * (i + 0.5) / intervals));
  }
  ct.handle_time = Distribution::exponential(240);
  ct.patience = Distribution::exponential(300);
  ct.has_service_level_target = true;
  ct.service_level = {20.0, 0.8};
  ct.max_abandon_rate = 0.05;
  s.contact_types.push_back(ct);
  ccsim::AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.kind = ccsim::Staffing::Kind::Count;
  g.staff.count = 20;
  s.agent_groups.push_back(g);
  return s;
}

Options options(Method method, int replications, std::uint64_t seed = 1) {
  Options o;
  o.method = method;
  o.replications = replications;
  o.seed = seed;
  o.threads = 1;
  return o;
}

TEST(Staffing, ErlangMethodEqualsTheExactErlangCMinimumForAStationaryInterval) {
  const auto out = ccsim::staffing::staff(erlang_c_queue(), options(Method::Erlang, 2));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  EXPECT_EQ(out.result->net[0][0], 35);
  EXPECT_EQ(out.result->scheduled[0][0], 35);
  ccsim::erlang::Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  EXPECT_EQ(ccsim::erlang::min_agents_c(600, 180, t), 35);
}

TEST(Staffing, ErlangMethodStaffsEachIntervalFromItsOwnLoadAndAppliesShrinkage) {
  Scenario s = erlang_c_queue();
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 3;
  s.horizon.start = "08:00";
  s.simulation.warmup_s = 0;
  s.contact_types[0].arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  s.contact_types[0].arrivals.per_interval = {300, 150, 0};  // 600/h, 300/h, none
  s.agent_groups[0].shrinkage = 0.3;
  const auto out = ccsim::staffing::staff(s, options(Method::Erlang, 2));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  ccsim::erlang::Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  const int half = *ccsim::erlang::min_agents_c(300, 180, t);
  EXPECT_EQ(out.result->net[0], (std::vector<int>{35, half, 0}));
  // The fewest scheduled m with round(0.7 m) >= net: 50 for 35 (49 × 0.7 = 34.3), and
  // ceil((half − 0.5) ÷ 0.7) for half (0.7 m >= half − 0.5).
  EXPECT_EQ(out.result->scheduled[0],
            (std::vector<int>{50, int(std::ceil((half - 0.5) / 0.7 - 1e-9)), 0}));
}

TEST(Staffing, ErlangAIsUsedWhenContactsHavePatience) {
  Scenario s = erlang_c_queue();
  s.contact_types[0].patience = Distribution::exponential(300);
  s.contact_types[0].max_abandon_rate = 0.02;
  const auto out = ccsim::staffing::staff(s, options(Method::Erlang, 2));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  ccsim::erlang::Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  t.max_abandon = 0.02;
  EXPECT_EQ(out.result->net[0][0], *ccsim::erlang::min_agents_a(600, 180, 300, t));
}

TEST(Staffing, AScenarioWithoutAnyTargetIsRefused) {
  Scenario s = erlang_c_queue();
  s.contact_types[0].has_service_level_target = false;
  const auto out = ccsim::staffing::staff(s, options(Method::Simulation, 2));
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].find("no staffing target"), std::string::npos);
  EXPECT_FALSE(out.result);
}

TEST(Staffing, AnOccupancyCapAloneIsATarget) {
  Scenario s = erlang_c_queue();
  s.contact_types[0].has_service_level_target = false;
  s.agent_groups[0].max_occupancy = 0.75;
  const auto out = ccsim::staffing::staff(s, options(Method::Erlang, 2));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  EXPECT_EQ(out.result->net[0][0], 40);  // 30 erlangs / 0.75
}

TEST(Staffing, ErlangSplitsATypeOverItsGroupsInProportionToTheirScenarioStaff) {
  Scenario s = erlang_c_queue();
  s.agent_groups[0].staff.count = 30;
  ccsim::AgentGroup second = s.agent_groups[0];
  second.name = "more";
  second.staff.count = 10;
  s.agent_groups.push_back(second);
  const auto w = ccsim::staffing::split_weights(s, 0);
  EXPECT_DOUBLE_EQ(w[0][0], 0.75);
  EXPECT_DOUBLE_EQ(w[0][1], 0.25);
  const auto out = ccsim::staffing::staff(s, options(Method::Erlang, 2));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  EXPECT_EQ(out.result->net[0][0], 27);  // ceil(0.75 × 35)
  EXPECT_EQ(out.result->net[1][0], 9);   // ceil(0.25 × 35)
}

TEST(Staffing, SimulationAgreesWithErlangCWithinOneAgentOnAStationaryQueue) {
  Scenario s = erlang_c_queue();
  const auto out = ccsim::staffing::staff(s, options(Method::Simulation, 10));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  EXPECT_NEAR(out.result->net[0][0], 35, 1);
  EXPECT_TRUE(out.result->misses.empty());
  EXPECT_FALSE(out.result->budget_exhausted);
}

TEST(Staffing, SinusoidalDayMeetsEveryTargetWhenRerunAndBeatsPerIntervalErlangC) {
  const Scenario s = sinusoidal_day();
  const auto out = ccsim::staffing::staff(s, options(Method::Simulation, 20));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  const ccsim::staffing::Result& r = *out.result;
  EXPECT_TRUE(r.misses.empty());
  EXPECT_FALSE(r.budget_exhausted);

  // Independent replications (another seed) agree within the 95% CIs of the two runs: no
  // interval misses a target by more than their half-widths together.
  ccsim::RunOptions run;
  run.replications = 20;
  run.seed = 12345;
  run.threads = 1;
  const ccsim::Results check =
      ccsim::run_experiment(ccsim::staffing::with_staffing(s, r.scheduled), run);
  for (std::size_t i = 0; i < std::size_t(s.horizon.intervals); ++i) {
    const auto& sl = check.intervals[i][0][ccsim::Kpi::ServiceLevel];
    const auto& ab = check.intervals[i][0][ccsim::Kpi::AbandonRate];
    const auto& sl_search = r.achieved.intervals[i][0][ccsim::Kpi::ServiceLevel];
    const auto& ab_search = r.achieved.intervals[i][0][ccsim::Kpi::AbandonRate];
    ASSERT_TRUE(sl && ab && sl_search && ab_search);
    EXPECT_GE(sl_search->mean, 0.8) << "interval " << i;
    EXPECT_LE(ab_search->mean, 0.05) << "interval " << i;
    EXPECT_GE(sl->mean + sl->ci95 + sl_search->ci95, 0.8) << "interval " << i;
    EXPECT_LE(ab->mean - ab->ci95 - ab_search->ci95, 0.05) << "interval " << i;
  }

  ccsim::erlang::Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  std::vector<std::vector<int>> erlang_c(1);
  for (double n : s.contact_types[0].arrivals.per_interval) {
    erlang_c[0].push_back(*ccsim::erlang::min_agents_c(n * 2, 240, t));
  }
  const double hours = ccsim::staffing::agent_hours(r.scheduled, s.horizon);
  const double erlang_c_hours = ccsim::staffing::agent_hours(erlang_c, s.horizon);
  EXPECT_LT(hours, erlang_c_hours);
}

TEST(Staffing, ReportedKpisAreThoseOfRerunningTheScenarioWithTheStaffing) {
  const Scenario s = sinusoidal_day(6);
  const auto out = ccsim::staffing::staff(s, options(Method::Simulation, 5));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  ccsim::RunOptions run;
  run.replications = 5;
  run.seed = 1;
  run.threads = 2;
  const ccsim::Results again =
      ccsim::run_experiment(ccsim::staffing::with_staffing(s, out.result->scheduled), run);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(again.intervals[std::size_t(i)][0][ccsim::Kpi::ServiceLevel]->mean,
              out.result->achieved.intervals[std::size_t(i)][0][ccsim::Kpi::ServiceLevel]->mean);
  }
}

TEST(Staffing, JudgingOnTheConfidenceBoundNeedsAtLeastAsManyAgents) {
  const Scenario s = sinusoidal_day(6);
  Options mean = options(Method::Simulation, 5);
  Options ci = mean;
  ci.judge = ccsim::staffing::Judge::Ci95;
  const auto by_mean = ccsim::staffing::staff(s, mean);
  const auto by_ci = ccsim::staffing::staff(s, ci);
  ASSERT_TRUE(by_mean.result && by_ci.result);
  EXPECT_TRUE(by_ci.result->misses.empty());
  EXPECT_GT(ccsim::staffing::agent_hours(by_ci.result->scheduled, s.horizon),
            ccsim::staffing::agent_hours(by_mean.result->scheduled, s.horizon));
  const ccsim::Results& achieved = by_ci.result->achieved;
  for (std::size_t i = 0; i < achieved.intervals.size(); ++i) {
    const auto& sl = achieved.intervals[i][0][ccsim::Kpi::ServiceLevel];
    EXPECT_GE(sl->mean - sl->ci95, 0.8 - 1e-9) << "interval " << i;
  }
}

TEST(Staffing, MultiSkillCentreMeetsEveryTargetOfEveryType) {
  Scenario s = sinusoidal_day(6);
  ccsim::ContactType second = s.contact_types[0];
  second.name = "support";
  second.handle_time = Distribution::exponential(360);
  second.service_level = {30.0, 0.7};
  second.max_abandon_rate.reset();
  s.contact_types.push_back(second);
  s.agent_groups[0].name = "calls_team";
  ccsim::AgentGroup support = s.agent_groups[0];
  support.name = "support_team";
  support.skills = {1};
  ccsim::AgentGroup both = s.agent_groups[0];
  both.name = "generalists";
  both.skills = {0, 1};
  both.staff.count = 4;
  both.max_occupancy = 0.9;
  s.agent_groups.push_back(support);
  s.agent_groups.push_back(both);
  const auto out = ccsim::staffing::staff(s, options(Method::Simulation, 5));
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  EXPECT_TRUE(out.result->misses.empty());
  EXPECT_TRUE(ccsim::staffing::missed_targets(s, out.result->achieved, ccsim::staffing::Judge::Mean)
                  .empty());
  const double sim_hours = ccsim::staffing::agent_hours(out.result->scheduled, s.horizon);
  const auto analytic = ccsim::staffing::staff(s, options(Method::Erlang, 2));
  EXPECT_LT(sim_hours, ccsim::staffing::agent_hours(analytic.result->scheduled, s.horizon));
}

TEST(Staffing, AChatbotCutsRequiredAgentsAsTheThinnedLoadPredicts) {
  // 600 contacts/h, AHT 180 s, patience 300 s; 80/20 and at most 5% abandoned.
  Scenario s = ccsim::test::stationary_queue(600, Distribution::exponential(180), 30, 14400, 1800);
  ccsim::ContactType& ct = s.contact_types[0];
  ct.patience = Distribution::exponential(300);
  ct.has_service_level_target = true;
  ct.max_abandon_rate = 0.05;
  const auto without = ccsim::staffing::staff(s, options(Method::Simulation, 10));
  const double containment = 0.4;
  ct.chatbot = ccsim::Chatbot{};
  ct.chatbot->containment = containment;
  ct.chatbot->bot_time = Distribution::exponential(60);
  const auto with = ccsim::staffing::staff(s, options(Method::Simulation, 10));
  ASSERT_TRUE(without.result && with.result);
  EXPECT_TRUE(with.result->misses.empty());

  ccsim::erlang::Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  t.max_abandon = 0.05;
  const int full = *ccsim::erlang::min_agents_a(600, 180, 300, t);
  const int thinned = *ccsim::erlang::min_agents_a(600 * (1 - containment), 180, 300, t);
  EXPECT_NEAR(with.result->net[0][0], thinned, 1);
  EXPECT_NEAR(without.result->net[0][0] - with.result->net[0][0], full - thinned, 2);
}

TEST(Staffing, ARunOutBudgetIsReportedWithTheBestStaffingSoFar) {
  Options o = options(Method::Simulation, 3);
  o.max_iterations = 1;
  const auto out = ccsim::staffing::staff(sinusoidal_day(4), o);
  ASSERT_TRUE(out.result);
  EXPECT_TRUE(out.result->budget_exhausted);
  EXPECT_EQ(out.result->iterations, 1);
}

TEST(Staffing, ProgressIsReportedOncePerSimulation) {
  Options o = options(Method::Simulation, 3);
  int calls = 0;
  o.progress = [&calls](const ccsim::staffing::Progress& p) {
    ++calls;
    EXPECT_EQ(p.iteration, calls);
  };
  const auto out = ccsim::staffing::staff(sinusoidal_day(4), o);
  ASSERT_TRUE(out.result);
  EXPECT_EQ(calls, out.result->iterations);
}

// ---- shift planning ----

using ccsim::ShiftCover;

// The least cost over every count vector with entries in [0, bound], by enumeration.
double brute_force_cost(const std::vector<int>& requirement, const std::vector<ShiftCover>& covers,
                        int bound) {
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> x(covers.size(), 0);
  std::function<void(std::size_t)> go = [&](std::size_t j) {
    if (j == covers.size()) {
      std::vector<int> cov(requirement.size(), 0);
      double cost = 0;
      for (std::size_t t = 0; t < covers.size(); ++t) {
        cost += x[t] * covers[t].cost;
        for (int i = covers[t].first; i < covers[t].end; ++i) cov[std::size_t(i)] += x[t];
      }
      for (std::size_t i = 0; i < requirement.size(); ++i) {
        if (cov[i] < requirement[i]) return;
      }
      best = std::min(best, cost);
      return;
    }
    for (int v = 0; v <= bound; ++v) {
      x[j] = v;
      go(j + 1);
    }
  };
  go(0);
  return best;
}

TEST(ShiftPlanning, IsExactOnSmallCasesComparedWithBruteForce) {
  std::uint64_t state = 42;
  auto next = [&state](int n) {  // a small deterministic generator
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return int((state >> 33) % std::uint64_t(n));
  };
  for (int trial = 0; trial < 40; ++trial) {
    const int intervals = 3 + next(4);
    std::vector<int> requirement;
    for (int i = 0; i < intervals; ++i) requirement.push_back(next(4));
    std::vector<ShiftCover> covers;
    const int templates = 2 + next(3);
    for (int t = 0; t < templates; ++t) {
      const int first = next(intervals);
      const int end = first + 1 + next(intervals - first);
      covers.push_back({first, end, double(1 + next(5)) + (end - first) * 0.25});
    }
    covers.push_back({0, intervals, 10.0});  // keeps every instance feasible
    const auto plan = ccsim::plan_shifts(requirement, covers);
    ASSERT_TRUE(plan) << "trial " << trial;
    EXPECT_NEAR(plan->cost, brute_force_cost(requirement, covers, 3), 1e-9) << "trial " << trial;
    for (int i = 0; i < intervals; ++i) {
      EXPECT_GE(plan->coverage[std::size_t(i)], requirement[std::size_t(i)]) << "trial " << trial;
    }
  }
}

TEST(ShiftPlanning, CoversEveryIntervalOfADayAtTheCostOfItsShifts) {
  const std::vector<int> requirement{5, 9, 14, 18, 20, 17, 16, 19, 21, 15, 10, 6, 3, 0, 2, 4};
  std::vector<ShiftCover> covers;
  for (int start = 0; start < 16; ++start) {
    covers.push_back({start, std::min(16, start + 8), 4.0});  // 4-hour shifts of 30 minutes
    covers.push_back({start, std::min(16, start + 4), 2.5});  // 2-hour part-time shifts
  }
  const auto plan = ccsim::plan_shifts(requirement, covers);
  ASSERT_TRUE(plan);
  double cost = 0;
  std::vector<int> coverage(16, 0);
  for (std::size_t j = 0; j < covers.size(); ++j) {
    cost += plan->count[j] * covers[j].cost;
    for (int i = covers[j].first; i < covers[j].end; ++i)
      coverage[std::size_t(i)] += plan->count[j];
  }
  EXPECT_DOUBLE_EQ(plan->cost, cost);
  EXPECT_EQ(plan->coverage, coverage);
  for (std::size_t i = 0; i < 16; ++i) EXPECT_GE(coverage[i], requirement[i]) << i;
}

TEST(ShiftPlanning, AnIntervalNoTemplateCoversHasNoPlan) {
  EXPECT_FALSE(ccsim::plan_shifts({1, 2, 1}, {{0, 2, 1.0}}));
  EXPECT_TRUE(ccsim::plan_shifts({1, 2, 0}, {{0, 2, 1.0}}));
}

TEST(ShiftPlanning, TemplatesAreValidatedWithTheirPaths) {
  ccsim::Horizon h;
  h.interval_s = 1800;
  h.intervals = 16;
  h.start = "08:00";
  const auto bad =
      ccsim::parse_shift_templates(nlohmann::json::parse(R"([{"start_s": 0, "length_s": 14400},
        {"start_s": 900, "length_s": -1, "cost": -2, "colour": "red"},
        {"length_s": 3600}, 5])"),
                                   h, "t.json");
  EXPECT_FALSE(bad.ok());
  const std::vector<std::string> expected{
      "t.json[1].colour: unknown key (expected start_s, length_s, cost, name)",
      "t.json[1].start_s: must be on an interval boundary (a multiple of 1800 s) (got 900)",
      "t.json[1].length_s: must be > 0 (got -1)",
      "t.json[1].cost: must be >= 0 (got -2)",
      "t.json[2].start_s: is required",
      "t.json[3]: must be an object (got 5)"};
  EXPECT_EQ(bad.errors, expected);

  const auto good = ccsim::parse_shift_templates(
      nlohmann::json::parse(R"([{"start_s": 25200, "length_s": 14400, "cost": 3}])"), h, "t.json");
  ASSERT_TRUE(good.ok());
  const ShiftCover c = ccsim::shift_cover(good.templates[0], h);
  EXPECT_EQ(c.first, 14);
  EXPECT_EQ(c.end, 16);  // runs past the horizon: covers to its end, paid in full
  EXPECT_EQ(c.cost, 3.0);
  EXPECT_EQ(ccsim::shift_cover({0, 7200, std::nullopt, ""}, h).cost, 2.0);  // agent-hours
}

}  // namespace
