// Properties of staffing: one rounding rule between scheduled and on-duty agents; a search by
// simulation whose answer rises with volume, is flat where the load is, and meets its targets
// when the plan is simulated; utilisation caps for chat.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"
#include "tests/models/scenario_builder.h"

namespace {

using ccsim::Scenario;
using ccsim::staffing::Method;
using ccsim::staffing::Options;

TEST(Shrinkage, ScheduledAgentsPutExactlyTheRequiredNetOnDuty) {
  std::vector<double> shrinkages{0.12, 0.3, 1.0 / 3.0, 0.999};
  for (int p = 0; p < 100; ++p) shrinkages.push_back(p / 100.0);
  for (const double s : shrinkages) {
    for (int n = 0; n <= 400; ++n) {
      const int m = ccsim::scheduled_agents(n, s);
      EXPECT_EQ(ccsim::net_agents(m, s), n) << "n " << n << ", s " << s;
      if (n > 0) {
        EXPECT_LT(ccsim::net_agents(m - 1, s), n) << "n " << n << ", s " << s;
      }
    }
  }
}

TEST(Shrinkage, TheSimulationRoundsToTheNearestAndStaffSchedulesTheFewest) {
  EXPECT_EQ(ccsim::net_agents(15, 0.3), 11);        // 10.5 rounds up
  EXPECT_EQ(ccsim::net_agents(14, 0.3), 10);        // 9.8
  EXPECT_EQ(ccsim::scheduled_agents(10, 0.3), 14);  // 13 × 0.7 = 9.1
  EXPECT_EQ(ccsim::scheduled_agents(19, 0.3), 27);  // 18.9; 26 × 0.7 = 18.2
  EXPECT_EQ(ccsim::scheduled_agents(35, 0.3), 50);  // 35.0; 49 × 0.7 = 34.3
  EXPECT_EQ(ccsim::scheduled_agents(7, 0.0), 7);
  EXPECT_EQ(ccsim::scheduled_agents(0, 0.5), 0);
}

// Three hours of four quarter-hours each, every hour flat: 60, 110 and 70 calls per quarter;
// AHT 240 s and patience 300 s (exponential), 80/20 and at most 5% abandoned; 30% shrinkage.
Scenario three_flat_hours(double volume_factor = 1.0) {
  Scenario s;
  s.name = "three flat hours";
  s.horizon.interval_s = 900;
  s.horizon.intervals = 12;
  s.simulation.replications = 20;
  ccsim::ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  for (const double per_quarter : {60.0, 110.0, 70.0}) {
    for (int q = 0; q < 4; ++q) ct.arrivals.per_interval.push_back(per_quarter * volume_factor);
  }
  ct.handle_time = ccsim::Distribution::exponential(240);
  ct.patience = ccsim::Distribution::exponential(300);
  ct.has_service_level_target = true;
  ct.service_level = {20.0, 0.8};
  ct.max_abandon_rate = 0.05;
  s.contact_types.push_back(ct);
  ccsim::AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.kind = ccsim::Staffing::Kind::Count;
  g.staff.count = 30;
  g.shrinkage = 0.3;
  s.agent_groups.push_back(g);
  return s;
}

Options simulation_options(int replications = 20) {
  Options o;
  o.method = Method::Simulation;
  o.replications = replications;
  o.seed = 7;
  o.threads = 1;
  return o;
}

TEST(StaffingProperties, MoreVolumeNeverNeedsFewerAgents) {
  const auto base = ccsim::staffing::staff(three_flat_hours(), simulation_options());
  const auto more = ccsim::staffing::staff(three_flat_hours(1.1), simulation_options());
  ASSERT_TRUE(base.result && more.result);
  ASSERT_TRUE(base.result->misses.empty() && more.result->misses.empty());
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_GE(more.result->net[0][i], base.result->net[0][i]) << "interval " << i;
    EXPECT_GE(more.result->scheduled[0][i], base.result->scheduled[0][i]) << "interval " << i;
  }
}

TEST(StaffingProperties, FlatHourGetsFlatRequirement) {
  for (const double factor : {1.0, 1.1}) {
    const auto out = ccsim::staffing::staff(three_flat_hours(factor), simulation_options());
    ASSERT_TRUE(out.result);
    const auto& net = out.result->net[0];
    const auto& carry = out.result->carry_over[0];
    for (std::size_t hour = 0; hour < 3; ++hour) {
      const std::size_t first = 4 * hour;
      // Every quarter of the hour after the first has the same agents; the first has them
      // too, or (and then says so) more after the busier hour before it, or fewer after the
      // quieter one: the queue it starts with is carried over.
      for (std::size_t q = first + 1; q < first + 4; ++q) {
        EXPECT_EQ(net[q], net[first + 1]) << "factor " << factor << ", interval " << q;
        EXPECT_FALSE(carry[q]) << q;
      }
      if (!carry[first]) {
        EXPECT_EQ(net[first], net[first + 1]) << "factor " << factor << ", hour " << hour;
      } else if (hour == 1) {  // after 60 calls a quarter, 110
        EXPECT_LT(net[first], net[first + 1]) << "factor " << factor;
      } else {  // after 110, 70
        EXPECT_EQ(hour, 2u);
        EXPECT_GT(net[first], net[first + 1]) << "factor " << factor;
      }
    }
  }
}

