// Calibration: duration fits, censored patience, the staffing estimators, a round trip through
// the simulator, and the real "Anonymous Bank" data.
//
// The real data (../shared/data/anonymous_bank) is the "Anonymous Bank" call log of 1999
// collected by the Technion SEE lab (Service Enterprise Engineering; documentation by I. Guedj
// and A. Mandelbaum), analysed in Brown et al. (2005), JASA 100(469):36–50. Tests that need it
// are skipped when it is absent.
#include "models/measured/calibrate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "models/measured/contact_log.h"
#include "models/measured/measured.h"
#include "models/scenario/scenario_json.h"
#include "sim/random.h"
#include "tests/cli/run_ccsim.h"
#include "tools/run_log.h"

namespace ccsim {
namespace {

std::vector<double> sample(const Distribution& d, std::size_t n, std::uint64_t seed) {
  sim::RandomStream rng(seed, 0, 0);
  std::vector<double> v(n);
  for (double& x : v) x = d.sample(rng);
  return v;
}

TEST(FitDurations, RecoversALognormalSample) {
  const DurationFit f = fit_durations(sample(Distribution::lognormal(200, 1.2), 5000, 1));
  EXPECT_EQ(f.chosen.kind, DistKind::Lognormal);
  EXPECT_NEAR(f.chosen.mean_s, 200, 200 * 1.2 / std::sqrt(5000.0) * 4);
  EXPECT_NEAR(f.chosen.cv, 1.2, 0.06);
  ASSERT_EQ(f.candidates.size(), 3u);
  EXPECT_LT(f.candidates[1].ks, 0.03);
}

TEST(FitDurations, RecoversAGammaSample) {
  const DurationFit f = fit_durations(sample(Distribution::gamma(150, 0.5), 5000, 2));
  EXPECT_EQ(f.chosen.kind, DistKind::Gamma);
  EXPECT_NEAR(f.chosen.mean_s, 150, 150 * 0.5 / std::sqrt(5000.0) * 4);
  EXPECT_NEAR(f.chosen.cv, 0.5, 0.02);
}

TEST(FitDurations, AnExponentialSampleGetsCvOne) {
  const DurationFit f = fit_durations(sample(Distribution::exponential(90), 5000, 3));
  EXPECT_TRUE(f.chosen.kind == DistKind::Exponential || f.chosen.kind == DistKind::Gamma);
  EXPECT_NEAR(f.chosen.exact_cv(), 1.0, 0.05);
}

TEST(FitDurations, RoundedDataAreFittedWithAContinuityCorrection) {
  std::vector<double> v = sample(Distribution::lognormal(25, 1.0), 20000, 4);
  for (double& x : v) x = std::round(x);  // whole seconds, some zeros
  const DurationFit f = fit_durations(v);
  EXPECT_EQ(f.chosen.kind, DistKind::Lognormal);
  EXPECT_NEAR(f.chosen.mean_s, 25, 1.0);
}

TEST(FitDurations, AMisfitFallsBackToAnEmpiricalDistributionWithTheSampleMean) {
  std::vector<double> v = sample(Distribution::deterministic(10), 3000, 5);
  const std::vector<double> slow = sample(Distribution::gamma(600, 0.1), 3000, 6);
  v.insert(v.end(), slow.begin(), slow.end());
  const DurationFit f = fit_durations(v);
  EXPECT_EQ(f.chosen.kind, DistKind::Empirical);
  EXPECT_EQ(f.chosen.values_s.size(), 500u);
  EXPECT_NEAR(f.chosen.mean_s, f.mean_s, 0.001 * f.mean_s);
  for (const CandidateFit& c : f.candidates) EXPECT_GT(c.ks, 0.03);
}

TEST(FitPatience, CensoringIsAccountedForAndTheNaiveMeanIsNot) {
  // Patience Exp(300); offered wait Exp(100): a caller abandons iff patience < wait.
  sim::RandomStream rng(7, 0, 0);
  std::vector<QueueSpell> spells;
  for (int i = 0; i < 20000; ++i) {
    const double patience = rng.exponential(300), wait = rng.exponential(100);
    spells.push_back({std::min(patience, wait), patience < wait});
  }
  const PatienceFit f = fit_patience(spells);
  ASSERT_TRUE(f.mean_s);
  EXPECT_NEAR(*f.mean_s, 300, 3 * *f.se_s);
  EXPECT_LT(*f.naive_mean_s, 100);  // the abandoners' waits: min(P, W) given P < W, mean 75
  const auto& times = patience_report_times_s();
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!f.km_survival[k]) continue;
    EXPECT_NEAR(*f.km_survival[k], std::exp(-times[k] / 300), 0.03) << times[k];
  }
  ASSERT_TRUE(f.km_survival[1]);
}

