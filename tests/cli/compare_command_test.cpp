// ccsim compare, end to end through the built program.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "models/measured/contact_log.h"
#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;

const std::string kScenario = "tests/data/compare_scenario.json";

TEST(CompareCommand, IntervalReportGivesAccuracyAndPerIntervalTables) {
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/measured_intervals.csv --replications 4");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Accuracy"), std::string::npos);
  EXPECT_NE(r.out.find("interval report, 1 day"), std::string::npos);
  EXPECT_NE(r.out.find("Per interval: billing"), std::string::npos);
  EXPECT_NE(r.out.find("Per interval: all"), std::string::npos);
}

TEST(CompareCommand, JsonHasSummariesAndOneRowPerMeasuredFigure) {
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/measured_intervals.csv --replications 4"
                           " --measured-days 20 --erlang-a --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["replications"], 4);
  EXPECT_EQ(j["measured"]["kind"], "intervals");
  EXPECT_EQ(j["measured"]["days"], 20);
  EXPECT_EQ(j["weights"], "offered");
  const auto& asa = j["summary"]["simulation"]["billing"]["asa_s"];
  EXPECT_EQ(asa["intervals"], 2);
  for (const char* key : {"mape", "bias", "relative_bias", "within_pi95"}) {
    EXPECT_TRUE(asa[key].is_number()) << key;
  }
  // Erlang A models the pooled queue only.
  EXPECT_TRUE(j["summary"]["erlang_a"].contains("all"));
  EXPECT_FALSE(j["summary"]["erlang_a"].contains("billing"));
  // 08:00 billing 7 figures (abandon_rate derived), 08:30 billing 7, 08:30 cards 7, 09:30 cards
  // 1 (offered), 09:00 all 5.
  ASSERT_EQ(j["intervals"].size(), 27u);
  const auto& first = j["intervals"][0];
  EXPECT_EQ(first["start"], "08:00");
  EXPECT_EQ(first["contact_type"], "billing");
  EXPECT_EQ(first["kpi"], "offered");
  EXPECT_EQ(first["measured"], 61.0);
  for (const char* key : {"mean", "ci95", "pi95", "error", "within_pi95"}) {
    EXPECT_TRUE(first["simulation"].contains(key)) << key;
  }
  EXPECT_FALSE(first.contains("erlang_a"));  // a per-type row
  bool erlang_row = false;
  for (const auto& row : j["intervals"]) erlang_row |= row.contains("erlang_a");
  EXPECT_TRUE(erlang_row);
}

TEST(CompareCommand, CsvHasIntervalAndSummaryRows) {
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/measured_intervals.csv --replications 3"
                           " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "section,model,interval,start,contact_type,kpi,predicted,ci95,pi95,measured,error,"
            "within_pi95,weight,intervals,mape,bias,relative_bias,share_within_pi95");
  EXPECT_NE(r.out.find("\nsummary,simulation,,,billing,asa_s,"), std::string::npos);
  EXPECT_NE(r.out.find("\ninterval,simulation,0,08:00,billing,offered,"), std::string::npos);
}

