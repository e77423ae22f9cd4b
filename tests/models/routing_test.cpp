#include "models/centre/routing.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "models/centre/state.h"

namespace {

using namespace ccsim;
using namespace ccsim::centre;

// Free agents by hand: lists[g][load] holds (agent, since) in list order; occupancy by agent.
struct HandFreeAgents {
  std::map<int, std::vector<std::vector<std::pair<std::uint32_t, double>>>> lists;
  std::map<std::uint32_t, double> occupancies;
  std::size_t levels(int g) const { return lists.at(g).size(); }
  std::optional<std::uint32_t> first(int g, std::size_t load) const {
    const auto& l = lists.at(g)[load];
    return l.empty() ? std::nullopt : std::optional<std::uint32_t>(l.front().first);
  }
  std::optional<std::uint32_t> next(std::uint32_t a) const {
    for (const auto& [g, loads] : lists) {
      for (const auto& l : loads) {
        for (std::size_t i = 0; i < l.size(); ++i) {
          if (l[i].first == a) {
            return i + 1 < l.size() ? std::optional<std::uint32_t>(l[i + 1].first) : std::nullopt;
          }
        }
      }
    }
    ADD_FAILURE() << "no agent " << a;
    return std::nullopt;
  }
  std::size_t count(int g, std::size_t load) const { return lists.at(g)[load].size(); }
  double since_s(std::uint32_t a) const {
    for (const auto& [g, loads] : lists) {
      for (const auto& l : loads) {
        for (const auto& [id, since] : l) {
          if (id == a) return since;
        }
      }
    }
    ADD_FAILURE() << "no agent " << a;
    return 0.0;
  }
  double occupancy(std::uint32_t a) const { return occupancies.count(a) ? occupancies.at(a) : 0.0; }
};

// A draw that must not happen.
std::size_t no_draw(std::size_t) {
  ADD_FAILURE() << "a rule without random numbers drew one";
  return 0;
}

// Groups in one tier (every choice but fastest_group).
std::vector<int> one_tier(std::size_t n) {
  return std::vector<int>(n, 0);
}

TEST(Routing, ArrivingContactGoesToTheLongestIdleSkilledAgent) {
  HandFreeAgents v;
  v.lists[0] = {{{10, 50.0}, {11, 60.0}}};
  v.lists[1] = {{{20, 30.0}}};
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::LongestIdle, v, no_draw), 20u);
}

TEST(Routing, AgentHoldingFewerContactsBeatsOneLongerAtAHigherLoad) {
  HandFreeAgents v;
  v.lists[0] = {{}, {{10, 0.0}}};   // one chat in hand since 0
  v.lists[1] = {{{20, 90.0}}, {}};  // idle since 90
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::LongestIdle, v, no_draw), 20u);
}

TEST(Routing, EqualIdleTimesGoToTheGroupTriedFirst) {
  HandFreeAgents v;
  v.lists[0] = {{{10, 5.0}}};
  v.lists[1] = {{{20, 5.0}}};
  EXPECT_EQ(agent_for_contact({1, 0}, one_tier(2), AgentChoice::LongestIdle, v, no_draw), 20u);
}

TEST(Routing, UnderFastestGroupTheFirstGroupWithAFreeSlotServes) {
  HandFreeAgents v;
  v.lists[0] = {{}};
  v.lists[1] = {{{20, 90.0}}};
  v.lists[2] = {{{30, 0.0}}};
  EXPECT_EQ(agent_for_contact({0, 1, 2}, {0, 1, 2}, AgentChoice::FastestGroup, v, no_draw), 20u);
  EXPECT_EQ(agent_for_contact({0, 1, 2}, one_tier(3), AgentChoice::LongestIdle, v, no_draw), 30u);
}

