// Costs and revenue end to end: the money KPIs of `ccsim run` and `ccsim staff --objective cost`
// on scenarios/costs_day.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"
#include "tests/tools/workbook_reader.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

const char* const kDay = "scenarios/costs_day.json";

TEST(CostsCommand, RunReportsCostRevenueAndNetPerIntervalAndInTotal) {
  const auto r = run_ccsim(std::string("run ") + kDay + " --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  const json& costs = j.at("costs");
  ASSERT_EQ(costs.at("intervals").size(), 8u);
  // Interval 0: 12 sales agents × 0.5 h × 32 + 12 service agents × 0.5 h × 26.
  EXPECT_NEAR(costs["intervals"][0]["agent_cost"]["mean"].get<double>(), 348.0, 1e-9);
  EXPECT_EQ(costs["intervals"][0]["agent_cost"]["ci95"].get<double>(), 0.0);
  double agent_cost = 0.0, cost = 0.0;
  for (const json& row : costs["intervals"]) {
    const double c = row["cost"]["mean"], a = row["agent_cost"]["mean"],
                 p = row["penalty_cost"]["mean"], rev = row["revenue"]["mean"],
                 net = row["net"]["mean"];
    EXPECT_NEAR(c, a + p, 1e-9);
    EXPECT_NEAR(net, rev - c, 1e-9);
    EXPECT_GT(p, 0.0);
    agent_cost += a;
    cost += c;
  }
  // (12+16+20+24+24+20+18+14) × 0.5 × 32 + (12+14+15+15+14+13+12+10) × 0.5 × 26.
  EXPECT_NEAR(costs["totals"]["agent_cost"]["mean"].get<double>(), 2368.0 + 1365.0, 1e-9);
  EXPECT_NEAR(agent_cost, 2368.0 + 1365.0, 1e-9);
  EXPECT_NEAR(costs["totals"]["cost"]["mean"].get<double>(), cost, 1e-6);
  // Revenue: 25 per answered sales call.
  EXPECT_NEAR(costs["totals"]["revenue"]["mean"].get<double>(),
              25.0 * j["totals"]["sales"]["answered"]["mean"].get<double>(), 1e-6);
}

TEST(CostsCommand, MoneyAppearsInTableAndCsvOnlyWhenTheScenarioStatesCosts) {
  const auto table = run_ccsim(std::string("run ") + kDay + " --replications 2");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nCosts and revenue\n"), std::string::npos);
  EXPECT_NE(table.out.find("\nCosts and revenue by interval\n"), std::string::npos);
  const auto csv = run_ccsim(std::string("run ") + kDay + " --replications 2 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\ncosts,,,,all,cost,"), std::string::npos);
  EXPECT_NE(csv.out.find("\ncosts,0,0,08:00,all,agent_cost,348.00,0.00"), std::string::npos);
  const auto plain = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(json::parse(plain.out).contains("costs"));
}

TEST(CostsCommand, RunWorkbookAndReportCarryTheMoney) {
  const auto dir = ccsim::test::temp_dir("costs_run_outputs");
  const auto xlsx = dir / "day.xlsx", html = dir / "day.html";
  const auto r = run_ccsim(std::string("run ") + kDay + " --replications 2 --quiet --out '" +
                           xlsx.string() + "' --report '" + html.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ccsim::test::read_file(html).find("Cost, revenue and net per interval"),
            std::string::npos);
  const auto book = ccsim::test::read_workbook(xlsx);
  std::filesystem::remove_all(dir);
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  const json totals = ccsim::test::sheet_of(*book, "cost_totals");
  ASSERT_FALSE(totals.is_null()) << book->dump();
  EXPECT_EQ(totals["values"][0][0], "scope");
  EXPECT_EQ(totals["values"][1][0], "horizon");
  EXPECT_EQ(ccsim::test::sheet_of(*book, "costs")["values"].size(), 9u);  // header + 8
}

