// ccsim run with silent abandonment in chat (scenarios/chat_silent_abandon.json), end to end.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

// 35% of the abandoning customers leave silently, and an agent spends 90 s on average on each
// (lognormal, cv 0.5): over 20 replications (about 250 silent chats) the shares and the mean
// detection time are within a few standard errors of the scenario's figures.
TEST(SilentAbandonmentCommand, ExampleReportsTheShareAndTheDetectionTimeItWasGiven) {
  const auto r =
      run_ccsim("run scenarios/chat_silent_abandon.json --replications 20 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json chat = json::parse(r.out).at("totals").at("support_chat");
  const double abandoned = chat.at("abandoned").at("mean");
  const double silent = chat.at("silent_abandons").at("mean");
  const double agent_s = chat.at("silent_abandon_agent_s").at("mean");
  ASSERT_GT(silent, 5.0);
  EXPECT_NEAR(silent / abandoned, 0.35, 0.07);
  EXPECT_NEAR(agent_s / silent, 90.0, 15.0);
}

TEST(SilentAbandonmentCommand, VoiceTypeExitsTwoWithItsPath) {
  const auto dir = ccsim::test::temp_dir("silent_voice");
  json doc = json::parse(ccsim::test::read_file(std::string(CCSIM_SOURCE_DIR) +
                                                "/scenarios/chat_silent_abandon.json"));
  doc["contact_types"][0]["channel"] = "voice";
  doc["agent_groups"][0].erase("concurrency");
  doc["agent_groups"][0].erase("concurrency_slowdown");
  const auto file = ccsim::test::write_file(dir, "voice.json", doc.dump());
  const auto r = run_ccsim("run '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("contact_types[0].silent_abandonment: applies to chat types only"),
            std::string::npos)
      << r.err;
}

}  // namespace
