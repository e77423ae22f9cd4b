// Forecast and roster CSV files end to end: a run from the files is bit-identical to the same
// figures inline, validate says what it read, and bad files exit 2 with nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::files_in;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;
using nlohmann::json;

// Two types over 09:00-11:00 in 30-minute intervals and two groups, with the arrivals (none
// when null) and staff given.
json scenario(const json& billing_arrivals, const json& cards_arrivals, const json& desk_staff,
              const json& cards_staff) {
  json s = json::parse(R"({
    "name": "forecast identity",
    "horizon": {"interval_minutes": 30, "intervals": 4, "start": "09:00"},
    "simulation": {"replications": 3, "seed": 11},
    "contact_types": [
      {"name": "billing", "handle_time": {"dist": "lognormal", "mean_s": 280, "cv": 0.9},
       "patience": {"dist": "exponential", "mean_s": 200}},
      {"name": "cards", "handle_time": {"dist": "exponential", "mean_s": 190},
       "patience": {"dist": "exponential", "mean_s": 240}}
    ],
    "agent_groups": [
      {"name": "desk", "skills": ["billing", "cards"]},
      {"name": "cards team", "skills": ["cards"]}
    ]
  })");
  if (!billing_arrivals.is_null()) s["contact_types"][0]["arrivals"] = billing_arrivals;
  if (!cards_arrivals.is_null()) s["contact_types"][1]["arrivals"] = cards_arrivals;
  s["agent_groups"][0]["staff"] = desk_staff;
  s["agent_groups"][1]["staff"] = cards_staff;
  return s;
}

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

TEST(ForecastCommand, FilesRunBitIdenticalToTheSameFiguresInline) {
  const fs::path dir = temp_dir("forecast_identity");
  const json inline_form =
      scenario({{"per_interval", {41.5, 60, 0, 38.25}}}, {{"per_interval", {20, 0.1, 33, 0}}},
               {{"per_interval", {9, 12, 10, 8}}}, {{"per_interval", {3, 0, 4, 2}}});
  // The same figures as an export writes them: rows in any order, zero rows left out,
  // ';' with decimal commas, synonyms.
  write_file(dir, "forecast.csv",
             "Date;Interval;Queue;Calls\n2026-03-02;09:00;billing;41,5\n"
             "2026-03-02;10:30;billing;38,25\n2026-03-02;09:00;cards;20\n"
             "2026-03-02;09:30;billing;60\n2026-03-02;09:30;cards;0,1\n"
             "2026-03-02;10:00;cards;33\n");
  write_file(dir, "roster.csv",
             "interval,team,staff\n09:00,desk,9\n09:30,desk,12\n10:00,desk,10\n10:30,desk,8\n"
             "09:00,cards team,3\n10:00,cards team,4\n10:30,cards team,2\n");
  json file_form = scenario(nullptr, nullptr, {{"file", "roster.csv"}}, {{"file", "roster.csv"}});
  file_form["forecast"] = {{"file", "forecast.csv"}};
  write_file(dir, "inline.json", inline_form.dump(2));
  write_file(dir, "files.json", file_form.dump(2));
  for (const char* format : {"json", "csv"}) {
    const auto a = run_ccsim("run " + q(dir / "inline.json") + " --format " + format);
    const auto b = run_ccsim("run " + q(dir / "files.json") + " --format " + format);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << format;
    EXPECT_EQ(a.err, b.err);
  }
}

