// Outbound work blended with inbound against independent results: no call and bit-identical
// inbound results when the reserve covers every agent; the exact attempt count of agents that
// only call out (deterministic times) and the renewal-theory count (random times); Koole's
// threshold rule checked at every attempt from the logged records; inbound waits that rise as
// the reserve falls; no attempt while an inbound contact has waited beyond the threshold; agent
// time conserved per group; quotas lost and lists carried over; days split the figures.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

Results run(const Scenario& s, int replications = 20) {
  RunOptions o;
  o.replications = replications;
  o.seed = 11;
  return run_experiment(s, o);
}

// |simulated - exact| within two CI half-widths (about four standard errors).
void expect_agrees(const KpiEstimate& e, double exact) {
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(e->mean, exact, 2.0 * e->ci95)
      << "simulated " << e->mean << " ± " << e->ci95 << ", exact " << exact;
}

OutboundCampaign campaign(Distribution talk, long long list_size = 1000000000) {
  OutboundCampaign c;
  c.name = "renewals";
  c.groups = {0};
  c.list_size = list_size;
  c.talk_time = talk;
  return c;
}

// A day of `intervals` intervals of interval_s, no warm-up, one voice queue of `per_hour`
// Poisson arrivals (exponential handle 180 s, patience 300 s) and `agents` agents.
Scenario day(double per_hour, int agents, int intervals, double interval_s) {
  Scenario s = test::stationary_queue(per_hour, Distribution::exponential(180), agents);
  s.horizon.interval_s = interval_s;
  s.horizon.intervals = intervals;
  s.horizon.stationary = false;
  s.simulation.warmup_s = 0.0;
  s.contact_types[0].patience = Distribution::exponential(300);
  return s;
}

TEST(Outbound, ReserveOfEveryAgentMakesNoCallAndLeavesInboundBitIdentical) {
  Scenario without = test::stationary_queue(600, Distribution::exponential(180), 32);
  without.contact_types[0].patience = Distribution::exponential(300);
  Scenario with = without;
  OutboundCampaign c = campaign(Distribution::exponential(300));
  c.reserve_idle = 32;
  c.max_inbound_wait_s = 1e9;
  with.outbound = {c};
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const ReplicationResult a = simulate_replication(without, 5, rep);
    const ReplicationResult b = simulate_replication(with, 5, rep);
    EXPECT_EQ(b.outbound_total.at(0).attempts, 0.0);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.contacts, b.contacts);
    const ReplicationKpis ka = replication_kpis(a), kb = replication_kpis(b);
    EXPECT_EQ(ka.contact, kb.contact);  // every KPI of every scope, to the last bit
    EXPECT_EQ(ka.group, kb.group);
  }
}

TEST(Outbound, AgentsWithoutInboundMakeIntervalOverAttemptTimeCallsExactly) {
  // 10 agents, attempts of 120 s talk + 30 s wrap-up: 10 × 900 / 150 = 60 per interval.
  Scenario s = day(0.0, 10, 4, 900);
  OutboundCampaign c = campaign(Distribution::deterministic(120));
  c.wrap_up = Distribution::deterministic(30);
  s.outbound = {c};
  const Results r = run(s, 3);
  ASSERT_EQ(r.campaigns, std::vector<std::string>{"renewals"});
  for (std::size_t i = 0; i < 4; ++i) {
    const OutboundKpis& k = r.outbound_intervals[i][0];
    EXPECT_EQ(k[OutboundKpi::Attempts]->mean, 60.0) << "interval " << i;
    EXPECT_EQ(k[OutboundKpi::Connects]->mean, 60.0);
    EXPECT_EQ(k[OutboundKpi::TalkTime]->mean, 60.0 * 120.0);
    EXPECT_NEAR(k[OutboundKpi::AgentTime]->mean, 10.0 * 900.0, 1e-6);
  }
  EXPECT_EQ(r.outbound_totals[0][OutboundKpi::Attempts]->mean, 240.0);
  EXPECT_EQ(r.outbound_totals[0][OutboundKpi::CallsLeft]->mean, 1e9 - 240.0);
  // Never idle: the agents' occupancy is 1.
  EXPECT_NEAR(r.group_totals[0][GroupKpi::Occupancy]->mean, 1.0, 1e-12);
}

