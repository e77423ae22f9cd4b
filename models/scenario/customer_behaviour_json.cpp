#include "models/scenario/customer_behaviour_json.h"

#include <algorithm>
#include <map>
#include <utility>

#include "models/scenario/distribution_json.h"

namespace ccsim::reading {

namespace {

// The index of the contact type named by `v` (at `path`), which must be another type than
// type_names[self].
std::optional<int> other_type(Checker& in, const json& v, const std::string& path,
                              const std::vector<std::optional<std::string>>& type_names,
                              std::size_t self) {
  const auto name = in.string(v, path);
  if (!name) return std::nullopt;
  const auto it = std::find(type_names.begin(), type_names.end(), *name);
  if (it == type_names.end()) {
    std::vector<std::string> others;
    for (std::size_t i = 0; i < type_names.size(); ++i) {
      if (type_names[i] && i != self) others.push_back(*type_names[i]);
    }
    in.error(path, "must be the name of a contact type", v, hint(*name, others));
    return std::nullopt;
  }
  if (type_names[self] == *name) {
    in.error(path, "must name another contact type", v);
    return std::nullopt;
  }
  return static_cast<int>(it - type_names.begin());
}

}  // namespace

std::optional<WaitCurve> read_wait_curve(Checker& in, const json& v, const std::string& path) {
  if (!in.expect_object(v, path)) return std::nullopt;
  in.check_keys(v, path, "wait_curve");
  const json* c = find(v, "curve");
  const std::string curve_path = member(path, "curve");
  if (!c) {
    in.error(curve_path, "is required");
    return std::nullopt;
  }
  if (!in.expect_non_empty_array(*c, curve_path)) return std::nullopt;
  WaitCurve curve;
  bool ok = true;
  // wait_s of the previous point, when it is a valid wait (whether or not in order).
  double previous = 0.0;
  bool has_previous = false;
  for (std::size_t i = 0; i < c->size(); ++i) {
    const json& point = (*c)[i];
    const std::string point_path = element(curve_path, i);
    if (!in.expect_array(point, point_path)) {
      ok = false;
      has_previous = false;
      continue;
    }
    if (point.size() != 2) {
      in.error(point_path,
               "must have exactly 2 entries, [wait_s, prob] (got " + entries(point.size()) + ")");
      ok = false;
      has_previous = false;
      continue;
    }
    const std::string wait_path = element(point_path, 0);
    const std::optional<double> wait = in.number(point[0], wait_path, Range::at_least(0));
    bool point_ok = wait.has_value();
    if (wait && has_previous && !(*wait > previous)) {
      in.error(wait_path, "must be > " + number_text(previous) + ", the previous wait_s", point[0]);
      point_ok = false;
    }
    const auto prob = in.number(point[1], element(point_path, 1), Range::closed(0, 1));
    point_ok &= prob.has_value();
    if (point_ok) curve.points.emplace_back(*wait, *prob);
    ok &= point_ok;
    has_previous = wait.has_value();
    if (wait) previous = *wait;
  }
  if (!ok) return std::nullopt;
  return curve;
}

void read_channel_switch(Checker& in, const json& v, const std::string& path,
                         std::optional<Channel> channel,
                         const std::vector<std::optional<std::string>>& type_names,
                         std::size_t self, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "channel_switch");
  ChannelSwitch channel_switch;
  bool ok = true;
  if (const json* t = find(v, "to")) {
    const auto to = other_type(in, *t, member(path, "to"), type_names, self);
    if (to) channel_switch.to = *to;
    ok &= to.has_value();
  } else {
    in.error(member(path, "to"), "is required");
    ok = false;
  }
  const auto prob = in.required_number(v, path, "prob", Range::closed(0, 1));
  if (prob) channel_switch.prob = *prob;
  const auto delay = required_distribution(in, v, path, "delay");
  if (delay) channel_switch.delay = *delay;
  ok &= prob && delay;
  if (in.ignored_for_email(channel, path)) return;
  if (ok) type.channel_switch = std::move(channel_switch);
}

