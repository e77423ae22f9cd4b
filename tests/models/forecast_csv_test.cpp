// Forecast and roster CSV files (models/scenario/forecast_csv.h, interval_csv.h): what they
// fill, the formats exports write, and every problem named by file and line.
#include "models/scenario/forecast_csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Lines = std::vector<std::string>;

// Two voice types and one group over 08:00-10:00 in four 30-minute intervals; the types'
// arrivals come from forecast.csv and the group's staff from roster.csv.
json scenario_doc() {
  return json::parse(R"({
    "name": "forecast",
    "horizon": {"interval_minutes": 30, "intervals": 4, "start": "08:00"},
    "forecast": {"file": "forecast.csv"},
    "contact_types": [
      {"name": "billing", "handle_time": {"dist": "exponential", "mean_s": 300},
       "patience": {"dist": "exponential", "mean_s": 180}},
      {"name": "cards", "handle_time": {"dist": "lognormal", "mean_s": 200, "cv": 1}}
    ],
    "agent_groups": [{"name": "desk", "skills": ["billing", "cards"],
                      "staff": {"file": "roster.csv"}}]
  })");
}

const char* kRoster = "interval,agents\n08:00,3\n08:30,4\n09:00,5\n09:30,6\n";

class ForecastFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim_forecast_csv_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  ScenarioParse parse(const json& doc = scenario_doc()) { return parse_scenario(doc, dir_); }
  // The errors of scenario_doc() with `forecast` and kRoster.
  Lines forecast_errors(const std::string& forecast) {
    write("forecast.csv", forecast);
    write("roster.csv", kRoster);
    return parse().errors;
  }
  Lines roster_errors(const std::string& roster, const json& doc = scenario_doc()) {
    write("forecast.csv", "interval,contact_type,volume\n08:00,billing,1\n08:00,cards,1\n");
    write("roster.csv", roster);
    return parse(doc).errors;
  }

  fs::path dir_;
};

TEST_F(ForecastFiles, FillArrivalsAndStaffingWithZeroWhereARowIsMissing) {
  write("forecast.csv",
        "date,interval,contact_type,volume\n"
        "2026-03-02,08:00,billing,10\n2026-03-02,08:30,billing,12.5\n"
        "2026-03-02,09:30,billing,7\n2026-03-02,09:00,cards,4\n");
  write("roster.csv", kRoster);
  const ScenarioParse parsed = parse();
  ASSERT_EQ(parsed.errors, Lines{});
  const Scenario& s = *parsed.scenario;
  EXPECT_EQ(s.contact_types[0].arrivals.kind, Arrivals::Kind::PerInterval);
  EXPECT_EQ(s.contact_types[0].arrivals.per_interval, (std::vector<double>{10, 12.5, 0, 7}));
  EXPECT_EQ(s.contact_types[1].arrivals.per_interval, (std::vector<double>{0, 0, 4, 0}));
  EXPECT_EQ(s.agent_groups[0].staff.kind, Staffing::Kind::PerInterval);
  EXPECT_EQ(s.agent_groups[0].staff.per_interval, (std::vector<int>{3, 4, 5, 6}));
  EXPECT_TRUE(s.contact_types[0].handle_time.mean_s_by_interval.empty());
  ASSERT_EQ(s.data_files.size(), 2u);
  const DataFileRead& f = s.data_files[0];
  EXPECT_EQ(f.kind, DataFileRead::Kind::Forecast);
  EXPECT_EQ(f.file, "forecast.csv");
  EXPECT_EQ(std::vector<int>({f.rows, f.series, f.days, f.intervals}),
            std::vector<int>({4, 2, 1, 4}));
  const DataFileRead& r = s.data_files[1];
  EXPECT_EQ(r.kind, DataFileRead::Kind::Roster);
  EXPECT_EQ(std::vector<int>({r.rows, r.series, r.days, r.intervals}),
            std::vector<int>({4, 1, 1, 4}));
}

