// The customer: balking at the announced wait, patience in the queue, retrying or switching
// channel after leaving the queue unserved, and transfer after service.
//
// Rules:
//   - Balking: a contact of a type with a balk curve leaves at once with probability
//     balk(predicted wait).
//   - Patience: a contact waiting in the human queue abandons after its patience, drawn from
//     the chatbot's handoff_patience if the bot escalated it (and one is given), else from the
//     type's patience; a contact on a callback, of channel email, or of a type without
//     patience never abandons.
//   - Retrial: a contact that abandoned or balked calls again on its own type, after the
//     retrial delay, with the retrial probability, at most max_retrials times; failing that,
//     it may switch channel: it comes back as a contact of the switch's type, after the
//     switch's delay, with the switch's probability, if it has made fewer than kMaxLegs - 1
//     attempts.
//   - Transfer: after service the contact joins the human queue of another type, when the
//     agent's handle time ends, with the probability of that transfer (the first whose
//     cumulative probability exceeds one uniform), if its journey has fewer than
//     kMaxLegs - 1 legs.
//
// Random numbers, from the contact's own streams: one uniform for balking (purpose "balk"),
// a uniform and a delay for retrial ("retrial") and for channel switch ("switch"), one uniform
// for transfer ("transfer"); the patience is drawn by the model ("patience") from the
// distribution patience_of names.
#pragma once

#include <optional>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// A journey has at most this many transfer legs, and a contact at most this many attempts
// through channel switches.
constexpr int kMaxLegs = 10;

// Whether the contact leaves at once on hearing the predicted wait; one uniform.
inline bool balks(const WaitCurve& balk, double predicted_wait_s, sim::RandomStream& rng) {
  return rng.uniform() < balk.at(predicted_wait_s);
}

// The distribution of the patience of a contact joining the human queue (its patience is one
// draw from it); nullptr: it never abandons.
inline const Distribution* patience_of(const ContactType& type, bool escalated_by_bot,
                                       bool on_callback) {
  if (on_callback || type.channel == Channel::Email) return nullptr;
  const std::optional<Distribution>& patience =
      escalated_by_bot && type.chatbot && type.chatbot->handoff_patience
          ? type.chatbot->handoff_patience
          : type.patience;
  return patience ? &*patience : nullptr;
}

enum class Return { None, Retry, Switch };

// What a contact does after abandoning or balking.
struct ReturnDecision {
  Return kind = Return::None;
  int type = 0;          // Retry: its own type; Switch: the type switched to
  double delay_s = 0.0;  // until it arrives again
};

// Retry on its own type, else switch channel, else nothing; `attempt` is 0 for a first
// attempt. Draws from retrial_rng only if the type retries and attempts remain, and from
// switch_rng only if it did not retry and the type switches.
inline ReturnDecision after_leaving_queue(const ContactType& type, int type_index, int attempt,
                                          sim::RandomStream& retrial_rng,
                                          sim::RandomStream& switch_rng) {
  if (type.retrial && attempt < type.retrial->max_retrials) {
    if (retrial_rng.uniform() < type.retrial->prob) {
      return {Return::Retry, type_index, type.retrial->delay.sample(retrial_rng)};
    }
  }
  if (type.channel_switch && attempt + 1 < kMaxLegs) {
    if (switch_rng.uniform() < type.channel_switch->prob) {
      return {Return::Switch, type.channel_switch->to,
              type.channel_switch->delay.sample(switch_rng)};
    }
  }
  return {};
}

// The type a served contact is transferred to, or nullopt; `leg` is 0 for the first leg of
// a journey. Draws one uniform only if the type has transfers and legs remain.
inline std::optional<int> transfer_to(const std::vector<Transfer>& transfers, int leg,
                                      sim::RandomStream& rng) {
  if (transfers.empty() || leg + 1 >= kMaxLegs) return std::nullopt;
  double u = rng.uniform();
  for (const Transfer& t : transfers) {
    if (u < t.prob) return t.to;
    u -= t.prob;
  }
  return std::nullopt;
}

}  // namespace ccsim::centre