TEST(Outbound, AttemptsPerIntervalAreAgentsTimesIntervalOverMeanAttemptTime) {
  // Connect 0.25 (talk 300 s), else exponential 60 s dialling: mean attempt 120 s; in a long
  // run each agent is a renewal process of attempts, 3600 / 120 = 30 an hour.
  Scenario s = day(0.0, 10, 4, 3600);
  OutboundCampaign c = campaign(Distribution::deterministic(300));
  c.connect_prob = 0.25;
  c.dial_time = Distribution::exponential(60);
  s.outbound = {c};
  const Results r = run(s);
  for (std::size_t i = 1; i < 4; ++i) {
    expect_agrees(r.outbound_intervals[i][0][OutboundKpi::Attempts], 10.0 * 3600.0 / 120.0);
    expect_agrees(r.outbound_intervals[i][0][OutboundKpi::Connects], 0.25 * 300.0);
  }
  EXPECT_NEAR(r.group_totals[0][GroupKpi::Occupancy]->mean, 1.0, 1e-12);
}

// The records of one replication: inbound contacts and outbound attempts.
struct Logged {
  std::vector<ContactRecord> contacts;
  std::vector<OutboundAttemptRecord> attempts;
  ReplicationResult result;
};
Logged logged(const Scenario& s, std::uint64_t rep) {
  Logged out;
  out.result = simulate_replication(
      s, 3, rep, [&](const ContactRecord& r) { out.contacts.push_back(r); },
      [&](const OutboundAttemptRecord& a) { out.attempts.push_back(a); });
  return out;
}

TEST(Outbound, NoAttemptStartsWithFewerThanReserveIdleAgentsLeft) {
  // 30 erlangs on 36 agents with a reserve of 3: the rule binds often.
  Scenario s = day(600, 36, 8, 1800);
  OutboundCampaign c = campaign(Distribution::exponential(240));
  c.connect_prob = 0.3;
  c.dial_time = Distribution::exponential(30);
  c.reserve_idle = 3;
  c.max_inbound_wait_s = 1e9;
  s.outbound = {c};
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const Logged log = logged(s, rep);
    ASSERT_GT(log.attempts.size(), 100u);
    // Agents busy at t from the records alone: inbound contacts in talk or wrap-up, and the
    // attempts started so far that have not ended.
    std::vector<double> starts, ends;
    for (const ContactRecord& r : log.contacts) {
      if (r.outcome != Outcome::Answered) continue;
      starts.push_back(r.answer_s);
      ends.push_back(r.answer_s + r.handle_s + r.wrap_s);
    }
    std::sort(starts.begin(), starts.end());
    std::sort(ends.begin(), ends.end());
    auto count_le = [](const std::vector<double>& v, double t) {
      return long(std::upper_bound(v.begin(), v.end(), t) - v.begin());
    };
    std::priority_queue<double, std::vector<double>, std::greater<>> on_attempt;
    long at_threshold = 0;
    for (const OutboundAttemptRecord& a : log.attempts) {
      while (!on_attempt.empty() && on_attempt.top() <= a.start_s) on_attempt.pop();
      on_attempt.push(a.end_s);
      const long busy =
          count_le(starts, a.start_s) - count_le(ends, a.start_s) + long(on_attempt.size());
      const long idle_left = 36 - busy;
      ASSERT_GE(idle_left, 3) << "attempt at " << a.start_s;
      at_threshold += idle_left == 3;
    }
    EXPECT_GT(at_threshold, 0);  // the agents call out down to the reserve
  }
}