TEST(ForecastCommand, AhtAndPatienceColumnsRunBitIdenticalToPerIntervalMeansInline) {
  const fs::path dir = temp_dir("forecast_means");
  json inline_form =
      scenario({{"per_interval", {40, 60, 50, 30}}}, {{"per_interval", {20, 25, 30, 10}}},
               {{"per_interval", {9, 12, 10, 8}}}, {{"per_interval", {3, 4, 4, 2}}});
  inline_form["contact_types"][0]["handle_time"]["mean_s"] = {300, 250, 280, 310};
  inline_form["contact_types"][0]["patience"]["mean_s"] = {200, 180, 200, 220};
  // cards: only 10:00 has an AHT in the file; the others keep the distribution's own mean.
  inline_form["contact_types"][1]["handle_time"]["mean_s"] = {190, 190, 170, 190};
  write_file(dir, "forecast.csv",
             "interval,contact_type,volume,aht_s,patience_s\n"
             "09:00,billing,40,300,200\n09:30,billing,60,250,180\n10:00,billing,50,280,200\n"
             "10:30,billing,30,310,220\n09:00,cards,20,,\n09:30,cards,25,,\n"
             "10:00,cards,30,170,\n10:30,cards,10,,\n");
  json file_form = scenario(nullptr, nullptr, {{"per_interval", {9, 12, 10, 8}}},
                            {{"per_interval", {3, 4, 4, 2}}});
  file_form["forecast"] = {{"file", "forecast.csv"}};
  write_file(dir, "inline.json", inline_form.dump(2));
  write_file(dir, "files.json", file_form.dump(2));
  const auto a = run_ccsim("run " + q(dir / "inline.json") + " --format json");
  const auto b = run_ccsim("run " + q(dir / "files.json") + " --format json");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(ForecastCommand, ValidateSaysWhatItRead) {
  const auto table = run_ccsim("validate scenarios/wfm_export_day.json");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out,
            "scenarios/wfm_export_day.json: valid (2 contact types, 1 agent group, 24 intervals)\n"
            "read wfm_export_day_forecast.csv: 48 rows, 2 contact types, 1 day, 24 intervals\n"
            "read wfm_export_day_roster.csv: 24 rows, 1 agent group, 1 day, 24 intervals\n");
  const auto j = run_ccsim("validate scenarios/wfm_export_day.json --format json");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(json::parse(j.out)["read"], json::parse(R"([
    {"file": "wfm_export_day_forecast.csv", "kind": "forecast", "rows": 48, "contact_types": 2,
     "days": 1, "intervals": 24},
    {"file": "wfm_export_day_roster.csv", "kind": "roster", "rows": 24, "agent_groups": 1,
     "days": 1, "intervals": 24}
  ])"));
}

TEST(ForecastCommand, BadRowsExitTwoNamingFileAndLineAndWriteNothing) {
  const fs::path dir = temp_dir("forecast_bad_rows");
  json s = scenario(nullptr, {{"rate_per_hour", 30}}, {{"file", "roster.csv"}}, {{"count", 2}});
  s["forecast"] = {{"file", "forecast.csv"}};
  write_file(dir, "s.json", s.dump(2));
  write_file(dir, "forecast.csv",
             "interval,contact_type,volume\n09:00,billing,x\n09:10,billing,1\n");
  write_file(dir, "roster.csv", "interval,agents\n09:00,2.5\n");
  const auto r = run_ccsim("run " + q(dir / "s.json") + " --out " + q(dir / "out.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: forecast.file: forecast.csv line 2: volume must be a number >= 0 (got \"x\")\n"
            "error: forecast.file: forecast.csv line 3: interval must start an interval of the "
            "horizon (every 1800 s from 09:00, 4 intervals a day) (got \"09:10\")\n"
            "error: agent_groups[0].staff.file: roster.csv line 2: agents must be a whole number "
            "of agents from 0 to 1000000 (got \"2.5\")\n");
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"s.json", "forecast.csv", "roster.csv"}));
}

TEST(ForecastCommand, OutputsNeverReplaceTheForecastOrRoster) {
  const fs::path dir = temp_dir("forecast_out_clash");
  for (const char* name :
       {"wfm_export_day.json", "wfm_export_day_forecast.csv", "wfm_export_day_roster.csv"}) {
    fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios" / name, dir / name);
  }
  const std::string s = q(dir / "wfm_export_day.json");
  const auto r = run_ccsim("run " + s + " --out " + q(dir / "wfm_export_day_roster.csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --out: " + (dir / "wfm_export_day_roster.csv").string() +
                       " is the same file as the roster of the scenario " +
                       (dir / "wfm_export_day_roster.csv").string() + "\n");
  const auto v =
      run_ccsim("validate " + s + " --format json --out " + q(dir / "wfm_export_day_forecast.csv"));
  EXPECT_EQ(v.exit_code, 2);
  EXPECT_NE(v.err.find("is the same file as the forecast of the scenario"), std::string::npos)
      << v.err;
}

}  // namespace
