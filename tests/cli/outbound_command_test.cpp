// ccsim run and validate with an outbound campaign, end to end through the built program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

// One voice queue within the transient model's reach, and a campaign on its agents.
constexpr const char* kBlend = R"({
  "name": "blend", "horizon": {"interval_minutes": 30, "intervals": 2},
  "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 60},
    "handle_time": {"dist": "exponential", "mean_s": 180},
    "patience": {"dist": "exponential", "mean_s": 300}}],
  "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 6}}],
  "outbound": [{"name": "survey", "groups": ["a"], "calls_per_interval": [20, 20],
    "talk_time": {"dist": "exponential", "mean_s": 120}, "reserve_idle": 1}]
})";

TEST(OutboundCommand, JsonCarriesEachCampaignByIntervalAndTheInboundKpis) {
  const auto r = run_ccsim("run scenarios/outbound_blend.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j["outbound"].is_object());
  const json& renewals = j["outbound"]["renewals"];
  const double attempts = renewals["attempts"]["mean"], connects = renewals["connects"]["mean"];
  EXPECT_GT(attempts, 0.0);
  EXPECT_LE(connects, attempts);
  EXPECT_NEAR(renewals["calls_left"]["mean"].get<double>(), 400.0 - attempts, 1e-9);
  ASSERT_EQ(renewals["intervals"].size(), 8u);
  double sum = 0.0;
  for (const json& row : renewals["intervals"]) sum += row["attempts"]["mean"].get<double>();
  EXPECT_NEAR(sum, attempts, 1e-9);
  EXPECT_GT(renewals["agent_s"]["mean"].get<double>(), 0.0);
  EXPECT_TRUE(j["totals"]["service"]["asa_s"].is_object());
}

TEST(OutboundCommand, TableAndCsvShowTheCampaigns) {
  const auto table = run_ccsim("run scenarios/outbound_blend.json --replications 2");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nOutbound campaigns\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\nOutbound campaign renewals by interval\n"), std::string::npos);
  const auto csv = run_ccsim("run scenarios/outbound_blend.json --replications 2 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\noutbound,,,,renewals,attempts,"), std::string::npos);
  EXPECT_NE(csv.out.find("\noutbound,0,0,09:00,renewals,calls_left,"), std::string::npos);
}

TEST(OutboundCommand, ScenarioWithoutCampaignsHasNoOutboundSection) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(json::parse(r.out).contains("outbound"));
  const auto table = run_ccsim("run scenarios/erlang_a_check.json --replications 2");
  EXPECT_EQ(table.out.find("Outbound"), std::string::npos);
}

TEST(OutboundCommand, TransientMethodRefusesACampaign) {
  const auto dir = ccsim::test::temp_dir("outbound_transient");
  const auto file = ccsim::test::write_file(dir, "blend.json", kBlend);
  const auto ok = run_ccsim("run '" + file.string() + "' --replications 2");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const auto r = run_ccsim("run '" + file.string() + "' --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: outbound is not part of the transient model (a birth-death chain "
                       "of one queue); run the simulation instead\n"),
            std::string::npos)
      << r.err;
}

TEST(OutboundCommand, BadCampaignExitsTwoNamingThePath) {
  const auto dir = ccsim::test::temp_dir("outbound_bad");
  json doc = json::parse(kBlend);
  doc["outbound"][0]["reserve_idle"] = -1;
  doc["outbound"][0]["connect_prob"] = 0.5;
  const auto file = ccsim::test::write_file(dir, "bad.json", doc.dump());
  const auto r = run_ccsim("run '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("outbound[0].dial_time: is required when connect_prob < 1 (the agent "
                       "time of an attempt that does not connect)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("outbound[0].reserve_idle: must be >= 0 (got -1)"), std::string::npos)
      << r.err;
}

}  // namespace
