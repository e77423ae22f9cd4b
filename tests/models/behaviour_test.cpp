// Customer behaviour and agent skill: transfers, balking on announced waits, channel
// switching, agent speed and satisfaction.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "models/queueing/erlang.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

Results run(const Scenario& s, int replications = 20, std::uint64_t seed = 21) {
  RunOptions o;
  o.replications = replications;
  o.seed = seed;
  return run_experiment(s, o);
}

Scenario first_line_and_specialists(double transfer_prob) {
  Scenario s = test::stationary_queue(600, Distribution::exponential(180), 34, 14400, 0);
  s.contact_types[0].name = "first_line";
  s.contact_types[0].patience = Distribution::exponential(300);
  ContactType specialist;
  specialist.name = "specialist";
  specialist.arrivals.rate_per_hour = 60;
  specialist.handle_time = Distribution::exponential(400);
  specialist.patience = Distribution::exponential(600);
  specialist.priority = 1;
  s.contact_types.push_back(specialist);
  s.contact_types[0].transfers = {Transfer{1, transfer_prob}};
  AgentGroup g;
  g.name = "specialists";
  g.skills = {1};
  g.staff.count = 20;
  s.agent_groups.push_back(g);
  return s;
}

TEST(Transfers, RaiseTheTargetsOfferedLoadByTheTransferredCount) {
  const Scenario s = first_line_and_specialists(0.25);
  std::uint64_t answered_a = 0, transferred = 0, arrived_by_transfer = 0;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto result = simulate_replication(s, 3, rep, [&](const ContactRecord& r) {
      if (r.type == 0 && r.outcome == Outcome::Answered) {
        ++answered_a;
        if (r.transferred) ++transferred;
      }
      if (r.type == 1 && r.leg == 1) {
        ++arrived_by_transfer;
        EXPECT_LT(r.journey_start_s, r.arrival_s);
        EXPECT_FALSE(r.used_bot);
      }
    });
    const auto kpis = replication_kpis(result);
    const std::size_t day = std::size_t(s.horizon.intervals);
    EXPECT_EQ(*kpis.contact[contact_kpi_index(2, day, 1, Kpi::TransfersIn)],
              *kpis.contact[contact_kpi_index(2, day, 0, Kpi::Transfers)]);
  }
  EXPECT_EQ(arrived_by_transfer, transferred);
  const double p = double(transferred) / double(answered_a);
  EXPECT_NEAR(p, 0.25, 4 * std::sqrt(0.25 * 0.75 / double(answered_a)));
  const Results r = run(s, 5);
  EXPECT_NEAR(r.totals[0][Kpi::Fcr]->mean, 0.75, 0.02);
  EXPECT_NEAR(r.totals[0][Kpi::TransferRate]->mean, 0.25, 0.02);
  // The specialist's resolution time counts the whole journey.
  EXPECT_GT(r.totals[1][Kpi::Art]->mean, 400.0 + 0.0);
}

TEST(Balking, ZeroCurveChangesNothing) {
  Scenario s = test::stationary_queue(650, Distribution::lognormal(180, 1.1), 32, 14400, 600);
  s.contact_types[0].patience = Distribution::exponential(240);
  // A balking type announces (and so scores) its predicted wait: the plain one scores it too.
  s.contact_types[0].wait_predictor = WaitPredictor::QueueLength;
  const Results plain = run(s, 6);
  s.contact_types[0].balk = WaitCurve{{{0.0, 0.0}, {600.0, 0.0}}};
  const Results zero = run(s, 6);
  for (const KpiInfo& info : contact_kpis()) {
    ASSERT_EQ(plain.totals[0][info.kpi].has_value(), zero.totals[0][info.kpi].has_value())
        << info.name;
    if (!plain.totals[0][info.kpi]) continue;
    EXPECT_EQ(plain.totals[0][info.kpi]->mean, zero.totals[0][info.kpi]->mean) << info.name;
    EXPECT_EQ(plain.totals[0][info.kpi]->ci95, zero.totals[0][info.kpi]->ci95) << info.name;
  }
}

TEST(Balking, ConstantBalkingIsErlangAWithThinnedArrivals) {
  // Every caller who would wait or not balks with b = 0.2 whatever the announcement: the
  // queue sees (1 - b) lambda.
  const double b = 0.2;
  Scenario s = test::stationary_queue(750, Distribution::exponential(180), 32);
  s.contact_types[0].patience = Distribution::exponential(300);
  s.contact_types[0].balk = WaitCurve{{{0.0, b}}};
  const Results r = run(s);
  erlang::Params p;
  p.agents = 32;
  p.arrivals_per_hour = 750 * (1 - b);
  p.aht_s = 180;
  p.patience_s = 300;
  p.threshold_s = 20;
  const auto exact = erlang::erlang_a(p);
  const auto& e = r.totals[0][Kpi::AbandonRate];
  EXPECT_NEAR(e->mean, exact.p_abandon, 2 * e->ci95) << e->mean << " vs " << exact.p_abandon;
  const auto& asa = r.totals[0][Kpi::Asa];
  EXPECT_NEAR(asa->mean, *exact.asa_s, 2 * asa->ci95) << asa->mean << " vs " << *exact.asa_s;
  EXPECT_NEAR(r.totals[0][Kpi::Balked]->mean / r.totals[0][Kpi::Offered]->mean, b, 0.01);
}

