// Numbers at the edges: inputs whose results would not be finite, integers a double cannot
// hold, sweep values beyond 1e62, and messages that must report every problem at once.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_json.h"
#include "models/studies/sweep.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Whether `text` holds `part` (the whole sentence of a message).
::testing::AssertionResult Holds(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" not in:\n" << text;
}

// A valid one-hour scenario without patience; `edit` changes its JSON before it is written.
fs::path write_scenario(const fs::path& dir, const std::string& file,
                        const std::function<void(json&)>& edit) {
  json doc = json::parse(R"({
    "name": "numbers",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "simulation": {"replications": 2, "seed": 1},
    "contact_types": [
      {"name": "billing", "arrivals": {"per_interval": [20, 20]},
       "handle_time": {"dist": "exponential", "mean_s": 120}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 3}}]
  })");
  edit(doc);
  const fs::path path = dir / file;
  std::ofstream(path) << doc.dump(2);
  return path;
}

TEST(Numbers, AHandleTimeOf1e308IsRefusedNotRunToNan) {
  const fs::path dir = temp_dir("numbers_handle");
  const fs::path scenario = write_scenario(
      dir, "s.json", [](json& d) { d["contact_types"][0]["handle_time"]["mean_s"] = 1e308; });
  const CommandResult r = run_ccsim("run '" + scenario.string() + "' --format csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Holds(r.err,
                    "error: contact_types[0].handle_time.mean_s: must be <= 1e9 s "
                    "(about 31.7 years), so that results stay finite (got 1e+308)"));
  fs::remove_all(dir);
}

TEST(Numbers, CallbackAndRetrialDelaysOf1e308AreRefused) {
  const fs::path dir = temp_dir("numbers_delays");
  const fs::path scenario = write_scenario(dir, "s.json", [](json& d) {
    d["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 60}};
    d["contact_types"][0]["callback"] = {
        {"offer_when_expected_wait_over_s", 0}, {"accept_prob", 0.5}, {"retry_after_s", 1e308}};
    d["contact_types"][0]["retrial"] = {
        {"prob", 0.5}, {"delay", {{"dist", "uniform"}, {"min_s", 0}, {"max_s", 1e308}}}};
  });
  const CommandResult r = run_ccsim("validate '" + scenario.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Holds(r.err,
                    "error: contact_types[0].callback.retry_after_s: must be <= 1e9 s "
                    "(about 31.7 years), so that results stay finite (got 1e+308)"));
  EXPECT_TRUE(Holds(r.err,
                    "error: contact_types[0].retrial.delay.max_s: must be <= 1e9 s "
                    "(about 31.7 years), so that results stay finite (got 1e+308)"));
  fs::remove_all(dir);
}

TEST(Numbers, ASpeedFactorAbove1e6IsRefused) {
  const fs::path dir = temp_dir("numbers_speed");
  const fs::path scenario =
      write_scenario(dir, "s.json", [](json& d) { d["agent_groups"][0]["speed_factor"] = 1e300; });
  const CommandResult r = run_ccsim("validate '" + scenario.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Holds(r.err,
                    "error: agent_groups[0].speed_factor: must be <= 1e+06 "
                    "(got 1e+300)"));
  fs::remove_all(dir);
}

TEST(Numbers, AShiftCostOf1e308IsRefused) {
  const fs::path dir = temp_dir("numbers_cost");
  const fs::path scenario = write_scenario(dir, "s.json", [](json&) {});
  std::ofstream(dir / "shifts.json") << R"([{"start_s": 0, "length_s": 3600, "cost": 1e308}])";
  const CommandResult r = run_ccsim("staff '" + scenario.string() + "' --shift-templates '" +
                                    (dir / "shifts.json").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Holds(r.err,
                    "[0].cost: must be <= 1e12, so that a plan's cost stays finite "
                    "(got 1e+308)"));
  fs::remove_all(dir);
}

TEST(Numbers, AMeasuredCountOf1e308IsRefused) {
  const fs::path dir = temp_dir("numbers_measured");
  std::ofstream(dir / "m.csv") << "interval,contact_type,offered,answered,abandoned\n"
                                  "08:00,billing,1e308,1e308,1e308\n";
  const CommandResult r = run_ccsim("compare tests/data/compare_scenario.json --measured '" +
                                    (dir / "m.csv").string() + "' --replications 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Holds(r.err,
                    "line 2: offered: must be <= 1e12, so that totals stay finite "
                    "(got \"1e308\")"));
  fs::remove_all(dir);
}

TEST(Numbers, ASeedBeyond2To53WrittenAsADoubleIsRefused) {
  const ScenarioParse p = parse_scenario_text(
      R"({"name": "s", "horizon": {"duration_s": 3600},
          "simulation": {"seed": 9007199254740993.0},
          "contact_types": [{"name": "x", "arrivals": {"rate_per_hour": 10},
                             "handle_time": {"dist": "exponential", "mean_s": 60}}],
          "agent_groups": [{"name": "g", "skills": ["x"], "staff": {"count": 1}}]})",
      "s.json", {});
  EXPECT_EQ(p.errors,
            std::vector<std::string>{
                "simulation.seed: must be written without a decimal point or exponent from "
                "2^53 = 9007199254740992 on (such a number is rounded when "
                "read)"});
}

