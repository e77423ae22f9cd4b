#include "models/kpi/kpi.h"

#include <algorithm>
#include <cmath>

namespace ccsim {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Answered:
      return "answered";
    case Outcome::Abandoned:
      return "abandoned";
    case Outcome::Deflected:
      return "deflected";
    case Outcome::Contained:
      return "contained";
    case Outcome::BotAbandoned:
      return "bot_abandoned";
    case Outcome::CallbackFailed:
      return "callback_failed";
    case Outcome::Balked:
      return "balked";
    case Outcome::Unserved:
      return "unserved";
    case Outcome::Blocked:
      return "blocked";
    case Outcome::Overflowed:
      return "overflowed";
    case Outcome::Messaged:
      return "messaged";
  }
  return "?";
}

const std::vector<Outcome>& all_outcomes() {
  static const std::vector<Outcome> outcomes = [] {
    std::vector<Outcome> v;
    for (int i = 0; std::string_view(outcome_name(Outcome(i))) != "?"; ++i) v.push_back(Outcome(i));
    return v;
  }();
  return outcomes;
}

std::optional<Outcome> outcome_from_name(std::string_view name) {
  for (Outcome o : all_outcomes()) {
    if (name == outcome_name(o)) return o;
  }
  return std::nullopt;
}

namespace {
constexpr std::array<KpiInfo, kKpiCount> kContactKpis{{
    {Kpi::Offered, "offered", "Offered", true},
    {Kpi::FirstAttempts, "first_attempts", "First attempts", true},
    {Kpi::Retrials, "retrials", "Retrials", true},
    {Kpi::Deflected, "deflected", "Deflected", true},
    {Kpi::Contained, "contained", "Contained", true},
    {Kpi::BotAbandoned, "bot_abandoned", "Abandoned in bot", true},
    {Kpi::Queued, "queued", "Queued", true},
    {Kpi::Answered, "answered", "Answered", true},
    {Kpi::Abandoned, "abandoned", "Abandoned", true},
    {Kpi::Unserved, "unserved", "Unserved", true},
    {Kpi::AbandonRate, "abandon_rate", "Abandon rate", false},
    {Kpi::Asa, "asa_s", "ASA (s)", false},
    {Kpi::WaitP90, "wait_p90_s", "Wait p90 (s)", false},
    {Kpi::ServiceLevel, "service_level", "Service level", false},
    {Kpi::Frt, "frt_s", "FRT (s)", false},
    {Kpi::Aht, "aht_s", "AHT (s)", false},
    {Kpi::Art, "art_s", "ART (s)", false},
    {Kpi::AbandonWait, "abandon_wait_s", "Time to abandon (s)", false},
    {Kpi::CallbacksOffered, "callbacks_offered", "Callbacks offered", true},
    {Kpi::CallbacksAccepted, "callbacks_accepted", "Callbacks accepted", true},
    {Kpi::CallbacksCompleted, "callbacks_completed", "Callbacks completed", true},
    {Kpi::CallbacksFailed, "callbacks_failed", "Callbacks failed", true},
    {Kpi::CallbacksNoSlot, "callbacks_no_slot", "Callbacks refused (no slot)", true},
    {Kpi::CallbackWait, "callback_wait_s", "Callback wait (s)", false},
    {Kpi::WaitPredictionMae, "wait_prediction_mae_s", "Wait prediction MAE (s)", false},
    {Kpi::WaitPredictionRmse, "wait_prediction_rmse_s", "Wait prediction RMSE (s)", false},
    {Kpi::WaitPredictionBias, "wait_prediction_bias_s", "Wait prediction bias (s)", false},
    {Kpi::WaitPredictionIn20, "wait_prediction_within_20pct", "Wait predictions within 20%", false},
    {Kpi::BacklogEnd, "backlog_end", "Backlog at end", true},
    {Kpi::Balked, "balked", "Balked", true},
    {Kpi::Csat, "csat", "CSAT", false},
    {Kpi::Transfers, "transfers", "Transfers out", true},
    {Kpi::TransfersIn, "transfers_in", "Transfers in", true},
    {Kpi::TransferRate, "transfer_rate", "Transfer rate", false},
    {Kpi::Fcr, "fcr", "First-contact resolution", false},
    {Kpi::Blocked, "blocked", "Blocked", true},
    {Kpi::BlockRate, "block_rate", "Block rate", false},
    {Kpi::Overflowed, "overflowed", "Overflowed", true},
    {Kpi::OverflowIn, "overflow_in", "Overflow in", true},
    {Kpi::Messages, "messages", "Messages left", true},
    {Kpi::MessagesIn, "messages_in", "Messages in", true},
    {Kpi::SilentAbandoned, "silent_abandons", "Silent abandons", true},
    {Kpi::SilentAgentTime, "silent_abandon_agent_s", "Agent time on silent abandons (s)", true},
}};
constexpr std::array<GroupKpiInfo, kGroupKpiCount> kGroupKpis{{
    {GroupKpi::Occupancy, "occupancy", "Occupancy"},
    {GroupKpi::Utilisation, "utilisation", "Utilisation"},
    {GroupKpi::Agents, "agents", "Agents"},
}};

constexpr std::array<TrunkKpiInfo, kTrunkKpiCount> kTrunkKpis{{
    {TrunkKpi::LinesInUse, "lines_in_use", "Lines in use"},
    {TrunkKpi::LineOccupancy, "line_occupancy", "Line occupancy"},
}};

constexpr std::array<SlotKpiInfo, kSlotKpiCount> kSlotKpis{{
    {SlotKpi::SlotsUsed, "slots_used", "Callback slots used"},
    {SlotKpi::SlotUse, "slot_use", "Callback slot use"},
}};

constexpr std::array<OutboundKpiInfo, kOutboundKpiCount> kOutboundKpis{{
    {OutboundKpi::Attempts, "attempts", "Attempts"},
    {OutboundKpi::Connects, "connects", "Connects"},
    {OutboundKpi::TalkTime, "talk_s", "Talk time (s)"},
    {OutboundKpi::AgentTime, "agent_s", "Agent time (s)"},
    {OutboundKpi::CallsLeft, "calls_left", "Calls left"},
}};

std::optional<double> ratio(std::uint64_t num, std::uint64_t den) {
  return den == 0 ? std::nullopt : std::optional<double>(double(num) / double(den));
}

// Adds a duration to its mean unless it is unknown (NaN: a time its log did not record).
void add_known(sim::Mean& mean, double duration_s) {
  if (!std::isnan(duration_s)) mean.add(duration_s);
}
}  // namespace