TEST(Routing, OneGroupGivesItsLongestIdleAgentAtTheLowestFreeLoad) {
  HandFreeAgents v;
  v.lists[4] = {{}, {{41, 0.0}, {42, 5.0}}, {{43, 1.0}}};  // nobody idle; two hold one chat
  EXPECT_EQ(agent_for_contact({4}, one_tier(1), AgentChoice::LongestIdle, v, no_draw), 41u);
  EXPECT_EQ(agent_for_contact({4}, one_tier(1), AgentChoice::FastestGroup, v, no_draw), 41u);
  v.lists[4] = {{}, {}, {}};
  EXPECT_EQ(agent_for_contact({4}, one_tier(1), AgentChoice::LongestIdle, v, no_draw),
            std::nullopt);
  // A contact not yet eligible for its only group (skill levels: end 0) gets nobody.
  v.lists[4] = {{{40, 0.0}}};
  EXPECT_EQ(agent_for_contact({4}, one_tier(1), AgentChoice::LongestIdle, v, no_draw, 0),
            std::nullopt);
}

TEST(Routing, ContactWaitsWhenNoSkilledAgentHasAFreeSlot) {
  HandFreeAgents v;
  v.lists[0] = {{}, {}};
  v.lists[1] = {{{20, 0.0}}};
  EXPECT_EQ(agent_for_contact({0}, one_tier(1), AgentChoice::LongestIdle, v, no_draw),
            std::nullopt);
  EXPECT_EQ(agent_for_contact({}, one_tier(0), AgentChoice::LongestIdle, v, no_draw), std::nullopt);
}

TEST(Routing, FastestGroupTriesGroupsInOrderOfMeanHandleTimeKeepingTiesInOrder) {
  const std::vector<double> mean = {300.0, 200.0, 300.0, 100.0};
  std::vector<int> groups = {0, 1, 2, 3};
  EXPECT_EQ(order_groups(AgentChoice::FastestGroup, mean, groups), (std::vector<int>{0, 1, 2, 2}));
  EXPECT_EQ(groups, (std::vector<int>{3, 1, 0, 2}));
  groups = {2, 0};
  order_groups(AgentChoice::FastestGroup, mean, groups);
  EXPECT_EQ(groups, (std::vector<int>{2, 0}));
  groups = {0, 1, 2, 3};
  EXPECT_EQ(order_groups(AgentChoice::LongestIdle, mean, groups), one_tier(4));
  EXPECT_EQ(groups, (std::vector<int>{0, 1, 2, 3}));
}

TEST(Routing, FastestGroupPoolsGroupsOfEqualSpeedByLongestIdle) {
  HandFreeAgents v;
  v.lists[0] = {{{10, 50.0}}};
  v.lists[1] = {{{20, 30.0}}};
  v.lists[2] = {{{30, 0.0}}};
  EXPECT_EQ(agent_for_contact({0, 1, 2}, {0, 0, 1}, AgentChoice::FastestGroup, v, no_draw), 20u);
  v.lists[0] = {{}};
  v.lists[1] = {{}};
  EXPECT_EQ(agent_for_contact({0, 1, 2}, {0, 0, 1}, AgentChoice::FastestGroup, v, no_draw), 30u);
}

TEST(Routing, RandomDrawsAmongTheAgentsAtTheLowestLoadInGroupOrder) {
  HandFreeAgents v;
  v.lists[0] = {{{10, 50.0}, {11, 60.0}}, {{12, 0.0}}};
  v.lists[1] = {{{20, 30.0}}, {}};
  std::size_t drawn_from = 0, index = 0;
  auto draw = [&](std::size_t n) {
    drawn_from = n;
    return index;
  };
  for (const auto& [i, agent] :
       std::vector<std::pair<std::size_t, std::uint32_t>>{{0, 10u}, {1, 11u}, {2, 20u}}) {
    index = i;
    EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::Random, v, draw), agent);
    EXPECT_EQ(drawn_from, 3u);  // agent 12 holds a contact: not drawn from
  }
  v.lists[0] = {{}, {{12, 0.0}}};
  index = 0;
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::Random, v, draw), 20u);
  EXPECT_EQ(drawn_from, 1u);
}

