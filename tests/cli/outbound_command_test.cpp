// ccsim run and validate with an outbound campaign, end to end through the built program.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"
#include "tests/tools/workbook_reader.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::read_file;
using ccsim::test::read_workbook;
using ccsim::test::run_ccsim;
using ccsim::test::sheet_of;
using nlohmann::json;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// A figure as the report writes a count: "377.4 \u00b1 14.7".
std::string count_cell(const json& estimate) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f \u00b1 %.1f", estimate["mean"].get<double>(),
                estimate["ci95"].get<double>());
  return buf;
}

// The column of `header` in a sheet's first row; -1 when absent.
int column_of(const json& sheet, const std::string& header) {
  const json& head = sheet.at("values").at(0);
  for (std::size_t c = 0; c < head.size(); ++c) {
    if (head[c] == header) return int(c);
  }
  return -1;
}

// One voice queue within the transient model's reach, and a campaign on its agents.
constexpr const char* kBlend = R"({
  "name": "blend", "horizon": {"interval_minutes": 30, "intervals": 2},
  "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 60},
    "handle_time": {"dist": "exponential", "mean_s": 180},
    "patience": {"dist": "exponential", "mean_s": 300}}],
  "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 6}}],
  "outbound": [{"name": "survey", "groups": ["a"], "calls_per_interval": [20, 20],
    "talk_time": {"dist": "exponential", "mean_s": 120}, "reserve_idle": 1}]
})";

TEST(OutboundCommand, JsonCarriesEachCampaignByIntervalAndTheInboundKpis) {
  const auto r = run_ccsim("run scenarios/outbound_blend.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j["outbound"].is_object());
  const json& renewals = j["outbound"]["renewals"];
  const double attempts = renewals["attempts"]["mean"], connects = renewals["connects"]["mean"];
  EXPECT_GT(attempts, 0.0);
  EXPECT_LE(connects, attempts);
  EXPECT_NEAR(renewals["calls_left"]["mean"].get<double>(), 400.0 - attempts, 1e-9);
  ASSERT_EQ(renewals["intervals"].size(), 8u);
  double sum = 0.0;
  for (const json& row : renewals["intervals"]) sum += row["attempts"]["mean"].get<double>();
  EXPECT_NEAR(sum, attempts, 1e-9);
  EXPECT_GT(renewals["agent_s"]["mean"].get<double>(), 0.0);
  EXPECT_TRUE(j["totals"]["service"]["asa_s"].is_object());
}

TEST(OutboundCommand, TableAndCsvShowTheCampaigns) {
  const auto table = run_ccsim("run scenarios/outbound_blend.json --replications 2");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nOutbound campaigns\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\nOutbound campaign renewals by interval\n"), std::string::npos);
  const auto csv = run_ccsim("run scenarios/outbound_blend.json --replications 2 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\noutbound,,,,renewals,attempts,"), std::string::npos);
  EXPECT_NE(csv.out.find("\noutbound,0,0,09:00,renewals,calls_left,"), std::string::npos);
}

TEST(OutboundCommand, ScenarioWithoutCampaignsHasNoOutboundSection) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(json::parse(r.out).contains("outbound"));
  const auto table = run_ccsim("run scenarios/erlang_a_check.json --replications 2");
  EXPECT_EQ(table.out.find("Outbound"), std::string::npos);
}

TEST(OutboundCommand, TransientMethodRefusesACampaign) {
  const auto dir = ccsim::test::temp_dir("outbound_transient");
  const auto file = ccsim::test::write_file(dir, "blend.json", kBlend);
  const auto ok = run_ccsim("run '" + file.string() + "' --replications 2");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const auto r = run_ccsim("run '" + file.string() + "' --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: outbound is not part of the transient model (a birth-death chain "
                       "of one queue); run the simulation instead\n"),
            std::string::npos)
      << r.err;
}