TEST(Numbers, ASeedBeyond2To53WrittenAsAnIntegerIsKeptExactly) {
  const ScenarioParse p = parse_scenario_text(
      R"({"name": "s", "horizon": {"duration_s": 3600},
          "simulation": {"seed": 9007199254740993},
          "contact_types": [{"name": "x", "arrivals": {"rate_per_hour": 10},
                             "handle_time": {"dist": "exponential", "mean_s": 60}}],
          "agent_groups": [{"name": "g", "skills": ["x"], "staff": {"count": 1}}]})",
      "s.json", {});
  ASSERT_TRUE(p.ok()) << p.errors[0];
  EXPECT_EQ(p.scenario->simulation.seed, 9007199254740993ULL);
}

TEST(Numbers, ABadHorizonStartStillReportsEveryPerIntervalLengthError) {
  const ScenarioParse p = parse_scenario_text(
      R"({"name": "s", "horizon": {"interval_minutes": 30, "intervals": 2, "start": "25:00"},
          "contact_types": [{"name": "x", "arrivals": {"per_interval": [10]},
                             "handle_time": {"dist": "exponential", "mean_s": 60}}],
          "agent_groups": [{"name": "g", "skills": ["x"],
                            "staff": {"per_interval": [1, 2, 3]}}]})",
      "s.json", {});
  ASSERT_EQ(p.errors.size(), 3u);
  EXPECT_EQ(p.errors[0],
            "horizon.start: must be a time of day \"HH:MM\" from 00:00 to 23:59 (got \"25:00\")");
  EXPECT_TRUE(Holds(p.errors[1], "contact_types[0].arrivals.per_interval: "));
  EXPECT_TRUE(Holds(p.errors[2], "agent_groups[0].staff.per_interval: "));
}

TEST(Numbers, AClockLabelOfAHugeOffsetIsATimeOfDay) {
  // fmod(1e308, 86400) = 43136 s = 11:58:56.
  EXPECT_EQ(clock_label("00:00", 1e308), "11:58:56");
  EXPECT_EQ(clock_label("08:00", -1800), "07:30");
  EXPECT_EQ(clock_label("08:00", 1800), "08:30");
}

TEST(Numbers, SweepRangesBeyond1e62GiveTheValuesWritten) {
  std::string error;
  const auto values = parse_sweep_values("1e69:3e69:1e69", error);
  ASSERT_TRUE(values) << error;
  EXPECT_EQ(*values, (std::vector<json>{1e69, 2e69, 3e69}));
  const auto small = parse_sweep_values("0:0.3:0.1", error);
  ASSERT_TRUE(small) << error;
  EXPECT_EQ(*small, (std::vector<json>{0.0, 0.1, 0.2, 0.3}));
  const auto tiny = parse_sweep_values("1e-20:3e-20:1e-20", error);
  ASSERT_TRUE(tiny) << error;
  EXPECT_EQ(*tiny, (std::vector<json>{1e-20, 2e-20, 3e-20}));
  const auto integers = parse_sweep_values("9223372036854775806:9223372036854775808:1", error);
  ASSERT_TRUE(integers) << error;
  EXPECT_EQ(*integers, (std::vector<json>{json(9223372036854775806LL), json(9223372036854775807LL),
                                          json(9223372036854775808ULL)}));
}

TEST(Numbers, ASweepRangeSpanningMoreThan36DigitsIsRefused) {
  std::string error;
  EXPECT_FALSE(parse_sweep_values("1e69:1e69:1e-3", error));
  EXPECT_EQ(
      error,
      "a range's start, stop and step must be decimal numbers of at most 36 digits from their "
      "first to their last significant digit together (got 1e69:1e69:1e-3)");
}

TEST(Numbers, ASweepOf1e69IsCheckedAtTheValuesWritten) {
  const CommandResult r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=3600 "
      "--set /contact_types/0/handle_time/mean_s=1e69:3e69:1e69 --replications 1 --quiet "
      "--format csv");
  EXPECT_EQ(r.exit_code, 2);  // refused by the 1e9 s bound, naming the values written
  EXPECT_TRUE(Holds(r.err, "(got 1e+69)"));
  EXPECT_TRUE(Holds(r.err, "(got 3e+69)"));
}

TEST(Numbers, ARepeatedSetForTheSamePointerIsRefused) {
  const CommandResult r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30 "
      "--set /agent_groups/0/staff/count=31,32 --replications 1 --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Holds(r.err,
                    "--set /agent_groups/0/staff/count=31,32: /agent_groups/0/staff/"
                    "count is already swept (by an earlier --set or the sweep file); "
                    "give its values once"));
}

TEST(Numbers, ValidateRefusesAYearOfOneMinuteIntervals) {
  const fs::path dir = temp_dir("numbers_year");
  const fs::path scenario = write_scenario(dir, "s.json", [](json& d) {
    d["horizon"] = {{"interval_minutes", 1}, {"intervals", 366 * 1440}};
    d["contact_types"][0]["arrivals"] = {{"rate_per_hour", 10}};
    d["simulation"]["replications"] = 1;
  });
  const CommandResult r = run_ccsim("validate '" + scenario.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Holds(r.err,
                    "error: horizon.intervals: the per-interval results of 527040 "
                    "intervals × 1 replication need ~34.2 GiB"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ccsim::test
