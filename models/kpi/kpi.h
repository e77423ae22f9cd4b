// Every KPI of the contract, defined in one place.
//
// Contact KPIs are computed from ContactStats, which accumulate ContactRecords of one scope
// (an interval × contact type, a contact type over the day, or all types). Contacts belong to
// the interval in which they arrived. Group KPIs come from agent time integrals (GroupStats).
// A KPI whose denominator is empty is undefined (nullopt), never NaN.
//
// Records made from a per-contact log (models/measured) may lack a time the log did not record
// (NaN). Such a contact counts wherever its outcome counts, and is left out of every KPI that
// needs the missing time: an answered contact with an unknown wait is in answered but not in
// asa_s, wait_p90_s, service_level (numerator or denominator) or the wait_prediction_ KPIs; one
// with an unknown talk time is not in aht_s. Simulated records have every time they need.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "models/kpi/contact.h"
#include "sim/stats.h"

namespace ccsim {

enum class Kpi {
  Offered,             // arrivals, retrials included
  FirstAttempts,       // arrivals that are neither retrials, transfers, overflows nor messages
  Retrials,            // arrivals that are retrials of an abandoned contact
  Deflected,           // resolved by self-service
  Contained,           // resolved by the chatbot
  BotAbandoned,        // quit in the chatbot (waiting for it or talking to it)
  Queued,              // entered the human queue
  Answered,            // reached an agent (callbacks included)
  Abandoned,           // left the human queue before an agent
  Unserved,            // still waiting when the simulation ended
  AbandonRate,         // abandoned / (answered + abandoned)
  Asa,                 // mean wait, queue entry to answer, over answered contacts not on callback
  WaitP90,             // 90th percentile of that wait
  ServiceLevel,        // answered within threshold / (answered + abandoned), callbacks excluded
  Frt,                 // mean arrival to first response (bot or agent)
  Aht,                 // mean handle time: talk + wrap-up
  Art,                 // mean arrival to resolution (end of talk, or of a containing bot)
  AbandonWait,         // mean time to abandon, over abandoned contacts
  CallbacksOffered,    // callbacks offered
  CallbacksAccepted,   // callbacks accepted
  CallbacksCompleted,  // accepted callbacks that reached the customer
  CallbacksFailed,     // accepted callbacks not reached in max_attempts calls
  CallbacksNoSlot,     // callbacks not offered because no slot had room (callback_slots.h)
  CallbackWait,        // mean time from accepting a callback to the agent's first call
  WaitPredictionMae,   // mean |predicted - actual wait| over answered contacts not on callback
  WaitPredictionRmse,  // root of the mean (predicted - actual wait)^2, over the same contacts
  WaitPredictionBias,  // mean (predicted - actual wait), over the same contacts
  WaitPredictionIn20,  // share of them within 20%: |predicted - actual| <= 0.2 x actual
  BacklogEnd,          // contacts waiting for an agent at the end of the interval (a state)
  Balked,              // left at once on hearing the announced wait
  Csat,                // mean probability of a satisfied customer, over queued contacts
  Transfers,           // answered contacts transferred to another type
  TransfersIn,         // offered contacts that arrived by transfer
  TransferRate,        // transfers / answered
  Fcr,                 // answered first legs not transferred / answered first legs
  Blocked,             // found every telephone line taken on arrival (busy signal)
  BlockRate,           // blocked / offered
  Overflowed,          // moved to another type's queue
  OverflowIn,          // offered contacts that arrived by overflow from another type
  Messages,            // callers who left a message (handled as another type)
  MessagesIn,          // offered contacts that are messages left on another type
  SilentAbandoned,     // abandoned without closing the chat (silent_abandon.h), within abandoned
  SilentAgentTime,     // agent time spent finding silently abandoned chats (detection), total
  kCount,
};
constexpr std::size_t kKpiCount = static_cast<std::size_t>(Kpi::kCount);

struct KpiInfo {
  Kpi kpi;
  std::string_view name;   // contract key, e.g. "asa_s"
  std::string_view label;  // for tables, e.g. "ASA (s)"
  bool is_count;           // a count of contacts or a total time (summed, not averaged,
                           // across types)
};
std::span<const KpiInfo> contact_kpis();
const KpiInfo& kpi_info(Kpi kpi);

// What the contact types pooled in the "all" scope have in common.
struct PoolingBasis {
  bool one_channel = true;    // every type is of one channel (all voice, all chat or all email)
  bool one_threshold = true;  // every type has one service-level threshold_s
};
// Whether KPI `kpi` of the "all" scope has one meaning over the pooled types, and so is
// reported there (models/README.md, "The all scope"): counts and shares of contacts (abandon,
// transfer and first-contact-resolution rates, csat) always; durations (waits, handle and
// resolution times) only within one channel, since a 30 s wait means one thing on the phone
// and another for an email; the service level only within one channel and one threshold.
bool pooled_in_all(Kpi kpi, const PoolingBasis& basis);

// The distribution of wait prediction errors (predicted - actual wait, over the contacts the
// wait_prediction_ KPIs score), in bins of seconds: bin 0 below the first edge, bin b in
// [edge b-1, edge b), the last bin from the last edge up.
inline constexpr std::array<double, 12> kPredictionErrorEdges_s{-600, -300, -120, -60, -30, -10,
                                                                10,   30,   60,   120, 300, 600};
inline constexpr std::size_t kPredictionErrorBins = kPredictionErrorEdges_s.size() + 1;
std::size_t prediction_error_bin(double error_s);

// Accumulators for one scope of one replication.
class ContactStats {
 public:
  // `sl_threshold_s` is the service-level threshold of the record's contact type.
  void add(const ContactRecord& record, double sl_threshold_s);
  void merge(const ContactStats& other);
  std::optional<double> value(Kpi kpi) const;
  // Share of the scored predictions whose error falls in `bin` (prediction_error_bin);
  // nullopt without scored predictions.
  std::optional<double> prediction_error_share(std::size_t bin) const;
  // Backlog at the scope's end; added by the model per interval, since it is a state, not a
  // count of the scope's arrivals. merge() sums it (right across types, not across intervals).
  void add_backlog(std::uint64_t n) { backlog_end_ += n; }
  void set_backlog(std::uint64_t n) { backlog_end_ = n; }
  std::uint64_t backlog() const { return backlog_end_; }
  // Time waited in the human queue, summed over the queued contacts: from queue entry to the
  // answer, the acceptance of a callback, or the end of the contact's stay (abandonment or any
  // other way out); a wait with an unknown time is left out. For costs per minute waited.
  double wait_total_s() const { return wait_total_s_; }

