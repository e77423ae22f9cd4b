// The command line's messages for options it refuses or combinations it must not ignore, tested
// verbatim (issue #15).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = "scenarios/bank_weekday.json";
const std::string kErlangC = "erlang --model c --arrivals-per-hour 100 --aht-s 180 ";

TEST(Messages, RunVsMissingVariantNamesTheFileOnce) {
  const auto r = run_ccsim("run " + kScenario + " --vs nope.json --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: nope.json: cannot open file\n");
  EXPECT_EQ(r.out, "");
}

TEST(Messages, OneMalformedLogRowIsCountedInTheSingular) {
  const auto dir = temp_dir("messages_one_bad_row");
  const fs::path log = dir / "t.csv";
  std::ofstream(log) << "t\n1e15\n5\n";
  const auto r = run_ccsim("calibrate '" + log.string() + "' --columns arrival=t --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: " + log.string() +
                       ": 1 malformed row; correct them, or give --skip-bad-rows to leave them "
                       "out\n"),
            std::string::npos)
      << r.err;
}

TEST(Messages, RunVsInvalidJsonVariantNamesTheFileOnce) {
  const auto dir = temp_dir("messages_vs_json");
  const fs::path variant = dir / "variant.json";
  std::ofstream(variant) << "{\n";
  const auto r = run_ccsim("run " + kScenario + " --vs '" + variant.string() + "' --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + variant.string() +
                       ": invalid JSON at line 2, column 1: syntax error while parsing object "
                       "key - unexpected end of input; expected string literal\n");
  fs::remove_all(dir);
}

TEST(Messages, RunVsBadVariantStillNamesTheFileBeforeEachPath) {
  const auto dir = temp_dir("messages_vs_bad");
  const fs::path variant = dir / "variant.json";
  std::ofstream(variant) << R"({"name": 1})";
  const auto r = run_ccsim("run " + kScenario + " --vs '" + variant.string() + "' --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: " + variant.string() + ": name: must be a string (got 1)\n"),
            std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

TEST(Messages, CalibrateStaffingErrorListsEveryValue) {
  const auto r = run_ccsim("calibrate tests/data/anonymous_bank_sample.txt --staffing best");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err.substr(0, r.err.find('\n') + 1),
      "error: --staffing: must be one of answered-at-once, throughput, activity (got best)\n");
}

TEST(Messages, ValidateRefusesCsvFormat) {
  const auto r = run_ccsim("validate " + kScenario + " --format csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --format: must be table or json for validate (got csv)\n");
  EXPECT_EQ(r.out, "");
}

TEST(Messages, ValidateRefusesCsvOutFileWithoutFormat) {
  const auto dir = temp_dir("messages_validate_csv");
  const fs::path out = dir / "problems.csv";
  const auto r = run_ccsim("validate " + kScenario + " --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --out: validate writes table or json, not CSV (got " + out.string() +
                       "; add --format table or json)\n");
  EXPECT_FALSE(fs::exists(out));
  const auto json =
      run_ccsim("validate " + kScenario + " --format json --out '" + out.string() + "'");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(nlohmann::json::parse(read_file(out)).at("valid").get<bool>());
  fs::remove_all(dir);
}

TEST(Messages, ValidateRefusesSimulationOptions) {
  const auto r = run_ccsim("validate " + kScenario + " --replications 5 --seed 2 --threads 1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --replications: does not apply to validate, which checks the scenario "
            "without running it\n"
            "error: --seed: does not apply to validate, which checks the scenario without "
            "running it\n"
            "error: --threads: does not apply to validate, which checks the scenario without "
            "running it\n");
}

TEST(Messages, RefusedSweepResumePrintsOnlyTheError) {
  const auto dir = temp_dir("messages_sweep_resume");
  const fs::path out = dir / "sweep.csv";
  const fs::path state = dir / "sweep.csv.sweep";  // the resumable sweep file beside it
  std::ofstream(state) << "junk\n";
  const auto r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 "
      "--set /agent_groups/0/staff/count=30,33 --replications 2 --quiet --out '" +
      out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + state.string() +
                       ":1: not a ccsim sweep file (no valid sweep header line) (not resuming; "
                       "remove the file or choose another --out)\n");
  EXPECT_EQ(read_file(state), "junk\n");
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(dir);
}

TEST(Messages, SweepOptionErrorStillPrintsTheUsage) {
  const auto r = run_ccsim("sweep scenarios/erlang_a_check.json --shard 3/2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err.rfind("error: --shard: must be K/N with 0 <= K < N (got 3/2)\nusage: ccsim sweep", 0),
      0u)
      << r.err;
}

TEST(Messages, ErlangRefusesSimulationOptions) {
  const auto r = run_ccsim(kErlangC + "--agents 6 --replications 5 --seed 3 --threads 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find("usage:")),
            "error: --replications: does not apply to erlang, which computes exactly (no "
            "simulation)\n"
            "error: --seed: does not apply to erlang, which computes exactly (no simulation)\n"
            "error: --threads: does not apply to erlang, which computes exactly (no "
            "simulation)\n");
  EXPECT_EQ(r.out, "");
}

TEST(Messages, ErlangWithAgentsAndTargetReportsWhetherTheTargetIsMet) {
  const std::string sl = "--target-sl 0.8 --threshold-s 20 ";
  const auto missed = run_ccsim(kErlangC + "--agents 6 " + sl + "--format json");
  ASSERT_EQ(missed.exit_code, 0) << missed.err;
  const auto j = nlohmann::json::parse(missed.out);
  EXPECT_FALSE(j.at("targets_met").get<bool>());
  EXPECT_LT(j.at("service_level").get<double>(), 0.8);

  const auto met = run_ccsim(kErlangC + "--agents 9 " + sl + "--format json");
  ASSERT_EQ(met.exit_code, 0) << met.err;
  EXPECT_TRUE(nlohmann::json::parse(met.out).at("targets_met").get<bool>());

  const auto table = run_ccsim(kErlangC + "--agents 6 " + sl);
  EXPECT_NE(table.out.find("\ntargets met    no\n"), std::string::npos) << table.out;
  const auto csv = run_ccsim(kErlangC + "--agents 9 " + sl + "--format csv");
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "model,agents,stable,offered_load,p_block,p_wait,asa_s,mean_wait_s,service_level,"
            "abandon_rate,occupancy,targets_met");
  EXPECT_EQ(csv.out.substr(csv.out.size() - 6), ",true\n");
}

TEST(Messages, ErlangWithoutTargetsHasNoTargetsMet) {
  const auto r = run_ccsim(kErlangC + "--agents 6 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("targets_met"));
}

TEST(Messages, StaffErlangRefusesMaxIterations) {
  const auto r = run_ccsim("staff " + kScenario + " --method erlang --max-iterations 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            "error: --max-iterations: does not apply with --method erlang, which simulates its "
            "staffing once\n");
}

TEST(Messages, StaffRefusesAnEmptyShiftTemplatesFile) {
  const auto r = run_ccsim("staff " + kScenario + " --shift-templates ''");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            "error: --shift-templates: a file is required\n");
}

}  // namespace
}  // namespace ccsim::test
