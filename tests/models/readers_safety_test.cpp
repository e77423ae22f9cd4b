// The readers of input files against what is not a plain, sane file: directories, FIFOs and
// devices (models/io/input_file.h), JSON nested too deep for anything that recurses, numbers out
// of the range of a double, line ends and dates that do not exist.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/measured/contact_log.h"
#include "models/measured/measured.h"
#include "models/planning/shift_planning.h"
#include "models/scenario/scenario_json.h"
#include "models/studies/sweep.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;
using test::write_file;

std::string nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

constexpr const char* kDeepMessage =
    "invalid JSON at line 1, column 101: nested deeper than 100 levels";

// A one-hour scenario whose arrivals are the trace `trace`.
std::string trace_scenario(const std::string& trace) {
  return R"({"name": "t", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "arrivals": {"trace": ")" +
         trace + R"("}, "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 2}}]})";
}

Lines trace_errors(const fs::path& dir, const std::string& trace_text) {
  write_file(dir, "trace.csv", trace_text);
  return parse_scenario_text(trace_scenario("trace.csv"), "s.json", dir).errors;
}

TEST(InputFiles, ADirectoryIsSaidToBeADirectory) {
  const fs::path dir = test::temp_dir("readers_dir");
  std::string text;
  EXPECT_EQ(read_input_file(dir, text), dir.string() + ": is a directory");
  EXPECT_EQ(load_scenario(dir).errors, Lines{dir.string() + ": is a directory"});
}

TEST(InputFiles, AFifoIsRefusedWithoutWaitingForAWriter) {
  const fs::path dir = test::temp_dir("readers_fifo");
  const fs::path fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string text;
  EXPECT_EQ(read_input_file(fifo, text),
            fifo.string() + ": not a regular file (a FIFO, socket or device)");
  EXPECT_EQ(load_scenario(fifo).errors,
            Lines{fifo.string() + ": not a regular file (a FIFO, socket or device)"});
}

TEST(InputFiles, ADeviceThatNeverEndsIsRefused) {
  std::string text;
  EXPECT_EQ(read_input_file("/dev/zero", text),
            "/dev/zero: not a regular file (a FIFO, socket or device)");
  EXPECT_TRUE(text.empty());
}

TEST(InputFiles, AMissingFileCannotBeOpened) {
  std::string text;
  EXPECT_EQ(read_input_file("/nonexistent/x.json", text), "/nonexistent/x.json: cannot open file");
}

TEST(InputFiles, GetlineReturnsEveryLineAcrossReadChunks) {
  const fs::path dir = test::temp_dir("readers_getline");
  const std::string long_line(200000, 'x');
  write_file(dir, "f.txt", "a\r\n" + long_line + "\n\nlast");
  InputFile in(dir / "f.txt");
  ASSERT_FALSE(in.problem());
  std::string line;
  Lines lines;
  while (in.getline(line)) lines.push_back(line);
  EXPECT_EQ(lines, (Lines{"a\r", long_line, "", "last"}));
  EXPECT_FALSE(in.problem());
}

TEST(JsonDepth, NestingDeeperThanTheLimitIsRefusedWithItsPosition) {
  EXPECT_EQ(json_depth_problem(nested(kMaxJsonDepth)), std::nullopt);
  EXPECT_EQ(json_depth_problem(nested(kMaxJsonDepth + 1)), kDeepMessage);
  EXPECT_EQ(json_depth_problem("{\"a\":\n  " + nested(100) + "}"),
            "invalid JSON at line 2, column 102: nested deeper than 100 levels");
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_EQ(json_depth_problem("[\"" + std::string(500, '[') + "\\\"" + "\"]"), std::nullopt);
}

TEST(JsonDepth, ADeeplyNestedScenarioIsAnErrorNotACrash) {
  const ScenarioParse p = parse_scenario_text(nested(70000), "d.json", ".");
  EXPECT_EQ(p.errors, Lines{std::string("d.json: ") + kDeepMessage});
  // The same inside a key whose value is quoted into a message ($schema must be a string).
  const ScenarioParse schema =
      parse_scenario_text("{\"$schema\": " + nested(70000) + "}", "s.json", ".");
  EXPECT_EQ(schema.errors, Lines{"s.json: invalid JSON at line 1, column 112: nested deeper than "
                                 "100 levels"});
}

