#include "models/contact_centre.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "sim/calendar.h"
#include "sim/random.h"
#include "sim/stats.h"

namespace ccsim {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Event kinds; at equal times they fire in this order (the calendar's priority).
enum class EventKind : std::uint8_t { Checkpoint, StaffChange, AgentFree, Abandon, Arrival };

struct Event {
  EventKind kind;
  std::uint32_t index;  // checkpoint, group, agent, contact slot or contact type
};

// Purposes of random numbers, combined with a contact type's name into stream ids.
enum Purpose : std::uint64_t { kArrivals = 1, kHandle = 2, kWrapUp = 3, kPatience = 4 };

struct Contact {
  std::uint64_t id = 0;
  std::uint64_t seq = 0;  // n-th arrival of its type: names its random numbers
  double arrival_s = 0.0;
  double queue_entry_s = 0.0;
  sim::EventHandle abandon;
  std::uint32_t prev = kNone, next = kNone;  // links in its type's queue
  int type = 0;
};

// FIFO of waiting contacts of one type: an intrusive doubly-linked list through the contact
// pool, so that an abandoning contact leaves from the middle in O(1).
struct Queue {
  std::uint32_t head = kNone, tail = kNone;
  std::size_t size = 0;
};

struct Agent {
  int group = 0;
  double idle_since_s = 0.0;
  std::uint32_t member_pos = 0;  // position in its group's members
  bool busy = false;
  bool leaving = false;  // leaves when the contact in hand is finished
};

struct GroupState {
  std::vector<int> skills;
  std::vector<StaffChange> schedule;
  std::deque<std::uint32_t> idle;      // idle agents, longest idle first
  std::vector<std::uint32_t> members;  // present agents (idle or busy)
  int leaving = 0;
  int busy = 0;
  sim::TimeAverage busy_time;
  sim::TimeAverage present_time;
};

struct TypeState {
  std::uint64_t name_id = 0;
  std::vector<double> rate_per_s;  // per interval (rate and per_interval arrivals)
  std::vector<int> groups;         // groups skilled for this type
  Queue queue;
  std::uint64_t next_seq = 0;
  std::size_t trace_pos = 0;
};

class Model {
 public:
  Model(const Scenario& scenario, std::uint64_t seed, std::uint64_t replication,
        const RecordSink& sink);
  ReplicationResult run();

 private:
  // Events.
  void on_arrival(int type);
  void on_abandon(std::uint32_t slot);
  void on_agent_free(std::uint32_t agent);
  void on_staff_change(int group, std::size_t step);
  void on_checkpoint(std::size_t index);

  double next_arrival_time(int type, double after_s);
  void schedule_next_arrival(int type);

  // Agents and routing.
  void agent_available(std::uint32_t agent);
  void answer(std::uint32_t slot, std::uint32_t agent);
  int pick_type(const GroupState& group) const;
  std::uint32_t hire(int group);
  void depart(std::uint32_t agent);
  void set_busy(GroupState& g, int delta);
  void set_present(GroupState& g);

  // Contacts.
  std::uint32_t new_contact(int type);
  void free_contact(std::uint32_t slot);
  void enqueue(std::uint32_t slot);
  void unlink(std::uint32_t slot);
  void record(const ContactRecord& r);
  sim::RandomStream contact_stream(int type, Purpose purpose, std::uint64_t seq) const;

  const Scenario& sc_;
  const std::uint64_t seed_, replication_;
  const RecordSink& sink_;
  const double interval_s_, end_s_, warmup_s_;
  const int intervals_;

  sim::Calendar<Event> calendar_;
  std::vector<TypeState> types_;
  std::vector<GroupState> groups_;
  std::vector<Agent> agents_;
  std::vector<std::uint32_t> free_agents_;
  std::vector<Contact> contacts_;
  std::vector<std::uint32_t> free_contacts_;
  std::vector<sim::RandomStream> arrival_streams_;
  std::vector<double> checkpoints_s_;  // interval boundaries and the warm-up end, sorted
  // busy/present integrals of each group at each checkpoint: [checkpoint][group]
  std::vector<std::vector<std::pair<double, double>>> integrals_;
  std::uint64_t next_id_ = 0;
  std::size_t in_system_ = 0;
  ReplicationResult result_;
};

Model::Model(const Scenario& scenario, std::uint64_t seed, std::uint64_t replication,
             const RecordSink& sink)
    : sc_(scenario),
      seed_(seed),
      replication_(replication),
      sink_(sink),
      interval_s_(scenario.horizon.interval_s),
      end_s_(scenario.horizon.end_s()),
      warmup_s_(scenario.simulation.warmup_s),
      intervals_(scenario.horizon.intervals) {
  const std::size_t n_types = sc_.contact_types.size(), n_groups = sc_.agent_groups.size();
  types_.resize(n_types);
  for (std::size_t k = 0; k < n_types; ++k) {
    const ContactType& ct = sc_.contact_types[k];
    TypeState& ts = types_[k];
    ts.name_id = sim::stream_hash(ct.name);
    arrival_streams_.emplace_back(seed_, replication_, sim::stream_combine(ts.name_id, kArrivals));
    if (ct.arrivals.kind == Arrivals::Kind::RatePerHour) {
      ts.rate_per_s.assign(std::size_t(intervals_), ct.arrivals.rate_per_hour / 3600.0);
    } else if (ct.arrivals.kind == Arrivals::Kind::PerInterval) {
      for (double n : ct.arrivals.per_interval) ts.rate_per_s.push_back(n / interval_s_);
    }
  }
  groups_.resize(n_groups);
  for (std::size_t g = 0; g < n_groups; ++g) {
    groups_[g].skills = sc_.agent_groups[g].skills;
    groups_[g].schedule = net_staffing_schedule(sc_.agent_groups[g], sc_.horizon);
    for (int k : groups_[g].skills) types_[std::size_t(k)].groups.push_back(int(g));
  }
  for (int i = 1; i <= intervals_; ++i) checkpoints_s_.push_back(double(i) * interval_s_);
  if (warmup_s_ > 0.0) checkpoints_s_.push_back(warmup_s_);
  std::sort(checkpoints_s_.begin(), checkpoints_s_.end());
  checkpoints_s_.insert(checkpoints_s_.begin(), 0.0);
  integrals_.assign(checkpoints_s_.size(), std::vector<std::pair<double, double>>(n_groups));

  result_.contact.assign(std::size_t(intervals_), std::vector<ContactStats>(n_types));
  result_.group.assign(std::size_t(intervals_), std::vector<GroupStats>(n_groups));
  result_.group_total.assign(n_groups, GroupStats{});
}

ReplicationResult Model::run() {
  for (std::size_t c = 1; c < checkpoints_s_.size(); ++c) {
    calendar_.schedule(checkpoints_s_[c], int(EventKind::Checkpoint),
                       Event{EventKind::Checkpoint, std::uint32_t(c)});
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) on_staff_change(int(g), 0);
  for (std::size_t k = 0; k < types_.size(); ++k) schedule_next_arrival(int(k));

  sim::Calendar<Event>::Event ev;
  while (calendar_.pop(ev)) {
    ++result_.events;
    switch (ev.payload.kind) {
      case EventKind::Checkpoint:
        on_checkpoint(ev.payload.index);
        break;
      case EventKind::StaffChange:
        on_staff_change(int(ev.payload.index >> 20), ev.payload.index & 0xFFFFF);
        break;
      case EventKind::AgentFree:
        on_agent_free(ev.payload.index);
        break;
      case EventKind::Abandon:
        on_abandon(ev.payload.index);
        break;
      case EventKind::Arrival:
        on_arrival(int(ev.payload.index));
        break;
    }
    result_.peak_pending_events = std::max(result_.peak_pending_events, calendar_.pending());
  }

  // Contacts left waiting: no agent will come and they have no patience left to run out.
  const double end = std::max(calendar_.now_s(), end_s_);
  for (TypeState& ts : types_) {
    while (ts.queue.head != kNone) {
      const std::uint32_t slot = ts.queue.head;
      const Contact& c = contacts_[slot];
      ContactRecord r;
      r.id = c.id;
      r.type = c.type;
      r.outcome = Outcome::Unserved;
      r.arrival_s = c.arrival_s;
      r.queue_entry_s = c.queue_entry_s;
      r.end_s = end;
      record(r);
      unlink(slot);
      free_contact(slot);
    }
  }

  // Agent time per interval and in total, from the checkpoint integrals.
  auto window = [&](double lo, double hi) {
    std::vector<GroupStats> out(groups_.size());
    if (hi <= lo) return out;
    const auto a = std::size_t(std::lower_bound(checkpoints_s_.begin(), checkpoints_s_.end(), lo) -
                               checkpoints_s_.begin());
    const auto b = std::size_t(std::lower_bound(checkpoints_s_.begin(), checkpoints_s_.end(), hi) -
                               checkpoints_s_.begin());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      out[g].busy_agent_s = integrals_[b][g].first - integrals_[a][g].first;
      out[g].available_agent_s = integrals_[b][g].second - integrals_[a][g].second;
      out[g].window_s = hi - lo;
    }
    return out;
  };
  for (int i = 0; i < intervals_; ++i) {
    result_.group[std::size_t(i)] =
        window(std::max(double(i) * interval_s_, warmup_s_), double(i + 1) * interval_s_);
  }
  result_.group_total = window(warmup_s_, end_s_);
  return std::move(result_);
}

sim::RandomStream Model::contact_stream(int type, Purpose purpose, std::uint64_t seq) const {
  return sim::RandomStream(seed_, replication_,
                           sim::stream_combine(types_[std::size_t(type)].name_id, purpose), seq);
}

// ---- arrivals ----

double Model::next_arrival_time(int type, double after_s) {
  const ContactType& ct = sc_.contact_types[std::size_t(type)];
  TypeState& ts = types_[std::size_t(type)];
  if (ct.arrivals.kind == Arrivals::Kind::Trace) {
    const auto& times = ct.arrivals.trace_times_s;
    return ts.trace_pos < times.size() ? times[ts.trace_pos++] : kInfinity;
  }
  // Non-homogeneous Poisson process with a piecewise-constant rate, by inversion of the
  // cumulative rate: consume one unit-mean exponential of "rate time" interval by interval.
  double remaining = arrival_streams_[std::size_t(type)].exponential(1.0);
  double t = after_s;
  auto i = std::size_t(std::max(0.0, std::floor(t / interval_s_)));
  while (i < ts.rate_per_s.size()) {
    const double interval_end = double(i + 1) * interval_s_;
    const double rate = ts.rate_per_s[i];
    if (rate > 0.0 && rate * (interval_end - t) >= remaining) return t + remaining / rate;
    remaining -= rate * std::max(0.0, interval_end - t);
    t = interval_end;
    ++i;
  }
  return kInfinity;
}

void Model::schedule_next_arrival(int type) {
  const double t = next_arrival_time(type, calendar_.now_s());
  if (t < end_s_) {
    calendar_.schedule(t, int(EventKind::Arrival), Event{EventKind::Arrival, std::uint32_t(type)});
  }
}

void Model::on_arrival(int type) {
  schedule_next_arrival(type);
  const std::uint32_t slot = new_contact(type);
  const TypeState& ts = types_[std::size_t(type)];
  // Longest-idle skilled agent over all groups; ties go to the group listed first.
  std::uint32_t best = kNone;
  for (int g : ts.groups) {
    const GroupState& gs = groups_[std::size_t(g)];
    if (gs.idle.empty()) continue;
    const std::uint32_t a = gs.idle.front();
    if (best == kNone || agents_[a].idle_since_s < agents_[best].idle_since_s) best = a;
  }
  if (best != kNone) {
    groups_[std::size_t(agents_[best].group)].idle.pop_front();
    answer(slot, best);
    return;
  }
  enqueue(slot);
  const auto& patience = sc_.contact_types[std::size_t(type)].patience;
  if (patience) {
    Contact& c = contacts_[slot];
    sim::RandomStream rng = contact_stream(type, kPatience, c.seq);
    c.abandon = calendar_.schedule(calendar_.now_s() + patience->sample(rng),
                                   int(EventKind::Abandon), Event{EventKind::Abandon, slot});
  }
}

void Model::on_abandon(std::uint32_t slot) {
  const Contact& c = contacts_[slot];
  ContactRecord r;
  r.id = c.id;
  r.type = c.type;
  r.outcome = Outcome::Abandoned;
  r.arrival_s = c.arrival_s;
  r.queue_entry_s = c.queue_entry_s;
  r.end_s = calendar_.now_s();
  unlink(slot);
  record(r);
  free_contact(slot);
}

// ---- agents ----

void Model::set_busy(GroupState& g, int delta) {
  g.busy += delta;
  g.busy_time.update(calendar_.now_s(), double(g.busy));
}

void Model::set_present(GroupState& g) {
  g.present_time.update(calendar_.now_s(), double(g.members.size()));
}

void Model::answer(std::uint32_t slot, std::uint32_t agent) {
  Contact& c = contacts_[slot];
  Agent& a = agents_[agent];
  const double now = calendar_.now_s();
  calendar_.cancel(c.abandon);
  const ContactType& ct = sc_.contact_types[std::size_t(c.type)];
  sim::RandomStream handle_rng = contact_stream(c.type, kHandle, c.seq);
  const double handle = ct.handle_time.sample(handle_rng);
  double wrap = 0.0;
  if (ct.wrap_up) {
    sim::RandomStream wrap_rng = contact_stream(c.type, kWrapUp, c.seq);
    wrap = ct.wrap_up->sample(wrap_rng);
  }
  a.busy = true;
  set_busy(groups_[std::size_t(a.group)], +1);
  calendar_.schedule(now + handle + wrap, int(EventKind::AgentFree),
                     Event{EventKind::AgentFree, agent});

  ContactRecord r;
  r.id = c.id;
  r.type = c.type;
  r.outcome = Outcome::Answered;
  r.arrival_s = c.arrival_s;
  r.queue_entry_s = c.queue_entry_s;
  r.answer_s = now;
  r.end_s = now + handle;
  r.handle_s = handle;
  r.wrap_s = wrap;
  r.group = a.group;
  r.agent = int(agent);
  record(r);
  free_contact(slot);
}

int Model::pick_type(const GroupState& group) const {
  int best = -1;
  for (int k : group.skills) {
    const Queue& q = types_[std::size_t(k)].queue;
    if (q.size == 0) continue;
    if (best < 0) {
      best = k;
      continue;
    }
    const int pk = sc_.contact_types[std::size_t(k)].priority;
    const int pb = sc_.contact_types[std::size_t(best)].priority;
    if (pk > pb ||
        (pk == pb && contacts_[q.head].queue_entry_s <
                         contacts_[types_[std::size_t(best)].queue.head].queue_entry_s)) {
      best = k;
    }
  }
  return best;
}

void Model::agent_available(std::uint32_t agent) {
  Agent& a = agents_[agent];
  GroupState& g = groups_[std::size_t(a.group)];
  if (a.leaving) {
    depart(agent);
    return;
  }
  const int k = pick_type(g);
  if (k >= 0) {
    const std::uint32_t slot = types_[std::size_t(k)].queue.head;
    unlink(slot);
    answer(slot, agent);
    return;
  }
  a.idle_since_s = calendar_.now_s();
  g.idle.push_back(agent);
}

void Model::on_agent_free(std::uint32_t agent) {
  Agent& a = agents_[agent];
  a.busy = false;
  set_busy(groups_[std::size_t(a.group)], -1);
  agent_available(agent);
}

std::uint32_t Model::hire(int group) {
  std::uint32_t id;
  if (free_agents_.empty()) {
    id = std::uint32_t(agents_.size());
    agents_.emplace_back();
  } else {
    id = free_agents_.back();
    free_agents_.pop_back();
  }
  GroupState& g = groups_[std::size_t(group)];
  Agent& a = agents_[id];
  a = Agent{};
  a.group = group;
  a.member_pos = std::uint32_t(g.members.size());
  g.members.push_back(id);
  set_present(g);
  return id;
}

void Model::depart(std::uint32_t agent) {
  Agent& a = agents_[agent];
  GroupState& g = groups_[std::size_t(a.group)];
  if (a.leaving) --g.leaving;
  const std::uint32_t last = g.members.back();
  g.members[a.member_pos] = last;
  agents_[last].member_pos = a.member_pos;
  g.members.pop_back();
  set_present(g);
  free_agents_.push_back(agent);
}

void Model::on_staff_change(int group, std::size_t step) {
  GroupState& g = groups_[std::size_t(group)];
  const int target = g.schedule[step].agents;
  auto on_duty = [&g] { return int(g.members.size()) - g.leaving; };
  while (on_duty() < target) {
    if (g.leaving > 0) {  // cheaper than a new agent: someone about to leave stays
      for (std::uint32_t m : g.members) {
        if (agents_[m].leaving) {
          agents_[m].leaving = false;
          --g.leaving;
          break;
        }
      }
    } else {
      agent_available(hire(group));
    }
  }
  while (on_duty() > target) {
    if (!g.idle.empty()) {
      const std::uint32_t a = g.idle.back();
      g.idle.pop_back();
      depart(a);
    } else {
      for (std::uint32_t m : g.members) {
        if (agents_[m].busy && !agents_[m].leaving) {
          agents_[m].leaving = true;
          ++g.leaving;
          break;
        }
      }
    }
  }
  if (step + 1 < g.schedule.size()) {
    calendar_.schedule(
        g.schedule[step + 1].time_s, int(EventKind::StaffChange),
        Event{EventKind::StaffChange, (std::uint32_t(group) << 20) | std::uint32_t(step + 1)});
  }
}

void Model::on_checkpoint(std::size_t index) {
  const double now = calendar_.now_s();
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    integrals_[index][g] = {groups_[g].busy_time.integral(now),
                            groups_[g].present_time.integral(now)};
  }
}

