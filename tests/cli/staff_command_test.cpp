// ccsim staff and ccsim run --vs, end to end through the built program.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

// A morning of four half-hours; 80/20 and at most 5% abandoned; 20% shrinkage.
constexpr const char* kSmallDay = R"({
  "name": "small day",
  "horizon": { "interval_minutes": 30, "intervals": 4, "start": "09:00" },
  "simulation": { "replications": 4, "seed": 3 },
  "contact_types": [ {
    "name": "calls",
    "arrivals": { "per_interval": [60, 90, 90, 60] },
    "handle_time": { "dist": "exponential", "mean_s": 180 },
    "patience": { "dist": "exponential", "mean_s": 300 },
    "service_level": { "threshold_s": 20, "target": 0.8 },
    "max_abandon_rate": 0.05 } ],
  "agent_groups": [
    { "name": "team", "skills": ["calls"], "staff": { "count": 10 }, "shrinkage": 0.2 } ]
})";

class StaffCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ccsim::test::temp_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // Writes `content` to a file of the test's directory; returns its quoted path.
  std::string file(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path) << content;
    return "'" + path.string() + "'";
  }
  std::filesystem::path dir_;
};

TEST_F(StaffCommand, JsonFollowsTheContractLayout) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["method"], "simulation");
  EXPECT_EQ(j["targets_met"], true);
  const auto& per_interval = j["agent_groups"]["team"]["per_interval"];
  ASSERT_EQ(per_interval.size(), 4u);
  ASSERT_EQ(j["intervals"].size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& row = j["intervals"][i];
    EXPECT_EQ(row["index"], i);
    EXPECT_TRUE(row["calls"]["service_level"].contains("mean"));
    EXPECT_TRUE(row["calls"]["service_level"].contains("ci95"));
    EXPECT_GE(row["calls"]["service_level"]["mean"].get<double>(), 0.8);
    // Shrinkage applied: the fewest scheduled whose round(scheduled × 0.8) is the on-duty
    // figure, the one the simulation puts on duty.
    const int scheduled = per_interval[i].get<int>();
    const int on_duty = j["agent_groups"]["team"]["on_duty"][i].get<int>();
    EXPECT_EQ(int(std::floor(scheduled * 0.8 + 0.5)), on_duty) << i;
    EXPECT_LT(int(std::floor((scheduled - 1) * 0.8 + 0.5)), on_duty) << i;
  }
  EXPECT_EQ(j["intervals"][1]["start"], "09:30");
}

TEST_F(StaffCommand, ErlangMethodGivesTheCalculatorsMinimumPerInterval) {
  const auto staff = run_ccsim("staff scenarios/erlang_a_check.json --method erlang --format json");
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  const auto calc = run_ccsim(
      "erlang --model a --arrivals-per-hour 600 --aht-s 180 --patience-s 300 --threshold-s 20 "
      "--target-sl 0.8 --format json");
  ASSERT_EQ(calc.exit_code, 0) << calc.err;
  const auto j = nlohmann::json::parse(staff.out);
  EXPECT_EQ(j["method"], "erlang");
  EXPECT_EQ(j["agent_groups"]["agents"]["per_interval"],
            nlohmann::json::array({nlohmann::json::parse(calc.out)["agents"]}));
}

TEST_F(StaffCommand, AScenarioWithoutTargetsExitsTwoAndWritesNothing) {
  std::string day = kSmallDay;
  day.replace(day.find(R"("service_level": { "threshold_s": 20, "target": 0.8 },)"),
              std::string(R"("service_level": { "threshold_s": 20, "target": 0.8 },)").size(), "");
  day.replace(day.find(R"("max_abandon_rate": 0.05 })"),
              std::string(R"("max_abandon_rate": 0.05 })").size(), "\"priority\": 0 }");
  const auto out = dir_ / "staff.json";
  const auto r = run_ccsim("staff " + file("none.json", day) + " --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: contact_types: no staffing target"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(StaffCommand, BadOptionsExitTwoNamingEachOption) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) +
                           " --method magic --judge maybe --max-iterations 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--method: must be one of simulation, erlang, transient (got magic)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--judge: must be one of mean, ci95 (got maybe)"), std::string::npos);
  EXPECT_NE(r.err.find("--max-iterations: must be an integer from 1 to 100000 (got 0)"),
            std::string::npos);
  EXPECT_TRUE(r.out.empty());
}

