// The state of the contact-centre model (models/centre/contact_centre.cpp): the contacts, agents,
// groups and types it keeps, and the intrusive lists that queue contacts and list free agents,
// with the views of this state that the policies of models/centre/ see. Mechanism only: no
// rule of a flow is decided here.
//
// Lists are intrusive doubly-linked lists through a pool (contacts or agents), so that a
// member leaves from the middle in O(1) and nothing is allocated per contact.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "models/centre/callback.h"
#include "models/centre/routing.h"
#include "models/centre/windows.h"
#include "models/kpi/contact.h"
#include "models/kpi/kpi.h"
#include "models/scenario/scenario.h"
#include "sim/calendar.h"
#include "sim/stats.h"

namespace ccsim::centre {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

enum class Where : std::uint8_t { None, BotQueue, HumanQueue };

struct Contact {
  std::uint64_t id = 0;
  std::uint64_t key = 0;   // names the contact's random numbers: (attempt, n-th arrival of type)
  sim::EventHandle timer;  // abandonment (bot or human queue)
  sim::EventHandle wait_timer;               // max_wait_s in the human queue (queue_cap.h)
  sim::EventHandle level_timer;              // the next skill level becoming eligible (routing.h)
  std::uint32_t prev = kNone, next = kNone;  // links in the queue it waits in
  Where where = Where::None;
  std::int32_t line = -1;  // trunk group whose line it holds (lines.h), or -1: none
  ContactRecord rec;       // filled in as the contact lives
};

// FIFO of waiting contacts: an intrusive doubly-linked list through the contact pool, so that
// an abandoning contact leaves from the middle in O(1).
struct Queue {
  std::uint32_t head = kNone, tail = kNone;
  std::size_t size = 0;
};

struct Agent {
  int group = 0;
  int active = 0;        // contacts in hand (talking, wrapping up or dialling)
  bool leaving = false;  // leaves once active reaches 0
  std::uint32_t member_pos = 0;
  // Availability list of its group at level `active` (only while active < concurrency and
  // not leaving), ordered by the time the agent reached that level.
  bool listed = false;
  std::uint32_t prev = kNone, next = kNone;
  double listed_since_s = 0.0;
  std::uint32_t dialling = kNone;  // contact slot being called back
  std::int32_t campaign = -1;      // outbound campaign of the attempt in hand, or -1: none
  // Occupancy (routing.h: least_occupied): present since; busy (active > 0) since, while
  // busy; busy time of the busy periods ended; busy time up to the occupancy epoch.
  double present_since_s = 0.0, busy_since_s = 0.0, busy_ended_s = 0.0, busy_at_epoch_s = 0.0;
};

// The agent's busy time up to now_s.
inline double busy_s(const Agent& a, double now_s) {
  return a.busy_ended_s + (a.active > 0 ? now_s - a.busy_since_s : 0.0);
}

// The agent's occupancy since epoch_s (or since it came, if later): busy / present time, 0
// when no time has passed. REQUIRES: busy_at_epoch_s was set to busy_s at epoch_s (or 0 for
// an agent that came after it).
inline double occupancy(const Agent& a, double epoch_s, double now_s) {
  const double present = now_s - (a.present_since_s > epoch_s ? a.present_since_s : epoch_s);
  return present > 0.0 ? (busy_s(a, now_s) - a.busy_at_epoch_s) / present : 0.0;
}

struct AgentList {
  std::uint32_t head = kNone, tail = kNone;
  std::size_t size = 0;
};

// Busy agents / busy slots / present agents / agents on outbound integrals of a group at a
// checkpoint.
struct GroupIntegrals {
  double busy = 0.0, slots = 0.0, present = 0.0, outbound = 0.0;
};

struct GroupState {
  std::vector<int> skills;
  // Skill levels only (has_skill_levels): per skill, its level and that level's delay on the
  // type (routing.h: level_delay_s). Empty otherwise.
  std::vector<int> skill_levels;
  std::vector<double> skill_after_s;
  std::vector<StaffChange> schedule;
  std::size_t next_step = 0;  // the schedule's change that the group's next StaffChange applies
  int concurrency = 1;
  std::vector<double> slowdown;        // by chats held, or empty
  std::vector<AgentList> available;    // by level (contacts held), 0 .. concurrency-1
  std::vector<std::uint32_t> members;  // present agents
  int leaving = 0;
  int busy_agents = 0;
  int busy_slots = 0;
  int outbound_agents = 0;  // agents on an outbound attempt (outbound.h), among busy_agents
  sim::TimeAverage busy_time, slot_time, present_time, outbound_time;
};

struct TypeState {
  std::uint64_t name_id = 0;
  std::vector<double> rate_per_s;  // per interval: the forecast (rate and per_interval arrivals)
  std::vector<int> groups;         // groups skilled for this type
  std::vector<int> group_tiers;    // their tiers (routing.h: order_groups)
  // Skill levels only (has_skill_levels): per entry of groups, the delay of its level
  // (non-decreasing: groups are in order_levels' order). Empty otherwise.
  std::vector<double> group_after_s;
  Queue queue;                 // human queue
  Queue bot_queue;             // waiting for a bot session
  int bot_sessions = 0;        // bot conversations in progress
  std::uint64_t next_seq = 0;  // first attempts so far (trace arrivals)
  std::size_t trace_pos = 0;
  double mean_agent_time_s = 0.0;  // handle + wrap-up means, for the wait predictor
  // With per-interval means (has_interval_means): the type's handle_time, wrap_up and
  // patience of each interval (each empty when that one has no per-interval means), and
  // handle + wrap-up means by interval. All empty without.
  std::vector<Distribution> handle_by_interval, wrap_up_by_interval, patience_by_interval;
  std::vector<double> mean_agent_time_by_interval_s;
  double last_wait_s = 0.0;  // wait of the last contact to reach an agent
  bool realtime = true;      // voice or chat (email is deferred work)
  int line_pool = -1;        // its trunk group (lines.h: line_pools), or -1: unlimited lines
  int slot_pool = -1;        // its callback slot group (callback_slots.h), or -1: no limit
};

// A callback slot group's bookings.
struct SlotPool {
  int capacity = 1;
  std::vector<int> used;  // used[k]: callbacks booked into slot k (callback_slots.h: slot_at)
};

// A trunk group's lines.
struct LinePool {
  int lines = 1;
  int in_use = 0;        // lines held
  sim::TimeAverage use;  // of in_use
};

// How a group serves one contact type.
struct Service {
  const Distribution* handle = nullptr;  // the group's own, or nullptr: the type's
  double speed = 1.0;
};

// A contact to come: a retrial, a channel switch or a transfer.
struct PendingContact {
  int type;
  std::uint64_t base;  // key of its first attempt (< 2^48)
  int attempt;
  int leg;
  double journey_start_s;
  int line = -1;  // the line a transferred contact keeps (Contact::line)
};

// ---- setting up ----

// The state of each contact type of `scenario`, without its arrival stream; a type's groups
// are its skilled groups in the order routing tries them (order_groups).
// REQUIRES: scenario validated; service from make_services.
std::vector<TypeState> make_type_states(const Scenario& scenario,
                                        const std::vector<std::vector<Service>>& service);

// The state of each agent group of `scenario` at the start, nobody present.
std::vector<GroupState> make_group_states(const Scenario& scenario);

// How each group serves each type: service[g][k].
std::vector<std::vector<Service>> make_services(const Scenario& scenario);

// The trunk groups' lines, none held.
std::vector<LinePool> make_line_pools(const std::vector<int>& lines);

// The interval boundaries (over several days, each interval's start and end) and the warm-up
// end, sorted, after 0.
std::vector<double> checkpoint_times_s(const Horizon& horizon, double warmup_s);

// The busy agents, busy slots and present agents integrals of each group up to now_s.
std::vector<GroupIntegrals> group_integrals(const std::vector<GroupState>& groups, double now_s);

// Agent time of each group within [lo, hi] from the integrals at the checkpoints.
// REQUIRES: lo and hi are checkpoints (or hi <= lo: an empty window).
std::vector<GroupStats> group_window(const std::vector<GroupState>& groups,
                                     const std::vector<double>& checkpoints_s,
                                     const std::vector<std::vector<GroupIntegrals>>& integrals,
                                     double lo, double hi);

// Line time of each trunk group ([t]) within each window (Windows), from `integrals`
// ([checkpoint][t]: the integral of lines held up to that checkpoint); no windows without
// trunk groups.
using TrunkWindows = Windows<std::vector<TrunkStats>>;
TrunkWindows trunk_windows(const std::vector<LinePool>& pools,
                           const std::vector<double>& checkpoints_s,
                           const std::vector<std::vector<double>>& integrals,
                           const Horizon& horizon, double warmup_s);

// The contact an agent going off duty after a day's closing takes (closing overtime): among
// the real-time types (voice, chat) of `skills`, the waiting contact that is not an accepted
// callback and entered the queue first (ties: the skill listed first), as (type, slot); nullopt
// when none waits. Email and accepted callbacks wait for the next opening. With skill levels
// (`after_s` not empty: GroupState::skill_after_s) only a contact that has waited its skill's
// delay at now_s.
std::optional<std::pair<int, std::uint32_t>> overtime_contact(const std::vector<int>& skills,
                                                              const std::vector<TypeState>& types,
                                                              const std::vector<Contact>& contacts,
                                                              const std::vector<double>& after_s,
                                                              double now_s);

// Whether some agent group has a skill above level 1 (routing.h: skill levels).
bool has_skill_levels(const Scenario& scenario);

// The level of group.skills[i]: 1 when the group gives none.
inline int skill_level(const AgentGroup& group, std::size_t i) {
  return i < group.skill_levels.size() ? group.skill_levels[i] : 1;
}

// Counts a contact's record into contact[i][type] (ReplicationResult::contact, [interval][type]):
// its backlog at the end of every interval it waited across for an agent, in (queue entry,
// leaving the queue] and after warmup_s, whatever its arrival time (an unserved contact never
// left: it waits at every end after its queue entry, the horizon's end included); and the
// record itself in its arrival interval (the last for arrivals at the end), unless it arrived
// before warmup_s > 0. A contact of the initial state (arrival_s < 0) counts in interval 0
// without a warm-up. `threshold_s` is the service-level threshold of its type.
void count_contact(const ContactRecord& r, const Horizon& horizon, double warmup_s,
                   double threshold_s, std::vector<std::vector<ContactStats>>& contact);

// ---- pools ----

// A slot of `pool` for a new member: the last one freed, else a new one at the end.
template <class T>
std::uint32_t acquire_slot(std::vector<T>& pool, std::vector<std::uint32_t>& free) {
  if (free.empty()) {
    pool.emplace_back();
    return std::uint32_t(pool.size() - 1);
  }
  const std::uint32_t slot = free.back();
  free.pop_back();
  return slot;
}

// A new agent of group `group`, present from now_s, holding nothing and not listed.
std::uint32_t add_agent(std::vector<Agent>& agents, std::vector<std::uint32_t>& free_agents,
                        std::vector<GroupState>& groups, int group, double now_s);

// The agent leaves its group at now_s (taken off its availability list) and its slot is freed.
void remove_agent(std::vector<Agent>& agents, std::vector<std::uint32_t>& free_agents,
                  std::vector<GroupState>& groups, std::uint32_t agent, double now_s);

// The index of the earliest of times_s (the first on a tie) and its time in t_s, or -1 when
// none is below t_s on entry.
inline int earliest(const std::vector<double>& times_s, double& t_s) {
  int best = -1;
  for (std::size_t k = 0; k < times_s.size(); ++k) {
    if (times_s[k] < t_s) {
      t_s = times_s[k];
      best = int(k);
    }
  }
  return best;
}

// ---- the human and bot queues ----

// Puts a contact at the head or the tail of q. REQUIRES: the contact is in no queue.
inline void push(std::vector<Contact>& contacts, Queue& q, std::uint32_t slot, bool at_head) {
  Contact& c = contacts[slot];
  if (at_head) {
    c.prev = kNone;
    c.next = q.head;
    if (q.head != kNone) {
      contacts[q.head].prev = slot;
    } else {
      q.tail = slot;
    }
    q.head = slot;
  } else {
    c.prev = q.tail;
    c.next = kNone;
    if (q.tail != kNone) {
      contacts[q.tail].next = slot;
    } else {
      q.head = slot;
    }
    q.tail = slot;
  }
  ++q.size;
}

// Takes a contact out of q. REQUIRES: the contact is in q.
inline void unlink(std::vector<Contact>& contacts, Queue& q, std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.prev != kNone) {
    contacts[c.prev].next = c.next;
  } else {
    q.head = c.next;
  }
  if (c.next != kNone) {
    contacts[c.next].prev = c.prev;
  } else {
    q.tail = c.prev;
  }
  c.prev = c.next = kNone;
  --q.size;
}

