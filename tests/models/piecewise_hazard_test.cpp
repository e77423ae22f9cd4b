// The piecewise-constant hazard distribution: its exact mean and survival, exact sampling, the
// residual beyond an elapsed time (initial_state), scaling, and the scenario reader's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/centre/initial_state.h"
#include "models/scenario/distribution.h"
#include "tests/models/scenario_json_support.h"

namespace ccsim {
namespace {

using scenario_json_test::errors_of;
using scenario_json_test::json;
using scenario_json_test::Lines;
using scenario_json_test::minimal;

// Hazard 1/120 per s for the first minute, then 1/30: S(t) = e^{−t/120} up to 60 s, then
// e^{−1/2}·e^{−(t−60)/30}; mean = 120·(1 − e^{−1/2}) + 30·e^{−1/2} = 120 − 90·e^{−1/2}.
Distribution two_pieces() {
  return Distribution::piecewise_hazard({60.0}, {1.0 / 120, 1.0 / 30});
}

double two_pieces_survival(double t) {
  return t < 60 ? std::exp(-t / 120) : std::exp(-0.5) * std::exp(-(t - 60) / 30);
}

std::vector<double> draws(const Distribution& d, int n, std::uint64_t seed) {
  sim::RandomStream rng(seed, 0, 3);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(d.sample(rng));
  std::sort(v.begin(), v.end());
  return v;
}

// Kolmogorov–Smirnov distance between sorted draws and the survival function `s`.
template <class Survival>
double ks_distance(const std::vector<double>& sorted, Survival s) {
  double ks = 0.0;
  const double n = double(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double cdf = 1.0 - s(sorted[i]);
    ks = std::max({ks, std::abs(cdf - double(i) / n), std::abs(cdf - double(i + 1) / n)});
  }
  return ks;
}

TEST(PiecewiseHazard, MeanAndSurvivalAreTheHandComputedOnes) {
  const Distribution d = two_pieces();
  EXPECT_NEAR(d.mean_s, 120 - 90 * std::exp(-0.5), 1e-9);
  for (double t : {0.0, 30.0, 60.0, 61.0, 200.0})
    EXPECT_NEAR(d.survival(t), two_pieces_survival(t), 1e-12);
  // A piece of hazard 0 adds its whole length at survival 1: 10 + 50.
  EXPECT_NEAR(Distribution::piecewise_hazard({10.0}, {0.0, 0.02}).mean_s, 60.0, 1e-9);
}

TEST(PiecewiseHazard, SamplingMatchesTheExactSurvivalAndMean) {
  const Distribution d = two_pieces();
  const int n = 100000;
  const std::vector<double> x = draws(d, n, 11);
  // KS critical value at the 1% level: 1.63/√n.
  EXPECT_LT(ks_distance(x, two_pieces_survival), 1.63 / std::sqrt(double(n)));
  double sum = 0.0, sum2 = 0.0;
  for (double v : x) sum += v, sum2 += v * v;
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, d.mean_s, 4 * sd / std::sqrt(double(n)));
  EXPECT_NEAR(sd / mean, d.exact_cv(), 0.02);
  // With a piece of hazard 0, nothing falls in it.
  const std::vector<double> gap =
      draws(Distribution::piecewise_hazard({10.0, 20.0}, {0.1, 0.0, 0.1}), 20000, 5);
  EXPECT_EQ(std::count_if(gap.begin(), gap.end(), [](double v) { return v > 10 && v < 20; }), 0);
}

TEST(PiecewiseHazard, ResidualBeyondElapsedFollowsTheConditionalSurvival) {
  const Distribution d = two_pieces();
  for (double e : {0.0, 45.0, 90.0}) {
    sim::RandomStream rng(7, 0, 99, 0);
    std::vector<double> r;
    for (int i = 0; i < 40000; ++i) r.push_back(centre::residual_sample(d, e, rng));
    std::sort(r.begin(), r.end());
    const auto conditional = [e](double t) {
      return two_pieces_survival(e + t) / two_pieces_survival(e);
    };
    EXPECT_LT(ks_distance(r, conditional), 1.63 / std::sqrt(40000.0)) << "elapsed " << e;
  }
}

TEST(PiecewiseHazard, WithMeanScalesTheBreakpointsAndKeepsTheShape) {
  const Distribution d = two_pieces().with_mean(2 * two_pieces().mean_s);
  EXPECT_EQ(d.kind, DistKind::PiecewiseHazard);
  EXPECT_DOUBLE_EQ(d.breakpoints_s[0], 120.0);
  EXPECT_DOUBLE_EQ(d.hazard_per_s[1], 1.0 / 60);
  EXPECT_NEAR(d.mean_s, 2 * two_pieces().mean_s, 1e-9);
  EXPECT_NEAR(d.exact_cv(), two_pieces().exact_cv(), 1e-12);
}

TEST(PiecewiseHazardJson, IsReadWithItsBreakpointsAndHazards) {
  json doc = minimal();
  doc["contact_types"][0]["patience"] = {{"dist", "piecewise_hazard"},
                                         {"breakpoints_s", {60}},
                                         {"hazard_per_s", {1.0 / 120, 1.0 / 30}}};
  const ScenarioParse p = parse_scenario(doc, ".");
  ASSERT_TRUE(p.ok()) << p.errors.front();
  const Distribution& d = *p.scenario->contact_types[0].patience;
  EXPECT_EQ(d.kind, DistKind::PiecewiseHazard);
  EXPECT_NEAR(d.mean_s, 120 - 90 * std::exp(-0.5), 1e-9);
}

TEST(PiecewiseHazardJson, BadKeysAreRejectedVerbatim) {
  const auto errors = [](const json& patience) {
    json doc = minimal();
    doc["contact_types"][0]["patience"] = patience;
    return errors_of(doc);
  };
  const std::string at = "contact_types[0].patience";
  EXPECT_EQ(errors({{"dist", "piecewise_hazard"}, {"hazard_per_s", {0.1}}}),
            Lines{at + ".breakpoints_s: is required"});
  EXPECT_EQ(errors({{"dist", "piecewise_hazard"},
                    {"breakpoints_s", {0, 10}},
                    {"hazard_per_s", {0.1, 0.1, 0.1}}}),
            Lines{at + ".breakpoints_s[0]: must be > 0 (got 0)"});
  EXPECT_EQ(errors({{"dist", "piecewise_hazard"},
                    {"breakpoints_s", {10, 10}},
                    {"hazard_per_s", {0.1, 0.1, 0.1}}}),
            Lines{at + ".breakpoints_s[1]: must be > breakpoints_s[0] = 10 (got 10)"});
  EXPECT_EQ(
      errors({{"dist", "piecewise_hazard"}, {"breakpoints_s", {10}}, {"hazard_per_s", {0.1}}}),
      Lines{at + ".hazard_per_s: must have one entry more than breakpoints_s (2) (got [0.1])"});
  EXPECT_EQ(
      errors(
          {{"dist", "piecewise_hazard"}, {"breakpoints_s", {10}}, {"hazard_per_s", {-0.1, 0.1}}}),
      Lines{at + ".hazard_per_s[0]: must be >= 0 (got -0.1)"});
  EXPECT_EQ(
      errors({{"dist", "piecewise_hazard"}, {"breakpoints_s", {10}}, {"hazard_per_s", {0.1, 0}}}),
      Lines{at + ".hazard_per_s[1]: must be > 0 (the last piece is open-ended) (got 0)"});
  EXPECT_EQ(errors({{"dist", "piecewise_hazard"},
                    {"breakpoints_s", json::array()},
                    {"hazard_per_s", {0.1}}}),
            Lines{at + ".breakpoints_s: must not be empty (got [])"});
  EXPECT_EQ(errors({{"dist", "piecewise_hazard"},
                    {"mean_s", 60},
                    {"breakpoints_s", {10}},
                    {"hazard_per_s", {0.1, 0.1}}}),
            Lines{at + ".mean_s: not a parameter of the piecewise_hazard distribution"});
}

}  // namespace
}  // namespace ccsim