TEST(StaffingProperties, NetPlanMeetsTargetsWhenSimulated) {
  const Scenario s = three_flat_hours();
  const Options o = simulation_options();
  const auto out = ccsim::staffing::staff(s, o);
  ASSERT_TRUE(out.result);
  EXPECT_TRUE(out.result->misses.empty());
  // The scheduled plan, simulated, puts exactly the net plan on duty in every interval...
  const Scenario planned = ccsim::staffing::with_staffing(s, out.result->scheduled);
  const std::vector<ccsim::StaffChange> on_duty =
      ccsim::net_staffing_schedule(planned.agent_groups[0], planned.horizon);
  for (int i = 0; i < 12; ++i) {
    const double t = planned.horizon.interval_start_s(i);
    const double agents = ccsim::agent_seconds(on_duty, t, t + 900) / 900;
    EXPECT_EQ(agents, out.result->net[0][std::size_t(i)]) << "interval " << i;
  }
  // ... and meets every target there.
  ccsim::RunOptions run;
  run.replications = o.replications;
  run.seed = o.seed;
  run.threads = 1;
  const ccsim::Results r = ccsim::run_experiment(planned, run);
  EXPECT_TRUE(ccsim::staffing::missed_targets(s, r, ccsim::staffing::Judge::Mean).empty());
}

// A stationary chat queue: 240 chats an hour of 10 minutes each (40 erlangs), 2 chats per agent.
Scenario chat_queue() {
  Scenario s = ccsim::test::stationary_queue(240, ccsim::Distribution::exponential(600), 30);
  s.contact_types[0].channel = ccsim::Channel::Chat;
  s.agent_groups[0].concurrency = 2;
  return s;
}

TEST(StaffingProperties, AUtilisationCapCountsChatSlotsNotBusyAgents) {
  Scenario s = chat_queue();
  s.agent_groups[0].max_utilisation = 0.8;
  Options o = simulation_options(4);
  o.method = Method::Erlang;
  const auto erlang = ccsim::staffing::staff(s, o);
  ASSERT_TRUE(erlang.errors.empty()) << erlang.errors[0];
  EXPECT_EQ(erlang.result->net[0][0], 25);  // 40 erlangs ÷ (2 slots × 0.8)

  const auto simulated = ccsim::staffing::staff(s, simulation_options(4));
  ASSERT_TRUE(simulated.result);
  EXPECT_TRUE(simulated.result->misses.empty());
  const auto& util = simulated.result->achieved.group_intervals[0][0][ccsim::GroupKpi::Utilisation];
  ASSERT_TRUE(util);
  EXPECT_LE(util->mean, 0.8 + 1e-9);

  // The same cap on occupancy (an agent with 1 of 2 chats is busy) needs more agents.
  Scenario by_occupancy = chat_queue();
  by_occupancy.agent_groups[0].max_occupancy = 0.8;
  const auto occupied = ccsim::staffing::staff(by_occupancy, simulation_options(4));
  ASSERT_TRUE(occupied.result);
  EXPECT_GT(occupied.result->net[0][0], simulated.result->net[0][0]);
}

TEST(StaffingProperties, AtOneContactPerAgentAUtilisationCapIsAnOccupancyCap) {
  for (const Method method : {Method::Erlang, Method::Transient, Method::Simulation}) {
    Scenario by_occupancy = three_flat_hours();
    by_occupancy.agent_groups[0].max_occupancy = 0.75;
    Scenario by_utilisation = three_flat_hours();
    by_utilisation.agent_groups[0].max_utilisation = 0.75;
    Options o = simulation_options(5);
    o.method = method;
    const auto occupancy = ccsim::staffing::staff(by_occupancy, o);
    const auto utilisation = ccsim::staffing::staff(by_utilisation, o);
    ASSERT_TRUE(occupancy.result && utilisation.result) << ccsim::staffing::method_name(method);
    EXPECT_EQ(occupancy.result->net, utilisation.result->net)
        << ccsim::staffing::method_name(method);
    // The cap binds: more agents than the service level alone needs.
    Scenario uncapped = three_flat_hours();
    const auto alone = ccsim::staffing::staff(uncapped, o);
    ASSERT_TRUE(alone.result);
    EXPECT_GT(ccsim::staffing::agent_hours(utilisation.result->scheduled, uncapped.horizon),
              ccsim::staffing::agent_hours(alone.result->scheduled, uncapped.horizon))
        << ccsim::staffing::method_name(method);
  }
}

}  // namespace
