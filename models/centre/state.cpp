#include "models/centre/state.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/centre/arrivals.h"
#include "models/centre/routing.h"
#include "sim/random.h"

namespace ccsim::centre {

std::vector<std::vector<Service>> make_services(const Scenario& scenario) {
  const std::size_t n_types = scenario.contact_types.size();
  std::vector<std::vector<Service>> service;
  for (const AgentGroup& ag : scenario.agent_groups) {
    std::vector<Service>& sv = service.emplace_back(n_types);
    for (std::size_t k = 0; k < n_types; ++k) sv[k].speed = ag.speed_factor;
    for (const auto& [k, dist] : ag.handle_times) sv[std::size_t(k)].handle = &dist;
  }
  return service;
}

namespace {

// The per-interval distributions and mean agent times of a type with per-interval means.
void set_interval_durations(const ContactType& ct, const Horizon& horizon, TypeState& ts) {
  ts.handle_by_interval = ct.handle_time.by_interval();
  if (ct.wrap_up) ts.wrap_up_by_interval = ct.wrap_up->by_interval();
  if (ct.patience) ts.patience_by_interval = ct.patience->by_interval();
  for (int k = 0; k < horizon.interval_count(); ++k) {
    ts.mean_agent_time_by_interval_s.push_back(ct.handle_time.mean_in(k) +
                                               (ct.wrap_up ? ct.wrap_up->mean_in(k) : 0.0));
  }
}

}  // namespace

std::vector<TypeState> make_type_states(const Scenario& scenario,
                                        const std::vector<std::vector<Service>>& service) {
  const std::size_t n_types = scenario.contact_types.size();
  const std::size_t n_groups = scenario.agent_groups.size();
  std::vector<TypeState> types(n_types);
  for (std::size_t k = 0; k < n_types; ++k) {
    const ContactType& ct = scenario.contact_types[k];
    TypeState& ts = types[k];
    ts.name_id = sim::stream_hash(ct.name);
    ts.rate_per_s = arrival_rates_per_s(ct.arrivals, scenario.horizon.interval_count(),
                                        scenario.horizon.interval_s);
    ts.mean_agent_time_s = ct.handle_time.mean_s + (ct.wrap_up ? ct.wrap_up->mean_s : 0.0);
    ts.realtime = ct.channel != Channel::Email;
    if (has_interval_means(ct)) set_interval_durations(ct, scenario.horizon, ts);
  }
  for (std::size_t g = 0; g < n_groups; ++g) {
    for (int k : scenario.agent_groups[g].skills) types[std::size_t(k)].groups.push_back(int(g));
  }
  std::vector<double> mean_handle_s(n_groups);
  std::vector<int> level_of(n_groups);
  const bool levelled = has_skill_levels(scenario);
  for (std::size_t k = 0; k < n_types; ++k) {
    for (std::size_t g = 0; g < n_groups; ++g) {
      const Service& sv = service[g][k];
      mean_handle_s[g] =
          (sv.handle ? sv.handle->mean_s : scenario.contact_types[k].handle_time.mean_s) * sv.speed;
      const std::vector<int>& skills = scenario.agent_groups[g].skills;
      const auto it = std::find(skills.begin(), skills.end(), int(k));
      if (it != skills.end())
        level_of[g] = skill_level(scenario.agent_groups[g], std::size_t(it - skills.begin()));
    }
    TypeState& ts = types[k];
    ts.group_tiers = order_groups(scenario.routing.agent_choice, mean_handle_s, ts.groups);
    if (!levelled) continue;
    std::vector<int> levels;
    for (int g : ts.groups) levels.push_back(level_of[std::size_t(g)]);
    order_levels(ts.groups, ts.group_tiers, levels);
    for (int level : levels) {
      ts.group_after_s.push_back(level_delay_s(scenario.contact_types[k].levels_after_s, level));
    }
  }
  return types;
}

bool has_skill_levels(const Scenario& scenario) {
  for (const AgentGroup& g : scenario.agent_groups) {
    for (int level : g.skill_levels) {
      if (level != 1) return true;
    }
  }
  return false;
}

std::vector<GroupState> make_group_states(const Scenario& scenario) {
  std::vector<GroupState> groups(scenario.agent_groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const AgentGroup& ag = scenario.agent_groups[g];
    GroupState& gs = groups[g];
    gs.skills = ag.skills;
    if (has_skill_levels(scenario)) {
      for (std::size_t i = 0; i < ag.skills.size(); ++i) {
        gs.skill_levels.push_back(skill_level(ag, i));
        gs.skill_after_s.push_back(level_delay_s(
            scenario.contact_types[std::size_t(ag.skills[i])].levels_after_s, gs.skill_levels[i]));
      }
    }
    gs.schedule = net_staffing_schedule(ag, scenario.horizon);
    gs.concurrency = std::max(1, ag.concurrency);
    gs.slowdown = ag.concurrency_slowdown;
    gs.available.resize(std::size_t(gs.concurrency));
  }
  return groups;
}

std::uint32_t add_agent(std::vector<Agent>& agents, std::vector<std::uint32_t>& free_agents,
                        std::vector<GroupState>& groups, int group, double now_s) {
  const std::uint32_t id = acquire_slot(agents, free_agents);
  GroupState& g = groups[std::size_t(group)];
  Agent& a = agents[id];
  a = Agent{};
  a.group = group;
  a.present_since_s = now_s;
  a.member_pos = std::uint32_t(g.members.size());
  g.members.push_back(id);
  g.present_time.update(now_s, double(g.members.size()));
  return id;
}

void remove_agent(std::vector<Agent>& agents, std::vector<std::uint32_t>& free_agents,
                  std::vector<GroupState>& groups, std::uint32_t agent, double now_s) {
  Agent& a = agents[agent];
  GroupState& g = groups[std::size_t(a.group)];
  unlist_agent(agents, groups, agent);
  if (a.leaving) --g.leaving;
  const std::uint32_t last = g.members.back();
  g.members[a.member_pos] = last;
  agents[last].member_pos = a.member_pos;
  g.members.pop_back();
  g.present_time.update(now_s, double(g.members.size()));
  free_agents.push_back(agent);
}

std::vector<double> checkpoint_times_s(const Horizon& horizon, double warmup_s) {
  std::vector<double> times;
  for (int k = 0; k < horizon.interval_count(); ++k) {
    // Over several days a day's opening is no earlier interval's end: both are checkpoints.
    if (k > 0 && horizon.interval_start_s(k) != times.back()) {
      times.push_back(horizon.interval_start_s(k));
    }
    times.push_back(horizon.interval_end_s(k));
  }
  if (warmup_s > 0.0) times.push_back(warmup_s);
  std::sort(times.begin(), times.end());
  times.insert(times.begin(), 0.0);
  return times;
}

std::vector<GroupIntegrals> group_integrals(const std::vector<GroupState>& groups, double now_s) {
  std::vector<GroupIntegrals> out(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    out[g] = {groups[g].busy_time.integral(now_s), groups[g].slot_time.integral(now_s),
              groups[g].present_time.integral(now_s), groups[g].outbound_time.integral(now_s)};
  }
  return out;
}

std::vector<GroupStats> group_window(const std::vector<GroupState>& groups,
                                     const std::vector<double>& checkpoints_s,
                                     const std::vector<std::vector<GroupIntegrals>>& integrals,
                                     double lo, double hi) {
  std::vector<GroupStats> out(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) out[g].concurrency = groups[g].concurrency;
  if (hi <= lo) return out;
  const std::size_t a = checkpoint_at(checkpoints_s, lo), b = checkpoint_at(checkpoints_s, hi);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    out[g].busy_agent_s = integrals[b][g].busy - integrals[a][g].busy;
    out[g].busy_slot_s = integrals[b][g].slots - integrals[a][g].slots;
    out[g].available_agent_s = integrals[b][g].present - integrals[a][g].present;
    out[g].outbound_agent_s = integrals[b][g].outbound - integrals[a][g].outbound;
    out[g].window_s = hi - lo;
  }
  return out;
}