TEST(Balking, LongerAnnouncementsLoseMoreCallers) {
  Scenario s = test::stationary_queue(700, Distribution::exponential(180), 30);
  s.contact_types[0].balk = WaitCurve{{{0.0, 0.0}, {120.0, 0.05}, {600.0, 0.3}}};
  const Results busy = run(s, 5);
  s.agent_groups[0].staff.count = 36;
  const Results quiet = run(s, 5);
  EXPECT_GT(busy.totals[0][Kpi::Balked]->mean, 2.0 * quiet.totals[0][Kpi::Balked]->mean);
}

TEST(ChannelSwitching, AbandonedCallersComeBackAsChatsWithTheGivenProbability) {
  Scenario s = test::stationary_queue(700, Distribution::exponential(180), 30, 14400, 0);
  s.contact_types[0].patience = Distribution::exponential(120);
  ContactType chat;
  chat.name = "chat";
  chat.channel = Channel::Chat;
  chat.arrivals.rate_per_hour = 0;
  chat.handle_time = Distribution::exponential(300);
  s.contact_types.push_back(chat);
  s.contact_types[0].channel_switch = ChannelSwitch{1, 0.3, Distribution::exponential(300)};
  AgentGroup g;
  g.name = "chat_agents";
  g.skills = {1};
  g.staff.count = 10;
  s.agent_groups.push_back(g);
  std::uint64_t abandoned = 0, switched = 0;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    simulate_replication(s, 4, rep, [&](const ContactRecord& r) {
      if (r.type == 0 && r.outcome == Outcome::Abandoned) ++abandoned;
      if (r.type == 1) {
        EXPECT_TRUE(r.retrial());
        ++switched;
      }
    });
  }
  ASSERT_GT(abandoned, 1000u);
  EXPECT_NEAR(double(switched) / double(abandoned), 0.3,
              4 * std::sqrt(0.3 * 0.7 / double(abandoned)));
}

TEST(AgentSpeed, SpeedFactorEqualsScalingTheMeanHandleTime) {
  Scenario fast = test::stationary_queue(600, Distribution::exponential(180), 40);
  fast.contact_types[0].patience = Distribution::exponential(300);
  fast.agent_groups[0].speed_factor = 1.25;
  Scenario scaled = fast;
  scaled.agent_groups[0].speed_factor = 1.0;
  scaled.contact_types[0].handle_time = Distribution::exponential(180 * 1.25);
  const Results a = run(fast, 4), b = run(scaled, 4);
  for (Kpi k : {Kpi::Answered, Kpi::Abandoned, Kpi::Asa, Kpi::Aht, Kpi::ServiceLevel}) {
    EXPECT_NEAR(a.totals[0][k]->mean, b.totals[0][k]->mean,
                1e-9 * std::max(1.0, std::abs(b.totals[0][k]->mean)))
        << kpi_info(k).name;
  }
}

TEST(AgentSpeed, FastestGroupRoutingSendsWorkToTheFasterGroup) {
  Scenario s = test::stationary_queue(300, Distribution::exponential(180), 12);
  AgentGroup slow = s.agent_groups[0];
  slow.name = "slow";
  slow.speed_factor = 1.5;
  s.agent_groups.push_back(slow);
  const Results idle_first = run(s, 4);
  s.routing.agent_choice = AgentChoice::FastestGroup;
  const Results fast_first = run(s, 4);
  EXPECT_LT(fast_first.totals[0][Kpi::Aht]->mean, idle_first.totals[0][Kpi::Aht]->mean - 10.0);
  EXPECT_GT(fast_first.group_totals[0][GroupKpi::Occupancy]->mean,
            fast_first.group_totals[1][GroupKpi::Occupancy]->mean + 0.2);
}

TEST(Satisfaction, CsatIsTheCurveAveragedOverTheSimulatedWaits) {
  Scenario s = test::stationary_queue(700, Distribution::exponential(180), 31, 14400, 0);
  s.contact_types[0].patience = Distribution::exponential(200);
  const WaitCurve curve{{{0.0, 0.95}, {60.0, 0.8}, {300.0, 0.3}}};
  s.contact_types[0].satisfaction = curve;
  double sum = 0.0;
  std::uint64_t n = 0;
  const auto result = simulate_replication(s, 7, 0, [&](const ContactRecord& r) {
    ++n;
    if (r.outcome == Outcome::Answered) sum += curve.at(r.answer_s - r.queue_entry_s);
  });
  const auto kpis = replication_kpis(result);
  EXPECT_NEAR(*kpis.contact[contact_kpi_index(1, 1, 0, Kpi::Csat)], sum / double(n), 1e-12);
  EXPECT_LT(sum / double(n), 0.95);
}

TEST(WaitCurve, IsPiecewiseLinearAndConstantOutsideItsPoints) {
  const WaitCurve c{{{0.0, 0.0}, {120.0, 0.05}, {600.0, 0.3}}};
  EXPECT_DOUBLE_EQ(c.at(-5), 0.0);
  EXPECT_DOUBLE_EQ(c.at(60), 0.025);
  EXPECT_DOUBLE_EQ(c.at(360), 0.175);
  EXPECT_DOUBLE_EQ(c.at(1e9), 0.3);
  EXPECT_DOUBLE_EQ(c.at(std::numeric_limits<double>::infinity()), 0.3);
}

}  // namespace
