// The simulation model of one replication (contact_centre.h states its contract): the
// class that holds the state and runs the event loop, its events and the purposes of its random
// streams. Internal to models/centre/: only contact_centre.cpp, contact_centre_limits.cpp (the
// centre's limits: lines, queue caps and callback slots), contact_centre_outbound.cpp
// (outbound campaigns), contact_centre_levels.cpp (skill levels), contact_centre_bot.cpp (the
// chatbot), contact_centre_initial.cpp (the initial state) and contact_centre_abandon.cpp
// (abandonment, silent or not) include it.
#pragma once

#include <cstdint>
#include <vector>

#include "models/centre/arrivals.h"
#include "models/centre/contact_centre.h"
#include "models/centre/outbound.h"
#include "models/centre/state.h"
#include "sim/calendar.h"
#include "sim/random.h"

namespace ccsim::centre {

// Event kinds; at equal times they fire in this order (the calendar's priority).
enum class EventKind : std::uint8_t {
  Checkpoint,
  StaffChange,
  AgentFree,    // an agent finished a contact (talk + wrap-up)
  DialEnd,      // an agent's call to a callback customer was answered or not
  BotEnd,       // a bot conversation ended
  BotAbandon,   // patience ran out waiting for a bot session
  Abandon,      // patience ran out in the human queue
  CallbackDue,  // a callback is due for (another) attempt
  Retrial,      // an abandoned contact calls again (on its own type or another channel)
  Transfer,     // a transferred contact joins its new type's queue
  LineFree,     // a talk ended: its line is free (index: the trunk group)
  MaxWait,      // a contact has waited max_wait_s in the human queue
  OutboundEnd,  // an agent's outbound attempt ended (index: the agent)
  Overflow,     // a waiting contact has waited long enough for a further skill level
};
// Fresh arrivals are not calendar events: run() merges them in after calendar events at the
// same time.

struct Event {
  EventKind kind;
  std::uint32_t index;  // checkpoint, group, agent, contact slot, retrial or contact type
};

// Purposes of random numbers, combined with a contact type's name into stream ids.
enum Purpose : std::uint64_t {
  kArrivals = 1,
  kHandle = 2,
  kWrapUp = 3,
  kPatience = 4,
  kDeflection = 5,
  kBotTime = 6,
  kBotOutcome = 7,
  kBotPatience = 8,
  kCallbackAccept = 9,
  kDial = 10,
  kReach = 11,
  kRetrial = 12,
  kBalk = 13,
  kSwitch = 14,
  kTransfer = 15,
  kSwitched = 16,      // names the key of a contact that switched channel
  kTransferred = 17,   // names the key of a contact that arrived by transfer
  kVolume = 18,        // a type's forecast-error factor (substream: the day)
  kSharedVolume = 19,  // the forecast-error factor shared by every type (with stream id 0)
  kRedial = 20,        // redialling after a busy signal (lines.h)
  kMessage = 21,       // the offer to leave a message (queue_cap.h)
  kOverflowed = 22,    // names the key of a contact that arrived by overflow
  kMessaged = 23,      // names the key of a message left by a caller
  kArrivalMarks = 24,  // the marks that thin a layer of arrivals (arrivals.h)
  // Outbound attempts (outbound.h), combined with a campaign's name; key: the attempt's number.
  kOutboundConnect = 25,
  kOutboundTalk = 26,
  kOutboundWrapUp = 27,
  kOutboundDial = 28,
  // The draws of routing.agent_choice random (routing.h), with stream id 0 and one stream per
  // replication.
  kAgentChoice = 29,
  // Starting from a state (contact_centre_initial.cpp): names the keys of the contacts waiting
  // at time 0; the residual handle times of the agents busy at time 0, with a group's name
  // (key: the agent's position in the group's list).
  kInitial = 30,
  kInitialBusy = 31,
  // Silent abandonment (silent_abandon.h): whether an abandoning customer leaves silently, and
  // the agent's detection time.
  kSilent = 32,
  kSilentDetect = 33,
  // The factor on a group's agents on duty (availability.h), with the group's name; substream:
  // the day.
  kAvailability = 34,
};

constexpr std::uint64_t kSeqMask = (std::uint64_t(1) << 48) - 1;

class Model {
 public:
  Model(const Scenario& scenario, std::uint64_t seed, std::uint64_t replication,
        const RecordSink& sink, const AttemptSink& attempt_sink);
  ReplicationResult run();

 private:
  // Events.
  void on_arrival(int type);
  void on_retrial(std::uint32_t index);
  void on_transfer(std::uint32_t index);
  std::uint32_t add_pending(const PendingContact& p);
  void after_leaving_queue(std::uint32_t slot);
  void on_bot_end(std::uint32_t slot);
  void on_bot_abandon(std::uint32_t slot);
  void on_abandon(std::uint32_t slot);
  // Silent abandonment (silent_abandon.h; contact_centre_silent.cpp). abandon_silently: whether
  // the contact whose patience ran out leaves silently (then it stays queued, marked silent).
  // detect_silent: the agent, whose load counts the silent chat, spends the detection time on
  // it and it ends.
  bool abandon_silently(std::uint32_t slot);
  void detect_silent(std::uint32_t slot, std::uint32_t agent);
  void on_callback_due(std::uint32_t slot);
  void on_agent_free(std::uint32_t agent);
  void on_dial_end(std::uint32_t agent);
  void on_staff_change(int group);
  void on_checkpoint(std::size_t index);
  void on_line_free(std::uint32_t pool);
  void on_outbound_end(std::uint32_t agent);
  void close();

