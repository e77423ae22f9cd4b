// Callbacks: the wait announced to a contact entering the human queue, the offer of a
// callback, its acceptance, when the callback is due, and the agent's call attempts.
//
// Rules:
//   - Wait prediction: the type's predictor (models/centre/wait_prediction.h).
//   - Offer: a callback is offered when the predicted wait exceeds
//     offer_when_expected_wait_over_s; the customer accepts with probability accept_prob.
//   - Due time: virtual hold keeps the customer's place in the queue (due at once); a
//     scheduled callback is due delay_s after acceptance, or at the start of the interval
//     at_interval_start_after intervals after the current one.
//   - Attempts: each call takes dial_time (0 if absent) of the agent's time; the customer
//     answers with probability reach_prob; an unanswered callback is tried again
//     retry_after_s later, at most max_attempts calls in all, then fails.
//
// Random numbers, from the contact's own streams: one uniform for acceptance (purpose
// "callback accept"); per call attempt n, one dial time (purpose ("dial", n)) and one uniform
// for reaching the customer (purpose ("reach", n)).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>

#include "models/centre/wait_prediction.h"
#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

enum class CallbackOffer { NotOffered, Declined, Accepted };

// Whether a callback is offered for the predicted wait and accepted; draws one uniform only
// when offered.
inline CallbackOffer offer_callback(const Callback& cb, double predicted_wait_s,
                                    sim::RandomStream& accept_rng) {
  if (!(predicted_wait_s > cb.offer_when_expected_wait_over_s)) return CallbackOffer::NotOffered;
  return accept_rng.uniform() < cb.accept_prob ? CallbackOffer::Accepted : CallbackOffer::Declined;
}

// When an accepted callback is due: nullopt for virtual hold (it joins the queue at once),
// else the time of the scheduled callback.
inline std::optional<double> callback_due_s(const Callback& cb, double accepted_s,
                                            double interval_s) {
  if (cb.mode != CallbackMode::Scheduled) return std::nullopt;
  if (cb.at_interval_start_after) {
    const double current = std::floor(accepted_s / interval_s);
    return (current + double(*cb.at_interval_start_after)) * interval_s;
  }
  return accepted_s + cb.delay_s;
}

// The same over a horizon of several days: the interval `at_interval_start_after` intervals
// after the one holding accepted_s counts the horizon's intervals, so it skips closed hours
// (a callback accepted in a day's last interval with 1 is due at the next opening); past the
// last interval, intervals continue from the horizon's end.
inline std::optional<double> callback_due_s(const Callback& cb, double accepted_s,
                                            const Horizon& horizon) {
  if (horizon.days == 1 || cb.mode != CallbackMode::Scheduled || !cb.at_interval_start_after) {
    return callback_due_s(cb, accepted_s, horizon.interval_s);
  }
  const int k = horizon.interval_at(accepted_s) + *cb.at_interval_start_after;
  if (k < horizon.interval_count()) return horizon.interval_start_s(k);
  return horizon.end_s() + double(k - horizon.interval_count()) * horizon.interval_s;
}

// The agent time of one call attempt; draws only if the callback has a dial time.
inline double dial_time_s(const Callback& cb, sim::RandomStream& dial_rng) {
  return cb.dial_time ? cb.dial_time->sample(dial_rng) : 0.0;
}

enum class CallAttempt { Reached, TryAgain, Failed };

// The result of call attempt number `attempts` (1 for the first), from one uniform.
inline CallAttempt call_attempt(const Callback& cb, int attempts, sim::RandomStream& reach_rng) {
  if (reach_rng.uniform() < cb.reach_prob) return CallAttempt::Reached;
  return attempts >= cb.max_attempts ? CallAttempt::Failed : CallAttempt::TryAgain;
}

}  // namespace ccsim::centre
