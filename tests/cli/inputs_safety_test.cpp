// Input files that are not plain, sane files, end to end through the built program: deeply
// nested JSON, FIFOs, devices and directories given as inputs, file names and --name values
// that are not UTF-8, and log times out of range. Each is refused with exit 2 and a message
// naming the input, or (file names in JSON output) written with U+FFFD; never a crash, a hang
// or an internal error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;
using testing::HasSubstr;

const std::string kScenario = "scenarios/erlang_a_check.json";
const std::string kFifoMessage = ": not a regular file (a FIFO, socket or device)";
const std::string kDeep = "invalid JSON at line 1, column 101: nested deeper than 100 levels";
// "\xff\xfe" as written in JSON output (each invalid byte replaced by U+FFFD).
const std::string kReplaced = "\xEF\xBF\xBD\xEF\xBF\xBD";

std::string nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string quote(const fs::path& p) {
  return "'" + p.string() + "'";
}

TEST(NestedJson, ValidateRefusesDeeplyNestedJsonWithExitTwo) {
  const fs::path dir = temp_dir("in_deep_validate");
  const fs::path file = write_file(dir, "d.json", nested(70000) + "\n");
  const auto r = run_ccsim("validate " + quote(file));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("error: " + file.string() + ": " + kDeep + "\n"));
}

TEST(NestedJson, ShiftTemplatesSweepFileSetValueAndSchemaRefuseDeepNesting) {
  const fs::path dir = temp_dir("in_deep_others");
  const fs::path deep = write_file(dir, "d.json", nested(70000));
  auto r = run_ccsim("staff " + kScenario + " --shift-templates " + quote(deep));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(deep.string() + ": " + kDeep));

  const fs::path sweep = write_file(dir, "sw.json", "{\"set\": {\"/x\": " + nested(70000) + "}}");
  r = run_ccsim("sweep " + kScenario + " --sweep " + quote(sweep));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(sweep.string() +
                               ": invalid JSON at line 1, column 114: nested deeper than 100 "
                               "levels"));

  r = run_ccsim("sweep " + kScenario + " --set '/simulation/replications=" + nested(30000) + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(": not a JSON value: " + kDeep));

  const fs::path schema = write_file(dir, "schema.json", "{\"$schema\": " + nested(70000) + "}");
  r = run_ccsim("validate " + quote(schema));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(schema.string() +
                               ": invalid JSON at line 1, column 112: nested deeper than 100 "
                               "levels"));
}

TEST(SpecialFiles, FifoInputsAreRefusedWithoutWaiting) {
  const fs::path dir = temp_dir("in_fifo");
  const fs::path fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& command :
       {"validate " + quote(fifo), "run " + kScenario + " --vs " + quote(fifo),
        "compare tests/data/compare_scenario.json --measured " + quote(fifo),
        "calibrate " + quote(fifo) + " --preset ccsim",
        "staff " + kScenario + " --shift-templates " + quote(fifo),
        "sweep " + kScenario + " --sweep " + quote(fifo), "merge " + quote(fifo)}) {
    SCOPED_TRACE(command);
    const auto r = run_ccsim(command);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr(fifo.string() + kFifoMessage));
  }
}

TEST(SpecialFiles, DevZeroIsRefusedNotReadUntilMemoryRunsOut) {
  for (const std::string& command :
       {std::string("validate /dev/zero"),
        std::string("compare tests/data/compare_scenario.json --measured /dev/zero"),
        std::string("calibrate /dev/zero --preset ccsim")}) {
    SCOPED_TRACE(command);
    const auto r = run_ccsim(command);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("/dev/zero" + kFifoMessage));
  }
}

TEST(SpecialFiles, ADirectoryGivenAsInputIsSaidToBeADirectory) {
  const fs::path dir = temp_dir("in_directory");
  for (const std::string& command :
       {"compare tests/data/compare_scenario.json --measured " + quote(dir), "merge " + quote(dir),
        "validate " + quote(dir), "calibrate " + quote(dir)}) {
    SCOPED_TRACE(command);
    const auto r = run_ccsim(command);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("error: " + dir.string() + ": is a directory\n"));
  }
}

TEST(NonUtf8Names, ValidateJsonWritesTheFileNameWithReplacementCharacters) {
  const fs::path dir = temp_dir("in_utf8_validate");
  const fs::path file = dir / "s\xff\xfe.json";
  fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / kScenario, file);
  const auto r = run_ccsim("validate " + quote(file) + " --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"file\": \"" + dir.string() + "/s" + kReplaced + ".json\""));
}

TEST(NonUtf8Names, RunVsJsonWritesTheVariantFileNameWithReplacementCharacters) {
  const fs::path dir = temp_dir("in_utf8_run");
  const fs::path file = dir / "v\xff\xfe.json";
  fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / kScenario, file);
  const auto r = run_ccsim("run " + kScenario + " --vs " + quote(file) +
                           " --format json --replications 2 --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"file\": \"" + dir.string() + "/v" + kReplaced + ".json\""));
}

TEST(NonUtf8Names, CompareJsonWritesTheMeasuredFileNameWithReplacementCharacters) {
  const fs::path dir = temp_dir("in_utf8_compare");
  const fs::path file = dir / "m\xff\xfe.csv";
  fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / "tests/data/measured_intervals.csv", file);
  const auto r = run_ccsim("compare tests/data/compare_scenario.json --measured " + quote(file) +
                           " --format json --replications 2 --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"file\": \"" + dir.string() + "/m" + kReplaced + ".csv\""));
}

TEST(NonUtf8Names, CalibrateNamesTheScenarioAfterTheLogWithReplacementCharacters) {
  const fs::path dir = temp_dir("in_utf8_calibrate");
  const fs::path file = dir / "l\xff\xfe.txt";
  fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / "tests/data/anonymous_bank_sample.txt", file);
  const auto r =
      run_ccsim("calibrate " + quote(file) + " --preset anonymous-bank --replications 2 --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"name\": \"Calibrated from l" + kReplaced + ".txt (3 days)\""));
}

TEST(CalibrateName, ANonUtf8OrEmptyNameIsRefusedNamingTheOption) {
  const std::string log = "tests/data/anonymous_bank_sample.txt --preset anonymous-bank --quiet";
  auto r = run_ccsim("calibrate " + log + " --name \"$(printf 'x\\377')\"");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("error: --name: must be UTF-8 text (got x\xEF\xBF\xBD)\n"));
  r = run_ccsim("calibrate " + log + " --name ''");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(
      r.err,
      HasSubstr("error: --name: must not be empty (leave --name out for the default name)\n"));
}

TEST(CalibrateLog, AnArrivalOfAThousandCenturiesIsBadInputNamingTheLine) {
  const fs::path dir = temp_dir("in_calibrate_1e15");
  const fs::path file = write_file(dir, "t.csv", "t\n1e15\n5\n");
  const auto r = run_ccsim("calibrate " + quote(file) + " --columns arrival=t");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file.string() +
                               " line 2: t: must be < 1e11 seconds (about 3,000 years) (got "
                               "\"1e15\")"));
}

}  // namespace
