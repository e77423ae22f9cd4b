#include "models/centre/routing.h"

#include <algorithm>

namespace ccsim::centre {

std::vector<int> order_groups(AgentChoice choice, const std::vector<double>& mean_handle_s,
                              std::vector<int>& groups) {
  std::vector<int> tiers(groups.size(), 0);
  if (choice != AgentChoice::FastestGroup) return tiers;
  std::stable_sort(groups.begin(), groups.end(), [&](int a, int b) {
    return mean_handle_s[std::size_t(a)] < mean_handle_s[std::size_t(b)];
  });
  for (std::size_t i = 1; i < groups.size(); ++i) {
    const bool same =
        mean_handle_s[std::size_t(groups[i])] == mean_handle_s[std::size_t(groups[i - 1])];
    tiers[i] = tiers[i - 1] + (same ? 0 : 1);
  }
  return tiers;
}

void order_levels(std::vector<int>& groups, std::vector<int>& tiers, std::vector<int>& levels) {
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return levels[a] < levels[b]; });
  std::vector<int> g(order.size()), t(order.size()), l(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    g[i] = groups[order[i]];
    l[i] = levels[order[i]];
    const bool same = i > 0 && l[i] == l[i - 1] && tiers[order[i]] == tiers[order[i - 1]];
    t[i] = i == 0 ? 0 : t[i - 1] + (same ? 0 : 1);
  }
  groups = std::move(g);
  tiers = std::move(t);
  levels = std::move(l);
}

}  // namespace ccsim::centre
