// Money KPIs in the paired what-if, `ccsim run BASE --vs VARIANT`, on scenarios/costs_day.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

const char* const kDay = "scenarios/costs_day.json";

json day_document() {
  std::ifstream in(std::string(CCSIM_SOURCE_DIR) + "/" + kDay);
  return json::parse(in);
}

// Writes `doc` as `name` in `dir`; returns its path as a quoted shell word.
std::string write_scenario(const std::filesystem::path& dir, const std::string& name,
                           const json& doc) {
  return "'" + ccsim::test::write_file(dir, name, doc.dump(2)).string() + "'";
}

TEST(CostsVsCommand, ThreeMoreAgentsInOneIntervalCostExactlyThreeAgentHalfHours) {
  const auto dir = ccsim::test::temp_dir("costs_vs_more");
  json doc = day_document();
  doc["agent_groups"][0]["staff"]["per_interval"][3] = 27;  // 24 + 3 sales agents at 09:30
  const std::string variant = write_scenario(dir, "more.json", doc);
  const auto r = run_ccsim(std::string("run ") + kDay + " --vs " + variant +
                           " --replications 4 --format json");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json costs = json::parse(r.out).at("costs");
  // 3 agents × 0.5 h × 32 per agent-hour.
  const json& total = costs["totals"]["agent_cost"];
  EXPECT_NEAR(total["difference"]["mean"].get<double>(), 48.0, 1e-9);
  EXPECT_EQ(total["difference"]["ci95"].get<double>(), 0.0);
  EXPECT_NEAR(total["base"]["mean"].get<double>(), 2368.0 + 1365.0, 1e-9);
  EXPECT_NEAR(total["variant"]["mean"].get<double>(), 2368.0 + 1365.0 + 48.0, 1e-9);
  ASSERT_EQ(costs["intervals"].size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    const json& d = costs["intervals"][i]["agent_cost"]["difference"];
    EXPECT_NEAR(d["mean"].get<double>(), i == 3 ? 48.0 : 0.0, 1e-9) << i;
    EXPECT_EQ(d["ci95"].get<double>(), 0.0) << i;
  }
  EXPECT_EQ(costs["intervals"][3]["start"], "09:30");
  // cost = agent_cost + penalty_cost and net = revenue − cost hold for the differences too.
  const json& t = costs["totals"];
  EXPECT_NEAR(t["cost"]["difference"]["mean"].get<double>(),
              48.0 + t["penalty_cost"]["difference"]["mean"].get<double>(), 1e-6);
  EXPECT_NEAR(t["net"]["difference"]["mean"].get<double>(),
              t["revenue"]["difference"]["mean"].get<double>() -
                  t["cost"]["difference"]["mean"].get<double>(),
              1e-6);
}

TEST(CostsVsCommand, OverTwoDaysEachDayCarriesItsOwnDifference) {
  const auto dir = ccsim::test::temp_dir("costs_vs_days");
  json doc = day_document();
  doc["horizon"]["days"] = 2;
  const auto twice = [](json& list) {
    const json day = list;
    for (const json& v : day) list.push_back(v);
  };
  for (json& t : doc["contact_types"]) twice(t["arrivals"]["per_interval"]);
  for (json& g : doc["agent_groups"]) twice(g["staff"]["per_interval"]);
  const std::string base = write_scenario(dir, "base.json", doc);
  doc["agent_groups"][0]["staff"]["per_interval"][11] = 27;  // day 2, 09:30: 24 + 3
  const std::string variant = write_scenario(dir, "more.json", doc);
  const auto r =
      run_ccsim("run " + base + " --vs " + variant + " --replications 2 --format json --quiet");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json costs = json::parse(r.out).at("costs");
  ASSERT_EQ(costs["days"].size(), 2u);
  EXPECT_EQ(costs["days"][1]["day"], 1);
  EXPECT_EQ(costs["days"][0]["agent_cost"]["difference"]["mean"].get<double>(), 0.0);
  EXPECT_NEAR(costs["days"][1]["agent_cost"]["difference"]["mean"].get<double>(), 48.0, 1e-9);
  EXPECT_NEAR(costs["days"][1]["agent_cost"]["base"]["mean"].get<double>(), 3733.0, 1e-9);
  EXPECT_NEAR(costs["totals"]["agent_cost"]["difference"]["mean"].get<double>(), 48.0, 1e-9);
  EXPECT_EQ(costs["intervals"].size(), 16u);
}

