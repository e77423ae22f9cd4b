// Routing: which agent takes an arriving contact, and which waiting contact a freed agent
// takes.
//
// Rules:
//   - Agent for a contact: the skilled groups are tried in tiers; the first tier with a free
//     slot serves. Under fastest_group a tier is the groups of one mean handle time for the
//     type (the group's own handle time, else the type's, times the group's speed factor),
//     faster tiers first; under every other choice all skilled groups form one tier. Within
//     the tier, only the agents holding the fewest contacts compete (with concurrency 1: the
//     idle ones), and the choice picks among them:
//       longest_idle, fastest_group: the agent longest at that load;
//       random: each one with equal probability (one draw);
//       least_occupied: the least occupancy so far in the interval (busy time / present
//         time since the interval started, 0 before any time has passed), then the one
//         longest at that load.
//     Remaining ties go to the group tried first (groups in the order the scenario gives
//     them, within a tier) and within a group to the agent listed first.
//   - Contact for an agent: among the types the agent is skilled for with someone waiting,
//     the head of queue of highest score, then real-time (voice, chat) before email, then
//     the head that entered first; ties go to the type listed first in the group's skills. A
//     waiting contact's score is its type's priority + priority_per_minute_waited x minutes
//     it has waited (the priority alone when that is 0). Within a type the queue is FIFO, so
//     its head, having waited longest, has the type's highest score.
//
//   - Skill levels (each skill of a group has a level, 1 = primary; levels_after_s on a type):
//     agents of level L may take a contact of the type once it has waited
//     level_delay_s(levels_after_s, L). A contact goes to the eligible groups of its lowest
//     level first (order_levels makes a level a run of tiers), and, when none is free on
//     arrival, is offered again the moment each further level becomes eligible. A freed agent
//     serves the types of its lowest level first, among those whose head of queue has waited
//     long enough for it (FIFO: the head waited longest), then by the rule above. "Waited long
//     enough" is queue entry + delay <= now, the same sum as the moment the level is offered.
//     With every skill at level 1 none of this applies and nothing else changes.
//
// Random numbers: `random` draws once per contact routed to a free agent; no other rule draws.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// Puts the skilled groups of a type in the order agent_for_contact tries them and returns
// each one's tier (tiers[i] for groups[i], non-decreasing from 0).
// REQUIRES: mean_handle_s[g] is the mean handle time of group g for the type, for each g in
// groups.
std::vector<int> order_groups(AgentChoice choice, const std::vector<double>& mean_handle_s,
                              std::vector<int>& groups);

// When agents of skill level `level` (>= 1) may take a contact: after_s[level - 1], the last
// entry for levels beyond the list, 0 when the list is empty (every level at once).
inline double level_delay_s(const std::vector<double>& after_s, int level) {
  if (after_s.empty()) return 0.0;
  return after_s[std::min(std::size_t(level), after_s.size()) - 1];
}

// Stable-sorts groups (with their tiers from order_groups and their levels for the type) by
// level, lowest first, and renumbers the tiers so that no tier spans two levels; the order
// within a level is kept. REQUIRES: the three vectors have one entry per group.
void order_levels(std::vector<int>& groups, std::vector<int>& tiers, std::vector<int>& levels);

namespace detail {

// The lowest load at which an agent of groups[lo, hi) has a free slot, or nullopt.
template <class FreeAgents>
std::optional<std::size_t> lowest_free_load(const std::vector<int>& groups, std::size_t lo,
                                            std::size_t hi, const FreeAgents& view) {
  std::optional<std::size_t> best;
  for (std::size_t i = lo; i < hi; ++i) {
    const std::size_t loads = view.levels(groups[i]);
    for (std::size_t load = 0; load < loads && (!best || load < *best); ++load) {
      if (view.first(groups[i], load)) {
        best = load;
        break;
      }
    }
  }
  return best;
}

// The agent of groups[lo, hi) at `load` that the choice picks (see the rules above).
// REQUIRES: some agent of those groups has a free slot at `load`.
template <class FreeAgents, class Draw>
std::uint32_t pick_agent(const std::vector<int>& groups, std::size_t lo, std::size_t hi,
                         std::size_t load, AgentChoice choice, const FreeAgents& view, Draw& draw) {
  std::optional<std::uint32_t> best;
  if (choice == AgentChoice::Random) {
    std::size_t n = 0;
    for (std::size_t i = lo; i < hi; ++i) n += view.count(groups[i], load);
    std::size_t k = draw(n);
    for (std::size_t i = lo; i < hi; ++i) {
      for (auto a = view.first(groups[i], load); a; a = view.next(*a)) {
        if (k-- == 0) return *a;
      }
    }
  }
  double best_occupancy = 0.0;
  for (std::size_t i = lo; i < hi; ++i) {
    if (choice != AgentChoice::LeastOccupied) {
      const std::optional<std::uint32_t> a = view.first(groups[i], load);
      if (a && (!best || view.since_s(*a) < view.since_s(*best))) best = a;
      continue;
    }
    for (auto a = view.first(groups[i], load); a; a = view.next(*a)) {
      const double occupancy = view.occupancy(*a);
      if (!best || occupancy < best_occupancy ||
          (occupancy == best_occupancy && view.since_s(*a) < view.since_s(*best))) {
        best = a;
        best_occupancy = occupancy;
      }
    }
  }
  return *best;
}

}  // namespace detail