std::vector<LinePool> make_line_pools(const std::vector<int>& lines) {
  std::vector<LinePool> pools(lines.size());
  for (std::size_t t = 0; t < lines.size(); ++t) pools[t].lines = lines[t];
  return pools;
}

TrunkWindows trunk_windows(const std::vector<LinePool>& pools,
                           const std::vector<double>& checkpoints_s,
                           const std::vector<std::vector<double>>& integrals,
                           const Horizon& horizon, double warmup_s) {
  auto window = [&](double lo, double hi) {
    std::vector<TrunkStats> out(pools.size());
    for (std::size_t t = 0; t < pools.size(); ++t) out[t].lines = pools[t].lines;
    if (hi <= lo) return out;
    const std::size_t a = checkpoint_at(checkpoints_s, lo), b = checkpoint_at(checkpoints_s, hi);
    for (std::size_t t = 0; t < pools.size(); ++t) {
      out[t].line_s = integrals[b][t] - integrals[a][t];
      out[t].window_s = hi - lo;
    }
    return out;
  };
  if (pools.empty()) return {};
  return by_window(horizon, warmup_s, window);
}

void count_contact(const ContactRecord& r, const Horizon& horizon, double warmup_s,
                   double threshold_s, std::vector<std::vector<ContactStats>>& contact) {
  const auto intervals = std::size_t(horizon.interval_count());
  const auto arrival_interval = std::size_t(horizon.interval_at(r.arrival_s));
  if (r.queued) {
    const double left = r.outcome == Outcome::Answered   ? r.answer_s
                        : r.outcome == Outcome::Unserved ? std::numeric_limits<double>::infinity()
                                                         : r.end_s;
    const std::size_t entry_interval = r.queue_entry_s == r.arrival_s
                                           ? arrival_interval
                                           : std::size_t(horizon.interval_at(r.queue_entry_s));
    for (auto i = entry_interval; i < intervals; ++i) {
      const double boundary = horizon.interval_end_s(int(i));
      if (boundary >= left) break;
      if (boundary > r.queue_entry_s && boundary > warmup_s) {
        contact[i][std::size_t(r.type)].add_backlog(1);
      }
    }
  }
  if (warmup_s > 0.0 && r.arrival_s < warmup_s) return;
  contact[arrival_interval][std::size_t(r.type)].add(r, threshold_s);
}

std::optional<std::pair<int, std::uint32_t>> overtime_contact(const std::vector<int>& skills,
                                                              const std::vector<TypeState>& types,
                                                              const std::vector<Contact>& contacts,
                                                              const std::vector<double>& after_s,
                                                              double now_s) {
  std::optional<std::pair<int, std::uint32_t>> best;
  for (std::size_t i = 0; i < skills.size(); ++i) {
    const int k = skills[i];
    const TypeState& ts = types[std::size_t(k)];
    if (!ts.realtime) continue;
    std::uint32_t slot = ts.queue.head;
    while (slot != kNone && contacts[slot].rec.on_callback()) slot = contacts[slot].next;
    if (slot != kNone && !after_s.empty() &&
        contacts[slot].rec.queue_entry_s + after_s[i] > now_s) {
      continue;
    }
    if (slot != kNone &&
        (!best || contacts[slot].rec.queue_entry_s < contacts[best->second].rec.queue_entry_s)) {
      best = std::make_pair(k, slot);
    }
  }
  return best;
}

}  // namespace ccsim::centre
