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

}  // namespace ccsim::centre