  void schedule_next_arrival(int type);

  // The contact flow.
  void start_contact(std::uint32_t slot);
  void start_bot(std::uint32_t slot);
  void enter_human_queue(std::uint32_t slot);
  // waited_s > 0: the contact has already waited that long (its patience is the residual).
  void dispatch(std::uint32_t slot, bool at_head, double waited_s = 0.0);
  // The scenario's initial state, at time 0 after the staffing at 0 (contact_centre_initial.cpp).
  void place_initial_state();
  void finish(std::uint32_t slot, Outcome outcome, double end_s);

  // Skill levels (routing.h), only when levelled_.
  std::size_t eligible_groups(std::uint32_t slot) const;
  void schedule_overflow(std::uint32_t slot);
  void on_overflow(std::uint32_t slot);

  // Telephone lines (lines.h).
  bool seize_line(std::uint32_t slot);
  void release_line(std::uint32_t slot, double now_s);
  void block(std::uint32_t slot);

  // The wait predicted for the contact at slot, of a type that predicts or caps its queue,
  // entering its human queue now (wait_prediction.h).
  double predict_wait(std::uint32_t slot) const;

  // Callback offers and slots (callback.h, callback_slots.h).
  bool took_callback(std::uint32_t slot, double prediction);

  // Queue caps (queue_cap.h).
  void on_full_queue(std::uint32_t slot);
  void on_max_wait(std::uint32_t slot);
  void move_to(std::uint32_t slot, int type, Origin origin);

  // Outbound campaigns (outbound.h).
  void on_quota_checkpoint(double now_s);
  void dial_outbound();
  void start_attempt(std::size_t campaign, std::uint32_t agent);

  // Agents and routing.
  void take(std::uint32_t slot, std::uint32_t agent);
  void serve(std::uint32_t slot, std::uint32_t agent);
  void agent_ready(std::uint32_t agent);
  std::uint32_t hire(int group);
  void depart(std::uint32_t agent);

  // Contacts.
  std::uint32_t new_contact(int type, std::uint64_t base, int attempt);
  void record(const ContactRecord& r);
  sim::RandomStream stream(std::uint32_t slot, std::uint64_t purpose) const;

  const Scenario& sc_;
  const std::uint64_t seed_, replication_;
  const RecordSink& sink_;
  const AttemptSink& attempt_sink_;
  const double end_s_, warmup_s_;
  const int intervals_;  // over the horizon

  sim::Calendar<Event> calendar_;
  std::vector<TypeState> types_;
  std::vector<GroupState> groups_;
  std::vector<std::vector<Service>> service_;  // [group][type]
  std::vector<Agent> agents_;
  std::vector<std::uint32_t> free_agents_;
  std::vector<Contact> contacts_;
  std::vector<std::uint32_t> free_contacts_;
  std::vector<PendingContact> pending_;
  std::vector<std::uint32_t> free_pending_;
  std::vector<CoupledArrivals> arrivals_;  // [type]: a rate-given type's fresh arrivals
  // Next fresh arrival of each type (+infinity when none is left in the horizon). Kept out of
  // the calendar and merged with it in run(): an arrival fires after calendar events at the same
  // time, and arrivals at the same time in the order of the types.
  std::vector<double> next_arrival_s_;
  std::vector<double> checkpoints_s_;  // interval boundaries and the warm-up end, sorted
  std::vector<std::vector<GroupIntegrals>> integrals_;  // [checkpoint][group]
  std::vector<LinePool> lines_;                         // trunk groups (lines.h: line_pools)
  std::vector<std::vector<double>> line_integrals_;     // [checkpoint][trunk group]
  std::vector<SlotPool> slots_;           // callback slot groups (callback_slots.h: slot_pools)
  std::vector<CampaignState> campaigns_;  // outbound campaigns
  std::vector<std::vector<CampaignSnapshot>> campaign_snapshots_;  // [checkpoint][campaign]
  sim::RandomStream choice_rng_;    // kAgentChoice: drawn only under agent_choice random
  double occupancy_epoch_s_ = 0.0;  // the last checkpoint: occupancy for least_occupied since
  bool levelled_ = false;           // some skill above level 1 (state.h: has_skill_levels)
  int quota_open_ = -1;             // the interval whose quotas are open, or -1: none
  int quota_next_ = 0;              // the next interval to open
  std::uint64_t next_id_ = 0;
  std::size_t in_system_ = 0;
  ReplicationResult result_;
};

}  // namespace ccsim::centre
