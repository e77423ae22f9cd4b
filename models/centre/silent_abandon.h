// Silent abandonment in chat (LivePerson's messaging model; scenario.h: SilentAbandonment).
//
// Rules:
//   - Leaving: a customer of a type with silent_abandonment whose patience runs out in the
//     human queue leaves silently with probability `share` (one uniform), otherwise closes the
//     chat as any abandoning customer does.
//   - A silent leaver's chat stays where it was in the queue, and the centre treats it as any
//     waiting chat: it counts in the queue's length (predictions, caps, backlog) and skill
//     levels widen its pool as for any contact. The customer may retry or switch channel at the
//     moment they left, as any abandoning customer.
//   - Detection: the agent who takes it holds it in one of its slots for a detection time (drawn
//     per chat), then closes it. It ends Abandoned at the moment the customer left, with the
//     detection time as agent time lost (ContactRecord::silent_detect_s).
//   - A silent chat that max_wait_s moves to another queue ends there: the move finds nobody,
//     no agent time is lost; offered a message, it keeps waiting (nobody accepts). One still
//     waiting when the simulation ends ends Abandoned too, with no agent time lost.
//
// Random numbers: one uniform per abandoning contact of such a type (its own purpose), and one
// detection time per silent chat taken; share 0 changes nothing else.
#pragma once

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// Whether an abandoning customer leaves without closing the chat.
inline bool leaves_silently(const SilentAbandonment& silent, sim::RandomStream& rng) {
  return rng.uniform() < silent.share;
}

}  // namespace ccsim::centre
