// A scenario as plain values: what the JSON scenario file says, parsed and validated once at
// the edge (scenario_json.h). Everything here has been checked; the model trusts it.
//
// Times are seconds from the start of the horizon. Indices refer into Scenario's vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/distribution.h"
#include "models/scenario/initial_state.h"

namespace ccsim {

// Largest time (every key ending in _s, seconds) a scenario may give: about 31.7 years, far
// beyond any horizon (366 days at most), yet small enough that sums and means of times over
// every contact of a run stay finite.
inline constexpr double kMaxTimeS = 1e9;
// Largest factor a scenario may apply to handle times (speed_factor, concurrency_slowdown).
inline constexpr double kMaxTimeFactor = 1e6;
// Largest forecast error (arrivals.volume_cv, simulation.volume_cv) a scenario may give: a
// factor as spread as an exponential; beyond it rare days would carry many times the load.
inline constexpr double kMaxVolumeCv = 1.0;

enum class Channel { Voice, Chat, Email };
const char* channel_name(Channel channel);

// Each option below says its default ("Default: X"): the value a scenario file gets when it
// leaves the key out. The reader (scenario_json.h) starts from these structs as they are
// constructed here and sets only what the file gives, so each default is written only here.
// "Required." marks what a scenario file must give; what a struct holds for it before it is
// read (e.g. in a scenario built in code) follows as "Default in code".

struct Horizon {
  // Length of one interval: interval_minutes × 60, or duration_s.
  // Required. Default in code: 1800 s.
  double interval_s = 1800.0;
  // Number of intervals of one day (1 for duration_s); a day is open interval_s × intervals.
  // Required. Default in code: 1.
  int intervals = 1;
  // Label of the first interval's start ("HH:MM"), for output only. Default: "00:00".
  std::string start = "00:00";
  // Whether the horizon was given as duration_s: one interval covering the whole horizon.
  // Default: false.
  bool stationary = false;
  // Days of `intervals` intervals each, day d opening d × 24 h after the first; between a
  // day's last interval and the next day's first the centre is closed. Default: 1.
  int days = 1;
  // Date of day 0 ("YYYY-MM-DD"), for output only. Default: empty (no dates).
  std::string start_date;

  // Length of a day in seconds (the distance between two openings).
  static constexpr double kDayS = 86400.0;
  // The horizon ends when the last day closes: (days − 1) × 24 h + intervals × interval_s.
  double end_s() const { return double(days - 1) * kDayS + interval_s * intervals; }
  // REQUIRES: 0 <= d < days.
  double day_open_s(int d) const { return double(d) * kDayS; }
  double day_close_s(int d) const { return double(d) * kDayS + interval_s * intervals; }
  // Whether t_s falls between a day's closing and the next day's opening (never with one day).
  bool closed_at(double t_s) const;

