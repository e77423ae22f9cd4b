// Regression tests for what the fuzz targets of tests/fuzz/ found, each named after it, and for
// the reader limits that keep fuzzed (or absurd) input from exhausting memory or hanging.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/io/text.h"
#include "models/measured/contact_log.h"
#include "models/measured/measured.h"
#include "models/scenario/scenario_json.h"
#include "models/studies/sweep.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Lines = std::vector<std::string>;

const fs::path kData = fs::path(CCSIM_SOURCE_DIR) / "tests" / "data";

// fuzz_measured: split_fields kept views into its storage of unquoted fields while that storage
// grew, so a line with two quoted fields read freed memory (AddressSanitizer:
// heap-use-after-free in text::trim from read_measured_csv).
TEST(FuzzRegression, QuotedFieldsOfOneLineSurviveTheStorageGrowing) {
  std::string line;
  Lines expected;
  for (int i = 0; i < 40; ++i) {
    const std::string field = "field number " + std::to_string(i) + ", quoted";
    line += (i ? "," : "") + text::csv_field(field);
    expected.push_back(field);
  }
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;  // empty: grows while the line is split
  text::split_fields(line, ',', fields, storage);
  EXPECT_EQ(Lines(fields.begin(), fields.end()), expected);
}

TEST(FuzzRegression, MeasuredRowWithQuotedIntervalAndTypeIsRead) {
  const fs::path dir = test::temp_dir("fuzz_regression_measured");
  const fs::path file = dir / "m.csv";
  std::ofstream(file, std::ios::binary) << "interval,contact_type,offered\n\"1\",\"cards\",42\n";
  const ScenarioParse p = load_scenario(kData / "compare_scenario.json");
  ASSERT_TRUE(p.ok());
  const MeasuredTable t = read_measured_csv(file, *p.scenario, 1);
  EXPECT_EQ(t.errors, Lines{});
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].interval, 1);
  EXPECT_EQ(t.rows[0].type, 1);
  EXPECT_EQ(t.rows[0].get(Kpi::Offered), 42.0);
  fs::remove_all(dir);
}

// fuzz_sweep: a --set pointer that is not UTF-8 reached nlohmann::json's dump in grid_hash,
// which threw (type_error 316) out of `ccsim sweep`: std::terminate.
TEST(FuzzRegression, SweepPointerThatIsNotUtf8IsAnErrorNotACrash) {
  SweepSpec spec;
  std::string error;
  EXPECT_FALSE(parse_sweep_assignment("/agent_groups/0/\xff\xfe=1,2", error));
  EXPECT_EQ(error, "the path must be UTF-8 text");
  // A valid pointer with non-ASCII text is fine, and hashes.
  auto parameter = parse_sweep_assignment("/contact_types/0/name=\"caf\xc3\xa9\"", error);
  ASSERT_TRUE(parameter) << error;
  ASSERT_TRUE(add_sweep_parameter(std::move(*parameter), spec));
  EXPECT_EQ(grid_hash(spec).size(), 16u);
}

// fuzz_sweep: a JSONL sweep file whose header has "ccsim_sweep" as a string made
// read_sweep_file throw (nlohmann type_error 302 from json::value), ending `ccsim sweep` on
// resume, and `ccsim merge`, in std::terminate.
TEST(FuzzRegression, SweepHeaderWithAStringVersionIsNotASweepFileNotACrash) {
  const fs::path dir = test::temp_dir("fuzz_regression_sweep_header");
  const fs::path file = dir / "s.jsonl";
  std::ofstream(file, std::ios::binary) << "{\"ccsim_sweep\":\"2\",\"points\":2}\n";
  std::string error;
  EXPECT_FALSE(read_sweep_file(file, error).has_value());
  EXPECT_EQ(error, file.string() + ":1: not a ccsim sweep file (no valid sweep header line)");
  const auto merged = test::run_ccsim("merge '" + file.string() + "'");
  EXPECT_EQ(merged.exit_code, 2) << merged.err;
  fs::remove_all(dir);
}

// fuzz_sweep: a JSONL sweep header whose "points" is a float beyond any integer (2.4e104) was
// converted to std::size_t out of range (undefined behaviour, caught by UBSan).
TEST(FuzzRegression, SweepHeaderWithAHugeFloatPointCountIsNotASweepFile) {
  const fs::path dir = test::temp_dir("fuzz_regression_sweep_points");
  const fs::path file = dir / "sweep.jsonl";
  std::ofstream(file, std::ios::binary)
      << "{\"ccsim_sweep\":1,\"scenario\":\"e7\",\"grid\":\"fb\",\"seed\":\"1\","
         "\"replications\":\"2\",\"points\":2.4e104}\n";
  std::string error;
  EXPECT_FALSE(read_sweep_file(file, error).has_value());
  EXPECT_EQ(error, file.string() + ":1: not a ccsim sweep file (no valid sweep header line)");
}

