#include "models/scenario/distribution.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/stats.h"

namespace {

using ccsim::Distribution;

// Sample mean and cv of n draws.
std::pair<double, double> moments(const Distribution& d, int n = 400000) {
  sim::RandomStream rng(42, 0, 7);
  sim::Tally t;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    EXPECT_GE(x, 0.0);
    t.add(x);
  }
  return {*t.mean(), std::sqrt(*t.variance()) / *t.mean()};
}

// The sample mean lies within 5 standard errors of the exact mean, and the exact mean is the
// one given.
void expect_exact_mean(const Distribution& d, double mean_s, int n = 400000) {
  EXPECT_DOUBLE_EQ(d.mean_s, mean_s);
  const auto [m, cv] = moments(d, n);
  const double se = d.exact_cv() * mean_s / std::sqrt(double(n));
  EXPECT_NEAR(m, mean_s, 5 * se + 1e-12) << ccsim::dist_name(d.kind);
  EXPECT_NEAR(cv, d.exact_cv(), 0.03 * std::max(1.0, d.exact_cv())) << ccsim::dist_name(d.kind);
}

TEST(Distribution, ExponentialHasTheGivenMeanAndCvOne) {
  expect_exact_mean(Distribution::exponential(240), 240);
  EXPECT_DOUBLE_EQ(Distribution::exponential(240).exact_cv(), 1.0);
}

TEST(Distribution, DeterministicAlwaysReturnsItsMean) {
  const auto d = Distribution::deterministic(90);
  sim::RandomStream rng(1, 0, 0);
  for (int i = 0; i < 10; ++i) EXPECT_DOUBLE_EQ(d.sample(rng), 90.0);
}

TEST(Distribution, UniformHasTheMidpointAsMean) {
  expect_exact_mean(Distribution::uniform(60, 300), 180);
}

TEST(Distribution, LognormalHasTheGivenMeanAndCv) {
  expect_exact_mean(Distribution::lognormal(240, 1.0), 240);
  expect_exact_mean(Distribution::lognormal(180, 0.5), 180);
}

TEST(Distribution, GammaHasTheGivenMeanAndCvAboveAndBelowOne) {
  expect_exact_mean(Distribution::gamma(200, 0.6), 200);
  expect_exact_mean(Distribution::gamma(200, 1.5), 200);
}

TEST(Distribution, ErlangHasTheGivenMeanAndCvOneOverRootK) {
  expect_exact_mean(Distribution::erlang(300, 4), 300);
  EXPECT_DOUBLE_EQ(Distribution::erlang(300, 4).exact_cv(), 0.5);
  // Large k does not underflow.
  expect_exact_mean(Distribution::erlang(100, 2000), 100, 5000);
}

TEST(Distribution, WeibullHasTheGivenMean) {
  expect_exact_mean(Distribution::weibull(300, 0.7), 300);
  expect_exact_mean(Distribution::weibull(300, 2.0), 300);
}

TEST(Distribution, EmpiricalDrawsTheGivenValuesEquallyOften) {
  const auto d = Distribution::empirical({10, 20, 60});
  EXPECT_DOUBLE_EQ(d.mean_s, 30.0);
  expect_exact_mean(d, 30.0);
}

TEST(Distribution, ScaledMultipliesTheMeanAndKeepsTheShape) {
  const auto d = Distribution::lognormal(200, 0.8).scaled(1.5);
  EXPECT_DOUBLE_EQ(d.mean_s, 300.0);
  EXPECT_DOUBLE_EQ(d.exact_cv(), 0.8);
}

}  // namespace
