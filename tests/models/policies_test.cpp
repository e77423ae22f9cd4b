// The policies of models/centre/ on hand-made inputs: arrivals, the front door, callbacks,
// the customer and routing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "models/centre/arrivals.h"
#include "models/centre/callback.h"
#include "models/centre/customer.h"
#include "models/centre/front_door.h"
#include "sim/random.h"

namespace {

using namespace ccsim;
using namespace ccsim::centre;

constexpr double kInf = std::numeric_limits<double>::infinity();

sim::RandomStream fresh_stream() {
  return sim::RandomStream(1, 2, 3, 4);
}

// Whether `rng` is where a fresh stream of the same name starts: nothing was drawn from it.
bool untouched(sim::RandomStream& rng) {
  sim::RandomStream twin = fresh_stream();
  return rng.uniform() == twin.uniform();
}

// ---- arrivals ----

TEST(Arrivals, PoissonArrivalSpendsTheExponentialAtTheIntervalsRate) {
  EXPECT_DOUBLE_EQ(next_poisson_arrival_s({0.5}, 100.0, 10.0, 5.0), 20.0);
}

TEST(Arrivals, PoissonArrivalCarriesTheRestOfTheExponentialIntoTheNextInterval) {
  // 5 s at 0.1/s spend 0.5 of the exponential; the other 0.5 at 1/s takes 0.5 s.
  EXPECT_DOUBLE_EQ(next_poisson_arrival_s({0.1, 1.0}, 10.0, 5.0, 1.0), 10.5);
}

TEST(Arrivals, IntervalWithoutArrivalsIsSkipped) {
  EXPECT_DOUBLE_EQ(next_poisson_arrival_s({0.0, 2.0}, 10.0, 0.0, 1.0), 10.5);
}

TEST(Arrivals, NoArrivalPastTheLastIntervalWithARate) {
  EXPECT_EQ(next_poisson_arrival_s({1.0}, 10.0, 5.0, 10.0), kInf);
  EXPECT_EQ(next_poisson_arrival_s({1.0}, 10.0, 12.0, 0.1), kInf);
}

TEST(Arrivals, TraceGivesItsTimesInOrderThenNoMore) {
  const std::vector<double> times = {1.0, 4.0};
  std::size_t pos = 0;
  EXPECT_EQ(next_trace_arrival_s(times, pos), 1.0);
  EXPECT_EQ(next_trace_arrival_s(times, pos), 4.0);
  EXPECT_EQ(next_trace_arrival_s(times, pos), kInf);
  EXPECT_EQ(pos, 2u);
}

TEST(Arrivals, RatesPerSecondComeFromTheHourlyRateOrTheArrivalsPerInterval) {
  Arrivals hourly;
  hourly.kind = Arrivals::Kind::RatePerHour;
  hourly.rate_per_hour = 7200.0;
  EXPECT_EQ(arrival_rates_per_s(hourly, 3, 900.0), (std::vector<double>{2.0, 2.0, 2.0}));
  Arrivals per_interval;
  per_interval.kind = Arrivals::Kind::PerInterval;
  per_interval.per_interval = {90.0, 0.0};
  EXPECT_EQ(arrival_rates_per_s(per_interval, 2, 900.0), (std::vector<double>{0.1, 0.0}));
  Arrivals trace;
  trace.kind = Arrivals::Kind::Trace;
  trace.trace_times_s = {1.0};
  EXPECT_TRUE(arrival_rates_per_s(trace, 2, 900.0).empty());
}

// ---- the front door ----

TEST(FrontDoor, WithoutDeflectionNoContactIsDeflectedAndNothingIsDrawn) {
  sim::RandomStream rng = fresh_stream();
  EXPECT_FALSE(deflected(SelfService{0.0}, rng));
  EXPECT_TRUE(untouched(rng));
}

TEST(FrontDoor, CertainDeflectionDeflectsEveryContact) {
  sim::RandomStream rng = fresh_stream();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(deflected(SelfService{1.0}, rng));
}

TEST(FrontDoor, ContactStartsABotConversationOnlyWhileASessionIsFree) {
  Chatbot bot;
  bot.max_sessions = 2;
  EXPECT_EQ(admit_to_bot(bot, 1), BotAdmission::Start);
  EXPECT_EQ(admit_to_bot(bot, 2), BotAdmission::Wait);
  bot.max_sessions = 0;  // unlimited
  EXPECT_EQ(admit_to_bot(bot, 1000), BotAdmission::Start);
}

TEST(FrontDoor, WithoutBotQueuePatienceAContactWaitsForASessionForEver) {
  sim::RandomStream rng = fresh_stream();
  Chatbot bot;
  EXPECT_EQ(bot_queue_patience_s(bot, rng), std::nullopt);
  EXPECT_TRUE(untouched(rng));
  bot.queue_patience = Distribution::deterministic(45.0);
  EXPECT_EQ(bot_queue_patience_s(bot, rng), 45.0);
}

TEST(FrontDoor, BotOutcomeIsAbandonThenContainmentThenEscalationOnOneUniform) {
  sim::RandomStream rng = fresh_stream();
  Chatbot bot;
  bot.abandon_prob = 1.0;
  EXPECT_EQ(bot_outcome(bot, rng), BotOutcome::Abandoned);
  bot.abandon_prob = 0.0;
  bot.containment = 1.0;
  EXPECT_EQ(bot_outcome(bot, rng), BotOutcome::Contained);
  bot.containment = 0.0;
  EXPECT_EQ(bot_outcome(bot, rng), BotOutcome::Escalated);
  // The same uniform decides between the three: abandon below 0.5, contained below 0.75.
  bot.abandon_prob = 0.5;
  bot.containment = 0.25;
  sim::RandomStream a = fresh_stream(), b = fresh_stream();
  const double u = b.uniform();
  const BotOutcome expected = u < 0.5    ? BotOutcome::Abandoned
                              : u < 0.75 ? BotOutcome::Contained
                                         : BotOutcome::Escalated;
  EXPECT_EQ(bot_outcome(bot, a), expected);
}

// ---- callbacks ----

WaitView busy_centre(std::size_t waiting, double mean_agent_time_s, double slots_on_duty) {
  WaitView v;
  v.waiting = waiting;
  v.mean_agent_time_s = mean_agent_time_s;
  v.slots_on_duty = slots_on_duty;
  v.last_wait_s = 77.0;
  return v;
}

TEST(Callbacks, PredictedWaitIsZeroWhenASkilledAgentHasAFreeSlot) {
  WaitView v = busy_centre(3, 100.0, 2.0);
  v.free_skilled_slot = true;
  EXPECT_EQ(predicted_wait_s(WaitPredictor::QueueLength, v), 0.0);
  EXPECT_EQ(predicted_wait_s(WaitPredictor::LastToEnterService, v), 0.0);
}

TEST(Callbacks, QueueLengthPredictorSharesTheWorkAheadOverTheSlotsOnDuty) {
  // 3 waiting + this contact, 100 s each, 2 slots: 200 s.
  EXPECT_DOUBLE_EQ(predicted_wait_s(WaitPredictor::QueueLength, busy_centre(3, 100.0, 2.0)), 200.0);
}

TEST(Callbacks, NobodySkilledOnDutyPredictsAnEndlessWait) {
  EXPECT_EQ(predicted_wait_s(WaitPredictor::QueueLength, busy_centre(0, 100.0, 0.0)), kInf);
}

TEST(Callbacks, LastToEnterServicePredictorAnnouncesTheLastWait) {
  EXPECT_EQ(predicted_wait_s(WaitPredictor::LastToEnterService, busy_centre(3, 100.0, 0.0)), 77.0);
}

TEST(Callbacks, CallbackOfferedOnlyWhenPredictedWaitExceedsThreshold) {
  Callback cb;
  cb.offer_when_expected_wait_over_s = 60.0;
  cb.accept_prob = 1.0;
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(offer_callback(cb, 60.0, rng), CallbackOffer::NotOffered);
  EXPECT_EQ(offer_callback(cb, 10.0, rng), CallbackOffer::NotOffered);
  EXPECT_TRUE(untouched(rng));
  sim::RandomStream rng2 = fresh_stream();
  EXPECT_EQ(offer_callback(cb, 60.5, rng2), CallbackOffer::Accepted);
  EXPECT_EQ(offer_callback(cb, kInf, rng2), CallbackOffer::Accepted);
}

TEST(Callbacks, OfferedCallbackIsAcceptedWithTheAcceptProbability) {
  Callback cb;
  cb.offer_when_expected_wait_over_s = 0.0;
  cb.accept_prob = 0.0;
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(offer_callback(cb, 1.0, rng), CallbackOffer::Declined);
  cb.accept_prob = 0.5;
  int accepted = 0;
  for (int i = 0; i < 2000; ++i)
    accepted += offer_callback(cb, 1.0, rng) == CallbackOffer::Accepted;
  EXPECT_GT(accepted, 850);
  EXPECT_LT(accepted, 1150);
}

TEST(Callbacks, VirtualHoldJoinsTheQueueAtOnce) {
  Callback cb;
  cb.mode = CallbackMode::VirtualHold;
  cb.delay_s = 500.0;
  EXPECT_EQ(callback_due_s(cb, 100.0, 900.0), std::nullopt);
}

TEST(Callbacks, ScheduledCallbackIsDueAfterItsDelayOrAtALaterIntervalStart) {
  Callback cb;
  cb.mode = CallbackMode::Scheduled;
  cb.delay_s = 500.0;
  EXPECT_EQ(callback_due_s(cb, 100.0, 900.0), 600.0);
  cb.at_interval_start_after = 2;  // accepted in interval 1 [900, 1800): due at 3 x 900
  EXPECT_EQ(callback_due_s(cb, 1000.0, 900.0), 2700.0);
}

TEST(Callbacks, CallAttemptTakesNoAgentTimeWithoutADialTime) {
  Callback cb;
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(dial_time_s(cb, rng), 0.0);
  EXPECT_TRUE(untouched(rng));
  cb.dial_time = Distribution::deterministic(20.0);
  EXPECT_EQ(dial_time_s(cb, rng), 20.0);
}

TEST(Callbacks, UnansweredCallbackIsTriedAgainUntilItsLastAttemptThenFails) {
  Callback cb;
  cb.reach_prob = 0.0;
  cb.max_attempts = 3;
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(call_attempt(cb, 1, rng), CallAttempt::TryAgain);
  EXPECT_EQ(call_attempt(cb, 2, rng), CallAttempt::TryAgain);
  EXPECT_EQ(call_attempt(cb, 3, rng), CallAttempt::Failed);
  cb.reach_prob = 1.0;
  EXPECT_EQ(call_attempt(cb, 3, rng), CallAttempt::Reached);
}

// ---- the customer ----

TEST(Customer, BalkingFollowsTheCurveAtThePredictedWait) {
  WaitCurve curve;
  curve.points = {{0.0, 0.0}, {100.0, 1.0}};
  sim::RandomStream rng = fresh_stream();
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(balks(curve, 0.0, rng));
    EXPECT_TRUE(balks(curve, 100.0, rng));
  }
}