TEST(FitPatience, NoAbandonmentMeansNoEstimate) {
  const PatienceFit f = fit_patience({{10, false}, {0, false}});
  EXPECT_FALSE(f.mean_s);
  EXPECT_EQ(f.queued, 2u);
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto path = test::temp_dir("calibrate") / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(StaffingEstimate, IdleAgentsAreAwayWhileCallersTheyServeWait) {
  // Agent 1 serves billing over [0, 100) and [300, 400); agent 2 billing over [0, 500). A
  // billing caller waits over [150, 200): agent 1, idle then, was away until 200. A cards caller
  // waits over [120, 260): neither agent serves cards, so that wait says nothing about them.
  std::string text(kCcsimLogColumns);
  text += "\n0,0,billing,0,answered,0,,,0,0,100,100,0,g,1,0,0,,\n";
  text += "0,1,billing,0,answered,0,,,0,0,500,500,0,g,2,0,0,,\n";
  text += "0,2,billing,0,abandoned,150,,,150,,200,,,,,0,0,,\n";
  text += "0,3,cards,0,abandoned,120,,,120,,260,,,,,0,0,,\n";
  text += "0,4,billing,0,answered,300,,,300,300,400,100,0,g,1,0,0,,\n";
  const ContactLog log = read_contact_log(write_temp("staff.csv", text), LogFormat{});
  ASSERT_FALSE(log.fatal);
  CalibrateOptions o;
  o.interval_s = 1800;
  o.staffing_resolution_s = 900;
  o.staffing = StaffingMethod::Activity;
  o.min_handle_observations = 1;
  o.min_abandonments = 1;
  const Calibration c = calibrate(log, o);
  ASSERT_FALSE(c.error) << *c.error;
  ASSERT_EQ(c.intervals, 1);
  // Available: agent 1 over [0, 100), [200, 400); agent 2 over [0, 500).
  EXPECT_NEAR(c.staffing.available[0], 800.0 / 900, 1e-9);
  EXPECT_NEAR(c.staffing.available[1], 0.0, 1e-9);
  EXPECT_NEAR(c.staffing.available_mean[0], 800.0 / 1800, 1e-9);
  EXPECT_NEAR(c.staffing.busy[0], 700.0 / 1800, 1e-9);
  EXPECT_NEAR(c.staffing.logged_in[0], 900.0 / 1800, 1e-9);
  EXPECT_NEAR(c.staffing.distinct[0], 2.0, 1e-9);
  // The scenario holds that profile as shifts: one agent over [0, 800) of the first slot.
  const auto& staff = c.scenario["agent_groups"][0]["staff"];
  ASSERT_TRUE(staff.contains("shifts"));
  EXPECT_EQ(staff["shifts"].size(), 1u);
  EXPECT_EQ(staff["shifts"][0]["end_s"], 800.0);
  EXPECT_EQ(staff["shifts"][0]["count"], 1);
  EXPECT_EQ(c.types[0].name, "billing");
  EXPECT_EQ(c.types[1].name, "cards");
}

// A day of six hours with two types, for round trips through the simulator.
Scenario round_trip_scenario() {
  const char* text = R"({
    "name": "round trip",
    "horizon": { "interval_minutes": 60, "intervals": 6, "start": "09:00" },
    "contact_types": [
      { "name": "billing", "arrivals": { "per_interval": [150, 220, 260, 240, 200, 160] },
        "handle_time": { "dist": "lognormal", "mean_s": 240, "cv": 1.0 },
        "patience": { "dist": "exponential", "mean_s": 300 } },
      { "name": "cards", "arrivals": { "per_interval": [60, 80, 90, 100, 70, 50] },
        "handle_time": { "dist": "gamma", "mean_s": 150, "cv": 0.7 },
        "patience": { "dist": "exponential", "mean_s": 200 } }
    ],
    "agent_groups": [ { "name": "advisers", "skills": ["billing", "cards"],
                        "staff": { "per_interval": [12, 17, 20, 19, 16, 12] } } ]
  })";
  const ScenarioParse p = parse_scenario(nlohmann::json::parse(text), ".");
  EXPECT_TRUE(p.ok());
  return *p.scenario;
}

