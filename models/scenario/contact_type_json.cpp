#include "models/scenario/contact_type_json.h"

#include "models/scenario/arrivals_json.h"
#include "models/scenario/contact_flows_json.h"
#include "models/scenario/customer_behaviour_json.h"
#include "models/scenario/distribution_json.h"
#include "models/scenario/trunks_json.h"

namespace ccsim::reading {

namespace {

const Channel kChannels[] = {Channel::Voice, Channel::Chat, Channel::Email};

// levels_after_s: a non-empty list of times, the first 0, each at least the one before.
void read_levels_after(Checker& in, const json& v, const std::string& path, ContactType& type) {
  if (!in.expect_non_empty_array(v, path)) return;
  std::vector<double> after_s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string p = element(path, i);
    const std::optional<double> x = in.number(v[i], p, Range::at_least(0));
    if (!x) return;
    if (i == 0 && *x != 0) {
      in.error(p, "must be 0 (level-1 agents take a contact at once)", v[i]);
      return;
    }
    if (i > 0 && *x < after_s.back()) {
      in.error(p, "must be at least the entry before (" + element(path, i - 1) + ")", v[i]);
      return;
    }
    after_s.push_back(*x);
  }
  type.levels_after_s = std::move(after_s);
}

// name: required, unique, and not "all" (the name of the total of all types).
std::optional<std::string> read_type_name(Checker& in, const json& v, const std::string& path,
                                          std::map<std::string, std::string>& first_path,
                                          ContactType& type) {
  const std::string name_path = member(path, "name");
  const json* n = find(v, "name");
  if (!n) {
    in.error(name_path, "is required");
    return std::nullopt;
  }
  const std::optional<std::string> s = in.string(*n, name_path);
  if (!s) return std::nullopt;
  type.name = *s;
  if (*s == "all") {
    in.error(name_path, "must not be \"all\", which names the total of all contact types", *n);
  } else {
    in.unique(*s, *n, name_path, first_path);
  }
  return s;
}

// channel: the type's channel (the default when absent), or nullopt when invalid.
std::optional<Channel> read_channel(Checker& in, const json& v, const std::string& path,
                                    ContactType& type) {
  const json* c = find(v, "channel");
  if (!c) return type.channel;
  const std::optional<Channel> channel =
      in.one_of(*c, member(path, "channel"), kChannels, channel_name);
  if (channel) type.channel = *channel;
  return channel;
}

// handle_time (required), wrap_up and patience (ignored for email); the mean_s of each may be
// a list of one mean per interval of `horizon`.
void read_durations(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                    std::optional<Channel> channel, ContactType& type) {
  const MeanList lists{horizon};
  if (auto dist = required_distribution(in, v, path, "handle_time", lists)) {
    type.handle_time = *dist;
  }
  type.wrap_up = optional_distribution(in, v, path, "wrap_up", lists);
  if (const json* d = find(v, "patience")) {
    const std::string patience_path = member(path, "patience");
    type.patience =
        in.unless_email(read_distribution(in, *d, patience_path, lists), channel, patience_path);
  }
}

// service_level: {"threshold_s", "target"}, both required.
void read_service_level(Checker& in, const json& v, const std::string& path, ContactType& type) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "service_level");
  if (auto x = in.required_number(v, path, "threshold_s", Range::at_least(0))) {
    type.service_level.threshold_s = *x;
  }
  if (auto x = in.required_number(v, path, "target", Range::closed(0, 1))) {
    type.service_level.target = *x;
  }
  type.has_service_level_target = true;
}