TEST_F(StaffCommand, BadShiftTemplatesExitTwoWithTheirPaths) {
  const std::string templates = file(
      "shifts.json", R"([{"start_s": 0, "length_s": 7200}, {"start_s": 600, "length_s": -1}])");
  const auto r =
      run_ccsim("staff " + file("day.json", kSmallDay) + " --shift-templates " + templates);
  EXPECT_EQ(r.exit_code, 2);
  const std::string path = (dir_ / "shifts.json").string();
  EXPECT_NE(r.err.find("error: " + path +
                       "[1].start_s: must be on an interval boundary (a multiple of 1800 s) "
                       "(got 600)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("error: " + path + "[1].length_s: must be > 0 (got -1)"), std::string::npos);
}

TEST_F(StaffCommand, AnIntervalNoShiftCoversExitsTwoNamingIt) {
  const std::string templates = file("shifts.json", R"([{"start_s": 0, "length_s": 3600}])");
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) +
                           " --method erlang --shift-templates " + templates);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no shift template covers interval 2 (10:00), where agent group \"team\" "
                       "needs"),
            std::string::npos)
      << r.err;
}

TEST_F(StaffCommand, ShiftTemplatesAddTheLeastCostShiftsAndTheirCoverage) {
  const std::string templates = file("shifts.json", R"([
      {"start_s": 0, "length_s": 7200}, {"start_s": 1800, "length_s": 5400},
      {"start_s": 3600, "length_s": 3600, "cost": 0.5}])");
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) +
                           " --format json --shift-templates " + templates);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& team = j["agent_groups"]["team"];
  ASSERT_EQ(team["coverage"].size(), 4u);
  std::vector<int> from_shifts(4, 0);
  for (const auto& s : team["shifts"]) {
    for (int i = 0; i < 4; ++i) {
      const double t = i * 1800.0;
      if (s["start_s"].get<double>() <= t && t < s["end_s"].get<double>()) {
        from_shifts[std::size_t(i)] += s["count"].get<int>();
      }
    }
  }
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(team["coverage"][i].get<int>(), from_shifts[i]);
    EXPECT_GE(team["coverage"][i].get<int>(), team["per_interval"][i].get<int>());
  }
  EXPECT_EQ(j["shift_cost"], team["shift_cost"]);
}

TEST_F(StaffCommand, CsvIsALongTableOfStaffingAndKpis) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "section,interval,start_s,start,name,kpi,mean,ci95");
  EXPECT_NE(r.out.find("\nstaffing,0,0,09:00,team,agents,"), std::string::npos);
  EXPECT_NE(r.out.find("\nstaffing,3,5400,10:30,team,on_duty,"), std::string::npos);
  EXPECT_NE(r.out.find("\ncontact_type,1,1800,09:30,calls,service_level,"), std::string::npos);
  EXPECT_NE(r.out.find("\nagent_group,2,3600,10:00,team,occupancy,"), std::string::npos);
}

TEST_F(StaffCommand, TableShowsTargetsAgentsAndAchievedKpis) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("calls: service_level >= 0.800 within 20 s, abandon_rate <= 0.050"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Agents to schedule (shrinkage applied)"), std::string::npos);
  EXPECT_NE(r.out.find("agent-hours"), std::string::npos);
  EXPECT_NE(r.out.find("calls service_level"), std::string::npos);
  EXPECT_NE(r.out.find("every target met"), std::string::npos);
}

// ---- ccsim run --vs ----