TEST(Routing, LeastOccupiedTakesTheLeastOccupancyThenTheLongestIdle) {
  HandFreeAgents v;
  v.lists[0] = {{{10, 0.0}, {11, 40.0}}, {{12, 0.0}}};
  v.lists[1] = {{{20, 30.0}}, {}};
  v.occupancies = {{10, 0.5}, {11, 0.2}, {20, 0.2}, {12, 0.0}};
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::LeastOccupied, v, no_draw), 20u);
  v.occupancies[11] = 0.1;
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::LeastOccupied, v, no_draw), 11u);
  v.occupancies = {};  // all equal: longest idle, then the group tried first
  EXPECT_EQ(agent_for_contact({0, 1}, one_tier(2), AgentChoice::LeastOccupied, v, no_draw), 10u);
}

TEST(Routing, OccupancyIsBusyOverPresentTimeSinceTheEpochOrArrival) {
  Agent a;
  a.present_since_s = 100.0;  // came after the epoch at 0
  a.busy_ended_s = 30.0;      // busy 100..130
  a.active = 1;
  a.busy_since_s = 150.0;  // busy again since 150
  EXPECT_DOUBLE_EQ(busy_s(a, 200.0), 80.0);
  EXPECT_DOUBLE_EQ(occupancy(a, 0.0, 200.0), 0.8);
  a.busy_at_epoch_s = busy_s(a, 160.0);  // a new epoch at 160
  EXPECT_DOUBLE_EQ(occupancy(a, 160.0, 200.0), 1.0);
  EXPECT_DOUBLE_EQ(occupancy(a, 160.0, 160.0), 0.0);  // no time has passed
  a.active = 0;
  a.busy_ended_s = 80.0;  // idle since 200
  EXPECT_DOUBLE_EQ(occupancy(a, 160.0, 240.0), 0.5);
}

// Queues by hand: the head's entry time of each type with someone waiting.
struct HandQueues {
  std::map<int, double> head_entry;
  std::map<int, int> priorities;
  std::map<int, bool> email;
  bool waiting(int k) const { return head_entry.count(k) != 0; }
  std::map<int, double> per_minute;  // priority growth per minute waited
  double now_s = 0.0;
  double score(int k) const {
    return centre::score(priorities.count(k) ? priorities.at(k) : 0,
                         per_minute.count(k) ? per_minute.at(k) : 0.0, now_s - head_entry.at(k));
  }
  bool realtime(int k) const { return !(email.count(k) && email.at(k)); }
  double head_entry_s(int k) const { return head_entry.at(k); }
  bool eligible(int k, double after_s) const { return head_entry.at(k) + after_s <= now_s; }
};

TEST(Routing, FreedAgentTakesTheHighestPriorityWaitingContact) {
  HandQueues q;
  q.head_entry = {{0, 10.0}, {1, 50.0}};
  q.priorities = {{1, 2}};
  EXPECT_EQ(contact_for_agent({0, 1}, q), 1);
}

TEST(Routing, FreedAgentTakesRealTimeWorkBeforeEmailOfEqualPriority) {
  HandQueues q;
  q.head_entry = {{0, 10.0}, {1, 50.0}};
  q.email = {{0, true}};
  EXPECT_EQ(contact_for_agent({0, 1}, q), 1);
}

TEST(Routing, FreedAgentTakesTheContactThatEnteredFirstAmongEquals) {
  HandQueues q;
  q.head_entry = {{0, 10.0}, {1, 5.0}, {2, 5.0}};
  EXPECT_EQ(contact_for_agent({0, 1, 2}, q), 1);
  EXPECT_EQ(contact_for_agent({2, 1, 0}, q), 2);
}

TEST(Routing, FreedAgentWithOneSkillTakesItsQueueWheneverSomeoneWaits) {
  HandQueues q;
  q.head_entry = {{2, 7.0}};
  q.priorities = {{2, -5}};
  EXPECT_EQ(contact_for_agent({2}, q), 2);
  EXPECT_EQ(contact_for_agent({1}, q), std::nullopt);
}