// ---- the agents' availability lists and loads ----

// Lists an agent at the tail of its group's list for its load, since now_s.
// REQUIRES: not listed; active < concurrency; not leaving.
inline void list_agent(std::vector<Agent>& agents, std::vector<GroupState>& groups,
                       std::uint32_t agent, double now_s) {
  Agent& a = agents[agent];
  GroupState& g = groups[std::size_t(a.group)];
  AgentList& l = g.available[std::size_t(a.active)];
  a.listed = true;
  a.listed_since_s = now_s;
  a.prev = l.tail;
  a.next = kNone;
  if (l.tail != kNone) {
    agents[l.tail].next = agent;
  } else {
    l.head = agent;
  }
  l.tail = agent;
  ++l.size;
}

// Takes an agent off its availability list, if it is on one.
inline void unlist_agent(std::vector<Agent>& agents, std::vector<GroupState>& groups,
                         std::uint32_t agent) {
  Agent& a = agents[agent];
  if (!a.listed) return;
  AgentList& l = groups[std::size_t(a.group)].available[std::size_t(a.active)];
  if (a.prev != kNone) {
    agents[a.prev].next = a.next;
  } else {
    l.head = a.next;
  }
  if (a.next != kNone) {
    agents[a.next].prev = a.prev;
  } else {
    l.tail = a.prev;
  }
  a.prev = a.next = kNone;
  a.listed = false;
  --l.size;
}

