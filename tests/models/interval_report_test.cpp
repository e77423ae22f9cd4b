// Interval reports as WFM tools export them (read_measured_csv): header synonyms in any case,
// percentages and mm:ss durations, every header problem at once, and per-date rows of a typical
// day pooled into it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/measured/measured.h"
#include "models/scenario/scenario_json.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim {
namespace {

const std::filesystem::path kData = std::filesystem::path(CCSIM_SOURCE_DIR) / "tests" / "data";

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto dir = test::temp_dir("interval_report");
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Scenario compare_scenario() {
  const ScenarioParse p = load_scenario(kData / "compare_scenario.json");
  EXPECT_TRUE(p.ok());
  return *p.scenario;
}

TEST(IntervalReport, ReadsWfmExportHeadersPercentagesAndDurations) {
  const Scenario sc = compare_scenario();
  const MeasuredTable t = read_measured_csv(
      write_temp("wfm.csv",
                 "Interval,Queue,Calls Offered,Handled,ABANDONED,Avg Speed of Answer,SL %,"
                 "AHT (s),Abandon Rate\n"
                 "08:00,billing,61,58,3,0:14,81.3,3:24.5,4.9%\n"
                 "08:30,cards,40,36,4,1:02:05,75%,150,\n"),
      sc, 1);
  ASSERT_FALSE(t.fatal) << *t.fatal;
  ASSERT_TRUE(t.errors.empty()) << t.errors.front();
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].type, 0);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::Offered), 61);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::Answered), 58);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::Abandoned), 3);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::Asa), 14);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::ServiceLevel), 0.813);  // "SL %": 81.3 is 81.3%
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::Aht), 204.5);
  EXPECT_DOUBLE_EQ(*t.rows[0].get(Kpi::AbandonRate), 0.049);
  EXPECT_EQ(t.rows[1].type, 1);
  EXPECT_DOUBLE_EQ(*t.rows[1].get(Kpi::Asa), 3725);
  EXPECT_DOUBLE_EQ(*t.rows[1].get(Kpi::ServiceLevel), 0.75);
  EXPECT_DOUBLE_EQ(*t.rows[1].get(Kpi::AbandonRate), 0.1);  // derived: 4 ÷ (36 + 4)
}

TEST(IntervalReport, EveryBadColumnIsReportedAtOnce) {
  const Scenario sc = compare_scenario();
  const auto file = write_temp("cols.csv", "Time,Queue,Foo,Offered,Calls Offered,AHT %\n");
  const MeasuredTable t = read_measured_csv(file, sc, 1);
  const std::string f = file.string();
  ASSERT_EQ(t.errors.size(), 3u);
  EXPECT_EQ(t.errors[0], f + " line 1: column \"Foo\" must be one of interval, date, contact_type, "
                             "offered, answered, abandoned, abandon_rate, asa_s, service_level, "
                             "aht_s or a synonym of one");
  EXPECT_EQ(t.errors[1],
            f + " line 1: column \"Calls Offered\" is offered, as column \"Offered\" is");
  EXPECT_EQ(t.errors[2], f + " line 1: column \"AHT %\" is aht_s, which is not a percentage; only "
                             "service_level and abandon_rate may be given in %");
  EXPECT_EQ(t.fatal.value_or(""), f + ": the header has 3 problems; nothing was read");
  EXPECT_TRUE(t.rows.empty());
}

TEST(IntervalReport, SharesAndDurationsSayWhatTheyMayBe) {
  const Scenario sc = compare_scenario();
  const auto file = write_temp("values.csv",
                               "interval,contact_type,service_level,ASA,offered\n"
                               "0,billing,81.3,10,5\n"
                               "1,billing,0.8,1:75,5\n"
                               "2,billing,0.8,10,5%\n"
                               "3,billing,120%,10,5\n");
  const MeasuredTable t = read_measured_csv(file, sc, 1);
  const std::string f = file.string();
  ASSERT_EQ(t.errors.size(), 4u);
  EXPECT_EQ(t.errors[0], f + " line 2: service_level: must be in [0, 1], or a percentage written "
                             "with % (got \"81.3\")");
  EXPECT_EQ(t.errors[1], f + " line 3: ASA: must be seconds or a duration mm:ss or h:mm:ss (got "
                             "\"1:75\")");
  EXPECT_EQ(t.errors[2], f + " line 4: offered: must be a number, not a percentage (got \"5%\")");
  EXPECT_EQ(t.errors[3],
            f + " line 5: service_level: must be a percentage from 0% to 100% (got \"120%\")");
}

TEST(IntervalReport, DatesOfAOneDayHorizonArePooledIntoTheTypicalDay) {
  const Scenario sc = compare_scenario();
  const MeasuredTable t = read_measured_csv(
      write_temp("dated.csv",
                 "date,interval,contact_type,offered,answered,abandoned,service_level,asa_s\n"
                 "2026-11-30,08:00,billing,60,50,10,0.8,10\n"
                 "2026-11-30,08:00,cards,30,30,0,1,5\n"
                 "2026-12-01,08:00,billing,40,38,2,0.9,20\n"),
      sc, 1);
  ASSERT_FALSE(t.fatal) << *t.fatal;
  ASSERT_TRUE(t.errors.empty()) << t.errors.front();
  EXPECT_EQ(t.days, 2);
  ASSERT_EQ(t.rows.size(), 2u);
  const MeasuredRow& b = t.rows[0];
  EXPECT_EQ(b.line, 2u);
  EXPECT_DOUBLE_EQ(*b.get(Kpi::Offered), 50);  // counts per day: (60 + 40) ÷ 2
  EXPECT_DOUBLE_EQ(*b.get(Kpi::Answered), 44);
  EXPECT_DOUBLE_EQ(*b.get(Kpi::Abandoned), 6);
  EXPECT_DOUBLE_EQ(*b.get(Kpi::AbandonRate), 12.0 / 100);  // pooled: 12 of 100
  EXPECT_DOUBLE_EQ(*b.get(Kpi::ServiceLevel), (0.8 * 60 + 0.9 * 40) / 100);
  EXPECT_DOUBLE_EQ(*b.get(Kpi::Asa), (10.0 * 50 + 20.0 * 38) / 88);  // over answered contacts
  EXPECT_DOUBLE_EQ(*t.rows[1].get(Kpi::Offered), 30);                // measured on one date only
}

TEST(IntervalReport, ADateColumnAndAGivenNumberOfDaysContradict) {
  const Scenario sc = compare_scenario();
  const auto file = write_temp("dated.csv",
                               "date,interval,contact_type,offered\n"
                               "2026-11-30,08:00,billing,60\n"
                               "2026-11-30,08:00,billing,61\n"
                               "2026-13-01,08:00,billing,61\n");
  const MeasuredTable t = read_measured_csv(file, sc, 3);
  const std::string f = file.string();
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0], f + " line 3: duplicate of line 2 (date 2026-11-30, interval 08:00, "
                             "contact type \"billing\")");
  EXPECT_EQ(t.errors[1], f + " line 4: date: must be a calendar date YYYY-MM-DD (got "
                             "\"2026-13-01\")");
  EXPECT_EQ(t.fatal.value_or(""), f + ": its date column gives the measured days (1), so no "
                                      "number of days (3) may be given besides");
}

}  // namespace
}  // namespace ccsim
