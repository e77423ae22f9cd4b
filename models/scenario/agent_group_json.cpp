#include "models/scenario/agent_group_json.h"

#include <algorithm>
#include <cstddef>

#include "models/scenario/distribution_json.h"
#include "models/scenario/staffing_json.h"

namespace ccsim::reading {

namespace {

// Chats one agent may hold at once: a bound that keeps a valid scenario's memory finite
// (models/README.md "Unstable and absurd scenarios").
constexpr long long kMaxConcurrency = 100;
constexpr long long kMaxSkillLevel = 9;

const AgentChoice kAgentChoices[] = {AgentChoice::LongestIdle, AgentChoice::FastestGroup,
                                     AgentChoice::Random, AgentChoice::LeastOccupied};

// The names of the contact types that have one.
std::vector<std::string> known_names(const std::vector<std::optional<std::string>>& type_names) {
  std::vector<std::string> names;
  for (const auto& n : type_names) {
    if (n) names.push_back(*n);
  }
  return names;
}

// skills: a non-empty list of contact type names, each at most once; an entry is a name or
// {"type": name, "level": 1 to kMaxSkillLevel (Default: 1)}. Returns whether the list
// could be read as an array.
bool read_skills(Checker& in, const json& v, const std::string& path,
                 const std::vector<std::optional<std::string>>& type_names, AgentGroup& group) {
  if (!in.expect_non_empty_array(v, path)) return false;
  const std::vector<std::string> names = known_names(type_names);
  std::map<int, std::string> seen;  // type index → first skills path naming it
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string skill_path = element(path, i);
    const json* type = &v[i];
    std::string type_path = skill_path;
    long long level = 1;
    if (v[i].is_object()) {
      in.check_keys(v[i], skill_path, "skill");
      type = find(v[i], "type");
      type_path = member(skill_path, "type");
      if (!type) {
        in.error(type_path, "is required");
        continue;
      }
      if (const json* l = find(v[i], "level")) {
        const auto x = in.integer(*l, member(skill_path, "level"), 1, kMaxSkillLevel);
        if (!x) continue;
        level = *x;
      }
    }
    const auto name = in.string(*type, type_path);
    if (!name) continue;
    const auto it = std::find(type_names.begin(), type_names.end(), *name);
    if (it == type_names.end()) {
      in.error(type_path, "must be the name of a contact type", *type, hint(*name, names));
      continue;
    }
    const int index = static_cast<int>(it - type_names.begin());
    if (in.unique(index, *type, type_path, seen)) {
      group.skills.push_back(index);
      group.skill_levels.push_back(static_cast<int>(level));
    }
  }
  return true;
}

// concurrency: 1 to kMaxConcurrency, and above 1 only when every skill is a chat type (names
// the first skill of another channel). nullopt when invalid.
std::optional<long long> read_concurrency(Checker& in, const json& v, const std::string& path,
                                          const std::vector<std::optional<std::string>>& type_names,
                                          const std::vector<std::optional<Channel>>& type_channels,
                                          AgentGroup& group) {
  const std::optional<long long> concurrency = in.integer(v, path, 1, kMaxConcurrency);
  if (!concurrency) return concurrency;
  group.concurrency = static_cast<int>(*concurrency);
  if (*concurrency == 1) return concurrency;
  for (int skill : group.skills) {
    const auto index = static_cast<std::size_t>(skill);
    if (type_channels[index] && *type_channels[index] != Channel::Chat) {
      in.error(path, "must be 1 unless every skill is a chat contact type (got " + show(v) + "; " +
                         show(json(*type_names[index])) + " is " +
                         channel_name(*type_channels[index]) + ")");
      break;
    }
  }
  return concurrency;
}

// concurrency_slowdown: one handle-time factor per concurrent chat (when the concurrency is
// known).
void read_slowdown(Checker& in, const json& v, const std::string& path,
                   std::optional<long long> concurrency, AgentGroup& group) {
  if (!in.expect_array(v, path)) return;
  if (concurrency && v.size() != static_cast<std::size_t>(*concurrency)) {
    in.error(path, "must have exactly " + entries(static_cast<std::size_t>(*concurrency)) +
                       ", one per concurrent chat (got " + entries(v.size()) + ")");
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (auto x = in.time_factor(v[i], element(path, i))) group.concurrency_slowdown.push_back(*x);
  }
}

// shrinkage: a share in [0, 1), or a list of one per interval of `horizon`.
void read_shrinkage(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                    AgentGroup& group) {
  if (!v.is_array()) {
    if (auto x = in.number(v, path, Range::half_open(0, 1))) group.shrinkage = *x;
    return;
  }
  std::vector<double> read;
  in.per_interval(
      v, path, horizon,
      [&in](const json& entry, const std::string& entry_path) {
        return in.number(entry, entry_path, Range::half_open(0, 1));
      },
      read);
  if (!v.empty() && read.size() == v.size()) {
    group.shrinkage_by_interval = std::move(read);
    finish_shrinkage(group);
  }
}

// A staffing cap (max_occupancy, max_utilisation): a share in (0, 1].
std::optional<double> read_cap(Checker& in, const json& v, const std::string& path) {
  auto x = in.number(v, path, Range::above(0));
  if (x && !Range::at_most(1).contains(*x)) {
    in.error(path, Range::at_most(1).rule(), v);
    x.reset();
  }
  return x;
}

// shrinkage, max_occupancy, max_utilisation, speed_factor and availability_cv.
void read_availability(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                       AgentGroup& group) {
  if (const json* s = find(v, "shrinkage")) {
    read_shrinkage(in, *s, member(path, "shrinkage"), horizon, group);
  }
  if (const json* m = find(v, "max_occupancy")) {
    group.max_occupancy = read_cap(in, *m, member(path, "max_occupancy"));
  }
  if (const json* m = find(v, "max_utilisation")) {
    group.max_utilisation = read_cap(in, *m, member(path, "max_utilisation"));
  }
  if (const json* s = find(v, "speed_factor")) {
    if (auto x = in.time_factor(*s, member(path, "speed_factor"))) group.speed_factor = *x;
  }
  if (const json* c = find(v, "availability_cv")) {
    const std::string cv_path = member(path, "availability_cv");
    if (auto x = in.number(*c, cv_path, Range::closed(0, kMaxVolumeCv))) group.availability_cv = *x;
  }
}

// {TYPE NAME: distribution, ...}: each name one of the group's skills (checked only when the
// skills could be read). Stored in the order of the group's skills.
void read_handle_times(Checker& in, const json& v, const std::string& path,
                       const std::vector<std::optional<std::string>>& type_names, bool skills_read,
                       AgentGroup& group) {
  if (!in.expect_object(v, path)) return;
  const std::vector<std::string> names = known_names(type_names);
  std::map<int, Distribution> by_type;
  for (const auto& [key, value] : v.items()) {
    const std::string entry_path = member(path, key);
    const auto it = std::find(type_names.begin(), type_names.end(), key);
    std::optional<int> index;
    if (it == type_names.end()) {
      in.error(entry_path, "must be the name of a contact type" + hint(key, names));
    } else if (const int i = static_cast<int>(it - type_names.begin());
               !skills_read ||
               std::find(group.skills.begin(), group.skills.end(), i) != group.skills.end()) {
      index = i;
    } else {
      in.error(entry_path, "must be a skill of this group");
    }
    const auto dist = read_distribution(in, value, entry_path);
    if (index && dist) by_type.emplace(*index, *dist);
  }
  for (int skill : group.skills) {
    if (const auto it = by_type.find(skill); it != by_type.end()) {
      group.handle_times.emplace_back(skill, it->second);
    }
  }
}

}  // namespace

