#include "models/centre/contact_centre.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "models/centre/experiment.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

TEST(ContactCentre, EveryOfferedContactIsAnsweredAbandonedOrStillWaiting) {
  // Staff drops to zero for the last interval and callers have no patience there, so some are
  // left waiting at the end.
  Scenario s = test::stationary_queue(400, Distribution::exponential(300), 30, 3600, 0);
  s.horizon.interval_s = 1200;
  s.horizon.intervals = 3;
  s.agent_groups[0].staff.kind = Staffing::Kind::PerInterval;
  s.agent_groups[0].staff.per_interval = {30, 25, 0};
  s.contact_types[0].patience = Distribution::exponential(200);
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    std::uint64_t offered = 0, answered = 0, abandoned = 0, unserved = 0;
    simulate_replication(s, 9, rep, [&](const ContactRecord& r) {
      ++offered;
      if (r.outcome == Outcome::Answered) ++answered;
      if (r.outcome == Outcome::Abandoned) ++abandoned;
      if (r.outcome == Outcome::Unserved) ++unserved;
    });
    EXPECT_GT(offered, 0u);
    EXPECT_EQ(offered, answered + abandoned + unserved);
  }
  s.contact_types[0].patience.reset();
  std::uint64_t unserved = 0, answered_late = 0;
  const auto result = simulate_replication(s, 9, 0, [&](const ContactRecord& r) {
    if (r.outcome == Outcome::Unserved) ++unserved;
    if (r.outcome == Outcome::Answered && r.answer_s >= 2400) ++answered_late;
  });
  EXPECT_GT(unserved, 0u);
  EXPECT_EQ(answered_late, 0u);
  std::uint64_t counted = 0;
  for (const auto& row : result.contact) counted += std::uint64_t(*row[0].value(Kpi::Offered));
  EXPECT_EQ(counted, result.contacts);
}

TEST(ContactCentre, RecordsRespectTheirInvariants) {
  Scenario s = test::stationary_queue(700, Distribution::gamma(180, 0.7), 34, 7200, 0);
  s.contact_types[0].patience = Distribution::weibull(180, 0.8);
  s.contact_types[0].wrap_up = Distribution::uniform(5, 25);
  std::uint64_t last_id = 0, n = 0;
  simulate_replication(s, 1, 0, [&](const ContactRecord& r) {
    ++n;
    EXPECT_LE(r.arrival_s, r.queue_entry_s);
    EXPECT_LE(r.queue_entry_s, r.end_s);
    if (r.outcome == Outcome::Answered) {
      EXPECT_LE(r.queue_entry_s, r.answer_s);
      EXPECT_DOUBLE_EQ(r.end_s, r.answer_s + r.handle_s);
      EXPECT_GE(r.wrap_s, 5.0);
      EXPECT_EQ(r.group, 0);
    }
    last_id = std::max(last_id, r.id);
  });
  EXPECT_EQ(last_id + 1, n);  // ids are 0..n-1, each recorded once
}

TEST(ContactCentre, PerIntervalArrivalCountsAreReproduced) {
  Scenario s = test::stationary_queue(0, Distribution::exponential(120), 40, 3600, 0);
  s.horizon.interval_s = 900;
  s.horizon.intervals = 4;
  s.contact_types[0].arrivals.kind = Arrivals::Kind::PerInterval;
  s.contact_types[0].arrivals.per_interval = {50, 200, 0, 120};
  RunOptions o;
  o.replications = 200;
  const Results r = run_experiment(s, o);
  const double expected[] = {50, 200, 0, 120};
  for (int i = 0; i < 4; ++i) {
    const auto& e = r.intervals[std::size_t(i)][0][Kpi::Offered];
    ASSERT_TRUE(e.has_value());
    // Poisson: the CI of the mean count must cover the expected count (2 half-widths).
    EXPECT_NEAR(e->mean, expected[i], 2.0 * e->ci95 + 1e-9) << "interval " << i;
  }
  EXPECT_DOUBLE_EQ(r.intervals[2][0][Kpi::Offered]->mean, 0.0);
  EXPECT_FALSE(r.intervals[2][0][Kpi::Asa].has_value());  // no contact: undefined, not 0
}

TEST(ContactCentre, UnlimitedStaffMeansNobodyWaits) {
  Scenario s = test::stationary_queue(1200, Distribution::lognormal(300, 1.5), 5000, 7200, 0);
  s.contact_types[0].patience = Distribution::exponential(10);
  RunOptions o;
  o.replications = 3;
  const Results r = run_experiment(s, o);
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Asa]->mean, 0.0);
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Abandoned]->mean, 0.0);
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::ServiceLevel]->mean, 1.0);
}

TEST(ContactCentre, WrapUpOccupiesTheAgentButNotTheCustomer) {
  Scenario s = test::stationary_queue(60, Distribution::deterministic(100), 10, 7200, 0);
  s.contact_types[0].wrap_up = Distribution::deterministic(50);
  RunOptions o;
  o.replications = 2;
  const Results r = run_experiment(s, o);
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Aht]->mean, 150.0);
  // Resolution = wait + talk; with ten agents for one call a minute nobody waits.
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Art]->mean, 100.0);
}

