// Outbound work blended with inbound (Scenario::outbound): Koole's threshold rule for blending.
//
// The rule. An agent of a campaign's groups starts an outbound attempt only when all hold:
//   - the campaign has calls left: its list (list_size) or this interval's quota
//     (calls_per_interval) is not used up;
//   - the horizon is open: before its end and not between two days;
//   - after the agent takes the attempt, at least reserve_idle agents of the campaign's groups
//     stay idle (an idle agent: present, not leaving, holding nothing);
//   - no inbound contact of a type the campaign's groups are skilled for (any level) has waited
//     in its human queue longer than max_inbound_wait_s.
// The agent is the longest idle of the campaign's groups (ties: the group listed first). The
// centre is work-conserving, so while an agent is idle no contact of its own skills waits: the
// wait condition binds when the campaign's groups have different skills (an idle agent of one
// group does not call out while contacts for another group wait too long).
//
// When it is evaluated (events, not polling): after every event of the model, for each campaign
// in the scenario's order, the rule starts attempts while it holds. Its inputs change only at
// events (an agent freed, hired or leaving, a contact arriving, answered or abandoning, an
// interval starting with a new quota), so no opportunity is missed between events, and an
// attempt starts at the time of the event that allowed it.
//
// An attempt uses one call of the list or quota, whether it connects or not (a number that does
// not connect is not dialled again). It connects with connect_prob: the agent then talks
// (talk_time) and wraps up (wrap_up); else the agent spends dial_time. Either way the agent is
// busy (it counts in occupancy) until the attempt ends, then takes waiting inbound work first.
// Calls not made carry over to the next interval with a list and are lost with a per-interval
// quota.
#pragma once

#include <cstdint>
#include <vector>

#include "models/centre/windows.h"
#include "models/kpi/kpi.h"
#include "models/scenario/scenario.h"
#include "sim/random.h"
#include "sim/stats.h"

namespace ccsim::centre {

// What the rule sees of one campaign at an event.
struct CampaignView {
  long long calls_left = 0;  // list or quota left
  bool open = false;         // the horizon is open (before its end, not between days)
  int idle_agents = 0;       // idle agents of the campaign's groups, before the attempt
  double oldest_wait_s = 0;  // longest wait of an inbound contact its groups serve, or 0
};

// Whether an agent of the campaign starts an attempt now (the rule above).
inline bool may_start_attempt(const OutboundCampaign& campaign, const CampaignView& v) {
  return v.calls_left > 0 && v.open && v.idle_agents - 1 >= campaign.reserve_idle &&
         v.oldest_wait_s <= campaign.max_inbound_wait_s;
}

enum class AttemptOutcome : std::uint8_t { Connected, NotConnected };

// Whether an attempt reaches the right party: Connected with connect_prob. Draws one uniform
// only when connect_prob is strictly between 0 and 1.
inline AttemptOutcome attempt_outcome(const OutboundCampaign& campaign, sim::RandomStream& rng) {
  if (campaign.connect_prob >= 1.0) return AttemptOutcome::Connected;
  if (campaign.connect_prob <= 0.0) return AttemptOutcome::NotConnected;
  return rng.uniform() < campaign.connect_prob ? AttemptOutcome::Connected
                                               : AttemptOutcome::NotConnected;
}

// The state of one campaign in the model.
struct CampaignState {
  std::uint64_t name_id = 0;   // names its random streams
  std::vector<int> groups;     // Scenario::outbound's groups
  std::vector<int> types;      // contact types any of its groups is skilled for
  long long left = 0;          // list left, or the current interval's quota left
  std::uint64_t next_seq = 0;  // attempts started: the key of the next attempt's numbers
  int on_calls = 0;            // agents on its attempts
  sim::TimeAverage busy;       // of on_calls
  // Running totals (snapshotted at each checkpoint): attempts and connects started, talk time of
  // the connects started, and quota calls lost at interval ends (per-interval form only).
  std::uint64_t attempts = 0, connects = 0;
  double talk_s = 0.0;
  long long lost = 0;
};

// A campaign's running totals at a checkpoint.
struct CampaignSnapshot {
  double attempts = 0, connects = 0, talk_s = 0, agent_s = 0, lost = 0, left = 0;
};

// The campaigns' states at the start of a replication, their quotas not yet opened.
std::vector<CampaignState> make_campaign_states(const Scenario& scenario);

// The snapshot of each campaign's totals at now_s.
std::vector<CampaignSnapshot> campaign_snapshots(const std::vector<CampaignState>& campaigns,
                                                 double now_s);

// Outbound figures of each campaign ([c]) within each window (state.h: Windows), from the
// snapshots at the checkpoints ([checkpoint][c]); no windows without campaigns. Counts, talk and
// agent time are differences between the window's ends; calls_left is the list left at the
// window's end (list form) or the quota calls lost within the window (per-interval form).
using OutboundWindows = Windows<std::vector<OutboundStats>>;
OutboundWindows outbound_windows(const Scenario& scenario, const std::vector<double>& checkpoints_s,
                                 const std::vector<std::vector<CampaignSnapshot>>& snapshots);

}  // namespace ccsim::centre