TEST_F(StaffCommand, RunVsReportsBothValuesAndThePairedDifference) {
  std::string more = kSmallDay;
  more.replace(more.find(R"("count": 10)"), std::string(R"("count": 10)").size(), R"("count": 12)");
  more.replace(more.find("small day"), 9, "two more");
  const auto r = run_ccsim("run " + file("base.json", kSmallDay) + " --vs " +
                           file("more.json", more) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["base"]["scenario"], "small day");
  EXPECT_EQ(j["variant"]["scenario"], "two more");
  EXPECT_EQ(j["replications"], 4);
  const auto& asa = j["totals"]["calls"]["asa_s"];
  const double diff = asa["difference"]["mean"].get<double>();
  EXPECT_NEAR(diff, asa["variant"]["mean"].get<double>() - asa["base"]["mean"].get<double>(), 1e-9);
  EXPECT_LT(diff, 0.0);
  EXPECT_TRUE(asa["difference"].contains("ci95"));
  EXPECT_EQ(j["totals"]["calls"]["offered"]["difference"]["mean"], 0.0);  // same arrivals
  ASSERT_EQ(j["intervals"].size(), 4u);
  EXPECT_TRUE(j["intervals"][0]["calls"]["service_level"].contains("difference"));
  EXPECT_TRUE(j["agent_groups"]["team"]["occupancy"]["difference"].contains("mean"));
}

TEST_F(StaffCommand, RunVsLeavesTypesOfOneScenarioWithoutDifference) {
  std::string renamed = kSmallDay;
  renamed.replace(renamed.find(R"("name": "calls")"), 15, R"("name": "sales")");
  renamed.replace(renamed.find(R"(["calls"])"), 9, R"(["sales"])");
  const auto r = run_ccsim("run " + file("base.json", kSmallDay) + " --vs " +
                           file("renamed.json", renamed) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["totals"]["calls"]["offered"]["variant"].is_null());
  EXPECT_TRUE(j["totals"]["calls"]["offered"]["difference"].is_null());
  EXPECT_TRUE(j["totals"]["sales"]["offered"]["base"].is_null());
  EXPECT_FALSE(j["totals"]["all"]["offered"]["difference"].is_null());
}

TEST_F(StaffCommand, RunVsWithAnotherHorizonExitsTwo) {
  std::string longer = kSmallDay;
  longer.replace(longer.find(R"("intervals": 4)"), 14, R"("intervals": 2)");
  longer.replace(longer.find("[60, 90, 90, 60]"), 16, "[60, 90]");
  const auto r =
      run_ccsim("run " + file("base.json", kSmallDay) + " --vs " + file("short.json", longer));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("horizon: the variant's horizon (2 intervals of 1800 s) differs from the "
                       "base's (4 intervals of 1800 s)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(StaffCommand, RunVsCsvAndTableShowBaseVariantAndDifference) {
  const std::string base = file("base.json", kSmallDay);
  const auto csv = run_ccsim("run " + base + " --vs " + base + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "section,interval,start_s,start,name,kpi,base_mean,base_ci95,variant_mean,"
            "variant_ci95,difference_mean,difference_ci95");
  EXPECT_NE(csv.out.find("\ncontact_type,,,,calls,offered,"), std::string::npos);
  const auto table = run_ccsim("run " + base + " --vs " + base);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("difference"), std::string::npos);
  EXPECT_NE(table.out.find("paired replications"), std::string::npos);
}

}  // namespace

namespace {

// The scenario `day` (JSON text) with its one group's staff replaced by `per_interval`.
std::string with_plan(const std::string& day, const nlohmann::json& per_interval) {
  auto j = nlohmann::json::parse(day);
  j["agent_groups"][0]["staff"] = {{"per_interval", per_interval}};
  return j.dump();
}

}  // namespace