bool pooled_in_all(Kpi kpi, const PoolingBasis& basis) {
  switch (kpi) {
    case Kpi::Asa:
    case Kpi::WaitP90:
    case Kpi::Frt:
    case Kpi::Aht:
    case Kpi::Art:
    case Kpi::AbandonWait:
    case Kpi::CallbackWait:
    case Kpi::WaitPredictionMae:
    case Kpi::WaitPredictionRmse:
    case Kpi::WaitPredictionBias:
      return basis.one_channel;
    case Kpi::ServiceLevel:
      return basis.one_channel && basis.one_threshold;
    default:
      return true;  // counts and shares of contacts
  }
}

std::span<const KpiInfo> contact_kpis() {
  return kContactKpis;
}
const KpiInfo& kpi_info(Kpi kpi) {
  return kContactKpis[static_cast<std::size_t>(kpi)];
}
std::span<const GroupKpiInfo> group_kpis() {
  return kGroupKpis;
}
std::span<const TrunkKpiInfo> trunk_kpis() {
  return kTrunkKpis;
}
std::span<const SlotKpiInfo> slot_kpis() {
  return kSlotKpis;
}

std::span<const OutboundKpiInfo> outbound_kpis() {
  return kOutboundKpis;
}

void ContactStats::add(const ContactRecord& r, double sl_threshold_s) {
  ++offered_;
  if (r.retrial()) ++retrials_;
  if (r.queued) {
    ++queued_;
    const double left_s = r.callback_accepted              ? r.callback_accept_s
                          : r.outcome == Outcome::Answered ? r.answer_s
                                                           : r.end_s;
    const double waited_s = left_s - r.queue_entry_s;
    if (!std::isnan(waited_s)) wait_total_s_ += waited_s;
  }
  if (r.callback_offered) ++callbacks_offered_;
  if (r.callback_accepted) ++callbacks_accepted_;
  if (r.callback_no_slot) ++callbacks_no_slot_;
  if (r.call_attempts > 0) add_known(callback_wait_, r.first_call_s - r.callback_accept_s);
  if (r.used_bot) add_known(frt_, r.bot_start_s - r.arrival_s);
  if (r.has_satisfaction) satisfaction_.add(r.satisfaction);
  if (r.leg > 0) ++transfers_in_;
  if (r.origin == Origin::Overflow) ++overflow_in_;
  if (r.origin == Origin::Message) ++messages_in_;
  if (r.silent) {
    ++silent_;
    silent_detect_s_ += r.silent_detect_s;
  }
  switch (r.outcome) {
    case Outcome::Answered:
      add_answered(r, sl_threshold_s);
      break;
    case Outcome::Abandoned:
      ++abandoned_;
      add_known(abandon_wait_, r.end_s - r.queue_entry_s);
      break;
    case Outcome::Deflected:
      ++deflected_;
      break;
    case Outcome::Contained:
      ++contained_;
      add_known(resolution_, r.bot_end_s - r.journey_start_s);
      break;
    case Outcome::BotAbandoned:
      ++bot_abandoned_;
      break;
    case Outcome::CallbackFailed:
      ++callbacks_failed_;
      break;
    case Outcome::Balked:
      ++balked_;
      break;
    case Outcome::Unserved:
      ++unserved_;
      break;
    case Outcome::Blocked:
      ++blocked_;
      break;
    case Outcome::Overflowed:
      ++overflowed_;
      break;
    case Outcome::Messaged:
      ++messages_;
      break;
  }
}