// The campaign spans a busy group (service) and an idle one (other, no traffic): the idle
// group's agents may call out only while no service call has waited longer than the threshold.
TEST(Outbound, NoAttemptStartsWhileAnInboundContactHasWaitedLongerThanTheThreshold) {
  Scenario s = day(600, 30, 8, 1800);
  ContactType other = s.contact_types[0];
  other.name = "other";
  other.arrivals.rate_per_hour = 0.0;
  s.contact_types.push_back(other);
  AgentGroup idle_team = s.agent_groups[0];
  idle_team.name = "other_team";
  idle_team.skills = {1};
  idle_team.staff.count = 5;
  s.agent_groups.push_back(idle_team);
  OutboundCampaign c = campaign(Distribution::exponential(240));
  c.groups = {0, 1};
  c.max_inbound_wait_s = 10.0;
  s.outbound = {c};
  double attempts_with_threshold = 0.0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const Logged log = logged(s, rep);
    for (const OutboundAttemptRecord& a : log.attempts) {
      for (const ContactRecord& r : log.contacts) {
        if (!r.queued || r.queue_entry_s > a.start_s) continue;
        const double left_queue_s = r.outcome == Outcome::Answered ? r.answer_s : r.end_s;
        if (left_queue_s <= a.start_s) continue;  // no longer waiting
        ASSERT_LE(a.start_s - r.queue_entry_s, 10.0) << "attempt at " << a.start_s;
      }
    }
    attempts_with_threshold += double(log.attempts.size());
  }
  s.outbound[0].max_inbound_wait_s = 1e9;
  double attempts_without = 0.0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    attempts_without += double(logged(s, rep).attempts.size());
  }
  EXPECT_GT(attempts_with_threshold, 0.0);
  EXPECT_GT(attempts_without, attempts_with_threshold);
}

TEST(Outbound, InboundWaitsRiseAsTheReserveFalls) {
  Scenario s = day(600, 33, 8, 1800);
  std::vector<double> asa;
  for (int reserve : {6, 4, 2, 0}) {
    OutboundCampaign c = campaign(Distribution::exponential(300));
    c.reserve_idle = reserve;
    s.outbound = {c};
    asa.push_back(run(s).totals[0][Kpi::Asa]->mean);
  }
  for (std::size_t i = 1; i < asa.size(); ++i) {
    EXPECT_GT(asa[i], asa[i - 1]) << "reserve " << 6 - 2 * int(i);
  }
}

TEST(Outbound, AgentTimeIsConservedPerGroup) {
  // A blended group and an inbound-only group on two types; the campaign uses the first.
  Scenario s = day(500, 20, 6, 1800);
  ContactType other = s.contact_types[0];
  other.name = "sales";
  s.contact_types.push_back(other);
  s.agent_groups[0].skills = {0, 1};
  AgentGroup inbound_only = s.agent_groups[0];
  inbound_only.name = "sales_team";
  inbound_only.skills = {1};
  inbound_only.staff.count = 8;
  s.agent_groups.push_back(inbound_only);
  OutboundCampaign c = campaign(Distribution::exponential(200));
  c.wrap_up = Distribution::exponential(20);
  c.reserve_idle = 2;
  s.outbound = {c};
  const double end = s.horizon.end_s();
  auto within = [end](double a, double b) { return std::max(0.0, std::min(b, end) - a); };
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const Logged log = logged(s, rep);
    std::vector<double> inbound(2, 0.0), outbound(2, 0.0);
    for (const ContactRecord& r : log.contacts) {
      if (r.outcome == Outcome::Answered) {
        inbound[std::size_t(r.group)] += within(r.answer_s, r.answer_s + r.handle_s + r.wrap_s);
      }
    }
    for (const OutboundAttemptRecord& a : log.attempts) {
      outbound[std::size_t(a.group)] += within(a.start_s, a.end_s);
    }
    EXPECT_GT(outbound[0], 0.0);
    EXPECT_EQ(outbound[1], 0.0);
    for (std::size_t g = 0; g < 2; ++g) {
      const GroupStats& gs = log.result.group_total[g];
      const double staffed = double(s.agent_groups[g].staff.count) * end;
      const double idle = gs.available_agent_s - gs.busy_agent_s;
      EXPECT_NEAR(gs.available_agent_s, staffed, 1e-6);
      EXPECT_NEAR(gs.outbound_agent_s, outbound[g], 1e-6);
      EXPECT_NEAR(gs.busy_agent_s - gs.outbound_agent_s, inbound[g], 1e-6);
      EXPECT_GE(idle, 0.0);
      EXPECT_NEAR(inbound[g] + outbound[g] + idle, staffed, 1e-6) << "group " << g;
    }
    double campaign_agent_s = 0.0;
    for (const std::vector<OutboundStats>& row : log.result.outbound) {
      campaign_agent_s += row[0].agent_s;
    }
    EXPECT_NEAR(campaign_agent_s, outbound[0], 1e-6);
  }
}

