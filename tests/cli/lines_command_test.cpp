// ccsim run and validate with telephone lines, end to end through the built program.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

TEST(LinesCommand, JsonCarriesBlockedAndEachTrunkGroupsLines) {
  const auto r = run_ccsim("run scenarios/busy_signals.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  const json& billing = j["totals"]["billing"];
  const double offered = billing["offered"]["mean"], blocked = billing["blocked"]["mean"];
  EXPECT_GT(blocked, 0.0);
  EXPECT_NEAR(billing["block_rate"]["mean"].get<double>(), blocked / offered, 0.01);
  ASSERT_TRUE(j["trunks"].is_object());
  ASSERT_EQ(j["trunks"].size(), 2u);  // the shared trunk, then premium's own lines
  const json& main = j["trunks"]["main"];
  EXPECT_EQ(main["lines"], 30);
  const double in_use = main["lines_in_use"]["mean"];
  EXPECT_GT(in_use, 0.0);
  EXPECT_LE(in_use, 30.0);
  EXPECT_NEAR(main["line_occupancy"]["mean"].get<double>(), in_use / 30.0, 1e-12);
  EXPECT_EQ(main["intervals"].size(), 8u);
  EXPECT_EQ(j["trunks"]["premium"]["lines"], 6);
}

TEST(LinesCommand, TableAndCsvShowTheTrunkGroups) {
  const auto table = run_ccsim("run scenarios/busy_signals.json --replications 2");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nTrunk groups\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("block_rate"), std::string::npos);
  const auto csv = run_ccsim("run scenarios/busy_signals.json --replications 2 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\ntrunk,,,,main,line_occupancy,"), std::string::npos);
  EXPECT_NE(csv.out.find("\ntrunk,0,0,09:00,premium,lines_in_use,"), std::string::npos);
}

TEST(LinesCommand, ScenarioWithoutLinesHasNoTrunkGroups) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_FALSE(j.contains("trunks"));
  EXPECT_EQ(j["totals"]["all"]["blocked"]["mean"], 0.0);
  const auto table = run_ccsim("run scenarios/erlang_a_check.json --replications 2");
  EXPECT_EQ(table.out.find("Trunk groups"), std::string::npos);
  EXPECT_EQ(table.out.find("blocked"), std::string::npos);
}

TEST(LinesCommand, BadLinesExitTwoNamingThePath) {
  const auto dir = ccsim::test::temp_dir("lines_bad");
  const auto file = ccsim::test::write_file(dir, "bad.json", R"({
    "name": "bad", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "channel": "chat", "lines": 3,
      "arrivals": {"rate_per_hour": 10}, "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 1}}],
    "trunks": [{"name": "t", "lines": 0, "contact_types": ["calls"]}]
  })");
  const auto r = run_ccsim("validate '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contact_types[0].lines: only voice contacts hold telephone lines "
                       "(channel is chat) (got 3)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("trunks[0].lines: must be >= 1 (got 0)"), std::string::npos) << r.err;
}

}  // namespace
