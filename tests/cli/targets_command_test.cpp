// run's targets, end to end: a day whose middle interval is understaffed misses 80/20 there and
// meets it elsewhere, in every output format; and what the "all" scope pools.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;

// 300 calls per half hour (30 Erlangs at 180 s): 45 agents answer nearly all within 20 s, 8
// cannot; patience keeps the short-staffed queue finite.
constexpr const char* kUnderstaffedNoon = R"({
  "name": "understaffed noon",
  "horizon": { "interval_minutes": 30, "intervals": 3, "start": "11:30" },
  "simulation": { "replications": 10, "seed": 3 },
  "contact_types": [ {
    "name": "calls", "channel": "voice",
    "arrivals": { "per_interval": [300, 300, 300] },
    "handle_time": { "dist": "exponential", "mean_s": 180 },
    "patience": { "dist": "exponential", "mean_s": 120 },
    "service_level": { "threshold_s": 20, "target": 0.8 },
    "max_abandon_rate": 0.05
  } ],
  "agent_groups": [ { "name": "team", "skills": ["calls"],
                      "staff": { "per_interval": [45, 8, 45] } } ]
})";

std::string scenario_file(const std::string& test) {
  return write_file(temp_dir(test), "noon.json", kUnderstaffedNoon).string();
}

// The rows of `targets` for KPI `kpi` in scope `scope`.
std::vector<nlohmann::json> rows_of(const nlohmann::json& targets, const std::string& kpi,
                                    const std::string& scope) {
  std::vector<nlohmann::json> out;
  for (const auto& row : targets) {
    if (row["kpi"] == kpi && row["scope"] == scope) out.push_back(row);
  }
  return out;
}

