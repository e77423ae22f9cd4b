// Starting from a state (Scenario::initial_state): the draws conditioned on time already spent,
// the state read back from records, and runs from a state against independent results.
#include "models/centre/initial_state.h"

#include <gtest/gtest.h>

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "scenario_builder.h"

namespace ccsim {
namespace {

using centre::residual_sample;

// The share of draws of X − e given X > e that are <= t, against 1 − S(e + t) / S(e) within
// four binomial standard deviations.
void expect_conditional_shares(const Distribution& d, double e,
                               const std::function<double(double)>& survival) {
  constexpr int kDraws = 40000;
  std::vector<double> draws;
  sim::RandomStream rng(7, 0, 99, 0);
  for (int i = 0; i < kDraws; ++i) draws.push_back(residual_sample(d, e, rng));
  for (double t : {0.2 * d.mean_s, d.mean_s, 3.0 * d.mean_s}) {
    const double p = 1.0 - survival(e + t) / survival(e);
    const double share =
        double(std::count_if(draws.begin(), draws.end(), [t](double x) { return x <= t; })) /
        kDraws;
    EXPECT_NEAR(share, p, 4.0 * std::sqrt(p * (1.0 - p) / kDraws) + 1e-9) << "t = " << t;
  }
}

TEST(ResidualSample, WeibullBeyondElapsedFollowsTheConditionalSurvival) {
  const Distribution d = Distribution::weibull(100.0, 0.6);
  const double scale = 100.0 / std::tgamma(1.0 + 1.0 / 0.6);
  expect_conditional_shares(d, 150.0,
                            [&](double x) { return std::exp(-std::pow(x / scale, 0.6)); });
}

TEST(ResidualSample, LognormalBeyondElapsedFollowsTheConditionalSurvival) {
  const Distribution d = Distribution::lognormal(100.0, 1.5);
  const double sigma = std::sqrt(std::log(1.0 + 1.5 * 1.5)),
               mu = std::log(100.0) - sigma * sigma / 2;
  expect_conditional_shares(d, 200.0, [&](double x) {
    return 0.5 * std::erfc((std::log(x) - mu) / (sigma * std::sqrt(2.0)));
  });
}

TEST(ResidualSample, GammaAndErlangBeyondElapsedFollowTheConditionalSurvival) {
  expect_conditional_shares(Distribution::gamma(100.0, 0.5), 120.0,
                            [](double x) { return boost::math::gamma_q(4.0, x / 25.0); });
  // Erlang-3 of mean 90: survival e^{−x/30} (1 + x/30 + (x/30)²/2).
  expect_conditional_shares(Distribution::erlang(90.0, 3), 60.0, [](double x) {
    const double y = x / 30.0;
    return std::exp(-y) * (1.0 + y + y * y / 2.0);
  });
}

TEST(ResidualSample, BoundedKindsGiveWhatIsLeftAndZeroBeyondTheSupport) {
  sim::RandomStream rng(1, 0, 1, 0);
  EXPECT_EQ(residual_sample(Distribution::deterministic(100.0), 30.0, rng), 70.0);
  EXPECT_EQ(residual_sample(Distribution::deterministic(100.0), 130.0, rng), 0.0);
  EXPECT_EQ(residual_sample(Distribution::empirical({10.0, 50.0}), 20.0, rng), 30.0);
  EXPECT_EQ(residual_sample(Distribution::empirical({10.0, 50.0}), 60.0, rng), 0.0);
  for (int i = 0; i < 100; ++i) {
    const double x = residual_sample(Distribution::uniform(0.0, 100.0), 80.0, rng);
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 20.0);
  }
  EXPECT_EQ(residual_sample(Distribution::uniform(0.0, 100.0), 100.0, rng), 0.0);
  // So far in the tail that S(e) underflows; Weibull's closed form needs no S(e): its hazard
  // grows, so what is left is tiny.
  EXPECT_EQ(residual_sample(Distribution::lognormal(1.0, 0.1), 1e6, rng), 0.0);
  EXPECT_EQ(residual_sample(Distribution::gamma(1.0, 0.1), 1e6, rng), 0.0);
  EXPECT_LT(residual_sample(Distribution::weibull(1.0, 5.0), 1e6, rng), 1e-6);
}

// No arrivals, `agents` agents with exponential handle times of mean `handle_s`, no patience.
Scenario empty_queue(int agents, const Distribution& handle) {
  Scenario s = test::stationary_queue(0.0, handle, agents, 3600.0, 0.0);
  s.initial_state.waiting_s.assign(1, {});
  s.initial_state.busy.assign(1, {});
  return s;
}

// Contact k > 10 of 50 waits for the (k − 10)-th of the completions of 10 busy agents, which
// come every 10 s on average: the mean wait is Σ_{j=1}^{40} 10 j / 50 = 164 s.
TEST(InitialState, FiftyWaitingForTenAgentsWaitOnAverage164Seconds) {
  Scenario s = empty_queue(10, Distribution::exponential(100.0));
  s.initial_state.waiting_s[0].assign(50, 0.0);
  RunOptions options;
  options.replications = 2000;
  const Results r = run_experiment(s, options);
  const sim::Estimate asa = *r.totals[0][Kpi::Asa];
  EXPECT_LT(asa.ci95, 3.0);
  EXPECT_NEAR(asa.mean, 164.0, asa.ci95);
  EXPECT_EQ(r.totals[0][Kpi::Answered]->mean, 50.0);
}

// A busy agent with remaining_s is free exactly then; with elapsed_s under a deterministic
// handle time, after what is left of it. The waiting contact's wait includes its elapsed part.
TEST(InitialState, BusyAgentsFinishExactlyWhenTheStateSays) {
  for (const auto& [busy, answer_s] : {std::pair{BusyAgent{0, 0.0, 50.0}, 50.0},
                                       std::pair{BusyAgent{0, 30.0, std::nullopt}, 70.0}}) {
    Scenario s = empty_queue(1, Distribution::deterministic(100.0));
    s.initial_state.busy[0] = {busy};
    s.initial_state.waiting_s[0] = {20.0};
    std::vector<ContactRecord> records;
    simulate_replication(s, 1, 0, [&](const ContactRecord& rec) { records.push_back(rec); });
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].outcome, Outcome::Answered);
    EXPECT_EQ(records[0].arrival_s, -20.0);
    EXPECT_EQ(records[0].answer_s, answer_s);
    const ReplicationKpis k = replication_kpis(simulate_replication(s, 1, 0));
    EXPECT_EQ(*k.contact[contact_kpi_index(1, 0, 0, Kpi::Asa)], answer_s + 20.0);
  }
}