// The log of `days` simulated days of `sc`.
ContactLog simulated_log(const Scenario& sc, int days, std::uint64_t seed,
                         const std::string& name) {
  RunOptions o;
  o.replications = days;
  o.seed = seed;
  Results results;
  const auto path = test::temp_dir("calibrate_round_trip") / name;
  const auto error = cli::run_experiment_with_log(sc, o, path, results);
  EXPECT_FALSE(error) << *error;
  return read_contact_log(path, LogFormat{});
}

TEST(CalibrationRoundTrip, RecoversArrivalsHandleTimesPatienceAndAgents) {
  const Scenario sc = round_trip_scenario();
  const int days = 30;
  const ContactLog log = simulated_log(sc, days, 101, "log.csv");
  ASSERT_FALSE(log.fatal);
  ASSERT_EQ(log.bad, 0u);
  for (StaffingMethod method : {StaffingMethod::Activity, StaffingMethod::AnsweredAtOnce}) {
    CalibrateOptions o;
    o.staffing = method;
    o.threads = 1;
    const Calibration c = calibrate(log, o);
    ASSERT_FALSE(c.error) << *c.error;
    ASSERT_EQ(c.intervals, 6);
    ASSERT_EQ(c.days.size(), std::size_t(days));
    ASSERT_EQ(c.types.size(), 2u);
    for (const TypeCalibration& t : c.types) {
      const auto& truth = sc.contact_types[t.name == "billing" ? 0 : 1];
      for (std::size_t i = 0; i < 6; ++i) {
        const double expected = truth.arrivals.per_interval[i];
        EXPECT_NEAR(t.arrivals[i], expected, 4 * std::sqrt(expected / days)) << t.name << i;
      }
      const double se_handle =
          truth.handle_time.mean_s * truth.handle_time.exact_cv() / std::sqrt(double(t.handle.n));
      EXPECT_NEAR(t.handle.chosen.mean_s, truth.handle_time.mean_s, 4 * se_handle) << t.name;
      EXPECT_EQ(t.handle.chosen.kind, truth.handle_time.kind) << t.name;
      ASSERT_TRUE(t.patience.mean_s);
      EXPECT_NEAR(*t.patience.mean_s, truth.patience->mean_s, 3 * *t.patience.se_s) << t.name;
    }
    for (std::size_t i = 0; i < 6; ++i) {
      const double agents = sc.agent_groups[0].staff.per_interval[i];
      EXPECT_NEAR(c.staffing.available_mean[i], agents, 0.06 * agents)
          << "interval " << i << (method == StaffingMethod::Activity ? " activity" : " fitted");
    }
    // The calibrated scenario is valid.
    EXPECT_TRUE(parse_scenario(nlohmann::json::parse(c.scenario.dump()), ".").ok());
  }
}

TEST(CalibrationRoundTrip, HandleTimeThatChangesOverTheDayIsFittedPerIntervalAndAConstantOneIsNot) {
  // billing's handle time is 180 s in the morning and twice that after; cards' is constant.
  Scenario sc = round_trip_scenario();
  sc.contact_types[0].handle_time.mean_s_by_interval = {180, 180, 180, 360, 360, 360};
  sc.agent_groups[0].staff.per_interval = {16, 22, 26, 36, 30, 24};
  finish_interval_means(sc);
  const int days = 30;
  const ContactLog log = simulated_log(sc, days, 303, "varying.csv");
  ASSERT_FALSE(log.fatal);
  CalibrateOptions o;
  o.staffing = StaffingMethod::Activity;
  const Calibration c = calibrate(log, o);
  ASSERT_FALSE(c.error) << *c.error;
  ASSERT_EQ(c.types.size(), 2u);
  const TypeCalibration& billing = c.types[c.types[0].name == "billing" ? 0 : 1];
  const TypeCalibration& cards = c.types[c.types[0].name == "billing" ? 1 : 0];
  ASSERT_EQ(billing.handle_means_s.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const double truth = sc.contact_types[0].handle_time.mean_in(int(i));
    const double se = truth * 1.0 / std::sqrt(double(billing.handle_n[i]));  // cv 1
    EXPECT_NEAR(billing.handle_means_s[i], truth, 4 * se) << "interval " << i;
  }
  EXPECT_TRUE(cards.handle_means_s.empty());
  // The scenario written carries the list, and reads back with it.
  const ScenarioParse p = parse_scenario(nlohmann::json::parse(c.scenario.dump()), ".");
  ASSERT_TRUE(p.ok()) << p.errors.front();
  const auto& types = p.scenario->contact_types;
  const auto read = std::find_if(types.begin(), types.end(),
                                 [](const ContactType& t) { return t.name == "billing"; });
  ASSERT_NE(read, types.end());
  EXPECT_EQ(read->handle_time.mean_s_by_interval.size(), 6u);
  EXPECT_EQ(read->handle_time.kind, DistKind::Lognormal);
}

