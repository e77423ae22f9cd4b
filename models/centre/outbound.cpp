#include "models/centre/outbound.h"

#include <algorithm>

namespace ccsim::centre {

std::vector<CampaignState> make_campaign_states(const Scenario& scenario) {
  std::vector<CampaignState> out(scenario.outbound.size());
  for (std::size_t c = 0; c < out.size(); ++c) {
    const OutboundCampaign& oc = scenario.outbound[c];
    CampaignState& cs = out[c];
    cs.name_id = sim::stream_hash(oc.name);
    cs.groups = oc.groups;
    for (int g : oc.groups) {
      for (int k : scenario.agent_groups[std::size_t(g)].skills) cs.types.push_back(k);
    }
    std::sort(cs.types.begin(), cs.types.end());
    cs.types.erase(std::unique(cs.types.begin(), cs.types.end()), cs.types.end());
    cs.left = oc.list_size.value_or(0);
  }
  return out;
}

std::vector<CampaignSnapshot> campaign_snapshots(const std::vector<CampaignState>& campaigns,
                                                 double now_s) {
  std::vector<CampaignSnapshot> out(campaigns.size());
  for (std::size_t c = 0; c < campaigns.size(); ++c) {
    const CampaignState& cs = campaigns[c];
    out[c] = {double(cs.attempts),     double(cs.connects), cs.talk_s,
              cs.busy.integral(now_s), double(cs.lost),     double(cs.left)};
  }
  return out;
}

OutboundWindows outbound_windows(const Scenario& scenario, const std::vector<double>& checkpoints_s,
                                 const std::vector<std::vector<CampaignSnapshot>>& snapshots) {
  const std::size_t n = scenario.outbound.size();
  auto window = [&](double lo, double hi) {
    std::vector<OutboundStats> out(n);
    if (hi <= lo) return out;
    const std::vector<CampaignSnapshot>&a = snapshots[checkpoint_at(checkpoints_s, lo)],
          &b = snapshots[checkpoint_at(checkpoints_s, hi)];
    for (std::size_t c = 0; c < n; ++c) {
      out[c].attempts = b[c].attempts - a[c].attempts;
      out[c].connects = b[c].connects - a[c].connects;
      out[c].talk_s = b[c].talk_s - a[c].talk_s;
      out[c].agent_s = b[c].agent_s - a[c].agent_s;
      out[c].calls_left = scenario.outbound[c].list_size ? b[c].left : b[c].lost - a[c].lost;
      out[c].window_s = hi - lo;
    }
    return out;
  };
  if (n == 0) return {};
  return by_window(scenario.horizon, scenario.simulation.warmup_s, window);
}

}  // namespace ccsim::centre
