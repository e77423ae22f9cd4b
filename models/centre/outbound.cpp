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
    const auto at = [&](double x) {
      return std::size_t(std::lower_bound(checkpoints_s.begin(), checkpoints_s.end(), x) -
                         checkpoints_s.begin());
    };
    const std::vector<CampaignSnapshot>&a = snapshots[at(lo)], &b = snapshots[at(hi)];
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
  OutboundWindows w;
  if (n == 0) return w;
  const Horizon& horizon = scenario.horizon;
  const double warmup_s = scenario.simulation.warmup_s;
  for (int i = 0; i < horizon.interval_count(); ++i) {
    w.per_interval.push_back(
        window(std::max(horizon.interval_start_s(i), warmup_s), horizon.interval_end_s(i)));
  }
  w.total = window(warmup_s, horizon.end_s());
  for (int d = 0; d < horizon.days && horizon.days > 1; ++d) {
    const double hi = d + 1 < horizon.days ? horizon.day_open_s(d + 1) : horizon.end_s();
    w.per_day.push_back(window(std::max(horizon.day_open_s(d), warmup_s), hi));
  }
  return w;
}

}  // namespace ccsim::centre