TEST(CompareRoundTrip,
     AScenarioAgainstItsOwnSimulatedDaysIsWithinItsIntervalsAbout95PercentOfTheTime) {
  // Four independent "centres" of 30 simulated days each, against predictions of 20
  // replications with another seed. Figures of one interval move together (a busy day raises
  // offered, waits and abandonment at once), so the share is judged over all four.
  const Scenario sc = round_trip_scenario();
  std::size_t rows = 0, within = 0;
  for (std::uint64_t k = 0; k < 4; ++k) {
    const ContactLog log = simulated_log(sc, 30, 200 + k, "own" + std::to_string(k) + ".csv");
    const MeasuredTable m = aggregate_log(log, sc, DaySelection{});
    ASSERT_FALSE(m.fatal);
    EXPECT_EQ(m.days, 30);
    RunOptions o;
    o.replications = 20;
    o.seed = 1 + k;
    o.threads = 1;
    const Comparison c = compare_with_measured(sc, run_experiment(sc, o), m, false);
    // Offered to aht_s: a scenario without lines, queue caps, overflow or messages measures
    // no blocked, block_rate, overflowed or messages.
    ASSERT_EQ(c.simulation.rows.size(), 6u * 3 * (*measured_index(Kpi::Aht) + 1));
    for (const ComparisonRow& r : c.simulation.rows) {
      ++rows;
      within += *r.within ? 1 : 0;
    }
    // Offered counts are unbiased: the weighted relative bias is within sampling error.
    const KpiSummary& offered = c.simulation.summary[2][*measured_index(Kpi::Offered)];
    EXPECT_LT(std::abs(*offered.relative_bias), 0.02);
  }
  const double share = double(within) / double(rows);
  std::cout << "own simulated logs: " << within << " of " << rows
            << " interval figures within the 95% prediction interval\n";
  EXPECT_GT(share, 0.88);
  EXPECT_LT(share, 0.995);
}

// ---------------------------------------------------------------------------------------------
// The real data: Technion SEE lab, "Anonymous Bank" call log, January and February 1999.

const std::filesystem::path kBank =
    std::filesystem::path(CCSIM_SOURCE_DIR) / "../shared/data/anonymous_bank";

std::filesystem::path bank_file(int month) {
  return kBank / (month == 1 ? "anonymous_bank_1999_01.txt" : "anonymous_bank_1999_02.txt");
}

#define SKIP_WITHOUT_BANK_DATA(month)                                                           \
  if (!std::filesystem::exists(bank_file(month))) {                                             \
    GTEST_SKIP() << "the Anonymous Bank data (Technion SEE lab) is not at " << bank_file(month) \
                 << "; skipping the real-data test";                                            \
  }

TEST(AnonymousBankData, ReadingReproducesTheFiguresOfTheDataReadme) {
  // Sunday–Thursday, phantom calls left out: abandoned after queueing ÷ (served + abandoned)
  // 11.0% and 13.2%; mean wait of served calls 37.6 s and 42.8 s; mean service 183 s and 177 s.
  const double abandon[] = {0.110, 0.132}, wait[] = {37.6, 42.8}, service[] = {183, 177};
  for (int month : {1, 2}) {
    SKIP_WITHOUT_BANK_DATA(month);
    const ContactLog log = read_contact_log(bank_file(month), LogFormat{});
    ASSERT_FALSE(log.fatal);
    EXPECT_EQ(log.bad, 0u);
    std::string error;
    const DaySubset d = select_days(log, *DaySelection::parse("sun-thu", error));
    EXPECT_EQ(d.days.size(), month == 1 ? 19u : 20u);
    double served = 0, abandoned = 0, waits = 0, talk = 0, talked = 0;
    for (const LoggedContact* c : d.contacts) {
      if (c->outcome == LoggedOutcome::Abandoned) ++abandoned;
      if (c->outcome != LoggedOutcome::Answered) continue;
      ++served;
      waits += c->answer_s - c->queue_s;
      if (!std::isnan(c->handle_s)) {
        talk += c->handle_s;
        ++talked;
      }
    }
    EXPECT_NEAR(abandoned / (served + abandoned), abandon[month - 1], 0.0005) << month;
    EXPECT_NEAR(waits / served, wait[month - 1], 0.05) << month;
    EXPECT_NEAR(talk / talked, service[month - 1], 0.5) << month;
  }
}

