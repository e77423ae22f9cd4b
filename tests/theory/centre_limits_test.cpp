// The centre's limits together (scenarios/centre_limits.json: trunks with redials, a queue cap
// with overflow and voicemail, callback slots, an outbound list): contacts are conserved in
// every replication, every move arrives one for one, and no slot holds more than its capacity.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/scenario/scenario_json.h"
#include "tests/models/conservation.h"

namespace ccsim {
namespace {

Scenario centre_limits() {
  const ScenarioParse parse =
      load_scenario(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios" / "centre_limits.json");
  EXPECT_TRUE(parse.ok());
  return *parse.scenario;
}

std::uint64_t count(const ContactStats& s, Kpi q) {
  return std::uint64_t(*s.value(q));
}

TEST(CentreLimits, EveryOfferedContactEndsInExactlyOneOutcomeWithEveryLimitAtOnce) {
  const Scenario s = centre_limits();
  const std::size_t billing = 0, backup = 1, sales = 2, voicemail = 3;
  std::vector<ContactStats> all(s.contact_types.size());
  double attempts = 0.0;
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    const ReplicationResult res = simulate_replication(s, 7, rep);
    std::vector<ContactStats> total(s.contact_types.size());
    for (const auto& row : res.contact) {
      for (std::size_t k = 0; k < total.size(); ++k) total[k].merge(row[k]);
    }
    for (std::size_t k = 0; k < total.size(); ++k) {
      EXPECT_EQ(count(total[k], Kpi::Offered), test::ended_contacts(total[k]))
          << s.contact_types[k].name << ", replication " << rep;
      all[k].merge(total[k]);
    }
    // Every move arrives where it was sent.
    EXPECT_EQ(count(total[billing], Kpi::Overflowed), count(total[backup], Kpi::OverflowIn));
    EXPECT_EQ(count(total[sales], Kpi::Messages), count(total[voicemail], Kpi::MessagesIn));
    ASSERT_EQ(res.slot_capacity.size(), 1u);
    for (const auto& interval : res.slot_used) EXPECT_LE(interval[0], res.slot_capacity[0]);
    ASSERT_EQ(res.outbound_total.size(), 1u);
    attempts += res.outbound_total[0].attempts;
  }
  // Every limit acts in this scenario.
  EXPECT_GT(count(all[billing], Kpi::Blocked), 0u);
  EXPECT_GT(count(all[billing], Kpi::Overflowed), 0u);
  EXPECT_GT(count(all[sales], Kpi::Messages), 0u);
  EXPECT_GT(count(all[billing], Kpi::CallbacksOffered), 0u);
  EXPECT_GT(count(all[billing], Kpi::CallbacksNoSlot), 0u);
  EXPECT_GT(attempts, 0.0);
}

}  // namespace
}  // namespace ccsim