TEST(JsonDepth, DeeplyNestedShiftTemplatesAreAnError) {
  const fs::path dir = test::temp_dir("readers_shifts");
  const fs::path file = write_file(dir, "shifts.json", nested(70000));
  Horizon horizon;
  EXPECT_EQ(load_shift_templates(file, horizon).errors, Lines{file.string() + ": " + kDeepMessage});
}

TEST(JsonDepth, ADeeplyNestedSetValueIsAnError) {
  std::string error;
  EXPECT_FALSE(parse_sweep_assignment("/x=" + nested(70000), error));
  EXPECT_EQ(error, std::string("not a JSON value: ") + kDeepMessage);
}

TEST(JsonDepth, ADeeplyNestedSweepFileLineIsNotARecord) {
  const fs::path dir = test::temp_dir("readers_sweep_deep");
  const fs::path file =
      write_file(dir, "s.jsonl", "{\"ccsim_sweep\": 1, \"x\": " + nested(70000) + "}\n");
  std::string error;
  EXPECT_FALSE(read_sweep_file(file, error));
  EXPECT_EQ(error, file.string() + ":1: not a ccsim sweep file (no valid sweep header line)");
}

TEST(Traces, ANumberThatUnderflowsIsRefusedEvenAsTheFirstRow) {
  const fs::path dir = test::temp_dir("readers_trace_underflow");
  EXPECT_EQ(trace_errors(dir, "1e-400\n5\n"),
            Lines{"contact_types[0].arrivals.trace: trace.csv line 1: must be within the range of "
                  "a double: underflow (got 1e-400)"});
  EXPECT_EQ(trace_errors(dir, "time\n5\n1e400\n"),
            Lines{"contact_types[0].arrivals.trace: trace.csv line 3: must be within the range of "
                  "a double: overflow (got 1e400)"});
}

TEST(Traces, AFirstRowThatStartsLikeANumberIsDataNotAHeader) {
  const fs::path dir = test::temp_dir("readers_trace_header");
  EXPECT_EQ(trace_errors(dir, "12x\n5\n"),
            Lines{"contact_types[0].arrivals.trace: trace.csv line 1: must be a number (got "
                  "\"12x\")"});
  EXPECT_TRUE(trace_errors(dir, "arrival_s\n5\n").empty());
}

TEST(Traces, CarriageReturnOnlyLineEndsAreNamed) {
  const fs::path dir = test::temp_dir("readers_trace_cr");
  EXPECT_EQ(trace_errors(dir, "time\r1\r2\r"),
            Lines{"contact_types[0].arrivals.trace: trace.csv line 1: has a carriage return (CR) "
                  "inside the line: lines must end in LF or CRLF (CR-only line ends are not "
                  "supported)"});
  EXPECT_TRUE(trace_errors(dir, "time\r\n1\r\n2\r\n").empty());
}

TEST(Traces, ADirectoryIsSaidToBeADirectory) {
  const fs::path dir = test::temp_dir("readers_trace_dir");
  fs::create_directories(dir / "traces");
  EXPECT_EQ(parse_scenario_text(trace_scenario("traces"), "s.json", dir).errors,
            Lines{"contact_types[0].arrivals.trace: traces: is a directory"});
}

TEST(ContactLogs, ADateThatDoesNotExistIsCalledAnInvalidDate) {
  const fs::path dir = test::temp_dir("readers_log_date");
  const fs::path file = write_file(dir, "log.csv", "t\n2024-02-30 10:00:00\n2024-02-29 10:00:00\n");
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=t", format).empty());
  const ContactLog log = read_contact_log(file, format);
  EXPECT_EQ(log.errors, Lines{file.string() + " line 2: t: 2024-02-30 is not a valid date (got "
                                              "\"2024-02-30 10:00:00\")"});
  const fs::path dated = write_file(dir, "dated.csv", "d,t\n240230,10:00:00\n");
  LogFormat dated_format;
  ASSERT_TRUE(parse_log_columns("date=d,arrival=t", dated_format).empty());
  EXPECT_EQ(read_contact_log(dated, dated_format).errors,
            Lines{dated.string() + " line 2: d: 240230 is not a valid date (got \"240230\")"});
}