// In sample (calibrated and compared on the same days). Erlang A takes the mean of the
// patience written, so the comparison with the same inputs is made with exponential patience
// (--patience exponential): the mean of a heavy-tailed fit (PS lognormal, cv about 6.5) lies far
// beyond the waits observed and leaves Erlang A almost without abandonment. The patience of
// lowest AIC (the default) is reported for the simulation alone.
TEST(AnonymousBankData, CalibratedSimulationPredictsHourlyKpisBetterThanErlangA) {
  for (int month : {1, 2}) {
    SKIP_WITHOUT_BANK_DATA(month);
    const ContactLog log = read_contact_log(bank_file(month), LogFormat{});
    for (const bool exponential : {true, false}) {
      std::string error;
      CalibrateOptions o;
      o.days = *DaySelection::parse("sun-thu", error);
      if (exponential) o.patience = PatienceFamily::Exponential;
      const Calibration c = calibrate(log, o);
      ASSERT_FALSE(c.error) << *c.error;
      EXPECT_EQ(c.start_s, 7 * 3600.0);
      EXPECT_EQ(c.intervals, 17);
      const ScenarioParse p = parse_scenario(nlohmann::json::parse(c.scenario.dump()), ".");
      ASSERT_TRUE(p.ok()) << p.errors.front();
      const MeasuredTable m = aggregate_log(log, *p.scenario, o.days);
      RunOptions run;
      run.replications = 20;
      run.seed = 1;
      const Comparison cmp =
          compare_with_measured(*p.scenario, run_experiment(*p.scenario, run), m, true);
      const std::size_t all = p.scenario->contact_types.size();
      double sim_total = 0, erlang_total = 0;
      std::cout << "1999-0" << month << " Sun-Thu, patience "
                << (exponential ? "exponential" : "of lowest AIC") << ", per-hour MAPE:";
      for (Kpi kpi : {Kpi::Asa, Kpi::AbandonRate, Kpi::ServiceLevel}) {
        const std::size_t q = *measured_index(kpi);
        const KpiSummary& s = cmp.simulation.summary[all][q];
        const KpiSummary& e = cmp.erlang_a->summary[all][q];
        ASSERT_EQ(s.rows, 17u);
        std::cout << "  " << kpi_info(kpi).name << " simulation " << 100 * *s.mape << "% (bias "
                  << 100 * *s.relative_bias << "%)";
        if (exponential) std::cout << ", Erlang A " << 100 * *e.mape << "%";
        sim_total += *s.mape;
        erlang_total += *e.mape;
        if (kpi == Kpi::Asa) {
          if (exponential) {
            EXPECT_LT(*s.mape, 0.8 * *e.mape) << month;
          }
          EXPECT_LT(*s.mape, 0.35) << month;
        }
      }
      std::cout << "\n";
      if (exponential) {
        EXPECT_LT(sim_total, 0.85 * erlang_total) << month;
      }
    }
  }
}

TEST(AnonymousBankData, CalibratedTalkTimeIsFittedPerHour) {
  // The bank's early callers are quick: PS talk time at 07:00 is about 140 s, against about
  // 190 s over the day.
  for (int month : {1, 2}) {
    SKIP_WITHOUT_BANK_DATA(month);
    const ContactLog log = read_contact_log(bank_file(month), LogFormat{});
    std::string error;
    CalibrateOptions o;
    o.days = *DaySelection::parse("sun-thu", error);
    o.staffing = StaffingMethod::Activity;
    const Calibration c = calibrate(log, o);
    ASSERT_FALSE(c.error) << *c.error;
    const TypeCalibration& ps = c.types.at(0);
    ASSERT_EQ(ps.name, "PS");
    ASSERT_EQ(ps.handle_means_s.size(), 17u) << month;
    EXPECT_LT(ps.handle_means_s[0], 0.85 * ps.handle.mean_s) << month;
    const nlohmann::json written = nlohmann::json::parse(c.scenario.dump());
    EXPECT_EQ(written["contact_types"][0]["handle_time"]["mean_s"].size(), 17u);
  }
}

}  // namespace
}  // namespace ccsim
