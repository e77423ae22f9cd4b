#include "models/centre/contact_centre.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "models/centre/arrivals.h"
#include "models/centre/availability.h"
#include "models/centre/callback.h"
#include "models/centre/callback_slots.h"
#include "models/centre/customer.h"
#include "models/centre/front_door.h"
#include "models/centre/initial_state.h"
#include "models/centre/lines.h"
#include "models/centre/model.h"
#include "models/centre/queue_cap.h"
#include "models/centre/routing.h"
#include "models/centre/state.h"
#include "sim/calendar.h"
#include "sim/random.h"
#include "sim/stats.h"

namespace ccsim::centre {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

Model::Model(const Scenario& scenario, std::uint64_t seed, std::uint64_t replication,
             const RecordSink& sink, const AttemptSink& attempt_sink)
    : sc_(scenario),
      seed_(seed),
      replication_(replication),
      sink_(sink),
      attempt_sink_(attempt_sink),
      end_s_(scenario.horizon.end_s()),
      warmup_s_(scenario.simulation.warmup_s),
      intervals_(scenario.horizon.interval_count()),
      choice_rng_(seed, replication, sim::stream_combine(0, kAgentChoice)),
      levelled_(has_skill_levels(scenario)) {
  const std::size_t n_types = sc_.contact_types.size(), n_groups = sc_.agent_groups.size();
  service_ = make_services(sc_);
  types_ = make_type_states(sc_, service_);
  groups_ = make_group_states(sc_);
  const int days = std::max(1, sc_.horizon.days), per_day = sc_.horizon.intervals;
  for (std::size_t g = 0; g < n_groups; ++g) {
    const AgentGroup& ag = sc_.agent_groups[g];
    if (ag.availability_cv == 0.0) continue;
    const std::uint64_t id = sim::stream_combine(sim::stream_hash(ag.name), kAvailability);
    groups_[g].schedule = uncertain_schedule(std::move(groups_[g].schedule), ag.availability_cv,
                                             days, seed_, replication_, id);
  }
  const std::vector<double> shared = volume_factors(
      sc_.simulation.volume_cv, days, seed_, replication_, sim::stream_combine(0, kSharedVolume));
  arrivals_.reserve(n_types);
  for (std::size_t k = 0; k < n_types; ++k) {
    const TypeState& ts = types_[k];
    const Arrivals& a = sc_.contact_types[k].arrivals;
    std::vector<double> factor(ts.rate_per_s.size(), a.volume_factor);
    if (a.volume_cv > 0.0) {
      scale_by_day(factor, per_day,
                   volume_factors(a.volume_cv, days, seed_, replication_,
                                  sim::stream_combine(ts.name_id, kVolume)));
    }
    if (sc_.simulation.volume_cv > 0.0) scale_by_day(factor, per_day, shared);
    arrivals_.emplace_back(ts.rate_per_s, factor, sc_.horizon, seed_, replication_,
                           sim::stream_combine(ts.name_id, kArrivals),
                           sim::stream_combine(ts.name_id, kArrivalMarks));
  }
  checkpoints_s_ = checkpoint_times_s(sc_.horizon, warmup_s_);
  integrals_.assign(checkpoints_s_.size(), std::vector<GroupIntegrals>(n_groups));
  const LinePools pools = line_pools(sc_);
  lines_ = make_line_pools(pools.lines);
  for (std::size_t k = 0; k < n_types; ++k) types_[k].line_pool = pools.pool_of_type[k];
  line_integrals_.assign(checkpoints_s_.size(), std::vector<double>(lines_.size()));
  const SlotPools slot_groups = slot_pools(sc_);
  for (std::size_t s = 0; s < slot_groups.names.size(); ++s) {
    slots_.push_back(SlotPool{slot_groups.capacity[s], {}});
  }
  for (std::size_t k = 0; k < n_types; ++k) types_[k].slot_pool = slot_groups.pool_of_type[k];
  campaigns_ = make_campaign_states(sc_);
  if (!campaigns_.empty()) {
    campaign_snapshots_.assign(checkpoints_s_.size(),
                               std::vector<CampaignSnapshot>(campaigns_.size()));
  }

  result_.contact.assign(std::size_t(intervals_), std::vector<ContactStats>(n_types));
  result_.group.assign(std::size_t(intervals_), std::vector<GroupStats>(n_groups));
  result_.group_total.assign(n_groups, GroupStats{});
}

ReplicationResult Model::run() {
  for (std::size_t c = 1; c < checkpoints_s_.size(); ++c) {
    calendar_.schedule(checkpoints_s_[c], int(EventKind::Checkpoint),
                       Event{EventKind::Checkpoint, std::uint32_t(c)});
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) on_staff_change(int(g));
  if (!sc_.initial_state.empty()) place_initial_state();
  next_arrival_s_.assign(types_.size(), kInfinity);
  for (std::size_t k = 0; k < types_.size(); ++k) schedule_next_arrival(int(k));
  if (!campaigns_.empty()) {
    on_quota_checkpoint(0.0);
    dial_outbound();
  }

  sim::Calendar<Event>::Event ev;
  for (;;) {
    double next_arrival = kInfinity;
    const int next_type = earliest(next_arrival_s_, next_arrival);
    if (next_type >= 0 && next_arrival < calendar_.next_time_s()) {
      ++result_.events;
      calendar_.advance_to(next_arrival);
      on_arrival(next_type);
      if (!campaigns_.empty()) dial_outbound();
      continue;
    }
    if (!calendar_.pop(ev)) break;
    ++result_.events;
    const std::uint32_t i = ev.payload.index;
    switch (ev.payload.kind) {
      case EventKind::Checkpoint:
        on_checkpoint(i);
        break;
      case EventKind::StaffChange:
        on_staff_change(int(i));
        break;
      case EventKind::AgentFree:
        on_agent_free(i);
        break;
      case EventKind::DialEnd:
        on_dial_end(i);
        break;
      case EventKind::BotEnd:
        on_bot_end(i);
        break;
      case EventKind::BotAbandon:
        on_bot_abandon(i);
        break;
      case EventKind::Abandon:
        on_abandon(i);
        break;
      case EventKind::CallbackDue:
        on_callback_due(i);
        break;
      case EventKind::Retrial:
        on_retrial(i);
        break;
      case EventKind::Transfer:
        on_transfer(i);
        break;
      case EventKind::LineFree:
        on_line_free(i);
        break;
      case EventKind::MaxWait:
        on_max_wait(i);
        break;
      case EventKind::OutboundEnd:
        on_outbound_end(i);
        break;
      case EventKind::Overflow:
        on_overflow(i);
        break;
    }
    if (!campaigns_.empty()) dial_outbound();
    result_.peak_pending_events = std::max(result_.peak_pending_events, calendar_.pending());
  }

  close();
  return std::move(result_);
}

// After the last event: the contacts left waiting end unserved, and the agent and line time
// is cut into intervals and days.
void Model::close() {
  // Contacts left waiting: no agent will come and they have no patience left to run out.
  const double end = std::max(calendar_.now_s(), end_s_);
  for (TypeState& ts : types_) {
    while (ts.queue.head != kNone) {
      const std::uint32_t slot = ts.queue.head;
      unlink(contacts_, ts.queue, slot);
      const ContactRecord& r = contacts_[slot].rec;  // a silent leaver left (silent_abandon.h)
      finish(slot, r.silent ? Outcome::Abandoned : Outcome::Unserved, r.silent ? r.end_s : end);
    }
  }

  Windows<std::vector<GroupStats>> groups =
      by_window(sc_.horizon, warmup_s_, [&](double lo_s, double hi_s) {
        return group_window(groups_, checkpoints_s_, integrals_, lo_s, hi_s);
      });
  result_.group = std::move(groups.per_interval);
  result_.group_total = std::move(groups.total);
  result_.group_day = std::move(groups.per_day);
  TrunkWindows trunks =
      trunk_windows(lines_, checkpoints_s_, line_integrals_, sc_.horizon, warmup_s_);
  result_.trunk = std::move(trunks.per_interval);
  result_.trunk_total = std::move(trunks.total);
  result_.trunk_day = std::move(trunks.per_day);
  if (!slots_.empty()) {
    result_.slot_used.assign(std::size_t(intervals_), std::vector<int>(slots_.size(), 0));
    for (std::size_t s = 0; s < slots_.size(); ++s) {
      result_.slot_capacity.push_back(slots_[s].capacity);
      const std::vector<int>& used = slots_[s].used;
      for (std::size_t i = 0; i < used.size() && i < std::size_t(intervals_); ++i) {
        result_.slot_used[i][s] = used[i];
      }
    }
  }
  OutboundWindows outbound = outbound_windows(sc_, checkpoints_s_, campaign_snapshots_);
  result_.outbound = std::move(outbound.per_interval);
  result_.outbound_total = std::move(outbound.total);
  result_.outbound_day = std::move(outbound.per_day);
  result_.intervals_per_day = sc_.horizon.intervals;
}

sim::RandomStream Model::stream(std::uint32_t slot, std::uint64_t purpose) const {
  const Contact& c = contacts_[slot];
  return sim::RandomStream(seed_, replication_,
                           sim::stream_combine(types_[std::size_t(c.rec.type)].name_id, purpose),
                           c.key);
}

// ---- arrivals ----

void Model::schedule_next_arrival(int type) {
  const ContactType& ct = sc_.contact_types[std::size_t(type)];
  const double t =
      ct.arrivals.kind == Arrivals::Kind::Trace
          ? next_trace_arrival_s(ct.arrivals.trace_times_s, types_[std::size_t(type)].trace_pos)
          : arrivals_[std::size_t(type)].next_s();
  next_arrival_s_[std::size_t(type)] = t < end_s_ ? t : kInfinity;
}

void Model::on_arrival(int type) {
  const std::uint64_t base =
      sc_.contact_types[std::size_t(type)].arrivals.kind == Arrivals::Kind::Trace
          ? types_[std::size_t(type)].next_seq++
          : arrivals_[std::size_t(type)].pop();
  schedule_next_arrival(type);
  start_contact(new_contact(type, base, 0));
}

std::uint32_t Model::add_pending(const PendingContact& p) {
  const std::uint32_t index = acquire_slot(pending_, free_pending_);
  pending_[index] = p;
  return index;
}

void Model::on_retrial(std::uint32_t index) {
  const PendingContact p = pending_[index];
  free_pending_.push_back(index);
  start_contact(new_contact(p.type, p.base, p.attempt));
}

void Model::on_transfer(std::uint32_t index) {
  const PendingContact p = pending_[index];
  free_pending_.push_back(index);
  const std::uint32_t slot = new_contact(p.type, p.base, p.attempt);
  contacts_[slot].rec.leg = p.leg;
  contacts_[slot].rec.journey_start_s = p.journey_start_s;
  contacts_[slot].line = p.line;
  enter_human_queue(slot);
}

// ---- the contact flow: self-service → chatbot → human queue ----

void Model::start_contact(std::uint32_t slot) {
  if (types_[std::size_t(contacts_[slot].rec.type)].line_pool >= 0 && !seize_line(slot)) {
    block(slot);
    return;
  }
  const ContactType& ct = sc_.contact_types[std::size_t(contacts_[slot].rec.type)];
  if (ct.self_service) {  // each stream is made only where its policy may draw from it
    sim::RandomStream rng = stream(slot, kDeflection);
    if (deflected(*ct.self_service, rng)) {
      finish(slot, Outcome::Deflected, calendar_.now_s());
      return;
    }
  }
  if (ct.chatbot) {
    TypeState& ts = types_[std::size_t(contacts_[slot].rec.type)];
    if (admit_to_bot(*ct.chatbot, ts.bot_sessions) == BotAdmission::Start) {
      start_bot(slot);
    } else {
      push(contacts_, ts.bot_queue, slot, false);
      contacts_[slot].where = Where::BotQueue;
      sim::RandomStream rng = stream(slot, kBotPatience);
      if (const auto patience_s = bot_queue_patience_s(*ct.chatbot, rng)) {
        contacts_[slot].timer =
            calendar_.schedule(calendar_.now_s() + *patience_s, int(EventKind::BotAbandon),
                               Event{EventKind::BotAbandon, slot});
      }
    }
    return;
  }
  enter_human_queue(slot);
}

void Model::enter_human_queue(std::uint32_t slot) {
  Contact& c = contacts_[slot];
  const int type = c.rec.type;
  const ContactType& ct = sc_.contact_types[std::size_t(type)];
  const bool capped = has_queue_cap(ct) && c.rec.origin == Origin::Arrival;
  const bool predicted = wait_is_predicted(ct);
  const double prediction = predicted || capped ? predict_wait(slot) : 0.0;
  if (capped && queue_full(ct, types_[std::size_t(type)].queue.size, prediction)) {
    on_full_queue(slot);
    return;
  }
  c.rec.queued = true;
  c.rec.queue_entry_s = calendar_.now_s();
  c.rec.has_prediction = predicted && std::isfinite(prediction);
  if (c.rec.has_prediction) c.rec.predicted_wait_s = prediction;
  if (ct.callback && took_callback(slot, prediction)) return;
  if (ct.balk) {
    sim::RandomStream rng = stream(slot, kBalk);
    if (balks(*ct.balk, prediction, rng)) {
      after_leaving_queue(slot);
      finish(slot, Outcome::Balked, calendar_.now_s());
      return;
    }
  }
  dispatch(slot, false);
}

void Model::dispatch(std::uint32_t slot, bool at_head, double waited_s) {
  Contact& c = contacts_[slot];
  const int type = c.rec.type;
  const TypeState& ts = types_[std::size_t(type)];
  auto draw = [this](std::size_t n) {
    return std::min(n - 1, std::size_t(choice_rng_.uniform() * double(n)));
  };
  if (const auto agent =
          agent_for_contact(ts.groups, ts.group_tiers, sc_.routing.agent_choice,
                            FreeAgentsView{groups_, agents_, occupancy_epoch_s_, calendar_.now_s()},
                            draw, levelled_ ? eligible_groups(slot) : SIZE_MAX)) {
    take(slot, *agent);
    return;
  }
  push(contacts_, types_[std::size_t(type)].queue, slot, at_head);
  c.where = Where::HumanQueue;
  if (levelled_) schedule_overflow(slot);
  const ContactType& ct = sc_.contact_types[std::size_t(type)];
  if (const Distribution* patience = patience_of(ct, c.rec.escalated, c.rec.on_callback())) {
    if (ct.patience && patience == &*ct.patience) {
      patience = &in_arrival_interval(types_[std::size_t(type)].patience_by_interval, *patience,
                                      sc_.horizon, c.rec.arrival_s);
    }
    sim::RandomStream rng = stream(slot, kPatience);
    const double patience_s =
        waited_s > 0.0 ? residual_sample(*patience, waited_s, rng) : patience->sample(rng);
    c.timer = calendar_.schedule(calendar_.now_s() + patience_s, int(EventKind::Abandon),
                                 Event{EventKind::Abandon, slot});
  }
  if (ct.max_wait_s && !c.rec.on_callback() && c.rec.origin == Origin::Arrival) {
    // A contact of an initial state has waited waited_s already (at once when past max_wait_s).
    c.wait_timer = calendar_.schedule(calendar_.now_s() + std::max(0.0, *ct.max_wait_s - waited_s),
                                      int(EventKind::MaxWait), Event{EventKind::MaxWait, slot});
  }
}

void Model::on_callback_due(std::uint32_t slot) {
  dispatch(slot, true);
}

void Model::finish(std::uint32_t slot, Outcome outcome, double end_s) {
  Contact& c = contacts_[slot];
  if (c.line >= 0) release_line(slot, end_s);  // an answered contact's went in serve()
  c.rec.outcome = outcome;
  c.rec.end_s = end_s;
  if (!c.rec.queued) c.rec.queue_entry_s = c.rec.used_bot ? c.rec.bot_end_s : c.rec.arrival_s;
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  if (ct.satisfaction && c.rec.queued) {
    c.rec.has_satisfaction = true;
    c.rec.satisfaction = outcome == Outcome::Answered
                             ? ct.satisfaction->at(c.rec.answer_s - c.rec.queue_entry_s)
                             : 0.0;
  }
  record(c.rec);
  free_contacts_.push_back(slot);
  --in_system_;
}

// ---- agents ----

void Model::take(std::uint32_t slot, std::uint32_t agent) {
  Contact& c = contacts_[slot];
  unlist_agent(agents_, groups_, agent);
  set_load(agents_, groups_, agent, +1, calendar_.now_s());
  c.where = Where::None;
  calendar_.cancel(c.timer);
  calendar_.cancel(c.wait_timer);
  if (levelled_) calendar_.cancel(c.level_timer);
  if (c.rec.silent) {
    detect_silent(slot, agent);
  } else if (c.rec.on_callback()) {
    // The agent calls the customer back.
    const Callback& cb = *sc_.contact_types[std::size_t(c.rec.type)].callback;
    if (c.rec.call_attempts == 0) c.rec.first_call_s = calendar_.now_s();
    ++c.rec.call_attempts;
    agents_[agent].dialling = slot;
    sim::RandomStream rng =
        stream(slot, sim::stream_combine(kDial, std::uint64_t(c.rec.call_attempts)));
    calendar_.schedule(calendar_.now_s() + dial_time_s(cb, rng), int(EventKind::DialEnd),
                       Event{EventKind::DialEnd, agent});
  } else {
    serve(slot, agent);
  }
  agent_ready(agent);  // a chat agent may take more
}

void Model::on_dial_end(std::uint32_t agent) {
  Agent& a = agents_[agent];
  const std::uint32_t slot = a.dialling;
  a.dialling = kNone;
  Contact& c = contacts_[slot];
  const Callback& cb = *sc_.contact_types[std::size_t(c.rec.type)].callback;
  sim::RandomStream rng =
      stream(slot, sim::stream_combine(kReach, std::uint64_t(c.rec.call_attempts)));
  const CallAttempt result = call_attempt(cb, c.rec.call_attempts, rng);
  if (result == CallAttempt::Reached) {
    serve(slot, agent);  // the agent's load already counts this contact
    return;
  }
  unlist_agent(agents_, groups_, agent);
  set_load(agents_, groups_, agent, -1, calendar_.now_s());
  if (result == CallAttempt::Failed) {
    finish(slot, Outcome::CallbackFailed, calendar_.now_s());
  } else {
    calendar_.schedule(calendar_.now_s() + cb.retry_after_s, int(EventKind::CallbackDue),
                       Event{EventKind::CallbackDue, slot});
  }
  agent_ready(agent);
}

// REQUIRES: the agent's load already counts this contact.
void Model::serve(std::uint32_t slot, std::uint32_t agent) {
  Contact& c = contacts_[slot];
  Agent& a = agents_[agent];
  const GroupState& g = groups_[std::size_t(a.group)];
  const double now = calendar_.now_s();
  const ContactType& ct = sc_.contact_types[std::size_t(c.rec.type)];
  const Service& sv = service_[std::size_t(a.group)][std::size_t(c.rec.type)];
  const TypeState& ts = types_[std::size_t(c.rec.type)];
  const Distribution& handle_dist =
      sv.handle ? *sv.handle
                : (c.rec.escalated && ct.chatbot && ct.chatbot->handoff_handle_time
                       ? *ct.chatbot->handoff_handle_time
                       : in_arrival_interval(ts.handle_by_interval, ct.handle_time, sc_.horizon,
                                             c.rec.arrival_s));
  sim::RandomStream handle_rng = stream(slot, kHandle);
  double handle = handle_dist.sample(handle_rng) * sv.speed;
  if (!g.slowdown.empty()) handle *= g.slowdown[std::size_t(a.active - 1)];
  double wrap = 0.0;
  if (ct.wrap_up) {
    sim::RandomStream wrap_rng = stream(slot, kWrapUp);
    wrap = in_arrival_interval(ts.wrap_up_by_interval, *ct.wrap_up, sc_.horizon, c.rec.arrival_s)
               .sample(wrap_rng);
  }
  calendar_.schedule(now + handle + wrap, int(EventKind::AgentFree),
                     Event{EventKind::AgentFree, agent});
  types_[std::size_t(c.rec.type)].last_wait_s = now - c.rec.queue_entry_s;
  const std::int32_t line = std::exchange(c.line, -1);  // held to the end of talk
  std::optional<int> to;
  if (!ct.transfers.empty()) {
    sim::RandomStream rng = stream(slot, kTransfer);
    to = transfer_to(ct.transfers, c.rec.leg, rng);
  }
  if (to) {
    c.rec.transferred = true;
    // The new leg's numbers are named after the contact transferred.
    const std::uint64_t base =
        sim::stream_combine(types_[std::size_t(c.rec.type)].name_id ^ kTransferred, c.key) &
        kSeqMask;
    const std::uint32_t index =
        add_pending({*to, base, 0, c.rec.leg + 1, c.rec.journey_start_s, line});
    calendar_.schedule(now + handle, int(EventKind::Transfer), Event{EventKind::Transfer, index});
  } else if (line >= 0) {
    calendar_.schedule(now + handle, int(EventKind::LineFree),
                       Event{EventKind::LineFree, std::uint32_t(line)});
  }
  c.rec.answer_s = now;
  c.rec.handle_s = handle;
  c.rec.wrap_s = wrap;
  c.rec.group = a.group;
  c.rec.agent = int(agent);
  finish(slot, Outcome::Answered, now + handle);
}

// The agent takes waiting work while it has a free slot; then it is listed as available at
// its load, or leaves if it is leaving and holds nothing.
// REQUIRES: the agent is not listed.
void Model::agent_ready(std::uint32_t agent) {
  Agent& a = agents_[agent];
  GroupState& g = groups_[std::size_t(a.group)];
  if (a.leaving) {
    // After a day's closing, it stays on while real-time contacts of its skills wait (state.h).
    if (a.active < g.concurrency && sc_.horizon.closed_at(calendar_.now_s())) {
      if (const auto found =
              overtime_contact(g.skills, types_, contacts_, g.skill_after_s, calendar_.now_s())) {
        unlink(contacts_, types_[std::size_t(found->first)].queue, found->second);
        take(found->second, agent);  // calls agent_ready again: a chat agent may take more
        return;
      }
    }
    if (a.active == 0) depart(agent);
    return;
  }
  if (a.active >= g.concurrency) return;
  const QueuesView queues{sc_.contact_types, types_, contacts_, calendar_.now_s()};
  if (const auto k =
          levelled_ ? contact_for_levelled_agent(g.skills, g.skill_levels, g.skill_after_s, queues)
                    : contact_for_agent(g.skills, queues)) {
    Queue& q = types_[std::size_t(*k)].queue;
    const std::uint32_t slot = q.head;
    unlink(contacts_, q, slot);
    take(slot, agent);  // calls agent_ready again for a further slot
    return;
  }
  list_agent(agents_, groups_, agent, calendar_.now_s());
}

void Model::on_agent_free(std::uint32_t agent) {
  unlist_agent(agents_, groups_, agent);
  set_load(agents_, groups_, agent, -1, calendar_.now_s());
  agent_ready(agent);
}

std::uint32_t Model::hire(int group) {
  return add_agent(agents_, free_agents_, groups_, group, calendar_.now_s());
}

void Model::depart(std::uint32_t agent) {
  remove_agent(agents_, free_agents_, groups_, agent, calendar_.now_s());
}

// Applies the group's next scheduled change; one StaffChange per group is pending at a time,
// so the event names the group alone (any number of groups and of changes).
void Model::on_staff_change(int group) {
  GroupState& g = groups_[std::size_t(group)];
  const std::size_t step = g.next_step++;
  const int target = g.schedule[step].agents;
  auto on_duty = [&g] { return int(g.members.size()) - g.leaving; };
  while (on_duty() < target) {
    if (g.leaving > 0) {  // cheaper than a new agent: someone about to leave stays
      for (std::uint32_t m : g.members) {
        if (agents_[m].leaving) {
          agents_[m].leaving = false;
          --g.leaving;
          agent_ready(m);
          break;
        }
      }
    } else {
      agent_ready(hire(group));
    }
  }
  while (on_duty() > target) {
    if (g.available[0].tail != kNone) {  // the most recently idle agent leaves
      depart(g.available[0].tail);
    } else {
      for (std::uint32_t m : g.members) {
        if (!agents_[m].leaving) {  // busy: leaves after the contacts in hand
          unlist_agent(agents_, groups_, m);
          agents_[m].leaving = true;
          ++g.leaving;
          break;
        }
      }
    }
  }
  if (g.next_step < g.schedule.size()) {
    calendar_.schedule(g.schedule[g.next_step].time_s, int(EventKind::StaffChange),
                       Event{EventKind::StaffChange, std::uint32_t(group)});
  }
}

void Model::on_checkpoint(std::size_t index) {
  integrals_[index] = group_integrals(groups_, calendar_.now_s());
  if (sc_.routing.agent_choice == AgentChoice::LeastOccupied) {
    occupancy_epoch_s_ = calendar_.now_s();
    for (Agent& a : agents_) a.busy_at_epoch_s = busy_s(a, occupancy_epoch_s_);
  }
  for (std::size_t t = 0; t < lines_.size(); ++t) {
    line_integrals_[index][t] = lines_[t].use.integral(calendar_.now_s());
  }
  if (!campaigns_.empty()) {
    on_quota_checkpoint(calendar_.now_s());
    campaign_snapshots_[index] = campaign_snapshots(campaigns_, calendar_.now_s());
  }
}

// ---- contacts ----

std::uint32_t Model::new_contact(int type, std::uint64_t base, int attempt) {
  const std::uint32_t slot = acquire_slot(contacts_, free_contacts_);
  Contact& c = contacts_[slot];
  c = Contact{};
  c.key = (std::uint64_t(attempt) << 48) | base;
  c.rec.id = next_id_++;
  c.rec.type = type;
  c.rec.attempt = attempt;
  c.rec.arrival_s = c.rec.journey_start_s = calendar_.now_s();
  ++in_system_;
  ++result_.contacts;
  result_.peak_in_system = std::max(result_.peak_in_system, in_system_);
  return slot;
}

void Model::record(const ContactRecord& r) {
  if (sink_) sink_(r);
  count_contact(r, sc_.horizon, warmup_s_,
                sc_.contact_types[std::size_t(r.type)].service_level.threshold_s, result_.contact);
}

}  // namespace ccsim::centre

namespace ccsim {

ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t seed,
                                       std::uint64_t replication, const RecordSink& sink,
                                       const AttemptSink& attempts) {
  centre::Model model(scenario, seed, replication, sink, attempts);
  return model.run();
}

}  // namespace ccsim
