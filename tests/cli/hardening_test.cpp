// Unstable and absurd scenarios, and crash-safe outputs, end to end through the built program:
// warnings with load figures, refusals with exit 2 before anything runs, and no file (not even
// a temporary one) left behind by an error exit or a kill.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "tests/cli/run_ccsim.h"
#include "tools/output_files.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::files_in;
using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;

// Two 30-minute intervals, 6 Erlangs of contacts that never abandon for 5 agents.
constexpr const char* kOverloaded = R"({
  "name": "overloaded",
  "horizon": {"interval_minutes": 30, "intervals": 2},
  "simulation": {"replications": 2},
  "contact_types": [{"name": "billing", "arrivals": {"rate_per_hour": 120},
                     "handle_time": {"dist": "exponential", "mean_s": 180}}],
  "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
})";
constexpr const char* kOverloadedWarning =
    "warning: contact_types[0]: interval 00:00: offered load 6.0 Erlangs exceeds capacity 5.0 "
    "agents and contacts of type \"billing\" never abandon; the queue grows by ~10.0 contacts in "
    "the interval (overloaded in 2 of 2 intervals; peak backlog ~20.0 contacts at 01:00)\n";

// A century in hourly intervals.
constexpr const char* kCentury = R"({
  "name": "century",
  "horizon": {"interval_minutes": 60, "intervals": 876600},
  "contact_types": [{"name": "billing", "arrivals": {"rate_per_hour": 10},
                     "handle_time": {"dist": "exponential", "mean_s": 180}}],
  "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
})";
constexpr const char* kCenturyProblem =
    "horizon: lasts 36525.0 days (3.16e+09 s), more than the limit of 366.0 days";

TEST(UnstableScenarios, ValidateListsTheLoadWarningAndExitsZero) {
  const fs::path dir = temp_dir("hard_validate_warning");
  const fs::path file = write_file(dir, "overloaded.json", kOverloaded);
  const auto r = run_ccsim("validate '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kOverloadedWarning) + file.string() +
                       ": valid (1 contact type, 1 agent group, 2 intervals)\n");
  const auto j = run_ccsim("validate '" + file.string() + "' --format json");
  EXPECT_EQ(nlohmann::json::parse(j.out)["warnings"][0],
            std::string(kOverloadedWarning).substr(9, std::string(kOverloadedWarning).size() - 10));
  fs::remove_all(dir);
}

