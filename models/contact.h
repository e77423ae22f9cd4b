// The life of one contact, as the record the model emits when the contact's outcome is known.
// Statistics are computed from these records only (kpi.h).
#pragma once

#include <cstdint>

namespace ccsim {

enum class Outcome {
  Answered,   // reached an agent
  Abandoned,  // left the queue before an agent reached it
  Unserved,   // still waiting when the simulation ended (no agent and no patience left)
};

const char* outcome_name(Outcome outcome);

// REQUIRES (invariants the model guarantees): arrival_s <= queue_entry_s <= end_s;
// for Answered, queue_entry_s <= answer_s and end_s = answer_s + handle_s (+ wrap_s is agent
// time after the customer has left); for Abandoned, end_s is the abandonment time.
struct ContactRecord {
  std::uint64_t id = 0;  // unique within a replication, in order of arrival
  int type = 0;          // index into Scenario::contact_types
  Outcome outcome = Outcome::Unserved;
  double arrival_s = 0.0;      // first contact with the centre
  double queue_entry_s = 0.0;  // entry into the human queue
  double answer_s = 0.0;       // an agent answered (Answered only)
  double end_s = 0.0;          // the customer's last moment in the system
  double handle_s = 0.0;       // talk time (Answered only)
  double wrap_s = 0.0;         // after-contact work (Answered only)
  int group = -1;              // agent group that answered (Answered only)
  int agent = -1;              // agent id within the replication (Answered only)

  double wait_s() const {
    return (outcome == Outcome::Answered ? answer_s : end_s) - queue_entry_s;
  }
};

}  // namespace ccsim
