#include "sim/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sim/random.h"

namespace {

TEST(Tally, MeanAndVarianceMatchTwoPassFormulas) {
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  sim::Tally t;
  for (double x : xs) t.add(x);
  EXPECT_EQ(t.count(), 8u);
  EXPECT_DOUBLE_EQ(*t.mean(), 5.0);
  EXPECT_NEAR(*t.variance(), 32.0 / 7.0, 1e-12);
}

TEST(Tally, EmptyHasNoMeanAndOneObservationNoVariance) {
  sim::Tally t;
  EXPECT_FALSE(t.mean().has_value());
  t.add(3.0);
  EXPECT_FALSE(t.variance().has_value());
}

TEST(Tally, MergeEqualsFeedingEverythingIntoOne) {
  sim::Tally a, b, all;
  for (int i = 0; i < 10; ++i) {
    a.add(i * 1.5);
    all.add(i * 1.5);
  }
  for (int i = 0; i < 7; ++i) {
    b.add(100.0 - i);
    all.add(100.0 - i);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_NEAR(*a.mean(), *all.mean(), 1e-12);
  EXPECT_NEAR(*a.variance(), *all.variance(), 1e-9);
}

TEST(TimeAverage, IntegratesAStepFunction) {
  sim::TimeAverage ta(0.0, 0.0);
  ta.update(10.0, 2.0);  // 0 on [0,10)
  ta.update(20.0, 4.0);  // 2 on [10,20)
  EXPECT_DOUBLE_EQ(ta.integral(25.0), 20.0 + 20.0);
  EXPECT_DOUBLE_EQ(*ta.average(40.0), (20.0 + 80.0) / 40.0);
}

// n exponential draws of mean `mean_s` into a sketch: each p-quantile matches the exact one
// (the ceil(p n)-th smallest) within the bucket resolution.
void expect_exact_quantiles_within_bucket_resolution(std::uint64_t seed, int n, double mean_s,
                                                     std::initializer_list<double> ps) {
  sim::RandomStream rng(seed, 0, 0);
  std::vector<double> xs;
  sim::QuantileSketch q;
  for (int i = 0; i < n; ++i) {
    const double x = rng.exponential(mean_s);
    xs.push_back(x);
    q.add(x);
  }
  std::sort(xs.begin(), xs.end());
  for (double p : ps) {
    const double exact = xs[std::size_t(std::ceil(p * double(xs.size()))) - 1];
    EXPECT_NEAR(*q.quantile(p), exact, std::max(1.0 / 16, exact * 0.0055))
        << "n=" << n << " p=" << p;
  }
}

TEST(QuantileSketch, MatchesExactQuantileWithinBucketResolution) {
  expect_exact_quantiles_within_bucket_resolution(11, 100000, 60.0, {0.5, 0.8, 0.9, 0.99});
}

TEST(QuantileSketch, AllZerosGiveZero) {
  sim::QuantileSketch q;
  for (int i = 0; i < 10; ++i) q.add(0.0);
  EXPECT_DOUBLE_EQ(*q.quantile(0.9), 0.0);
}

TEST(QuantileSketch, QuantileOnAnAtomAtZeroIsExactlyZero) {
  sim::QuantileSketch q;
  for (int i = 0; i < 95; ++i) q.add(0.0);
  for (int i = 0; i < 5; ++i) q.add(30.0);
  EXPECT_EQ(*q.quantile(0.9), 0.0);
  EXPECT_NEAR(*q.quantile(0.99), 30.0, 1.0 / 16);
}

TEST(QuantileSketch, MergedSketchesEqualOneSketch) {
  sim::QuantileSketch a, b, all;
  for (int i = 0; i < 1000; ++i) {
    (i % 2 ? a : b).add(i * 0.7);
    all.add(i * 0.7);
  }
  a.merge(b);
  EXPECT_DOUBLE_EQ(*a.quantile(0.9), *all.quantile(0.9));
  EXPECT_FALSE(sim::QuantileSketch().quantile(0.5).has_value());
}

TEST(QuantileSketch, FewObservationsMatchExactQuantileWithinBucketResolution) {
  expect_exact_quantiles_within_bucket_resolution(12, 40, 90.0, {0.025, 0.5, 0.8, 0.9, 1.0});
}

// Few observations are kept as a list of buckets, many as counts per bucket; the quantiles must
// not depend on which, nor on the order of merging.
TEST(QuantileSketch, QuantilesDoNotDependOnHowTheSketchWasBuilt) {
  for (int n : {1, 37, int(sim::QuantileSketch::kListLimit),
                int(sim::QuantileSketch::kListLimit) + 1, 3000}) {
    sim::RandomStream rng(13, 0, std::uint64_t(n));
    std::vector<double> xs;
    for (int i = 0; i < n; ++i)
      xs.push_back(i % 7 == 0 ? 0.0 : rng.exponential(40.0) * (1 + i % 3));
    sim::QuantileSketch direct, halves, singles, self;
    sim::QuantileSketch first, second;
    for (int i = 0; i < n; ++i) {
      direct.add(xs[std::size_t(i)]);
      (i < n / 3 ? first : second).add(xs[std::size_t(i)]);
      sim::QuantileSketch one;
      one.add(xs[std::size_t(n - 1 - i)]);
      singles.merge(one);
      if (i % 2 == 0) self.add(xs[std::size_t(i)]);
    }
    second.merge(first);  // the larger into which the smaller, then the other way round below
    halves.merge(second);
    self.merge(self);  // every even observation twice
    sim::QuantileSketch doubled;
    for (int i = 0; i < n; i += 2) {
      doubled.add(xs[std::size_t(i)]);
      doubled.add(xs[std::size_t(i)]);
    }
    EXPECT_EQ(halves.count(), direct.count());
    EXPECT_EQ(singles.count(), direct.count());
    for (double p : {0.0, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0}) {
      EXPECT_EQ(*halves.quantile(p), *direct.quantile(p)) << "n=" << n << " p=" << p;
      EXPECT_EQ(*singles.quantile(p), *direct.quantile(p)) << "n=" << n << " p=" << p;
      EXPECT_EQ(*self.quantile(p), *doubled.quantile(p)) << "n=" << n << " p=" << p;
    }
  }
}

TEST(StudentT, QuantilesMatchTables) {
  EXPECT_NEAR(sim::student_t_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(sim::student_t_975(9), 2.2622, 1e-4);
  EXPECT_NEAR(sim::student_t_975(19), 2.0930, 1e-4);
  EXPECT_NEAR(sim::student_t_975(1000000), 1.95996, 1e-4);
}

TEST(Estimate, HalfWidthIsStudentTTimesStandardError) {
  const std::vector<double> xs{10, 12, 11, 13, 9};
  const auto e = sim::estimate(xs);
  ASSERT_TRUE(e.has_value());
  EXPECT_DOUBLE_EQ(e->mean, 11.0);
  EXPECT_NEAR(e->ci95, 2.776445 * std::sqrt(2.5 / 5.0), 1e-5);
}

TEST(Estimate, OneReplicationHasZeroHalfWidthAndUndefinedValuesAreSkipped) {
  const std::vector<std::optional<double>> xs{std::nullopt, 4.0, std::nullopt};
  const auto e = sim::estimate(xs);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->n, 1u);
  EXPECT_DOUBLE_EQ(e->ci95, 0.0);
  EXPECT_FALSE(sim::estimate(std::vector<std::optional<double>>{std::nullopt}).has_value());
}

}  // namespace