TEST_F(StaffCommand, ThePlanAtThirtyPercentShrinkageMeetsTheTargetsWhenRun) {
  auto day = nlohmann::json::parse(kSmallDay);
  day["agent_groups"][0]["shrinkage"] = 0.3;
  const auto staff = run_ccsim("staff " + file("day.json", day.dump()) + " --format json");
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  const auto plan = nlohmann::json::parse(staff.out)["agent_groups"]["team"];
  const auto run = run_ccsim(
      "run " + file("plan.json", with_plan(day.dump(), plan["per_interval"])) + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto r = nlohmann::json::parse(run.out);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& calls = r["intervals"][i]["calls"];
    EXPECT_GE(calls["service_level"]["mean"].get<double>(), 0.8) << i;
    EXPECT_LE(calls["abandon_rate"]["mean"].get<double>(), 0.05) << i;
    // On duty as simulated: at least the net figure staff printed (more while agents going
    // off duty finish their calls).
    EXPECT_GE(r["agent_groups"]["team"]["intervals"][i]["agents"]["mean"].get<double>(),
              plan["on_duty"][i].get<double>() - 1e-9)
        << i;
  }
}

TEST_F(StaffCommand, MaxUtilisationCapsEveryGroupsChatSlots) {
  const auto r = run_ccsim(
      "staff scenarios/chat_concurrency.json --max-utilisation 0.7 --replications 4 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& group = j["agent_groups"]["chat_agents"];
  EXPECT_EQ(group["max_utilisation"], 0.7);
  ASSERT_EQ(group["utilisation"].size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_LE(group["utilisation"][i]["mean"].get<double>(), 0.7 + 1e-9) << i;
  }
}

TEST_F(StaffCommand, ABadMaxUtilisationExitsTwoNamingTheOption) {
  const auto out = dir_ / "staff.json";
  for (const std::string bad : {"0", "1.5", "most"}) {
    const auto r = run_ccsim("staff " + file("day.json", kSmallDay) + " --max-utilisation " + bad +
                             " --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--max-utilisation: must be a number in (0, 1] (got " + bad + ")"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
}

// Three flat hours of quarter-hours: 60, 110 and 70 calls a quarter.
constexpr const char* kFlatHours = R"({
  "name": "three flat hours",
  "horizon": { "interval_minutes": 15, "intervals": 12, "start": "09:00" },
  "simulation": { "replications": 20, "seed": 7 },
  "contact_types": [ {
    "name": "calls",
    "arrivals": { "per_interval": [60, 60, 60, 60, 110, 110, 110, 110, 70, 70, 70, 70] },
    "handle_time": { "dist": "exponential", "mean_s": 240 },
    "patience": { "dist": "exponential", "mean_s": 300 },
    "service_level": { "threshold_s": 20, "target": 0.8 },
    "max_abandon_rate": 0.05 } ],
  "agent_groups": [
    { "name": "team", "skills": ["calls"], "staff": { "count": 30 }, "shrinkage": 0.3 } ]
})";

TEST_F(StaffCommand, AFlatHourDiffersOnlyWhereTheTableAndJsonSayTheQueueCarriesOver) {
  const std::string day = file("flat.json", kFlatHours);
  const auto json = run_ccsim("staff " + day + " --format json");
  const auto table = run_ccsim("staff " + day);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const auto team = nlohmann::json::parse(json.out)["agent_groups"]["team"];
  const auto& on_duty = team["on_duty"];
  ASSERT_TRUE(team.contains("carry_over"));
  std::set<int> carried;
  for (const auto& i : team["carry_over"]) carried.insert(i.get<int>());
  const std::vector<std::string> starts{"10:00", "11:00"};
  for (int hour = 0; hour < 3; ++hour) {
    const int first = 4 * hour;
    for (int q = first + 1; q < first + 4; ++q) EXPECT_EQ(on_duty[q], on_duty[first + 1]) << q;
    if (carried.count(first) == 0) {
      EXPECT_EQ(on_duty[first], on_duty[first + 1]) << first;
      continue;
    }
    EXPECT_NE(on_duty[first], on_duty[first + 1]) << first;
    EXPECT_NE(table.out.find("team at " + starts[std::size_t(hour - 1)]), std::string::npos)
        << table.out;
  }
  EXPECT_NE(table.out.find("Carry-over of the queue from the previous interval"), std::string::npos)
      << table.out;
}
