// ccsim run/staff/compare with the transient model, end to end through the built program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;

TEST(TransientCommand, RunGivesTheRunLayoutWithZeroHalfWidthsAndTheMethod) {
  const auto r = run_ccsim("run scenarios/transient_day.json --method transient --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["method"], "transient");
  EXPECT_FALSE(j.contains("replications"));
  EXPECT_FALSE(j.contains("seed"));
  EXPECT_LT(j["transient"]["truncated_mass"].get<double>(), 1e-12);
  EXPECT_TRUE(j["transient"]["assumptions"].is_array());
  ASSERT_EQ(j["intervals"].size(), 20u);
  for (const char* kpi : {"offered", "answered", "abandoned", "abandon_rate", "asa_s",
                          "service_level", "backlog_end"}) {
    EXPECT_EQ(j["intervals"][3]["calls"][kpi]["ci95"], 0.0) << kpi;
  }
  EXPECT_TRUE(j["intervals"][3]["calls"]["wait_p90_s"].is_null());
  // Conservation per interval: every arrival is answered or abandons (no one is stuck).
  for (const auto& row : j["intervals"]) {
    const auto& c = row["calls"];
    EXPECT_NEAR(c["answered"]["mean"].get<double>() + c["abandoned"]["mean"].get<double>(),
                c["offered"]["mean"].get<double>(), 1e-9);
  }
  EXPECT_GT(j["agent_groups"]["phone team"]["occupancy"]["mean"].get<double>(), 0.5);
}

TEST(TransientCommand, TableSaysWhatTheModelAssumesAndPrintsNoHalfWidths) {
  const auto r = run_ccsim("run scenarios/transient_day.json --method transient");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Transient model: the exact time-varying Markov chain"), std::string::npos);
  EXPECT_NE(r.out.find("  assumes: "), std::string::npos);
  EXPECT_EQ(r.out.find(" ± "), std::string::npos);
}

TEST(TransientCommand, ScenarioOutsideTheModelExitsTwoWithEveryReason) {
  const auto r = run_ccsim("run scenarios/email_team.json --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: --method transient cannot model this scenario:\n"
                       "error: contact_types[0].handle_time: the transient model needs an "
                       "exponential handle time, not lognormal\n"),
            std::string::npos)
      << r.err;
}

TEST(TransientCommand, ForecastErrorIsRefusedWithItsPath) {
  const auto r = run_ccsim("run scenarios/wfm_export_week.json --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: simulation.volume_cv: the transient model takes the forecast as "
                       "exact (the simulation draws each day's error)\n"),
            std::string::npos)
      << r.err;
}

TEST(TransientCommand, SimulationOptionsAreRefused) {
  const auto r =
      run_ccsim("run scenarios/transient_day.json --method transient --replications 5 --log x.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: --log: does not apply with --method transient (no simulation)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(
      r.err.find("error: --replications: does not apply with --method transient (no simulation)"),
      std::string::npos);
  const auto bad = run_ccsim("run scenarios/transient_day.json --method markov");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("error: --method: must be one of simulation, transient (got markov)"),
            std::string::npos)
      << bad.err;
}

TEST(TransientCommand, StaffingMeetsTheTargetsInTheModelAndCostsNoMoreThanErlang) {
  const auto t = run_ccsim(
      "staff scenarios/transient_day.json --method transient --format json "
      "--replications 2");
  const auto e = run_ccsim(
      "staff scenarios/transient_day.json --method erlang --format json "
      "--replications 2");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto jt = nlohmann::json::parse(t.out), je = nlohmann::json::parse(e.out);
  EXPECT_EQ(jt["method"], "transient");
  double hours_t = 0, hours_e = 0;
  for (const auto& [name, g] : jt["agent_groups"].items()) {
    for (const auto& n : g["per_interval"]) hours_t += n.get<double>() * 0.5;
    for (const auto& n : je["agent_groups"][name]["per_interval"]) hours_e += n.get<double>() * 0.5;
  }
  // The day starts empty: the transient staffing needs fewer agent-hours than stationary Erlang.
  EXPECT_LT(hours_t, hours_e);
}

TEST(TransientCommand, CompareAddsTheTransientModelBesideErlangA) {
  const auto r = run_ccsim(
      "compare tests/data/compare_scenario.json --measured tests/data/measured_intervals.csv "
      "--replications 4 --erlang-a --transient --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["summary"]["transient"].contains("all"));
  EXPECT_TRUE(j["summary"]["transient"].contains("billing"));
  EXPECT_TRUE(j["transient"]["assumptions"].is_array());
  bool transient_row = false;
  for (const auto& row : j["intervals"]) transient_row |= row.contains("transient");
  EXPECT_TRUE(transient_row);
}

}  // namespace
