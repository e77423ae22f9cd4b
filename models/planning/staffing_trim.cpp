#include <algorithm>
#include <numeric>
#include <utility>

#include "models/planning/staffer.h"

namespace ccsim::staffing {

namespace {

struct Removal {
  int group, interval;
};

// Groups linked by shared contact types (independent sub-centres), each component named by
// one of its groups.
struct Components {
  std::vector<int> of_group;  // [group]
  std::vector<int> of_type;   // [type]; -1 when no group is skilled for it
};

Components linked_components(const Scenario& sc) {
  const int groups = int(sc.agent_groups.size());
  std::vector<int> component(static_cast<std::size_t>(groups));
  std::iota(component.begin(), component.end(), 0);
  auto find = [&](int g) {
    while (component[std::size_t(g)] != g) g = component[std::size_t(g)];
    return g;
  };
  std::vector<int> type_component(sc.contact_types.size(), -1);
  for (int g = 0; g < groups; ++g) {
    for (int k : sc.agent_groups[std::size_t(g)].skills) {
      int& c = type_component[std::size_t(k)];
      if (c < 0) {
        c = g;
      } else {
        component[std::size_t(find(g))] = find(c);
      }
    }
  }
  for (int g = 0; g < groups; ++g) component[std::size_t(g)] = find(g);
  for (int& c : type_component) {
    if (c >= 0) c = component[std::size_t(c)];
  }
  return {std::move(component), std::move(type_component)};
}

// The state of the trim across its rounds: the (group, interval) pairs found necessary, where
// no agent is removed any more.
class Trimming {
 public:
  Trimming(const Scenario& sc, const std::vector<std::vector<std::vector<double>>>& weights,
           int intervals)
      : sc_(sc),
        weights_(weights),
        groups_(int(sc.agent_groups.size())),
        intervals_(intervals),
        components_(linked_components(sc)),
        necessary_(std::size_t(groups_), std::vector<bool>(std::size_t(intervals_), false)) {}

  // A round's removals, one per component and interval: the least occupied group (in `r`) of
  // the component with an agent there not yet found necessary. A removal that would break an
  // occupancy cap on the measured busy time is not tried: it is necessary.
  std::vector<Removal> propose(const Staff& cur, const Results& r) {
    std::vector<Removal> proposal;
    for (int c = 0; c < groups_; ++c) {
      for (int i = 0; i < intervals_; ++i) {
        int best = -1;
        double best_occ = 0.0;
        for (int g = 0; g < groups_; ++g) {
          const int n = cur[std::size_t(g)][std::size_t(i)];
          if (components_.of_group[std::size_t(g)] != c || n == 0 ||
              necessary_[std::size_t(g)][std::size_t(i)]) {
            continue;
          }
          if (measured_floor(sc_, g, i, r, 0) > n - 1) {
            necessary_[std::size_t(g)][std::size_t(i)] = true;
            continue;
          }
          const KpiEstimate& occ =
              r.group_intervals[std::size_t(i)][std::size_t(g)][GroupKpi::Occupancy];
          const double o = occ ? occ->mean : -1.0;
          if (best < 0 || o < best_occ) {
            best = g;
            best_occ = o;
          }
        }
        if (best >= 0) proposal.push_back({best, i});
      }
    }
    return proposal;
  }

