// ccsim erlang, end to end through the built program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

TEST(ErlangCommand, SixHundredCallsAnHourNeedThirtyFiveAgentsForEightyTwenty) {
  const auto r = run_ccsim(
      "erlang --model c --arrivals-per-hour 600 --aht-s 180 --threshold-s 20 --target-sl 0.8 "
      "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["agents"], 35);
  EXPECT_GE(j["service_level"].get<double>(), 0.8);
  EXPECT_NEAR(j["occupancy"].get<double>(), 30.0 / 35.0, 1e-12);
  for (const char* key :
       {"p_block", "p_wait", "asa_s", "service_level", "abandon_rate", "occupancy", "agents"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  // One agent fewer misses the target.
  const auto fewer = run_ccsim(
      "erlang --model c --arrivals-per-hour 600 --aht-s 180 --threshold-s 20 --agents 34 "
      "--format json");
  EXPECT_LT(nlohmann::json::parse(fewer.out)["service_level"].get<double>(), 0.8);
}

TEST(ErlangCommand, ErlangAReportsAbandonment) {
  const auto r = run_ccsim(
      "erlang --model a --arrivals-per-hour 600 --aht-s 180 --patience-s 300 --agents 32 "
      "--threshold-s 20 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["abandon_rate"].get<double>(), 0.0);
  EXPECT_LT(j["abandon_rate"].get<double>(), 0.1);
  EXPECT_TRUE(j["p_block"].is_null());
}

TEST(ErlangCommand, UnstableErlangCIsReportedNotNaN) {
  const auto r =
      run_ccsim("erlang --model c --arrivals-per-hour 600 --aht-s 180 --agents 25 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("nan"), std::string::npos);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["stable"], false);
  EXPECT_TRUE(j["asa_s"].is_null());
}

TEST(ErlangCommand, BadInputExitsTwoNamingEachOption) {
  auto r = run_ccsim("erlang --model a --arrivals-per-hour -5 --aht-s 180 --agents 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--arrivals-per-hour: must be >= 0 and finite (got -5)"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--patience-s: required by model a"), std::string::npos) << r.err;
  r = run_ccsim("erlang --model q --arrivals-per-hour 5 --aht-s 180 --agents 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--model: must be one of b, c, a (got q)"), std::string::npos) << r.err;
  r = run_ccsim("erlang --model c --arrivals-per-hour 5 --aht-s abc --agents 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--aht-s: must be a number (got abc)"), std::string::npos) << r.err;
  r = run_ccsim("erlang --model c --arrivals-per-hour 5 --aht-s 180");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--agents: give agents or at least one target"), std::string::npos) << r.err;
}

}  // namespace
