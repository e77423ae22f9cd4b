#include <algorithm>
#include <string>

#include "models/planning/transient_group.h"
#include "models/planning/transient_model.h"

namespace ccsim {

using namespace transient_detail;

namespace {

constexpr double kEps = 1e-9;

bool has_targets(const Scenario& sc, int g) {
  const AgentGroup& group = sc.agent_groups[std::size_t(g)];
  if (group.max_occupancy || group.max_utilisation) return true;
  for (int k : group.skills) {
    const ContactType& ct = sc.contact_types[std::size_t(k)];
    if (ct.has_service_level_target || ct.max_abandon_rate || ct.max_asa_s) return true;
  }
  return false;
}

// Whether interval i of `sink` meets the targets of group g's contact types and of the group:
// the service level, abandonment and ASA of the interval's arrivals, and its occupancy. An
// interval without contacts meets them.
bool meets_targets(const Scenario& sc, int g, int i, const Sink& sink) {
  for (int k : sc.agent_groups[std::size_t(g)].skills) {
    const ContactType& ct = sc.contact_types[std::size_t(k)];
    const Cell& c = sink.cells[std::size_t(i)][std::size_t(k)];
    const double ended = c.answered + c.abandoned;
    if (ended <= 0) continue;
    if (ct.has_service_level_target && c.within / ended < ct.service_level.target - kEps) {
      return false;
    }
    if (ct.max_abandon_rate && c.abandoned / ended > *ct.max_abandon_rate + kEps) return false;
    if (ct.max_asa_s && c.answered > 0 && c.wait_s / c.answered > *ct.max_asa_s + kEps) {
      return false;
    }
  }
  // One contact per agent in the model: utilisation is occupancy; the tighter cap holds.
  const AgentGroup& group = sc.agent_groups[std::size_t(g)];
  const GroupCell& gc = sink.group_cells[std::size_t(i)][std::size_t(g)];
  const double cap =
      std::min(group.max_occupancy.value_or(1.0), group.max_utilisation.value_or(1.0));
  return gc.agent_s <= 0 || gc.busy_agent_s / gc.agent_s <= cap + kEps;
}

// Fewest agents that meet interval i's targets, the chain having reached the interval's start,
// searched from `guess`; nullopt when none up to `most` does.
std::optional<int> fewest_agents(const Scenario& sc, int g, int i, const GroupChain& chain,
                                 int guess, int most) {
  const Horizon& h = sc.horizon;
  const double start = h.interval_start_s(i), end = std::min(h.end_s(), start + h.interval_s);
  auto met = [&](int n) {
    GroupChain trial = chain;
    Sink scratch(sc);
    trial.set_agents_from(start, n);
    trial.advance_to(end, scratch);
    return meets_targets(sc, g, i, scratch);
  };
  // Gallop away from the guess (steps 1, 2, 4, ...) to a bracket [bad, good], then bisect: the
  // targets are met from some number of agents on (more agents, shorter waits).
  int good = std::clamp(guess, 0, most), bad = -1, step = 1;
  if (met(good)) {
    while (good > 0) {
      const int n = std::max(0, good - step);
      if (!met(n)) {
        bad = n;
        break;
      }
      good = n;
      step *= 2;
    }
    if (bad < 0) return good;  // 0 agents meet them
  } else {
    bad = good;
    for (;;) {
      if (bad == most) return std::nullopt;
      const int n = std::min(most, bad + step);
      if (met(n)) {
        good = n;
        break;
      }
      bad = n;
      step *= 2;
    }
  }
  while (good - bad > 1) {
    const int mid = bad + (good - bad) / 2;
    if (met(mid)) {
      good = mid;
    } else {
      bad = mid;
    }
  }
  return good;
}

}  // namespace

std::optional<std::vector<std::vector<int>>> transient_staffing(
    const Scenario& sc, const std::vector<std::vector<int>>& guess,
    std::vector<std::string>& errors) {
  const Horizon& h = sc.horizon;
  std::vector<std::vector<int>> net = guess;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    if (sc.agent_groups[g].skills.empty() || !has_targets(sc, int(g))) continue;
    GroupChain chain(sc, int(g), false, {{0.0, guess[g][0]}}, true);
    Sink sink(sc);
    for (int i = 0; i < h.interval_count(); ++i) {
      chain.advance_to(h.interval_start_s(i), sink);
      const int most = std::max(4 * guess[g][std::size_t(i)], guess[g][std::size_t(i)] + 200);
      const std::optional<int> n =
          fewest_agents(sc, int(g), i, chain, guess[g][std::size_t(i)], most);
      if (!n) {
        errors.push_back("agent_groups[" + std::to_string(g) + "]: in interval " +
                         std::to_string(i) + " no number of agents up to " + std::to_string(most) +
                         " meets its targets (transient model)");
        break;
      }
      net[g][std::size_t(i)] = *n;
      chain.set_agents_from(h.interval_start_s(i), *n);
    }
  }
  if (!errors.empty()) return std::nullopt;
  return net;
}

}  // namespace ccsim