// Changes the contacts an agent holds by delta at now_s, and its group's busy time.
// REQUIRES: the agent is not listed (its list depends on its load).
inline void set_load(std::vector<Agent>& agents, std::vector<GroupState>& groups,
                     std::uint32_t agent, int delta, double now_s) {
  Agent& a = agents[agent];
  GroupState& g = groups[std::size_t(a.group)];
  const bool was_busy = a.active > 0;
  a.active += delta;
  g.busy_slots += delta;
  g.slot_time.update(now_s, double(g.busy_slots));
  if (was_busy != (a.active > 0)) {
    if (was_busy) {
      a.busy_ended_s += now_s - a.busy_since_s;
    } else {
      a.busy_since_s = now_s;
    }
    g.busy_agents += a.active > 0 ? 1 : -1;
    g.busy_time.update(now_s, double(g.busy_agents));
  }
}

// ---- what the policies see ----

// The free agents as agent_for_contact (routing.h) sees them: the availability lists;
// occupancy since epoch_s.
struct FreeAgentsView {
  const std::vector<GroupState>& groups;
  const std::vector<Agent>& agents;
  double epoch_s, now_s;
  std::size_t levels(int g) const { return groups[std::size_t(g)].available.size(); }
  std::optional<std::uint32_t> first(int g, std::size_t level) const {
    const std::uint32_t a = groups[std::size_t(g)].available[level].head;
    return a == kNone ? std::nullopt : std::optional<std::uint32_t>(a);
  }
  std::optional<std::uint32_t> next(std::uint32_t a) const {
    const std::uint32_t n = agents[a].next;
    return n == kNone ? std::nullopt : std::optional<std::uint32_t>(n);
  }
  std::size_t count(int g, std::size_t level) const {
    return groups[std::size_t(g)].available[level].size;
  }
  double since_s(std::uint32_t a) const { return agents[a].listed_since_s; }
  double occupancy(std::uint32_t a) const { return centre::occupancy(agents[a], epoch_s, now_s); }
};