// ---- contacts ----

std::uint32_t Model::new_contact(int type) {
  std::uint32_t slot;
  if (free_contacts_.empty()) {
    slot = std::uint32_t(contacts_.size());
    contacts_.emplace_back();
  } else {
    slot = free_contacts_.back();
    free_contacts_.pop_back();
  }
  Contact& c = contacts_[slot];
  c = Contact{};
  c.id = next_id_++;
  c.type = type;
  c.seq = types_[std::size_t(type)].next_seq++;
  c.arrival_s = c.queue_entry_s = calendar_.now_s();
  ++in_system_;
  ++result_.contacts;
  result_.peak_in_system = std::max(result_.peak_in_system, in_system_);
  return slot;
}

void Model::free_contact(std::uint32_t slot) {
  free_contacts_.push_back(slot);
  --in_system_;
}

void Model::enqueue(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  Queue& q = types_[std::size_t(c.type)].queue;
  c.prev = q.tail;
  c.next = kNone;
  if (q.tail != kNone) {
    contacts_[q.tail].next = slot;
  } else {
    q.head = slot;
  }
  q.tail = slot;
  ++q.size;
}

void Model::unlink(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  Queue& q = types_[std::size_t(c.type)].queue;
  if (c.prev != kNone) {
    contacts_[c.prev].next = c.next;
  } else {
    q.head = c.next;
  }
  if (c.next != kNone) {
    contacts_[c.next].prev = c.prev;
  } else {
    q.tail = c.prev;
  }
  c.prev = c.next = kNone;
  --q.size;
}

void Model::record(const ContactRecord& r) {
  if (sink_) sink_(r);
  if (r.arrival_s < warmup_s_) return;
  const auto i = std::min(std::size_t(r.arrival_s / interval_s_), std::size_t(intervals_ - 1));
  result_.contact[i][std::size_t(r.type)].add(
      r, sc_.contact_types[std::size_t(r.type)].service_level.threshold_s);
}

}  // namespace

ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t seed,
                                       std::uint64_t replication, const RecordSink& sink) {
  Model model(scenario, seed, replication, sink);
  return model.run();
}

}  // namespace ccsim