void ContactStats::add_answered(const ContactRecord& r, double sl_threshold_s) {
  ++answered_;
  if (!r.used_bot) add_known(frt_, r.answer_s - r.arrival_s);
  add_known(handle_, r.handle_s + r.wrap_s);
  if (r.transferred) {
    ++transfers_;
  } else {
    add_known(resolution_, r.answer_s + r.handle_s - r.journey_start_s);
  }
  if (r.leg == 0) {
    ++first_legs_answered_;
    if (!r.transferred) ++first_legs_resolved_;
  }
  if (r.on_callback()) {
    ++callbacks_completed_;
    return;
  }
  const double wait = r.answer_s - r.queue_entry_s;
  if (std::isnan(wait)) return;
  ++answered_direct_;
  wait_.add(wait);
  wait_sketch_.add(wait);
  if (wait <= sl_threshold_s) ++within_threshold_;
  if (!r.has_prediction) return;
  const double error = r.predicted_wait_s - wait;
  prediction_error_.add(std::abs(error));
  prediction_bias_.add(error);
  prediction_square_.add(error * error);
  if (std::abs(error) <= 0.2 * wait) ++predictions_within_20pct_;
  ++prediction_error_bins_[prediction_error_bin(error)];
}

std::size_t prediction_error_bin(double error_s) {
  return std::size_t(
      std::upper_bound(kPredictionErrorEdges_s.begin(), kPredictionErrorEdges_s.end(), error_s) -
      kPredictionErrorEdges_s.begin());
}

std::optional<double> ContactStats::prediction_error_share(std::size_t bin) const {
  return ratio(prediction_error_bins_[bin], prediction_error_.count());
}

