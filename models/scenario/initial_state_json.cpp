#include "models/scenario/initial_state_json.h"

#include <algorithm>

namespace ccsim {

namespace reading {

namespace {

using nlohmann::json;

// The index of the entry of `names` equal to `name`, or nullopt.
std::optional<std::size_t> index_of(const std::vector<std::string>& names,
                                    const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

std::vector<std::string> type_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const ContactType& t : scenario.contact_types) names.push_back(t.name);
  return names;
}

std::vector<std::string> group_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const AgentGroup& g : scenario.agent_groups) names.push_back(g.name);
  return names;
}

// An object whose keys are names of `names` (reported otherwise as "must be the name of
// WHAT"), calling read(index, value, path) on each entry of a known name.
template <class Read>
void read_named(Checker& in, const json& v, const std::string& path,
                const std::vector<std::string>& names, const char* what, Read read) {
  if (!in.expect_object(v, path)) return;
  for (const auto& [key, value] : v.items()) {
    const std::string entry_path = member(path, key);
    if (const auto i = index_of(names, key)) {
      read(*i, value, entry_path);
    } else {
      in.error(entry_path, std::string("must be the name of ") + what, json(key), hint(key, names));
    }
  }
}

// An array of elapsed times (each >= 0), sorted longest first.
std::vector<double> read_elapsed(Checker& in, const json& v, const std::string& path) {
  std::vector<double> out;
  if (!in.expect_array(v, path)) return out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (const auto e = in.number(v[i], element(path, i), Range::at_least(0.0))) out.push_back(*e);
  }
  std::sort(out.begin(), out.end(), std::greater<>());
  return out;
}

// One busy agent of `group`: elapsed_s, or {"elapsed_s" | "remaining_s", "type"}.
std::optional<BusyAgent> read_busy_agent(Checker& in, const json& v, const std::string& path,
                                         const Scenario& scenario, const AgentGroup& group) {
  BusyAgent agent;
  agent.type = group.skills.empty() ? 0 : group.skills.front();
  if (v.is_number()) {
    const auto e = in.number(v, path, Range::at_least(0.0));
    if (!e) return std::nullopt;
    agent.elapsed_s = *e;
    return agent;
  }
  if (!v.is_object()) {
    in.error(path, "must be a number (elapsed_s) or an object", v);
    return std::nullopt;
  }
  in.check_keys(v, path, "busy_agent");
  bool ok = true;
  if (const json* t = find(v, "type")) {
    const std::string type_path = member(path, "type");
    const auto name = in.string(*t, type_path);
    const auto k = name ? index_of(type_names(scenario), *name) : std::nullopt;
    if (k && std::find(group.skills.begin(), group.skills.end(), int(*k)) != group.skills.end()) {
      agent.type = int(*k);
    } else {
      if (name) in.error(type_path, "must be a skill of the group \"" + group.name + "\"", *t);
      ok = false;
    }
  }
  const json* elapsed = find(v, "elapsed_s");
  const json* remaining = find(v, "remaining_s");
  if (elapsed) {
    const auto e = in.number(*elapsed, member(path, "elapsed_s"), Range::at_least(0.0));
    ok &= e.has_value();
    agent.elapsed_s = e.value_or(0.0);
  }
  if (remaining) {
    const auto r = in.number(*remaining, member(path, "remaining_s"), Range::at_least(0.0));
    ok &= r.has_value();
    agent.remaining_s = r;
  }
  if (!elapsed && !remaining) {
    in.error(path, "must give elapsed_s or remaining_s");
    ok = false;
  }
  return ok ? std::optional<BusyAgent>(agent) : std::nullopt;
}

void read_busy(Checker& in, const json& v, const std::string& path, const Scenario& scenario,
               bool horizon_known, InitialState& state) {
  read_named(
      in, v, path, group_names(scenario), "an agent group",
      [&](std::size_t g, const json& list, const std::string& list_path) {
        if (!in.expect_array(list, list_path)) return;
        const AgentGroup& group = scenario.agent_groups[g];
        for (std::size_t i = 0; i < list.size(); ++i) {
          if (auto a = read_busy_agent(in, list[i], element(list_path, i), scenario, group)) {
            state.busy[g].push_back(*a);
          }
        }
        if (!horizon_known) return;
        const int on_duty = net_staffing_schedule(group, scenario.horizon).front().agents;
        if (list.size() > std::size_t(on_duty)) {
          in.error(list_path, "more busy agents (" + std::to_string(list.size()) +
                                  ") than the group has on duty at the start (" +
                                  std::to_string(on_duty) + ", after shrinkage)");
        }
      });
}

}  // namespace

void read_initial_state(Checker& in, const json& v, const std::string& path,
                        const Scenario& scenario, bool horizon_known, InitialState& state) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "initial_state");
  const std::size_t types = scenario.contact_types.size();
  state.waiting_s.assign(types, {});
  state.callbacks_s.assign(types, {});
  state.busy.assign(scenario.agent_groups.size(), {});
  const std::vector<std::string> names = type_names(scenario);
  if (const json* w = find(v, "waiting")) {
    read_named(in, *w, member(path, "waiting"), names, "a contact type",
               [&](std::size_t k, const json& list, const std::string& list_path) {
                 state.waiting_s[k] = read_elapsed(in, list, list_path);
               });
  }
  if (const json* c = find(v, "callbacks")) {
    read_named(in, *c, member(path, "callbacks"), names, "a contact type",
               [&](std::size_t k, const json& list, const std::string& list_path) {
                 if (!scenario.contact_types[k].callback) {
                   in.error(list_path, "the contact type offers no callback (no callback key)");
                   return;
                 }
                 state.callbacks_s[k] = read_elapsed(in, list, list_path);
               });
  }
  if (const json* b = find(v, "busy")) {
    read_busy(in, *b, member(path, "busy"), scenario, horizon_known, state);
  }
}

}  // namespace reading

std::vector<std::string> parse_initial_state(const nlohmann::json& document,
                                             const Scenario& scenario, InitialState& state) {
  reading::Checker in(".");
  InitialState read;
  reading::read_initial_state(in, document, "", scenario, true, read);
  std::vector<std::string> errors = in.take_errors();
  if (errors.empty()) state = std::move(read);
  return errors;
}

nlohmann::json initial_state_json(const InitialState& state, const Scenario& scenario) {
  using nlohmann::json;
  json out = json::object();
  auto lists = [&](const std::vector<std::vector<double>>& by_type, const char* key) {
    for (std::size_t k = 0; k < by_type.size(); ++k) {
      if (!by_type[k].empty()) out[key][scenario.contact_types[k].name] = by_type[k];
    }
  };
  lists(state.waiting_s, "waiting");
  lists(state.callbacks_s, "callbacks");
  for (std::size_t g = 0; g < state.busy.size(); ++g) {
    for (const BusyAgent& a : state.busy[g]) {
      json agent = {{"elapsed_s", a.elapsed_s}};
      if (a.remaining_s) agent["remaining_s"] = *a.remaining_s;
      agent["type"] = scenario.contact_types[std::size_t(a.type)].name;
      out["busy"][scenario.agent_groups[g].name].push_back(agent);
    }
  }
  return out;
}

}  // namespace ccsim