TEST(Customer, EscalatedContactWaitsWithTheHandoffPatience) {
  ContactType t;
  t.patience = Distribution::deterministic(300.0);
  Chatbot bot;
  bot.handoff_patience = Distribution::deterministic(120.0);
  t.chatbot = bot;
  EXPECT_EQ(patience_of(t, false, false), &*t.patience);
  EXPECT_EQ(patience_of(t, true, false), &*t.chatbot->handoff_patience);
  t.chatbot->handoff_patience.reset();
  EXPECT_EQ(patience_of(t, true, false), &*t.patience);
}

TEST(Customer, CallbackEmailAndPatientTypesNeverAbandon) {
  ContactType t;
  t.patience = Distribution::deterministic(300.0);
  EXPECT_EQ(patience_of(t, false, true), nullptr);
  t.channel = Channel::Email;
  EXPECT_EQ(patience_of(t, false, false), nullptr);
  t.channel = Channel::Voice;
  t.patience.reset();
  EXPECT_EQ(patience_of(t, false, false), nullptr);
}

ContactType returning_type() {
  ContactType t;
  Retrial r;
  r.prob = 1.0;
  r.delay = Distribution::deterministic(60.0);
  r.max_retrials = 2;
  t.retrial = r;
  ChannelSwitch sw;
  sw.to = 4;
  sw.prob = 1.0;
  sw.delay = Distribution::deterministic(30.0);
  t.channel_switch = sw;
  return t;
}