// The human queues as contact_for_agent (routing.h) sees them at now_s.
struct QueuesView {
  const std::vector<ContactType>& contact_types;
  const std::vector<TypeState>& types;
  const std::vector<Contact>& contacts;
  double now_s;
  bool waiting(int k) const { return types[std::size_t(k)].queue.size != 0; }
  double score(int k) const {
    const ContactType& ct = contact_types[std::size_t(k)];
    return centre::score(ct.priority, ct.priority_per_minute_waited,
                         ct.priority_per_minute_waited == 0.0 ? 0.0 : now_s - head_entry_s(k));
  }
  bool realtime(int k) const { return types[std::size_t(k)].realtime; }
  bool eligible(int k, double after_s) const { return head_entry_s(k) + after_s <= now_s; }
  double head_entry_s(int k) const {
    return contacts[types[std::size_t(k)].queue.head].rec.queue_entry_s;
  }
};

// The type's own distribution `own` for a contact that arrived at `arrival_s`: the entry of its
// arrival interval in `by_interval` (TypeState's per-interval distributions), or `own` when
// `by_interval` is empty.
inline const Distribution& in_arrival_interval(const std::vector<Distribution>& by_interval,
                                               const Distribution& own, const Horizon& horizon,
                                               double arrival_s) {
  if (by_interval.empty()) return own;
  return by_interval[std::size_t(horizon.interval_at(arrival_s))];
}

// What the wait predictor (callback.h) sees for a contact of type `type` that arrived in
// interval `interval`.
inline WaitView wait_view(const std::vector<TypeState>& types,
                          const std::vector<GroupState>& groups, int type, int interval) {
  const TypeState& ts = types[std::size_t(type)];
  WaitView v;
  v.waiting = ts.queue.size;
  v.mean_agent_time_s = ts.mean_agent_time_by_interval_s.empty()
                            ? ts.mean_agent_time_s
                            : ts.mean_agent_time_by_interval_s[std::size_t(interval)];
  v.last_wait_s = ts.last_wait_s;
  for (int g : ts.groups) {
    const GroupState& gs = groups[std::size_t(g)];
    for (const AgentList& level : gs.available) {
      if (level.head != kNone) {
        v.free_skilled_slot = true;
        return v;
      }
    }
    v.slots_on_duty += double((int(gs.members.size()) - gs.leaving) * gs.concurrency);
  }
  return v;
}

}  // namespace ccsim::centre