TEST_F(ForecastFiles, ExportSpellingsAreRead) {
  // A byte order mark, CRLF, ';' with decimal commas, synonyms in any case, a unit in
  // parentheses, mm:ss and h:mm:ss durations, quoted fields, an ignored column.
  write("forecast.csv",
        "\xEF\xBB\xBF"
        "Day;Time;Queue;Offered Calls;AHT (s);Patience;Note\r\n"
        "2026-03-02;8:00;billing;10,5;4:05;\"0:03:00\";x\r\n"
        "\r\n"
        "2026-03-02;08:30:00;cards;3;200,5;;\r\n");
  write("roster.csv", "INTERVAL\tTeam\tFTE\n08:00\tdesk\t2\n08:30\tdesk\t3,0\n");
  json doc = scenario_doc();
  const ScenarioParse parsed = parse(doc);
  EXPECT_EQ(parsed.errors, Lines{"forecast.file: forecast.csv: has no volume column (named "
                                 "volume, calls, offered or contacts)"});
  write("forecast.csv",
        "\xEF\xBB\xBF"
        "Day;Time;Queue;Calls;AHT (s);Patience;Note\r\n"
        "2026-03-02;8:00;billing;10,5;4:05;\"0:03:00\";x\r\n"
        "\r\n"
        "2026-03-02;08:30:00;cards;3;200,5;;\r\n");
  const ScenarioParse ok = parse(doc);
  ASSERT_EQ(ok.errors, Lines{});
  EXPECT_EQ(ok.warnings, Lines{"forecast.file: forecast.csv: column 7 \"Note\" ignored: not one "
                               "of date, interval, contact_type, volume, aht_s, patience_s"});
  const Scenario& s = *ok.scenario;
  EXPECT_EQ(s.contact_types[0].arrivals.per_interval, (std::vector<double>{10.5, 0, 0, 0}));
  EXPECT_EQ(s.contact_types[1].arrivals.per_interval, (std::vector<double>{0, 3, 0, 0}));
  EXPECT_EQ(s.contact_types[0].handle_time.mean_s_by_interval,
            (std::vector<double>{245, 300, 300, 300}));
  EXPECT_EQ(s.contact_types[0].patience->mean_s_by_interval,
            (std::vector<double>{180, 180, 180, 180}));
  EXPECT_EQ(s.contact_types[1].handle_time.mean_s_by_interval,
            (std::vector<double>{200, 200.5, 200, 200}));
  EXPECT_EQ(s.agent_groups[0].staff.per_interval, (std::vector<int>{2, 3, 0, 0}));
}

TEST_F(ForecastFiles, EveryBadRowIsNamedByFileAndLineInLineOrder) {
  EXPECT_EQ(
      forecast_errors("interval,contact_type,volume,aht_s\n"
                      "08:00,billing,abc,300\n"
                      "08:15,billing,1,\n"
                      "8h00,cards,-1,0\n"
                      "10:00,cards,1,\n"
                      "09:00,biling,1,\n"
                      "09:00,cards,inf,1:75\n"
                      "09:30,billing\n"
                      ",,1,\n"
                      "09:30,cards,\"1,5\",1e400\n"),
      (Lines{
          "forecast.file: forecast.csv line 2: volume must be a number >= 0 (got \"abc\")",
          "forecast.file: forecast.csv line 3: interval must start an interval of the horizon "
          "(every 1800 s from 08:00, 4 intervals a day) (got \"08:15\")",
          "forecast.file: forecast.csv line 4: interval must be a clock time HH:MM (got \"8h00\")",
          "forecast.file: forecast.csv line 4: volume must be a number >= 0 (got \"-1\")",
          "forecast.file: forecast.csv line 4: aht_s must be a number of seconds > 0 and <= 1e9, "
          "or mm:ss (got \"0\")",
          "forecast.file: forecast.csv line 5: interval must start an interval of the horizon "
          "(every 1800 s from 08:00, 4 intervals a day) (got \"10:00\")",
          "forecast.file: forecast.csv line 6: contact_type must be the name of a contact type "
          "(got \"biling\"); did you mean \"billing\"?",
          "forecast.file: forecast.csv line 7: volume must be a number >= 0 (got \"inf\")",
          "forecast.file: forecast.csv line 7: aht_s must be a number of seconds > 0 and <= 1e9, "
          "or mm:ss (got \"1:75\")",
          "forecast.file: forecast.csv line 8: has 2 fields where the header has 4",
          "forecast.file: forecast.csv line 9: interval must not be empty",
          "forecast.file: forecast.csv line 9: contact_type must not be empty",
          "forecast.file: forecast.csv line 10: volume must be a number >= 0 (got \"1,5\")",
          "forecast.file: forecast.csv line 10: aht_s must be a number of seconds > 0 and <= 1e9, "
          "or mm:ss (got \"1e400\")",
      }));
}

