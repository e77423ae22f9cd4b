#include "models/centre/routing.h"

#include <algorithm>

namespace ccsim::centre {

void order_groups(AgentChoice choice, const std::vector<double>& mean_handle_s,
                  std::vector<int>& groups) {
  if (choice != AgentChoice::FastestGroup) return;
  std::stable_sort(groups.begin(), groups.end(), [&](int a, int b) {
    return mean_handle_s[std::size_t(a)] < mean_handle_s[std::size_t(b)];
  });
}

}  // namespace ccsim::centre
