// Arrivals coupled across volumes (models/centre/arrivals.h): the contacts at a volume factor
// are a subset, with the same times and keys, of those at any higher factor; their counts are
// Poisson with mean factor × forecast; factor 1 draws exactly the sequence of one inversion
// stream; in the simulator a contact keeps its own draws at every factor that keeps it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "models/centre/arrivals.h"
#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace {

using ccsim::Horizon;
using ccsim::centre::CoupledArrivals;

constexpr std::uint64_t kTimes = 1234, kMarks = 5678;

Horizon quarter_hours(int intervals, int days = 1) {
  Horizon h;
  h.interval_s = 900;
  h.intervals = intervals;
  h.days = days;
  return h;
}

// Rates per second of a day rising and falling: 20 .. 95 contacts a quarter-hour.
std::vector<double> day_rates(int intervals) {
  std::vector<double> r;
  for (int i = 0; i < intervals; ++i)
    r.push_back((20.0 + 75.0 * std::sin(3.14159 * i / intervals)) / 900.0);
  return r;
}

struct Point {
  double time_s;
  std::uint64_t base;
  bool operator<(const Point& o) const {
    return time_s < o.time_s || (time_s == o.time_s && base < o.base);
  }
};

std::vector<Point> draw(const std::vector<double>& rates, const std::vector<double>& factor,
                        const Horizon& h, std::uint64_t replication) {
  CoupledArrivals a(rates, factor, h, 3, replication, kTimes, kMarks);
  std::vector<Point> out;
  while (std::isfinite(a.next_s())) {
    const double t = a.next_s();
    out.push_back({t, a.pop()});
  }
  return out;
}

TEST(ArrivalCoupling, FactorOneIsTheSequenceOfOneInversionStream) {
  const Horizon h = quarter_hours(32, 2);
  const std::vector<double> rates = day_rates(64);
  const std::vector<Point> coupled = draw(rates, std::vector<double>(64, 1.0), h, 4);
  sim::RandomStream rng(3, 4, kTimes);
  std::vector<Point> plain;
  for (double t = 0.0;;) {
    t = ccsim::centre::next_poisson_arrival_s(rates, h, t, rng.exponential(1.0));
    if (!std::isfinite(t)) break;
    plain.push_back({t, std::uint64_t(plain.size())});
  }
  ASSERT_GT(plain.size(), 3000u);
  ASSERT_EQ(coupled.size(), plain.size());
  for (std::size_t n = 0; n < plain.size(); ++n) {
    EXPECT_EQ(coupled[n].time_s, plain[n].time_s) << n;  // bit for bit
    EXPECT_EQ(coupled[n].base, plain[n].base) << n;
  }
}

TEST(ArrivalCoupling, ArrivalsAtAFactorAreASubsetOfThoseAtAnyHigherFactor) {
  const Horizon h = quarter_hours(48);
  const std::vector<double> rates = day_rates(48);
  const std::vector<double> factors{0.5, 0.9, 1.0, 1.05, 1.1, 1.2, 2.0, 2.7};
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    std::vector<std::set<Point>> sets;
    for (double f : factors) {
      const std::vector<Point> p = draw(rates, std::vector<double>(48, f), h, rep);
      sets.emplace_back(p.begin(), p.end());
      EXPECT_EQ(sets.back().size(), p.size()) << "no point twice";
    }
    for (std::size_t a = 0; a + 1 < sets.size(); ++a) {
      EXPECT_LT(sets[a].size(), sets[a + 1].size()) << factors[a];
      for (const Point& p : sets[a]) {
        EXPECT_TRUE(sets[a + 1].count(p)) << "factor " << factors[a] << " → " << factors[a + 1]
                                          << ": the arrival at " << p.time_s << " s is lost";
      }
    }
  }
}

TEST(ArrivalCoupling, FactorsVaryingByIntervalKeepTheSubsetPointwise) {
  const Horizon h = quarter_hours(16, 3);
  const std::vector<double> rates = day_rates(48);
  std::vector<double> low(48), high(48);
  for (std::size_t k = 0; k < 48; ++k) {
    low[k] = 0.6 + 0.05 * double(k % 7);  // a forecast-error day is a factor per interval
    high[k] = low[k] * (k % 3 == 0 ? 1.0 : 1.7);
  }
  const std::vector<Point> a = draw(rates, low, h, 9), b = draw(rates, high, h, 9);
  const std::set<Point> bigger(b.begin(), b.end());
  ASSERT_GT(a.size(), 500u);
  for (const Point& p : a) EXPECT_TRUE(bigger.count(p)) << p.time_s;
}