TEST_F(ForecastFiles, ManyBadRowsAreSummarisedAfterTwenty) {
  std::string text = "interval,contact_type,volume\n";
  for (int i = 0; i < 25; ++i) text += "08:00,billing,x\n";
  Lines expected;
  for (int line = 2; line <= 21; ++line) {
    expected.push_back("forecast.file: forecast.csv line " + std::to_string(line) +
                       ": volume must be a number >= 0 (got \"x\")");
  }
  expected.push_back("forecast.file: forecast.csv: 5 more problems not shown");
  EXPECT_EQ(forecast_errors(text), expected);
}

TEST_F(ForecastFiles, ACellGivenTwiceNamesBothLines) {
  EXPECT_EQ(forecast_errors("interval,contact_type,volume\n08:00,billing,1\n08:00,cards,2\n"
                            "08:00,billing,3\n"),
            Lines{"forecast.file: forecast.csv line 4: \"billing\" at 08:00 is given twice, first "
                  "at line 2"});
}

TEST_F(ForecastFiles, HeaderProblemsNameTheColumns) {
  EXPECT_EQ(forecast_errors("time,calls,volume\n08:00,1,1\n"),
            (Lines{"forecast.file: forecast.csv: columns 2 \"calls\" and 3 \"volume\" both give "
                   "volume",
                   "forecast.file: forecast.csv: has no contact_type column (named contact_type, "
                   "type or queue)"}));
  EXPECT_EQ(forecast_errors(""), Lines{"forecast.file: forecast.csv: has no header row"});
  EXPECT_EQ(forecast_errors("interval,contact_type,volume\n\n"),
            Lines{"forecast.file: forecast.csv: has no data rows"});
  EXPECT_EQ(forecast_errors("interval,contact_type,volume\r08:00,billing,1\r"),
            Lines{"forecast.file: forecast.csv line 1: has a carriage return (CR) inside the "
                  "line: lines must end in LF or CRLF (CR-only line ends are not supported)"});
}

TEST_F(ForecastFiles, FileProblemsNameTheFile) {
  write("roster.csv", kRoster);
  EXPECT_EQ(parse().errors, Lines{"forecast.file: forecast.csv: cannot open file"});
  fs::create_directories(dir_ / "forecast.csv");
  EXPECT_EQ(parse().errors, Lines{"forecast.file: forecast.csv: is a directory"});
  json doc = scenario_doc();
  doc["forecast"]["file"] = "/dev/zero";
  EXPECT_EQ(parse(doc).errors,
            Lines{"forecast.file: /dev/zero: not a regular file (a FIFO, socket or device)"});
  doc["forecast"] = {{"file", ""}, {"fle", 1}};
  EXPECT_EQ(parse(doc).errors, (Lines{"forecast.fle: unknown key; did you mean \"file\"?",
                                      "forecast.file: must not be empty (got \"\")"}));
  doc["forecast"] = json::object();
  EXPECT_EQ(parse(doc).errors, Lines{"forecast.file: is required"});
}

TEST_F(ForecastFiles, ATypeTakesItsArrivalsFromExactlyOnePlace) {
  write("forecast.csv", "interval,contact_type,volume\n08:00,billing,1\n");
  write("roster.csv", kRoster);
  json doc = scenario_doc();
  EXPECT_EQ(parse(doc).errors, Lines{"contact_types[1].arrivals: is required: forecast.csv has no "
                                     "rows for \"cards\""});
  doc["contact_types"][0]["arrivals"] = {{"rate_per_hour", 10}};
  doc["contact_types"][1]["arrivals"] = {{"rate_per_hour", 10}};
  EXPECT_EQ(parse(doc).errors, Lines{"contact_types[0].arrivals: given both here and in "
                                     "forecast.csv (line 2): keep one"});
  doc.erase("forecast");
  doc["contact_types"][1].erase("arrivals");
  EXPECT_EQ(parse(doc).errors, Lines{"contact_types[1].arrivals: is required"});
}

