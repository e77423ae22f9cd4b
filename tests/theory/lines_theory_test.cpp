// Telephone lines against exact results: Erlang B when lines = agents, the M/M/c/K loss
// probability when lines K > agents c, Little's law for the lines held, and conservation of
// contacts per type in every replication with every flow that ends a contact.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "models/queueing/erlang.h"
#include "tests/models/conservation.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

Results run(const Scenario& s, int replications = 20) {
  RunOptions o;
  o.replications = replications;
  o.seed = 77;
  return run_experiment(s, o);
}

// |simulated - exact| within two CI half-widths (about four standard errors).
void expect_agrees(const KpiEstimate& e, double exact) {
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(e->mean, exact, 2.0 * e->ci95)
      << "simulated " << e->mean << " ± " << e->ci95 << ", exact " << exact;
}

// Stationary distribution of the M/M/c/K chain (K lines, c agents, no abandonment):
// pi[n] ∝ prod_{j=1..n} lambda / (min(j, c) mu), n = 0..K.
std::vector<double> mmck_distribution(double a, int c, int k) {
  std::vector<double> pi(std::size_t(k) + 1, 1.0);
  for (int n = 1; n <= k; ++n) pi[std::size_t(n)] = pi[std::size_t(n) - 1] * a / std::min(n, c);
  double sum = 0.0;
  for (double p : pi) sum += p;
  for (double& p : pi) p /= sum;
  return pi;
}

TEST(Lines, BlockRateEqualsErlangBWhenLinesEqualAgents) {
  const double aht = 180.0, rate = 400.0, a = rate / 3600.0 * aht;  // 20 erlangs
  const int c = 20;
  Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), c);
  s.contact_types[0].lines = c;
  const Results r = run(s);
  const double b = erlang::erlang_b(c, a);
  expect_agrees(r.totals[0][Kpi::BlockRate], b);
  ASSERT_EQ(r.trunks, std::vector<std::string>{"calls"});
  expect_agrees(r.trunk_totals[0][TrunkKpi::LinesInUse], a * (1.0 - b));
  expect_agrees(r.trunk_totals[0][TrunkKpi::LineOccupancy], a * (1.0 - b) / c);
  // Every contact that gets a line gets an agent at once.
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Asa]->mean, 0.0);
}

TEST(Lines, BlockRateEqualsMMcKLossWhenLinesExceedAgents) {
  const double aht = 240.0, rate = 300.0, a = rate / 3600.0 * aht;  // 20 erlangs
  const int c = 19, k = 25;
  Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), c);
  Trunk t;
  t.name = "main";
  t.lines = k;
  t.contact_types = {0};
  s.trunks.push_back(t);
  const Results r = run(s);
  const std::vector<double> pi = mmck_distribution(a, c, k);
  double mean_held = 0.0;
  for (int n = 0; n <= k; ++n) mean_held += n * pi[std::size_t(n)];
  expect_agrees(r.totals[0][Kpi::BlockRate], pi[std::size_t(k)]);
  expect_agrees(r.trunk_totals[0][TrunkKpi::LinesInUse], mean_held);
  EXPECT_GT(r.totals[0][Kpi::Asa]->mean, 0.0);  // lines beyond the agents hold a queue
}

// Two types sharing a trunk, with patience, a bot, callbacks, retrials and redials after a
// busy signal, over three intervals of which the last is unstaffed.
Scenario busy_centre() {
  Scenario s = test::stationary_queue(600, Distribution::lognormal(200, 0.8), 20, 3600, 0);
  s.horizon.interval_s = 1200;
  s.horizon.intervals = 3;
  s.horizon.stationary = false;
  s.agent_groups[0].staff.kind = Staffing::Kind::PerInterval;
  s.agent_groups[0].staff.per_interval = {20, 16, 0};
  ContactType& a = s.contact_types[0];
  a.patience = Distribution::exponential(150);
  a.retrial = Retrial{0.3, Distribution::exponential(120), 3, 0.6, std::nullopt};
  a.self_service = SelfService{0.1};
  ContactType b = a;
  b.name = "sales";
  b.patience.reset();
  b.self_service.reset();
  b.retrial = Retrial{0.0, Distribution::exponential(60), 2, 0.8, Distribution::deterministic(30)};
  Callback cb;
  cb.offer_when_expected_wait_over_s = 60;
  cb.accept_prob = 0.5;
  b.callback = cb;
  s.contact_types.push_back(b);
  s.agent_groups[0].skills = {0, 1};
  Trunk t;
  t.name = "shared";
  t.lines = 30;
  t.contact_types = {0, 1};
  s.trunks.push_back(t);
  return s;
}