TEST(FuzzRegression, Utf8CheckRejectsOverlongsSurrogatesAndCutSequences) {
  EXPECT_TRUE(text::is_valid_utf8(""));
  EXPECT_TRUE(text::is_valid_utf8("plain"));
  EXPECT_TRUE(text::is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e"));
  EXPECT_FALSE(text::is_valid_utf8("\xff"));
  EXPECT_FALSE(text::is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(text::is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(text::is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(text::is_valid_utf8("ab\xe2\x82"));        // cut short
  EXPECT_FALSE(text::is_valid_utf8("\x80"));              // continuation without a lead
}

// Found while auditing what the readers pass on to JSON output: a log's contact type name in
// Latin-1 (not UTF-8) made `ccsim calibrate` fail with "internal error: [json.exception.
// type_error.316] invalid UTF-8 byte" (exit 1) instead of naming the row (exit 2).
TEST(FuzzRegression, LogTypeNameThatIsNotUtf8IsARowError) {
  const fs::path dir = test::temp_dir("fuzz_regression_log_utf8");
  const fs::path file = dir / "log.csv";
  std::ofstream(file, std::ios::binary)
      << kCcsimLogColumns << "\n"
      << "0,0,caf\xe9,0,answered,10,,,10,15,200,185,20,agents,3,0,0,,\n"
      << "0,1,cards,0,abandoned,20,,,20,,80,,,,,1,0,,45\n";
  const ContactLog log = read_contact_log(file, LogFormat{});
  EXPECT_EQ(log.errors,
            Lines{file.string() + " line 2: contact_type: must be UTF-8 text (got \"caf\xe9\")"});
  EXPECT_EQ(log.types, Lines{"cards"});
  fs::remove_all(dir);
}

// A trace that is a device would be read for ever (/dev/zero: one endless line).
TEST(FuzzRegression, TraceThatIsNotARegularFileIsAnError) {
  json doc = json::parse(R"({
    "name": "t", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "arrivals": {"trace": "/dev/zero"},
                       "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 2}}]})");
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            Lines{"contact_types[0].arrivals.trace: /dev/zero: not a regular file (a FIFO, socket "
                  "or device)"});
  doc["contact_types"][0]["arrivals"]["trace"] = CCSIM_SOURCE_DIR;  // a directory
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            Lines{"contact_types[0].arrivals.trace: " + std::string(CCSIM_SOURCE_DIR) +
                  ": is a directory"});
}

// Agents and chats that the model would allocate one by one.
TEST(FuzzRegression, ConcurrencyAboveAHundredIsAnError) {
  const json doc = json::parse(R"({
    "name": "t", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "chat", "channel": "chat", "arrivals": {"rate_per_hour": 10},
                       "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["chat"], "staff": {"count": 2},
                      "concurrency": 2147483647}]})");
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            Lines{"agent_groups[0].concurrency: must be <= 100 (got 2147483647)"});
}

TEST(FuzzRegression, OverlappingShiftsAboveAMillionAgentsAreAnErrorNotAnOverflow) {
  // Three shifts of 10^6 at once: 3·10^6 on duty (and far more would overflow an int).
  const json doc = json::parse(R"({
    "name": "t", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 10},
                       "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"shifts": [
      {"start_s": 0, "end_s": 3600, "count": 1000000},
      {"start_s": 0, "end_s": 1800, "count": 1000000},
      {"start_s": 900, "end_s": 2000, "count": 1000000}]}}]})");
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            Lines{"agent_groups[0].staff.shifts: must have at most 1000000 agents on duty at once "
                  "(got 3000000)"});
}

TEST(FuzzRegression, ScenarioTextWithDuplicateKeysAndBadJsonNamesTheSource) {
  EXPECT_EQ(parse_scenario_text("{\"name\": 1, \"name\": 2}", "x.json", ".").errors[0],
            "name: duplicate key");
  EXPECT_EQ(parse_scenario_text("{", "x.json", ".").errors,
            Lines{"x.json: invalid JSON at line 1, column 2: syntax error while parsing object "
                  "key - unexpected end of input; expected string literal"});
  EXPECT_EQ(parse_scenario_text("[1e400]", "x.json", ".").errors.size(), 1u);
}

}  // namespace
}  // namespace ccsim
