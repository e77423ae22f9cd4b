// Flat hours of the simulation method's staffing (staffer.h): consecutive intervals in which a
// set of linked groups sees the same load get the same agents, but for a carry-over of the queue
// into the first of them from an interval of another load before it.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/planning/staffer.h"

namespace ccsim::staffing {

namespace {

bool same_value(double a, double b) {
  return std::fabs(a - b) <= kEps * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Rounds of flattening and repairing at most: each only raises agents.
constexpr int kFlattenRounds = 4;

int total(const Staff& net, const std::vector<int>& groups, int i) {
  int sum = 0;
  for (int g : groups) sum += net[std::size_t(g)][std::size_t(i)];
  return sum;
}

void copy_interval(Staff& net, const std::vector<int>& groups, int from, int to) {
  for (int g : groups)
    net[std::size_t(g)][std::size_t(to)] = net[std::size_t(g)][std::size_t(from)];
}

}  // namespace

std::vector<std::vector<int>> Staffer::linked_groups() const {
  std::vector<int> parent(static_cast<std::size_t>(groups_));
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&parent](int g) {
    while (parent[std::size_t(g)] != g) g = parent[std::size_t(g)];
    return g;
  };
  std::vector<int> type_owner(std::size_t(types_), -1);
  for (int g = 0; g < groups_; ++g) {
    for (int k : sc_.agent_groups[std::size_t(g)].skills) {
      int& owner = type_owner[std::size_t(k)];
      if (owner < 0) {
        owner = g;
      } else {
        parent[std::size_t(find(g))] = find(owner);
      }
    }
  }
  std::vector<std::vector<int>> out;
  for (int root = 0; root < groups_; ++root) {
    std::vector<int> members;
    for (int g = 0; g < groups_; ++g) {
      if (find(g) == root && searched_[std::size_t(g)]) members.push_back(g);
    }
    if (!members.empty()) out.push_back(std::move(members));
  }
  return out;
}

bool Staffer::same_load(const std::vector<int>& groups, int i, int j) const {
  for (int g : groups) {
    const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
    if (!same_value(group.shrinkage_in(i), group.shrinkage_in(j))) return false;
    for (int k : group.skills) {
      const AnalyticQueue& a = queues_[std::size_t(i)][std::size_t(k)];
      const AnalyticQueue& b = queues_[std::size_t(j)][std::size_t(k)];
      if (!same_value(a.arrivals_per_hour, b.arrivals_per_hour) || !same_value(a.aht_s, b.aht_s) ||
          a.patience_s.has_value() != b.patience_s.has_value() ||
          (a.patience_s && !same_value(*a.patience_s, *b.patience_s))) {
        return false;
      }
    }
  }
  return true;
}

double Staffer::load(const std::vector<int>& groups, int i) const {
  std::vector<bool> counted(std::size_t(types_), false);
  double sum = 0.0;
  for (int g : groups) {
    for (int k : sc_.agent_groups[std::size_t(g)].skills) {
      if (counted[std::size_t(k)]) continue;
      counted[std::size_t(k)] = true;
      sum += queues_[std::size_t(i)][std::size_t(k)].offered_load();
    }
  }
  return sum;
}

bool Staffer::carried_over(const std::vector<int>& groups, int a, int more) const {
  if (a == 0 || more == 0) return false;
  const double before = load(groups, a - 1), here = load(groups, a);
  if (same_value(before, here)) return false;
  return more > 0 ? before > here : before < here;
}

// Each run [a, b] of two or more intervals of the same load of a set of linked groups: a + 1 .. b
// get the staffing of the one of them with the most agents in all (the latest on a tie), their
// level; interval a keeps its own when the interval before has a higher load and a needs more,
// or a lower load and a needs fewer (a carry-over of the queue), else it takes the level, or
// sets it for the whole run when it has more agents.
Staff Staffer::flattened(const Staff& net) const {
  Staff out = net;
  for (const std::vector<int>& groups : linked_groups()) {
    for (int a = 0; a < intervals_;) {
      int b = a;
      while (b + 1 < intervals_ && same_load(groups, a, b + 1)) ++b;
      if (b > a) {
        int top = a + 1;
        for (int j = a + 1; j <= b; ++j) {
          if (total(out, groups, j) >= total(out, groups, top)) top = j;
        }
        const int more = total(out, groups, a) - total(out, groups, top);
        if (more > 0 && !carried_over(groups, a, more)) top = a;
        for (int j = a; j <= b; ++j) {
          if (j != top && !(j == a && carried_over(groups, a, more)))
            copy_interval(out, groups, top, j);
        }
      }
      a = b + 1;
    }
  }
  return out;
}

void Staffer::flatten(Staff& cur, const Evaluation*& ev) {
  for (int round = 0; round < kFlattenRounds; ++round) {
    const Staff next = flattened(cur);
    if (next == cur) return;
    const Evaluation* e = evaluate(next, "flatten");
    if (!e) return;
    cur = next;
    ev = e;
    if (!repair(cur, ev)) return;
  }
}

std::vector<std::vector<bool>> Staffer::carry_over(const Staff& net) const {
  std::vector<std::vector<bool>> out(std::size_t(groups_),
                                     std::vector<bool>(std::size_t(intervals_), false));
  if (opt_.method != Method::Simulation) return out;
  for (const std::vector<int>& groups : linked_groups()) {
    for (int a = 1; a + 1 < intervals_; ++a) {
      // The first interval of a run of the same load, differing from the next.
      if (same_load(groups, a - 1, a) || !same_load(groups, a, a + 1)) continue;
      if (!carried_over(groups, a, total(net, groups, a) - total(net, groups, a + 1))) continue;
      for (int g : groups) out[std::size_t(g)][std::size_t(a)] = true;
    }
  }
  return out;
}

}  // namespace ccsim::staffing