TEST_F(ForecastFiles, PatienceFromTheFileNeedsAPatienceDistribution) {
  EXPECT_EQ(forecast_errors("interval,contact_type,volume,patience_s\n08:00,billing,1,200\n"
                            "08:00,cards,1,200\n"),
            Lines{"contact_types[1].patience: is required to take the patience_s of forecast.csv "
                  "(line 3)"});
}

TEST_F(ForecastFiles, DatesStartAtTheFirstDateOfTheFile) {
  // Without a start date, the file's earliest date is day 0: a one-day horizon cannot take a
  // second date.
  EXPECT_EQ(forecast_errors("date,interval,contact_type,volume\n2026-03-03,08:00,billing,1\n"
                            "2026-03-02,08:00,cards,1\n2026-02-30,08:30,cards,1\n"),
            (Lines{"forecast.file: forecast.csv line 2: date and interval must start an interval "
                   "of the horizon (every 1800 s from 08:00, 4 intervals a day) (got \"2026-03-03 "
                   "08:00\")",
                   "forecast.file: forecast.csv line 4: date must be a date YYYY-MM-DD (got "
                   "\"2026-02-30\")"}));
}

TEST_F(ForecastFiles, TheHorizonsStartDateIsDayZero) {
  Horizon horizon;
  horizon.interval_s = 1800;
  horizon.intervals = 4;
  horizon.start = "08:00";
  horizon.start_date = "2026-03-02";
  write("f.csv", "date,interval,contact_type,volume\n2026-03-01,08:00,billing,1\n");
  reading::Checker in(dir_);
  reading::DateAnchor anchor = reading::date_anchor(horizon);
  const auto forecast = reading::read_forecast(in, "forecast.file", "f.csv", horizon,
                                               {std::string("billing")}, anchor);
  EXPECT_FALSE(forecast.has_value());
  EXPECT_EQ(in.take_errors(),
            Lines{"forecast.file: f.csv line 2: date and interval must start an interval of the "
                  "horizon (every 1800 s from 08:00, 4 intervals a day) (got \"2026-03-01 "
                  "08:00\")"});
  horizon.start_date.clear();
  anchor = reading::date_anchor(horizon);
  const auto read = reading::read_forecast(in, "forecast.file", "f.csv", horizon,
                                           {std::string("billing")}, anchor);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->series[0].volume, (std::vector<double>{1, 0, 0, 0}));
  EXPECT_EQ(anchor.day0, date_day_number("2026-03-01"));
  EXPECT_EQ(anchor.day0, 20513);  // days since 1970-01-01
}

TEST_F(ForecastFiles, AHorizonOfSeveralDaysNeedsADateColumn) {
  Horizon horizon;
  horizon.interval_s = 1800;
  horizon.intervals = 4;
  horizon.days = 2;
  write("f.csv", "interval,contact_type,volume\n00:00,billing,1\n");
  reading::Checker in(dir_);
  reading::DateAnchor anchor;
  EXPECT_FALSE(reading::read_forecast(in, "forecast.file", "f.csv", horizon,
                                      {std::string("billing")}, anchor)
                   .has_value());
  EXPECT_EQ(in.take_errors(), Lines{"forecast.file: f.csv: has no date column, which a horizon of "
                                    "2 days needs"});
}

TEST_F(ForecastFiles, AHorizonAcrossMidnightTakesTheNextDatesEarlyIntervals) {
  Horizon horizon;
  horizon.interval_s = 3600;
  horizon.intervals = 4;
  horizon.start = "22:00";
  write("f.csv", "date,interval,type,volume\n2026-03-02,22:00,night,1\n2026-03-03,01:00,night,4\n");
  write("g.csv", "interval,type,volume\n00:00,night,3\n23:00,night,2\n");
  reading::Checker in(dir_);
  reading::DateAnchor anchor;
  const auto dated =
      reading::read_forecast(in, "f", "f.csv", horizon, {std::string("night")}, anchor);
  reading::DateAnchor none;
  const auto undated =
      reading::read_forecast(in, "f", "g.csv", horizon, {std::string("night")}, none);
  EXPECT_EQ(in.take_errors(), Lines{});
  ASSERT_TRUE(dated && undated);
  EXPECT_EQ(dated->series[0].volume, (std::vector<double>{1, 0, 0, 4}));
  EXPECT_EQ(undated->series[0].volume, (std::vector<double>{0, 2, 3, 0}));
}

