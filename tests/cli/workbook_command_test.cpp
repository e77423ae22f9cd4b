// --out FILE.xlsx (and --format xlsx), end to end through the built program: each command that
// writes a workbook, read back with openpyxl; every other command refuses it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli/run_ccsim.h"
#include "tests/tools/workbook_reader.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::files_in;
using ccsim::test::read_workbook;
using ccsim::test::run_ccsim;
using ccsim::test::sheet_of;
using ccsim::test::temp_dir;
using nlohmann::json;

std::vector<std::string> sheet_names(const json& book) {
  std::vector<std::string> names;
  for (const json& s : book.at("sheets")) names.push_back(s.at("name"));
  return names;
}

// The column of `header` in a sheet's first row; -1 when absent.
int column_of(const json& sheet, const std::string& header) {
  const json& head = sheet.at("values").at(0);
  for (std::size_t c = 0; c < head.size(); ++c) {
    if (head[c] == header) return int(c);
  }
  return -1;
}

TEST(WorkbookCommand, RunWritesTotalsIntervalsAndGroupsWithTheJsonFigures) {
  const fs::path dir = temp_dir("wb_run");
  const std::string args = "run scenarios/bank_weekday.json --replications 2 --seed 4 --quiet";
  const auto r = run_ccsim(args + " --out " + (dir / "Day.XLSX").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const auto book = read_workbook(dir / "Day.XLSX");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  EXPECT_EQ(sheet_names(*book), (std::vector<std::string>{"totals", "intervals", "agent_groups",
                                                          "group_intervals", "targets"}));
  const auto j = json::parse(run_ccsim(args + " --format json").out);
  const json totals = sheet_of(*book, "totals");
  EXPECT_EQ(totals["values"][0][0], "contact_type");
  const int sl = column_of(totals, "service_level");
  ASSERT_GT(sl, 0);
  const std::string type = totals["values"][1][0];
  EXPECT_DOUBLE_EQ(totals["values"][1][std::size_t(sl)].get<double>(),
                   j["totals"][type]["service_level"]["mean"].get<double>());
  EXPECT_EQ(totals["formats"][1][std::size_t(sl)], "0.0%");
  const int ci = column_of(totals, "service_level ci95");
  ASSERT_GT(ci, sl);
  EXPECT_DOUBLE_EQ(totals["values"][1][std::size_t(ci)].get<double>(),
                   j["totals"][type]["service_level"]["ci95"].get<double>());
  const json intervals = sheet_of(*book, "intervals");
  EXPECT_EQ(intervals["frozen"], "A2");
  const int offered = column_of(intervals, "offered");
  EXPECT_DOUBLE_EQ(intervals["values"][1][std::size_t(offered)].get<double>(),
                   j["intervals"][0][type]["offered"]["mean"].get<double>());
  EXPECT_EQ(intervals["formats"][1][std::size_t(column_of(intervals, "start"))],
            "hh:mm");  // a time of day
}

TEST(WorkbookCommand, RunTargetsSheetHoldsEveryCheckOfTheJsonInOrder) {
  const fs::path dir = temp_dir("wb_targets");
  const std::string args = "run scenarios/bank_weekday.json --replications 2 --seed 4 --quiet";
  ASSERT_EQ(run_ccsim(args + " --out " + (dir / "t.xlsx").string()).exit_code, 0);
  const auto book = read_workbook(dir / "t.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  const json targets = sheet_of(*book, "targets");
  ASSERT_FALSE(targets.is_null()) << book->dump();
  const auto j = json::parse(run_ccsim(args + " --format json").out);
  const json& checks = j.at("targets");
  ASSERT_GT(checks.size(), 0u);
  ASSERT_EQ(targets["values"].size(), checks.size() + 1);  // a header, then one row per check
  const int value = column_of(targets, "value"), verdict = column_of(targets, "verdict");
  const int kpi = column_of(targets, "kpi"), interval = column_of(targets, "interval");
  ASSERT_GT(value, 0);
  for (std::size_t r = 0; r < checks.size(); ++r) {
    const json& row = targets["values"][r + 1];
    EXPECT_EQ(row[std::size_t(kpi)], checks[r]["kpi"]);
    EXPECT_DOUBLE_EQ(row[std::size_t(value)].get<double>(), checks[r]["value"].get<double>());
    EXPECT_EQ(row[std::size_t(verdict)], checks[r]["verdict"]);
    if (checks[r]["scope"] == "interval") {
      EXPECT_EQ(row[std::size_t(interval)].get<int>(), checks[r]["index"].get<int>());
    } else {
      EXPECT_TRUE(row[std::size_t(interval)].is_null());
    }
  }
}

TEST(WorkbookCommand, RunOfAWeekHasItsDaysAndDatesAsDates) {
  const fs::path dir = temp_dir("wb_week");
  const auto r = run_ccsim("run scenarios/contact_week.json --replications 2 --quiet --out " +
                           (dir / "week.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "week.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  EXPECT_EQ(sheet_names(*book), (std::vector<std::string>{"totals", "intervals", "agent_groups",
                                                          "group_intervals", "days", "targets"}));
  const json intervals = sheet_of(*book, "intervals");
  const auto date = std::size_t(column_of(intervals, "date"));
  EXPECT_EQ(intervals["formats"][1][date], "yyyy-mm-dd");
  // The start_date 2026-12-07 is Excel's day 46363 (read back as seconds since 1899-12-30).
  EXPECT_NEAR(intervals["values"][1][date].get<double>(), 46363.0 * 86400, 1e-3);
  const json days = sheet_of(*book, "days");
  EXPECT_EQ(days["values"].size(), 1u + 7u * 3u);  // header; 7 days × (2 types and all)
}

TEST(WorkbookCommand, FormatXlsxWithoutOutIsRefusedAndPrintsNothing) {
  const auto r = run_ccsim("run scenarios/bank_weekday.json --format xlsx");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: --format xlsx: a workbook is binary and is not written to "
                       "stdout; give --out FILE.xlsx\n"),
            std::string::npos)
      << r.err;
}

TEST(WorkbookCommand, CommandsWithoutAWorkbookRefuseXlsxAndWriteNothing) {
  const fs::path dir = temp_dir("wb_refuse");
  const std::string out = (dir / "x.xlsx").string();
  const auto erlang =
      run_ccsim("erlang --model c --arrivals-per-hour 600 --aht-s 180 --agents 35 --out " + out);
  EXPECT_EQ(erlang.exit_code, 2);
  EXPECT_TRUE(
      erlang.err.starts_with("error: --out: ccsim erlang writes no workbook (run, staff, "
                             "compare and sweep do); got " +
                             out + ", use .json or .csv, or give --format\n"))
      << erlang.err;  // then the usage
  const auto validate =
      run_ccsim("validate scenarios/bank_weekday.json --format xlsx --out " + out);
  EXPECT_EQ(validate.exit_code, 2);
  EXPECT_EQ(validate.err,
            "error: --format xlsx: ccsim validate writes no workbook (run, staff, "
            "compare and sweep do)\n");
  const auto vs = run_ccsim(
      "run scenarios/bank_weekday.json --vs scenarios/bank_weekday.json "
      "--out " +
      out);
  EXPECT_EQ(vs.exit_code, 2);
  EXPECT_NE(vs.err.find("error: --vs: no workbook for a paired comparison; use --format json or "
                        "csv\n"),
            std::string::npos)
      << vs.err;
  const auto log = run_ccsim("run scenarios/bank_weekday.json --log " + out);
  EXPECT_EQ(log.exit_code, 2);
  EXPECT_NE(
      log.err.find("error: --log: the per-contact log is CSV, not a workbook (got " + out + ")\n"),
      std::string::npos)
      << log.err;
  EXPECT_TRUE(files_in(dir).empty());
}

TEST(WorkbookCommand, StaffWritesThePlanPerIntervalAndGroup) {
  const fs::path dir = temp_dir("wb_staff");
  const std::string args = "staff scenarios/erlang_a_check.json --method erlang --quiet";
  const auto r = run_ccsim(args + " --out " + (dir / "plan.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "plan.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  std::vector<std::string> names = sheet_names(*book);
  ASSERT_GE(names.size(), 5u);
  names.resize(5);  // then "misses" when the Erlang staffing misses a target in simulation
  EXPECT_EQ(names,
            (std::vector<std::string>{"staffing", "queues", "queue_groups", "groups", "achieved"}));
  const auto j = json::parse(run_ccsim(args + " --format json").out);
  const json staffing = sheet_of(*book, "staffing");
  const int gross = column_of(staffing, "required_gross");
  ASSERT_GT(gross, 0);
  const std::string group = staffing["values"][1][std::size_t(column_of(staffing, "agent_group"))];
  EXPECT_EQ(staffing["values"][1][std::size_t(gross)].get<double>(),
            j["agent_groups"][group]["per_interval"][0].get<double>());
  const json queues = sheet_of(*book, "queues");
  const int net = column_of(queues, "required_net");
  ASSERT_GT(net, 0);
  const std::string type = queues["values"][1][std::size_t(column_of(queues, "queue"))];
  const json& per_interval = j["contact_types"][type]["per_interval"];
  ASSERT_EQ(queues["values"].size(), per_interval.size() + 1);  // one type: a row per interval
  for (std::size_t i = 0; i < per_interval.size(); ++i) {
    EXPECT_EQ(queues["values"][i + 1][std::size_t(net)].get<int>(), per_interval[i].get<int>());
  }
}

// staff --volume-factor: a "forecast" sheet beside the plan, its figures those of the JSON.
TEST(WorkbookCommand, AVolumeWhatIfSetsTheForecastsPlanBesideItsOwn) {
  const fs::path dir = temp_dir("wb_forecast");
  const std::string args = "staff scenarios/realistic_day.json --volume-factor 1.1 --quiet";
  const auto r = run_ccsim(args + " --out " + (dir / "plan.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "plan.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  const json sheet = sheet_of(*book, "forecast");
  const auto j = json::parse(run_ccsim(args + " --format json").out);
  const int group = column_of(sheet, "agent_group"), interval = column_of(sheet, "interval");
  const int forecast = column_of(sheet, "forecast_net"), net = column_of(sheet, "required_net");
  const int change = column_of(sheet, "change_net");
  ASSERT_GE(std::min({group, interval, forecast, net, change}), 0);
  ASSERT_EQ(sheet["values"].size(), 1 + 48 * j["agent_groups"].size());
  for (std::size_t row = 1; row < sheet["values"].size(); ++row) {
    const json& v = sheet["values"][row];
    const std::string g = v[std::size_t(group)];
    const std::size_t i = v[std::size_t(interval)];
    EXPECT_EQ(v[std::size_t(forecast)], j["forecast"]["agent_groups"][g]["on_duty"][i]) << row;
    EXPECT_EQ(v[std::size_t(net)], j["agent_groups"][g]["on_duty"][i]) << row;
    EXPECT_EQ(v[std::size_t(change)].get<int>(),
              v[std::size_t(net)].get<int>() - v[std::size_t(forecast)].get<int>());
    EXPECT_GE(v[std::size_t(change)].get<int>(), 0) << "more volume never needs fewer";
  }
}

TEST(WorkbookCommand, CompareWritesPredictedBesideMeasured) {
  const fs::path dir = temp_dir("wb_compare");
  const auto r = run_ccsim(
      "compare tests/data/compare_scenario.json --measured "
      "tests/data/measured_intervals.csv --replications 3 --quiet --out " +
      (dir / "cmp.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "cmp.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  EXPECT_EQ(sheet_names(*book), (std::vector<std::string>{"accuracy", "intervals"}));
  const json intervals = sheet_of(*book, "intervals");
  const int measured = column_of(intervals, "offered measured");
  ASSERT_GT(measured, 0);
  EXPECT_EQ(column_of(intervals, "offered predicted"), measured - 1);
  // The first row is billing at 08:00, measured 61 offered (tests/data/measured_intervals.csv).
  bool found = false;
  for (const json& row : intervals["values"]) {
    if (row[std::size_t(column_of(intervals, "contact_type"))] == "billing" &&
        row[std::size_t(column_of(intervals, "interval"))] == 0) {
      EXPECT_EQ(row[std::size_t(measured)], 61);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(WorkbookCommand, SweepNamesParametersReadablyBesideTheirPointers) {
  const fs::path dir = temp_dir("wb_sweep");
  const auto r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 "
      "--set /agent_groups/0/staff/count=30,33 --replications 2 --quiet --out " +
      (dir / "s.xlsx").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto book = read_workbook(dir / "s.xlsx");
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  EXPECT_EQ(sheet_names(*book), (std::vector<std::string>{"points", "parameters"}));
  const json points = sheet_of(*book, "points");
  EXPECT_EQ(points["values"].size(), 3u);
  EXPECT_EQ(column_of(points, "staff_count"), 2);
  EXPECT_EQ(points["values"][2][2], 33);
  const json parameters = sheet_of(*book, "parameters");
  EXPECT_EQ(parameters["values"][2],
            json::parse(R"(["staff_count", "/agent_groups/0/staff/count", "30, 33"])"));
}

}  // namespace
