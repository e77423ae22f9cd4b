// The centre's limits as the model carries them out: telephone lines (lines.h), queue caps
// (queue_cap.h) and callback slots (callback_slots.h, with the callback offer of callback.h).
// Part of the Model of model.h, beside contact_centre.cpp.
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "models/centre/callback.h"
#include "models/centre/callback_slots.h"
#include "models/centre/lines.h"
#include "models/centre/model.h"
#include "models/centre/queue_cap.h"

namespace ccsim::centre {

// ---- telephone lines ----

// Whether the contact found a free line of its type's trunk group, which it now holds.
bool Model::seize_line(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const int pool = types_[std::size_t(c.rec.type)].line_pool;
  LinePool& p = lines_[std::size_t(pool)];
  if (!line_free(p.lines, p.in_use)) return false;
  ++p.in_use;
  p.use.update(calendar_.now_s(), double(p.in_use));
  c.line = pool;
  return true;
}

void Model::release_line(std::uint32_t slot, double now_s) {
  Contact& c = contacts_[slot];
  LinePool& p = lines_[std::size_t(c.line)];
  --p.in_use;
  p.use.update(now_s, double(p.in_use));
  c.line = -1;
}

void Model::on_line_free(std::uint32_t pool) {
  LinePool& p = lines_[pool];
  --p.in_use;
  p.use.update(calendar_.now_s(), double(p.in_use));
}

// A busy signal: the contact leaves at once, and may redial.
void Model::block(std::uint32_t slot) {
  const Contact& c = contacts_[slot];
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  if (ct.retrial) {
    sim::RandomStream rng = stream(slot, kRedial);
    if (const auto delay_s = redial_after_block_s(ct, c.rec.attempt, rng)) {
      const std::uint32_t index =
          add_pending({c.rec.type, c.key & kSeqMask, c.rec.attempt + 1, 0, calendar_.now_s()});
      calendar_.schedule(calendar_.now_s() + *delay_s, int(EventKind::Retrial),
                         Event{EventKind::Retrial, index});
    }
  }
  finish(slot, Outcome::Blocked, calendar_.now_s());
}

// ---- queue caps ----

// The queue is full for the contact at slot (not queued): overflow, message or busy signal.
void Model::on_full_queue(std::uint32_t slot) {
  const ContactType& ct = sc_.contact_types[std::size_t(contacts_[slot].rec.type)];
  sim::RandomStream rng = stream(slot, kMessage);
  switch (when_full(ct, rng)) {
    case CapAction::Overflow:
      move_to(slot, *ct.overflow_to, Origin::Overflow);
      break;
    case CapAction::Message:
      move_to(slot, ct.message->handled_as, Origin::Message);
      break;
    case CapAction::Stay:
    case CapAction::Block:
      block(slot);
      break;
  }
}

// The contact at slot has waited max_wait_s in the human queue.
void Model::on_max_wait(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  c.wait_timer = sim::EventHandle{};
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  sim::RandomStream rng = stream(slot, kMessage);
  const CapAction action = after_max_wait(ct, rng);
  if (action == CapAction::Stay) return;
  unlink(contacts_, types_[std::size_t(c.rec.type)].queue, slot);
  c.where = Where::None;
  calendar_.cancel(c.level_timer);
  calendar_.cancel(c.timer);
  if (c.rec.silent) {  // the customer left silently: the move finds nobody (silent_abandon.h)
    finish(slot, Outcome::Abandoned, c.rec.end_s);
    return;
  }
  move_to(slot, action == CapAction::Overflow ? *ct.overflow_to : ct.message->handled_as,
          action == CapAction::Overflow ? Origin::Overflow : Origin::Message);
}

// The contact at slot (in no queue) ends here as overflowed or messaged, and a contact of
// `type` arrives in its stead and enters that type's human queue. An overflowed contact keeps
// its line and journey; a message releases the caller's line (the caller hangs up). The new
// contact's numbers are named after the contact it replaces.
void Model::move_to(std::uint32_t slot, int type, Origin origin) {
  Contact& c = contacts_[slot];
  const bool overflow = origin == Origin::Overflow;
  const std::uint64_t base =
      sim::stream_combine(
          types_[std::size_t(c.rec.type)].name_id ^ (overflow ? kOverflowed : kMessaged), c.key) &
      kSeqMask;
  const int leg = c.rec.leg;
  const double journey_start_s = c.rec.journey_start_s;
  const std::int32_t line = overflow ? std::exchange(c.line, -1) : -1;
  finish(slot, overflow ? Outcome::Overflowed : Outcome::Messaged, calendar_.now_s());
  const std::uint32_t next = new_contact(type, base, 0);
  Contact& n = contacts_[next];
  n.rec.origin = origin;
  n.rec.leg = leg;
  n.rec.journey_start_s = journey_start_s;
  n.line = line;
  enter_human_queue(next);
}

// ---- wait prediction ----

double Model::predict_wait(std::uint32_t slot) const {
  const ContactRecord& rec = contacts_[slot].rec;
  const ContactType& ct = sc_.contact_types[std::size_t(rec.type)];
  const TypeState& ts = types_[std::size_t(rec.type)];
  const int interval =
      ts.mean_agent_time_by_interval_s.empty() ? 0 : sc_.horizon.interval_at(rec.arrival_s);
  WaitView v = wait_view(types_, groups_, rec.type, interval);
  const WaitPredictor predictor = wait_predictor_of(ct);
  if (predictor == WaitPredictor::HeadOfLine && ts.queue.head != kNone) {
    v.head_wait_s = calendar_.now_s() - contacts_[ts.queue.head].rec.queue_entry_s;
  }
  if (predictor == WaitPredictor::QueueLengthAbandonment && ct.patience) {
    const Distribution& patience =
        in_arrival_interval(ts.patience_by_interval, *ct.patience, sc_.horizon, rec.arrival_s);
    v.abandon_rate_per_s = 1.0 / patience.mean_s;
  }
  return predicted_wait_s(predictor, v);
}

// ---- callbacks and their slots ----

// Offers the contact at slot (just queued, of a type with a callback) a callback for its
// predicted wait; whether it accepted (and is now scheduled or dispatched). A type with callback
// slots offers only when a slot has room (callback_slots.h).
bool Model::took_callback(std::uint32_t slot, double prediction) {
  Contact& c = contacts_[slot];
  const Callback& cb = *sc_.contact_types[std::size_t(c.rec.type)].callback;
  const int pool = types_[std::size_t(c.rec.type)].slot_pool;
  std::optional<SlotLanding> landing;
  if (pool >= 0 && prediction > cb.offer_when_expected_wait_over_s) {
    landing = land_callback(slots_[std::size_t(pool)].used, slots_[std::size_t(pool)].capacity,
                            cb.max_slots_ahead.value_or(0), sc_.horizon,
                            *callback_due_s(cb, calendar_.now_s(), sc_.horizon));
    if (!landing) {
      c.rec.callback_no_slot = true;
      return false;
    }
  }
  sim::RandomStream rng = stream(slot, kCallbackAccept);
  const CallbackOffer offer = offer_callback(cb, prediction, rng);
  c.rec.callback_offered = offer != CallbackOffer::NotOffered;
  if (offer != CallbackOffer::Accepted) return false;
  c.rec.callback_accepted = true;
  c.rec.callback_accept_s = calendar_.now_s();
  if (c.line >= 0) release_line(slot, calendar_.now_s());  // the customer hangs up
  if (landing) {
    std::vector<int>& used = slots_[std::size_t(pool)].used;
    if (used.size() <= std::size_t(landing->slot)) used.resize(std::size_t(landing->slot) + 1, 0);
    ++used[std::size_t(landing->slot)];
  }
  if (const auto due_s = landing ? std::optional<double>(landing->due_s)
                                 : callback_due_s(cb, calendar_.now_s(), sc_.horizon)) {
    c.rec.callback_due_s = *due_s;
    calendar_.schedule(*due_s, int(EventKind::CallbackDue), Event{EventKind::CallbackDue, slot});
    return true;
  }
  dispatch(slot, false);
  return true;
}

}  // namespace ccsim::centre