  // Answers the misses (measured in `r`) of a trial of `proposal` with `additions`: each miss
  // names one removal of its component: in its interval, else the interval before (backlog),
  // else the one after (its late arrivals wait into it); that removal is put back and marked
  // necessary. A miss none of them explains is a knock-on effect from further away: it is
  // mended in its own interval, by one more agent (added to `additions`) in the busiest group
  // of its component that serves it. Returns the removals to try again: none when the round
  // gained nothing.
  std::vector<Removal> answer(const std::vector<Removal>& proposal,
                              const std::vector<TargetMiss>& misses, const Results& r,
                              std::vector<Removal>& additions) {
    std::vector<bool> culprit(proposal.size(), false);
    bool mended = false;
    for (const TargetMiss& m : misses) {
      if (const int pick = culprit_of(m, proposal); pick >= 0) {
        culprit[std::size_t(pick)] = true;
      } else if (mend(m, r, additions)) {
        mended = true;
      }
    }
    std::vector<Removal> kept;
    for (std::size_t p = 0; p < proposal.size(); ++p) {
      if (culprit[p]) {
        necessary_[std::size_t(proposal[p].group)][std::size_t(proposal[p].interval)] = true;
      } else {
        kept.push_back(proposal[p]);
      }
    }
    if (kept.size() == proposal.size() && !mended) {  // no progress: give the round up
      for (const Removal& rm : proposal) {
        necessary_[std::size_t(rm.group)][std::size_t(rm.interval)] = true;
      }
      kept.clear();
    }
    return kept;
  }

 private:
  // The removal of `proposal` that miss `m` names, or -1.
  int culprit_of(const TargetMiss& m, const std::vector<Removal>& proposal) const {
    const int c = m.kind == TargetMiss::Kind::Occupancy ? components_.of_group[std::size_t(m.index)]
                                                        : components_.of_type[std::size_t(m.index)];
    int pick = -1;
    for (int offset : {0, -1, 1}) {
      for (std::size_t p = 0; p < proposal.size() && pick < 0; ++p) {
        const Removal& rm = proposal[p];
        if (components_.of_group[std::size_t(rm.group)] == c &&
            rm.interval == m.interval + offset) {
          pick = int(p);
        }
      }
    }
    return pick;
  }

  // Adds the agent that mends miss `m` to `additions`, unless it is there already; true when
  // added.
  bool mend(const TargetMiss& m, const Results& r, std::vector<Removal>& additions) {
    const bool occupancy = m.kind == TargetMiss::Kind::Occupancy;
    int group = occupancy ? m.index : -1;
    double busiest = -1.0;
    for (int g = 0; g < groups_ && !occupancy; ++g) {
      if (weights_[std::size_t(m.interval)][std::size_t(m.index)][std::size_t(g)] <= 0.0) {
        continue;
      }
      const KpiEstimate& occ =
          r.group_intervals[std::size_t(m.interval)][std::size_t(g)][GroupKpi::Occupancy];
      const double o = occ ? occ->mean : 0.0;
      if (group < 0 || o > busiest) {
        group = g;
        busiest = o;
      }
    }
    if (group < 0 || std::any_of(additions.begin(), additions.end(), [&](const Removal& a) {
          return a.group == group && a.interval == m.interval;
        })) {
      return false;
    }
    additions.push_back({group, m.interval});
    necessary_[std::size_t(group)][std::size_t(m.interval)] = true;
    return true;
  }

  const Scenario& sc_;
  const std::vector<std::vector<std::vector<double>>>& weights_;  // [i][k][g]
  const int groups_, intervals_;
  const Components components_;
  std::vector<std::vector<bool>> necessary_;  // [group][interval]
};

}  // namespace

void Staffer::trim(Staff& cur, const Evaluation*& ev) {
  Trimming trimming(sc_, weights_, intervals_);
  for (;;) {
    std::vector<Removal> proposal = trimming.propose(cur, ev->results);
    if (proposal.empty()) return;
    std::vector<Removal> additions;
    for (;;) {
      Staff next = cur;
      for (const Removal& r : proposal) --next[std::size_t(r.group)][std::size_t(r.interval)];
      for (const Removal& a : additions) ++next[std::size_t(a.group)][std::size_t(a.interval)];
      const Evaluation* e = evaluate(next, "trim");
      if (!e) return;
      if (e->misses.empty()) {
        cur = next;
        ev = e;
        break;
      }
      proposal = trimming.answer(proposal, e->misses, e->results, additions);
      if (proposal.empty()) break;  // back to the round's start: nothing gained
    }
  }
}

}  // namespace ccsim::staffing
