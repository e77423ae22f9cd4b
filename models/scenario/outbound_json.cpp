#include "models/scenario/outbound_json.h"

#include <map>

#include "models/scenario/distribution_json.h"

namespace ccsim::reading {

namespace {

// groups of a campaign: names of agent groups of concurrency 1, each once.
void read_campaign_groups(Checker& in, const json& v, const std::string& path,
                          const Scenario& scenario, OutboundCampaign& campaign) {
  if (!in.expect_non_empty_array(v, path)) return;
  std::vector<std::string> names;
  for (const AgentGroup& g : scenario.agent_groups) names.push_back(g.name);
  std::map<int, std::string> first_path;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string entry_path = element(path, i);
    const std::optional<std::size_t> g = in.one_of(v[i], entry_path, names);
    if (!g) continue;
    const AgentGroup& group = scenario.agent_groups[*g];
    if (group.concurrency != 1) {
      in.error(entry_path,
               "must be a group of concurrency 1 (an agent on an outbound call holds nothing "
               "else; concurrency is " +
                   std::to_string(group.concurrency) + ")",
               v[i]);
      continue;
    }
    if (in.unique(int(*g), v[i], entry_path, first_path)) campaign.groups.push_back(int(*g));
  }
}

// The calls of a campaign: exactly one of calls_per_interval and list_size.
void read_campaign_calls(Checker& in, const json& v, const std::string& path,
                         const Horizon* horizon, OutboundCampaign& campaign) {
  const json* per = find(v, "calls_per_interval");
  const json* list = find(v, "list_size");
  if ((per == nullptr) == (list == nullptr)) {
    in.error(path, "must give exactly one of calls_per_interval and list_size");
    return;
  }
  if (per) {
    const std::string per_path = member(path, "calls_per_interval");
    in.per_interval(
        *per, per_path, horizon,
        [&](const json& x, const std::string& p) { return in.integer(x, p, 0); },
        campaign.calls_per_interval);
  } else if (auto n = in.integer(*list, member(path, "list_size"), 0, LLONG_MAX)) {
    campaign.list_size = *n;
  }
}

OutboundCampaign read_campaign(Checker& in, const json& v, const std::string& path,
                               const Horizon* horizon, const Scenario& scenario,
                               std::map<std::string, std::string>& first_name) {
  OutboundCampaign c;
  in.check_keys(v, path, "outbound_campaign");
  if (const json* n = find(v, "name")) {
    const std::string name_path = member(path, "name");
    if (auto s = in.string(*n, name_path)) {
      c.name = *s;
      in.unique(*s, *n, name_path, first_name);
    }
  } else {
    in.error(member(path, "name"), "is required");
  }
  if (const json* g = find(v, "groups")) {
    read_campaign_groups(in, *g, member(path, "groups"), scenario, c);
  } else {
    in.error(member(path, "groups"), "is required");
  }
  read_campaign_calls(in, v, path, horizon, c);
  if (const json* p = find(v, "connect_prob")) {
    if (auto x = in.number(*p, member(path, "connect_prob"), Range::closed(0, 1))) {
      c.connect_prob = *x;
    }
  }
  if (auto d = required_distribution(in, v, path, "talk_time")) c.talk_time = *d;
  c.wrap_up = optional_distribution(in, v, path, "wrap_up");
  c.dial_time = optional_distribution(in, v, path, "dial_time");
  if (!find(v, "dial_time") && c.connect_prob < 1.0) {
    in.error(member(path, "dial_time"),
             "is required when connect_prob < 1 (the agent time of an attempt that does not "
             "connect)");
  }
  if (const json* r = find(v, "reserve_idle")) {
    if (auto x = in.integer(*r, member(path, "reserve_idle"), 0)) c.reserve_idle = int(*x);
  }
  if (const json* w = find(v, "max_inbound_wait_s")) {
    if (auto x = in.number(*w, member(path, "max_inbound_wait_s"), Range::at_least(0))) {
      c.max_inbound_wait_s = *x;
    }
  }
  return c;
}

}  // namespace

void read_outbound(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                   Scenario& scenario) {
  if (!in.expect_array(v, path)) return;
  std::map<std::string, std::string> first_name;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string campaign_path = element(path, i);
    if (!in.expect_object(v[i], campaign_path)) continue;
    scenario.outbound.push_back(
        read_campaign(in, v[i], campaign_path, horizon, scenario, first_name));
  }
}

}  // namespace ccsim::reading
