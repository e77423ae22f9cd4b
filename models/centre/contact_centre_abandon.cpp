// Customers leaving the human queue as the model carries it out: abandonment, silent
// (silent_abandon.h states its rules) or not, and the return of those who retry or switch
// channel (customer.h: after_leaving_queue).
#include "models/centre/customer.h"
#include "models/centre/model.h"
#include "models/centre/silent_abandon.h"

namespace ccsim::centre {

void Model::on_abandon(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  if (sc_.contact_types[std::size_t(c.rec.type)].silent_abandonment && abandon_silently(slot)) {
    return;
  }
  unlink(contacts_, types_[std::size_t(c.rec.type)].queue, slot);
  c.where = Where::None;
  calendar_.cancel(c.wait_timer);
  calendar_.cancel(c.level_timer);
  after_leaving_queue(slot);
  finish(slot, Outcome::Abandoned, calendar_.now_s());
}

// An abandoning or balking contact may retry on its own type, or else switch channel.
void Model::after_leaving_queue(std::uint32_t slot) {
  const Contact& c = contacts_[slot];
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  if (!ct.retrial && !ct.channel_switch) return;
  sim::RandomStream retrial_rng = stream(slot, kRetrial), switch_rng = stream(slot, kSwitch);
  const ReturnDecision back =
      centre::after_leaving_queue(ct, c.rec.type, c.rec.attempt, retrial_rng, switch_rng);
  if (back.kind == Return::None) return;
  // A retrial keeps the contact's numbers; a switched contact's are named after the contact
  // that switched.
  const std::uint64_t base =
      back.kind == Return::Retry
          ? c.key & kSeqMask
          : sim::stream_combine(types_[std::size_t(c.rec.type)].name_id ^ kSwitched, c.key) &
                kSeqMask;
  const std::uint32_t index =
      add_pending({back.type, base, c.rec.attempt + 1, 0, calendar_.now_s()});
  calendar_.schedule(calendar_.now_s() + back.delay_s, int(EventKind::Retrial),
                     Event{EventKind::Retrial, index});
}

bool Model::abandon_silently(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  sim::RandomStream rng = stream(slot, kSilent);
  if (!leaves_silently(*ct.silent_abandonment, rng)) return false;
  c.timer = sim::EventHandle{};
  c.rec.silent = true;
  c.rec.end_s = calendar_.now_s();
  after_leaving_queue(slot);
  return true;
}

void Model::detect_silent(std::uint32_t slot, std::uint32_t agent) {
  Contact& c = contacts_[slot];
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  sim::RandomStream rng = stream(slot, kSilentDetect);
  const double detect_s = ct.silent_abandonment->detection_time.sample(rng);
  calendar_.schedule(calendar_.now_s() + detect_s, int(EventKind::AgentFree),
                     Event{EventKind::AgentFree, agent});
  c.rec.silent_detect_s = detect_s;
  finish(slot, Outcome::Abandoned, c.rec.end_s);
}

}  // namespace ccsim::centre