TEST(CostsCommand, ABadAmountExitsTwoWithItsPathAndWritesNothing) {
  const auto dir = ccsim::test::temp_dir("costs_bad");
  json doc = json::parse(ccsim::test::read_file(std::filesystem::path(CCSIM_SOURCE_DIR) / kDay));
  doc["costs"]["contact_types"]["sales"]["abandoned"] = -15;
  doc["costs"]["agent_hour"]["sales"] = 3;
  const auto path = ccsim::test::write_file(dir, "bad.json", doc.dump());
  const auto out = dir / "out.json";
  const auto r = run_ccsim("run '" + path.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: costs.agent_hour.sales: must be the name of an agent group (got \"sales\"); "
            "did you mean \"sales_team\"?\n"
            "error: costs.contact_types.sales.abandoned: must be >= 0 (got -15)\n");
  EXPECT_FALSE(std::filesystem::exists(out));
  std::filesystem::remove_all(dir);
}

TEST(CostsCommand, StaffForLeastCostShowsACurveMinimalAtTheOptimum) {
  const auto r =
      run_ccsim(std::string("staff ") + kDay + " --objective cost --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["objective"], "cost");
  EXPECT_EQ(j["method"], "erlang");
  ASSERT_TRUE(j.contains("costs"));
  for (const char* type : {"sales", "service"}) {
    SCOPED_TRACE(type);
    const json& curves = j["cost_curves"][type];
    ASSERT_EQ(curves.size(), 8u);
    for (const json& c : curves) {
      double at_optimum = -1.0;
      for (const json& p : c["points"]) {
        if (p["servers"] == c["optimum"]) at_optimum = p["cost"];
      }
      ASSERT_GE(at_optimum, 0.0);
      for (const json& p : c["points"]) {
        if (p["meets_targets"] == true) {
          EXPECT_GE(p["cost"].get<double>(), at_optimum);
        }
      }
    }
  }
  // One group per type, concurrency 1: the group's agents on duty are the type's servers.
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(j["agent_groups"]["service_team"]["on_duty"][i],
              j["cost_curves"]["service"][i]["optimum"]);
  }
}

TEST(CostsCommand, StaffCostCurveReachesTableCsvWorkbookAndReport) {
  const auto dir = ccsim::test::temp_dir("costs_staff_outputs");
  const std::string base = std::string("staff ") + kDay + " --objective cost --replications 2";
  const auto table = run_ccsim(base);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Expected cost per interval around the optimum"), std::string::npos);
  EXPECT_NE(table.out.find("Simulated cost of this staffing: cost "), std::string::npos);
  const auto csv = run_ccsim(base + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "date,interval,queue,agent_group,required_net,required_gross,scheduled,"
            "optimum_servers,cost_m2,cost_m1,cost_opt,cost_p1,cost_p2");
  const auto xlsx = dir / "plan.xlsx", html = dir / "plan.html";
  const auto files =
      run_ccsim(base + " --out '" + xlsx.string() + "' --report '" + html.string() + "'");
  ASSERT_EQ(files.exit_code, 0) << files.err;
  EXPECT_TRUE(std::filesystem::exists(xlsx));
  EXPECT_NE(ccsim::test::read_file(html).find("Cost around the optimum"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CostsCommand, CostObjectiveBadUsesExitTwo) {
  auto r = run_ccsim(std::string("staff ") + kDay + " --objective cost --method simulation");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: --objective cost: works with --method erlang only (got --method "
                       "simulation)\n"),
            std::string::npos);
  r = run_ccsim(std::string("staff ") + kDay + " --objective money");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: --objective: must be targets or cost (got money)\n"),
            std::string::npos);
  r = run_ccsim("staff scenarios/erlang_a_check.json --objective cost");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: costs: the cost objective needs the scenario's costs (cost per agent-hour, "
            "penalties per contact)\n");
}

}  // namespace