TEST(ArrivalCoupling, CountsPerIntervalArePoissonWithMeanFactorTimesForecast) {
  const Horizon h = quarter_hours(4);
  const std::vector<double> rates{10.0 / 900, 40.0 / 900, 0.0, 80.0 / 900};
  const int reps = 4000;
  for (double f : {0.35, 1.0, 1.1, 2.6}) {
    std::vector<double> sum(4, 0.0), sum2(4, 0.0);
    for (int r = 0; r < reps; ++r) {
      std::vector<double> n(4, 0.0);
      for (const Point& p : draw(rates, std::vector<double>(4, f), h, std::uint64_t(r)))
        n[std::size_t(h.interval_at(p.time_s))] += 1.0;
      for (std::size_t i = 0; i < 4; ++i) {
        sum[i] += n[i];
        sum2[i] += n[i] * n[i];
      }
    }
    for (std::size_t i = 0; i < 4; ++i) {
      const double want = f * rates[i] * 900, mean = sum[i] / reps;
      const double var = sum2[i] / reps - mean * mean;
      if (want == 0.0) {
        EXPECT_EQ(sum[i], 0.0);
        continue;
      }
      // The mean within 4 standard errors; the variance equal to the mean (Poisson) within 10%
      // (its standard error is about sqrt(2 / reps) ≈ 2.2% of it).
      EXPECT_NEAR(mean, want, 4.0 * std::sqrt(want / reps)) << "factor " << f << ", interval " << i;
      EXPECT_NEAR(var / want, 1.0, 0.1) << "factor " << f << ", interval " << i;
    }
  }
}

// One queue with ample agents: every contact is answered at once, so its talk time is its own
// handle-time draw.
ccsim::Scenario ample_day(double volume_factor) {
  ccsim::Scenario s;
  s.horizon = quarter_hours(8);
  ccsim::ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  ct.arrivals.per_interval = {30, 45, 60, 70, 70, 55, 40, 30};
  ct.arrivals.volume_factor = volume_factor;
  ct.handle_time = ccsim::Distribution::lognormal(240, 1.0);
  ct.patience = ccsim::Distribution::exponential(120);
  s.contact_types.push_back(ct);
  ccsim::AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.count = 400;
  s.agent_groups.push_back(g);
  return s;
}

// (arrival time → talk time) of every contact of one replication.
std::map<double, double> talk_by_arrival(const ccsim::Scenario& s, std::uint64_t replication) {
  std::map<double, double> out;
  ccsim::simulate_replication(
      s, 21, replication, [&out](const ccsim::ContactRecord& r) { out[r.arrival_s] = r.handle_s; });
  return out;
}

TEST(ArrivalCoupling, EveryContactKeepsItsArrivalAndItsOwnDrawsAtAHigherVolume) {
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const std::map<double, double> base = talk_by_arrival(ample_day(1.0), rep);
    const std::map<double, double> more = talk_by_arrival(ample_day(1.1), rep);
    const std::map<double, double> most = talk_by_arrival(ample_day(2.5), rep);
    ASSERT_GT(base.size(), 300u);
    EXPECT_GT(more.size(), base.size());
    EXPECT_GT(most.size(), more.size());
    for (const auto& [t, talk] : base) {
      ASSERT_TRUE(more.count(t)) << t;
      EXPECT_EQ(more.at(t), talk) << "the contact arriving at " << t << " s";
    }
    for (const auto& [t, talk] : more) {
      ASSERT_TRUE(most.count(t)) << t;
      EXPECT_EQ(most.at(t), talk) << "the contact arriving at " << t << " s";
    }
  }
}

// A day drawn busier by forecast error holds the contacts of the forecast plus more, a quieter
// one a subset of them: with volume_cv the arrivals of each replication are nested with those
// without it, in one direction or the other.
TEST(ArrivalCoupling, ForecastErrorDaysAreSupersetsOrSubsetsOfTheForecastDay) {
  ccsim::Scenario with_error = ample_day(1.0);
  with_error.contact_types[0].arrivals.volume_cv = 0.3;
  int busier = 0, quieter = 0;
  for (std::uint64_t rep = 0; rep < 8; ++rep) {
    const std::map<double, double> forecast = talk_by_arrival(ample_day(1.0), rep);
    const std::map<double, double> drawn = talk_by_arrival(with_error, rep);
    const bool more = drawn.size() >= forecast.size();
    const std::map<double, double>& small = more ? forecast : drawn;
    const std::map<double, double>& big = more ? drawn : forecast;
    (more ? busier : quieter) += 1;
    for (const auto& [t, talk] : small) {
      ASSERT_TRUE(big.count(t)) << "replication " << rep << ": the contact at " << t << " s";
      EXPECT_EQ(big.at(t), talk) << "replication " << rep << ": the contact at " << t << " s";
    }
  }
  EXPECT_GT(busier, 0);
  EXPECT_GT(quieter, 0);
}

}  // namespace