void ContactStats::merge(const ContactStats& o) {
  offered_ += o.offered_;
  retrials_ += o.retrials_;
  deflected_ += o.deflected_;
  contained_ += o.contained_;
  bot_abandoned_ += o.bot_abandoned_;
  queued_ += o.queued_;
  answered_ += o.answered_;
  abandoned_ += o.abandoned_;
  unserved_ += o.unserved_;
  answered_direct_ += o.answered_direct_;
  wait_total_s_ += o.wait_total_s_;
  within_threshold_ += o.within_threshold_;
  callbacks_offered_ += o.callbacks_offered_;
  callbacks_accepted_ += o.callbacks_accepted_;
  callbacks_completed_ += o.callbacks_completed_;
  callbacks_failed_ += o.callbacks_failed_;
  callbacks_no_slot_ += o.callbacks_no_slot_;
  backlog_end_ += o.backlog_end_;
  balked_ += o.balked_;
  blocked_ += o.blocked_;
  overflowed_ += o.overflowed_;
  overflow_in_ += o.overflow_in_;
  messages_ += o.messages_;
  messages_in_ += o.messages_in_;
  silent_ += o.silent_;
  silent_detect_s_ += o.silent_detect_s_;
  transfers_ += o.transfers_;
  transfers_in_ += o.transfers_in_;
  first_legs_answered_ += o.first_legs_answered_;
  first_legs_resolved_ += o.first_legs_resolved_;
  satisfaction_.merge(o.satisfaction_);
  wait_.merge(o.wait_);
  frt_.merge(o.frt_);
  handle_.merge(o.handle_);
  resolution_.merge(o.resolution_);
  abandon_wait_.merge(o.abandon_wait_);
  callback_wait_.merge(o.callback_wait_);
  prediction_error_.merge(o.prediction_error_);
  prediction_bias_.merge(o.prediction_bias_);
  prediction_square_.merge(o.prediction_square_);
  predictions_within_20pct_ += o.predictions_within_20pct_;
  for (std::size_t b = 0; b < kPredictionErrorBins; ++b) {
    prediction_error_bins_[b] += o.prediction_error_bins_[b];
  }
  wait_sketch_.merge(o.wait_sketch_);
}

std::optional<double> ContactStats::value(Kpi kpi) const {
  switch (kpi) {
    case Kpi::Offered:
      return double(offered_);
    case Kpi::FirstAttempts:
      return double(offered_ - retrials_ - transfers_in_ - overflow_in_ - messages_in_);
    case Kpi::Retrials:
      return double(retrials_);
    case Kpi::Deflected:
      return double(deflected_);
    case Kpi::Contained:
      return double(contained_);
    case Kpi::BotAbandoned:
      return double(bot_abandoned_);
    case Kpi::Queued:
      return double(queued_);
    case Kpi::Answered:
      return double(answered_);
    case Kpi::Abandoned:
      return double(abandoned_);
    case Kpi::Unserved:
      return double(unserved_);
    case Kpi::AbandonRate:
      return ratio(abandoned_, answered_ + abandoned_);
    case Kpi::Asa:
      return wait_.mean();
    case Kpi::WaitP90:
      return wait_sketch_.quantile(0.9);
    case Kpi::ServiceLevel:
      return ratio(within_threshold_, answered_direct_ + abandoned_);
    case Kpi::Frt:
      return frt_.mean();
    case Kpi::Aht:
      return handle_.mean();
    case Kpi::Art:
      return resolution_.mean();
    case Kpi::AbandonWait:
      return abandon_wait_.mean();
    default:
      return flow_value(kpi);
  }
}

