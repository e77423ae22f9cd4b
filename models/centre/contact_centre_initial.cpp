// The initial state (models/scenario/initial_state.h) as the model places it at time 0, after
// the staffing at 0 and before any arrival. Part of the Model of model.h, beside
// contact_centre.cpp; used only when the state is not empty, so a run without one draws no
// number and schedules no event more.
//
// - A busy agent is the longest idle agent of its group (none left: left out), made busy with
//   one contact that is not recorded (it was answered before the start); it is free after
//   remaining_s, or after the residual of its handle time beyond elapsed_s
//   (centre/initial_state.h: residual_sample; the group's own handle time or the type's of
//   interval 0, times the group's speed) and then a full wrap-up. Its draws: stream (group
//   name, kInitialBusy), key its position in the list.
// - A waiting contact and a pending callback are ordinary contacts that arrived and entered the
//   human queue `elapsed` before the start (arrival_s = queue_entry_s = −elapsed); pending
//   callbacks first, then the waiting contacts, each longest waiting first, are routed as on
//   arrival (dispatch), so they queue in that order. A waiting contact's patience is the
//   residual beyond its elapsed wait. Their keys are named by (type name ^ kInitial, n), n
//   counting the type's waiting contacts then its callbacks, so no fresh arrival shares them.
//   They hold no telephone line; max_wait_s counts their wait before the start too.
#include <algorithm>
#include <functional>

#include "models/centre/initial_state.h"
#include "models/centre/model.h"

namespace ccsim::centre {

void Model::place_initial_state() {
  const InitialState& init = sc_.initial_state;
  for (std::size_t g = 0; g < init.busy.size(); ++g) {
    const std::uint64_t id =
        sim::stream_combine(sim::stream_hash(sc_.agent_groups[g].name), kInitialBusy);
    for (std::size_t j = 0; j < init.busy[g].size(); ++j) {
      const BusyAgent& b = init.busy[g][j];
      // The reader allows no more busy agents than are on duty at 0; a staffing changed after
      // reading (the staffing search) may leave fewer: the others are left out.
      const std::uint32_t agent = groups_[g].available[0].head;
      if (agent == kNone) break;
      unlist_agent(agents_, groups_, agent);
      set_load(agents_, groups_, agent, +1, 0.0);
      double busy_s = 0.0;
      if (b.remaining_s) {
        busy_s = *b.remaining_s;
      } else {
        sim::RandomStream rng(seed_, replication_, id, j);
        const ContactType& ct = sc_.contact_types[std::size_t(b.type)];
        const Service& sv = service_[g][std::size_t(b.type)];
        const TypeState& ts = types_[std::size_t(b.type)];
        const Distribution& handle =
            sv.handle
                ? *sv.handle
                : in_arrival_interval(ts.handle_by_interval, ct.handle_time, sc_.horizon, 0.0);
        busy_s = sv.speed * residual_sample(handle, b.elapsed_s / sv.speed, rng);
        if (ct.wrap_up) {
          busy_s += in_arrival_interval(ts.wrap_up_by_interval, *ct.wrap_up, sc_.horizon, 0.0)
                        .sample(rng);
        }
      }
      calendar_.schedule(busy_s, int(EventKind::AgentFree), Event{EventKind::AgentFree, agent});
      agent_ready(agent);  // a chat agent may take more
    }
  }
  for (std::size_t k = 0; k < types_.size(); ++k) {
    std::vector<double> callbacks =
        k < init.callbacks_s.size() ? init.callbacks_s[k] : std::vector<double>{};
    std::vector<double> waiting =
        k < init.waiting_s.size() ? init.waiting_s[k] : std::vector<double>{};
    std::sort(callbacks.begin(), callbacks.end(), std::greater<>());
    std::sort(waiting.begin(), waiting.end(), std::greater<>());
    const std::uint64_t named = types_[k].name_id ^ kInitial;
    auto place = [&](double elapsed_s, bool callback, std::uint64_t n) {
      const std::uint32_t slot = new_contact(int(k), sim::stream_combine(named, n) & kSeqMask, 0);
      ContactRecord& r = contacts_[slot].rec;
      r.arrival_s = r.journey_start_s = r.queue_entry_s = -elapsed_s;
      r.queued = true;
      if (callback) {
        r.callback_offered = r.callback_accepted = true;
        r.callback_accept_s = -elapsed_s;
      }
      dispatch(slot, false, callback ? 0.0 : elapsed_s);
    };
    for (std::size_t j = 0; j < callbacks.size(); ++j)
      place(callbacks[j], true, waiting.size() + j);
    for (std::size_t j = 0; j < waiting.size(); ++j) place(waiting[j], false, j);
  }
}

}  // namespace ccsim::centre