TEST(Customer, ContactRetriesOnItsOwnTypeBeforeSwitchingChannel) {
  const ContactType t = returning_type();
  sim::RandomStream retrial = fresh_stream(), sw = fresh_stream();
  const ReturnDecision d = after_leaving_queue(t, 7, 1, retrial, sw);
  EXPECT_EQ(d.kind, Return::Retry);
  EXPECT_EQ(d.type, 7);
  EXPECT_EQ(d.delay_s, 60.0);
  EXPECT_TRUE(untouched(sw));
}

TEST(Customer, ContactOutOfRetrialsSwitchesChannel) {
  const ContactType t = returning_type();
  sim::RandomStream retrial = fresh_stream(), sw = fresh_stream();
  const ReturnDecision d = after_leaving_queue(t, 7, 2, retrial, sw);
  EXPECT_EQ(d.kind, Return::Switch);
  EXPECT_EQ(d.type, 4);
  EXPECT_EQ(d.delay_s, 30.0);
  EXPECT_TRUE(untouched(retrial));
}

TEST(Customer, ContactAtItsLastAttemptNeitherRetriesNorSwitches) {
  ContactType t = returning_type();
  t.retrial->max_retrials = 100;
  t.retrial->prob = 0.0;
  sim::RandomStream retrial = fresh_stream(), sw = fresh_stream();
  EXPECT_EQ(after_leaving_queue(t, 7, kMaxLegs - 1, retrial, sw).kind, Return::None);
  EXPECT_TRUE(untouched(sw));
  EXPECT_EQ(after_leaving_queue(t, 7, kMaxLegs - 2, retrial, sw).kind, Return::Switch);
}

TEST(Customer, TransferGoesToTheFirstTransferWhoseCumulativeProbabilityExceedsTheUniform) {
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(transfer_to({{1, 0.0}, {2, 1.0}}, 0, rng), 2);
  EXPECT_EQ(transfer_to({{1, 0.0}}, 0, rng), std::nullopt);
  sim::RandomStream a = fresh_stream(), b = fresh_stream();
  const double u = b.uniform();
  EXPECT_EQ(transfer_to({{1, 0.3}, {2, 0.3}}, 0, a), u < 0.3   ? std::optional<int>(1)
                                                     : u < 0.6 ? std::optional<int>(2)
                                                               : std::nullopt);
}

TEST(Customer, JourneyAtItsLastLegIsNotTransferredAndDrawsNothing) {
  sim::RandomStream rng = fresh_stream();
  EXPECT_EQ(transfer_to({{1, 1.0}}, kMaxLegs - 1, rng), std::nullopt);
  EXPECT_EQ(transfer_to({}, 0, rng), std::nullopt);
  EXPECT_TRUE(untouched(rng));
  EXPECT_EQ(transfer_to({{1, 1.0}}, kMaxLegs - 2, rng), 1);
}

}  // namespace
