// Skill levels with overflow delays (models/centre/routing.h) in the model, checked from the
// per-contact log and against conservation of contacts and agent time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "models/centre/contact_centre.h"
#include "tests/models/conservation.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

// English and Spanish voice queues with a dedicated group each and a bilingual group that
// holds both at level 2 (an N-design of two dedicated groups beside one flexible group),
// Spanish patient for 3 minutes on average; delay_s: the bilingual agents' overflow delay.
Scenario bilingual(std::vector<double> levels_after_s) {
  Scenario s = test::stationary_queue(100, Distribution::exponential(240), 6, 7200, 0);
  s.contact_types[0].name = "english";
  ContactType spanish = s.contact_types[0];
  spanish.name = "spanish";
  spanish.arrivals.rate_per_hour = 40;
  spanish.patience = Distribution::exponential(180);
  s.contact_types.push_back(spanish);
  AgentGroup dedicated = s.agent_groups[0];
  dedicated.name = "spanish";
  dedicated.skills = {1};
  dedicated.staff.count = 2;
  s.agent_groups.push_back(dedicated);
  AgentGroup flexible = s.agent_groups[0];
  flexible.name = "bilingual";
  flexible.skills = {0, 1};
  flexible.skill_levels = {2, 2};
  flexible.staff.count = 2;
  s.agent_groups.push_back(flexible);
  for (ContactType& ct : s.contact_types) ct.levels_after_s = levels_after_s;
  return s;
}

std::vector<ContactRecord> records(const Scenario& s, std::uint64_t rep = 0) {
  std::vector<ContactRecord> out;
  simulate_replication(s, 9, rep, [&](const ContactRecord& r) { out.push_back(r); });
  return out;
}

TEST(SkillLevels, NoContactAnsweredByALevelTwoAgentWaitedLessThanTheDelay) {
  const double delay_s = 30.0;
  std::size_t by_overflow = 0, at_the_moment = 0;
  for (const ContactRecord& r : records(bilingual({0, delay_s}))) {
    if (r.outcome != Outcome::Answered || r.group != 2) continue;
    ++by_overflow;
    EXPECT_GE(r.answer_s - r.queue_entry_s, delay_s) << "contact " << r.id;
    if (r.answer_s == r.queue_entry_s + delay_s) ++at_the_moment;
  }
  EXPECT_GT(by_overflow, 20u);
  // The wider pool is offered the contact the moment it becomes eligible.
  EXPECT_GT(at_the_moment, 0u);
}

void expect_identical(const std::vector<ContactRecord>& a, const std::vector<ContactRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].outcome, b[i].outcome);
    EXPECT_EQ(a[i].answer_s, b[i].answer_s);
    EXPECT_EQ(a[i].end_s, b[i].end_s);
    EXPECT_EQ(a[i].agent, b[i].agent);
  }
}

TEST(SkillLevels, ZeroDelayIsBitIdenticalToEveryLevelAtOnce) {
  expect_identical(records(bilingual({0, 0})), records(bilingual({})));
}

TEST(SkillLevels, EveryLevelOneIsBitIdenticalToNoLevels) {
  Scenario levelled = bilingual({0, 30});
  levelled.agent_groups[2].skill_levels = {1, 1};
  Scenario plain = levelled;
  for (AgentGroup& g : plain.agent_groups) g.skill_levels.clear();
  for (ContactType& ct : plain.contact_types) ct.levels_after_s.clear();
  expect_identical(records(levelled), records(plain));
}

TEST(SkillLevels, NDesignConservesContactsAndAgentTime) {
  const Scenario s = bilingual({0, 20});
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    std::vector<double> busy_s(3, 0.0);
    const double end_s = s.horizon.end_s();
    const ReplicationResult res = simulate_replication(s, 9, rep, [&](const ContactRecord& r) {
      if (r.outcome != Outcome::Answered || r.answer_s >= end_s) return;
      busy_s[std::size_t(r.group)] +=
          std::min(r.answer_s + r.handle_s + r.wrap_s, end_s) - r.answer_s;
    });
    for (std::size_t k = 0; k < 2; ++k) {
      ContactStats total;
      for (const auto& row : res.contact) total.merge(row[k]);
      EXPECT_GT(*total.value(Kpi::Offered), 50.0);
      EXPECT_EQ(std::uint64_t(*total.value(Kpi::Offered)), test::ended_contacts(total));
    }
    for (std::size_t g = 0; g < 3; ++g) {
      EXPECT_NEAR(res.group_total[g].busy_slot_s, busy_s[g], 1e-6 * end_s) << "group " << g;
    }
  }
}

}  // namespace