 private:
  void add_answered(const ContactRecord& record, double sl_threshold_s);
  // value() of the KPIs of the flows (callbacks onwards in Kpi); nullopt for the others.
  std::optional<double> flow_value(Kpi kpi) const;

  std::uint64_t offered_ = 0, retrials_ = 0, deflected_ = 0, contained_ = 0, bot_abandoned_ = 0;
  std::uint64_t queued_ = 0, answered_ = 0, abandoned_ = 0, unserved_ = 0;
  // Answered not on callback with a known wait (the waits of asa_s), and those within threshold.
  std::uint64_t answered_direct_ = 0, within_threshold_ = 0;
  std::uint64_t callbacks_offered_ = 0, callbacks_accepted_ = 0, callbacks_completed_ = 0,
                callbacks_failed_ = 0, callbacks_no_slot_ = 0;
  std::uint64_t backlog_end_ = 0;
  double wait_total_s_ = 0.0;
  std::uint64_t blocked_ = 0, overflowed_ = 0, overflow_in_ = 0, messages_ = 0, messages_in_ = 0;
  std::uint64_t silent_ = 0;
  double silent_detect_s_ = 0.0;
  std::uint64_t balked_ = 0, transfers_ = 0, transfers_in_ = 0, first_legs_answered_ = 0,
                first_legs_resolved_ = 0;
  sim::Mean wait_, frt_, handle_, resolution_, abandon_wait_, callback_wait_, prediction_error_,
      satisfaction_;
  // Of the predictions scored: their signed errors (predicted - actual), squared errors, and
  // the count within 20% of the actual wait.
  sim::Mean prediction_bias_, prediction_square_;
  std::uint64_t predictions_within_20pct_ = 0;
  std::array<std::uint64_t, kPredictionErrorBins> prediction_error_bins_{};
  sim::QuantileSketch wait_sketch_;
};

enum class GroupKpi {
  Occupancy,    // busy agent time (holding any contact) / available agent time
  Utilisation,  // busy slot time / (available agent time x concurrency)
  Agents,       // time-average agents available (on duty after shrinkage, plus overtime)
  kCount,
};
constexpr std::size_t kGroupKpiCount = static_cast<std::size_t>(GroupKpi::kCount);
struct GroupKpiInfo {
  GroupKpi kpi;
  std::string_view name;
  std::string_view label;
};
std::span<const GroupKpiInfo> group_kpis();

// Agent time of one group within one window of one replication.
struct GroupStats {
  double busy_agent_s = 0.0;       // integral of agents holding at least one contact
  double busy_slot_s = 0.0;        // integral of contacts held (slots in use)
  double available_agent_s = 0.0;  // integral of agents present (idle or busy)
  double outbound_agent_s = 0.0;   // integral of agents on outbound attempts (within busy)
  double window_s = 0.0;           // length of the window
  int concurrency = 1;
  std::optional<double> value(GroupKpi kpi) const;
};

enum class TrunkKpi {
  LinesInUse,     // time-average lines held (contacts from arrival to end of talk)
  LineOccupancy,  // lines_in_use / lines of the trunk group
  kCount,
};
constexpr std::size_t kTrunkKpiCount = static_cast<std::size_t>(TrunkKpi::kCount);
struct TrunkKpiInfo {
  TrunkKpi kpi;
  std::string_view name;
  std::string_view label;
};
std::span<const TrunkKpiInfo> trunk_kpis();

// Line time of one trunk group within one window of one replication.
struct TrunkStats {
  double line_s = 0.0;    // integral of lines held
  double window_s = 0.0;  // length of the window
  int lines = 1;          // lines of the trunk group
  std::optional<double> value(TrunkKpi kpi) const;
};

enum class SlotKpi {
  SlotsUsed,  // callbacks booked into the scope's slots (callback_slots.h)
  SlotUse,    // slots_used / (capacity x the scope's slots)
  kCount,
};
constexpr std::size_t kSlotKpiCount = static_cast<std::size_t>(SlotKpi::kCount);
struct SlotKpiInfo {
  SlotKpi kpi;
  std::string_view name;
  std::string_view label;
};
std::span<const SlotKpiInfo> slot_kpis();

// Bookings of one callback slot group within one scope (an interval, a day, the horizon) of
// one replication.
struct SlotStats {
  double used = 0.0;      // callbacks booked into the scope's slots
  double capacity = 0.0;  // capacity x slots in the scope
  std::optional<double> value(SlotKpi kpi) const;
};

enum class OutboundKpi {
  Attempts,   // outbound attempts started (connected or not)
  Connects,   // attempts that reached the right party
  TalkTime,   // talk time of the connects started, summed (s)
  AgentTime,  // agent time on outbound attempts (talk, wrap-up, dialling) within the window (s)
  CallsLeft,  // list form: calls left at the window's end; per-interval form: quota calls lost
  kCount,
};
constexpr std::size_t kOutboundKpiCount = static_cast<std::size_t>(OutboundKpi::kCount);
struct OutboundKpiInfo {
  OutboundKpi kpi;
  std::string_view name;
  std::string_view label;
};
std::span<const OutboundKpiInfo> outbound_kpis();

// The outbound figures of one campaign within one window of one replication (attempts belong
// to the window in which they start).
struct OutboundStats {
  double attempts = 0.0, connects = 0.0, talk_s = 0.0, agent_s = 0.0, calls_left = 0.0;
  double window_s = 0.0;  // length of the window
  std::optional<double> value(OutboundKpi kpi) const;
};

}  // namespace ccsim