TEST(ForecastMeans, MissingIntervalsTakeTheDistributionsMean) {
  Distribution d = Distribution::lognormal(300, 1);
  set_interval_means(d, {});
  EXPECT_TRUE(d.mean_s_by_interval.empty());
  set_interval_means(d, {std::nullopt, 240.0, std::nullopt});
  EXPECT_EQ(d.mean_s_by_interval, (std::vector<double>{300, 240, 300}));
  EXPECT_EQ(d.mean_s, 300);
}

// ---- rosters

TEST_F(ForecastFiles, RosterAgentsAreWholeNumbers) {
  EXPECT_EQ(roster_errors("interval,agents\n08:00,2.5\n08:30,-1\n09:00,1000001\n09:30,4,0\n"),
            (Lines{"agent_groups[0].staff.file: roster.csv line 2: agents must be a whole number "
                   "of agents from 0 to 1000000 (got \"2.5\")",
                   "agent_groups[0].staff.file: roster.csv line 3: agents must be a whole number "
                   "of agents from 0 to 1000000 (got \"-1\")",
                   "agent_groups[0].staff.file: roster.csv line 4: agents must be a whole number "
                   "of agents from 0 to 1000000 (got \"1000001\")",
                   "agent_groups[0].staff.file: roster.csv line 5: has 3 fields where the header "
                   "has 2"}));
}

TEST_F(ForecastFiles, OneRosterStaffsSeveralGroupsByName) {
  json doc = scenario_doc();
  doc["agent_groups"][0]["skills"] = {"billing"};
  doc["agent_groups"].push_back(
      {{"name", "cards team"}, {"skills", {"cards"}}, {"staff", {{"file", "./roster.csv"}}}});
  write("forecast.csv", "interval,contact_type,volume\n08:00,billing,1\n08:00,cards,1\n");
  write("roster.csv",
        "interval,agent_group,agents\n08:00,desk,1\n08:00,cards team,2\n09:30,desk,3\n");
  const ScenarioParse parsed = parse(doc);
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->agent_groups[0].staff.per_interval, (std::vector<int>{1, 0, 0, 3}));
  EXPECT_EQ(parsed.scenario->agent_groups[1].staff.per_interval, (std::vector<int>{2, 0, 0, 0}));
  ASSERT_EQ(parsed.scenario->data_files.size(), 2u);
  EXPECT_EQ(parsed.scenario->data_files[1].series, 2);
  // Without an agent_group column a file staffs one group only.
  EXPECT_EQ(roster_errors(kRoster, doc),
            Lines{"agent_groups[1].staff.file: roster.csv has no agent_group column, so it "
                  "staffs one group only (agent_groups[0] names it too)"});
}

TEST_F(ForecastFiles, RosterRowsMustBeForTheGroupsThatNameTheFile) {
  json doc = scenario_doc();
  doc["agent_groups"][0]["skills"] = {"billing"};
  doc["agent_groups"].push_back(
      {{"name", "cards team"}, {"skills", {"cards"}}, {"staff", {{"count", 2}}}});
  EXPECT_EQ(roster_errors("interval,group,agents\n08:00,dsk,1\n08:00,cards team,2\n"
                          "08:30,desk,1\n08:30,desk,1\n",
                          doc),
            (Lines{"agent_groups[0].staff.file: roster.csv line 2: agent_group must be the name "
                   "of an agent group staffed from this file (got \"dsk\"); did you mean "
                   "\"desk\"?",
                   "agent_groups[0].staff.file: roster.csv line 3: agent group \"cards team\" "
                   "takes its staff from agent_groups[1].staff, not from this file",
                   "agent_groups[0].staff.file: roster.csv line 5: \"desk\" at 08:30 is given "
                   "twice, first at line 4"}));
  EXPECT_EQ(roster_errors("interval,group,agents\n", doc),
            Lines{"agent_groups[0].staff.file: roster.csv: has no data rows"});
  EXPECT_EQ(roster_errors("interval,group,agents\n08:00,desk,1\n", doc), Lines{});
  doc["agent_groups"][1]["staff"] = {{"file", "roster.csv"}};
  EXPECT_EQ(roster_errors("interval,group,agents\n08:00,desk,1\n", doc),
            Lines{"agent_groups[1].staff.file: roster.csv has no rows for agent group \"cards "
                  "team\""});
}

}  // namespace
}  // namespace ccsim
