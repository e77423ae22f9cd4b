// ccsim run over several days, end to end: each interval's day and date, per-day totals, and
// the labels of the tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

TEST(WeekCommand, JsonGivesEachIntervalItsDayAndDateAndEachDayItsTotals) {
  const auto r = run_ccsim("run scenarios/contact_week.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["intervals"].size(), 70u);
  const auto& tuesday_10 = j["intervals"][12];
  EXPECT_EQ(tuesday_10["day"], 1);
  EXPECT_EQ(tuesday_10["date"], "2026-12-08");
  EXPECT_EQ(tuesday_10["start"], "10:00");
  EXPECT_EQ(tuesday_10["start_s"], 86400.0 + 7200.0);
  ASSERT_EQ(j["days"].size(), 7u);
  EXPECT_EQ(j["days"][6]["date"], "2026-12-13");
  // Conservation: the days' offered contacts add up to the horizon's.
  double offered = 0.0;
  for (const auto& day : j["days"])
    offered += day["totals"]["all"]["offered"]["mean"].get<double>();
  EXPECT_NEAR(offered, j["totals"]["all"]["offered"]["mean"].get<double>(), 1e-6);
  EXPECT_TRUE(j["days"][0]["agent_groups"]["team"].contains("occupancy"));
}

TEST(WeekCommand, CsvAddsDayAndDateColumnsAndPerDayRows) {
  const auto r = run_ccsim("run scenarios/contact_week.json --replications 2 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "section,interval,start_s,start,name,kpi,mean,ci95,day,date,target,target_met");
  EXPECT_NE(r.out.find("\ncontact_type,,,,calls,offered,"), std::string::npos);
  EXPECT_NE(r.out.find(",3,2026-12-10,,\n"), std::string::npos);
  EXPECT_NE(r.out.find("\ncontact_type,10,86400,08:00,calls,offered,"), std::string::npos);
}

TEST(WeekCommand, TablesLabelIntervalsWithTheWeekday) {
  const auto r = run_ccsim("run scenarios/contact_week.json --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Totals over the horizon"), std::string::npos);
  EXPECT_NE(r.out.find("\nPer day: calls\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nSun 2026-12-13 "), std::string::npos);
  EXPECT_NE(r.out.find("\nWed 17:00 "), std::string::npos);
}

TEST(WeekCommand, StaffGivesEachIntervalItsDayAndDate) {
  const auto r =
      run_ccsim("staff scenarios/contact_week.json --method erlang --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["intervals"].size(), 70u);
  EXPECT_EQ(j["intervals"][69]["day"], 6);
  EXPECT_EQ(j["intervals"][69]["date"], "2026-12-13");
  EXPECT_EQ(j["intervals"][69]["start"], "17:00");
  EXPECT_EQ(j["agent_groups"]["team"]["per_interval"].size(), 70u);
}

TEST(WeekCommand, StaffCsvDatesEachRow) {
  const auto r =
      run_ccsim("staff scenarios/contact_week.json --method erlang --replications 2 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "date,interval,queue,agent_group,required_net,required_gross,scheduled");
  // Interval 39 is the last of day 3: 17:00 on 2026-12-10; both types share the one group.
  EXPECT_NE(r.out.find("\n2026-12-10,17:00,calls,team,"), std::string::npos);
  EXPECT_NE(r.out.find("\n2026-12-10,17:00,email,team,"), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + 70 * 2);
}

TEST(WeekCommand, WhatIfGivesEachDayItsPairedTotals) {
  auto variant = nlohmann::json::parse(ccsim::test::read_file(
      std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios/contact_week.json"));
  for (auto& n : variant["agent_groups"][0]["staff"]["per_interval"]) n = n.get<int>() + 1;
  const auto dir = ccsim::test::temp_dir("week_whatif");
  const auto file = ccsim::test::write_file(dir, "variant.json", variant.dump());
  const auto r = run_ccsim("run scenarios/contact_week.json --vs '" + file.string() +
                           "' --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["days"].size(), 7u);
  EXPECT_EQ(j["days"][2]["date"], "2026-12-09");
  EXPECT_EQ(j["intervals"][25]["day"], 2);
  // More agents every day: each day's calls wait less.
  for (const auto& day : j["days"]) {
    EXPECT_LT(day["totals"]["calls"]["asa_s"]["difference"]["mean"].get<double>(), 0.0);
  }
}

TEST(WeekCommand, CompareMatchesMeasuredRowsByDateAndClockTime) {
  const auto dir = ccsim::test::temp_dir("week_compare");
  const auto measured = ccsim::test::write_file(dir, "measured.csv",
                                                "interval,date,contact_type,offered\n10:00,2026-12-"
                                                "08,calls,100\n10:00,2026-12-12,calls,50\n");
  const auto r = run_ccsim("compare scenarios/contact_week.json --measured '" + measured.string() +
                           "' --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["intervals"].size(), 2u);
  EXPECT_EQ(j["intervals"][0]["index"], 12);
  EXPECT_EQ(j["intervals"][0]["date"], "2026-12-08");
  EXPECT_EQ(j["intervals"][1]["index"], 52);
  EXPECT_EQ(j["intervals"][1]["start"], "10:00");
  EXPECT_EQ(j["intervals"][1]["day"], 5);
}

}  // namespace
