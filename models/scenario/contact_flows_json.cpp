#include "models/scenario/contact_flows_json.h"

#include <utility>

#include "models/scenario/distribution_json.h"

namespace ccsim::reading {

namespace {

const CallbackMode kCallbackModes[] = {CallbackMode::VirtualHold, CallbackMode::Scheduled};
const WaitPredictor kWaitPredictors[] = {
    WaitPredictor::QueueLength, WaitPredictor::LastToEnterService, WaitPredictor::HeadOfLine,
    WaitPredictor::QueueLengthAbandonment};

// The slots of scheduled callbacks: slot_capacity (integer >= 1) and max_slots_ahead
// (integer >= 0); whether max_slots_ahead has a capacity to refer to is checked with the
// scenario's callback_slots (callback_slots_json.h).
void read_callback_slots(Checker& in, const json& v, const std::string& path, Callback& callback) {
  if (const json* c = find(v, "slot_capacity")) {
    if (auto x = in.integer(*c, member(path, "slot_capacity"), 1)) {
      callback.slot_capacity = static_cast<int>(*x);
    }
  }
  if (const json* a = find(v, "max_slots_ahead")) {
    if (auto x = in.integer(*a, member(path, "max_slots_ahead"), 0)) {
      callback.max_slots_ahead = static_cast<int>(*x);
    }
  }
}

// When to call back: for mode scheduled only, and then exactly one of delay_s and
// at_interval_start_after; likewise the slots' keys. `mode` is nullopt when invalid.
void read_callback_time(Checker& in, const json& v, const std::string& path,
                        std::optional<CallbackMode> mode, Callback& callback) {
  const json* delay = find(v, "delay_s");
  const json* at_start = find(v, "at_interval_start_after");
  if (mode == CallbackMode::VirtualHold) {
    for (const char* key :
         {"delay_s", "at_interval_start_after", "slot_capacity", "max_slots_ahead"}) {
      if (find(v, key)) in.error(member(path, key), "only for mode scheduled");
    }
    return;
  }
  read_callback_slots(in, v, path, callback);
  if (delay) {
    if (auto x = in.number(*delay, member(path, "delay_s"), Range::at_least(0))) {
      callback.delay_s = *x;
    }
  }
  if (at_start) {
    if (auto x = in.integer(*at_start, member(path, "at_interval_start_after"), 1)) {
      callback.at_interval_start_after = static_cast<int>(*x);
    }
  }
  if (mode == CallbackMode::Scheduled && (delay == nullptr) == (at_start == nullptr)) {
    in.error(path, std::string("must have exactly one of delay_s, at_interval_start_after for mode "
                               "scheduled (got ") +
                       (delay ? "delay_s, at_interval_start_after" : "none") + ")");
  }
}

}  // namespace

void read_self_service(Checker& in, const json& v, const std::string& path, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "self_service");
  SelfService self_service;
  if (auto x = in.required_number(v, path, "deflection", Range::closed(0, 1))) {
    self_service.deflection = *x;
  }
  type.self_service = self_service;
}

void read_chatbot(Checker& in, const json& v, const std::string& path,
                  std::optional<Channel> channel, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "chatbot");
  Chatbot bot;
  const auto containment = in.required_number(v, path, "containment", Range::closed(0, 1));
  if (containment) bot.containment = *containment;
  if (auto d = required_distribution(in, v, path, "bot_time")) bot.bot_time = *d;
  const json* sessions = find(v, "max_sessions");
  if (sessions) {
    if (auto x = in.integer(*sessions, member(path, "max_sessions"), 1)) {
      bot.max_sessions = static_cast<int>(*x);
    }
  }
  if (const json* q = find(v, "queue_patience")) {
    const std::string queue_path = member(path, "queue_patience");
    bot.queue_patience = read_distribution(in, *q, queue_path);
    if (!sessions) {
      in.warning(queue_path, "ignored: the bot has unlimited sessions");
      bot.queue_patience.reset();
    }
  }
  std::optional<double> abandon = bot.abandon_prob;
  if (const json* a = find(v, "abandon_prob")) {
    abandon = in.number(*a, member(path, "abandon_prob"), Range::closed(0, 1));
    if (abandon) bot.abandon_prob = *abandon;
  }
  bot.handoff_handle_time = optional_distribution(in, v, path, "handoff_handle_time");
  if (const json* p = find(v, "handoff_patience")) {
    const std::string patience_path = member(path, "handoff_patience");
    bot.handoff_patience =
        in.unless_email(read_distribution(in, *p, patience_path), channel, patience_path);
  }
  if (containment && abandon && *containment + *abandon > 1.0 + kProbabilitySumTolerance) {
    in.error(path, "containment + abandon_prob must be <= 1 (got " +
                       computed_text(*containment + *abandon) + ")");
  }
  type.chatbot = std::move(bot);
}

