// The model's part of outbound campaigns (models/centre/outbound.h states the rule): the
// quotas opened and closed at interval boundaries, the rule evaluated after every event, and
// the attempts started and ended.
#include <algorithm>

#include "models/centre/model.h"
#include "models/centre/outbound.h"

namespace ccsim::centre {

// Per-interval quotas: at an interval's end its calls not made are lost; at an interval's start
// the quota is its calls_per_interval entry. At a boundary the end comes first.
void Model::on_quota_checkpoint(double now_s) {
  const Horizon& h = sc_.horizon;
  if (quota_open_ >= 0 && h.interval_end_s(quota_open_) <= now_s) {
    for (std::size_t c = 0; c < campaigns_.size(); ++c) {
      if (sc_.outbound[c].list_size) continue;
      campaigns_[c].lost += campaigns_[c].left;
      campaigns_[c].left = 0;
    }
    quota_open_ = -1;
  }
  if (quota_next_ < intervals_ && h.interval_start_s(quota_next_) <= now_s) {
    quota_open_ = quota_next_++;
    for (std::size_t c = 0; c < campaigns_.size(); ++c) {
      const OutboundCampaign& oc = sc_.outbound[c];
      if (!oc.list_size) campaigns_[c].left = oc.calls_per_interval[std::size_t(quota_open_)];
    }
  }
}

// The rule of outbound.h, for each campaign in turn, while it holds.
void Model::dial_outbound() {
  const double now = calendar_.now_s();
  const bool open = now < end_s_ && !sc_.horizon.closed_at(now);
  for (std::size_t c = 0; c < campaigns_.size(); ++c) {
    const CampaignState& cs = campaigns_[c];
    for (;;) {
      CampaignView v;
      v.calls_left = cs.left;
      v.open = open;
      for (int g : cs.groups) {
        const GroupState& gs = groups_[std::size_t(g)];
        v.idle_agents += int(gs.members.size()) - gs.busy_agents;  // leaving agents are busy
      }
      if (v.idle_agents - 1 < sc_.outbound[c].reserve_idle || v.calls_left <= 0) break;
      for (int k : cs.types) {
        const Queue& q = types_[std::size_t(k)].queue;
        if (q.head != kNone) {
          v.oldest_wait_s = std::max(v.oldest_wait_s, now - contacts_[q.head].rec.queue_entry_s);
        }
      }
      if (!may_start_attempt(sc_.outbound[c], v)) break;
      std::uint32_t agent = kNone;
      for (int g : cs.groups) {  // the longest idle; ties: the group listed first
        const std::uint32_t head = groups_[std::size_t(g)].available[0].head;
        if (head != kNone &&
            (agent == kNone || agents_[head].listed_since_s < agents_[agent].listed_since_s)) {
          agent = head;
        }
      }
      if (agent == kNone) break;  // unreachable: an idle agent is listed (contact_centre.h)
      start_attempt(c, agent);
    }
  }
}

// REQUIRES: the agent is idle and of the campaign's groups.
void Model::start_attempt(std::size_t campaign, std::uint32_t agent) {
  const OutboundCampaign& oc = sc_.outbound[campaign];
  CampaignState& cs = campaigns_[campaign];
  const double now = calendar_.now_s();
  unlist_agent(agents_, groups_, agent);
  set_load(agents_, groups_, agent, +1, now);
  Agent& a = agents_[agent];
  a.campaign = std::int32_t(campaign);
  GroupState& g = groups_[std::size_t(a.group)];
  g.outbound_time.update(now, double(++g.outbound_agents));
  cs.busy.update(now, double(++cs.on_calls));
  --cs.left;
  ++cs.attempts;
  const std::uint64_t key = cs.next_seq++;
  auto rng = [&](std::uint64_t purpose) {
    return sim::RandomStream(seed_, replication_, sim::stream_combine(cs.name_id, purpose), key);
  };
  sim::RandomStream connect_rng = rng(kOutboundConnect);
  OutboundAttemptRecord r;
  r.campaign = int(campaign);
  r.group = a.group;
  r.agent = int(agent);
  r.start_s = now;
  double duration = 0.0;
  if (attempt_outcome(oc, connect_rng) == AttemptOutcome::Connected) {
    sim::RandomStream talk_rng = rng(kOutboundTalk);
    r.connected = true;
    r.talk_s = oc.talk_time.sample(talk_rng);
    duration = r.talk_s;
    if (oc.wrap_up) {
      sim::RandomStream wrap_rng = rng(kOutboundWrapUp);
      duration += oc.wrap_up->sample(wrap_rng);
    }
    ++cs.connects;
    cs.talk_s += r.talk_s;
  } else {
    // dial_time is given whenever connect_prob < 1 (validated); 0 s otherwise.
    sim::RandomStream dial_rng = rng(kOutboundDial);
    duration = oc.dial_time ? oc.dial_time->sample(dial_rng) : 0.0;
  }
  r.end_s = now + duration;
  calendar_.schedule(r.end_s, int(EventKind::OutboundEnd), Event{EventKind::OutboundEnd, agent});
  if (attempt_sink_) attempt_sink_(r);
}

void Model::on_outbound_end(std::uint32_t agent) {
  const double now = calendar_.now_s();
  Agent& a = agents_[agent];
  CampaignState& cs = campaigns_[std::size_t(a.campaign)];
  a.campaign = -1;
  GroupState& g = groups_[std::size_t(a.group)];
  g.outbound_time.update(now, double(--g.outbound_agents));
  cs.busy.update(now, double(--cs.on_calls));
  set_load(agents_, groups_, agent, -1, now);  // not listed while on the attempt
  agent_ready(agent);
}

}  // namespace ccsim::centre