TEST(OutboundCommand, BadCampaignExitsTwoNamingThePath) {
  const auto dir = ccsim::test::temp_dir("outbound_bad");
  json doc = json::parse(kBlend);
  doc["outbound"][0]["reserve_idle"] = -1;
  doc["outbound"][0]["connect_prob"] = 0.5;
  const auto file = ccsim::test::write_file(dir, "bad.json", doc.dump());
  const auto r = run_ccsim("run '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("outbound[0].dial_time: is required when connect_prob < 1 (the agent "
                       "time of an attempt that does not connect)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("outbound[0].reserve_idle: must be >= 0 (got -1)"), std::string::npos)
      << r.err;
}

TEST(OutboundCommand, ReportShowsTheCampaignTotalsAndAChartOfAttemptsAndConnects) {
  const fs::path dir = ccsim::test::temp_dir("outbound_report");
  const std::string args = "run scenarios/outbound_blend.json --replications 4 --quiet";
  const auto r = run_ccsim(args + " --report '" + (dir / "r.html").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(dir / "r.html");
  const json renewals = json::parse(run_ccsim(args + " --format json").out)["outbound"]["renewals"];
  EXPECT_NE(html.find("<caption>Outbound campaigns (mean \u00b1 95% CI)</caption>"),
            std::string::npos);
  EXPECT_NE(html.find(">" + count_cell(renewals["attempts"]) + "<"), std::string::npos);
  EXPECT_NE(html.find(">" + count_cell(renewals["calls_left"]) + "<"), std::string::npos);
  EXPECT_NE(html.find("Calls left: renewals, calls left on the list of 400."), std::string::npos);
  // The assumptions, from scenarios/outbound_blend.json (dial time uniform 20-60 s: mean 40 s).
  for (const char* cell :
       {"<td class=\"l\">blended</td>", "<td class=\"l\">list of 400 (carried over)</td>",
        "<td class=\"l\">35.0%</td>", "<td class=\"l\">mean 300 s + wrap-up 45 s</td>",
        "<td class=\"l\">mean 40 s</td>",
        "<td class=\"l\">keep 2 idle; no call while an inbound contact waits</td>"}) {
    EXPECT_NE(html.find(cell), std::string::npos) << cell;
  }
  const std::size_t section = html.find(">Outbound campaigns per interval</h2>");
  ASSERT_NE(section, std::string::npos);
  const std::string charts = html.substr(section);
  EXPECT_EQ(count(charts, "<svg class=\"chart\""), 1u);
  EXPECT_NE(charts.find("Outbound attempts and connects: renewals"), std::string::npos);
  // Attempts, connects and calls left: each a line with its CI band.
  EXPECT_EQ(count(charts, "<path class=\"band s"), 3u);
  // The chart's table: interval 0's attempts as the JSON has them.
  EXPECT_NE(charts.find(">" + count_cell(renewals["intervals"][0]["attempts"]) + "<"),
            std::string::npos);
}

TEST(OutboundCommand, ReportWithoutCampaignsHasNoOutboundSection) {
  const fs::path dir = ccsim::test::temp_dir("outbound_report_none");
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --quiet --report '" +
                           (dir / "r.html").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "r.html").find("Outbound"), std::string::npos);
}

TEST(OutboundCommand, WorkbookHoldsEachCampaignByIntervalWithTheJsonFigures) {
  const fs::path dir = ccsim::test::temp_dir("outbound_workbook");
  const std::string args = "run scenarios/outbound_blend.json --replications 3 --quiet";
  ASSERT_EQ(run_ccsim(args + " --out '" + (dir / "o.xlsx").string() + "'").exit_code, 0);
  const auto book = read_workbook(dir / "o.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  const json renewals = json::parse(run_ccsim(args + " --format json").out)["outbound"]["renewals"];
  const json per = sheet_of(*book, "outbound");
  ASSERT_TRUE(per.is_object());
  ASSERT_EQ(per["values"].size(), 1u + 8u);  // header; 8 intervals of one campaign
  EXPECT_EQ(per["values"][0][0], "interval");
  EXPECT_EQ(per["formats"][1][std::size_t(column_of(per, "start"))], "hh:mm");
  for (const char* kpi : {"attempts", "connects", "talk_s", "agent_s", "calls_left"}) {
    const int mean = column_of(per, kpi), ci = column_of(per, std::string(kpi) + " ci95");
    ASSERT_GT(mean, 0) << kpi;
    ASSERT_GT(ci, mean) << kpi;
    for (std::size_t i = 0; i < 8; ++i) {
      const json& row = per["values"][i + 1];
      EXPECT_EQ(row[std::size_t(column_of(per, "campaign"))], "renewals");
      EXPECT_EQ(row[0], double(i));
      EXPECT_DOUBLE_EQ(row[std::size_t(mean)].get<double>(),
                       renewals["intervals"][i][kpi]["mean"].get<double>())
          << kpi << " interval " << i;
      EXPECT_DOUBLE_EQ(row[std::size_t(ci)].get<double>(),
                       renewals["intervals"][i][kpi]["ci95"].get<double>())
          << kpi << " interval " << i;
    }
  }
  const json totals = sheet_of(*book, "outbound_totals");
  ASSERT_EQ(totals["values"].size(), 2u);
  EXPECT_EQ(totals["values"][1][0], "renewals");
  EXPECT_DOUBLE_EQ(totals["values"][1][std::size_t(column_of(totals, "calls_left"))].get<double>(),
                   renewals["calls_left"]["mean"].get<double>());
  EXPECT_FALSE(sheet_of(*book, "outbound_days").is_object()) << "one day: no day sheet";
}

TEST(OutboundCommand, WorkbookOfSeveralDaysSplitsEachCampaignByDayAndDate) {
  const fs::path dir = ccsim::test::temp_dir("outbound_workbook_days");
  json doc = json::parse(kBlend);
  doc["horizon"]["days"] = 2;
  doc["horizon"]["start_date"] = "2026-12-07";
  doc["outbound"][0]["calls_per_interval"] = {20, 20, 20, 20};
  const auto file = ccsim::test::write_file(dir, "days.json", doc.dump());
  const auto r = run_ccsim("run '" + file.string() + "' --replications 3 --quiet --out '" +
                           (dir / "d.xlsx").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "d.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  const json per = sheet_of(*book, "outbound"), days = sheet_of(*book, "outbound_days");
  const json totals = sheet_of(*book, "outbound_totals");
  ASSERT_EQ(per["values"].size(), 1u + 4u);
  ASSERT_EQ(days["values"].size(), 1u + 2u);
  EXPECT_EQ(days["formats"][1][std::size_t(column_of(days, "date"))], "yyyy-mm-dd");
  // 2026-12-08 is Excel's day 46364 (read back as seconds since 1899-12-30).
  EXPECT_NEAR(days["values"][2][std::size_t(column_of(days, "date"))].get<double>(),
              46364.0 * 86400, 1e-3);
  // Quota calls lost in a day are those lost in its intervals; the days add up to the total.
  const auto at = [](const json& sheet, std::size_t row, const char* header) {
    return sheet["values"][row][std::size_t(column_of(sheet, header))].get<double>();
  };
  for (const char* kpi : {"attempts", "calls_left"}) {
    EXPECT_NEAR(at(days, 1, kpi), at(per, 1, kpi) + at(per, 2, kpi), 1e-9) << kpi;
    EXPECT_NEAR(at(days, 2, kpi), at(per, 3, kpi) + at(per, 4, kpi), 1e-9) << kpi;
    EXPECT_NEAR(at(totals, 1, kpi), at(days, 1, kpi) + at(days, 2, kpi), 1e-9) << kpi;
  }
}

// kBlend with a service-level target, so that `staff` has something to staff for.
json staffable_blend() {
  json doc = json::parse(kBlend);
  doc["contact_types"][0]["service_level"] = {{"threshold_s", 20}, {"target", 0.8}};
  return doc;
}

TEST(OutboundCommand, ErlangStaffingWarnsThatItLeavesTheCampaignOut) {
  const auto r = run_ccsim("staff scenarios/outbound_blend.json --method erlang --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.err.rfind("warning: the Erlang staffing leaves out the outbound campaign renewals: it "
                  "staffs for inbound work only, while the KPIs shown are simulated with the "
                  "campaign calling out; --method simulation staffs with them running\n",
                  0),
      0u)
      << r.err;
  EXPECT_NE(r.out.find("\nmethod erlang (inbound only: outbound campaign renewals left out); "
                       "KPIs from 2 replications (seed 5)\n"),
            std::string::npos)
      << r.out;
}

TEST(OutboundCommand, ErlangStaffingNamesEveryCampaignLeftOut) {
  const auto dir = ccsim::test::temp_dir("outbound_staff_two");
  json doc = staffable_blend();
  doc["outbound"].push_back(doc["outbound"][0]);
  doc["outbound"][1]["name"] = "renewals";
  const auto file = ccsim::test::write_file(dir, "two.json", doc.dump());
  const auto r = run_ccsim("staff '" + file.string() + "' --method erlang --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the Erlang staffing leaves out the outbound campaigns survey, "
                       "renewals: it staffs for inbound work only, while the KPIs shown are "
                       "simulated with the campaigns calling out; --method simulation staffs "
                       "with them running\n"),
            std::string::npos)
      << r.err;
}

TEST(OutboundCommand, SimulationStaffingAndScenariosWithoutCampaignsHaveNoSuchWarning) {
  const auto dir = ccsim::test::temp_dir("outbound_staff_sim");
  const auto file = ccsim::test::write_file(dir, "blend.json", staffable_blend().dump());
  const auto sim = run_ccsim("staff '" + file.string() + "' --replications 2");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_EQ(sim.err.find("leaves out"), std::string::npos) << sim.err;
  const auto plain = run_ccsim("staff scenarios/erlang_a_check.json --method erlang");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.err.find("leaves out"), std::string::npos) << plain.err;
  EXPECT_EQ(plain.out.find("inbound only"), std::string::npos);
}

