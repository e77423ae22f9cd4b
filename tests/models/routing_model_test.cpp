// The routing rules (models/centre/routing.h) in the model: how work is shared between
// groups, checked against invariants of the queue.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

// Two identical 10-agent groups sharing one voice queue of about 9.6 Erlangs.
Scenario two_identical_groups(AgentChoice choice) {
  Scenario s = test::stationary_queue(115, Distribution::exponential(300), 10, 14400, 1800);
  s.simulation.replications = 20;
  AgentGroup twin = s.agent_groups[0];
  twin.name = "twin";
  s.agent_groups.push_back(twin);
  s.routing.agent_choice = choice;
  return s;
}

class RoutingShares : public testing::TestWithParam<AgentChoice> {};

TEST_P(RoutingShares, IdenticalGroupsGetEqualOccupancyWithinCi) {
  const Scenario s = two_identical_groups(GetParam());
  RunOptions options;
  options.replications = s.simulation.replications;
  options.seed = 11;
  options.threads = 1;
  const Results r = run_experiment(s, options);
  const sim::Estimate a = *r.group_totals[0][GroupKpi::Occupancy];
  const sim::Estimate b = *r.group_totals[1][GroupKpi::Occupancy];
  EXPECT_GT(a.mean, 0.3);
  EXPECT_LE(std::abs(a.mean - b.mean), a.ci95 + b.ci95)
      << agent_choice_name(GetParam()) << ": " << a.mean << " vs " << b.mean;
}

INSTANTIATE_TEST_SUITE_P(EveryChoice, RoutingShares,
                         testing::Values(AgentChoice::LongestIdle, AgentChoice::FastestGroup,
                                         AgentChoice::Random, AgentChoice::LeastOccupied),
                         [](const testing::TestParamInfo<AgentChoice>& info) {
                           return std::string(agent_choice_name(info.param));
                         });

// The per-contact records of one replication, in the order contacts end.
std::vector<ContactRecord> records(const Scenario& s) {
  std::vector<ContactRecord> out;
  simulate_replication(s, 5, 0, [&](const ContactRecord& r) { out.push_back(r); });
  return out;
}

// Among identical agents the choice changes who serves a contact, never when: every record
// but the agent is bit-identical, so the random draws disturb no other stream.
TEST(RoutingChoice, AmongIdenticalAgentsChoiceChangesWhoServesNotWhen) {
  Scenario s = test::stationary_queue(200, Distribution::gamma(300, 0.8), 18, 7200, 0);
  s.contact_types[0].patience = Distribution::exponential(120);
  const std::vector<ContactRecord> base = records(s);
  for (AgentChoice choice : {AgentChoice::Random, AgentChoice::LeastOccupied}) {
    s.routing.agent_choice = choice;
    const std::vector<ContactRecord> other = records(s);
    ASSERT_EQ(other.size(), base.size());
    std::size_t other_agent = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
      EXPECT_EQ(other[i].id, base[i].id);
      EXPECT_EQ(other[i].outcome, base[i].outcome);
      EXPECT_EQ(other[i].answer_s, base[i].answer_s);
      EXPECT_EQ(other[i].end_s, base[i].end_s);
      if (other[i].agent != base[i].agent) ++other_agent;
    }
    EXPECT_GT(other_agent, 0u) << agent_choice_name(choice) << " chose as longest_idle does";
  }
}

// Two identical voice types of 60 calls an hour each, one of priority 1, served by 11 agents.
Scenario two_priorities(double per_minute) {
  Scenario s = test::stationary_queue(60, Distribution::exponential(300), 11, 14400, 1800);
  s.simulation.replications = 20;
  ContactType low = s.contact_types[0];
  low.name = "low";
  s.contact_types[0].priority = 1;
  s.contact_types.push_back(low);
  s.agent_groups[0].skills = {0, 1};
  for (ContactType& ct : s.contact_types) ct.priority_per_minute_waited = per_minute;
  return s;
}

std::pair<sim::Estimate, sim::Estimate> asa_of_both(const Scenario& s) {
  RunOptions options;
  options.replications = s.simulation.replications;
  options.seed = 3;
  options.threads = 1;
  const Results r = run_experiment(s, options);
  return {*r.totals[0][Kpi::Asa], *r.totals[1][Kpi::Asa]};
}

TEST(RoutingPriority, StrictPriorityFavoursTheHigherType) {
  const auto [high, low] = asa_of_both(two_priorities(0.0));
  EXPECT_GT(low.mean - high.mean, low.ci95 + high.ci95);
}

TEST(RoutingPriority, HugeGrowthWithWaitingServesBothTypesFifo) {
  const auto [high, low] = asa_of_both(two_priorities(1e6));
  EXPECT_GT(high.mean, 5.0);
  EXPECT_LE(std::abs(high.mean - low.mean), high.ci95 + low.ci95)
      << high.mean << " vs " << low.mean;
}

}  // namespace