// The line-seconds held within [0, end_s] by one contact: from arrival to the end of its talk,
// to its acceptance of a callback, or to its leaving unanswered; none when blocked.
double line_seconds(const ContactRecord& r, double end_s) {
  if (r.outcome == Outcome::Blocked) return 0.0;
  double release = r.outcome == Outcome::Answered ? r.answer_s + r.handle_s : r.end_s;
  if (r.callback_accepted) release = r.callback_accept_s;
  return std::min(release, end_s) - r.arrival_s;
}

TEST(Lines, LinesHeldObeyLittlesLawExactly) {
  const Scenario s = busy_centre();
  const double end = s.horizon.end_s();
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    double held_s = 0.0;
    std::uint64_t blocked = 0;
    const ReplicationResult res = simulate_replication(s, 5, rep, [&](const ContactRecord& r) {
      if (r.arrival_s < end) held_s += line_seconds(r, end);
      if (r.outcome == Outcome::Blocked) ++blocked;
    });
    ASSERT_EQ(res.trunk_total.size(), 1u);
    // Time-average lines held × window = the line-seconds of the contacts (sample-path
    // Little's law, each contact cut at the window's end).
    EXPECT_NEAR(res.trunk_total[0].line_s, held_s, 1e-6 * held_s);
    double per_interval = 0.0;
    for (const auto& row : res.trunk) per_interval += row[0].line_s;
    EXPECT_NEAR(per_interval, held_s, 1e-6 * held_s);
    EXPECT_GT(blocked, 0u);
  }
}

TEST(Lines, EveryOfferedContactEndsInExactlyOneOutcomePerTypeAndReplication) {
  const Scenario s = busy_centre();
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    const ReplicationResult res = simulate_replication(s, 3, rep);
    for (std::size_t k = 0; k < s.contact_types.size(); ++k) {
      ContactStats total;
      for (const auto& row : res.contact) total.merge(row[k]);
      auto v = [&](Kpi q) { return std::uint64_t(*total.value(q)); };
      EXPECT_GT(v(Kpi::Blocked), 0u);
      EXPECT_EQ(v(Kpi::Offered), test::ended_contacts(total))
          << "type " << k << ", replication " << rep;
    }
  }
}

TEST(Lines, BlockedContactsRedialWithTheirOwnProbability) {
  Scenario s = test::stationary_queue(400, Distribution::exponential(180), 20);
  s.contact_types[0].lines = 20;
  s.contact_types[0].retrial =
      Retrial{0.0, Distribution::exponential(600), 1, 0.3, Distribution::exponential(60)};
  // One retry allowed, none after abandoning (no patience either): the redials are a
  // Binomial(first attempts blocked, 0.3).
  double blocked_first = 0.0, redials = 0.0;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    simulate_replication(s, 11, rep, [&](const ContactRecord& r) {
      if (r.attempt == 0 && r.outcome == Outcome::Blocked) ++blocked_first;
      if (r.attempt == 1) ++redials;
    });
  }
  ASSERT_GT(blocked_first, 1000.0);
  EXPECT_NEAR(redials, 0.3 * blocked_first, 4.0 * std::sqrt(blocked_first * 0.3 * 0.7));
}

TEST(Lines, NoLinesMeansNoTrunksAndNothingBlocked) {
  const Scenario s = test::stationary_queue(400, Distribution::exponential(180), 21);
  const Results r = run(s, 3);
  EXPECT_TRUE(r.trunks.empty());
  EXPECT_TRUE(r.trunk_totals.empty());
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Blocked]->mean, 0.0);
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::BlockRate]->mean, 0.0);
}

}  // namespace