// max_wait_s counts the wait before the start: of two callers who have waited 90 s and 30 s
// for the only (busy) agent, with max_wait_s 60 and an overflow to a back-up queue, the first
// is overflowed at once and the second 30 s later.
TEST(InitialState, MaxWaitCountsTheWaitBeforeTheStart) {
  Scenario s = empty_queue(1, Distribution::deterministic(100.0));
  ContactType backup = s.contact_types[0];
  backup.name = "backup";
  s.contact_types.push_back(backup);
  AgentGroup backup_team = s.agent_groups[0];
  backup_team.name = "backup_team";
  backup_team.skills = {1};
  s.agent_groups.push_back(backup_team);
  s.contact_types[0].max_wait_s = 60.0;
  s.contact_types[0].overflow_to = 1;
  s.initial_state.waiting_s = {{90.0, 30.0}, {}};
  s.initial_state.busy = {{BusyAgent{0, 0.0, 500.0}}, {}};
  std::vector<double> overflowed_s;
  simulate_replication(s, 1, 0, [&](const ContactRecord& rec) {
    if (rec.outcome == Outcome::Overflowed) overflowed_s.push_back(rec.end_s);
  });
  EXPECT_EQ(overflowed_s, (std::vector<double>{0.0, 30.0}));
}

// Contacts that have waited 150 s, with Weibull patience and no agent, abandon at the
// residual: the share gone within t of the start is 1 − S(150 + t) / S(150).
TEST(InitialState, WaitingContactsAbandonAtTheConditionalRate) {
  Scenario s = empty_queue(0, Distribution::exponential(100.0));
  s.contact_types[0].patience = Distribution::weibull(100.0, 0.6);
  s.initial_state.waiting_s[0].assign(20000, 150.0);
  std::vector<double> abandon_s;
  simulate_replication(s, 3, 0, [&](const ContactRecord& r) {
    if (r.outcome == Outcome::Abandoned) abandon_s.push_back(r.end_s);
  });
  ASSERT_EQ(abandon_s.size(), 20000u);
  const double scale = 100.0 / std::tgamma(1.0 + 1.0 / 0.6);
  auto survival = [&](double x) { return std::exp(-std::pow(x / scale, 0.6)); };
  for (double t : {20.0, 100.0, 400.0}) {
    const double p = 1.0 - survival(150.0 + t) / survival(150.0);
    const double share = double(std::count_if(abandon_s.begin(), abandon_s.end(),
                                              [t](double x) { return x <= t; })) /
                         double(abandon_s.size());
    EXPECT_NEAR(share, p, 4.0 * std::sqrt(p * (1.0 - p) / 20000.0)) << "t = " << t;
  }
}