bool read_agent_group(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                      const std::vector<std::optional<std::string>>& type_names,
                      const std::vector<std::optional<Channel>>& type_channels,
                      std::map<std::string, std::string>& first_path, AgentGroup& group) {
  if (!in.expect_object(v, path)) return false;
  in.check_keys(v, path, "agent_group");
  if (const json* n = find(v, "name")) {
    const std::string name_path = member(path, "name");
    if (auto s = in.string(*n, name_path)) {
      group.name = *s;
      in.unique(*s, *n, name_path, first_path);
    }
  } else {
    in.error(member(path, "name"), "is required");
  }
  bool skills_read = false;
  if (const json* s = find(v, "skills")) {
    skills_read = read_skills(in, *s, member(path, "skills"), type_names, group);
  } else {
    in.error(member(path, "skills"), "is required");
  }
  if (const json* s = find(v, "staff")) {
    read_staff(in, *s, member(path, "staff"), horizon, group.staff);
  } else {
    in.error(member(path, "staff"), "is required");
  }
  std::optional<long long> concurrency = group.concurrency;
  if (const json* c = find(v, "concurrency")) {
    concurrency =
        read_concurrency(in, *c, member(path, "concurrency"), type_names, type_channels, group);
  }
  if (const json* s = find(v, "concurrency_slowdown")) {
    read_slowdown(in, *s, member(path, "concurrency_slowdown"), concurrency, group);
  }
  read_availability(in, v, path, horizon, group);
  if (const json* h = find(v, "handle_times")) {
    read_handle_times(in, *h, member(path, "handle_times"), type_names, skills_read, group);
  }
  return skills_read;
}

void read_routing(Checker& in, const json& v, const std::string& path, Routing& routing) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "routing");
  if (const json* c = find(v, "agent_choice")) {
    if (auto choice =
            in.one_of(*c, member(path, "agent_choice"), kAgentChoices, agent_choice_name)) {
      routing.agent_choice = *choice;
    }
  }
}

}  // namespace ccsim::reading