TEST(OutboundCommand, TransientStaffingRefusesACampaign) {
  const auto dir = ccsim::test::temp_dir("outbound_staff_transient");
  const auto file = ccsim::test::write_file(dir, "blend.json", staffable_blend().dump());
  const auto r = run_ccsim("staff '" + file.string() + "' --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: outbound is not part of the transient model (a birth-death chain of one "
            "queue); run the simulation instead\n");
}

TEST(OutboundCommand, VsPairsEachCampaignOfBothScenarios) {
  const auto dir = ccsim::test::temp_dir("outbound_vs");
  json variant = json::parse(kBlend);
  variant["outbound"][0]["reserve_idle"] = 3;
  const auto base_file = ccsim::test::write_file(dir, "base.json", kBlend);
  const auto variant_file = ccsim::test::write_file(dir, "variant.json", variant.dump());
  const std::string args =
      "run '" + base_file.string() + "' --vs '" + variant_file.string() + "' --replications 5";
  const auto r = run_ccsim(args + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json survey = json::parse(r.out)["outbound"]["survey"];
  ASSERT_EQ(survey["intervals"].size(), 2u);
  const auto mean = [](const json& k, const char* which) { return k[which]["mean"].get<double>(); };
  EXPECT_NEAR(mean(survey["attempts"], "difference"),
              mean(survey["attempts"], "variant") - mean(survey["attempts"], "base"), 1e-9);
  EXPECT_LT(mean(survey["attempts"], "difference"), 0.0) << "a larger reserve calls less";
  // Each interval's quota of 20 is either attempted or lost, in both scenarios.
  for (const json& row : survey["intervals"]) {
    EXPECT_NEAR(mean(row["attempts"], "base") + mean(row["calls_left"], "base"), 20.0, 1e-9);
    EXPECT_NEAR(mean(row["calls_left"], "difference"), -mean(row["attempts"], "difference"), 1e-9);
  }
  const auto table = run_ccsim(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nOutbound campaigns\ncampaign  "), std::string::npos) << table.out;
  const auto report = run_ccsim(args + " --quiet --report '" + (dir / "vs.html").string() + "'");
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string html = read_file(dir / "vs.html");
  EXPECT_NE(html.find("<caption>Outbound campaigns (mean \u00b1 95% CI)</caption>"),
            std::string::npos);
  // One row per outbound KPI in the totals, and one in the assumptions of base and variant.
  EXPECT_EQ(count(html, "<td>survey</td>"), 5u + 2u);
  EXPECT_NE(html.find("<td class=\"l\">keep 3 idle; no call while an inbound contact waits</td>"),
            std::string::npos);
}

TEST(OutboundCommand, VsWithACampaignInOneScenarioOnlyHasNoDifference) {
  const auto dir = ccsim::test::temp_dir("outbound_vs_one");
  json base = json::parse(kBlend);
  base.erase("outbound");
  const auto base_file = ccsim::test::write_file(dir, "base.json", base.dump());
  const auto variant_file = ccsim::test::write_file(dir, "variant.json", kBlend);
  const std::string args =
      "run '" + base_file.string() + "' --vs '" + variant_file.string() + "' --replications 3";
  const auto r = run_ccsim(args + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json attempts = json::parse(r.out)["outbound"]["survey"]["attempts"];
  EXPECT_TRUE(attempts["base"].is_null());
  EXPECT_TRUE(attempts["difference"].is_null());
  EXPECT_GT(attempts["variant"]["mean"].get<double>(), 0.0);
  const std::string table = run_ccsim(args).out;
  EXPECT_NE(table.find("survey (variant only)    attempts     -"), std::string::npos) << table;
  const auto none = run_ccsim("run '" + base_file.string() + "' --vs '" + base_file.string() +
                              "' --replications 2 --format json");
  EXPECT_FALSE(json::parse(none.out).contains("outbound"));
}

}  // namespace
