// Queue caps: a full queue on arrival, and callers who have waited too long.
//
// Rules:
//   - Full queue: a contact entering the human queue of a type with max_queue finds it full
//     when max_queue contacts of the type already wait there (accepted callbacks included);
//     of a type with max_expected_wait_s, when its predicted wait (the type's predictor,
//     callback.h) exceeds it. Contacts that arrived by overflow or as a message are never
//     capped (no cascade of overflows).
//   - What a full queue does: with overflow_to, the contact is moved at once to that type's
//     queue (overflowed here, arriving by overflow there, keeping its line and its journey);
//     with message, it is offered to leave one and accepts with accept_prob (its message is a
//     new contact of the email type handled_as, and the caller hangs up), else it is blocked;
//     with neither, it is blocked (as by a busy signal: lines.h, redials included).
//   - Waiting too long: a contact of a type with max_wait_s that still waits in the human
//     queue after max_wait_s (not on a callback, not arrived by overflow or as a message) is
//     overflowed (overflow_to) or offered a message (message): accepting, it leaves a message;
//     declining, it keeps waiting with its patience.
//
// Random numbers: one uniform per message offer, from the contact's own stream of purpose
// "message", drawn only for a type with a message option.
#pragma once

#include <cstddef>

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// Whether a type caps its queue at all (so that the model predicts the wait only if needed).
inline bool has_queue_cap(const ContactType& type) {
  return type.max_queue || type.max_expected_wait_s;
}

// Whether the human queue is full for a contact arriving with `waiting` contacts of its type
// already waiting and the wait predicted for it.
inline bool queue_full(const ContactType& type, std::size_t waiting, double predicted_wait_s) {
  return (type.max_queue && waiting >= std::size_t(*type.max_queue)) ||
         (type.max_expected_wait_s && predicted_wait_s > *type.max_expected_wait_s);
}

enum class CapAction { Stay, Overflow, Message, Block };

// What a contact does on finding the queue full: Overflow, Message or Block.
inline CapAction when_full(const ContactType& type, sim::RandomStream& rng) {
  if (type.overflow_to) return CapAction::Overflow;
  if (type.message) {
    return rng.uniform() < type.message->accept_prob ? CapAction::Message : CapAction::Block;
  }
  return CapAction::Block;
}

// What a contact does when it has waited max_wait_s: Overflow, Message or Stay.
// REQUIRES: type.max_wait_s (so overflow_to or message is given).
inline CapAction after_max_wait(const ContactType& type, sim::RandomStream& rng) {
  if (type.overflow_to) return CapAction::Overflow;
  return rng.uniform() < type.message->accept_prob ? CapAction::Message : CapAction::Stay;
}

}  // namespace ccsim::centre
