#include "models/scenario/callback_slots_json.h"

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

// Why type k cannot join a slot group, or empty when it can.
std::string not_slotted(const Scenario& scenario, std::size_t k) {
  if (k >= scenario.contact_types.size()) return {};  // the type itself is invalid
  const ContactType& ct = scenario.contact_types[k];
  if (!ct.callback || ct.callback->mode != CallbackMode::Scheduled) {
    return "must be a type with a scheduled callback (" + element("contact_types", k) +
           ".callback.mode \"scheduled\")";
  }
  if (ct.callback->slot_capacity) {
    return "must not be a type with its own slot capacity (" + element("contact_types", k) +
           ".callback.slot_capacity); a type is in at most one slot group";
  }
  return {};
}

// contact_types of slot group `group_path` (`member_of` maps each type to the group path that
// holds it).
void read_slot_types(Checker& in, const json& v, const std::string& path,
                     const std::string& group_path,
                     const std::vector<std::optional<std::string>>& type_names,
                     const Scenario& scenario, std::map<int, std::string>& member_of,
                     CallbackSlots& group) {
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
    if (const std::string why = not_slotted(scenario, k); !why.empty()) {
      in.error(entry_path, why, v[i]);
      continue;
    }
    const auto [first, inserted] = member_of.emplace(int(k), group_path);
    if (!inserted) {
      in.error(entry_path,
               "must not be in two slot groups (already in " + first->second +
                   "); a type is in at most one slot group",
               v[i]);
      continue;
    }
    group.contact_types.push_back(int(k));
  }
}

}  // namespace

void read_callback_slots(Checker& in, const json& v, const std::string& path,
                         const std::vector<std::optional<std::string>>& type_names,
                         Scenario& scenario) {
  if (!in.expect_array(v, path)) return;
  // Group names share one namespace with the types that have their own slot capacity.
  std::map<std::string, std::string> first_path;
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (ct.callback && ct.callback->slot_capacity) {
      first_path.emplace(ct.name, element("contact_types", k) + ".callback.slot_capacity");
    }
  }
  std::map<int, std::string> member_of;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string group_path = element(path, i);
    if (!in.expect_object(v[i], group_path)) continue;
    in.check_keys(v[i], group_path, "callback_slots");
    CallbackSlots group;
    if (const json* n = find(v[i], "name")) {
      const std::string name_path = member(group_path, "name");
      if (auto s = in.string(*n, name_path)) {
        group.name = *s;
        in.unique(*s, *n, name_path, first_path);
      }
    } else {
      in.error(member(group_path, "name"), "is required");
    }
    if (const json* c = find(v[i], "capacity")) {
      if (auto x = in.integer(*c, member(group_path, "capacity"), 1)) group.capacity = int(*x);
    } else {
      in.error(member(group_path, "capacity"), "is required");
    }
    if (const json* t = find(v[i], "contact_types")) {
      read_slot_types(in, *t, member(group_path, "contact_types"), group_path, type_names, scenario,
                      member_of, group);
    } else {
      in.error(member(group_path, "contact_types"), "is required");
    }
    scenario.callback_slots.push_back(std::move(group));
  }
}

void check_slots_ahead(Checker& in, const Scenario& scenario) {
  std::vector<bool> shared(scenario.contact_types.size(), false);
  for (const CallbackSlots& g : scenario.callback_slots) {
    for (int k : g.contact_types) shared[std::size_t(k)] = true;
  }
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (!ct.callback || !ct.callback->max_slots_ahead) continue;
    if (ct.callback->slot_capacity || shared[k]) continue;
    in.error(element("contact_types", k) + ".callback.max_slots_ahead",
             "needs a slot capacity (callback.slot_capacity, or the type in a callback_slots "
             "entry)");
  }
}

}  // namespace ccsim::reading
