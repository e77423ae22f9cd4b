// Wait-time predictors: the wait predicted for a contact as it enters its type's human queue,
// and how a prediction is scored against the wait the contact then had.
//
// Rules. With n the contacts of the type already waiting, s the slots on duty over the skilled
// groups (agents not leaving x concurrency), 1/mu the type's mean agent time (handle + wrap-up
// means) and theta = 1 / (mean patience of the type):
//   - Every predictor gives 0 when a skilled agent has a free slot.
//   - queue_length: (n + 1) / (s mu); +infinity when s = 0. Exact in expectation for an
//     arrival that must wait in a FIFO M/M/s queue without abandonment.
//   - queue_length_with_abandonment (Erlang A): (1/theta) ln(1 + theta (n + 1) / (s mu)), the
//     continuous form of sum_{k=0..n} 1/(s mu + k theta) (each of the n contacts ahead may
//     abandon too); queue_length when the type has no patience (theta = 0); +infinity when
//     s = 0.
//   - last_to_enter_service (LES): the wait of the last contact of the type to reach an agent
//     (0 before any has).
//   - head_of_line (HOL): how long the contact at the head of the type's queue (the next one
//     an agent takes) has waited so far; when nobody waits, queue_length with n = 0.
//   - The type's predictor is its wait_prediction.predictor, else its callback.predictor,
//     else queue_length (wait_predictor_of).
//   - A type is predicted (its contacts carry a prediction and it has the accuracy KPIs) when
//     it names a predictor, offers callbacks, balks or caps its queue by expected wait
//     (wait_is_predicted). A prediction of +infinity is not recorded.
//   - Scoring (over answered contacts not on callback, models/kpi/kpi.h): the error is
//     predicted - actual; a prediction is within 20% when |predicted - actual| <= 0.2 x actual,
//     so that for an actual wait of 0 only a prediction of exactly 0 is within.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// What the wait predictor sees of the centre for one contact type.
struct WaitView {
  bool free_skilled_slot = false;   // a skilled agent on duty has a free slot
  double slots_on_duty = 0.0;       // over the skilled groups: agents not leaving x concurrency
  std::size_t waiting = 0;          // contacts in the type's human queue
  double mean_agent_time_s = 0.0;   // handle + wrap-up means of the type
  double last_wait_s = 0.0;         // wait of the last contact of the type to reach an agent
  double head_wait_s = 0.0;         // wait so far of the contact at the queue's head (waiting > 0)
  double abandon_rate_per_s = 0.0;  // theta: 1 / mean patience, 0 without patience
};

// (n + 1) / (s mu); +infinity when s = 0.
inline double queue_length_wait_s(const WaitView& v) {
  if (v.slots_on_duty <= 0.0) return std::numeric_limits<double>::infinity();
  return double(v.waiting + 1) * v.mean_agent_time_s / v.slots_on_duty;
}

// (1/theta) ln(1 + theta (n + 1) / (s mu)); queue_length_wait_s when theta = 0.
inline double queue_length_abandonment_wait_s(const WaitView& v) {
  const double plain = queue_length_wait_s(v);
  if (!(v.abandon_rate_per_s > 0.0) || !std::isfinite(plain)) return plain;
  return std::log1p(v.abandon_rate_per_s * plain) / v.abandon_rate_per_s;
}

// The predicted wait in the human queue (the rules above).
inline double predicted_wait_s(WaitPredictor predictor, const WaitView& v) {
  if (v.free_skilled_slot) return 0.0;
  switch (predictor) {
    case WaitPredictor::LastToEnterService:
      return v.last_wait_s;
    case WaitPredictor::HeadOfLine:
      return v.waiting > 0 ? v.head_wait_s : queue_length_wait_s(v);
    case WaitPredictor::QueueLengthAbandonment:
      return queue_length_abandonment_wait_s(v);
    case WaitPredictor::QueueLength:
      break;
  }
  return queue_length_wait_s(v);
}

// The predictor of a contact type (the rules above).
inline WaitPredictor wait_predictor_of(const ContactType& type) {
  if (type.wait_predictor) return *type.wait_predictor;
  return type.callback ? type.callback->predictor : WaitPredictor::QueueLength;
}

// Whether the waits of a contact type are predicted (the rules above).
inline bool wait_is_predicted(const ContactType& type) {
  return type.wait_predictor || type.callback || type.balk || type.max_expected_wait_s;
}

}  // namespace ccsim::centre
