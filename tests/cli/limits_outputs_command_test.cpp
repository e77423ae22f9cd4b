// Trunk groups and callback slots in the run's workbook and HTML report, end to end through
// the built program: the sheets read back with openpyxl equal the JSON; the report draws a
// chart per trunk group and slot group.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/run_ccsim.h"
#include "tests/tools/workbook_reader.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::read_file;
using ccsim::test::read_workbook;
using ccsim::test::run_ccsim;
using ccsim::test::sheet_of;
using ccsim::test::temp_dir;
using nlohmann::json;

int column_of(const json& sheet, const std::string& header) {
  const json& head = sheet.at("values").at(0);
  for (std::size_t c = 0; c < head.size(); ++c) {
    if (head[c] == header) return int(c);
  }
  return -1;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every row of `sheet` (owner in column `owner_header`) equals the JSON's `section`
// (j[section][owner]["intervals"][interval]) in the number column and each KPI with its ci95.
void expect_sheet_equals_json(const json& sheet, const json& j, const std::string& section,
                              const std::string& owner_header, const std::string& number,
                              const std::vector<std::string>& kpis) {
  ASSERT_FALSE(sheet.is_null()) << section;
  const int interval = column_of(sheet, "interval"), owner = column_of(sheet, owner_header);
  const int fixed = column_of(sheet, number);
  ASSERT_GE(interval, 0);
  ASSERT_GT(owner, interval);
  ASSERT_GT(fixed, owner);
  std::size_t rows = 0;
  for (const json& g : j[section]) rows += g["intervals"].size();
  ASSERT_EQ(sheet["values"].size(), rows + 1);
  for (std::size_t r = 1; r < sheet["values"].size(); ++r) {
    const json& row = sheet["values"][r];
    const json& group = j[section][row[std::size_t(owner)].get<std::string>()];
    EXPECT_EQ(row[std::size_t(fixed)].get<double>(), group[number].get<double>());
    const json& at = group["intervals"][row[std::size_t(interval)].get<std::size_t>()];
    for (const std::string& kpi : kpis) {
      const int mean = column_of(sheet, kpi), ci = column_of(sheet, kpi + " ci95");
      ASSERT_GT(mean, fixed) << kpi;
      ASSERT_GT(ci, mean) << kpi;
      EXPECT_DOUBLE_EQ(row[std::size_t(mean)].get<double>(), at[kpi]["mean"].get<double>());
      EXPECT_DOUBLE_EQ(row[std::size_t(ci)].get<double>(), at[kpi]["ci95"].get<double>());
    }
  }
}

TEST(LimitsOutputs, RunWorkbookHasATrunksSheetEqualToTheJson) {
  const fs::path dir = temp_dir("limits_wb_trunks");
  const std::string args = "run scenarios/busy_signals.json --replications 3 --seed 2 --quiet";
  const auto r = run_ccsim(args + " --out " + (dir / "lines.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "lines.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  const json j = json::parse(run_ccsim(args + " --format json").out);
  const json sheet = sheet_of(*book, "trunks");
  expect_sheet_equals_json(sheet, j, "trunks", "trunk_group", "lines",
                           {"lines_in_use", "line_occupancy"});
  EXPECT_EQ(sheet["formats"][1][std::size_t(column_of(sheet, "line_occupancy"))], "0.0%");
  EXPECT_TRUE(sheet_of(*book, "callback_slots").is_null());
}

TEST(LimitsOutputs, RunWorkbookHasACallbackSlotsSheetEqualToTheJson) {
  const fs::path dir = temp_dir("limits_wb_slots");
  const std::string args = "run scenarios/callback_slots.json --replications 3 --seed 2 --quiet";
  const auto r = run_ccsim(args + " --out " + (dir / "slots.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "slots.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  const json j = json::parse(run_ccsim(args + " --format json").out);
  expect_sheet_equals_json(sheet_of(*book, "callback_slots"), j, "callback_slots", "slot_group",
                           "capacity", {"slots_used", "slot_use"});
  EXPECT_TRUE(sheet_of(*book, "trunks").is_null());
  const json totals = sheet_of(*book, "totals");
  EXPECT_GT(column_of(totals, "callbacks_no_slot"), 0);
}

TEST(LimitsOutputs, RunReportDrawsLineOccupancyPerTrunkGroupAndBlockedPerType) {
  const fs::path dir = temp_dir("limits_report_trunks");
  const fs::path report = dir / "lines.html";
  const auto r = run_ccsim("run scenarios/busy_signals.json --replications 3 --quiet --report '" +
                           report.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  EXPECT_NE(html.find(">Trunk groups per interval</h2>"), std::string::npos);
  for (const char* title :
       {"Line occupancy: main", "Line occupancy: premium", "Blocked: billing", "Blocked: sales"}) {
    EXPECT_NE(html.find(title), std::string::npos) << title;
  }
  EXPECT_EQ(html.find("Overflowed"), std::string::npos) << "no queue caps, no overflow";
  EXPECT_NE(html.find(">line occupancy (%)</text>"), std::string::npos);
  EXPECT_NE(html.find(">lines in use</text>"), std::string::npos);
  EXPECT_NE(html.find("Trunk groups (mean \u00b1 95% CI)"), std::string::npos);
  EXPECT_NE(html.find("Block rate [block_rate]"), std::string::npos);
  EXPECT_GE(count(html, "<svg class=\"chart\""), 4u * 4u + 2u + 2u + 3u)
      << "per scope 4 charts, 2 of the groups, 2 of the trunks, blocked for 3 scopes at least";
}

TEST(LimitsOutputs, RunReportDrawsEachSlotGroupAgainstItsCapacity) {
  const fs::path dir = temp_dir("limits_report_slots");
  const fs::path report = dir / "slots.html";
  const auto r = run_ccsim("run scenarios/callback_slots.json --replications 3 --quiet --report '" +
                           report.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  EXPECT_NE(html.find(">Callback slots per interval</h2>"), std::string::npos);
  EXPECT_NE(html.find("Callback slots: callback_team"), std::string::npos);
  EXPECT_NE(html.find("Callback slots: sales"), std::string::npos);
  EXPECT_NE(html.find("Callbacks refused (no slot): billing"), std::string::npos);
  EXPECT_NE(html.find("capacity 10"), std::string::npos);
  EXPECT_NE(html.find("Callbacks refused (no slot) [callbacks_no_slot]"), std::string::npos);
  EXPECT_EQ(html.find("Trunk groups per interval"), std::string::npos);
}

}  // namespace