TEST(Outbound, QuotaCallsNotMadeAreLostAndListCallsCarryOver) {
  // 2 agents, attempts of exactly 600 s, intervals of 900 s, no inbound.
  Scenario s = day(0.0, 2, 3, 900);
  OutboundCampaign c = campaign(Distribution::deterministic(600));
  c.list_size.reset();
  c.calls_per_interval = {5, 5, 0};
  s.outbound = {c};
  // Starts at 0, 0, 600, 600 (one of 5 lost at 900); 1200, 1200 (3 lost at 1800); none.
  ReplicationResult q = simulate_replication(s, 1, 0);
  EXPECT_EQ(q.outbound[0][0].attempts, 4.0);
  EXPECT_EQ(q.outbound[0][0].calls_left, 1.0);
  EXPECT_EQ(q.outbound[1][0].attempts, 2.0);
  EXPECT_EQ(q.outbound[1][0].calls_left, 3.0);
  EXPECT_EQ(q.outbound[2][0].attempts, 0.0);
  EXPECT_EQ(q.outbound_total[0].calls_left, 4.0);
  // A list of 10: starts at 0, 600 | 1200 | 1800, 2400; left 6 at 900, 4 at 1800, then 0.
  c.calls_per_interval.clear();
  c.list_size = 10;
  s.outbound = {c};
  ReplicationResult l = simulate_replication(s, 1, 0);
  EXPECT_EQ(l.outbound[0][0].attempts, 4.0);
  EXPECT_EQ(l.outbound[0][0].calls_left, 6.0);
  EXPECT_EQ(l.outbound[1][0].attempts, 2.0);
  EXPECT_EQ(l.outbound[1][0].calls_left, 4.0);
  EXPECT_EQ(l.outbound[2][0].attempts, 4.0);
  EXPECT_EQ(l.outbound[2][0].calls_left, 0.0);
  EXPECT_EQ(l.outbound_total[0].attempts, 10.0);
}

TEST(Outbound, DaysSplitTheFiguresAndNoAttemptStartsWhileClosed) {
  // Two days open 30 minutes each, 2 agents, attempts of exactly 300 s: 2 × 1800 / 300 = 12 a
  // day, started at 0, 300, ..., 1500 after each opening.
  Scenario s = day(0.0, 2, 2, 900);
  s.horizon.days = 2;
  s.outbound = {campaign(Distribution::deterministic(300))};
  const Logged log = logged(s, 0);
  ASSERT_EQ(log.attempts.size(), 24u);
  for (const OutboundAttemptRecord& a : log.attempts) {
    EXPECT_FALSE(s.horizon.closed_at(a.start_s)) << "attempt at " << a.start_s;
  }
  ASSERT_EQ(log.result.outbound_day.size(), 2u);
  for (const std::vector<OutboundStats>& d : log.result.outbound_day) {
    EXPECT_EQ(d[0].attempts, 12.0);
    EXPECT_NEAR(d[0].agent_s, 2.0 * 1800.0, 1e-9);
  }
  EXPECT_EQ(log.result.outbound_total[0].attempts, 24.0);
  EXPECT_EQ(log.result.outbound[3][0].attempts, 6.0);  // day 1's second interval
}

}  // namespace