TEST(TargetsCommand, JsonGivesEveryTargetPerIntervalAndTotalWithTheContractKeys) {
  const auto r = run_ccsim("run " + scenario_file("targets_json") + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto sl = rows_of(j["targets"], "service_level", "interval");
  ASSERT_EQ(sl.size(), 3u);
  EXPECT_EQ(sl[0]["met"], true);
  EXPECT_EQ(sl[1]["met"], false);
  EXPECT_EQ(sl[1]["verdict"], "missed");
  EXPECT_EQ(sl[2]["met"], true);
  EXPECT_EQ(sl[1]["contact_type"], "calls");
  EXPECT_EQ(sl[1]["index"], 1);
  EXPECT_EQ(sl[1]["target"], 0.8);
  EXPECT_EQ(sl[1]["threshold_s"], 20.0);
  EXPECT_EQ(sl[1]["value"], j["intervals"][1]["calls"]["service_level"]["mean"]);
  EXPECT_EQ(sl[1]["ci95"], j["intervals"][1]["calls"]["service_level"]["ci95"]);
  const auto total = rows_of(j["targets"], "service_level", "total");
  ASSERT_EQ(total.size(), 1u);
  EXPECT_FALSE(total[0].contains("index"));
  EXPECT_EQ(rows_of(j["targets"], "abandon_rate", "interval")[1]["met"], false);
  for (const auto& row : j["targets"]) {
    for (const char* key : {"contact_type", "kpi", "target", "scope", "value", "ci95", "met"}) {
      EXPECT_TRUE(row.contains(key)) << key << " in " << row.dump();
    }
  }
}

TEST(TargetsCommand, TableSaysWhichIntervalsMissedAndMarksTheirCells) {
  const auto r = run_ccsim("run " + scenario_file("targets_table"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\nTargets (✗ missed, ? not distinguishable at 95%: the CI straddles the "
                       "target)\n  calls: 80/20 missed in 1 of 3 intervals (12:00); total "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  calls: abandon ≤ 5% missed in 1 of 3 intervals (12:00); total "),
            std::string::npos)
      << r.out;
  const auto noon = r.out.find("\n12:00 ");
  ASSERT_NE(noon, std::string::npos);
  const std::string row = r.out.substr(noon, r.out.find('\n', noon + 1) - noon);
  EXPECT_NE(row.find(" ✗"), std::string::npos) << row;
}

TEST(TargetsCommand, CsvCarriesTheTargetAndItsVerdictBesideTheKpi) {
  const auto r = run_ccsim("run " + scenario_file("targets_csv") + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "section,interval,start_s,start,name,kpi,mean,ci95,target,target_met");
  std::string noon_sl;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("contact_type,1,") &&
        line.find(",calls,service_level,") != std::string::npos)
      noon_sl = line;
  }
  ASSERT_FALSE(noon_sl.empty());
  EXPECT_TRUE(noon_sl.ends_with(",0.80000000000000004,missed") || noon_sl.ends_with(",0.8,missed"))
      << noon_sl;
}

TEST(TargetsCommand, TransientVerdictsAreExactMetOrMissed) {
  const auto r =
      run_ccsim("run " + scenario_file("targets_transient") + " --method transient --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["targets"].empty());
  for (const auto& row : j["targets"]) {
    EXPECT_EQ(row["ci95"], 0.0);
    EXPECT_TRUE(row["met"].is_boolean()) << row.dump();
  }
  EXPECT_EQ(rows_of(j["targets"], "service_level", "interval")[1]["met"], false);
  EXPECT_EQ(rows_of(j["targets"], "service_level", "interval")[0]["met"], true);
}

TEST(TargetsCommand, WhatIfCarriesTheVariantsTargets) {
  const auto dir = temp_dir("targets_vs");
  std::string better = kUnderstaffedNoon;
  better.replace(better.find("[45, 8, 45]"), 11, "[45, 45, 45]");
  const auto base = write_file(dir, "base.json", kUnderstaffedNoon);
  const auto variant = write_file(dir, "variant.json", better);
  const auto r = run_ccsim("run " + base.string() + " --vs " + variant.string() + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(rows_of(j["targets"], "service_level", "interval")[1]["met"], true);
  EXPECT_EQ(rows_of(j["base_targets"], "service_level", "interval")[1]["met"], false);
}

TEST(TargetsCommand, ReportOpensWithTheTargetsSummary) {
  const auto dir = temp_dir("targets_report");
  const auto file = write_file(dir, "noon.json", kUnderstaffedNoon);
  const auto r = run_ccsim("run " + file.string() + " --report " + (dir / "r.html").string() +
                           " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(dir / "r.html");
  const auto targets = html.find("calls: 80/20 missed in 1 of 3 intervals (12:00)");
  ASSERT_NE(targets, std::string::npos);
  EXPECT_LT(targets, html.find("Scenario</h2>"));
  EXPECT_NE(html.find("target missed"), std::string::npos);
}

TEST(PooledScopeCommand, VoiceAndEmailHaveNoPooledServiceLevelOrAsa) {
  const auto r = run_ccsim("run scenarios/email_team.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["totals"]["all"]["service_level"].is_null());
  EXPECT_TRUE(j["totals"]["all"]["asa_s"].is_null());
  EXPECT_TRUE(j["intervals"][0]["all"]["asa_s"].is_null());
  EXPECT_FALSE(j["totals"]["all"]["offered"].is_null());
  EXPECT_FALSE(j["totals"]["all"]["abandon_rate"].is_null());
}

TEST(PooledScopeCommand, TwoVoiceQueuesWithOneThresholdKeepThePooledServiceLevel) {
  const auto r = run_ccsim("run scenarios/bank_weekday.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["totals"]["all"]["service_level"].is_null());
  EXPECT_FALSE(j["totals"]["all"]["asa_s"].is_null());
}

}  // namespace

namespace {

TEST(TargetsCommand, SeveralDaysGiveEachDaysVerdictWithItsDate) {
  const auto r = run_ccsim("run scenarios/contact_week.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto days = rows_of(j["targets"], "service_level", "day");
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[3]["day"], 3);
  EXPECT_EQ(days[3]["date"], "2026-12-10");
  EXPECT_EQ(days[3]["value"], j["days"][3]["totals"]["calls"]["service_level"]["mean"]);
  const auto intervals = rows_of(j["targets"], "service_level", "interval");
  ASSERT_FALSE(intervals.empty());
  EXPECT_EQ(intervals.back()["day"], 6);
  EXPECT_EQ(intervals.back()["date"], "2026-12-13");
}

TEST(PooledScopeCommand, SweepTableShowsEachTypeThenAllWithoutUnpooledFigures) {
  const auto r = run_ccsim(
      "sweep scenarios/email_team.json --set /simulation/seed=1,2 --replications 2 --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto line = r.out.find("Sweep of 2 points (service_line totals;");
  const auto email = r.out.find("Sweep of 2 points (email totals;");
  const auto all = r.out.find("Sweep of 2 points (all totals;");
  ASSERT_NE(line, std::string::npos) << r.out;
  ASSERT_NE(email, std::string::npos);
  ASSERT_NE(all, std::string::npos);
  EXPECT_LT(line, email);
  EXPECT_LT(email, all);
  const std::string first_all_row = r.out.substr(r.out.find("\n0 ", all), 120);
  EXPECT_NE(first_all_row.find("      -"), std::string::npos) << first_all_row;
}

TEST(PooledScopeCommand, CompareErlangAModelsEachTypeItsOwnGroupsServeAlone) {
  const auto dir = temp_dir("erlang_a_per_type");
  auto sc = nlohmann::json::parse(
      read_file(std::string(CCSIM_SOURCE_DIR) + "/tests/data/compare_scenario.json"));
  sc["agent_groups"] = nlohmann::json::parse(R"([
      {"name": "billing team", "skills": ["billing"], "staff": {"per_interval": [7, 10, 13, 9]}},
      {"name": "cards team", "skills": ["cards"], "staff": {"per_interval": [3, 4, 5, 4]}}])");
  const auto own = write_file(dir, "own.json", sc.dump());
  const std::string measured =
      " --measured tests/data/measured_intervals.csv --erlang-a "
      "--format json --quiet";
  const auto apart = run_ccsim("compare " + own.string() + measured);
  ASSERT_EQ(apart.exit_code, 0) << apart.err;
  const auto a = nlohmann::json::parse(apart.out)["summary"]["erlang_a"];
  EXPECT_TRUE(a.contains("billing")) << a.dump();
  EXPECT_TRUE(a.contains("cards"));
  // One blended group: its agents are shared, so no type has a stand-alone Erlang A queue.
  const auto blended = run_ccsim("compare tests/data/compare_scenario.json" + measured);
  ASSERT_EQ(blended.exit_code, 0) << blended.err;
  const auto b = nlohmann::json::parse(blended.out)["summary"]["erlang_a"];
  EXPECT_FALSE(b.contains("billing")) << b.dump();
  EXPECT_TRUE(b.contains("all"));
}

}  // namespace