// The KPIs of the flows around the queue: callbacks, wait predictions, the backlog, balking,
// satisfaction, transfers, the centre's limits and silent abandonment.
std::optional<double> ContactStats::flow_value(Kpi kpi) const {
  switch (kpi) {
    case Kpi::CallbacksOffered:
      return double(callbacks_offered_);
    case Kpi::CallbacksAccepted:
      return double(callbacks_accepted_);
    case Kpi::CallbacksCompleted:
      return double(callbacks_completed_);
    case Kpi::CallbacksFailed:
      return double(callbacks_failed_);
    case Kpi::CallbacksNoSlot:
      return double(callbacks_no_slot_);
    case Kpi::CallbackWait:
      return callback_wait_.mean();
    case Kpi::WaitPredictionMae:
      return prediction_error_.mean();
    case Kpi::WaitPredictionRmse:
      if (const auto square = prediction_square_.mean()) return std::sqrt(*square);
      return std::nullopt;
    case Kpi::WaitPredictionBias:
      return prediction_bias_.mean();
    case Kpi::WaitPredictionIn20:
      return ratio(predictions_within_20pct_, prediction_error_.count());
    case Kpi::BacklogEnd:
      return double(backlog_end_);
    case Kpi::Balked:
      return double(balked_);
    case Kpi::Csat:
      return satisfaction_.mean();
    case Kpi::Transfers:
      return double(transfers_);
    case Kpi::TransfersIn:
      return double(transfers_in_);
    case Kpi::TransferRate:
      return ratio(transfers_, answered_);
    case Kpi::Fcr:
      return ratio(first_legs_resolved_, first_legs_answered_);
    case Kpi::Blocked:
      return double(blocked_);
    case Kpi::BlockRate:
      return ratio(blocked_, offered_);
    case Kpi::Overflowed:
      return double(overflowed_);
    case Kpi::OverflowIn:
      return double(overflow_in_);
    case Kpi::Messages:
      return double(messages_);
    case Kpi::MessagesIn:
      return double(messages_in_);
    case Kpi::SilentAbandoned:
      return double(silent_);
    case Kpi::SilentAgentTime:
      return silent_detect_s_;
    default:
      break;
  }
  return std::nullopt;
}

std::optional<double> GroupStats::value(GroupKpi kpi) const {
  switch (kpi) {
    case GroupKpi::Occupancy:
      return available_agent_s > 0 ? std::optional<double>(busy_agent_s / available_agent_s)
                                   : std::nullopt;
    case GroupKpi::Utilisation:
      return available_agent_s > 0
                 ? std::optional<double>(busy_slot_s / (available_agent_s * concurrency))
                 : std::nullopt;
    case GroupKpi::Agents:
      return window_s > 0 ? std::optional<double>(available_agent_s / window_s) : std::nullopt;
    case GroupKpi::kCount:
      break;
  }
  return std::nullopt;
}

std::optional<double> TrunkStats::value(TrunkKpi kpi) const {
  if (window_s <= 0) return std::nullopt;
  switch (kpi) {
    case TrunkKpi::LinesInUse:
      return line_s / window_s;
    case TrunkKpi::LineOccupancy:
      return line_s / (window_s * double(lines));
    case TrunkKpi::kCount:
      break;
  }
  return std::nullopt;
}

std::optional<double> SlotStats::value(SlotKpi kpi) const {
  switch (kpi) {
    case SlotKpi::SlotsUsed:
      return used;
    case SlotKpi::SlotUse:
      return capacity > 0 ? std::optional<double>(used / capacity) : std::nullopt;
    case SlotKpi::kCount:
      break;
  }
  return std::nullopt;
}

std::optional<double> OutboundStats::value(OutboundKpi kpi) const {
  if (window_s <= 0) return std::nullopt;
  switch (kpi) {
    case OutboundKpi::Attempts:
      return attempts;
    case OutboundKpi::Connects:
      return connects;
    case OutboundKpi::TalkTime:
      return talk_s;
    case OutboundKpi::AgentTime:
      return agent_s;
    case OutboundKpi::CallsLeft:
      return calls_left;
    case OutboundKpi::kCount:
      break;
  }
  return std::nullopt;
}

}  // namespace ccsim