void read_transfers(Checker& in, const json& v, const std::string& path,
                    const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                    ContactType& type) {
  if (!in.expect_array(v, path)) return;
  std::map<int, std::string> seen;  // target type → first path naming it
  double sum = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& t = v[i];
    const std::string transfer_path = element(path, i);
    if (!in.expect_object(t, transfer_path)) continue;
    in.check_keys(t, transfer_path, "transfer");
    std::optional<int> to;
    const std::string to_path = member(transfer_path, "to");
    if (const json* x = find(t, "to")) {
      to = other_type(in, *x, to_path, type_names, self);
      if (to && !in.unique(*to, *x, to_path, seen)) to.reset();
    } else {
      in.error(to_path, "is required");
    }
    const auto prob = in.required_number(t, transfer_path, "prob", Range::left_open(0, 1));
    if (prob) sum += *prob;
    if (to && prob) type.transfers.push_back({*to, *prob});
  }
  if (sum > 1.0 + kProbabilitySumTolerance) {
    in.error(path, "probabilities must sum to <= 1 (got " + computed_text(sum) + ")");
  }
}

namespace {

// overflow: {"to": TYPE}.
void read_overflow(Checker& in, const json& v, const std::string& path,
                   const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                   ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "overflow");
  if (const json* t = find(v, "to")) {
    type.overflow_to = other_type(in, *t, member(path, "to"), type_names, self);
  } else {
    in.error(member(path, "to"), "is required");
  }
}

// message: {"accept_prob", "handled_as": TYPE}.
void read_message(Checker& in, const json& v, const std::string& path,
                  const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                  ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "message");
  MessageOption message;
  const auto accept = in.required_number(v, path, "accept_prob", Range::closed(0, 1));
  std::optional<int> as;
  if (const json* h = find(v, "handled_as")) {
    as = other_type(in, *h, member(path, "handled_as"), type_names, self);
  } else {
    in.error(member(path, "handled_as"), "is required");
  }
  if (!accept || !as) return;
  message.accept_prob = *accept;
  message.handled_as = *as;
  type.message = message;
}

}  // namespace

void read_queue_caps(Checker& in, const json& v, const std::string& path,
                     const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                     ContactType& type) {
  if (const json* m = find(v, "max_queue")) {
    if (auto x = in.integer(*m, member(path, "max_queue"), 0)) type.max_queue = int(*x);
  }
  if (const json* m = find(v, "max_expected_wait_s")) {
    type.max_expected_wait_s =
        in.number(*m, member(path, "max_expected_wait_s"), Range::at_least(0));
  }
  if (const json* m = find(v, "max_wait_s")) {
    type.max_wait_s = in.number(*m, member(path, "max_wait_s"), Range::above(0));
  }
  const json* overflow = find(v, "overflow");
  const json* message = find(v, "message");
  if (overflow) read_overflow(in, *overflow, member(path, "overflow"), type_names, self, type);
  if (message) read_message(in, *message, member(path, "message"), type_names, self, type);
  if (overflow && message) {
    in.error(path, "must have at most one of overflow, message (got both)");
  }
  if (find(v, "max_wait_s") && !overflow && !message) {
    in.error(member(path, "max_wait_s"),
             "needs overflow or message: where a caller goes after waiting that long");
  }
}

void read_silent_abandonment(Checker& in, const json& v, const std::string& path,
                             std::optional<Channel> channel, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "silent_abandonment");
  const auto share = in.required_number(v, path, "share", Range::closed(0, 1));
  const auto detection = required_distribution(in, v, path, "detection_time");
  if (channel && *channel != Channel::Chat) {
    in.error(path, std::string("applies to chat types only: a customer leaving without closing "
                               "the conversation is a chat's (this type is ") +
                       channel_name(*channel) + ")");
    return;
  }
  const bool abandons =
      type.patience || (type.chatbot && type.chatbot->handoff_patience.has_value());
  if (channel && !abandons) {
    in.error(path,
             "needs patience (or chatbot.handoff_patience): only a customer who abandons "
             "can leave silently");
    return;
  }
  if (share && detection && channel)
    type.silent_abandonment = SilentAbandonment{*share, *detection};
}

void check_message_targets(Checker& in, const Scenario& scenario) {
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (!ct.message) continue;
    const ContactType& as = scenario.contact_types[std::size_t(ct.message->handled_as)];
    if (as.channel != Channel::Email) {
      in.error(member(member(element("contact_types", k), "message"), "handled_as"),
               "must name an email contact type: a message is deferred work (\"" + as.name +
                   "\" is " + channel_name(as.channel) + ")");
    }
  }
}

}  // namespace ccsim::reading
