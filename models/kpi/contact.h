// The life of one contact, as the record the model emits when the contact's outcome is known.
// Statistics are computed from these records only (kpi.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ccsim {

// Values are contiguous from 0 (all_outcomes relies on it).
enum class Outcome {
  Answered,        // reached an agent (directly or by a completed callback)
  Abandoned,       // left the human queue before an agent reached it
  Deflected,       // resolved by self-service before any queue
  Contained,       // resolved by the chatbot
  BotAbandoned,    // quit while waiting for or talking to the chatbot
  CallbackFailed,  // accepted a callback but was not reached in max_attempts calls
  Balked,          // left at once on hearing the announced wait
  Unserved,        // still waiting when the simulation ended (no agent and no patience left)
  Blocked,         // found every telephone line taken (a busy signal), or a full queue
  Overflowed,      // moved to another type's queue (full queue, or max_wait_s passed)
  Messaged,        // left a message, which became a contact of another (email) type
};

// How a contact came to its type.
enum class Origin : std::uint8_t {
  Arrival,   // a fresh arrival, a retrial, a channel switch or a transfer
  Overflow,  // overflowed from another type's queue
  Message,   // a message left by a caller of another type
};

// The name of `outcome` in logs and messages ("answered", "bot_abandoned", ...); "?" for a
// value outside the enum. Its switch is the one list of outcome names: all_outcomes and
// outcome_from_name are derived from it, so that what `run --log` writes is what the log
// readers accept.
const char* outcome_name(Outcome outcome);
// Every Outcome, in enum order.
const std::vector<Outcome>& all_outcomes();
// The Outcome named `name` (exactly, as outcome_name spells it); nullopt for none.
std::optional<Outcome> outcome_from_name(std::string_view name);

// Invariants the model guarantees: arrival_s <= bot_start_s <= bot_end_s (when used_bot)
// <= queue_entry_s (when queued) <= end_s; for Answered, queue_entry_s <= answer_s and
// end_s = answer_s + handle_s (wrap_s is agent time after the customer has left); for
// Abandoned, end_s is the abandonment time. A record made from a per-contact log
// (models/measured) holds NaN for a time the log did not record (kpi.h says what then counts).
struct ContactRecord {
  std::uint64_t id = 0;  // unique within a replication, in order of arrival
  int type = 0;          // index into Scenario::contact_types
  Outcome outcome = Outcome::Unserved;
  int attempt = 0;         // 0: first attempt; n: n-th retrial after abandoning
  int leg = 0;             // 0: first leg of a journey; n: reached this type by the n-th transfer
  double arrival_s = 0.0;  // arrival of this leg
  double journey_start_s = 0.0;  // arrival of the journey's first leg
  bool used_bot = false;
  double bot_start_s = 0.0;  // start of the bot conversation (the bot's first answer)
  double bot_end_s = 0.0;
  bool queued = false;         // entered the human queue
  bool escalated = false;      // handed over by the chatbot
  double queue_entry_s = 0.0;  // entry into the human queue
  double answer_s = 0.0;       // an agent answered (Answered only)
  double end_s = 0.0;          // the customer's last moment in the system
  double handle_s = 0.0;       // talk time (Answered only)
  double wrap_s = 0.0;         // after-contact work (Answered only)
  int group = -1;              // agent group that answered (Answered only)
  int agent = -1;              // agent id within the replication (Answered only)
  // Callbacks.
  bool callback_offered = false;
  bool callback_accepted = false;
  // A callback was called for but no slot had room (callback_slots.h), so none was offered.
  bool callback_no_slot = false;
  double callback_accept_s = 0.0;
  double callback_due_s = 0.0;  // when an accepted scheduled callback was first due
  int call_attempts = 0;        // calls the agents made to the customer
  double first_call_s = 0.0;    // start of the first call (when call_attempts > 0)
  // The wait predicted at queue entry (types with a callback).
  bool has_prediction = false;
  double predicted_wait_s = 0.0;
  bool transferred = false;  // transferred to another type after service
  Origin origin = Origin::Arrival;
  // Probability that the customer is satisfied (types with a satisfaction curve).
  bool has_satisfaction = false;
  double satisfaction = 0.0;
  // Abandoned without closing the chat (ContactType::silent_abandonment): end_s is when the
  // customer left; silent_detect_s the agent time spent on the chat afterwards (0 when no agent
  // took it before it ended).
  bool silent = false;
  double silent_detect_s = 0.0;

  bool retrial() const { return attempt > 0; }
  bool on_callback() const { return callback_accepted; }
};

}  // namespace ccsim
