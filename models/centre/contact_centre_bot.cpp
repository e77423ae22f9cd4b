// The chatbot step of a contact's journey (front_door.h: admission, bot time, outcome) as the
// model carries it out: a bot session, its end, and abandoning the bot queue. Part of the Model
// of model.h, beside contact_centre.cpp.
#include "models/centre/front_door.h"
#include "models/centre/model.h"

namespace ccsim::centre {

void Model::start_bot(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const Chatbot& bot = *sc_.contact_types[std::size_t(c.rec.type)].chatbot;
  ++types_[std::size_t(c.rec.type)].bot_sessions;
  c.rec.used_bot = true;
  c.rec.bot_start_s = calendar_.now_s();
  sim::RandomStream rng = stream(slot, kBotTime);
  calendar_.schedule(calendar_.now_s() + bot.bot_time.sample(rng), int(EventKind::BotEnd),
                     Event{EventKind::BotEnd, slot});
}

void Model::on_bot_end(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const int type = c.rec.type;
  TypeState& ts = types_[std::size_t(type)];
  const Chatbot& bot = *sc_.contact_types[std::size_t(type)].chatbot;
  --ts.bot_sessions;
  c.rec.bot_end_s = calendar_.now_s();
  // A freed session goes to the next contact waiting for the bot.
  if (ts.bot_queue.head != kNone) {
    const std::uint32_t next = ts.bot_queue.head;
    unlink(contacts_, ts.bot_queue, next);
    contacts_[next].where = Where::None;
    calendar_.cancel(contacts_[next].timer);
    start_bot(next);
  }
  sim::RandomStream rng = stream(slot, kBotOutcome);
  switch (bot_outcome(bot, rng)) {
    case BotOutcome::Abandoned:
      finish(slot, Outcome::BotAbandoned, calendar_.now_s());
      break;
    case BotOutcome::Contained:
      finish(slot, Outcome::Contained, calendar_.now_s());
      break;
    case BotOutcome::Escalated:
      c.rec.escalated = true;
      enter_human_queue(slot);
      break;
  }
}

void Model::on_bot_abandon(std::uint32_t slot) {
  unlink(contacts_, types_[std::size_t(contacts_[slot].rec.type)].bot_queue, slot);
  contacts_[slot].where = Where::None;
  finish(slot, Outcome::BotAbandoned, calendar_.now_s());
}

}  // namespace ccsim::centre