void read_callback(Checker& in, const json& v, const std::string& path,
                   std::optional<Channel> channel, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  if (channel == Channel::Email) in.error(path, "not available for channel email");
  in.check_keys(v, path, "callback");
  Callback callback;
  std::optional<CallbackMode> mode = callback.mode;
  if (const json* m = find(v, "mode")) {
    mode = in.one_of(*m, member(path, "mode"), kCallbackModes, callback_mode_name);
    if (mode) callback.mode = *mode;
  }
  if (auto x = in.required_number(v, path, "offer_when_expected_wait_over_s", Range::at_least(0))) {
    callback.offer_when_expected_wait_over_s = *x;
  }
  if (auto x = in.required_number(v, path, "accept_prob", Range::closed(0, 1))) {
    callback.accept_prob = *x;
  }
  if (const json* r = find(v, "reach_prob")) {
    if (auto x = in.number(*r, member(path, "reach_prob"), Range::closed(0, 1))) {
      callback.reach_prob = *x;
    }
  }
  if (const json* a = find(v, "max_attempts")) {
    if (auto x = in.integer(*a, member(path, "max_attempts"), 1)) {
      callback.max_attempts = static_cast<int>(*x);
    }
  }
  if (const json* r = find(v, "retry_after_s")) {
    if (auto x = in.number(*r, member(path, "retry_after_s"), Range::at_least(0))) {
      callback.retry_after_s = *x;
    }
  }
  callback.dial_time = optional_distribution(in, v, path, "dial_time");
  if (const json* p = find(v, "predictor")) {
    if (auto predictor =
            in.one_of(*p, member(path, "predictor"), kWaitPredictors, wait_predictor_name)) {
      callback.predictor = *predictor;
    }
  }
  read_callback_time(in, v, path, mode, callback);
  type.callback = std::move(callback);
}

void read_wait_prediction(Checker& in, const json& v, const std::string& path, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "wait_prediction");
  const json* p = find(v, "predictor");
  if (!p) {
    in.error(member(path, "predictor"), "is required");
    return;
  }
  type.wait_predictor =
      in.one_of(*p, member(path, "predictor"), kWaitPredictors, wait_predictor_name);
}

void read_retrial(Checker& in, const json& v, const std::string& path,
                  std::optional<Channel> channel, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "retrial");
  Retrial retrial;
  if (auto x = in.required_number(v, path, "prob", Range::closed(0, 1))) retrial.prob = *x;
  if (auto d = required_distribution(in, v, path, "delay")) retrial.delay = *d;
  if (const json* m = find(v, "max_retrials")) {
    if (auto x = in.integer(*m, member(path, "max_retrials"), 0)) {
      retrial.max_retrials = static_cast<int>(*x);
    }
  }
  if (const json* b = find(v, "blocked_prob")) {
    if (auto x = in.number(*b, member(path, "blocked_prob"), Range::closed(0, 1))) {
      retrial.blocked_prob = *x;
    }
  }
  retrial.blocked_delay = optional_distribution(in, v, path, "blocked_delay");
  if (in.ignored_for_email(channel, path)) return;
  type.retrial = std::move(retrial);
}

}  // namespace ccsim::reading