// The staffing targets max_abandon_rate and max_asa_s, priority and its growth with waiting.
void read_targets(Checker& in, const json& v, const std::string& path, ContactType& type) {
  if (const json* m = find(v, "max_abandon_rate")) {
    type.max_abandon_rate = in.number(*m, member(path, "max_abandon_rate"), Range::closed(0, 1));
  }
  if (const json* m = find(v, "max_asa_s")) {
    type.max_asa_s = in.number(*m, member(path, "max_asa_s"), Range::above(0));
  }
  if (const json* p = find(v, "priority")) {
    if (auto x = in.integer(*p, member(path, "priority"))) type.priority = static_cast<int>(*x);
  }
  if (const json* p = find(v, "priority_per_minute_waited")) {
    if (auto x = in.number(*p, member(path, "priority_per_minute_waited"), Range::at_least(0))) {
      type.priority_per_minute_waited = *x;
    }
  }
  if (const json* l = find(v, "levels_after_s"))
    read_levels_after(in, *l, member(path, "levels_after_s"), type);
}

// The flows around the human queue and the customers' behaviour, in the order of the keys.
void read_journey(Checker& in, const json& v, const std::string& path,
                  std::optional<Channel> channel,
                  const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                  ContactType& type) {
  if (const json* s = find(v, "self_service")) {
    read_self_service(in, *s, member(path, "self_service"), type);
  }
  if (const json* c = find(v, "chatbot"))
    read_chatbot(in, *c, member(path, "chatbot"), channel, type);
  if (const json* c = find(v, "callback")) {
    read_callback(in, *c, member(path, "callback"), channel, type);
  }
  if (const json* w = find(v, "wait_prediction")) {
    read_wait_prediction(in, *w, member(path, "wait_prediction"), type);
  }
  if (const json* b = find(v, "balk")) {
    const std::string balk_path = member(path, "balk");
    type.balk = in.unless_email(read_wait_curve(in, *b, balk_path), channel, balk_path);
  }
  if (const json* r = find(v, "retrial"))
    read_retrial(in, *r, member(path, "retrial"), channel, type);
  if (const json* s = find(v, "channel_switch")) {
    read_channel_switch(in, *s, member(path, "channel_switch"), channel, type_names, self, type);
  }
  if (const json* t = find(v, "transfers")) {
    read_transfers(in, *t, member(path, "transfers"), type_names, self, type);
  }
  if (const json* s = find(v, "satisfaction")) {
    type.satisfaction = read_wait_curve(in, *s, member(path, "satisfaction"));
  }
  read_queue_caps(in, v, path, type_names, self, type);
  if (const json* s = find(v, "silent_abandonment")) {
    read_silent_abandonment(in, *s, member(path, "silent_abandonment"), channel, type);
  }
}

}  // namespace

std::optional<std::string> given_name(const json& v) {
  if (!v.is_object()) return std::nullopt;
  const json* n = find(v, "name");
  if (!n || !n->is_string() || n->get_ref<const std::string&>().empty()) return std::nullopt;
  return n->get<std::string>();
}

std::optional<std::string> read_contact_type(
    Checker& in, const json& v, const std::string& path, const Horizon* horizon,
    const std::vector<std::optional<std::string>>& type_names, std::size_t self,
    std::map<std::string, std::string>& first_path, ContactType& type,
    std::optional<Channel>& valid_channel, bool forecast_given) {
  valid_channel.reset();
  if (!in.expect_object(v, path)) return std::nullopt;
  in.check_keys(v, path, "contact_type");
  std::optional<std::string> name_given = read_type_name(in, v, path, first_path, type);
  const std::optional<Channel> channel = read_channel(in, v, path, type);
  valid_channel = channel;
  if (const json* a = find(v, "arrivals")) {
    read_arrivals(in, *a, member(path, "arrivals"), horizon, type.arrivals);
  } else if (!forecast_given) {
    in.error(member(path, "arrivals"), "is required");
  }
  read_durations(in, v, path, horizon, channel, type);
  if (const json* s = find(v, "service_level")) {
    read_service_level(in, *s, member(path, "service_level"), type);
  }
  read_targets(in, v, path, type);
  read_journey(in, v, path, channel, type_names, self, type);
  if (const json* l = find(v, "lines"))
    read_type_lines(in, *l, member(path, "lines"), channel, type);
  return name_given;
}

}  // namespace ccsim::reading
