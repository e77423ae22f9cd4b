// The contact-centre model: one replication of a scenario on the event calendar.
//
// Contacts arrive per contact type, wait in the human queue of their type, and are answered by
// agents of a group skilled for the type; impatient contacts abandon.
//
// Routing: an arriving contact goes to the longest-idle skilled agent (over all groups); a
// freed agent takes, among the types it is skilled for, the waiting contact of highest
// priority, then the one that entered the queue first. Wrap-up occupies the agent after the
// customer has left. When a group's staffing drops, idle agents leave at once and busy ones
// leave when they finish the contact in hand; after the horizon the last staffing stays on
// duty until every contact has finished.
//
// Random numbers (sim::RandomStream): the arrival process of a type draws from a stream named
// by the type's name; the handle, wrap-up and patience times of the n-th arrival of a type
// from streams named by (type name, purpose, n). Two variants of a scenario therefore share
// these numbers wherever their contacts are the same (common random numbers), whatever the
// order of types or the staffing.
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
  std::uint64_t events = 0;             // events processed
  std::uint64_t contacts = 0;           // contacts simulated (warm-up included)
  std::size_t peak_in_system = 0;       // most waiting contacts held at once (a contact in
                                        // service lives on as its agent's pending event)
  std::size_t peak_pending_events = 0;  // most events pending at once
};

// Receives every contact record of a replication, in the order outcomes become known.
using RecordSink = std::function<void(const ContactRecord&)>;

// Simulates replication `replication` of `scenario` with random streams keyed by `seed`.
// REQUIRES: scenario validated by parse_scenario.
ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t seed,
                                       std::uint64_t replication, const RecordSink& sink = {});

}  // namespace ccsim
