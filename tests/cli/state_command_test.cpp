// ccsim run --state and --save-state, end to end through the built program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;
using nlohmann::json;

const std::string kScenario = "scenarios/bank_weekday.json";

json scenario_document() {
  return json::parse(read_file(std::string(CCSIM_SOURCE_DIR) + "/" + kScenario));
}

// An empty state, as the scenario's key or as a --state file, draws nothing: the output is
// byte for byte that of no state.
TEST(StateCommand, EmptyStateGivesTheSameOutputAsNone) {
  const auto dir = temp_dir("state_empty");
  json doc = scenario_document();
  doc.erase("$schema");
  const auto plain = write_file(dir, "plain.json", doc.dump());
  doc["initial_state"] = json::parse(R"({"waiting": {"billing": []}, "busy": {}})");
  const auto keyed = write_file(dir, "keyed.json", doc.dump());
  const auto empty = write_file(dir, "empty.json", "{}");
  const std::string options = " --replications 3 --format json";
  const auto none = run_ccsim("run '" + plain.string() + "'" + options);
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(run_ccsim("run '" + keyed.string() + "'" + options).out, none.out);
  EXPECT_EQ(
      run_ccsim("run '" + plain.string() + "' --state '" + empty.string() + "'" + options).out,
      none.out);
}

// The end state of one run is a state the next run reads; contacts waiting in it count in the
// next run's first interval.
TEST(StateCommand, SaveStateWritesWhatStateReads) {
  const auto dir = temp_dir("state_save");
  const auto saved = dir / "end.json";
  const auto r =
      run_ccsim("run scenarios/intraday_replan.json --replications 2 --quiet --save-state '" +
                saved.string() + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json state = json::parse(read_file(saved));
  for (const auto& [key, value] : state.items()) {
    EXPECT_TRUE(key == "waiting" || key == "callbacks" || key == "busy") << key;
  }
  ASSERT_TRUE(state.contains("busy"));  // 10 advisers at 19:30 for some 60 calls
  EXPECT_GT(state.at("busy").at("advisers").size(), 0u);
  const auto again = run_ccsim("run scenarios/intraday_replan.json --replications 2 --state '" +
                               saved.string() + "' --format json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const json first = json::parse(again.out)["intervals"][0];
  const json waiting = state.value("waiting", json::object());  // outlives the loop
  for (const auto& [type, waits] : waiting.items()) {
    // Fresh arrivals of the first interval come on top of the contacts waiting at the start.
    EXPECT_GE(first.at(type).at("offered").at("mean").get<double>(), double(waits.size()))
        << type;
  }
}

TEST(StateCommand, BadStateFileExitsTwoNamingTheFileAndPath) {
  const auto dir = temp_dir("state_bad");
  const auto file =
      write_file(dir, "now.json",
                 R"({"waiting": {"biling": [1]}, "busy": {"advisers": [{"elapsed_s": -1}]}})");
  const auto r = run_ccsim("run " + kScenario + " --state '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + file.string() +
                       ": waiting.biling: must be the name of a contact type (got \"biling\"); "
                       "did you mean \"billing\"?\n"
                       "error: " +
                       file.string() + ": busy.advisers[0].elapsed_s: must be >= 0 (got -1)\n");
  const auto missing =
      run_ccsim("run " + kScenario + " --state '" + (dir / "no.json").string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err.rfind("error: --state: ", 0), 0u) << missing.err;
}

TEST(StateCommand, StateOptionsAreRefusedWhereNoSingleSimulationRuns) {
  const auto vs = run_ccsim("run " + kScenario + " --vs " + kScenario + " --save-state x.json");
  EXPECT_EQ(vs.exit_code, 2);
  EXPECT_EQ(vs.err.substr(0, vs.err.find('\n')), "error: --save-state: not available with --vs");
  const auto transient = run_ccsim("run " + kScenario + " --method transient --state x.json");
  EXPECT_EQ(transient.exit_code, 2);
  EXPECT_EQ(transient.err.substr(0, transient.err.find('\n')),
            "error: --state: does not apply with --method transient (no simulation)");
}

}  // namespace

namespace {

// The report states the state a run starts from, counted from the scenario's own lists.
TEST(StateCommand, ReportSaysWhatTheRunStartsFrom) {
  const auto dir = temp_dir("state_report");
  const auto report = dir / "replan.html";
  const auto r = run_ccsim("run scenarios/intraday_replan.json --replications 2 --report '" +
                           report.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc =
      json::parse(read_file(std::string(CCSIM_SOURCE_DIR) + "/scenarios/intraday_replan.json"));
  const auto& billing = doc.at("initial_state").at("waiting").at("billing");
  const std::string expected = "billing: " + std::to_string(billing.size()) + " waiting";
  const std::string html = read_file(report);
  EXPECT_NE(html.find("<dt>starts from</dt>"), std::string::npos);
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  EXPECT_NE(html.find("advisers: " +
                      std::to_string(doc.at("initial_state").at("busy").at("advisers").size()) +
                      " busy"),
            std::string::npos);
}

}  // namespace
