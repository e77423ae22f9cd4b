// Callback slots: how many scheduled callbacks one interval holds, and where a callback lands.
//
// Rules:
//   - Slot groups: a type whose scheduled callback has slot_capacity has a slot group of its
//     own, named after the type; each of the scenario's callback_slots is shared by the types
//     it lists. A type in neither books no slot (unlimited callbacks per interval).
//   - Slots: slot k is interval k of the horizon (horizon.interval_at); past the horizon's end,
//     slots continue in steps of one interval (slot interval_count() starts at the end). Each
//     slot of a group holds at most the group's capacity callbacks.
//   - Landing: when the customer's predicted wait calls for a callback offer (callback.h), the
//     callback would be due when the scheduled rule says (callback_due_s), in slot k. If slot k
//     has room, it lands there at that time; else in the first of slots k+1 ..
//     k+max_slots_ahead with room, at that slot's start; else no slot has room and no callback
//     is offered at all: the caller stays in the queue as if no offer had been made (it may
//     still balk), counted as callbacks_no_slot. A slot is booked only when the customer
//     accepts; a declined offer books nothing.
//   - Booking lasts: the booked callback holds its slot whatever happens after (retries after
//     a missed call, failure); slots are counted from every callback, warm-up included.
//
// No random numbers: the decision is a function of the slots' bookings.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// The slot groups of a scenario: the scenario's callback_slots, in order, then the own slot
// capacity of each type that has one, in the order of the types.
struct SlotPools {
  std::vector<std::string> names;
  std::vector<int> capacity;
  // pool_of_type[k]: the slot group of type k, or -1 (no limit).
  std::vector<int> pool_of_type;
  bool empty() const { return names.empty(); }
};

// REQUIRES: scenario validated (each type in at most one slot group).
inline SlotPools slot_pools(const Scenario& scenario) {
  SlotPools p;
  p.pool_of_type.assign(scenario.contact_types.size(), -1);
  for (const CallbackSlots& g : scenario.callback_slots) {
    for (int k : g.contact_types) p.pool_of_type[std::size_t(k)] = int(p.names.size());
    p.names.push_back(g.name);
    p.capacity.push_back(g.capacity);
  }
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (!ct.callback || !ct.callback->slot_capacity) continue;
    p.pool_of_type[k] = int(p.names.size());
    p.names.push_back(ct.name);
    p.capacity.push_back(*ct.callback->slot_capacity);
  }
  return p;
}

// The slot holding time t_s (>= 0): its interval within the horizon, past the end one more
// per interval length.
inline int slot_at(const Horizon& horizon, double t_s) {
  const double end_s = horizon.end_s();
  if (t_s < end_s) return horizon.interval_at(t_s);
  return horizon.interval_count() + int(std::floor((t_s - end_s) / horizon.interval_s));
}

// The start of slot k (>= 0).
inline double slot_start_s(const Horizon& horizon, int k) {
  if (k < horizon.interval_count()) return horizon.interval_start_s(k);
  return horizon.end_s() + double(k - horizon.interval_count()) * horizon.interval_s;
}

// The first of slots first .. first+max_ahead with fewer than `capacity` bookings, or nullopt
// when all are full; used[k] is the bookings of slot k (0 beyond used's end).
inline std::optional<int> slot_with_room(const std::vector<int>& used, int capacity, int first,
                                         int max_ahead) {
  for (int k = first; k <= first + max_ahead; ++k) {
    const int booked = std::size_t(k) < used.size() ? used[std::size_t(k)] : 0;
    if (booked < capacity) return k;
  }
  return std::nullopt;
}

struct SlotLanding {
  int slot;      // the slot booked
  double due_s;  // when the callback is due
};

// Where a callback the schedule makes due at due_s lands in a group of `capacity` per slot
// with bookings `used`, or nullopt when no slot within max_ahead has room (no offer).
inline std::optional<SlotLanding> land_callback(const std::vector<int>& used, int capacity,
                                                int max_ahead, const Horizon& horizon,
                                                double due_s) {
  const int first = slot_at(horizon, due_s);
  const std::optional<int> k = slot_with_room(used, capacity, first, max_ahead);
  if (!k) return std::nullopt;
  return SlotLanding{*k, *k == first ? due_s : slot_start_s(horizon, *k)};
}

}  // namespace ccsim::centre
