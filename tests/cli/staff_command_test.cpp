// ccsim staff and ccsim run --vs, end to end through the built program.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
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

// `text` with the first `from` replaced by `to`. REQUIRES: text holds `from`.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// kSmallDay with email (60 an interval, AHT 600 s, ASA at most 1 h) served by a second,
// blended group that also takes calls; from a start date.
std::string blended_day() {
  std::string day = kSmallDay;
  replace_once(day, R"("start": "09:00" })", R"("start": "09:00", "start_date": "2026-03-02" })");
  replace_once(day, R"(    "max_abandon_rate": 0.05 } ],)",
               R"(    "max_abandon_rate": 0.05 }, {
    "name": "email", "channel": "email",
    "arrivals": { "per_interval": [60, 60, 60, 60] },
    "handle_time": { "dist": "exponential", "mean_s": 600 }, "max_asa_s": 3600 } ],)");
  replace_once(day, R"("shrinkage": 0.2 } ])",
               R"("shrinkage": 0.2 },
    { "name": "blended", "skills": ["calls", "email"], "staff": { "count": 8 },
      "shrinkage": 0.1 } ])");
  return day;
}

// The fields of each line of `csv` after the header.
std::vector<std::vector<std::string>> csv_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream l(line);
    for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

TEST_F(StaffCommand, CsvIsOneWfmTableWhoseSharesAddUpToEachGroupsRequirement) {
  const std::string f = file("blended.json", blended_day());
  const auto csv = run_ccsim("staff " + f + " --method erlang --format csv --quiet");
  const auto json = run_ccsim("staff " + f + " --method erlang --format json --quiet");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "date,interval,queue,agent_group,required_net,required_gross,scheduled");
  const auto j = nlohmann::json::parse(json.out);
  const auto rows = csv_rows(csv.out);
  ASSERT_EQ(rows.size(), 4u * 3u);  // calls in both groups, email in the blended one
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> sums;  // (interval, group)
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 7u);
    EXPECT_EQ(r[0], "2026-03-02");
    EXPECT_EQ(r[6], r[3] == "team" ? "10" : "8");
    sums[{r[1], r[3]}].first += std::stoi(r[4]);
    sums[{r[1], r[3]}].second += std::stoi(r[5]);
  }
  const char* clock[] = {"09:00", "09:30", "10:00", "10:30"};
  for (std::size_t i = 0; i < 4; ++i) {
    for (const char* g : {"team", "blended"}) {
      const auto& group = j["agent_groups"][g];
      const auto sum = sums[std::make_pair(std::string(clock[i]), std::string(g))];
      EXPECT_EQ(sum.first, group["on_duty"][i].get<int>()) << g << i;
      EXPECT_EQ(sum.second, group["per_interval"][i].get<int>()) << g << i;
    }
  }
}

TEST_F(StaffCommand, JsonGivesEachContactTypeItsShareAndItsStandAloneRequirement) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) + " --format json --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& calls = j["contact_types"]["calls"];
  // One type, one group: its share is the whole group.
  EXPECT_EQ(calls["per_interval"], j["agent_groups"]["team"]["on_duty"]);
  EXPECT_EQ(calls["per_interval_gross"], j["agent_groups"]["team"]["per_interval"]);
  // Stand-alone: the Erlang A calculator's fewest agents for the interval's load.
  const int per_hour[] = {120, 180, 180, 120};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto calc =
        run_ccsim("erlang --model a --arrivals-per-hour " + std::to_string(per_hour[i]) +
                  " --aht-s 180 --patience-s 300 --threshold-s 20 --target-sl 0.8 "
                  "--max-abandon 0.05 --format json");
    ASSERT_EQ(calc.exit_code, 0) << calc.err;
    EXPECT_EQ(calls["stand_alone"][i], nlohmann::json::parse(calc.out)["agents"]) << i;
  }
}

TEST_F(StaffCommand, WhatIfOptionsReplaceTheTargetsAndVolumeAndAreStated) {
  const std::string f = file("day.json", kSmallDay);
  const std::string what_if = " --method erlang --sl 90%/30 --volume-factor 1.5 --quiet";
  const auto r = run_ccsim("staff " + f + what_if + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["targets"]["calls"]["service_level"],
            nlohmann::json::parse(R"({"threshold_s": 30.0, "target": 0.9})"));
  EXPECT_EQ(
      j["overrides"],
      nlohmann::json::parse(
          R"({"service_level": {"target": 0.9, "threshold_s": 30.0}, "volume_factor": 1.5})"));
  // 60 × 1.5 = 90 calls in the first half-hour: 180 an hour.
  const auto calc = run_ccsim(
      "erlang --model a --arrivals-per-hour 180 --aht-s 180 --patience-s 300 --threshold-s 30 "
      "--target-sl 0.9 --max-abandon 0.05 --format json");
  ASSERT_EQ(calc.exit_code, 0) << calc.err;
  EXPECT_EQ(j["agent_groups"]["team"]["on_duty"][0], nlohmann::json::parse(calc.out)["agents"]);
  const auto table = run_ccsim("staff " + f + what_if);
  EXPECT_NE(table.out.find("What-if options in effect\n"
                           "  service level 0.900 within 30 s for every contact type (--sl)\n"
                           "  volume × 1.500 for every contact type (--volume-factor)\n"),
            std::string::npos)
      << table.out;
}