TEST(ContactCentre, AgentsFinishTheContactInHandWhenStaffingDrops) {
  // One agent, then none: a call answered just before the boundary is completed after it.
  Scenario s = test::stationary_queue(0, Distribution::deterministic(600), 1, 1200, 0);
  s.horizon.interval_s = 600;
  s.horizon.intervals = 2;
  s.contact_types[0].arrivals.kind = Arrivals::Kind::Trace;
  s.contact_types[0].arrivals.trace_times_s = {500.0, 700.0};
  s.agent_groups[0].staff.kind = Staffing::Kind::PerInterval;
  s.agent_groups[0].staff.per_interval = {1, 0};
  std::vector<ContactRecord> records;
  const auto result =
      simulate_replication(s, 1, 0, [&](const ContactRecord& r) { records.push_back(r); });
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].outcome, Outcome::Answered);
  EXPECT_DOUBLE_EQ(records[0].end_s, 1100.0);  // finished after the shift ended
  EXPECT_EQ(records[1].outcome, Outcome::Unserved);
  // Interval 1: the agent is busy on overtime the whole interval: occupancy 1.
  EXPECT_DOUBLE_EQ(*result.group[1][0].value(GroupKpi::Occupancy), 1.0);
}

TEST(ContactCentre, StaffingFromShiftsAddsOverlappingShifts) {
  AgentGroup g;
  g.staff.kind = Staffing::Kind::Shifts;
  g.staff.shifts = {{0, 3600, 5}, {1800, 7200, 3}, {3600, 7200, 2}};
  g.shrinkage = 0.0;
  Horizon h;
  h.interval_s = 1800;
  h.intervals = 4;
  const auto schedule = net_staffing_schedule(g, h);
  ASSERT_EQ(schedule.size(), 3u);
  EXPECT_EQ(schedule[0].agents, 5);
  EXPECT_DOUBLE_EQ(schedule[1].time_s, 1800);
  EXPECT_EQ(schedule[1].agents, 8);
  EXPECT_DOUBLE_EQ(schedule[2].time_s, 3600);
  EXPECT_EQ(schedule[2].agents, 5);
  g.shrinkage = 0.3;
  EXPECT_EQ(net_staffing_schedule(g, h)[1].agents, 6);  // round(8 x 0.7) = round(5.6)
  EXPECT_DOUBLE_EQ(scheduled_agents_in_interval(g, h, 1), 8.0);
}

TEST(ContactCentre, VariantsShareArrivalsAndHandleTimes) {
  // Common random numbers: changing staffing leaves arrival times and handle times alone.
  Scenario a = test::stationary_queue(500, Distribution::lognormal(200, 1.0), 30, 3600, 0);
  a.contact_types[0].patience = Distribution::exponential(120);
  Scenario b = a;
  b.agent_groups[0].staff.count = 26;
  std::map<std::uint64_t, ContactRecord> ra, rb;
  simulate_replication(a, 3, 4, [&](const ContactRecord& r) { ra[r.id] = r; });
  simulate_replication(b, 3, 4, [&](const ContactRecord& r) { rb[r.id] = r; });
  ASSERT_EQ(ra.size(), rb.size());
  int both_answered = 0;
  for (const auto& [id, x] : ra) {
    const ContactRecord& y = rb.at(id);
    EXPECT_DOUBLE_EQ(x.arrival_s, y.arrival_s);
    if (x.outcome == Outcome::Answered && y.outcome == Outcome::Answered) {
      EXPECT_DOUBLE_EQ(x.handle_s, y.handle_s);
      ++both_answered;
    }
  }
  EXPECT_GT(both_answered, 100);
}

TEST(ContactCentre, ResultsDoNotDependOnTheThreadCount) {
  Scenario s = test::stationary_queue(600, Distribution::exponential(180), 32, 7200, 600);
  s.contact_types[0].patience = Distribution::exponential(300);
  RunOptions one, two;
  one.replications = two.replications = 8;
  one.threads = 1;
  two.threads = 2;
  const Results a = run_experiment(s, one), b = run_experiment(s, two);
  for (const KpiInfo& info : contact_kpis()) {
    ASSERT_EQ(a.totals[0][info.kpi].has_value(), b.totals[0][info.kpi].has_value());
    if (!a.totals[0][info.kpi]) continue;
    EXPECT_EQ(a.totals[0][info.kpi]->mean, b.totals[0][info.kpi]->mean) << info.name;
    EXPECT_EQ(a.totals[0][info.kpi]->ci95, b.totals[0][info.kpi]->ci95) << info.name;
  }
}

TEST(ContactCentre, MemoryIsBoundedByContactsInTheSystem) {
  // Ten times the customers, same peak of contacts and pending events.
  Scenario big_s = test::stationary_queue(3600, Distribution::exponential(180), 190, 1e6, 0);
  big_s.contact_types[0].patience = Distribution::exponential(300);
  Scenario small_s = test::stationary_queue(3600, Distribution::exponential(180), 190, 1e5, 0);
  small_s.contact_types[0].patience = Distribution::exponential(300);
  const auto a = simulate_replication(small_s, 1, 0), b = simulate_replication(big_s, 1, 0);
  EXPECT_GT(b.contacts, 9 * a.contacts);
  EXPECT_LT(b.peak_in_system, 2 * a.peak_in_system + 100);
  EXPECT_LT(b.peak_pending_events, 2 * a.peak_pending_events + 100);
}

}  // namespace
