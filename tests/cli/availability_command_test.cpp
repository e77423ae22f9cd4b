// Uncertain agents on duty (agent_groups[].availability_cv) through the program: the reader's
// rule, the transient model's refusal, and compare's wider prediction intervals.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;
using nlohmann::json;

// tests/data/compare_scenario.json with the advisers' availability_cv set to `cv`.
std::string with_cv(const json& cv) {
  json s =
      json::parse(read_file(std::string(CCSIM_SOURCE_DIR) + "/tests/data/compare_scenario.json"));
  s["agent_groups"][0]["availability_cv"] = cv;
  return s.dump(2);
}

TEST(AvailabilityCommand, CvAboveOneIsRefusedWithItsPath) {
  const auto dir = temp_dir("availability_bad");
  const auto file = write_file(dir, "s.json", with_cv(1.5));
  const auto r = run_ccsim("validate " + file.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: agent_groups[0].availability_cv: must be in [0, 1] (got 1.5)\n"),
            std::string::npos)
      << r.err;
}

TEST(AvailabilityCommand, TransientModelRefusesUncertainAgents) {
  const auto dir = temp_dir("availability_transient");
  json s = json::parse(with_cv(0.2));
  for (auto& ct : s["contact_types"])
    ct["handle_time"] = {{"dist", "exponential"}, {"mean_s", 180}};
  const auto file = write_file(dir, "s.json", s.dump(2));
  const auto r = run_ccsim("run " + file.string() + " --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: agent_groups[0].availability_cv: the transient model takes the "
                       "agents on duty as exact (the simulation draws each day's)\n"),
            std::string::npos)
      << r.err;
}

// With a fifth of the agents uncertain, the prediction is that of the agents as scheduled (the
// same figures as the certain scenario's, bit for bit), and every waiting figure's prediction
// interval is wider than the certain one's.
TEST(AvailabilityCommand, CompareWidensPredictionIntervalsByTheInputUncertainty) {
  const auto dir = temp_dir("availability_compare");
  const auto certain = write_file(dir, "certain.json", with_cv(0.0));
  const auto uncertain = write_file(dir, "uncertain.json", with_cv(0.2));
  const std::string tail =
      " --measured tests/data/measured_intervals.csv --replications 40 --measured-days 20"
      " --format json";
  const auto a = run_ccsim("compare " + certain.string() + tail);
  const auto b = run_ccsim("compare " + uncertain.string() + tail);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const json ja = json::parse(a.out), jb = json::parse(b.out);
  ASSERT_EQ(ja["intervals"].size(), jb["intervals"].size());
  int asa_rows = 0;
  for (std::size_t i = 0; i < ja["intervals"].size(); ++i) {
    const json& ra = ja["intervals"][i]["simulation"];
    const json& rb = jb["intervals"][i]["simulation"];
    EXPECT_EQ(ra["mean"], rb["mean"]);
    if (!ra.contains("ci95")) continue;
    EXPECT_EQ(ra["ci95"], rb["ci95"]);
    const double pa = ra["pi95"], ci = ra["ci95"];
    EXPECT_NEAR(pa, ci * std::sqrt(1.0 + 40.0 / 20.0), 1e-9 * (1 + pa));  // certain: the old rule
    if (ja["intervals"][i]["kpi"] != "asa_s") continue;
    ++asa_rows;
    EXPECT_GT(rb["pi95"].get<double>(), pa);
  }
  EXPECT_GE(asa_rows, 3);
  const auto html = dir / "compare.html";
  const auto table = run_ccsim("compare " + uncertain.string() +
                               " --measured tests/data/measured_intervals.csv --replications 4"
                               " --report '" +
                               html.string() + "'");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Uncertain inputs (availability_cv): predicted with the inputs at their "
                           "estimates; pi95 = "),
            std::string::npos);
  EXPECT_NE(read_file(html.string())
                .find("Uncertain inputs (availability_cv): predicted with the inputs at their "
                      "estimates; the band adds the spread"),
            std::string::npos);
}

}  // namespace