TEST(ContactLogs, SecondsBeyondThreeThousandYearsAreRefusedWithTheLine) {
  const fs::path dir = test::temp_dir("readers_log_seconds");
  const fs::path file = write_file(dir, "t.csv", "t\n1e15\n5\n");
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=t", format).empty());
  const ContactLog log = read_contact_log(file, format);
  EXPECT_EQ(log.errors, Lines{file.string() + " line 2: t: must be < 1e11 seconds (about 3,000 "
                                              "years) (got \"1e15\")"});
  EXPECT_EQ(log.contacts.size(), 1u);
}

TEST(ContactLogs, ANumberOutOfTheRangeOfADoubleIsCalledSo) {
  const fs::path dir = test::temp_dir("readers_log_range");
  const fs::path file = write_file(dir, "t.csv", "t\n1e-400\n5\n");
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=t", format).empty());
  EXPECT_EQ(read_contact_log(file, format).errors,
            Lines{file.string() + " line 2: t: must be within the range of a double: underflow "
                                  "(got \"1e-400\")"});
}

TEST(ContactLogs, ADirectoryOrFifoIsNotTakenForALog) {
  const fs::path dir = test::temp_dir("readers_log_dir");
  EXPECT_EQ(read_contact_log(dir, LogFormat{}).fatal, dir.string() + ": is a directory");
  EXPECT_FALSE(looks_like_contact_log(dir));
  const fs::path fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(looks_like_contact_log(fifo));
  EXPECT_EQ(read_contact_log(fifo, LogFormat{}).fatal,
            fifo.string() + ": not a regular file (a FIFO, socket or device)");
}

TEST(MeasuredReports, ADirectoryIsSaidToBeADirectory) {
  const fs::path dir = test::temp_dir("readers_measured_dir");
  const ScenarioParse p = parse_scenario_text(
      R"({"name": "m", "horizon": {"interval_minutes": 60, "intervals": 2},
          "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 10},
                             "handle_time": {"dist": "exponential", "mean_s": 60}}],
          "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 2}}]})",
      "m.json", ".");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(read_measured_csv(dir, *p.scenario, 1).fatal, dir.string() + ": is a directory");
}

TEST(MeasuredReports, ANumberOutOfTheRangeOfADoubleIsCalledSo) {
  const fs::path dir = test::temp_dir("readers_measured_range");
  const fs::path file = write_file(dir, "m.csv", "interval,offered\n0,1e-400\n1,1e400\n");
  const ScenarioParse p = parse_scenario_text(
      R"({"name": "m", "horizon": {"interval_minutes": 60, "intervals": 2},
          "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 10},
                             "handle_time": {"dist": "exponential", "mean_s": 60}}],
          "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 2}}]})",
      "m.json", ".");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(read_measured_csv(file, *p.scenario, 1).errors,
            (Lines{file.string() + " line 2: offered: must be within the range of a double: "
                                   "underflow (got \"1e-400\")",
                   file.string() + " line 3: offered: must be within the range of a double: "
                                   "overflow (got \"1e400\")"}));
}

TEST(Text, ReadNumberTellsOverflowFromUnderflow) {
  EXPECT_EQ(text::read_number("1e-400").kind, text::NumberKind::Underflow);
  EXPECT_EQ(text::read_number("-1e-400").kind, text::NumberKind::Underflow);
  EXPECT_EQ(text::read_number("1e400").kind, text::NumberKind::Overflow);
  EXPECT_EQ(text::read_number("-1e400").kind, text::NumberKind::Overflow);
  EXPECT_EQ(text::read_number("+2.5").value, 2.5);
  EXPECT_EQ(text::read_number("x").kind, text::NumberKind::NotANumber);
  EXPECT_EQ(text::read_number("").kind, text::NumberKind::NotANumber);
  EXPECT_EQ(text::read_number("1e-310").kind, text::NumberKind::Number);  // subnormal
}

TEST(Text, ValidUtf8ReplacesEachInvalidByte) {
  EXPECT_EQ(text::valid_utf8("a\xff\xfe"
                             "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(text::valid_utf8("d\xC3\xA9j\xC3\xA0"), "d\xC3\xA9j\xC3\xA0");
  EXPECT_EQ(text::valid_utf8("\xC3"), "\xEF\xBF\xBD");  // cut short
}

}  // namespace
}  // namespace ccsim
