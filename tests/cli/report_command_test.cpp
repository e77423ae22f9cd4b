// --report FILE.html of run, run --vs, staff, sweep and compare, run as a user would.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

// What every report must be: one complete HTML document that needs no network, with no
// "nan"/"inf" anywhere and every chart a complete SVG element.
void expect_self_contained_report(const std::string& html) {
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  for (const char* external : {"http:", "https:", "src=", "<script", "<link", "@import", "//"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  for (auto p = html.find("url("); p != std::string::npos; p = html.find("url(", p + 1)) {
    EXPECT_EQ(html.substr(p, 5), "url(#") << "only in-document references";
  }
  const std::regex not_a_number("\\b(nan|inf|infinity)\\b", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, not_a_number));
  EXPECT_EQ(count(html, "<svg "), count(html, "</svg>"));
}

// A copy of scenarios/bank_weekday.json with `edit` applied, in `dir`.
fs::path bank_variant(const fs::path& dir, const std::string& file,
                      const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j =
      nlohmann::json::parse(read_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios/bank_weekday.json"));
  edit(j);
  const fs::path path = dir / file;
  std::ofstream(path) << j.dump(2);
  return path;
}

TEST(Report, RunReportHasAChartPerIntervalKpiWithCiBand) {
  const fs::path dir = temp_dir("report_run");
  const fs::path report = dir / "run.html";
  const auto r = run_ccsim("run scenarios/bank_weekday.json --replications 3 --quiet --report " +
                           quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Scenario: Retail bank weekday"), std::string::npos) << "table as before";
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  for (const char* section : {">Scenario</h2>", ">Totals over the day</h2>",
                              ">Per interval: billing</h2>", ">Per interval: cards</h2>",
                              ">Per interval: all types</h2>", ">Agent groups per interval</h2>"}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
  // Per scope (billing, cards, all): offered vs agents, waits, service level, abandonment;
  // then occupancy and agents of the groups.
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 3u * 4u + 2u);
  EXPECT_GE(count(html, "<path class=\"mean s0\""), 14u);
  EXPECT_GE(count(html, "<path class=\"band s0\""), 14u);
  // Service-level and abandonment targets of billing and cards (line and legend each).
  EXPECT_EQ(count(html, "<path class=\"target\""), 2u * 2u * 2u);
  for (const char* axis :
       {">offered (contacts per interval)</text>", ">wait (s)</text>", ">service level (%)</text>",
        ">abandon rate (%)</text>", ">interval start (clock time)</text>",
        ">agents (time-average)</text>"}) {
    EXPECT_NE(html.find(axis), std::string::npos) << axis;
  }
  EXPECT_NE(html.find("<td>08:00</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>19:30</td>"), std::string::npos);
  EXPECT_GE(count(html, " \u00b1 "), 100u) << "numbers beside the charts, with their CIs";
}

// The scenario section states what each type and group assumes, with a column only for the
// flows the scenario uses; hand-computed from scenarios/bank_weekday.json (billing: 2209
// contacts, 146 at its peak in interval 9 = 12:30; advisers: 744 agent-intervals / 24).
TEST(Report, RunReportStatesTheScenarioAssumptions) {
  const fs::path dir = temp_dir("report_assumptions");
  const fs::path plain = dir / "plain.html", flows = dir / "flows.html";
  ASSERT_EQ(run_ccsim("run scenarios/bank_weekday.json --replications 2 --quiet --report " +
                      quoted(plain))
                .exit_code,
            0);
  const std::string html = read_file(plain);
  EXPECT_NE(html.find("<caption>Contact types: what the scenario assumes</caption>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>billing</td><td class=\"l\">voice</td>"
                      "<td class=\"l\">2209; peak 146.0 at 12:30</td>"
                      "<td class=\"l\">300 s + wrap-up 25 s</td><td class=\"l\">mean 180 s</td>"
                      "<td class=\"l\">80.0% within 20 s; abandon \u2264 5.0%</td></tr>"),
            std::string::npos)
      << html.substr(html.find("<caption>Contact types"), 1200);
  EXPECT_NE(html.find("<tr><td>advisers</td><td class=\"l\">billing, cards</td>"
                      "<td class=\"l\">10\u201348, mean 31.0 (per interval)</td>"
                      "<td class=\"l\">10.0%</td></tr>"),
            std::string::npos);
  for (const char* unused : {"callback", "deflection", "containment", "retrials", "concurrency"}) {
    EXPECT_EQ(html.find(std::string("<th class=\"l\">") + unused), std::string::npos) << unused;
  }
  EXPECT_EQ(html.find("[callbacks_offered]"), std::string::npos) << "no rows of unused flows";

  ASSERT_EQ(run_ccsim("run scenarios/bank_day_with_bot_and_callbacks.json --replications 2 "
                      "--quiet --report " +
                      quoted(flows))
                .exit_code,
            0);
  const std::string both = read_file(flows);
  for (const std::string used :
       {"deflection (self-service)</th>", "containment (chatbot)</th>", "callback</th>",
        "concurrency</th>", "10.0%</td>", "30.0% (bot 90 s)</td>",
        "virtual_hold when the predicted wait &gt; 120 s, 50.0% accept, 90.0% reached, \u2264 3 "
        "attempts</td>",
        "2 at once</td>"}) {
    EXPECT_NE(both.find("class=\"l\">" + used), std::string::npos) << used;
  }
  EXPECT_NE(both.find("[callbacks_offered]"), std::string::npos);
}

TEST(Report, ScenarioNamesAreEscaped) {
  const fs::path dir = temp_dir("report_escape");
  const fs::path scenario = bank_variant(
      dir, "odd.json", [](nlohmann::json& j) { j["name"] = "Q&A <desk> \"north\" 'A'"; });
  const fs::path report = dir / "odd.html";
  const auto r =
      run_ccsim("run " + quoted(scenario) + " --replications 2 --quiet --report " + quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  EXPECT_NE(html.find("Q&amp;A &lt;desk&gt; &quot;north&quot; &#39;A&#39;"), std::string::npos);
  EXPECT_EQ(html.find("<desk>"), std::string::npos);
  EXPECT_EQ(html.find("\"north\""), std::string::npos);
}

TEST(Report, BadReportPathExitsTwoAndWritesNothing) {
  const fs::path dir = temp_dir("report_bad");
  const fs::path out = dir / "out.json";
  struct Case {
    std::string args, message;
  };
  const std::string bank = "scenarios/bank_weekday.json --replications 2 --quiet";
  const std::vector<Case> cases{
      {"run " + bank + " --report " + quoted(dir / "r.txt"), "--report: the file must end in"},
      {"run " + bank + " --report " + quoted(dir / "missing" / "r.html"),
       "--report: folder " + (dir / "missing").string() + " does not exist"},
      {"run " + bank + " --report " + quoted(dir), "--report: the file must end in"},
      {"run " + bank + " --vs scenarios/bank_weekday.json --report x.pdf",
       "--report: the file must end in"},
      {"staff " + bank + " --method erlang --report " + quoted(dir / "s.csv"),
       "--report: the file must end in"},
      {"sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,31 --report " +
           quoted(dir / "no" / "w.html"),
       "--report: folder"},
      {"compare tests/data/compare_scenario.json --measured tests/data/measured_intervals.csv "
       "--report " +
           quoted(dir / "c.htm.txt"),
       "--report: the file must end in"},
  };
  for (const Case& c : cases) {
    const auto r = run_ccsim(c.args + " --out " + quoted(out));
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(out)) << c.args;
    EXPECT_TRUE(fs::is_empty(dir)) << c.args;
  }
}

TEST(Report, FailedOutputLeavesAnEarlierReportAsItWas) {
  // --out is a full disk, so writing the output fails after the run; the report of an earlier
  // run at --report's path must survive, and no temporary file may be left.
  const fs::path dir = temp_dir("report_out_fails");
  std::ofstream(dir / "r.html") << "earlier report";
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --quiet --report " +
                           quoted(dir / "r.html") + " --out /dev/full");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/dev/full: cannot write file (No space left on device)"), std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir / "r.html"), "earlier report");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u);  // r.html alone
  fs::remove_all(dir);
}

TEST(Report, ReportIsNotWrittenWhenTheScenarioIsBad) {
  const fs::path dir = temp_dir("report_bad_scenario");
  const fs::path scenario = bank_variant(dir, "bad.json", [](nlohmann::json& j) {
    j["contact_types"][0]["handle_time"]["mean_s"] = -3;
  });
  const fs::path report = dir / "r.html";
  const auto r = run_ccsim("run " + quoted(scenario) + " --quiet --report " + quoted(report));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(report));
}

TEST(Report, WhatIfReportShowsBaseVariantAndPairedDifferences) {
  const fs::path dir = temp_dir("report_vs");
  const fs::path variant = bank_variant(dir, "faster.json", [](nlohmann::json& j) {
    j["name"] = "Faster billing";
    j["contact_types"][0]["handle_time"]["mean_s"] =
        j["contact_types"][0]["handle_time"]["mean_s"].get<double>() * 0.8;
  });
  const fs::path report = dir / "vs.html";
  const auto r = run_ccsim("run scenarios/bank_weekday.json --vs " + quoted(variant) +
                           " --replications 3 --quiet --report " + quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  EXPECT_NE(html.find("What-if report: Faster billing vs Retail bank weekday"), std::string::npos);
  EXPECT_NE(html.find(">Per interval: billing</h2>"), std::string::npos);
  // Per scope: offered, ASA, wait p90, service level, abandon rate for base and variant, and the
  // differences of the last four; then occupancy of the group and its difference.
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 3u * (5u + 4u) + 2u);
  EXPECT_GE(count(html, "<path class=\"mean s1 d1\""), 3u * 5u) << "the variant's line, dashed";
  EXPECT_GE(count(html, "paired 95% CI"), 13u);
  EXPECT_GE(count(html, ">no difference</title>"), 13u);
  EXPECT_NE(html.find(">difference in ASA (s)</text>"), std::string::npos);
  EXPECT_NE(html.find("difference (variant \u2212 base)"), std::string::npos);
  // Exactly what the variant changes: its name and billing's mean handle time (300 s × 0.8).
  EXPECT_NE(html.find("<caption>2 values differ between the files (base \u2192 variant)"
                      "</caption><thead><tr><th>JSON path</th><th class=\"l\">base</th>"
                      "<th class=\"l\">variant</th></tr></thead><tbody>"
                      "<tr><td>contact_types[0].handle_time.mean_s</td><td class=\"l\">300</td>"
                      "<td class=\"l\">240.0</td></tr>"
                      "<tr><td>name</td><td class=\"l\">&quot;Retail bank weekday&quot;</td>"
                      "<td class=\"l\">&quot;Faster billing&quot;</td></tr></tbody>"),
            std::string::npos)
      << html.substr(html.find("What the variant changes"), 800);
}

TEST(Report, StaffReportShowsStaffingCurvesAgainstTheScenarioStaff) {
  const fs::path dir = temp_dir("report_staff");
  const fs::path report = dir / "staff.html";
  const auto r = run_ccsim(
      "staff scenarios/bank_weekday.json --method erlang --replications 2 --quiet --report " +
      quoted(report));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;  // Erlang may miss in simulation
  ASSERT_TRUE(fs::exists(report)) << r.err;
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  EXPECT_NE(html.find(">Staffing curves</h2>"), std::string::npos);
  EXPECT_NE(html.find("Agents per interval: advisers"), std::string::npos);
  EXPECT_NE(html.find(">required (to schedule)</title>"), std::string::npos);
  EXPECT_NE(html.find(">scenario&#39;s staff</title>"), std::string::npos);
  EXPECT_NE(html.find(">KPIs achieved with the required staff</h2>"), std::string::npos);
  EXPECT_GE(count(html, "<path class=\"mean s2 d2\""), 1u);
  EXPECT_GE(count(html, "<path class=\"target\""), 4u);
}

TEST(Report, StaffReportShowsTheShiftPlan) {
  const fs::path dir = temp_dir("report_shifts");
  std::ofstream(dir / "shifts.json") << R"([{"start_s": 0, "length_s": 28800, "name": "early <E>"},
             {"start_s": 14400, "length_s": 28800, "name": "late"}])";
  const fs::path report = dir / "staff.html";
  const auto r = run_ccsim(
      "staff scenarios/bank_weekday.json --method erlang --replications 2 --quiet "
      "--shift-templates " +
      quoted(dir / "shifts.json") + " --report " + quoted(report));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const std::string html = read_file(report);
  EXPECT_NE(html.find(">Shift plan</h2>"), std::string::npos);
  EXPECT_NE(html.find(">early &lt;E&gt;</td>"), std::string::npos);
  EXPECT_NE(html.find(">shift plan coverage</title>"), std::string::npos);
}

