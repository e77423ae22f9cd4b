// The contact-centre model: one replication of a scenario on the event calendar.
//
// The model (contact_centre.cpp) is the mechanism: it keeps the state (models/centre/state.h:
// contacts, agents, groups, types and the lists that queue them), runs the event loop and the
// staffing schedules, names the random streams and keeps the records. Each rule of a flow is a
// plain function of models/centre/, which sees only the scenario's values and small views of
// the state and returns a decision that the model carries out.
//
// The journey of a contact:
//   1. Arrival: the next fresh contact of each type        models/centre/arrivals.h
//      (retrials, channel switches and transfers come back as pending contacts); a voice
//      contact takes a telephone line, or is blocked      models/centre/lines.h
//   2. Self-service: deflected, or on                       models/centre/front_door.h
//   3. Chatbot: start or wait for a session (bot queue      models/centre/front_door.h
//      patience); at its end abandoned, contained or escalated.
//   4. Human queue entry: the wait prediction; a full queue overflowed, messaged or
//      blocked (and max_wait_s later)                        models/centre/queue_cap.h;
//      a callback                                            models/centre/callback.h
//      offered and accepted (virtual hold or scheduled), or balking   models/centre/customer.h
//   5. Routing: the agent that takes the contact now, or     models/centre/routing.h
//      waiting with a patience (abandons when it runs out)   models/centre/customer.h
//      until a freed agent takes it (which contact a freed agent takes: routing.h); a chat
//      customer may abandon silently, leaving the chat for an agent to find  silent_abandon.h
//   6. Service: a callback's call attempts (dial time,       models/centre/callback.h
//      reached, tried again or failed); handle time (the group's own, the handoff's or the
//      type's, times the group's speed and the chat slowdown) and wrap-up  contact_centre.cpp;
//      a transfer to another type's queue when the handle time ends  models/centre/customer.h
//   7. End: the contact's record; after abandoning or       models/centre/customer.h
//      balking, a retrial on its own type or else a channel switch.
//
// Staffing: when a group's staffing drops, idle agents leave at once (the most recently idle
// first) and busy ones leave when they finish the contacts in hand; when it rises, agents
// about to leave stay before new ones are hired. After the horizon the last staffing stays on
// duty until every contact has finished.
//
// Initial state (Scenario::initial_state; contact_centre_initial.cpp): at time 0, after the
// staffing at 0, agents already busy and contacts already waiting (arrived and queued at
// −elapsed, patience the residual beyond it: initial_state.h) are placed; nothing without one.
//
// Outbound campaigns (models/centre/outbound.h): after every event, idle agents of a campaign's
// groups start outbound attempts while its threshold rule allows; an agent on an attempt holds
// it as one contact (busy, off the availability lists) until it ends.
//
// Days (horizon.days > 1): no fresh contact arrives between a day's closing and the next
// opening; count and per_interval staffing drop to 0 at closing (shifts hold as written). An
// agent going off duty after closing stays on while a real-time contact of its skills waits
// that is not an accepted callback (closing overtime, state.h: overtime_contact); email and
// accepted callbacks wait for the next opening. The last day closes like a one-day horizon.
//
// Invariants, between events:
//   - A contact is in at most one queue (a bot queue or the human queue of its type), the one
//     its `where` names; its abandonment timer is pending only while it waits there.
//   - An agent is on its group's availability list of level `active` iff it is present, not
//     leaving and holds fewer contacts than the group's concurrency; each list is ordered by
//     the time its agents reached that level.
//   - No contact waits in a human queue while an agent skilled for its type is on an
//     availability list (the centre is work-conserving).
//   - A leaving agent holds at least one contact; a group's agents on duty are its members
//     less those leaving.
//   - A group's busy slots are the contacts its agents hold (an outbound attempt counts as one);
//     its busy agents those holding any; its outbound agents those on an outbound attempt.
//   - A contact is recorded, and its slot freed, once its outcome is known: an answered one
//     when an agent answers it (it lives on only as its agent's AgentFree event and, if
//     transferred, as a pending contact); a callback being dialled is held by its agent's
//     `dialling` until the call ends.
//
// Random numbers (sim::RandomStream): the arrival process of a type draws from a stream named
// by the type's name; every other number of a contact (handle, wrap-up, patience, each rule's
// draws) from a stream named by (type name, purpose, the contact's key), the key being
// (attempt, n-th arrival of the type) or derived from the contact it switched or was
// transferred from. Two variants of a scenario therefore share these numbers wherever their
// contacts are the same (common random numbers), whatever the order of types or the staffing.
//
// Memory is proportional to the contacts in the system, not to the contacts simulated.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "models/kpi/contact.h"
#include "models/kpi/kpi.h"
#include "models/scenario/scenario.h"

