#include "models/scenario/costs_json.h"

#include <algorithm>

namespace ccsim::reading {

namespace {

// The index of `name` among `names`, or nullopt, after reporting it at `path` unless some name
// is unknown (invalid), in which case the name may be that one.
std::optional<std::size_t> name_index(Checker& in, const std::string& name, const json& key,
                                      const std::string& path,
                                      const std::vector<std::optional<std::string>>& names,
                                      const char* what) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return std::size_t(it - names.begin());
  const bool all_known =
      std::all_of(names.begin(), names.end(), [](const auto& n) { return n.has_value(); });
  if (all_known) {
    std::vector<std::string> known;
    for (const auto& n : names) known.push_back(*n);
    in.error(path, std::string("must be the name of ") + what, key, hint(name, known));
  }
  return std::nullopt;
}

std::optional<double> amount(Checker& in, const json& v, const std::string& path) {
  return in.number(v, path, Range::at_least(0.0));
}

void read_type_costs(Checker& in, const json& v, const std::string& path, TypeCosts& out) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "type_costs");
  const std::pair<const char*, double TypeCosts::*> fields[] = {
      {"abandoned", &TypeCosts::abandoned},
      {"blocked", &TypeCosts::blocked},
      {"balked", &TypeCosts::balked},
      {"per_minute_waited", &TypeCosts::per_minute_waited},
      {"revenue_per_answered", &TypeCosts::revenue_per_answered},
  };
  for (const auto& [key, field] : fields) {
    if (const json* x = find(v, key)) {
      if (auto a = amount(in, *x, member(path, key))) out.*field = *a;
    }
  }
}

}  // namespace

void read_costs(Checker& in, const json& v, const std::string& path,
                const std::vector<std::optional<std::string>>& type_names,
                const std::vector<std::optional<std::string>>& group_names, Scenario& scenario) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "costs");
  Costs costs;
  costs.agent_hour.assign(group_names.size(), 0.0);
  costs.types.assign(type_names.size(), TypeCosts{});
  if (const json* a = find(v, "agent_hour")) {
    const std::string a_path = member(path, "agent_hour");
    if (in.expect_object(*a, a_path)) {
      for (const auto& [name, x] : a->items()) {
        const std::string g_path = member(a_path, name);
        const auto g = name_index(in, name, json(name), g_path, group_names, "an agent group");
        const auto cost = amount(in, x, g_path);
        if (g && cost) costs.agent_hour[*g] = *cost;
      }
    }
  }
  if (const json* t = find(v, "contact_types")) {
    const std::string t_path = member(path, "contact_types");
    if (in.expect_object(*t, t_path)) {
      for (const auto& [name, x] : t->items()) {
        const std::string k_path = member(t_path, name);
        const auto k = name_index(in, name, json(name), k_path, type_names, "a contact type");
        TypeCosts tc;
        read_type_costs(in, x, k_path, tc);
        if (k) costs.types[*k] = tc;
      }
    }
  }
  scenario.costs = std::move(costs);
}

}  // namespace ccsim::reading