const std::string kOneParameterSweep =
    "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 "
    "--set /agent_groups/0/staff/count=30,32,34 --replications 3 --quiet";
const std::string kTwoParameterSweep =
    "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 "
    "--set /agent_groups/0/staff/count=30,33 --set /contact_types/0/patience/mean_s=200:400:100 "
    "--replications 3 --quiet";

TEST(Report, SweepOfOneParameterDrawsKpiCurvesAgainstIt) {
  const fs::path dir = temp_dir("report_sweep1");
  const fs::path report = dir / "sweep.html";
  const auto r = run_ccsim(kOneParameterSweep + " --report " + quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  EXPECT_NE(html.find(">KPIs against /agent_groups/0/staff/count</h2>"), std::string::npos);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 4u);
  EXPECT_EQ(count(html, "<path class=\"mean s0\""), 4u);
  EXPECT_EQ(count(html, "<path class=\"band s0\""), 4u);
  EXPECT_NE(html.find(">/agent_groups/0/staff/count</text>"), std::string::npos);
  EXPECT_NE(html.find(">Every point</h2>"), std::string::npos);
  EXPECT_EQ(count(html, "<td>34</td>"), 5u) << "each chart's table and the points table";
}

TEST(Report, SweepOfTwoParametersDrawsHeatmapsWithTheNumbersInTheCells) {
  const fs::path dir = temp_dir("report_sweep2");
  const fs::path report = dir / "sweep.html";
  const auto r = run_ccsim(kTwoParameterSweep + " --report " + quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  // ASA, service level, abandonment and the group's occupancy, 3 patience × 2 staffing values.
  EXPECT_EQ(count(html, "<svg class=\"heatmap\""), 4u);
  EXPECT_EQ(count(html, "<rect class=\"cell\""), 4u * 6u);
  EXPECT_EQ(count(html, "class=\"cell-text"), 4u * 6u);
  EXPECT_NE(html.find(">columns: /contact_types/0/patience/mean_s</text>"), std::string::npos);
  EXPECT_NE(html.find(">rows: /agent_groups/0/staff/count</text>"), std::string::npos);
}

TEST(Report, ResumedSweepReportsThePointsOfTheEarlierRunToo) {
  const fs::path dir = temp_dir("report_sweep_resume");
  for (const char* ext : {"csv", "jsonl"}) {
    const fs::path out = dir / (std::string("sweep.") + ext);
    const auto first = run_ccsim(kTwoParameterSweep + " --out " + quoted(out) + " --report " +
                                 quoted(dir / "first.html"));
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const auto again = run_ccsim(kTwoParameterSweep + " --out " + quoted(out) + " --report " +
                                 quoted(dir / "again.html"));
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const std::string a = read_file(dir / "first.html"), b = read_file(dir / "again.html");
    const auto table = [](const std::string& html) {
      return html.substr(html.find(">Every point</h2>"));
    };
    EXPECT_EQ(table(a), table(b)) << ext;
    EXPECT_EQ(count(b, "<rect class=\"cell\""), 24u) << ext;
    EXPECT_EQ(b.find("\u2013</text>"), std::string::npos) << ext << ": every cell has its value";
  }
}

TEST(Report, CompareReportShowsPredictionBandsAndMeasuredPoints) {
  const fs::path dir = temp_dir("report_compare");
  const fs::path report = dir / "compare.html";
  const auto r = run_ccsim(
      "compare tests/data/compare_scenario.json --measured tests/data/measured_intervals.csv "
      "--erlang-a --quiet --report " +
      quoted(report));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  expect_self_contained_report(html);
  EXPECT_NE(html.find(">Accuracy</h2>"), std::string::npos);
  EXPECT_NE(html.find("<th>MAPE</th>"), std::string::npos);
  EXPECT_NE(html.find(">Per interval: billing</h2>"), std::string::npos);
  EXPECT_GE(count(html, "<circle class=\"measured s4\""), 4u);
  EXPECT_GE(count(html, "95% prediction interval"), 2u);
  EXPECT_GE(count(html, "<path class=\"mean s0\""), 2u);
}

}  // namespace
}  // namespace ccsim::test