TEST(CompareCommand, OneMeasuredDaySaysThePredictionIntervalCoverageMeansLittle) {
  const auto one = run_ccsim("compare " + kScenario +
                             " --measured tests/data/measured_intervals.csv --replications 3");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("(interval report, 1 day; counts per day)\n"), std::string::npos);
  EXPECT_NE(one.out.find("\nNote: The measured figures are one day's, so the share within the "
                         "95% prediction interval (within) says little"),
            std::string::npos)
      << one.out;
  const auto dir = temp_dir("compare_dates");
  std::ofstream(dir / "m.csv") << "Date,Interval,Queue,Calls Offered,SL %\n"
                                  "2026-11-30,08:00,billing,60,80\n"
                                  "2026-12-01,08:00,billing,40,90\n";
  const auto two = run_ccsim("compare " + kScenario + " --measured '" + (dir / "m.csv").string() +
                             "' --replications 3 --format json");
  ASSERT_EQ(two.exit_code, 0) << two.err;
  const auto j = nlohmann::json::parse(two.out);
  EXPECT_EQ(j["measured"]["days"], 2);
  EXPECT_EQ(j["notes"], nlohmann::json::array());
  for (const auto& row : j["intervals"]) {
    if (row["kpi"] == "offered") {
      EXPECT_EQ(row["measured"], 50);  // (60 + 40) ÷ 2 days
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(CompareCommand, EveryBadColumnOfTheMeasuredFileIsReportedAtOnce) {
  const auto dir = temp_dir("compare_columns");
  const std::string file = (dir / "m.csv").string();
  std::ofstream(file) << "Interval,Queue,Offred,Service Level,Wait\n0,billing,1,0.8,3\n";
  const auto r = run_ccsim("compare " + kScenario + " --measured '" + file + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err,
      "error: " + file +
          " line 1: column \"Offred\" must be one of interval, date, contact_type, "
          "offered, answered, abandoned, abandon_rate, asa_s, service_level, aht_s or a synonym "
          "of one; did you mean \"offered\"?\n"
          "error: " +
          file +
          " line 1: column \"Wait\" must be one of interval, date, contact_type, "
          "offered, answered, abandoned, abandon_rate, asa_s, service_level, aht_s or a synonym "
          "of one\n"
          "error: " +
          file + ": the header has 2 problems; nothing was read\n");
  std::filesystem::remove_all(dir);
}

TEST(CompareCommand, MalformedRowsExitTwoWithLineNumbersAndWriteNothing) {
  const auto dir = temp_dir("compare_bad");
  const auto out = dir / "cmp.json";
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/measured_bad.csv --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: tests/data/measured_bad.csv line 3: offered: must be a number "
                       "(got \"x\")"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 7: offered: must be >= 0 (got \"-3\")"), std::string::npos);
  EXPECT_NE(r.err.find("5 malformed rows"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(CompareCommand, SkipBadRowsComparesTheRest) {
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/measured_bad.csv --skip-bad-rows"
                           " --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: tests/data/measured_bad.csv line 3"), std::string::npos);
  EXPECT_NE(r.err.find("5 malformed rows skipped"), std::string::npos);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["measured"]["bad_rows"], 5);
  EXPECT_EQ(j["intervals"].size(), 2u);  // 08:00 billing: offered and asa_s
}

TEST(CompareCommand, APerContactLogIsDetectedAndAggregatedOverItsDays) {
  const auto dir = temp_dir("compare_log");
  const auto log = dir / "log.csv";
  std::string text(ccsim::kCcsimLogColumns);
  text += "\n0,0,billing,0,answered,100,,,100,110,210,100,0,advisers,1,0,0,,\n";
  text += "1,0,billing,0,abandoned,200,,,200,,300,,,,,0,0,,\n";
  text += "2,0,cards,0,answered,2000,,,2000,2000,2100,100,0,advisers,1,0,0,,\n";
  std::ofstream(log) << text;
  const auto r = run_ccsim("compare " + kScenario + " --measured '" + log.string() +
                           "' --days 0..1 --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["measured"]["kind"], "log");
  EXPECT_EQ(j["measured"]["days"], 2);
  const auto& first = j["intervals"][0];
  EXPECT_EQ(first["contact_type"], "billing");
  EXPECT_EQ(first["kpi"], "offered");
  EXPECT_EQ(first["measured"], 1.0);  // two contacts over two days
}

TEST(CompareCommand, BadOptionsExitTwo) {
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases{
      {"compare " + kScenario, "--measured: is required"},
      {"compare " + kScenario + " --measured tests/data/measured_intervals.csv --days sun-thu",
       "--days: only for a per-contact log"},
      {"compare " + kScenario +
           " --measured tests/data/anonymous_bank_sample.txt --measured-days 3",
       "--measured-days: only for an interval report"},
      {"compare " + kScenario + " --measured x.csv --preset bank",
       "--preset: must be one of anonymous-bank, ccsim (got \"bank\")"},
      {"compare " + kScenario + " --measured x.csv --measured-log", "x.csv: cannot open file"},
      {"compare " + kScenario + " --measured tests/data/nope.csv", "cannot open file"},
      {"compare " + kScenario +
           " --measured tests/data/measured_intervals.csv --days x --measured-log",
       "--days: must be weekdays"},
      {"compare scenarios/nope.json --measured tests/data/measured_intervals.csv",
       "scenarios/nope.json: cannot open file"},
  };
  for (const Case& c : cases) {
    const auto r = run_ccsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
  }
}

TEST(CompareCommand, LogTypesNotInTheScenarioAreLeftOutWithAWarning) {
  const auto r = run_ccsim("compare " + kScenario +
                           " --measured tests/data/anonymous_bank_sample.txt --replications 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contact type \"PS\" (5 contacts) is not in the scenario; left out"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("no measured figure to compare"), std::string::npos);
}

}  // namespace