  // Intervals over the whole horizon: every per-interval list has this many entries, and
  // interval k (0 <= k < interval_count()) starts at interval_start_s(k): k = d × intervals + i
  // is interval i of day d.
  int interval_count() const { return days * intervals; }
  // REQUIRES: 0 <= k < interval_count().
  double interval_start_s(int k) const {
    return days == 1 ? double(k) * interval_s
                     : double(k / intervals) * kDayS + double(k % intervals) * interval_s;
  }
  // The end of interval k (the next one's start within a day). REQUIRES: as interval_start_s.
  double interval_end_s(int k) const {
    return days == 1 ? double(k + 1) * interval_s : interval_start_s(k) + interval_s;
  }
  // The day of interval k. REQUIRES: 0 <= k < interval_count().
  int day_of(int k) const { return k / intervals; }
  // The interval that holds time t_s (seconds from the horizon start), clamped to
  // [0, interval_count() − 1]; a time between two days belongs to the interval before it.
  int interval_at(double t_s) const;
};

struct SimulationSettings {
  // Replications of the horizon. Default: 20.
  int replications = 20;
  // Seed of every random stream (with the replication). Default: 1.
  std::uint64_t seed = 1;
  // Contacts arriving before this are left out of every statistic. Default: 0 s.
  double warmup_s = 0.0;
  // Forecast error shared by every contact type: each day of each replication, the arrival
  // rates of every rate-given type are multiplied by one Gamma factor of mean 1 and this
  // coefficient of variation (>= 0), on top of each type's own arrivals.volume_cv factor (the
  // two multiply). Trace arrivals are replayed unchanged. Default: 0 (no forecast error).
  double volume_cv = 0.0;
};

// Exactly one of rate_per_hour, per_interval and trace is given. Required.
struct Arrivals {
  enum class Kind { RatePerHour, PerInterval, Trace };
  // Which one is given. Default in code: RatePerHour.
  Kind kind = Kind::RatePerHour;
  // Kind::RatePerHour: a Poisson rate, constant over the horizon. Default in code: 0.
  double rate_per_hour = 0.0;
  // Kind::PerInterval: expected arrivals per interval. Default in code: empty.
  std::vector<double> per_interval;
  // Kind::Trace: sorted arrival times within [0, end), read from trace_path. Default in code:
  // empty.
  std::vector<double> trace_times_s;
  // Kind::Trace: the trace file as given, for messages. Default in code: empty.
  std::string trace_path;
  // Forecast error of this type (rate_per_hour and per_interval only): each day of each
  // replication, the rates are multiplied by a Gamma factor of mean 1 and this coefficient of
  // variation (>= 0), so a day's count is Poisson–Gamma (negative binomial): mean m, variance
  // m + cv² m². Default: 0 (no forecast error).
  double volume_cv = 0.0;
  // Kind::RatePerHour and Kind::PerInterval: the volume is the forecast above × this factor
  // (> 0), the contacts at a higher factor a superset of those at a lower one
  // (models/centre/arrivals.h). Set by what-ifs (staff --volume-factor), not a scenario key;
  // expected_arrivals() includes it. Default: 1.
  double volume_factor = 1.0;
};

struct ServiceLevelTarget {
  // A contact answered within this wait counts as within the service level. Default: 20 s
  // (required when service_level is given).
  double threshold_s = 20.0;
  // Share of contacts to answer within threshold_s. Default: 0.8 (required when
  // service_level is given).
  double target = 0.8;
};

// Self-service (IVR menu, FAQ, app): a share of arrivals resolved before any queue.
struct SelfService {
  // Share of arrivals resolved, in [0, 1]. Required. Default in code: 0.
  double deflection = 0.0;
};

// Silent abandonment in chat (LivePerson's messaging model): a share of the customers who
// abandon a chat leave without closing it. The chat stays in the queue until an agent takes
// it; the agent spends a detection time finding nobody there, then closes it.
struct SilentAbandonment {
  // Share of abandoning customers who leave silently, in [0, 1]. Required. Default in code: 0.
  double share = 0.0;
  // Agent time spent on a silently abandoned chat before closing it. Required.
  Distribution detection_time;
};

// A chatbot every non-deflected arrival talks to first.
struct Chatbot {
  // Share of bot conversations the bot resolves, in [0, 1]. Required. Default in code: 0.
  double containment = 0.0;
  // Length of a bot conversation. Required.
  Distribution bot_time;
  // Concurrent bot conversations; 0 means unlimited. When all are in use, contacts wait for
  // the bot in FIFO order (and may abandon there with queue_patience). Default: 0 (unlimited).
  int max_sessions = 0;
  // Patience while waiting for a bot session (only with max_sessions). Default: absent (waits
  // until a session frees).
  std::optional<Distribution> queue_patience;
  // Share of conversations the customer quits (at bot_time's end). Default: 0.
  double abandon_prob = 0.0;
  // After hand-off, escalated contacts may be harder: their own handle time and patience.
  // Default: absent (the contact type's).
  std::optional<Distribution> handoff_handle_time;
  // Default: absent (the contact type's).
  std::optional<Distribution> handoff_patience;
};

enum class CallbackMode { VirtualHold, Scheduled };
// The wait predictors (models/centre/wait_prediction.h states each rule).
enum class WaitPredictor { QueueLength, LastToEnterService, HeadOfLine, QueueLengthAbandonment };
const char* callback_mode_name(CallbackMode mode);
const char* wait_predictor_name(WaitPredictor predictor);

struct Callback {
  // Default: VirtualHold.
  CallbackMode mode = CallbackMode::VirtualHold;
  // A callback is offered when the predicted wait exceeds this. Required. Default in code: 0 s.
  double offer_when_expected_wait_over_s = 0.0;
  // Share of offers accepted. Required. Default in code: 0.
  double accept_prob = 0.0;
  // Chance that a call attempt reaches the customer. Default: 1.
  double reach_prob = 1.0;
  // Call attempts before the callback fails. Default: 3.
  int max_attempts = 3;
  // Wait before calling again after a missed attempt. Default: 300 s.
  double retry_after_s = 300.0;
  // Agent time per call attempt. Default: absent (0 s).
  std::optional<Distribution> dial_time;
  // How the wait is predicted at queue entry, unless the type's wait_predictor is given (which
  // wins). Default: QueueLength.
  WaitPredictor predictor = WaitPredictor::QueueLength;
  // Scheduled mode (exactly one of the two): the callback is due `delay_s` after acceptance,
  // or, when at_interval_start_after is set, at the start of the interval that many intervals
  // after the one in which the customer accepted. Default: 0 s.
  double delay_s = 0.0;
  // Default: absent (delay_s applies).
  std::optional<int> at_interval_start_after;
  // Scheduled mode: callbacks one interval's slot holds for this type alone (a slot group of
  // its own, named after the type; callback_slots.h). At most one of slot_capacity and
  // membership of a Scenario::callback_slots entry. At least 1. Default: absent (no limit).
  std::optional<int> slot_capacity;
  // Scheduled mode with a slot capacity (own or shared): when the slot the schedule gives is
  // full, the callback may land up to this many intervals later. At least 0.
  // Default: absent (0: only the slot the schedule gives).
  std::optional<int> max_slots_ahead;
};

// An abandoned contact calls again with probability `prob` after `delay`.
struct Retrial {
  // Required. Default in code: 0.
  double prob = 0.0;
  // Required.
  Distribution delay;
  // A contact retries at most this many times. Default: 10.
  int max_retrials = 10;
  // A contact blocked for want of a line (a busy signal) calls again with this probability,
  // after blocked_delay; the retries count towards max_retrials. Default: 0 (never redials).
  double blocked_prob = 0.0;
  // Delay before redialling after a busy signal. Default: absent (`delay`).
  std::optional<Distribution> blocked_delay = std::nullopt;
};

// A piecewise-linear function of a wait: points (wait_s, value) with increasing wait_s;
// constant before the first point and after the last.
struct WaitCurve {
  // At least one point. Required.
  std::vector<std::pair<double, double>> points;
  double at(double wait_s) const;
};

// After service, the contact is transferred to type `to` with probability `prob`.
struct Transfer {
  // Index into Scenario::contact_types. Required. Default in code: 0.
  int to = 0;
  // Required. Default in code: 0.
  double prob = 0.0;
};

// An abandoned or balked contact comes back on another contact type (e.g. voice → chat).
struct ChannelSwitch {
  // Index into Scenario::contact_types. Required. Default in code: 0.
  int to = 0;
  // Required. Default in code: 0.
  double prob = 0.0;
  // Required.
  Distribution delay;
};

// A caller offered to leave a message: it accepts with accept_prob and its message becomes a
// contact of the email type handled_as (deferred work with that type's own service level).
struct MessageOption {
  // Required. Default in code: 0.
  double accept_prob = 0.0;
  // Index into Scenario::contact_types, an email type other than this one. Required. Default
  // in code: 0.
  int handled_as = 0;
};

struct ContactType {
  // Required.
  std::string name;
  // Default: Voice.
  Channel channel = Channel::Voice;
  // Required.
  Arrivals arrivals;
  // Required.
  Distribution handle_time;
  // Default: absent (none).
  std::optional<Distribution> wrap_up;
  // Default: absent (never abandons; always absent for channel email).
  std::optional<Distribution> patience;
  // Threshold used by the service_level KPI. Default: ServiceLevelTarget's (20 s, 0.8).
  ServiceLevelTarget service_level;
  // Whether the scenario gave service_level. Default: false.
  bool has_service_level_target = false;
  // Staffing target. Default: absent (none).
  std::optional<double> max_abandon_rate;
  // Staffing target. Default: absent (none).
  std::optional<double> max_asa_s;
  // Larger is served first. Default: 0.
  int priority = 0;
  // Added to the priority of a waiting contact per minute it has waited (routing.h: score);
  // >= 0. Default: 0 (strict priority).
  double priority_per_minute_waited = 0.0;
  // levels_after_s[k-1]: seconds of waiting after which agents of skill level k may take a
  // contact of this type (levels above the list's length: its last entry); non-decreasing,
  // first 0. Default: empty (every level at once).
  std::vector<double> levels_after_s;
  // The flows around the human queue. Default: absent (none).
  std::optional<SelfService> self_service;
  // Default: absent (none).
  std::optional<Chatbot> chatbot;
  // Default: absent (none).
  std::optional<Callback> callback;
  // Default: absent (none).
  std::optional<Retrial> retrial;
  // Customer behaviour: P(leave at once | announced wait). Default: absent (none).
  std::optional<WaitCurve> balk;
  // P(satisfied | wait), for answered contacts. Default: absent (none).
  std::optional<WaitCurve> satisfaction;
  // After service; probabilities sum to <= 1. Default: empty.
  std::vector<Transfer> transfers;
  // Default: absent (none).
  std::optional<ChannelSwitch> channel_switch;
  // Telephone lines of this voice type alone (a trunk group of its own, named after the type):
  // a contact holds one from arrival to the end of its talk; an arrival finding every line
  // taken is blocked. At most one of `lines` and membership of a Scenario::trunks entry.
  // Default: absent (unlimited lines).
  std::optional<int> lines;
  // Queue caps: an arrival entering the human queue finds it full when max_queue contacts of
  // the type already wait there, or when its predicted wait exceeds max_expected_wait_s; it is
  // then overflowed (overflow_to), offered a message (message), else blocked. Contacts that
  // arrived by overflow or as a message are never capped. Default: absent (no cap).
  std::optional<int> max_queue;
  // Default: absent (no cap).
  std::optional<double> max_expected_wait_s;
  // A caller still waiting after this long is overflowed (overflow_to) or offered a message
  // (message; declining, it keeps waiting). Requires one of the two. Default: absent (none).
  std::optional<double> max_wait_s;
  // The type whose queue takes overflowed contacts (another type). At most one of overflow_to
  // and message. Default: absent (none).
  std::optional<int> overflow_to;
  // Default: absent (none).
  std::optional<MessageOption> message;
  // Chat types with a patience (or a chatbot's handoff_patience) only. Default: absent (every
  // abandoning customer closes the chat).
  std::optional<SilentAbandonment> silent_abandonment;
  // The wait predictor of the type (key wait_prediction.predictor): used for announcements
  // (balk), callback offers and max_expected_wait_s, and names the type as predicted, so that
  // its prediction accuracy KPIs are kept. Wins over callback.predictor. Default: absent
  // (callback.predictor with a callback, else QueueLength; predicted only with a callback,
  // balk or max_expected_wait_s).
  std::optional<WaitPredictor> wait_predictor;
};

// A trunk group: `lines` telephone lines shared by the voice types `contact_types`.
struct Trunk {
  // Unique among trunks and types with their own lines. Required.
  std::string name;
  // At least 1. Required. Default in code: 1.
  int lines = 1;
  // Indices into Scenario::contact_types, each voice and in no other trunk. Required.
  std::vector<int> contact_types;
};

// A slot group: at most `capacity` scheduled callbacks per interval, shared by the types
// `contact_types` (callback_slots.h).
struct CallbackSlots {
  // Unique among slot groups and types with their own callback.slot_capacity. Required.
  std::string name;
  // At least 1. Required. Default in code: 1.
  int capacity = 1;
  // Indices into Scenario::contact_types, each with a scheduled callback, without its own
  // slot_capacity and in no other slot group. Required.
  std::vector<int> contact_types;
};

// An outbound campaign blended with inbound work (models/centre/outbound.h states the rule):
// agents of `groups` call out while enough of them stay idle for inbound.
struct OutboundCampaign {
  // Unique among campaigns. Required.
  std::string name;
  // Indices into Scenario::agent_groups, each of concurrency 1, in the order given. Required.
  std::vector<int> groups;
  // Exactly one of calls_per_interval and list_size is given. Required.
  // Calls to make in each interval of the horizon (Horizon::interval_count() entries, each
  // >= 0); calls not made within their interval are lost. Default: empty (list_size given).
  std::vector<int> calls_per_interval;
  // Calls (records) to make over the horizon; calls not made in an interval carry over to the
  // next. Default: absent (calls_per_interval given).
  std::optional<long long> list_size;
  // Probability in [0, 1] that an attempt reaches the right party (talk and wrap-up follow),
  // else the attempt costs dial_time. Default: 1.
  double connect_prob = 1.0;
  // Talk time of a connected call. Required. Default in code: exponential 1 s.
  Distribution talk_time = Distribution::exponential(1.0);
  // Wrap-up after a connected call. Default: absent (none).
  std::optional<Distribution> wrap_up;
  // Agent time of an attempt that does not connect. Required when connect_prob < 1. Default:
  // absent (attempts always connect).
  std::optional<Distribution> dial_time;
  // Idle agents of the campaign's groups that must stay idle after an attempt starts (>= 0).
  // Default: 0.
  int reserve_idle = 0;
  // No attempt starts while an inbound contact of a type the campaign's groups serve has waited
  // longer than this (>= 0). Default: 0 (none while such a contact waits at all).
  double max_inbound_wait_s = 0.0;
};

struct Shift {
  // Required. Default in code: 0 s.
  double start_s = 0.0;
  // Required. Default in code: 0 s.
  double end_s = 0.0;
  // Agents on duty during the shift. Required. Default in code: 0.
  int count = 0;
};

// Exactly one of count, per_interval and shifts is given. Required.
struct Staffing {
  enum class Kind { Count, PerInterval, Shifts };
  // Which one is given. Default in code: Count.
  Kind kind = Kind::Count;
  // Kind::Count: agents on duty over the whole horizon. Default in code: 0.
  int count = 0;
  // Kind::PerInterval: agents on duty in each interval. Default in code: empty.
  std::vector<int> per_interval;
  // Kind::Shifts: agents on duty is the sum over the shifts in force. Default in code: empty.
  std::vector<Shift> shifts;
  // Kind::PerInterval read from this roster CSV file (as the scenario names it, relative to
  // its folder; forecast_csv.h) instead of given inline. Default: empty (not from a file).
  std::string file;
};

struct AgentGroup {
  // Required.
  std::string name;
  // Indices into Scenario::contact_types, in the order given. Required.
  std::vector<int> skills;
  // The level of each skill (skill_levels[i] for skills[i]), >= 1; 1 is primary, larger is
  // overflow (routing.h). Default: 1 for every skill.
  std::vector<int> skill_levels;
  // Required.
  Staffing staff;
  // Simultaneous chats per agent (> 1 only for chat-only groups). Default: 1.
  int concurrency = 1;
  // Handle-time factor of a chat by the number of chats the agent holds when it starts
  // (index 0: alone); size = concurrency when given. Default: empty (no slowdown).
  std::vector<double> concurrency_slowdown;
  // Share of scheduled staff not available; with shrinkage_by_interval, their average (for
  // what does not look at intervals). Default: 0.
  double shrinkage = 0.0;
  // Share not available in each interval of the horizon (Horizon::interval_count() entries),
  // when the scenario gives shrinkage as a list. Default: empty (shrinkage in every interval).
  std::vector<double> shrinkage_by_interval;
  // The shrinkage of interval k. REQUIRES: k < shrinkage_by_interval.size() when not empty.
  double shrinkage_in(int k) const {
    return shrinkage_by_interval.empty() ? shrinkage : shrinkage_by_interval[std::size_t(k)];
  }
  // Staffing target: occupancy cap in (0, 1]: the share of available agent time holding at
  // least one contact (an agent holding 1 of 2 chats counts as busy). Default: absent (none).
  std::optional<double> max_occupancy;
  // Staffing target: utilisation cap in (0, 1]: the share of contact slots in use, busy slot
  // time ÷ (available agent time × concurrency); the same as occupancy at concurrency 1. The
  // cap planners mean for chat. Default: absent (none).
  std::optional<double> max_utilisation;
  // This group's handle times are multiplied by it (> 0). Default: 1.
  double speed_factor = 1.0;
  // Uncertainty of the agents on duty, in [0, 1]: before a replication starts, each day draws
  // a Gamma factor of mean 1 and this coefficient of variation that multiplies the group's
  // agents on duty in every interval of the day (models/centre/availability.h); for agents
  // estimated rather than rostered (calibrate --predict-days). Default: 0 (as scheduled).
  double availability_cv = 0.0;
  // Handle-time distributions of this group for some contact types (by type index), replacing
  // the type's own; speed_factor applies on top. Default: empty (the types' own).
  std::vector<std::pair<int, Distribution>> handle_times;
};

// How an arriving contact chooses among available agents of several groups.
enum class AgentChoice {
  LongestIdle,    // the longest-idle skilled agent over all groups (the contract's rule)
  FastestGroup,   // the groups of the shortest mean handle time for the type, then longest idle
  Random,         // a free skilled agent drawn uniformly at random
  LeastOccupied,  // the free skilled agent of least occupancy so far in the interval
};
const char* agent_choice_name(AgentChoice choice);

struct Routing {
  // Default: LongestIdle.
  AgentChoice agent_choice = AgentChoice::LongestIdle;
};

// A CSV file some of a scenario's figures were read from (forecast_csv.h), as `ccsim
// validate` reports it.
struct DataFileRead {
  enum class Kind { Forecast, Roster };
  Kind kind = Kind::Forecast;
  // As the scenario names it, relative to the scenario's folder.
  std::string file;
  // Data rows (the header and blank lines not counted).
  int rows = 0;
  // Contact types (a forecast) or agent groups (a roster) the file gives figures for.
  int series = 0;
  // Days and intervals of the horizon the file has rows for.
  int days = 0;
  int intervals = 0;
};

// Money (scenario key `costs`; models/centre/costs.h computes the KPIs): what a contact
// type's outcomes cost or earn, per contact of the type. Amounts are in the scenario's currency
// (any one; ccsim names none); every amount >= 0.
struct TypeCosts {
  // Per contact that abandoned the human queue. Default: 0.
  double abandoned = 0.0;
  // Per contact blocked (all lines taken, or a full queue). Default: 0.
  double blocked = 0.0;
  // Per contact that balked on hearing the announced wait. Default: 0.
  double balked = 0.0;
  // Per minute a contact waited in the human queue (queue entry to answer, abandonment,
  // accepting a callback or leaving the queue otherwise). Default: 0.
  double per_minute_waited = 0.0;
  // Earned per answered contact. Default: 0.
  double revenue_per_answered = 0.0;
};

// Costs and revenue of the whole scenario.
struct Costs {
  // [group]: cost per scheduled agent-hour (gross of shrinkage: planners pay for the agents
  // they schedule). Default: 0 for a group the file does not name.
  std::vector<double> agent_hour;
  // [type]: the type's costs. Default: TypeCosts's (all 0) for a type the file does not name.
  std::vector<TypeCosts> types;
};

struct Scenario {
  // Required.
  std::string name;
  // Required.
  Horizon horizon;
  // Default: SimulationSettings's (20 replications, seed 1, no warm-up).
  SimulationSettings simulation;
  // Default: Routing's (longest idle).
  Routing routing;
  // At least one. Required.
  std::vector<ContactType> contact_types;
  // At least one. Required.
  std::vector<AgentGroup> agent_groups;
  // Trunk groups shared by several types (a type's own lines are ContactType::lines).
  // Default: empty (none).
  std::vector<Trunk> trunks;
  // Callback slot groups shared by several types (a type's own is callback.slot_capacity).
  // Default: empty (none).
  std::vector<CallbackSlots> callback_slots;
  // Outbound campaigns, in priority order (the first gets an idle agent first).
  // Default: empty (none).
  std::vector<OutboundCampaign> outbound;
  // Costs and revenue (KPIs cost, revenue, net, ...). Default: absent (no money KPIs).
  std::optional<Costs> costs;
  // The forecast and roster files read, in the order read. Default: empty (none).
  std::vector<DataFileRead> data_files;
  // The state at time 0 (initial_state.h). Default: empty (nothing waiting, every agent idle).
  InitialState initial_state;
};

// The calendar date `days` days after `date` ("YYYY-MM-DD", proleptic Gregorian), and the
// weekday of a date ("Mon" … "Sun"). REQUIRES: date is a valid date.
std::string add_days(const std::string& date, int days);
const char* weekday_name(const std::string& date);
// Whether `text` is a real calendar date written "YYYY-MM-DD" (years 0001 to 9999).
bool is_calendar_date(const std::string& text);
// Days since 1970-01-01 of a date written "YYYY-MM-DD" (years 0000 to 9999 of the proleptic
// Gregorian calendar); nullopt when the text is not such a date.
std::optional<long long> date_day_number(std::string_view text);
// Day of the week of such a date, 0 = Monday to 6 = Sunday; nullopt when it is not one.
std::optional<int> weekday_of_date(std::string_view date);
// The date of day d ("" without horizon.start_date).
std::string day_date(const Horizon& horizon, int d);

// Label of interval k in tables and reports: its clock time ("08:30"); with a start date the
// weekday before it ("Mon 08:30"); with several days and no date the day, counted from 1
// ("D2 08:30" is 08:30 on day 1).
std::string interval_label(const Horizon& horizon, int k);

// Clock label of a time `offset_s` after the horizon's start label `start` ("HH:MM"), e.g.
// "08:30" for "08:00" + 1800 s; "HH:MM:SS" when not on a whole minute; days wrap at 24:00, for
// any finite offset however large (or negative); "--:--" when the offset is not finite.
std::string clock_label(const std::string& start, double offset_s);

// A change in the number of agents on duty (after shrinkage) of one group.
struct StaffChange {
  double time_s;
  int agents;
};

// The one rounding rule between agents scheduled and agents on duty after a shrinkage s, used
// by the simulation, the staffing search, its reports and shift planning alike:
//   net_agents(m, s)       = round(m × (1 − s)), halves rounded up (with a tolerance of 1e-9);
//   scheduled_agents(n, s) = the fewest m with net_agents(m, s) >= n; 0 when n <= 0.
// Invariant: net_agents(scheduled_agents(n, s), s) == n for every n >= 0 (net_agents grows by
// at most one per agent scheduled), so the scheduled figure, simulated, puts exactly the net
// figure on duty. REQUIRES: scheduled >= 0; 0 <= s < 1.
int net_agents(int scheduled, double shrinkage);
int scheduled_agents(int net, double shrinkage);

// The agents of `group` on duty over time, after shrinkage (net_agents, with the shrinkage of
// the interval that holds the time when it is given per interval), as a step function starting
// at time 0: sorted by time, the first entry at 0, no two consecutive entries with equal
// counts.
std::vector<StaffChange> net_staffing_schedule(const AgentGroup& group, const Horizon& horizon);

// Whether some input is uncertain (a group's availability_cv > 0), and the scenario with every
// such input fixed at its estimate (availability_cv 0).
bool has_input_uncertainty(const Scenario& scenario);
Scenario without_input_uncertainty(Scenario scenario);

// The finishing step of per-interval parameters, after the reader or a forecast file has set
// mean_s_by_interval (handle_time, wrap_up, patience) or shrinkage_by_interval: each
// distribution's mean_s and sampler parameters (Distribution::finish_interval_means), and each
// group's shrinkage (the average of its list). Idempotent; nothing changes without lists.
void finish_interval_means(Scenario& scenario);
// A group's shrinkage from its shrinkage_by_interval (their average; exactly the common value
// when all are equal). Nothing changes without a list.
void finish_shrinkage(AgentGroup& group);
// Whether a contact type's handle_time, wrap_up or patience has per-interval means.
bool has_interval_means(const ContactType& type);

// What reaches the agents of a contact type, as the analytic models (staffing, compare's
// Erlang A) and the run-size check see it; the simulation draws the same flows contact by
// contact.
// Share of first attempts that reach the human queue: (1 − self_service.deflection) × max(0,
// 1 − chatbot.containment − chatbot.abandon_prob), each factor 1 without that flow.
double share_to_agents(const ContactType& type);
// Mean agent time of a contact in the human queue that arrived in interval k (0 <= k <
// Horizon::interval_count()): its handle time (the chatbot's handoff_handle_time when given)
// plus wrap-up, each the mean of interval k (Distribution::mean_in).
double mean_agent_time_s(const ContactType& type, int k);
// The patience of a contact waiting in the human queue (the chatbot's handoff_patience when
// given, else the type's), or nullptr when it never abandons there (no patience, or email).
// Its mean in interval k is mean_in(k).
const Distribution* queue_patience(const ContactType& type);

// Expected first-attempt arrivals of `type` in interval i of `horizon`, before self-service and
// chatbots: the rate times the interval's length, the interval's own figure, or the arrival
// times of the trace in [i × interval_s, (i + 1) × interval_s).
double expected_arrivals(const ContactType& type, const Horizon& horizon, int i);

// Agent-seconds of a staffing step function over [lo, hi): each step (sorted by time) holds
// until the next, the last one until hi. O(log steps + steps within [lo, hi)).
double agent_seconds(const std::vector<StaffChange>& steps, double lo, double hi);

// Scheduled (before shrinkage) agents of a group in interval i, averaged over the interval
// for shifts that start or end within it.
double scheduled_agents_in_interval(const AgentGroup& group, const Horizon& horizon, int i);

}  // namespace ccsim