namespace ccsim {

// The statistics of one replication.
struct ReplicationResult {
  // contact[i][k]: contacts of type k arrived in interval i (after warm-up).
  std::vector<std::vector<ContactStats>> contact;
  // group[i][g]: agent time of group g within interval i (after warm-up).
  std::vector<std::vector<GroupStats>> group;
  // group_total[g]: agent time of group g within [warm-up, horizon end].
  std::vector<GroupStats> group_total;
  // Over several days (horizon.days > 1), group_day[d][g]: agent time of group g within day d
  // (state.h: Windows); empty with one day.
  std::vector<std::vector<GroupStats>> group_day;
  // trunk[i][t], trunk_total[t], trunk_day[d][t]: line time of trunk group t (lines.h:
  // line_pools) within interval i, [warm-up, horizon end] and day d, as for groups; empty
  // without trunk groups.
  std::vector<std::vector<TrunkStats>> trunk;
  std::vector<TrunkStats> trunk_total;
  std::vector<std::vector<TrunkStats>> trunk_day;
  // slot_used[i][s]: callbacks booked into interval i's slot of callback slot group s
  // (callback_slots.h: slot_pools; warm-up included), whose capacity per slot is
  // slot_capacity[s]; both empty without slot groups.
  std::vector<std::vector<int>> slot_used;
  std::vector<int> slot_capacity;
  // outbound[i][c], outbound_total[c], outbound_day[d][c]: the figures of outbound campaign c
  // (Scenario::outbound; outbound.h: outbound_windows) by window as for trunk groups; empty
  // without campaigns.
  std::vector<std::vector<OutboundStats>> outbound;
  std::vector<OutboundStats> outbound_total;
  std::vector<std::vector<OutboundStats>> outbound_day;
  // Intervals per day (horizon.intervals): contact[i] is in day i / intervals_per_day.
  int intervals_per_day = 1;
  std::uint64_t events = 0;             // events processed
  std::uint64_t contacts = 0;           // contacts simulated (warm-up included)
  std::size_t peak_in_system = 0;       // most waiting contacts held at once (a contact in
                                        // service lives on as its agent's pending event)
  std::size_t peak_pending_events = 0;  // most events pending at once
};

// Receives every contact record of a replication, in the order outcomes become known.
using RecordSink = std::function<void(const ContactRecord&)>;

// One outbound attempt (models/centre/outbound.h), known when it starts.
struct OutboundAttemptRecord {
  int campaign = 0;                   // index into Scenario::outbound
  int group = 0;                      // the agent's group
  int agent = 0;                      // the agent (an index reused after the agent leaves)
  double start_s = 0.0, end_s = 0.0;  // the agent is busy with it over [start_s, end_s)
  bool connected = false;
  double talk_s = 0.0;  // talk time when connected, else 0
};
// Receives every outbound attempt of a replication, in the order they start.
using AttemptSink = std::function<void(const OutboundAttemptRecord&)>;

// Simulates replication `replication` of `scenario` with random streams keyed by `seed`.
// REQUIRES: scenario validated by parse_scenario.
ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t seed,
                                       std::uint64_t replication, const RecordSink& sink = {},
                                       const AttemptSink& attempts = {});

}  // namespace ccsim
