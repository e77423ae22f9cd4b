// Skill levels with overflow delays as the model carries them out (routing.h: skill levels):
// which groups a waiting contact may reach, and the event that offers it to a further level
// the moment that level becomes eligible. Part of the Model of model.h, beside
// contact_centre.cpp; used only when some skill is above level 1.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "models/centre/model.h"
#include "models/centre/routing.h"

namespace ccsim::centre {

// The number of leading groups of the contact's type (in order_levels' order) whose level
// the contact has waited for at now: queue entry + delay <= now.
std::size_t Model::eligible_groups(std::uint32_t slot) const {
  const Contact& c = contacts_[slot];
  const std::vector<double>& after_s = types_[std::size_t(c.rec.type)].group_after_s;
  std::size_t end = 0;
  while (end < after_s.size() && c.rec.queue_entry_s + after_s[end] <= calendar_.now_s()) ++end;
  return end;
}

// Schedules the Overflow event of a waiting contact at the next moment a further group's level
// becomes eligible; none when every group already is.
// REQUIRES: the contact waits in its human queue and has no level_timer pending.
void Model::schedule_overflow(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const std::vector<double>& after_s = types_[std::size_t(c.rec.type)].group_after_s;
  const std::size_t end = eligible_groups(slot);
  if (end == after_s.size()) return;
  c.level_timer = calendar_.schedule(c.rec.queue_entry_s + after_s[end], int(EventKind::Overflow),
                                     Event{EventKind::Overflow, slot});
}

// The contact's wait has reached a further level's delay: it goes to a free agent of the
// groups now eligible (the lowest level first, as on arrival), else waits for the next level.
void Model::on_overflow(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  c.level_timer = sim::EventHandle{};
  const TypeState& ts = types_[std::size_t(c.rec.type)];
  auto draw = [this](std::size_t n) {
    return std::min(n - 1, std::size_t(choice_rng_.uniform() * double(n)));
  };
  if (const auto agent =
          agent_for_contact(ts.groups, ts.group_tiers, sc_.routing.agent_choice,
                            FreeAgentsView{groups_, agents_, occupancy_epoch_s_, calendar_.now_s()},
                            draw, eligible_groups(slot))) {
    unlink(contacts_, types_[std::size_t(c.rec.type)].queue, slot);
    take(slot, *agent);
    return;
  }
  schedule_overflow(slot);
}

}  // namespace ccsim::centre
