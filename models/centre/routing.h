// Routing: which agent takes an arriving contact, and which waiting contact a freed agent
// takes.
//
// Rules:
//   - Agent for a contact: among the skilled groups, the agent holding the fewest contacts,
//     then the one longest at that load (with concurrency 1: the longest-idle agent); ties go
//     to the group tried first. Under longest_idle the groups are tried in the order the
//     scenario gives them and every skilled group competes; under fastest_group they are
//     tried in order of mean handle time for the type (the group's own handle time, else the
//     type's, times the group's speed factor; ties keep the order given) and the first group
//     with a free slot serves.
//   - Contact for an agent: among the types the agent is skilled for with someone waiting,
//     the highest priority, then real-time (voice, chat) before email, then the head of queue
//     that entered first; ties go to the type listed first in the group's skills.
//
// Random numbers: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// Puts the skilled groups of a type in the order agent_for_contact tries them.
// REQUIRES: mean_handle_s[g] is the mean handle time of group g for the type, for each g in
// groups.
void order_groups(AgentChoice choice, const std::vector<double>& mean_handle_s,
                  std::vector<int>& groups);

// The agent that takes an arriving contact, or nullopt when no skilled agent has a free slot.
// `groups`: the skilled groups in the order of order_groups. The view of the free agents:
//   std::size_t levels(int g)         loads at which an agent of g has a free slot (0 ..)
//   std::optional<std::uint32_t> first(int g, std::size_t level)
//                                     the agent of g longest at that load with a free slot
//   double since_s(std::uint32_t a)   when agent a reached its load
template <class FreeAgents>
inline std::optional<std::uint32_t> agent_for_contact(const std::vector<int>& groups,
                                                      AgentChoice choice, const FreeAgents& view) {
  const bool fastest_first = choice == AgentChoice::FastestGroup;
  std::optional<std::uint32_t> best;
  std::size_t best_level = 0;
  for (int g : groups) {
    const std::size_t levels = view.levels(g);
    for (std::size_t level = 0; level < levels; ++level) {
      if (best && level > best_level) break;
      const std::optional<std::uint32_t> a = view.first(g, level);
      if (!a) continue;
      if (!best || level < best_level || view.since_s(*a) < view.since_s(*best)) {
        best = a;
        best_level = level;
      }
      break;
    }
    if (fastest_first && best) break;
  }
  return best;
}

// The type whose waiting contact a freed agent takes, or nullopt when none of its skills has
// anyone waiting. `skills`: the agent's group's skills, in the order given. The view of the
// human queues:
//   bool waiting(int k)          someone of type k waits
//   int priority(int k)          the type's priority (larger first)
//   bool realtime(int k)         voice or chat, not email
//   double head_entry_s(int k)   when the head of k's queue entered it (REQUIRES: waiting)
template <class Queues>
inline std::optional<int> contact_for_agent(const std::vector<int>& skills, const Queues& view) {
  std::optional<int> best;
  for (int k : skills) {
    if (!view.waiting(k)) continue;
    if (!best) {
      best = k;
      continue;
    }
    const int pk = view.priority(k), pb = view.priority(*best);
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

}  // namespace ccsim::centre