// The agent that takes an arriving contact, or nullopt when no skilled agent has a free slot.
// `groups`, `tiers`: the skilled groups and their tiers from order_groups. `draw(n)`: a
// uniform index in [0, n), called only under random. The view of the free agents:
//   std::size_t levels(int g)         loads at which an agent of g has a free slot (0 ..)
//   std::optional<std::uint32_t> first(int g, std::size_t level)
//                                     the agent of g longest at that load with a free slot
//   std::optional<std::uint32_t> next(std::uint32_t a)
//                                     the free agent after a at its group and load
//   std::size_t count(int g, std::size_t level)   free agents of g at that load
//   double since_s(std::uint32_t a)   when agent a reached its load
//   double occupancy(std::uint32_t a) a's occupancy so far in the interval (least_occupied)
// `end`: only groups[0, end) are eligible (skill levels: the levels the contact has waited for).
template <class FreeAgents, class Draw>
std::optional<std::uint32_t> agent_for_contact(const std::vector<int>& groups,
                                               const std::vector<int>& tiers, AgentChoice choice,
                                               const FreeAgents& view, Draw&& draw,
                                               std::size_t end = SIZE_MAX) {
  end = std::min(end, groups.size());
  if (end == 1 && choice != AgentChoice::Random && choice != AgentChoice::LeastOccupied) {
    // One group under a choice that takes the agent longest at the lowest load: the group's
    // first listed agent at its lowest free load (the rule above, without the tier scan).
    const std::size_t loads = view.levels(groups[0]);
    for (std::size_t load = 0; load < loads; ++load) {
      if (const std::optional<std::uint32_t> a = view.first(groups[0], load)) return a;
    }
    return std::nullopt;
  }
  for (std::size_t lo = 0; lo < end;) {
    std::size_t hi = lo + 1;
    while (hi < end && tiers[hi] == tiers[lo]) ++hi;
    if (const std::optional<std::size_t> load = detail::lowest_free_load(groups, lo, hi, view)) {
      return detail::pick_agent(groups, lo, hi, *load, choice, view, draw);
    }
    lo = hi;
  }
  return std::nullopt;
}

// The score of a contact of priority `priority` that has waited waited_s, its priority growing
// by per_minute every minute; exactly the priority when per_minute is 0.
inline double score(int priority, double per_minute, double waited_s) {
  return per_minute == 0.0 ? double(priority) : double(priority) + per_minute * waited_s / 60.0;
}

// The type whose waiting contact a freed agent takes, or nullopt when none of its skills has
// anyone waiting. `skills`: the agent's group's skills, in the order given. The view of the
// human queues:
//   bool waiting(int k)          someone of type k waits
//   double score(int k)          the score of k's head of queue (larger first)
//   bool realtime(int k)         voice or chat, not email
//   double head_entry_s(int k)   when the head of k's queue entered it (REQUIRES: waiting)
template <class Queues>
inline std::optional<int> contact_for_agent(const std::vector<int>& skills, const Queues& view) {
  if (skills.size() == 1) {  // one skill: nothing to rank
    return view.waiting(skills[0]) ? std::optional<int>(skills[0]) : std::nullopt;
  }
  std::optional<int> best;
  for (int k : skills) {
    if (!view.waiting(k)) continue;
    if (!best) {
      best = k;
      continue;
    }
    const double pk = view.score(k), pb = view.score(*best);
    if (pk != pb) {
      if (pk > pb) best = k;
      continue;
    }
    const bool rk = view.realtime(k), rb = view.realtime(*best);
    if (rk != rb) {
      if (rk) best = k;
      continue;
    }
    if (view.head_entry_s(k) < view.head_entry_s(*best)) best = k;
  }
  return best;
}

// contact_for_agent for an agent whose skills have levels: `levels[i]` and `after_s[i]` (its
// level's delay on that type) for skills[i]. Only types whose head of queue has waited
// after_s[i] compete (view.eligible(k, after_s[i])), those of the lowest level first, then by
// the rule of contact_for_agent; ties go to the skill listed first.
template <class Queues>
inline std::optional<int> contact_for_levelled_agent(const std::vector<int>& skills,
                                                     const std::vector<int>& levels,
                                                     const std::vector<double>& after_s,
                                                     const Queues& view) {
  std::optional<int> lowest;
  std::vector<int> candidates;
  for (std::size_t i = 0; i < skills.size(); ++i) {
    if (!view.waiting(skills[i]) || !view.eligible(skills[i], after_s[i])) continue;
    if (lowest && levels[i] > *lowest) continue;
    if (!lowest || levels[i] < *lowest) candidates.clear();
    lowest = levels[i];
    candidates.push_back(skills[i]);
  }
  return contact_for_agent(candidates, view);
}

}  // namespace ccsim::centre
