#include "models/scenario/trunks_json.h"

#include <algorithm>
#include <map>

namespace ccsim::reading {

namespace {

std::vector<std::string> known_type_names(const std::vector<std::optional<std::string>>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (n) out.push_back(*n);
  }
  return out;
}

// contact_types of trunk `trunk_path`: names of voice types without their own lines and in no
// earlier trunk (`member_of` maps each type to the trunk path that holds it).
void read_trunk_types(Checker& in, const json& v, const std::string& path,
                      const std::string& trunk_path,
                      const std::vector<std::optional<std::string>>& type_names,
                      const std::vector<std::optional<Channel>>& channels, const Scenario& scenario,
                      std::map<int, std::string>& member_of, Trunk& trunk) {
  if (!in.expect_non_empty_array(v, path)) return;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string entry_path = element(path, i);
    const auto name = in.string(v[i], entry_path);
    if (!name) continue;
    const auto it = std::find(type_names.begin(), type_names.end(), *name);
    if (it == type_names.end()) {
      in.error(entry_path, "must be the name of a contact type", v[i],
               hint(*name, known_type_names(type_names)));
      continue;
    }
    const auto k = static_cast<std::size_t>(it - type_names.begin());
    const std::optional<Channel> channel = channels[k];
    if (channel && *channel != Channel::Voice) {
      in.error(entry_path,
               "only voice contacts hold telephone lines (channel is " +
                   std::string(channel_name(*channel)) + ")",
               v[i]);
      continue;
    }
    if (k < scenario.contact_types.size() && scenario.contact_types[k].lines) {
      in.error(entry_path,
               "must not be a type with its own lines (" + element("contact_types", k) +
                   ".lines); a type is in at most one trunk group",
               v[i]);
      continue;
    }
    const auto [first, inserted] = member_of.emplace(int(k), trunk_path);
    if (!inserted) {
      in.error(entry_path,
               "must not be in two trunks (already in " + first->second +
                   "); a type is in at most one trunk group",
               v[i]);
      continue;
    }
    trunk.contact_types.push_back(int(k));
  }
}

}  // namespace

void read_type_lines(Checker& in, const json& v, const std::string& path,
                     std::optional<Channel> channel, ContactType& type) {
  const std::optional<long long> lines = in.integer(v, path, 1);
  if (!lines) return;
  if (channel && *channel != Channel::Voice) {
    in.error(path,
             "only voice contacts hold telephone lines (channel is " +
                 std::string(channel_name(*channel)) + ")",
             v);
    return;
  }
  type.lines = static_cast<int>(*lines);
}

void read_trunks(Checker& in, const json& v, const std::string& path,
                 const std::vector<std::optional<std::string>>& type_names,
                 const std::vector<std::optional<Channel>>& channels, Scenario& scenario) {
  if (!in.expect_array(v, path)) return;
  // Trunk names share one namespace with the types that have their own lines (line_pools).
  std::map<std::string, std::string> first_path;
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (ct.lines) first_path.emplace(ct.name, member(element("contact_types", k), "lines"));
  }
  std::map<int, std::string> member_of;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string trunk_path = element(path, i);
    if (!in.expect_object(v[i], trunk_path)) continue;
    in.check_keys(v[i], trunk_path, "trunk");
    Trunk trunk;
    if (const json* n = find(v[i], "name")) {
      const std::string name_path = member(trunk_path, "name");
      if (auto s = in.string(*n, name_path)) {
        trunk.name = *s;
        in.unique(*s, *n, name_path, first_path);
      }
    } else {
      in.error(member(trunk_path, "name"), "is required");
    }
    if (const json* l = find(v[i], "lines")) {
      if (auto x = in.integer(*l, member(trunk_path, "lines"), 1)) trunk.lines = int(*x);
    } else {
      in.error(member(trunk_path, "lines"), "is required");
    }
    if (const json* t = find(v[i], "contact_types")) {
      read_trunk_types(in, *t, member(trunk_path, "contact_types"), trunk_path, type_names,
                       channels, scenario, member_of, trunk);
    } else {
      in.error(member(trunk_path, "contact_types"), "is required");
    }
    scenario.trunks.push_back(std::move(trunk));
  }
}

}  // namespace ccsim::reading