// staff --volume-factor (simulation): the forecast's plan is the one `staff` gives without the
// factor, and the what-if never has fewer agents on duty than it (more volume) or more (less).
TEST_F(StaffCommand, AVolumeWhatIfIsComparedWithAndBoundedByTheForecastsPlan) {
  const std::string f = file("day.json", kSmallDay);
  const auto plain = run_ccsim("staff " + f + " --format json --quiet");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const auto forecast = nlohmann::json::parse(plain.out)["agent_groups"]["team"];
  for (const char* factor : {"1.05", "0.9"}) {
    const auto r =
        run_ccsim("staff " + f + " --volume-factor " + factor + " --format json --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const auto& fj = j["forecast"];
    EXPECT_EQ(fj["volume_factor"], std::stod(factor));
    EXPECT_EQ(fj["agent_groups"]["team"]["on_duty"], forecast["on_duty"]) << factor;
    EXPECT_EQ(fj["agent_groups"]["team"]["per_interval"], forecast["per_interval"]) << factor;
    const auto& on_duty = j["agent_groups"]["team"]["on_duty"];
    int more = 0, fewer = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      more += on_duty[i].get<int>() > forecast["on_duty"][i].get<int>();
      fewer += on_duty[i].get<int>() < forecast["on_duty"][i].get<int>();
    }
    EXPECT_EQ(fj["on_duty_more"], more);
    EXPECT_EQ(fj["on_duty_fewer"], fewer);
    EXPECT_EQ(std::string(factor) == "0.9" ? more : fewer, 0) << factor;
  }
  const auto table = run_ccsim("staff " + f + " --volume-factor 1.05 --quiet");
  EXPECT_NE(table.out.find("\nAgainst the forecast (its volume, same seed and replications; "),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("  the search stays at or above the forecast's agents on duty: more "
                           "volume never needs fewer\n"),
            std::string::npos)
      << table.out;
}

TEST_F(StaffCommand, AForecastSearchOutOfIterationsIsWarnedOf) {
  const auto r = run_ccsim(
      "staff scenarios/realistic_day.json --volume-factor 1.1 "
      "--max-iterations 1 --quiet");
  EXPECT_NE(r.err.find("warning: the search for the forecast's plan, which bounds the what-if, "
                       "stopped after 1 iteration (--max-iterations) with "),
            std::string::npos)
      << r.err;
}

TEST_F(StaffCommand, BadWhatIfOptionsExitTwoNamingEachOptionAndItsRule) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) +
                           " --sl 80 --asa-s 0 --max-abandon 1.5 --max-occupancy x "
                           "--volume-factor 0");
  EXPECT_EQ(r.exit_code, 2);
  for (const char* message :
       {"error: --sl: must be TARGET/THRESHOLD_S with TARGET a share in [0, 1] (or a percentage, "
        "80%) and THRESHOLD_S seconds >= 0, e.g. 0.8/20 (got 80)\n",
        "error: --asa-s: must be a number of seconds > 0 (got 0)\n",
        "error: --max-abandon: must be a share in (0, 1] (got 1.5)\n",
        "error: --max-occupancy: must be a share in (0, 1] (got x)\n",
        "error: --volume-factor: must be a number in (0, 100] (got 0)\n"}) {
    EXPECT_NE(r.err.find(message), std::string::npos) << message << r.err;
  }
  EXPECT_TRUE(r.out.empty());
}

TEST_F(StaffCommand, AVolumeFactorOnAReplayedTraceExitsTwoNamingTheType) {
  file("arrivals.csv", "time_s\n10\n20\n30\n");
  const auto r = run_ccsim("staff " + file("traced.json", R"({
    "name": "traced", "horizon": {"duration_s": 3600}, "simulation": {"replications": 2},
    "contact_types": [{"name": "calls", "arrivals": {"trace": "arrivals.csv"},
                       "handle_time": {"dist": "exponential", "mean_s": 180},
                       "max_asa_s": 60}],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"count": 2}}]})") +
                           " --volume-factor 1.1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --volume-factor: contact type \"calls\" replays an arrival trace, which a "
            "factor cannot scale (give its arrivals as per_interval or rate_per_hour)\n");
  EXPECT_TRUE(r.out.empty());
}

TEST_F(StaffCommand, WarnsThatThePlanReplacesTheScenariosShifts) {
  std::string day = kSmallDay;
  replace_once(day, R"({ "count": 10 })",
               R"({ "shifts": [ { "start_s": 0, "end_s": 3600, "count": 8 },
                               { "start_s": 3600, "end_s": 7200, "count": 12 } ] })");
  const auto r = run_ccsim("staff " + file("shifts.json", day) + " --method erlang --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The scenario schedules 8 agents for an hour and 12 for an hour: 20 agent-hours.
  EXPECT_NE(r.err.find("warning: the staffing plan replaces the scenario's 2 shifts: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" agent-hours to schedule against 20.0 (+"), std::string::npos) << r.err;
}

TEST_F(StaffCommand, ASearchOfOneIterationSaysOneIteration) {
  const auto r = run_ccsim("staff " + file("day.json", kSmallDay) + " --max-iterations 1 --quiet");
  EXPECT_NE(r.err.find("stopped after 1 iteration "), std::string::npos) << r.err;
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
            "variant_ci95,difference_mean,difference_ci95,target,target_met");
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
