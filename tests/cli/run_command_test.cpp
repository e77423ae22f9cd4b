// ccsim run and validate, end to end through the built program.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

TEST(RunCommand, JsonIsIdenticalForOneAndTwoThreads) {
  const auto one =
      run_ccsim("run scenarios/erlang_a_check.json --replications 4 --threads 1 --format json");
  const auto two =
      run_ccsim("run scenarios/erlang_a_check.json --replications 4 --threads 2 --format json");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(one.out, two.out);
}

TEST(RunCommand, JsonFollowsTheContractLayout) {
  const auto r = run_ccsim("run scenarios/bank_weekday.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["scenario"].is_string());
  EXPECT_EQ(j["replications"], 3);
  ASSERT_TRUE(j["totals"].contains("all"));
  for (const char* kpi : {"offered", "answered", "abandoned", "abandon_rate", "asa_s", "wait_p90_s",
                          "service_level", "frt_s", "aht_s", "art_s", "queued"}) {
    ASSERT_TRUE(j["totals"]["all"].contains(kpi)) << kpi;
    EXPECT_TRUE(j["totals"]["all"][kpi].contains("mean")) << kpi;
    EXPECT_TRUE(j["totals"]["all"][kpi].contains("ci95")) << kpi;
  }
  ASSERT_EQ(j["intervals"].size(), 24u);
  EXPECT_EQ(j["intervals"][0]["index"], 0);
  EXPECT_EQ(j["intervals"][1]["start_s"], 1800.0);
  EXPECT_EQ(j["intervals"][1]["start"], "08:30");
  ASSERT_TRUE(j["agent_groups"].is_object());
  for (const auto& [name, g] : j["agent_groups"].items()) {
    EXPECT_TRUE(g["occupancy"].contains("mean")) << name;
    EXPECT_EQ(g["intervals"].size(), 24u) << name;
  }
}

TEST(RunCommand, OneReplicationHasZeroHalfWidth) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 1 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["totals"]["all"]["asa_s"]["ci95"], 0.0);
}

TEST(RunCommand, CsvHasOneRowPerKpiWithAHeader) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "section,interval,start_s,start,name,kpi,mean,ci95,target,target_met");
  EXPECT_NE(r.out.find("\ncontact_type,,,,all,asa_s,"), std::string::npos);
  EXPECT_NE(r.out.find("\nagent_group,0,0,"), std::string::npos);
}

TEST(RunCommand, OutWritesTheFileInTheFormatOfItsExtension) {
  const auto dir = ccsim::test::temp_dir("out");
  const auto file = dir / "result.json";
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --quiet --out '" +
                           file.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const auto j = nlohmann::json::parse(ccsim::test::read_file(file));
  EXPECT_EQ(j["replications"], 2);
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, BadScenarioExitsTwoNamesThePathAndWritesNothing) {
  const auto dir = ccsim::test::temp_dir("bad");
  const auto scenario = dir / "bad.json";
  {
    std::ofstream f(scenario);
    f << R"({"name": "bad", "horizon": {"duration_s": 3600},
      "contact_types": [{"name": "a", "arrivals": {"rate_per_hour": 100},
                         "handle_time": {"dist": "exponential", "mean_s": -3}}],
      "agent_groups": [{"name": "g", "skills": ["a"], "staff": {"count": 5}}]})";
  }
  const auto out = dir / "out.json";
  const auto r = run_ccsim("run '" + scenario.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contact_types[0].handle_time.mean_s: must be > 0 (got -3)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1);  // only the scenario: no temporary file left behind
  const auto v = run_ccsim("validate '" + scenario.string() + "'");
  EXPECT_EQ(v.exit_code, 2);
  EXPECT_NE(v.err.find("contact_types[0].handle_time.mean_s: must be > 0 (got -3)"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(RunCommand, BadOptionsExitTwoWithAPreciseMessage) {
  auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--replications: must be an integer from 1 to 1000000 (got 0)"),
            std::string::npos)
      << r.err;
  r = run_ccsim("run scenarios/erlang_a_check.json --format xml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format: must be one of table, json, csv, xlsx (got xml)"),
            std::string::npos);
  r = run_ccsim("run scenarios/erlang_a_check.json --bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bogus"), std::string::npos);
  r = run_ccsim("frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  r = run_ccsim("run does_not_exist.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does_not_exist.json"), std::string::npos);
}

TEST(ValidateCommand, ValidScenarioExitsZero) {
  const auto r = run_ccsim("validate scenarios/bank_weekday.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid"), std::string::npos);
}

TEST(Scenarios, EveryExampleScenarioRuns) {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json" ||
        entry.path().filename().string().find(".schema.") != std::string::npos) {
      continue;
    }
    ++count;
    const auto r = run_ccsim("run '" + entry.path().string() + "' --replications 2 --format json");
    ASSERT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_GT(j["totals"]["all"]["offered"]["mean"].get<double>(), 0.0) << entry.path();
  }
  EXPECT_GE(count, 3);
}

}  // namespace

namespace {

TEST(RunCommand, LogWritesOneRowPerContactAndLeavesTheKpisUnchanged) {
  const auto dir = ccsim::test::temp_dir("log");
  const auto log = dir / "contacts.csv";
  const auto with_log =
      run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json --log '" +
                log.string() + "'");
  const auto plain = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(with_log.exit_code, 0) << with_log.err;
  EXPECT_EQ(with_log.out, plain.out);
  const std::string text = ccsim::test::read_file(log);
  EXPECT_EQ(text.rfind("replication,id,contact_type,", 0), 0u);
  const auto j = nlohmann::json::parse(plain.out);
  // Every contact of both replications, warm-up included, has its row (plus the header).
  const auto rows = std::size_t(std::count(text.begin(), text.end(), '\n'));
  EXPECT_GT(double(rows), 2.0 * j["totals"]["all"]["offered"]["mean"].get<double>());
  const auto bad = run_ccsim("run scenarios/erlang_a_check.json --log '" +
                             (dir / "missing" / "x.csv").string() + "'");
  EXPECT_EQ(bad.exit_code, 2);  // refused before running
  EXPECT_NE(bad.err.find("x.csv"), std::string::npos) << bad.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