TEST(InitialState, StateAtReadsWaitingCallbacksAndBusyAgentsFromRecords) {
  Scenario s = empty_queue(2, Distribution::exponential(100.0));
  ContactRecord waiting;  // queued at 40, answered at 130: waiting at 100 for 60 s
  waiting.outcome = Outcome::Answered;
  waiting.queued = true;
  waiting.queue_entry_s = 40.0;
  waiting.answer_s = 130.0;
  waiting.group = 0;
  ContactRecord busy;  // answered at 90, talk 5 + wrap 10: busy at 100 for 10 s
  busy.outcome = Outcome::Answered;
  busy.queued = true;
  busy.queue_entry_s = 80.0;
  busy.answer_s = 90.0;
  busy.handle_s = 5.0;
  busy.wrap_s = 10.0;
  busy.group = 0;
  ContactRecord callback;  // accepted at 70 after queueing at 70, never reached
  callback.outcome = Outcome::Unserved;
  callback.queued = true;
  callback.callback_accepted = true;
  callback.queue_entry_s = 70.0;
  ContactRecord gone;  // abandoned at 95
  gone.outcome = Outcome::Abandoned;
  gone.queued = true;
  gone.queue_entry_s = 10.0;
  gone.end_s = 95.0;
  const InitialState state = centre::state_at(s, {waiting, busy, callback, gone}, 100.0);
  EXPECT_EQ(state.waiting_s, std::vector<std::vector<double>>{{60.0}});
  EXPECT_EQ(state.callbacks_s, std::vector<std::vector<double>>{{30.0}});
  ASSERT_EQ(state.busy.size(), 1u);
  ASSERT_EQ(state.busy[0].size(), 1u);
  EXPECT_EQ(state.busy[0][0].elapsed_s, 10.0);
  EXPECT_FALSE(state.busy[0][0].remaining_s);
}

// A Markovian day of 15-minute intervals: 360 calls an hour, exponential handle (60 s) and
// patience (300 s), the agents on duty per interval as given.
Scenario markovian_day(const std::vector<int>& agents) {
  Scenario s = test::stationary_queue(360.0, Distribution::exponential(60.0), 0, 900.0, 0.0);
  s.horizon.stationary = false;
  s.horizon.intervals = int(agents.size());
  s.contact_types[0].patience = Distribution::exponential(300.0);
  s.agent_groups[0].staff.kind = Staffing::Kind::PerInterval;
  s.agent_groups[0].staff.per_interval = agents;
  return s;
}

struct Mean {
  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  void add(double x) {
    sum += x;
    sum2 += x * x;
    ++n;
  }
  double mean() const { return sum / n; }
  double variance_of_mean() const { return (sum2 / n - mean() * mean()) / (n - 1); }
};

// Mean wait of the answered contacts that arrived in [from_s, from_s + 900) of one replication.
double first_quarter_wait_s(const Scenario& s, std::uint64_t seed, std::uint64_t r, double from_s) {
  double wait = 0.0;
  int answered = 0;
  simulate_replication(s, seed, r, [&](const ContactRecord& c) {
    if (c.outcome != Outcome::Answered || c.arrival_s < from_s || c.arrival_s >= from_s + 900.0) {
      return;
    }
    wait += c.answer_s - c.queue_entry_s;
    ++answered;
  });
  return answered ? wait / answered : 0.0;
}

// An overloaded morning (4 agents for 6 erlangs) leaves a queue at 01:00; the afternoon (6
// agents) started from the morning's end state gives the callers of its first quarter-hour the
// waits the whole day gives them, within three standard errors, where an empty start does not.
TEST(InitialState, AfternoonFromTheMorningsEndStateAgreesWithTheWholeDay) {
  const Scenario whole = markovian_day({4, 4, 4, 4, 6, 6});
  const Scenario morning = markovian_day({4, 4, 4, 4});
  const Scenario afternoon = markovian_day({6, 6});
  constexpr int kReplications = 300;
  Mean day, split, empty;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    day.add(first_quarter_wait_s(whole, 11, r, 3600.0));
    std::vector<ContactRecord> records;
    simulate_replication(morning, 12, r, [&](const ContactRecord& c) { records.push_back(c); });
    Scenario from_state = afternoon;
    from_state.initial_state = centre::state_at(morning, records, 3600.0);
    split.add(first_quarter_wait_s(from_state, 13, r, 0.0));
    empty.add(first_quarter_wait_s(afternoon, 13, r, 0.0));
  }
  const double se = std::sqrt(day.variance_of_mean() + split.variance_of_mean());
  EXPECT_NEAR(split.mean(), day.mean(), 3.0 * se);
  EXPECT_GT(day.mean() - empty.mean(),
            3.0 * std::sqrt(day.variance_of_mean() + empty.variance_of_mean()));
}

}  // namespace
}  // namespace ccsim
