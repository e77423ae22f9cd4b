// Exact Erlang B / C / A against independent references.
//
// Reference values marked "[ref]" were computed outside the repository with Python:
//   - Erlang B and C: the B recursion in exact rational arithmetic (fractions.Fraction) where the
//     numbers stay small, else in 60-digit mpmath; exp() in 60-digit mpmath.
//   - Erlang A: the stationary distribution of the birth–death chain summed in 80-digit mpmath;
//     per arrival state j, P(served, wait <= T) from the exact hypoexponential law of the j+1
//     stages (rates nμ + kθ) by partial fractions in 250-digit arithmetic; mean wait of served
//     from the exact per-state sums. This is independent of both C++ methods. (The 80-digit
//     closed forms with mpmath.gammainc and mpmath.quad agreed with it to 1e-39, and give the
//     n = 1000 references.)
//   - θ = μ: Poisson(a) tail and stop-loss sums in 50-digit mpmath.
#include "models/queueing/erlang.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ccsim::erlang {
namespace {

// |actual − expected| <= rel·|expected|, or both below `floor` (values too small to matter).
::testing::AssertionResult Close(double actual, double expected, double rel,
                                 double floor = 1e-300) {
  if (!std::isfinite(actual)) return ::testing::AssertionFailure() << "not finite: " << actual;
  if (std::fabs(actual) < floor && std::fabs(expected) < floor)
    return ::testing::AssertionSuccess();
  const double err = std::fabs(actual - expected);
  if (err <= rel * std::fabs(expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "actual " << testing::PrintToString(actual) << " expected "
         << testing::PrintToString(expected) << " relative error " << err / std::fabs(expected)
         << " > " << rel;
}

long double erlang_b_long(int n, long double a) {
  long double b = 1.0L;
  for (int k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return b;
}

Params a_params(int n, double erlangs, double aht_s, double patience_s,
                std::optional<double> threshold_s) {
  return Params{n, erlangs * 3600.0 / aht_s, aht_s, patience_s, threshold_s};
}

void ExpectSameA(const AMetrics& x, const AMetrics& y, double rel, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_TRUE(Close(x.p_wait, y.p_wait, rel));
  EXPECT_TRUE(Close(x.p_abandon, y.p_abandon, rel));
  ASSERT_TRUE(x.asa_s && y.asa_s);
  EXPECT_TRUE(Close(*x.asa_s, *y.asa_s, rel));
  EXPECT_TRUE(Close(x.mean_wait_s, y.mean_wait_s, rel));
  ASSERT_TRUE(x.occupancy && y.occupancy);
  EXPECT_TRUE(Close(*x.occupancy, *y.occupancy, rel));
  ASSERT_EQ(x.service_level.has_value(), y.service_level.has_value());
  if (x.service_level) {
    EXPECT_TRUE(Close(*x.service_level, *y.service_level, rel));
  }
}

void ExpectFiniteProbabilities(const AMetrics& m) {
  for (double v : {m.p_wait, m.p_abandon, m.mean_wait_s}) EXPECT_TRUE(std::isfinite(v));
  EXPECT_GE(m.p_wait, 0.0);
  EXPECT_LE(m.p_wait, 1.0);
  EXPECT_GE(m.p_abandon, 0.0);
  EXPECT_LE(m.p_abandon, m.p_wait * (1 + 1e-12));
  if (m.asa_s) {
    EXPECT_TRUE(std::isfinite(*m.asa_s));
    EXPECT_GE(*m.asa_s, 0.0);
  }
  if (m.service_level) {
    EXPECT_TRUE(std::isfinite(*m.service_level));
    EXPECT_GE(*m.service_level, 0.0);
    EXPECT_LE(*m.service_level, 1.0 - m.p_abandon + 1e-12);
  }
  if (m.occupancy) {
    EXPECT_TRUE(std::isfinite(*m.occupancy));
    EXPECT_GE(*m.occupancy, 0.0);
    EXPECT_LE(*m.occupancy, 1.0 + 1e-12);
  }
}

Query c_query(double per_hour, double aht_s) {
  Query q;
  q.model = Model::C;
  q.arrivals_per_hour = per_hour;
  q.aht_s = aht_s;
  return q;
}

Query a_query(double per_hour, double aht_s, double patience_s) {
  Query q = c_query(per_hour, aht_s);
  q.model = Model::A;
  q.patience_s = patience_s;
  return q;
}

Report at(Query q, int agents) {
  q.agents = agents;
  return evaluate(q);
}

// ------------------------------------------------------------------------------------------
// Erlang B

TEST(ErlangB, TenAgentsWithFiveErlangsBlockOnePointEightPercent) {
  // [ref] Fraction recursion: B(10, 5) = 0.018384570336648133137...
  EXPECT_TRUE(Close(erlang_b(10, 5.0), 0.018384570336648133137, 1e-14));
}

TEST(ErlangB, TenThousandAgentsMatchHighPrecisionRecursion) {
  // [ref] 60-digit mpmath recursion.
  EXPECT_TRUE(Close(erlang_b(10000, 9800.0), 0.00053713040210626948098, 1e-12));
  EXPECT_TRUE(Close(erlang_b(10000, 10000.0), 0.0079365632488056718823, 1e-12));
  EXPECT_TRUE(Close(erlang_b(10000, 10500.0), 0.049389438350253150685, 1e-12));
  for (double a : {100.0, 5000.0, 9500.0, 9999.5, 10001.0, 20000.0}) {
    SCOPED_TRACE(a);
    EXPECT_TRUE(Close(erlang_b(10000, a), static_cast<double>(erlang_b_long(10000, a)), 1e-12));
  }
}

TEST(ErlangB, NeitherOverflowsNorLosesAccuracyFarBeyondTenThousandAgents) {
  for (int n : {50'000, 100'000, 250'000}) {
    for (double rho : {0.98, 1.0, 1.05}) {
      const double a = rho * n;
      const double b = erlang_b(n, a);
      ASSERT_TRUE(std::isfinite(b));
      EXPECT_TRUE(Close(b, static_cast<double>(erlang_b_long(n, a)), 1e-11));
    }
  }
  // [ref] B(10000, 5000) = 5.93e-842: below the smallest double, returned as 0, not NaN.
  EXPECT_EQ(erlang_b(10000, 5000.0), 0.0);
}

TEST(ErlangB, BlockingFallsAsAgentsAreAdded) {
  double previous = erlang_b(0, 42.0);
  EXPECT_EQ(previous, 1.0);
  for (int n = 1; n <= 120; ++n) {
    const double b = erlang_b(n, 42.0);
    EXPECT_LT(b, previous);
    previous = b;
  }
}

TEST(ErlangB, ReportsBlockingAndCarriedLoadOnly) {
  Query q;
  q.model = Model::B;
  q.arrivals_per_hour = 100;  // a = 5
  q.aht_s = 180;
  const Report r = at(q, 10);
  ASSERT_TRUE(r.p_block && r.occupancy);
  EXPECT_TRUE(Close(*r.p_block, 0.018384570336648133137, 1e-14));
  EXPECT_TRUE(Close(*r.occupancy, 5.0 * (1 - 0.018384570336648133137) / 10, 1e-14));
  EXPECT_FALSE(r.p_wait || r.asa_s || r.service_level || r.abandon_rate);
  EXPECT_DOUBLE_EQ(r.offered_load, 5.0);
}

// ------------------------------------------------------------------------------------------
// Erlang C

TEST(ErlangC, SixHundredCallsPerHourNeedThirtyFiveAgentsForEightyTwenty) {
  // a = 600/h × 180 s = 30 erlangs. [ref] exact C(n, 30) as fractions, then 1 − C·e^{−(n−a)T/AHT}:
  //   n = 34: SL(20 s) = 0.75867210541882951554;
  //   n = 35: C = 0.2845824624135074655, SL(20 s) = 0.83671983870836819519,
  //           ASA = 10.244968646886268758 s.
  Query q = c_query(600, 180);
  q.threshold_s = 20;
  q.target_sl = 0.80;
  EXPECT_EQ(min_agents(q), 35);

  const Report r34 = at(q, 34);
  const Report r35 = at(q, 35);
  EXPECT_TRUE(Close(*r34.service_level, 0.75867210541882951554, 1e-13));
  EXPECT_TRUE(Close(*r35.service_level, 0.83671983870836819519, 1e-13));
  EXPECT_TRUE(Close(*r35.p_wait, 0.2845824624135074655, 1e-13));
  EXPECT_TRUE(Close(*r35.asa_s, 10.244968646886268758, 1e-13));
  EXPECT_TRUE(Close(*r35.occupancy, 30.0 / 35.0, 1e-15));
  EXPECT_TRUE(r35.stable);
  EXPECT_FALSE(r35.abandon_rate || r35.p_block);
  EXPECT_FALSE(meets_targets(q, r34));
  EXPECT_TRUE(meets_targets(q, r35));
}

TEST(ErlangC, LoadAtOrAboveAgentsIsUnstableWithUndefinedWaits) {
  Query q = c_query(600, 180);  // a = 30
  q.threshold_s = 20;
  for (int n : {1, 29, 30}) {
    const Report r = at(q, n);
    EXPECT_FALSE(r.stable);
    EXPECT_EQ(r.p_wait, 1.0);
    EXPECT_FALSE(r.asa_s.has_value());
    EXPECT_FALSE(r.service_level.has_value());
    EXPECT_EQ(r.occupancy, 1.0);
  }
  EXPECT_TRUE(at(q, 31).stable);
  EXPECT_EQ(erlang_c(30, 30.0), 1.0);
}

TEST(ErlangC, WaitingProbabilityIsErlangBScaledByLoad) {
  // C = B / (1 − ρ(1 − B)), checked against the long-double B recursion at 10,000 agents.
  for (double a : {9000.0, 9800.0, 9990.0}) {
    const long double b = erlang_b_long(10000, a);
    const long double rho = a / 10000.0L;
    EXPECT_TRUE(Close(erlang_c(10000, a), static_cast<double>(b / (1 - rho * (1 - b))), 1e-11));
  }
}

// ------------------------------------------------------------------------------------------
// Erlang A

struct AReference {
  int n;
  double per_hour, aht_s, patience_s, threshold_s;
  double p_wait, p_abandon, asa_s, service_level, mean_wait_s, occupancy;
};

// [ref] 80/250-digit birth–death chain with exact hypoexponential waits (first four), and the
// 80-digit closed form (n = 1000).
const AReference kAReferences[] = {
    {20, 360, 180, 300, 20, 0.38532684321593184, 0.040919844349778678, 11.625367266047037,
     0.75722456807503809, 12.275953304933603, 0.8631721400851992},
    {20, 480, 180, 300, 20, 0.88769603329931232, 0.18033448765154275, 56.182010679222548,
     0.21398017809464886, 54.100346295462826, 0.9835986148181487},
    {50, 1000, 180, 600, 30, 0.65916036672539547, 0.039896355480250304, 23.722921341944002,
     0.64445280373601832, 23.937813288150182, 0.9601036445197497},
    {10, 200, 240, 60, 10, 0.6542495840290533, 0.30539339825084987, 15.575114648570745,
     0.42233303954622916, 18.323603895050992, 0.92614213566553351},
    {1000, 20000, 180, 600, 20, 0.64907372361787867, 0.0089286918359894353, 5.3468092683522359,
     0.95607388937942304, 5.3572151015936612, 0.99107130816401056},
    {1000, 24000, 180, 600, 20, 1.0, 1.0 / 6.0, 109.30293857637274, 5.2304858879902462e-19, 100.0,
     1.0},
};

TEST(ErlangA, ClosedFormMatchesHighPrecisionReferences) {
  for (const AReference& r : kAReferences) {
    SCOPED_TRACE(testing::Message() << "n=" << r.n << " per_hour=" << r.per_hour);
    const AMetrics m = erlang_a(Params{r.n, r.per_hour, r.aht_s, r.patience_s, r.threshold_s});
    EXPECT_TRUE(Close(m.p_wait, r.p_wait, 1e-12));
    EXPECT_TRUE(Close(m.p_abandon, r.p_abandon, 1e-12));
    EXPECT_TRUE(Close(*m.asa_s, r.asa_s, 1e-12));
    EXPECT_TRUE(Close(*m.service_level, r.service_level, 1e-11));
    EXPECT_TRUE(Close(m.mean_wait_s, r.mean_wait_s, 1e-12));
    EXPECT_TRUE(Close(*m.occupancy, r.occupancy, 1e-12));
  }
}

TEST(ErlangA, BirthDeathChainMatchesHighPrecisionReferences) {
  for (const AReference& r : kAReferences) {
    SCOPED_TRACE(testing::Message() << "n=" << r.n << " per_hour=" << r.per_hour);
    const AMetrics m =
        erlang_a_birth_death(Params{r.n, r.per_hour, r.aht_s, r.patience_s, r.threshold_s});
    EXPECT_TRUE(Close(m.p_wait, r.p_wait, 1e-12));
    EXPECT_TRUE(Close(m.p_abandon, r.p_abandon, 1e-12));
    EXPECT_TRUE(Close(*m.asa_s, r.asa_s, 1e-12));
    EXPECT_TRUE(Close(*m.service_level, r.service_level, 1e-11));
    EXPECT_TRUE(Close(m.mean_wait_s, r.mean_wait_s, 1e-12));
    EXPECT_TRUE(Close(*m.occupancy, r.occupancy, 1e-12));
  }
}

TEST(ErlangA, ClosedFormAgreesWithBirthDeathChainFromLightLoadToOverload) {
  for (int n : {1, 7, 50, 300}) {
    for (double rho : {0.3, 0.9, 1.0, 1.2, 2.0}) {
      for (double patience_in_aht : {0.1, 1.0, 10.0}) {
        for (double t : {0.0, 20.0, 120.0}) {
          const Params p = a_params(n, rho * n, 180, patience_in_aht * 180, t);
          ExpectSameA(
              erlang_a(p), erlang_a_birth_death(p), 1e-9,
              testing::PrintToString(std::vector<double>{double(n), rho, patience_in_aht, t}));
        }
      }
    }
  }
}

TEST(ErlangA, TenThousandAgentsStayFiniteAndBothMethodsAgree) {
  for (double a : {9800.0, 10000.0, 12000.0}) {
    for (double patience_s : {180.0, 1800.0}) {
      const Params p = a_params(10000, a, 180, patience_s, 20);
      const AMetrics closed = erlang_a(p);
      const AMetrics chain = erlang_a_birth_death(p);
      ExpectFiniteProbabilities(closed);
      ExpectFiniteProbabilities(chain);
      ExpectSameA(closed, chain, 1e-9, testing::PrintToString(std::vector<double>{a, patience_s}));
    }
  }
}

TEST(ErlangA, VanishingAbandonmentTendsToErlangC) {
  // n = 50, a = 45, T = 20 s: the distance to Erlang C shrinks in proportion to θ.
  const CMetrics c = erlang_c_metrics(Params{50, 45 * 20.0, 180, std::nullopt, 20.0});
  double previous_gap = 1.0;
  for (double patience_in_aht : {1e3, 1e5, 1e7, 1e9}) {
    const AMetrics m = erlang_a(a_params(50, 45, 180, patience_in_aht * 180, 20.0));
    const double gap = std::fabs(m.p_wait / c.p_wait - 1);
    EXPECT_LT(gap, previous_gap / 50);
    previous_gap = gap;
    EXPECT_LT(m.p_abandon, 0.1 / patience_in_aht);
  }
  const AMetrics m = erlang_a(a_params(50, 45, 180, 1e9 * 180, 20.0));
  EXPECT_TRUE(Close(m.p_wait, c.p_wait, 1e-8));
  EXPECT_TRUE(Close(*m.asa_s, *c.asa_s, 1e-8));
  EXPECT_TRUE(Close(*m.service_level, *c.service_level, 1e-8));
  EXPECT_TRUE(Close(*m.occupancy, *c.occupancy, 1e-8));
}

TEST(ErlangA, PatienceEqualToHandleTimeMakesTheNumberInSystemPoisson) {
  // With θ = μ every caller leaves at rate μ whether served or waiting, so the number in system
  // is Poisson(a): P(wait) = P(N >= n) and, by Little's law, P(Ab) = θ·E[(N − n)⁺]/λ.
  // [ref] n = 20, a = 18: P(wait) = 0.34908387201929826334, P(Ab) = 0.049884045045631350345.
  const AMetrics r = erlang_a(a_params(20, 18, 180, 180, std::nullopt));
  EXPECT_TRUE(Close(r.p_wait, 0.34908387201929826334, 1e-13));
  EXPECT_TRUE(Close(r.p_abandon, 0.049884045045631350345, 1e-13));

  for (auto [n, a] : std::vector<std::pair<int, double>>{{5, 3.5}, {40, 40.0}, {200, 230.0}}) {
    SCOPED_TRACE(n);
    // Poisson(a) by direct summation from the mode, in long double.
    const int top = static_cast<int>(a + 40 * std::sqrt(a) + 100);
    std::vector<long double> pmf(top + 1);
    const int mode = static_cast<int>(a);
    pmf[mode] = 1.0L;
    for (int k = mode + 1; k <= top; ++k) pmf[k] = pmf[k - 1] * a / k;
    for (int k = mode; k >= 1; --k) pmf[k - 1] = pmf[k] * k / a;
    long double total = 0, tail = 0, stop_loss = 0;
    for (int k = 0; k <= top; ++k) total += pmf[k];
    for (int k = n; k <= top; ++k) {
      tail += pmf[k];
      stop_loss += (k - n) * pmf[k];
    }
    const AMetrics m = erlang_a(a_params(n, a, 240, 240, 30.0));
    EXPECT_TRUE(Close(m.p_wait, static_cast<double>(tail / total), 1e-12));
    EXPECT_TRUE(Close(m.p_abandon, static_cast<double>(stop_loss / total / a), 1e-12));
  }
}

TEST(ErlangA, KpisImproveMonotonicallyAsAgentsAreAdded) {
  for (double a : {8.0, 60.0}) {
    for (double patience_s : {30.0, 300.0, 3000.0}) {
      std::optional<AMetrics> prev;
      for (int n = 1; n <= 2 * a + 10; ++n) {
        const AMetrics m = erlang_a(a_params(n, a, 180, patience_s, 20.0));
        if (prev) {
          SCOPED_TRACE(testing::Message() << "a=" << a << " patience=" << patience_s << " n=" << n);
          EXPECT_LE(m.p_wait, prev->p_wait * (1 + 1e-12));
          EXPECT_LE(m.p_abandon, prev->p_abandon * (1 + 1e-12));
          EXPECT_LE(*m.asa_s, *prev->asa_s * (1 + 1e-12));
          EXPECT_GE(*m.service_level, *prev->service_level * (1 - 1e-12));
        }
        prev = m;
      }
    }
  }
}

TEST(ErlangA, ExtremeLoadsAndPatiencesStayFiniteAndConsistent) {
  for (int n : {1, 30, 10000, 100000}) {
    for (double rho : {1e-6, 0.5, 0.999, 1.0, 1.001, 3.0, 100.0}) {
      for (double patience_in_aht : {1e-6, 1e-3, 1.0, 1e3, 1e8}) {
        for (double t : {0.0, 1e-3, 20.0, 1e6}) {
          SCOPED_TRACE(
              testing::PrintToString(std::vector<double>{double(n), rho, patience_in_aht, t}));
          const AMetrics m = erlang_a(a_params(n, rho * n, 180, patience_in_aht * 180, t));
          ExpectFiniteProbabilities(m);
          // The carried load cannot exceed n: P(Ab) >= 1 − 1/ρ.
          EXPECT_GE(m.p_abandon, (1 - 1 / rho) * (1 - 1e-12));
        }
      }
    }
  }
}

TEST(ErlangA, NoAgentsMeansEveryCallerAbandons) {
  const AMetrics m = erlang_a(a_params(0, 3, 180, 60, 20.0));
  EXPECT_EQ(m.p_wait, 1.0);
  EXPECT_EQ(m.p_abandon, 1.0);
  EXPECT_EQ(m.service_level, 0.0);
  EXPECT_DOUBLE_EQ(m.mean_wait_s, 60.0);
  EXPECT_FALSE(m.asa_s.has_value());
  EXPECT_FALSE(m.occupancy.has_value());
}

TEST(ErlangA, NoTrafficMeansNoWaitingAndNoLoss) {
  const AMetrics m = erlang_a(Params{5, 0.0, 180, 60.0, 20.0});
  EXPECT_EQ(m.p_wait, 0.0);
  EXPECT_EQ(m.p_abandon, 0.0);
  EXPECT_EQ(m.asa_s, 0.0);
  EXPECT_EQ(m.service_level, 1.0);
  EXPECT_EQ(m.occupancy, 0.0);
}

TEST(ErlangA, ReportsEveryKpiThroughTheQuery) {
  Query q = a_query(360, 180, 300);
  q.threshold_s = 20;
  const Report r = at(q, 20);
  ASSERT_TRUE(r.p_wait && r.asa_s && r.service_level && r.abandon_rate && r.occupancy &&
              r.mean_wait_s);
  EXPECT_FALSE(r.p_block.has_value());
  EXPECT_TRUE(Close(*r.abandon_rate, kAReferences[0].p_abandon, 1e-12));
  EXPECT_TRUE(Close(*r.service_level, kAReferences[0].service_level, 1e-12));
  EXPECT_TRUE(r.stable);
}

// ------------------------------------------------------------------------------------------
// Fewest agents

void ExpectMinimal(const Query& q, int max_agents = kMaxAgents) {
  const std::optional<int> n = min_agents(q, max_agents);
  ASSERT_TRUE(n.has_value());
  EXPECT_TRUE(meets_targets(q, at(q, *n))) << *n;
  if (*n > 0) {
    EXPECT_FALSE(meets_targets(q, at(q, *n - 1))) << *n - 1;
  }
}

TEST(MinAgents, IsMinimalForEveryCombinationOfTargets) {
  for (double per_hour : {12.0, 600.0, 7200.0}) {
    SCOPED_TRACE(per_hour);
    Query c = c_query(per_hour, 240);
    c.threshold_s = 20;
    c.target_sl = 0.8;
    ExpectMinimal(c);
    c.target_asa_s = 5;
    ExpectMinimal(c);
    c.target_sl.reset();
    ExpectMinimal(c);

    Query a = a_query(per_hour, 240, 120);
    a.threshold_s = 30;
    a.target_sl = 0.9;
    ExpectMinimal(a);
    a.max_abandon = 0.01;
    ExpectMinimal(a);
    a.target_sl.reset();
    ExpectMinimal(a);
    a.max_abandon.reset();
    a.target_asa_s = 2;
    ExpectMinimal(a);
  }
}

TEST(MinAgents, NeverDecreasesWhenTrafficGrows) {
  std::optional<int> prev_c, prev_a;
  for (double per_hour = 100; per_hour <= 3000; per_hour += 100) {
    Query c = c_query(per_hour, 300);
    c.threshold_s = 15;
    c.target_sl = 0.85;
    Query a = a_query(per_hour, 300, 200);
    a.threshold_s = 15;
    a.target_sl = 0.85;
    a.max_abandon = 0.03;
    const std::optional<int> nc = min_agents(c), na = min_agents(a);
    ASSERT_TRUE(nc && na);
    if (prev_c) {
      EXPECT_GE(*nc, *prev_c);
    }
    if (prev_a) {
      EXPECT_GE(*na, *prev_a);
    }
    prev_c = nc;
    prev_a = na;
  }
}

TEST(MinAgents, AbandonmentLowersTheStaffNeededForTheSameServiceLevel) {
  Query c = c_query(600, 180);
  c.threshold_s = 20;
  c.target_sl = 0.8;
  Query a = a_query(600, 180, 600);
  a.threshold_s = 20;
  a.target_sl = 0.8;
  EXPECT_EQ(min_agents(c), 35);
  EXPECT_EQ(min_agents(a), 34);
  ExpectMinimal(a);
}

TEST(MinAgents, FindsTenThousandAgentStaffingQuickly) {
  Query c = c_query(196000, 180);  // a = 9800
  c.threshold_s = 20;
  c.target_sl = 0.8;
  ExpectMinimal(c);
  Query a = a_query(196000, 180, 600);
  a.threshold_s = 20;
  a.target_sl = 0.95;
  a.max_abandon = 0.01;
  a.target_asa_s = 10;
  ExpectMinimal(a);
}

TEST(MinAgents, ErlangBSizesForTheLargestAcceptableBlocking) {
  // B(9, 5) = 0.0375 > 2% >= B(10, 5) = 0.0184.
  Query b;
  b.model = Model::B;
  b.arrivals_per_hour = 100;
  b.aht_s = 180;
  b.max_block = 0.02;
  EXPECT_EQ(min_agents(b), 10);
  b.max_block.reset();
  b.max_abandon = 0.02;  // the same meaning for model B
  EXPECT_EQ(min_agents(b), 10);
  EXPECT_EQ(min_agents_b(100, 180, 0.02), 10);
  ExpectMinimal(b);
}

TEST(MinAgents, ReturnsNulloptWhenTheLimitIsTooLow) {
  Query c = c_query(600, 180);  // a = 30: stability alone needs 31
  c.threshold_s = 20;
  c.target_sl = 0.8;
  EXPECT_EQ(min_agents(c, 30), std::nullopt);
  EXPECT_EQ(min_agents(c, 34), std::nullopt);
  EXPECT_EQ(min_agents(c, 35), 35);
  Query a = a_query(600, 180, 600);
  a.max_abandon = 0.0;  // every queue with traffic loses some callers (until P(Ab) underflows)
  EXPECT_EQ(min_agents(a, 100), std::nullopt);
}

TEST(MinAgents, NoTrafficNeedsNoAgents) {
  Query c = c_query(0, 180);
  c.threshold_s = 20;
  c.target_sl = 0.8;
  EXPECT_EQ(min_agents(c), 0);
}

TEST(MinAgents, StaffingHelpersAgreeWithTheQuery) {
  Targets t;
  t.threshold_s = 20;
  t.target_sl = 0.8;
  EXPECT_EQ(min_agents_c(600, 180, t), 35);
  EXPECT_EQ(min_agents_a(600, 180, 600, t), 34);
  t.max_abandon = 0.002;
  Query a = a_query(600, 180, 600);
  a.threshold_s = 20;
  a.target_sl = 0.8;
  a.max_abandon = 0.002;
  EXPECT_EQ(min_agents_a(600, 180, 600, t), min_agents(a));
}

// ------------------------------------------------------------------------------------------
// Queries

TEST(Query, ValidationNamesEveryProblemWithItsField) {
  Query q;
  q.model = Model::A;
  q.arrivals_per_hour = -1;
  q.aht_s = -3;
  q.target_sl = 0.8;
  q.max_block = 0.1;
  const std::vector<std::string> problems = validate(q);
  const std::vector<std::string> expected = {
      "arrivals_per_hour: must be >= 0 and finite (got -1)",
      "aht_s: must be > 0 and finite (got -3)",
      "patience_s: required by model a",
      "target_sl: needs threshold_s",
      "max_block: not used by model a",
  };
  EXPECT_EQ(problems, expected);
  EXPECT_THROW(evaluate(q), std::invalid_argument);
  EXPECT_THROW(min_agents(q), std::invalid_argument);
}

TEST(Query, EachModelRejectsOptionsItDoesNotUse) {
  Query b;
  b.model = Model::B;
  b.arrivals_per_hour = 100;
  b.aht_s = 180;
  b.agents = 3;
  b.patience_s = 60;
  b.threshold_s = 20;
  EXPECT_EQ(validate(b).size(), 2u);
  Query c = c_query(100, 180);
  c.agents = 3;
  c.max_abandon = 0.05;
  ASSERT_EQ(validate(c).size(), 1u);
  EXPECT_EQ(validate(c)[0].rfind("max_abandon: not used by model c", 0), 0u);
}

TEST(Query, NeedsAgentsOrATarget) {
  const Query q = c_query(100, 180);
  EXPECT_EQ(validate(q), std::vector<std::string>{"agents: give agents or at least one target"});
  Query with_agents = q;
  with_agents.agents = 5;
  EXPECT_TRUE(validate(with_agents).empty());
  Query with_target = q;
  with_target.target_asa_s = 20;
  EXPECT_TRUE(validate(with_target).empty());
  EXPECT_THROW(evaluate(with_target), std::invalid_argument);  // no agents to evaluate at
}

TEST(Query, ModelNamesRoundTrip) {
  for (Model m : {Model::B, Model::C, Model::A}) EXPECT_EQ(parse_model(model_name(m)), m);
  EXPECT_EQ(parse_model("A"), Model::A);
  EXPECT_EQ(parse_model("x"), std::nullopt);
}

}  // namespace
}  // namespace ccsim::erlang
