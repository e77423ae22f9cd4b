// ccsim staff --meet-probability, forecast error and clock-time shifts, end to end through the
// built program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

// A morning of four half-hours from 08:00 with forecast error; 80/20 target. `staff` and
// `volume` are the group's staff and the arrivals' extra keys, as JSON text.
std::string morning(const std::string& staff, const std::string& volume = "") {
  return R"({
  "name": "uncertain morning",
  "horizon": { "interval_minutes": 30, "intervals": 4, "start": "08:00" },
  "simulation": { "replications": 40, "seed": 5 },
  "contact_types": [ {
    "name": "calls",
    "arrivals": { "per_interval": [60, 100, 120, 80])" +
         volume + R"( },
    "handle_time": { "dist": "exponential", "mean_s": 180 },
    "patience": { "dist": "exponential", "mean_s": 300 },
    "service_level": { "threshold_s": 20, "target": 0.8 } } ],
  "agent_groups": [ { "name": "team", "skills": ["calls"], "staff": )" +
         staff + R"( } ]
})";
}

class ForecastErrorAndShiftsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ccsim::test::temp_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& content) {
    return "'" + ccsim::test::write_file(dir_, name, content).string() + "'";
  }
  std::filesystem::path dir_;
};

TEST_F(ForecastErrorAndShiftsCommand, ClockShiftsRunExactlyAsTheirSecondsForm) {
  const std::string clock =
      file("clock.json", morning(R"({ "shifts": [ { "start": "07:30", "end": "09:30", "count": 9 },
        { "start": "08:30", "end": "12:00", "count": 6 } ] })"));
  const std::string seconds =
      file("seconds.json", morning(R"({ "shifts": [ { "start_s": 0, "end_s": 5400, "count": 9 },
        { "start_s": 1800, "end_s": 14400, "count": 6 } ] })"));
  const auto a = run_ccsim("run " + clock + " --format json --quiet");
  const auto b = run_ccsim("run " + seconds + " --format json --quiet");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST_F(ForecastErrorAndShiftsCommand, ZeroVolumeCvRunsExactlyAsNone) {
  const std::string none = file("none.json", morning(R"({ "count": 12 })"));
  const std::string zero = file("zero.json", morning(R"({ "count": 12 })", R"(, "volume_cv": 0)"));
  const auto a = run_ccsim("run " + none + " --format json --quiet");
  const auto b = run_ccsim("run " + zero + " --format json --quiet");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST_F(ForecastErrorAndShiftsCommand, MeetProbabilityShowsTheSpreadOfDailyServiceLevel) {
  const std::string f = file("m.json", morning(R"({ "count": 12 })", R"(, "volume_cv": 0.2)"));
  const auto r = run_ccsim("staff " + f + " --meet-probability 0.8 --format json --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["meet_probability"], 0.8);
  ASSERT_EQ(j["intervals"].size(), 4u);
  for (const auto& row : j["intervals"]) {
    const auto& d = row["daily_service_level"]["calls"];
    EXPECT_LE(d["p10"].get<double>(), d["p50"].get<double>());
    EXPECT_LE(d["p50"].get<double>(), d["p90"].get<double>());
    EXPECT_GE(d["share_meeting"].get<double>(), 0.8);
  }
  const auto table = run_ccsim("staff " + f + " --meet-probability 0.8 --quiet");
  EXPECT_NE(table.out.find("Daily service level per interval"), std::string::npos);
  EXPECT_NE(table.out.find("targets met on at least 80.0% of the days of 40 replications"),
            std::string::npos);
  const std::string report = (dir_ / "staff.html").string();
  ASSERT_EQ(run_ccsim("staff " + f + " --meet-probability 0.8 --quiet --report '" + report + "'")
                .exit_code,
            0);
  EXPECT_NE(ccsim::test::read_file(report).find("Daily service level per interval"),
            std::string::npos);
  const auto mean = run_ccsim("staff " + f + " --format json --quiet");
  EXPECT_FALSE(nlohmann::json::parse(mean.out)["intervals"][0].contains("daily_service_level"));
}

TEST_F(ForecastErrorAndShiftsCommand, MeetProbabilityOptionErrors) {
  const std::string f = file("m.json", morning(R"({ "count": 12 })"));
  const auto erlang = run_ccsim("staff " + f + " --method erlang --meet-probability 0.9");
  EXPECT_EQ(erlang.exit_code, 2);
  EXPECT_NE(erlang.err.find("--meet-probability: does not apply with --method erlang, whose "
                            "analytic models give the mean day, not the spread of days (use "
                            "--method simulation)"),
            std::string::npos)
      << erlang.err;
  const auto range = run_ccsim("staff " + f + " --meet-probability 1");
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_NE(range.err.find("--meet-probability: must be a number in (0, 1), exclusive (got 1)"),
            std::string::npos)
      << range.err;
  const auto few =
      run_ccsim("staff " + f + " --meet-probability 0.9 --judge ci95 --replications 20");
  EXPECT_EQ(few.exit_code, 2);
  EXPECT_NE(few.err.find(
                "error: replications: 20 are too few to show a meeting probability of 0.9 with 95% "
                "confidence; at least 35 are needed"),
            std::string::npos)
      << few.err;
}

}  // namespace
