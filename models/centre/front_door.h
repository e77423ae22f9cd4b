// The front door: self-service, then the chatbot, before a contact reaches the human queue.
//
// Rules:
//   - Self-service: a contact of a type with self-service deflection d > 0 is deflected
//     (resolved without the centre) with probability d.
//   - Chatbot admission: a contact of a type with a chatbot starts a bot conversation at once
//     if the bot has a free session (max_sessions 0: unlimited); otherwise it waits for one,
//     and leaves after the bot's queue patience, if one is given.
//   - Chatbot outcome, at the end of the conversation: with probability abandon_prob the
//     customer quits, with probability containment the bot resolves the contact, otherwise
//     the contact is escalated to the human queue.
//
// Random numbers: one uniform for deflection (purpose "deflection"), one for the bot outcome
// ("bot outcome"), one patience while waiting for a session ("bot patience"); each from the
// contact's own stream of that purpose, passed in.
#pragma once

#include <optional>

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// Whether self-service resolves the contact; draws one uniform only if it deflects any.
inline bool deflected(const SelfService& self_service, sim::RandomStream& rng) {
  return self_service.deflection > 0.0 && rng.uniform() < self_service.deflection;
}

enum class BotAdmission { Start, Wait };

// Whether a contact starts a bot conversation now or waits for a session.
inline BotAdmission admit_to_bot(const Chatbot& bot, int sessions_in_progress) {
  return bot.max_sessions == 0 || sessions_in_progress < bot.max_sessions ? BotAdmission::Start
                                                                          : BotAdmission::Wait;
}

// How long a contact waits for a bot session before it leaves; nullopt: it waits for ever.
inline std::optional<double> bot_queue_patience_s(const Chatbot& bot, sim::RandomStream& rng) {
  if (!bot.queue_patience) return std::nullopt;
  return bot.queue_patience->sample(rng);
}

enum class BotOutcome { Abandoned, Contained, Escalated };

// The end of a bot conversation, from one uniform.
inline BotOutcome bot_outcome(const Chatbot& bot, sim::RandomStream& rng) {
  const double u = rng.uniform();
  if (u < bot.abandon_prob) return BotOutcome::Abandoned;
  if (u < bot.abandon_prob + bot.containment) return BotOutcome::Contained;
  return BotOutcome::Escalated;
}

}  // namespace ccsim::centre