TEST(UnstableScenarios, RunPrintsTheLoadWarningAndStillRuns) {
  const fs::path dir = temp_dir("hard_run_warning");
  const fs::path file = write_file(dir, "overloaded.json", kOverloaded);
  const auto r = run_ccsim("run '" + file.string() + "' --format json --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, kOverloadedWarning);
  EXPECT_EQ(nlohmann::json::parse(r.out)["replications"], 2);
  fs::remove_all(dir);
}

TEST(UnstableScenarios, EveryCommandRefusesACenturyWithExitTwoAndWritesNothing) {
  const fs::path dir = temp_dir("hard_century");
  const fs::path file = write_file(dir, "century.json", kCentury);
  const std::string f = "'" + file.string() + "'",
                    out = " --out '" + (dir / "out.json").string() + "'";
  for (const std::string& command :
       {"run " + f + out, "validate " + f + out, "staff " + f + " --method erlang" + out,
        "compare " + f + " --measured '" +
            (fs::path(CCSIM_SOURCE_DIR) / "tests" / "data" / "measured_intervals.csv").string() +
            "'" + out}) {
    const auto r = run_ccsim(command);
    EXPECT_EQ(r.exit_code, 2) << command;
    // validate writes its JSON (--out's extension) report of problems to stderr instead.
    EXPECT_NE(r.err.find(kCenturyProblem), std::string::npos) << command << "\n" << r.err;
    EXPECT_EQ(files_in(dir), std::set<std::string>{"century.json"}) << command;
  }
  // A sweep checks every point before running any.
  const auto s = run_ccsim("sweep " + f + " --set /agent_groups/0/staff/count=5,6 --out '" +
                           (dir / "sweep.csv").string() + "'");
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_NE(s.err.find("horizon: lasts 36525.0 days"), std::string::npos) << s.err;
  EXPECT_EQ(files_in(dir), std::set<std::string>{"century.json"});
  fs::remove_all(dir);
}

TEST(UnstableScenarios, ReplicationsOptionIsCheckedAgainstTheResultsBound) {
  const auto r = run_ccsim("run scenarios/bank_weekday.json --replications 1000000 --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(
      r.err.starts_with("error: --replications: the per-interval results of 24 "
                        "intervals × 1000000 replications need ~"))
      << r.err;
  EXPECT_NE(r.err.find(" GiB (16 bytes per KPI value and replication, and 768 bytes per KPI value "
                       "reported), more than the limit of 2.0 GiB; use fewer, longer intervals or "
                       "fewer replications\n"),
            std::string::npos)
      << r.err;
}

TEST(CrashSafeOutputs, RunToAMissingFolderIsRefusedAndCreatesNothing) {
  const fs::path dir = temp_dir("hard_missing_folder");
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 1 --quiet --out '" +
                           (dir / "no" / "x.json").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--out: folder " + (dir / "no").string() + " does not exist (got " +
                       (dir / "no" / "x.json").string() + ")"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(files_in(dir).empty());
  fs::remove_all(dir);
}

TEST(CrashSafeOutputs, RunLogIsRemovedWhenTheOutputCannotBeWritten) {
  const fs::path dir = temp_dir("hard_log_removed");
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 1 --quiet --log '" +
                           (dir / "log.csv").string() + "' --out /dev/full");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(files_in(dir).empty());
  fs::remove_all(dir);
}

TEST(CrashSafeOutputs, RefusedRunLeavesAnExistingOutputUntouched) {
  const fs::path dir = temp_dir("hard_untouched");
  const fs::path file = write_file(dir, "century.json", kCentury);
  write_file(dir, "out.json", "old results\n");
  const auto r = run_ccsim("run '" + file.string() + "' --out '" + (dir / "out.json").string() +
                           "' --log '" + (dir / "log.csv").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + std::string(kCenturyProblem) + "\n");
  EXPECT_EQ(read_file(dir / "out.json"), "old results\n");
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"century.json", "out.json"}));
  fs::remove_all(dir);
}

// Starts a long `ccsim run --out out.json --log log.csv` in `dir`, sends it `signal` after a
// second, and returns its exit status as the shell reports it (128 + signal when it was killed).
int run_and_kill(const fs::path& dir, const std::string& signal) {
  // 20,000 replications of a day: far longer than a second, yet within the run-size limits.
  const std::string command =
      "cd '" CCSIM_SOURCE_DIR "' && sh -c \"'" + std::string(CCSIM_BINARY) +
      "' run scenarios/bank_weekday.json --replications 20000 --threads 1 --quiet --out '" +
      (dir / "out.json").string() + "' --log '" + (dir / "log.csv").string() +
      "' & pid=\\$!; sleep 1; kill -" + signal + " \\$pid; wait \\$pid; exit \\$?\"";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CrashSafeOutputs, KilledRunLeavesThePreviousOutputWhole) {
  const fs::path dir = temp_dir("hard_killed");
  write_file(dir, "out.json", "old results\n");
  EXPECT_EQ(run_and_kill(dir, "KILL"), 128 + 9);
  EXPECT_EQ(read_file(dir / "out.json"), "old results\n");
  // Neither a log nor a result appears under its own name; SIGKILL cannot be caught, so the
  // hidden temporary file of the log being written may remain.
  for (const std::string& name : files_in(dir)) {
    EXPECT_TRUE(name == "out.json" || name.starts_with(".log.csv.ccsim-")) << name;
  }
  fs::remove_all(dir);
}

TEST(CrashSafeOutputs, InterruptedRunLeavesNothingBehind) {
  // (Not SIGINT: a shell starts background commands with SIGINT ignored.)
  for (const char* signal : {"TERM", "HUP"}) {
    const fs::path dir = temp_dir(std::string("hard_interrupted_") + signal);
    write_file(dir, "out.json", "old results\n");
    EXPECT_EQ(run_and_kill(dir, signal), 128 + (std::string(signal) == "TERM" ? 15 : 1));
    EXPECT_EQ(read_file(dir / "out.json"), "old results\n");
    EXPECT_EQ(files_in(dir), std::set<std::string>{"out.json"}) << signal;
    fs::remove_all(dir);
  }
}