TEST(CostsVsCommand, AVariantIdenticalToTheBaseDiffersByZeroWithZeroCi) {
  const auto r =
      run_ccsim(std::string("run ") + kDay + " --vs " + kDay + " --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json costs = json::parse(r.out).at("costs");
  for (const char* kpi : {"cost", "revenue", "net", "agent_cost", "penalty_cost"}) {
    EXPECT_EQ(costs["totals"][kpi]["difference"]["mean"].get<double>(), 0.0) << kpi;
    EXPECT_EQ(costs["totals"][kpi]["difference"]["ci95"].get<double>(), 0.0) << kpi;
    for (const json& row : costs["intervals"]) {
      EXPECT_EQ(row[kpi]["difference"]["mean"].get<double>(), 0.0) << kpi;
      EXPECT_EQ(row[kpi]["difference"]["ci95"].get<double>(), 0.0) << kpi;
    }
  }
  EXPECT_GT(costs["totals"]["penalty_cost"]["base"]["ci95"].get<double>(), 0.0);
}

TEST(CostsVsCommand, TableCsvAndReportShowTheMoneyOfBothAndTheDifference) {
  const auto dir = ccsim::test::temp_dir("costs_vs_outputs");
  json doc = day_document();
  doc["agent_groups"][0]["staff"]["per_interval"][3] = 27;
  const std::string variant = write_scenario(dir, "more.json", doc);
  const std::string args =
      std::string("run ") + kDay + " --vs " + variant + " --replications 2 --quiet";
  const auto table = run_ccsim(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nCosts and revenue\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\nCosts and revenue by interval (means; difference ± 95% CI)\n"),
            std::string::npos);
  EXPECT_NE(table.out.find("\nKPI "), std::string::npos) << table.out;
  const std::size_t agent = table.out.find("\nagent_cost ");
  ASSERT_NE(agent, std::string::npos) << table.out;
  const std::string line = table.out.substr(agent + 1, table.out.find('\n', agent + 1) - agent - 1);
  EXPECT_NE(line.find(" 3733.00 ± 0.00 "), std::string::npos) << line;
  EXPECT_NE(line.find(" 3781.00 ± 0.00 "), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with(" +48.00 ± 0.00")) << line;
  const auto csv = run_ccsim(args + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\ncosts,,,,all,agent_cost,3733.00,0.00,3781.00,0.00,48.00,0.00,,\n"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find("\ncosts,3,5400,09:30,all,agent_cost,"), std::string::npos);
  const auto html = dir / "whatif.html";
  const auto rep = run_ccsim(args + " --report '" + html.string() + "'");
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  const std::string page = ccsim::test::read_file(html);
  std::filesystem::remove_all(dir);
  EXPECT_NE(page.find("Costs and revenue over the horizon"), std::string::npos);
  EXPECT_NE(page.find("Cost and net: difference per interval"), std::string::npos);
}

TEST(CostsVsCommand, CostsInOnlyOneScenarioExitTwoAndWriteNothing) {
  const auto dir = ccsim::test::temp_dir("costs_vs_one_side");
  json doc = day_document();
  doc.erase("costs");
  const std::string variant = write_scenario(dir, "plain.json", doc);
  const auto out = dir / "out.json";
  const auto r = run_ccsim(std::string("run ") + kDay + " --vs " + variant +
                           " --replications 2 --format json --out '" + out.string() + "'");
  const auto back = run_ccsim("run " + variant + " --vs " + kDay + " --replications 2");
  const bool written = std::filesystem::exists(out);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(written);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + variant.substr(1, variant.size() - 2) +
                       ": costs: only the base states costs; state them in both scenarios to "
                       "compare cost, revenue and net (or in neither)\n");
  EXPECT_EQ(back.exit_code, 2);
  EXPECT_NE(back.err.find("costs: only the variant states costs;"), std::string::npos) << back.err;
}

}  // namespace
