// ccsim calibrate end to end, and the simulation log behind `ccsim run --log`.
//
// tests/data/anonymous_bank_*.txt follow the format of the "Anonymous Bank" call log of the
// Technion SEE lab (Service Enterprise Engineering), with made-up rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "models/measured/contact_log.h"
#include "models/scenario/scenario_json.h"
#include "tests/cli/run_ccsim.h"
#include "tools/run_log.h"
#include "tools/run_results.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;

const std::string kSample = "tests/data/anonymous_bank_sample.txt";

TEST(CalibrateCommand, WritesAScenarioThatValidatesAndReportsTheFitOnStderr) {
  const auto dir = temp_dir("calibrate_sample");
  const auto out = dir / "bank.json";
  const auto r = run_ccsim("calibrate " + kSample + " --days sun-thu --out '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  for (const char* section :
       {"Calibration from", "Handle-time fits", "Patience", "Agents per interval"}) {
    EXPECT_NE(r.err.find(section), std::string::npos) << section;
  }
  const auto check = run_ccsim("validate '" + out.string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["horizon"]["start"], "10:00");
  EXPECT_EQ(j["horizon"]["interval_minutes"], 60.0);
  std::vector<std::string> types;
  for (const auto& ct : j["contact_types"]) types.push_back(ct["name"]);
  EXPECT_EQ(types, (std::vector<std::string>{"PS", "NE", "NW"}));
  // PS: the Sunday's four calls (the Friday call is not a Sunday–Thursday), over two days.
  EXPECT_EQ(j["contact_types"][0]["arrivals"]["per_interval"][0], 2.0);
  // The median log priority of the PS callers who waited: 2 (abandoned), 1 and 1.
  EXPECT_EQ(j["contact_types"][0]["priority"], 1);
}

TEST(CalibrateCommand, WritesJsonToStdoutAndQuietSilencesTheReport) {
  const auto r = run_ccsim("calibrate " + kSample + " --quiet --staffing activity --name Bank");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["name"], "Bank");
  EXPECT_EQ(j["agent_groups"][0]["skills"].size(), 3u);
}