TEST(CrashSafeOutputs, ValidateMergeSweepAndCalibrateWithBadInputWriteNothing) {
  const fs::path dir = temp_dir("hard_bad_input");
  const std::string out = " --out '" + (dir / "out.txt").string() + "'";
  const fs::path bad = write_file(dir, "bad.json", "{\"name\": 3}");
  const fs::path bad_log = write_file(dir, "bad.log", "not,a,log\n1,2,3\n");
  for (const std::string& command :
       {"validate '" + bad.string() + "'" + out,
        "merge '" + (dir / "none.csv").string() + "'" + out,
        "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=-1" + out,
        "calibrate '" + bad_log.string() + "'" + out}) {
    const auto r = run_ccsim(command);
    EXPECT_EQ(r.exit_code, 2) << command << "\n" << r.err;
    EXPECT_EQ(files_in(dir), (std::set<std::string>{"bad.json", "bad.log"})) << command;
  }
  fs::remove_all(dir);
}

TEST(CrashSafeOutputs, CalibrateOfALatin1LogIsBadInputNotAnInternalError) {
  const fs::path dir = temp_dir("hard_calibrate_latin1");
  const fs::path log =
      write_file(dir, "log.csv",
                 "replication,id,contact_type,attempt,outcome,arrival_s,bot_start_s,bot_end_s,"
                 "queue_entry_s,answer_s,end_s,handle_s,wrap_s,group,agent,callback_offered,"
                 "callback_accepted,first_call_s,predicted_wait_s\n"
                 "0,0,caf\xe9,0,answered,10,,,10,15,200,185,20,agents,3,0,0,,\n");
  const auto r =
      run_ccsim("calibrate '" + log.string() + "' --out '" + (dir / "out.json").string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("log.csv line 2: contact_type: must be UTF-8 text"), std::string::npos)
      << r.err;
  EXPECT_EQ(files_in(dir), std::set<std::string>{"log.csv"});
  fs::remove_all(dir);
}

TEST(CrashSafeOutputs, WriterThatThrowsLeavesNoFileAndTheOldOneWhole) {
  const fs::path dir = temp_dir("hard_throwing_writer");
  write_file(dir, "out.json", "old\n");
  EXPECT_THROW(ccsim::cli::write_file_atomically(dir / "out.json",
                                                 [](std::ostream& f) {
                                                   f << "half of the new content";
                                                   throw std::runtime_error("cut short");
                                                 }),
               std::runtime_error);
  EXPECT_EQ(read_file(dir / "out.json"), "old\n");
  EXPECT_EQ(files_in(dir), std::set<std::string>{"out.json"});
  // And a writer that finishes replaces the file whole.
  EXPECT_FALSE(
      ccsim::cli::write_file_atomically(dir / "out.json", [](std::ostream& f) { f << "new\n"; }));
  EXPECT_EQ(read_file(dir / "out.json"), "new\n");
  EXPECT_EQ(files_in(dir), std::set<std::string>{"out.json"});
  fs::remove_all(dir);
}

TEST(NumericalEdges, IntervalWithoutContactsHasNullKpisInJsonAndEmptyCellsInCsv) {
  const fs::path dir = temp_dir("hard_empty_interval");
  const fs::path file = write_file(dir, "quiet.json", R"({
    "name": "quiet first hour",
    "horizon": {"interval_minutes": 60, "intervals": 2, "start": "08:00"},
    "simulation": {"replications": 3},
    "contact_types": [{"name": "billing", "arrivals": {"per_interval": [0, 20]},
                       "handle_time": {"dist": "exponential", "mean_s": 180},
                       "patience": {"dist": "exponential", "mean_s": 300}}],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 3}}]
  })");
  const auto j = run_ccsim("run '" + file.string() + "' --format json --quiet");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(j.out.find("nan"), std::string::npos);
  EXPECT_EQ(j.out.find("NaN"), std::string::npos);
  const auto doc = nlohmann::json::parse(j.out);
  const auto& first = doc["intervals"][0]["billing"];
  EXPECT_EQ(first["offered"]["mean"], 0.0);  // a count is 0, not undefined
  for (const char* kpi : {"asa_s", "wait_p90_s", "service_level", "abandon_rate", "aht_s"}) {
    EXPECT_TRUE(first[kpi].is_null()) << kpi << ": " << first[kpi];
  }
  EXPECT_TRUE(doc["intervals"][1]["billing"]["aht_s"]["mean"].is_number());

  const auto c = run_ccsim("run '" + file.string() + "' --format csv --quiet");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.find("nan"), std::string::npos);
  EXPECT_NE(c.out.find("\ncontact_type,0,0,08:00,billing,asa_s,,,,\n"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("\ncontact_type,0,0,08:00,billing,service_level,,,,\n"), std::string::npos);
  fs::remove_all(dir);
}

