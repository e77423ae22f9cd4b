// A scenario as plain values: what the JSON scenario file says, parsed and validated once at
// the edge (scenario_json.h). Everything here has been checked; the model trusts it.
//
// Times are seconds from the start of the horizon. Indices refer into Scenario's vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/distribution.h"

namespace ccsim {

// Largest time (every key ending in _s, seconds) a scenario may give: about 31.7 years, far
// beyond any horizon (366 days at most), yet small enough that sums and means of times over
// every contact of a run stay finite.
inline constexpr double kMaxTimeS = 1e9;
// Largest factor a scenario may apply to handle times (speed_factor, concurrency_slowdown).
inline constexpr double kMaxTimeFactor = 1e6;

enum class Channel { Voice, Chat, Email };
const char* channel_name(Channel channel);

struct Horizon {
  double interval_s = 1800.0;   // length of one interval
  int intervals = 1;            // number of intervals; the horizon is interval_s * intervals
  std::string start = "00:00";  // label of the first interval's start, for output only
  bool stationary = false;      // given as duration_s: one interval covering the whole horizon
  double end_s() const { return interval_s * intervals; }
};

struct SimulationSettings {
  int replications = 20;
  std::uint64_t seed = 1;
  double warmup_s = 0.0;  // contacts arriving before this are left out of every statistic
};

struct Arrivals {
  enum class Kind { RatePerHour, PerInterval, Trace };
  Kind kind = Kind::RatePerHour;
  double rate_per_hour = 0.0;         // Kind::RatePerHour
  std::vector<double> per_interval;   // Kind::PerInterval: expected arrivals per interval
  std::vector<double> trace_times_s;  // Kind::Trace: sorted arrival times within [0, end)
  std::string trace_path;             // Kind::Trace: as given, for messages
};

struct ServiceLevelTarget {
  double threshold_s = 20.0;
  double target = 0.8;
};

// Self-service (IVR menu, FAQ, app): a share of arrivals resolved before any queue.
struct SelfService {
  double deflection = 0.0;  // in [0, 1]
};

// A chatbot every non-deflected arrival talks to first.
struct Chatbot {
  double containment = 0.0;  // share of bot conversations the bot resolves, in [0, 1]
  Distribution bot_time;     // length of a bot conversation
  // Concurrent bot conversations; 0 means unlimited. When all are in use, contacts wait for
  // the bot in FIFO order (and may abandon there with queue_patience).
  int max_sessions = 0;
  std::optional<Distribution> queue_patience;  // patience while waiting for a bot session
  double abandon_prob = 0.0;  // share of conversations the customer quits (at bot_time's end)
  // After hand-off, escalated contacts may be harder: their own handle time and patience
  // (absent: the contact type's).
  std::optional<Distribution> handoff_handle_time;
  std::optional<Distribution> handoff_patience;
};

enum class CallbackMode { VirtualHold, Scheduled };
enum class WaitPredictor { QueueLength, LastToEnterService };
const char* callback_mode_name(CallbackMode mode);
const char* wait_predictor_name(WaitPredictor predictor);

struct Callback {
  CallbackMode mode = CallbackMode::VirtualHold;
  double offer_when_expected_wait_over_s = 0.0;
  double accept_prob = 0.0;
  double reach_prob = 1.0;
  int max_attempts = 3;
  double retry_after_s = 300.0;
  std::optional<Distribution> dial_time;  // agent time per call attempt (absent: 0)
  WaitPredictor predictor = WaitPredictor::QueueLength;
  // Scheduled mode: the callback is due `delay_s` after acceptance, or, when
  // at_interval_start_after is set, at the start of the interval that many intervals after
  // the one in which the customer accepted.
  double delay_s = 0.0;
  std::optional<int> at_interval_start_after;
};

// An abandoned contact calls again with probability `prob` after `delay`.
struct Retrial {
  double prob = 0.0;
  Distribution delay;
  int max_retrials = 10;  // a contact retries at most this many times
};

// A piecewise-linear function of a wait: points (wait_s, value) with increasing wait_s;
// constant before the first point and after the last.
struct WaitCurve {
  std::vector<std::pair<double, double>> points;
  double at(double wait_s) const;
};

// After service, the contact is transferred to type `to` with probability `prob`.
struct Transfer {
  int to = 0;  // index into Scenario::contact_types
  double prob = 0.0;
};

// An abandoned or balked contact comes back on another contact type (e.g. voice → chat).
struct ChannelSwitch {
  int to = 0;  // index into Scenario::contact_types
  double prob = 0.0;
  Distribution delay;
};

struct ContactType {
  std::string name;
  Channel channel = Channel::Voice;
  Arrivals arrivals;
  Distribution handle_time;
  std::optional<Distribution> wrap_up;
  std::optional<Distribution> patience;   // absent (or channel email): never abandons
  ServiceLevelTarget service_level;       // threshold used by the service_level KPI
  bool has_service_level_target = false;  // whether the scenario gave service_level
  std::optional<double> max_abandon_rate;
  std::optional<double> max_asa_s;  // staffing target
  int priority = 0;                 // larger is served first
  std::optional<SelfService> self_service;
  std::optional<Chatbot> chatbot;
  std::optional<Callback> callback;
  std::optional<Retrial> retrial;
  // Customer behaviour (absent: none).
  std::optional<WaitCurve> balk;          // P(leave at once | announced wait)
  std::optional<WaitCurve> satisfaction;  // P(satisfied | wait), for answered contacts
  std::vector<Transfer> transfers;        // after service; probabilities sum to <= 1
  std::optional<ChannelSwitch> channel_switch;
};

struct Shift {
  double start_s = 0.0;
  double end_s = 0.0;
  int count = 0;
};

struct Staffing {
  enum class Kind { Count, PerInterval, Shifts };
  Kind kind = Kind::Count;
  int count = 0;
  std::vector<int> per_interval;
  std::vector<Shift> shifts;
};

struct AgentGroup {
  std::string name;
  std::vector<int> skills;  // indices into Scenario::contact_types, in the order given
  Staffing staff;
  int concurrency = 1;  // simultaneous chats per agent (> 1 only for chat-only groups)
  // Handle-time factor of a chat by the number of chats the agent holds when it starts
  // (index 0: alone); empty: no slowdown. Size = concurrency when given.
  std::vector<double> concurrency_slowdown;
  double shrinkage = 0.0;               // share of scheduled staff not available
  std::optional<double> max_occupancy;  // staffing target: occupancy cap in (0, 1]
  double speed_factor = 1.0;            // this group's handle times are multiplied by it (> 0)
  // Handle-time distributions of this group for some contact types (by type index), replacing
  // the type's own; speed_factor applies on top.
  std::vector<std::pair<int, Distribution>> handle_times;
};

// How an arriving contact chooses among available agents of several groups.
enum class AgentChoice {
  LongestIdle,   // the longest-idle skilled agent over all groups (the contract's rule)
  FastestGroup,  // the group with the shortest mean handle time for the type, then longest idle
};
const char* agent_choice_name(AgentChoice choice);

struct Routing {
  AgentChoice agent_choice = AgentChoice::LongestIdle;
};

struct Scenario {
  std::string name;
  Horizon horizon;
  SimulationSettings simulation;
  Routing routing;
  std::vector<ContactType> contact_types;
  std::vector<AgentGroup> agent_groups;
};

// Clock label of a time `offset_s` after the horizon's start label `start` ("HH:MM"), e.g.
// "08:30" for "08:00" + 1800 s; "HH:MM:SS" when not on a whole minute; days wrap at 24:00, for
// any finite offset however large (or negative); "--:--" when the offset is not finite.
std::string clock_label(const std::string& start, double offset_s);

// A change in the number of agents on duty (after shrinkage) of one group.
struct StaffChange {
  double time_s;
  int agents;
};

// The agents of `group` on duty over time, after shrinkage (net = round(scheduled × (1 −
// shrinkage)), to the nearest integer), as a step function starting at time 0: sorted by
// time, the first entry at 0, no two consecutive entries with equal counts.
std::vector<StaffChange> net_staffing_schedule(const AgentGroup& group, const Horizon& horizon);

// What reaches the agents of a contact type, as the analytic models (staffing, compare's
// Erlang A) and the run-size check see it; the simulation draws the same flows contact by
// contact.
// Share of first attempts that reach the human queue: (1 − self_service.deflection) × max(0,
// 1 − chatbot.containment − chatbot.abandon_prob), each factor 1 without that flow.
double share_to_agents(const ContactType& type);
// Mean agent time of a contact in the human queue: its handle time (the chatbot's
// handoff_handle_time when given) plus wrap-up.
double mean_agent_time_s(const ContactType& type);
// The patience of a contact waiting in the human queue (the chatbot's handoff_patience when
// given, else the type's), or nullptr when it never abandons there (no patience, or email).
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
