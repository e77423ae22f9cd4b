// ccsim run with the routing keys (agent choice, priority growing with waiting), end to end.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

// Two voice types sharing one group, with the given routing keys.
json shared_group(const std::string& agent_choice, const json& per_minute) {
  json doc = json::parse(R"({
    "name": "shared", "horizon": {"duration_s": 3600},
    "contact_types": [
      {"name": "gold", "priority": 1, "arrivals": {"rate_per_hour": 60},
       "handle_time": {"dist": "exponential", "mean_s": 240},
       "patience": {"dist": "exponential", "mean_s": 300}},
      {"name": "basic", "arrivals": {"rate_per_hour": 60},
       "handle_time": {"dist": "exponential", "mean_s": 240},
       "patience": {"dist": "exponential", "mean_s": 300}}],
    "agent_groups": [{"name": "team", "skills": ["gold", "basic"], "staff": {"count": 9}}]
  })");
  doc["routing"] = {{"agent_choice", agent_choice}};
  for (json& t : doc["contact_types"]) t["priority_per_minute_waited"] = per_minute;
  return doc;
}

TEST(RoutingCommand, RandomAndLeastOccupiedRunLikeLongestIdleAmongIdenticalAgents) {
  const auto dir = ccsim::test::temp_dir("routing_choices");
  std::string baseline;
  for (const char* choice : {"longest_idle", "random", "least_occupied"}) {
    const auto file =
        ccsim::test::write_file(dir, std::string(choice) + ".json", shared_group(choice, 2).dump());
    const auto r = run_ccsim("run '" + file.string() + "' --replications 4 --format json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // One group of identical agents: who serves changes, the waits do not.
    const std::string totals = json::parse(r.out)["totals"].dump();
    if (baseline.empty()) baseline = totals;
    EXPECT_EQ(totals, baseline) << choice;
  }
}

TEST(RoutingCommand, NegativePriorityGrowthExitsTwoWithItsPath) {
  const auto dir = ccsim::test::temp_dir("routing_bad_growth");
  const auto file =
      ccsim::test::write_file(dir, "bad.json", shared_group("longest_idle", -1).dump());
  const auto r = run_ccsim("run '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("contact_types[0].priority_per_minute_waited: must be >= 0 (got -1)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("contact_types[1].priority_per_minute_waited: must be >= 0 (got -1)"),
            std::string::npos)
      << r.err;
}

TEST(RoutingCommand, TransientRefusesPriorityGrowingWithWaiting) {
  const auto dir = ccsim::test::temp_dir("routing_transient");
  const auto file = ccsim::test::write_file(dir, "aging.json", shared_group("random", 2).dump());
  const auto r = run_ccsim("run '" + file.string() + "' --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: contact_types[0].priority_per_minute_waited is not part of the "
                       "transient model (a birth-death chain of one queue); run the simulation "
                       "instead\n"),
            std::string::npos)
      << r.err;
}

// English at level 1 beside a bilingual group that holds it at the given level, with the
// given overflow delays on english.
json levelled_centre(const json& level, const json& levels_after_s) {
  json doc = shared_group("longest_idle", 0);
  doc["contact_types"][0]["levels_after_s"] = levels_after_s;
  doc["agent_groups"] = json::parse(R"([
    {"name": "team", "skills": ["gold", "basic"], "staff": {"count": 6}},
    {"name": "bilingual", "skills": ["basic"], "staff": {"count": 3}}])");
  doc["agent_groups"][1]["skills"].push_back({{"type", "gold"}, {"level", level}});
  return doc;
}

TEST(RoutingCommand, BadSkillLevelsAndDelaysExitTwoWithTheirPaths) {
  const auto dir = ccsim::test::temp_dir("routing_bad_levels");
  const struct {
    json level, after;
    std::string error;
  } cases[] = {
      {0, {0, 30}, "error: agent_groups[1].skills[1].level: must be >= 1 (got 0)\n"},
      {2,
       {10, 30},
       "error: contact_types[0].levels_after_s[0]: must be 0 (level-1 agents take a contact at "
       "once) (got 10)\n"},
      {2,
       {0, 30, 20},
       "error: contact_types[0].levels_after_s[2]: must be at least the entry before "
       "(contact_types[0].levels_after_s[1]) (got 20)\n"},
  };
  for (const auto& c : cases) {
    const auto file =
        ccsim::test::write_file(dir, "bad.json", levelled_centre(c.level, c.after).dump());
    const auto r = run_ccsim("run '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(c.error), std::string::npos) << r.err;
  }
}

TEST(RoutingCommand, TransientRefusesSkillLevelsAndOverflowDelays) {
  const auto dir = ccsim::test::temp_dir("routing_transient_levels");
  const auto file = ccsim::test::write_file(dir, "levels.json", levelled_centre(2, {0, 30}).dump());
  const auto r = run_ccsim("run '" + file.string() + "' --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: contact_types[0].levels_after_s is not part of the transient model "
                       "(a birth-death chain of one queue); run the simulation instead\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("error: agent_groups[1].skills[1].level: the transient model needs every "
                       "skill at level 1, not 2\n"),
            std::string::npos)
      << r.err;
}

TEST(RoutingCommand, BilingualExampleRunsWithOverflowToTheBilingualTeam) {
  const auto r = run_ccsim("run scenarios/bilingual_centre.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json out = json::parse(r.out);
  EXPECT_GT(out.at("agent_groups").at("bilingual_team").at("occupancy").at("mean").get<double>(),
            0.0)
      << r.out.substr(0, 400);
}

}  // namespace