// `ccsim erlang` at no agents, at a load equal to the agents and at 10,000 agents: exit 0,
// finite numbers, and null (never NaN or inf) where a KPI is undefined.
nlohmann::json erlang_json(const std::string& args) {
  const auto r = run_ccsim("erlang " + args + " --aht-s 180 --format json");
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
  EXPECT_EQ(r.out.find("nan"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("inf"), std::string::npos) << r.out;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

TEST(NumericalEdges, ErlangCommandAtZeroAgents) {
  auto j = erlang_json("--model b --arrivals-per-hour 600 --agents 0");
  EXPECT_EQ(j["p_block"], 1.0);
  EXPECT_TRUE(j["occupancy"].is_null());
  j = erlang_json("--model c --arrivals-per-hour 600 --agents 0 --threshold-s 20");
  EXPECT_EQ(j["stable"], false);
  EXPECT_EQ(j["p_wait"], 1.0);
  EXPECT_TRUE(j["asa_s"].is_null());
  EXPECT_TRUE(j["service_level"].is_null());
  j = erlang_json("--model a --arrivals-per-hour 600 --agents 0 --patience-s 300 --threshold-s 20");
  EXPECT_EQ(j["abandon_rate"], 1.0);
  EXPECT_EQ(j["service_level"], 0.0);
  EXPECT_EQ(j["mean_wait_s"], 300.0);  // everyone waits out the mean patience
  EXPECT_TRUE(j["asa_s"].is_null());
  EXPECT_TRUE(j["occupancy"].is_null());
}

TEST(NumericalEdges, ErlangCommandAtLoadEqualToAgents) {
  // 600 an hour of 180 s: 30 Erlangs on 30 agents.
  auto j = erlang_json("--model b --arrivals-per-hour 600 --agents 30");
  EXPECT_NEAR(j["p_block"].get<double>(), 0.13246, 1e-5);
  j = erlang_json("--model c --arrivals-per-hour 600 --agents 30 --threshold-s 20");
  EXPECT_EQ(j["stable"], false);
  EXPECT_EQ(j["occupancy"], 1.0);
  EXPECT_TRUE(j["asa_s"].is_null());
  j = erlang_json(
      "--model a --arrivals-per-hour 600 --agents 30 --patience-s 300 --threshold-s 20");
  EXPECT_EQ(j["stable"], true);
  EXPECT_GT(j["abandon_rate"].get<double>(), 0.0);
  EXPECT_LT(j["abandon_rate"].get<double>(), 1.0);
  EXPECT_GT(j["asa_s"].get<double>(), 0.0);
}

TEST(NumericalEdges, ErlangCommandAtTenThousandAgents) {
  // 196,000 an hour of 180 s: 9,800 Erlangs on 10,000 agents.
  const std::string load = "--arrivals-per-hour 196000 --agents 10000";
  auto j = erlang_json("--model b " + load);
  EXPECT_GT(j["p_block"].get<double>(), 0.0);
  EXPECT_LT(j["p_block"].get<double>(), 0.01);
  j = erlang_json("--model c " + load + " --threshold-s 20");
  EXPECT_EQ(j["stable"], true);
  EXPECT_GT(j["p_wait"].get<double>(), 0.0);
  EXPECT_LT(j["p_wait"].get<double>(), 0.05);
  EXPECT_NEAR(j["occupancy"].get<double>(), 0.98, 1e-12);
  EXPECT_GT(j["service_level"].get<double>(), 0.9999);
  j = erlang_json("--model a " + load + " --patience-s 300 --threshold-s 20");
  EXPECT_GT(j["abandon_rate"].get<double>(), 0.0);
  EXPECT_LT(j["abandon_rate"].get<double>(), 0.001);
  // The smallest staffing for 80/20 is found quickly and is below 10,000.
  j = erlang_json("--model c --arrivals-per-hour 196000 --threshold-s 20 --target-sl 0.8");
  EXPECT_GT(j["agents"].get<int>(), 9800);
  EXPECT_LT(j["agents"].get<int>(), 10000);
}

}  // namespace
