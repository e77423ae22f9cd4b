// Patience fitted with censoring beyond the exponential: the candidates recover known Weibull
// and lognormal patience from logs simulated by ccsim, AIC picks the true family, the
// exponential is today's closed form, rounded waits and abandonments at 0 s, the piecewise
// hazard (chosen when it fits best), and the per-interval scale.
#include "models/measured/patience_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "models/measured/calibrate.h"
#include "models/scenario/scenario_json.h"
#include "sim/random.h"
#include "tests/cli/run_ccsim.h"
#include "tools/run_log.h"

namespace ccsim {
namespace {

const PatienceCandidate& candidate(const PatienceFit& f, PatienceFamily family) {
  for (const PatienceCandidate& c : f.candidates) {
    if (c.family == family) return c;
  }
  ADD_FAILURE() << "no " << family_name(family) << " candidate";
  return f.candidates.front();
}

// The fitted patience of the one type of a log simulated by ccsim over `days` days: 300 calls
// an hour for six hours, exponential handle times of mean 180 s, 14 agents (load 15), with
// `patience` (a JSON distribution).
PatienceFit fitted_from_simulated_log(const std::string& patience, const std::string& name) {
  const std::string text = R"({
    "name": "patience", "horizon": { "interval_minutes": 60, "intervals": 6, "start": "09:00" },
    "contact_types": [ { "name": "calls", "arrivals": { "rate_per_hour": 300 },
      "handle_time": { "dist": "exponential", "mean_s": 180 }, "patience": )" +
                           patience + R"( } ],
    "agent_groups": [ { "name": "agents", "skills": ["calls"], "staff": { "count": 14 } } ]
  })";
  const ScenarioParse p = parse_scenario(nlohmann::json::parse(text), ".");
  EXPECT_TRUE(p.ok());
  RunOptions o;
  o.replications = 12;
  o.seed = 2026;
  o.threads = 1;
  Results results;
  const auto path = test::temp_dir("patience_fit") / name;
  const auto error = cli::run_experiment_with_log(*p.scenario, o, path, results);
  EXPECT_FALSE(error) << *error;
  const ContactLog log = read_contact_log(path, LogFormat{});
  CalibrateOptions co;
  co.staffing = StaffingMethod::Activity;
  co.threads = 1;
  const Calibration c = calibrate(log, co);
  EXPECT_FALSE(c.error);
  EXPECT_EQ(c.types.size(), 1u);
  return c.types.front().patience;
}

// The candidate `kind` is chosen, its mean within 3 standard errors of `mean_s` and its second
// parameter (shape or cv) within 3 of `second`.
void expect_recovered(const PatienceFit& f, PatienceFamily family, double mean_s, double second) {
  ASSERT_TRUE(f.chosen);
  EXPECT_EQ(f.candidates[*f.chosen].family, family)
      << "chosen " << family_name(f.candidates[*f.chosen].family);
  const PatienceCandidate& c = candidate(f, family);
  ASSERT_EQ(c.outcome, FitOutcome::Converged);
  ASSERT_TRUE(c.mean_se_s);
  EXPECT_NEAR(c.mean_s, mean_s, 3 * *c.mean_se_s);
  ASSERT_EQ(c.parameters.size(), 2u);
  ASSERT_TRUE(c.parameters[1].se);
  EXPECT_NEAR(c.parameters[1].value, second, 3 * *c.parameters[1].se);
  EXPECT_LT(*c.parameters[1].se, 0.1 * second);  // the sample says something about the shape
}

TEST(FitPatience, RecoversWeibullShapeBelowOneFromASimulatedLog) {
  const PatienceFit f =
      fitted_from_simulated_log(R"({"dist": "weibull", "mean_s": 300, "shape": 0.6})", "w06.csv");
  expect_recovered(f, PatienceFamily::Weibull, 300, 0.6);
}

TEST(FitPatience, RecoversWeibullShapeAboveOneFromASimulatedLog) {
  const PatienceFit f =
      fitted_from_simulated_log(R"({"dist": "weibull", "mean_s": 300, "shape": 1.8})", "w18.csv");
  expect_recovered(f, PatienceFamily::Weibull, 300, 1.8);
}

TEST(FitPatience, RecoversLognormalFromASimulatedLog) {
  const PatienceFit f =
      fitted_from_simulated_log(R"({"dist": "lognormal", "mean_s": 300, "cv": 1.5})", "ln.csv");
  expect_recovered(f, PatienceFamily::Lognormal, 300, 1.5);
}

// Patience drawn from `patience`, offered waits Exp(wait_mean_s): a caller abandons iff its
// patience is below its offered wait; waits rounded to whole seconds when `round`.
std::vector<QueueSpell> spells(const Distribution& patience, double wait_mean_s, int n, bool round,
                               std::uint64_t seed) {
  sim::RandomStream rng(seed, 0, 0);
  std::vector<QueueSpell> out;
  for (int i = 0; i < n; ++i) {
    const double x = patience.sample(rng), w = rng.exponential(wait_mean_s);
    const double t = std::min(x, w);
    out.push_back({round ? std::round(t) : t, x < w});
  }
  return out;
}

TEST(FitPatience, TheExponentialIsTheClosedFormExposureOverAbandonments) {
  const std::vector<QueueSpell> s = spells(Distribution::exponential(300), 100, 5000, false, 3);
  double exposure = 0;
  std::size_t abandoned = 0;
  for (const QueueSpell& q : s) {
    exposure += q.wait_s;
    abandoned += q.abandoned ? 1 : 0;
  }
  const PatienceFit f = fit_patience(s);
  const PatienceCandidate& e = candidate(f, PatienceFamily::Exponential);
  EXPECT_EQ(e.mean_s, exposure / double(abandoned));  // bit-identical to the closed form
  EXPECT_EQ(*e.mean_se_s, e.mean_s / std::sqrt(double(abandoned)));
}

TEST(FitPatience, WholeSecondWaitsWithAbandonmentsAtZeroAreFittedAsIntervals) {
  // Weibull shape 0.6: many abandon within the first half second, recorded as 0 s.
  const Distribution truth = Distribution::weibull(120, 0.6);
  const std::vector<QueueSpell> s = spells(truth, 60, 20000, true, 9);
  const auto zeros = std::count_if(
      s.begin(), s.end(), [](const QueueSpell& q) { return q.abandoned && q.wait_s == 0; });
  ASSERT_GT(zeros, 100);
  const PatienceFit f = fit_patience(s);
  EXPECT_TRUE(f.whole_seconds);
  expect_recovered(f, PatienceFamily::Weibull, 120, 0.6);
}

TEST(FitPatience, PiecewiseHazardRecoversTheHazardOfEachPiece) {
  // Hazard 1/120 per s below 60 s, 1/30 above, drawn by inverting the cumulative hazard.
  sim::RandomStream rng(5, 0, 0);
  std::vector<QueueSpell> s;
  for (int i = 0; i < 40000; ++i) {
    const double h = -std::log(rng.uniform());
    const double x = h < 0.5 ? 120 * h : 60 + 30 * (h - 0.5), w = rng.exponential(150);
    s.push_back({std::min(x, w), x < w});
  }
  const PatienceFit f = fit_patience(s);
  const PatienceCandidate& c = candidate(f, PatienceFamily::PiecewiseHazard);
  ASSERT_EQ(c.outcome, FitOutcome::Converged);
  const std::vector<double>& b = c.breakpoints_s;
  ASSERT_GE(b.size(), 2u);
  int checked = 0;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const double start = i == 0 ? 0.0 : b[i - 1], end = i < b.size() ? b[i] : INFINITY;
    if (start < 60 && end > 60) continue;  // straddles the true breakpoint
    ASSERT_TRUE(c.parameters[i].se);
    EXPECT_NEAR(c.parameters[i].value, end <= 60 ? 1.0 / 120 : 1.0 / 30, 3 * *c.parameters[i].se)
        << "piece " << i;
    ++checked;
  }
  EXPECT_GE(checked, 3);
  const double mean = 120 - 90 * std::exp(-0.5);  // ∫ S, by hand
  EXPECT_NEAR(c.mean_s, mean, 3 * *c.mean_se_s);
  // It fits better than any of the smooth candidates, so it is chosen, as a piecewise_hazard
  // distribution with the same pieces and mean.
  ASSERT_TRUE(f.chosen);
  EXPECT_EQ(f.candidates[*f.chosen].family, PatienceFamily::PiecewiseHazard);
  ASSERT_TRUE(f.distribution);
  EXPECT_EQ(f.distribution->kind, DistKind::PiecewiseHazard);
  EXPECT_EQ(f.distribution->breakpoints_s, b);
  EXPECT_NEAR(f.distribution->mean_s, c.mean_s, 1e-9 * c.mean_s);
}

TEST(FitPatience, ScaleWithTheShapeFixedRecoversAnIntervalsMean) {
  const Distribution shape = Distribution::weibull(100, 0.6);
  const PatienceScaleFit f =
      fit_patience_scale(shape, spells(shape.with_mean(250), 100, 8000, false, 4));
  ASSERT_TRUE(f.mean_s && f.se_s);
  EXPECT_NEAR(*f.mean_s, 250, 3 * *f.se_s);
  EXPECT_GT(std::abs(*f.mean_s - 100), 10 * *f.se_s);
  EXPECT_FALSE(fit_patience_scale(shape, {{10, false}}).mean_s);
}

}  // namespace
}  // namespace ccsim