TEST(CalibrateCommand, MalformedRowsExitTwoWithLineNumbersUnlessSkipped) {
  const auto dir = temp_dir("calibrate_bad");
  const auto out = dir / "s.json";
  const std::string bad = "tests/data/anonymous_bank_bad_rows.txt";
  auto r = run_ccsim("calibrate " + bad + " --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: " + bad +
                       " line 3: date: must be a date YYMMDD, YYYYMMDD or YYYY-MM-DD (got "
                       "\"99013x\")"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad + ": 4 malformed rows"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
  r = run_ccsim("calibrate " + bad + " --skip-bad-rows --quiet --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: " + bad + " line 4: must have 17 fields"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(out));
}

TEST(CalibrateCommand, BadInputExitsTwoWithAPreciseMessage) {
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases{
      {"calibrate", "a log file is required"},
      {"calibrate " + kSample + " --days sun-thx", "--days: must be weekdays"},
      {"calibrate " + kSample + " --interval-minutes 7",
       "--interval-minutes: must divide a day of 1440 minutes (got 7)"},
      {"calibrate " + kSample + " --staffing-resolution-minutes 25",
       "--staffing-resolution-minutes: must be > 0 and divide the interval of 60 minutes (got 25)"},
      {"calibrate " + kSample + " --format csv", "--format: calibrate writes a scenario"},
      {"calibrate " + kSample + " --start 25:00",
       "--start: must be a time of day HH:MM (got 25:00)"},
      {"calibrate " + kSample + " --start 10:00 --end 09:00", "--end: must be after --start"},
      {"calibrate " + kSample + " --start 10:00 --end 10:30",
       "--end: the horizon 10:00 to 10:30 must be a whole number of 60-minute intervals"},
      {"calibrate " + kSample + " --end 09:00",
       "--end: must be after the horizon start 10:00 (got 09:00)"},
      {"calibrate " + kSample + " --preset anonymous_bank",
       "--preset: must be one of anonymous-bank, ccsim (got \"anonymous_bank\"); did you mean "
       "\"anonymous-bank\"?"},
      {"calibrate " + kSample + " --columns arrival=vru_exot",
       "--columns: arrival=vru_exot: " + kSample +
           " has no column \"vru_exot\"; did you mean \"vru_exit\"?"},
      {"calibrate " + kSample + " --preset ccsim", "no column \"replication\" in the header"},
      {"calibrate " + kSample + " --types PS,XX",
       "--types: \"XX\" is not a contact type of " + kSample},
      {"calibrate " + kSample + " --days 2000-01-01",
       "no contact on the days selected (2000-01-01)"},
      {"calibrate " + kSample + " --staffing best", "--staffing: must be one of"},
      {"calibrate tests/data/none.txt", "tests/data/none.txt: cannot open file"},
      {"calibrate tests/data/measured_intervals.csv",
       "tests/data/measured_intervals.csv: not a log ccsim recognises (neither the ccsim nor the "
       "anonymous-bank header); give --preset or --columns"},
  };
  const auto dir = temp_dir("calibrate_options");
  for (const Case& c : cases) {
    const auto out = dir / "x.json";
    const auto r = run_ccsim(c.args + " --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.args;
  }
}

TEST(CalibrateCommand, AColumnMappingReadsAnyLog) {
  const auto dir = temp_dir("calibrate_columns");
  const auto log = dir / "calls.csv";
  std::ofstream f(log);
  f << "queue,date,picked,hungup,agent\n";
  for (int day = 1; day <= 3; ++day) {
    for (int k = 0; k < 40; ++k) {
      const int t = 8 * 3600 + k * 90;
      f << t << ",2024-05-0" << day << "," << (k % 5 ? std::to_string(t + 5) : "") << ","
        << (k % 5 ? t + 200 : t + 60) << ",a" << (k % 3) << "\n";
    }
  }
  f.close();
  const auto r = run_ccsim("calibrate '" + log.string() +
                           "' --columns arrival=queue,date=date,answer=picked,end=hungup,"
                           "agent=agent --interval-minutes 30 --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["contact_types"][0]["name"], "calls");
  EXPECT_EQ(j["horizon"]["start"], "08:00");
  EXPECT_EQ(j["horizon"]["intervals"], 2);
  EXPECT_EQ(j["contact_types"][0]["arrivals"]["per_interval"][0], 20.0);
  // 8 of 40 abandoned after 60 s; the answered waited 5 s each: 8 / (8·60 + 32·5) per second.
  EXPECT_NEAR(j["contact_types"][0]["patience"]["mean_s"].get<double>(), (8 * 60.0 + 32 * 5) / 8,
              0.05);
}

ccsim::Scenario compare_scenario() {
  const auto p = ccsim::load_scenario(std::filesystem::path(CCSIM_SOURCE_DIR) /
                                      "tests/data/compare_scenario.json");
  EXPECT_TRUE(p.ok());
  return *p.scenario;
}

TEST(RunWithLog, ResultsAreThoseOfRunExperimentBitForBit) {
  const ccsim::Scenario sc = compare_scenario();
  ccsim::RunOptions o;
  o.replications = 5;
  o.seed = 3;
  o.threads = 2;
  ccsim::Results with_log;
  const auto path = temp_dir("run_log") / "log.csv";
  ASSERT_FALSE(ccsim::cli::run_experiment_with_log(sc, o, path, with_log));
  const ccsim::Results plain = ccsim::run_experiment(sc, o);
  EXPECT_EQ(ccsim::cli::results_json(with_log, sc).dump(),
            ccsim::cli::results_json(plain, sc).dump());
}

TEST(RunWithLog, OneRowPerContactInReplicationThenIdOrderAndCalibrateReadsIt) {
  const ccsim::Scenario sc = compare_scenario();
  ccsim::RunOptions o;
  o.replications = 3;
  o.seed = 9;
  o.threads = 2;
  ccsim::Results results;
  const auto dir = temp_dir("run_log_rows");
  const auto path = dir / "log.csv";
  ASSERT_FALSE(ccsim::cli::run_experiment_with_log(sc, o, path, results));
  const std::string text = read_file(path);
  EXPECT_EQ(text.substr(0, text.find('\n')), std::string(ccsim::kCcsimLogColumns));
  const ccsim::ContactLog log = ccsim::read_contact_log(path, ccsim::LogFormat{});
  ASSERT_EQ(log.bad, 0u);
  EXPECT_NEAR(double(log.contacts.size()), results.totals.back()[ccsim::Kpi::Offered]->mean * 3,
              1e-6);
  for (std::size_t k = 1; k < log.contacts.size(); ++k) {
    EXPECT_LE(log.contacts[k - 1].day, log.contacts[k].day);
  }
  const auto r = run_ccsim("calibrate '" + path.string() + "' --preset ccsim --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["horizon"]["start"], "00:00");
  EXPECT_EQ(j["contact_types"][0]["name"], "billing");
}

TEST(RunWithLog, AnUnwritableFileIsAnErrorAndLeavesNothing) {
  const ccsim::Scenario sc = compare_scenario();
  ccsim::RunOptions o;
  o.replications = 1;
  ccsim::Results results;
  const auto path = temp_dir("run_log_bad") / "missing_dir" / "log.csv";
  const auto error = ccsim::cli::run_experiment_with_log(sc, o, path, results);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("cannot write file"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path.parent_path()));
}

// --week: each weekday's arrivals average the log's days of that weekday (two Mondays, one
// Tuesday), the week starts on the Monday of the first day, and the day's agents are on duty
// on each weekday the log has.
TEST(CalibrateCommand, WeekGivesEachWeekdayItsOwnProfile) {
  const auto dir = temp_dir("calibrate_week");
  std::string log =
      "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\t"
      "q_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n";
  int id = 0;
  auto call = [&](const std::string& date, const std::string& hh, const std::string& mm) {
    const std::string t = hh + ":" + mm + ":00";
    log += "AA0101\t" + std::to_string(++id) + "\t0\t0\tPS\t" + date + "\t" + t + "\t" + t +
           "\t0\t" + t + "\t" + hh + ":" + mm + ":10\t10\tAGENT\t" + hh + ":" + mm + ":10\t" + hh +
           ":" + mm + ":40\t30\tMICHAL\n";
  };
  for (const char* mm : {"01", "11", "21", "31"}) call("990104", "10", mm);  // Monday
  for (const char* mm : {"05", "25"}) call("990111", "10", mm);              // Monday
  for (const char* mm : {"02", "12", "22"}) call("990105", "11", mm);        // Tuesday
  const auto file = ccsim::test::write_file(dir, "log.txt", log);
  const auto out = dir / "week.json";
  const auto r =
      run_ccsim("calibrate '" + file.string() + "' --preset anonymous-bank --week --start 10:00 " +
                "--end 12:00 --staffing activity --quiet --out '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["horizon"]["days"], 7);
  EXPECT_EQ(j["horizon"]["start_date"], "1999-01-04");
  const std::vector<double> expected{3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(j["contact_types"][0]["arrivals"]["per_interval"].get<std::vector<double>>(), expected);
  for (const auto& shift : j["agent_groups"][0]["staff"]["shifts"]) {
    const double start = shift["start_s"].get<double>();
    EXPECT_TRUE(start < 7200 || (start >= 86400 && start < 86400 + 7200)) << start;
  }
  const auto check = run_ccsim("validate '" + out.string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace

namespace {

// The sample log split by day: the header and the rows of the days `keep` selects.
std::filesystem::path sample_part(const std::filesystem::path& dir, const std::string& name,
                                  const std::function<bool(const std::string&)>& keep) {
  std::ifstream in(std::string(CCSIM_SOURCE_DIR) + "/" + kSample, std::ios::binary);
  std::string line, text;
  std::getline(in, line);
  text = line + "\n";
  while (std::getline(in, line)) {
    if (keep(line)) text += line + "\n";
  }
  return ccsim::test::write_file(dir, name, text);
}

// Rows of the 3rd January and of the other days in two files: calibrated together they give
// the scenario of the whole log (its name aside), and the report names both files.
TEST(CalibrateCommand, SeveralLogsAreReadAsOne) {
  const auto dir = temp_dir("calibrate_join");
  const auto on3 = [](const std::string& row) {
    return row.find("\t990103\t") != std::string::npos;
  };
  const auto a = sample_part(dir, "a.txt", on3);
  const auto b = sample_part(dir, "b.txt", [&](const std::string& row) { return !on3(row); });
  const auto whole = run_ccsim("calibrate " + kSample + " --days sun-thu --quiet");
  const auto joined =
      run_ccsim("calibrate '" + b.string() + "' '" + a.string() + "' --days sun-thu");
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  ASSERT_EQ(joined.exit_code, 0) << joined.err;
  auto jw = nlohmann::json::parse(whole.out), jj = nlohmann::json::parse(joined.out);
  EXPECT_EQ(jj["name"], "Calibrated from b.txt + a.txt (2 days: sun-thu)");
  jw.erase("name");
  jj.erase("name");
  EXPECT_EQ(jw, jj);
}

TEST(CalibrateCommand, LogsThatCannotBeJoinedExitTwoNamingTheFile) {
  const auto dir = temp_dir("calibrate_join_bad");
  const auto r = run_ccsim("calibrate " + kSample + " " + kSample + " --out '" +
                           (dir / "x.json").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + kSample + ": day 1999-01-03 is also in " + kSample +
                       " (its contacts would count twice)\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "x.json"));
  const auto log = dir / "sim.csv";
  ASSERT_EQ(run_ccsim("run scenarios/erlang_a_check.json --replications 1 --quiet --log '" +
                      log.string() + "' --out /dev/null")
                .exit_code,
            0);
  const auto c = run_ccsim("calibrate '" + log.string() + "' '" + log.string() + "'");
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find(log.string() +
                       ": a ccsim log cannot be joined to other logs (its days are replications, "
                       "which would collide)"),
            std::string::npos)
      << c.err;
}

}  // namespace