TEST(Routing, FreedAgentTakesNothingWhenNoneOfItsSkillsHasAnyoneWaiting) {
  HandQueues q;
  q.head_entry = {{3, 1.0}};
  EXPECT_EQ(contact_for_agent({0, 1}, q), std::nullopt);
}

TEST(Routing, ScoreIsPriorityPlusGrowthTimesMinutesWaited) {
  EXPECT_EQ(score(3, 0.0, 1e9), 3.0);
  EXPECT_DOUBLE_EQ(score(1, 2.0, 90.0), 4.0);
  EXPECT_DOUBLE_EQ(score(-2, 0.5, 240.0), 0.0);
}

TEST(Routing, LowerPriorityContactOvertakesOnceItHasWaitedLongEnough) {
  HandQueues q;
  q.head_entry = {{0, 0.0}, {1, 100.0}};
  q.priorities = {{1, 2}};
  q.per_minute = {{0, 1.0}, {1, 1.0}};
  q.now_s = 200.0;  // scores 3.33 and 3.67
  EXPECT_EQ(contact_for_agent({0, 1}, q), 1);
  q.per_minute = {{0, 3.0}, {1, 3.0}};  // scores 10 and 7
  EXPECT_EQ(contact_for_agent({0, 1}, q), 0);
  q.per_minute = {};  // strict priority
  EXPECT_EQ(contact_for_agent({0, 1}, q), 1);
}

TEST(Routing, LevelDelayIsTheLevelsEntryOrTheLastOrZero) {
  EXPECT_EQ(level_delay_s({}, 3), 0.0);
  EXPECT_EQ(level_delay_s({0, 30}, 1), 0.0);
  EXPECT_EQ(level_delay_s({0, 30}, 2), 30.0);
  EXPECT_EQ(level_delay_s({0, 30}, 5), 30.0);
}

TEST(Routing, OrderLevelsPutsLowerLevelsFirstAndSplitsTiersByLevel) {
  std::vector<int> groups = {4, 5, 6, 7}, tiers = {0, 0, 1, 1}, levels = {2, 1, 2, 1};
  order_levels(groups, tiers, levels);
  EXPECT_EQ(groups, (std::vector<int>{5, 7, 4, 6}));
  EXPECT_EQ(levels, (std::vector<int>{1, 1, 2, 2}));
  EXPECT_EQ(tiers, (std::vector<int>{0, 1, 2, 3}));
  std::vector<int> g = {0, 1, 2}, t = {0, 0, 0}, l = {2, 1, 2};
  order_levels(g, t, l);
  EXPECT_EQ(g, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(t, (std::vector<int>{0, 1, 1}));
}

TEST(Routing, ContactReachesOnlyTheGroupsItHasWaitedFor) {
  HandFreeAgents v;
  v.lists[0] = {{}};
  v.lists[1] = {{{7, 0.0}}};
  EXPECT_EQ(agent_for_contact({0, 1}, {0, 1}, AgentChoice::LongestIdle, v, no_draw, 1),
            std::nullopt);
  EXPECT_EQ(agent_for_contact({0, 1}, {0, 1}, AgentChoice::LongestIdle, v, no_draw, 2), 7u);
}

TEST(Routing, FreedAgentServesItsLowestLevelFirstAmongEligibleHeads) {
  HandQueues q;
  q.head_entry = {{0, 0.0}, {1, 90.0}};
  q.priorities = {{0, 5}};
  q.now_s = 100.0;
  // Type 1 at level 1 beats type 0 at level 2 despite its lower priority.
  EXPECT_EQ(contact_for_levelled_agent({0, 1}, {2, 1}, {30, 0}, q), 1);
  // Type 0's head has waited 100 s, not enough for a level whose delay is 120 s.
  q.head_entry.erase(1);
  EXPECT_EQ(contact_for_levelled_agent({0, 1}, {2, 1}, {120, 0}, q), std::nullopt);
  EXPECT_EQ(contact_for_levelled_agent({0, 1}, {2, 1}, {100, 0}, q), 0);
}

}  // namespace
