// Queue caps against exact results: max_queue with blocking is the M/M/c/K loss, a cap on the
// expected wait of 0 is Erlang B; overflows and messages arrive one for one on their types; no
// caller waits beyond max_wait_s; every offered contact ends in exactly one outcome.
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
  o.seed = 91;
  return run_experiment(s, o);
}

void expect_agrees(const KpiEstimate& e, double exact) {
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(e->mean, exact, 2.0 * e->ci95)
      << "simulated " << e->mean << " ± " << e->ci95 << ", exact " << exact;
}

// P(all K places taken) in M/M/c/K (c agents, K >= c places, no abandonment).
double mmck_loss(double a, int c, int k) {
  double term = 1.0, sum = 1.0;
  for (int n = 1; n <= k; ++n) {
    term *= a / std::min(n, c);
    sum += term;
  }
  return term / sum;
}

TEST(QueueCap, MaxQueueWithBlockingIsTheMMcKLoss) {
  const double aht = 200.0, rate = 360.0, a = rate / 3600.0 * aht;  // 20 erlangs
  const int c = 20, q = 4;
  Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), c);
  s.contact_types[0].max_queue = q;
  const Results r = run(s);
  expect_agrees(r.totals[0][Kpi::BlockRate], mmck_loss(a, c, c + q));
}

TEST(QueueCap, ExpectedWaitCapOfZeroIsErlangB) {
  const double aht = 180.0, rate = 400.0, a = rate / 3600.0 * aht;
  const int c = 21;
  Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), c);
  s.contact_types[0].max_expected_wait_s = 0.0;  // any predicted wait: no agent free
  const Results r = run(s);
  expect_agrees(r.totals[0][Kpi::BlockRate], erlang::erlang_b(c, a));
  EXPECT_DOUBLE_EQ(r.totals[0][Kpi::Asa]->mean, 0.0);
}

// Calls capped at 3 waiting and 60 s of waiting, overflowing to "backup" (its own agents) or
// offered a message handled as "voicemail" (email); both flows with patience and lines.
Scenario capped_centre(bool overflow) {
  Scenario s = test::stationary_queue(500, Distribution::lognormal(180, 0.9), 22, 7200, 0);
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 4;
  s.horizon.stationary = false;
  ContactType& calls = s.contact_types[0];
  calls.patience = Distribution::exponential(300);
  calls.lines = 40;
  calls.max_queue = 3;
  calls.max_wait_s = 60.0;
  calls.retrial = Retrial{0.2, Distribution::exponential(300), 2, 0.5, std::nullopt};
  ContactType other = calls;
  other.name = overflow ? "backup" : "voicemail";
  other.arrivals.rate_per_hour = 20;
  other.lines.reset();
  other.max_queue.reset();
  other.max_wait_s.reset();
  other.retrial.reset();
  if (overflow) {
    calls.overflow_to = 1;
  } else {
    other.channel = Channel::Email;
    other.patience.reset();
    other.service_level.threshold_s = 3600;
    calls.message = MessageOption{0.6, 1};
  }
  s.contact_types.push_back(other);
  AgentGroup g = s.agent_groups[0];
  g.name = "second";
  g.skills = {1};
  g.staff.count = 4;
  s.agent_groups.push_back(g);
  return s;
}

std::uint64_t count(const ContactStats& s, Kpi q) {
  return std::uint64_t(*s.value(q));
}

TEST(QueueCap, EveryOfferedContactEndsInExactlyOneOutcomeAndMovesArriveOneForOne) {
  for (bool overflow : {true, false}) {
    const Scenario s = capped_centre(overflow);
    for (std::uint64_t rep = 0; rep < 3; ++rep) {
      const ReplicationResult res = simulate_replication(s, 4, rep);
      std::vector<ContactStats> total(2);
      for (const auto& row : res.contact) {
        for (std::size_t k = 0; k < 2; ++k) total[k].merge(row[k]);
      }
      for (const ContactStats& t : total) {
        EXPECT_EQ(count(t, Kpi::Offered), test::ended_contacts(t));
      }
      const Kpi out = overflow ? Kpi::Overflowed : Kpi::Messages;
      const Kpi in = overflow ? Kpi::OverflowIn : Kpi::MessagesIn;
      EXPECT_GT(count(total[0], out), 0u);
      EXPECT_EQ(count(total[0], out), count(total[1], in));
      EXPECT_EQ(count(total[1], Kpi::FirstAttempts) + count(total[1], in) +
                    count(total[1], Kpi::Retrials),
                count(total[1], Kpi::Offered));
    }
  }
}

TEST(QueueCap, NoCallerWaitsLongerThanMaxWait) {
  const Scenario s = capped_centre(true);
  std::uint64_t moved_after_waiting = 0;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    simulate_replication(s, 8, rep, [&](const ContactRecord& r) {
      if (r.type != 0 || !r.queued) return;
      if (r.outcome == Outcome::Answered && !r.on_callback()) {
        EXPECT_LE(r.answer_s - r.queue_entry_s, 60.0 + 1e-9);
      }
      if (r.outcome == Outcome::Overflowed) {
        ++moved_after_waiting;
        EXPECT_NEAR(r.end_s - r.queue_entry_s, 60.0, 1e-9);
      }
    });
  }
  EXPECT_GT(moved_after_waiting, 0u);
}

TEST(QueueCap, CallersLeaveAMessageWithItsAcceptProbability) {
  Scenario s = capped_centre(false);
  s.contact_types[0].max_wait_s.reset();
  s.contact_types[0].retrial.reset();
  double messages = 0.0, blocked_by_cap = 0.0;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    simulate_replication(s, 6, rep, [&](const ContactRecord& r) {
      if (r.type == 0 && r.outcome == Outcome::Messaged) ++messages;
      if (r.type == 1 && r.origin == Origin::Message) {
        EXPECT_NE(r.outcome, Outcome::Abandoned);  // email never abandons
      }
      // Lines (40) exceed agents and queue (22 + 3): a blocked call found the queue full.
      if (r.type == 0 && r.outcome == Outcome::Blocked) ++blocked_by_cap;
    });
  }
  const double offers = messages + blocked_by_cap;
  ASSERT_GT(offers, 500.0);
  EXPECT_NEAR(messages, 0.6 * offers, 4.0 * std::sqrt(offers * 0.6 * 0.4));
}

}  // namespace
