// Staffing per queue: stand-alone requirements and shares of blended groups.
#include "models/planning/queue_staffing.h"

#include <gtest/gtest.h>

#include "models/queueing/erlang.h"
#include "tests/models/scenario_builder.h"

namespace {

using ccsim::Distribution;
using ccsim::Scenario;
using ccsim::staffing::largest_remainder;
using ccsim::staffing::Method;
using ccsim::staffing::queue_staffing;

ccsim::staffing::Options options(Method method) {
  ccsim::staffing::Options o;
  o.method = method;
  o.replications = 4;
  o.seed = 7;
  o.threads = 1;
  return o;
}

// Three half-hours of calls (600, 900, 300 per hour), AHT 180 s, 80/20, 25% shrinkage.
Scenario one_queue() {
  Scenario s = ccsim::test::stationary_queue(600, Distribution::exponential(180), 30);
  s.horizon = {};
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 3;
  s.simulation.warmup_s = 0;
  auto& ct = s.contact_types[0];
  ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  ct.arrivals.per_interval = {300, 450, 150};
  ct.has_service_level_target = true;
  ct.service_level = {20.0, 0.8};
  s.agent_groups[0].shrinkage = 0.25;
  return s;
}

// one_queue plus email (AHT 600 s, no patience, ASA at most 3600 s) served by a blended group
// that also takes calls.
Scenario blended() {
  Scenario s = one_queue();
  ccsim::ContactType email;
  email.name = "email";
  email.channel = ccsim::Channel::Email;
  email.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  email.arrivals.per_interval = {60, 60, 60};
  email.handle_time = Distribution::exponential(600);
  email.max_asa_s = 3600;
  s.contact_types.push_back(email);
  ccsim::AgentGroup group = s.agent_groups[0];
  group.name = "blended";
  group.skills = {0, 1};
  group.shrinkage = 0.1;
  group.staff.count = 20;
  s.agent_groups.push_back(group);
  return s;
}

TEST(QueueStaffing, LargestRemainderGivesIntegersThatAddUp) {
  EXPECT_EQ(largest_remainder(10, {1, 1, 1}), (std::vector<int>{4, 3, 3}));
  // Quotas 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left to the largest remainder (0.5).
  EXPECT_EQ(largest_remainder(7, {0.5, 0.3, 0.2}), (std::vector<int>{4, 2, 1}));
  EXPECT_EQ(largest_remainder(3, {0, 2, 0}), (std::vector<int>{0, 3, 0}));
  EXPECT_EQ(largest_remainder(5, {0, 0}), (std::vector<int>{0, 0}));
  EXPECT_EQ(largest_remainder(0, {1, 2}), (std::vector<int>{0, 0}));
}

TEST(QueueStaffing, OneTypeOneGroupShareIsTheGroupRequirementAndStandAloneIsErlangC) {
  for (Method method : {Method::Erlang, Method::Simulation}) {
    const Scenario s = one_queue();
    const auto out = ccsim::staffing::staff(s, options(method));
    ASSERT_TRUE(out.errors.empty()) << out.errors[0];
    const auto q = queue_staffing(s, *out.result);
    EXPECT_EQ(q.net[0], out.result->net[0]);
    EXPECT_EQ(q.gross[0], out.result->scheduled[0]);
    ccsim::erlang::Targets t;
    t.threshold_s = 20;
    t.target_sl = 0.8;
    const double per_hour[] = {600, 900, 300};
    for (std::size_t i = 0; i < 3; ++i) {
      const int erlang_c = *ccsim::erlang::min_agents_c(per_hour[i], 180, t);
      EXPECT_EQ(q.stand_alone_net[0][i], erlang_c) << i;
      // To schedule: the fewest agents who, 25% shrunk and rounded as the simulator rounds
      // (to the nearest, halves up), leave erlang_c on duty.
      int gross = erlang_c;
      while (int(std::floor(gross * 0.75 + 0.5)) < erlang_c) ++gross;
      EXPECT_EQ(q.stand_alone_gross[0][i], gross) << i;
    }
  }
}

TEST(QueueStaffing, SharesOfABlendedGroupSumToItsRequirementNetAndGross) {
  for (Method method : {Method::Erlang, Method::Simulation}) {
    const Scenario s = blended();
    const auto out = ccsim::staffing::staff(s, options(method));
    ASSERT_TRUE(out.errors.empty()) << out.errors[0];
    const auto& r = *out.result;
    const auto q = queue_staffing(s, r);
    for (std::size_t i = 0; i < 3; ++i) {
      int net_total = 0, gross_total = 0;
      for (std::size_t g = 0; g < 2; ++g) {
        EXPECT_EQ(q.group_net[0][g][i] + q.group_net[1][g][i], r.net[g][i]) << g << " " << i;
        EXPECT_EQ(q.group_gross[0][g][i] + q.group_gross[1][g][i], r.scheduled[g][i]);
        for (std::size_t k = 0; k < 2; ++k) {
          EXPECT_GE(q.group_gross[k][g][i], q.group_net[k][g][i]);
        }
        net_total += r.net[g][i];
        gross_total += r.scheduled[g][i];
      }
      EXPECT_EQ(q.group_net[1][0][i], 0);  // the calls-only group takes no email
      EXPECT_EQ(q.net[0][i] + q.net[1][i], net_total);
      EXPECT_EQ(q.gross[0][i] + q.gross[1][i], gross_total);
    }
  }
}

// A hand-made result: in one interval, calls work 100 × 360 s = 36000 s and email 20 × 900 s
// = 18000 s; each group was busy 0.75 × 20 agents × 1800 s = 27000 s. Email is all in the
// blended group, so calls took its other 9000 s: the blended group's 10 agents split 10 ×
// 18000 / 27000 = 6.67 to email and 3.33 to calls, 7 and 3 as integers.
TEST(QueueStaffing, ABlendedGroupIsSplitByTheBusyTimeOfEachType) {
  Scenario s = blended();
  s.horizon.intervals = 1;
  s.contact_types[0].arrivals.per_interval = {300};
  s.contact_types[1].arrivals.per_interval = {60};
  ccsim::staffing::Result r;
  r.method = Method::Simulation;
  r.net = {{20}, {10}};
  r.scheduled = {{27}, {12}};
  r.achieved.intervals.assign(1, std::vector<ccsim::ContactKpis>(3));
  r.achieved.group_intervals.assign(1, std::vector<ccsim::GroupKpis>(2));
  auto set = [](ccsim::KpiEstimate& e, double v) { e = sim::Estimate{v, 0.0, 4}; };
  auto& calls = r.achieved.intervals[0][0].kpi;
  auto& email = r.achieved.intervals[0][1].kpi;
  set(calls[std::size_t(ccsim::Kpi::Answered)], 100);
  set(calls[std::size_t(ccsim::Kpi::Aht)], 360);
  set(email[std::size_t(ccsim::Kpi::Answered)], 20);
  set(email[std::size_t(ccsim::Kpi::Aht)], 900);
  for (auto& g : r.achieved.group_intervals[0]) {
    set(g.kpi[std::size_t(ccsim::GroupKpi::Utilisation)], 0.75);
    set(g.kpi[std::size_t(ccsim::GroupKpi::Agents)], 20);
  }
  const auto q = queue_staffing(s, r);
  EXPECT_EQ(q.group_net[0][1][0], 3);
  EXPECT_EQ(q.group_net[1][1][0], 7);
  EXPECT_EQ(q.net[0][0], 23);
  EXPECT_EQ(q.net[1][0], 7);
  // The 2 agents added for shrinkage split alike: 0.67 to calls and 1.33 to email, 1 and 1.
  EXPECT_EQ(q.group_gross[0][1][0], 4);
  EXPECT_EQ(q.group_gross[1][1][0], 8);
  EXPECT_EQ(q.gross[0][0], 27 + 4);
}

}  // namespace
