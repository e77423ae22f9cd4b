// Numerical edge cases of the Erlang calculators (models/queueing/erlang.h): no agents, load equal
// to the agents, 10,000 agents. Every result is finite (or a documented nullopt), within its range,
// and monotone in the agents.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "models/queueing/erlang.h"

namespace ccsim::erlang {
namespace {

bool in_unit(double p) {
  return std::isfinite(p) && p >= 0.0 && p <= 1.0;
}
bool in_unit(const std::optional<double>& p) {
  return p && in_unit(*p);
}

Params params(int agents, double arrivals_per_hour, double aht_s) {
  Params p;
  p.agents = agents;
  p.arrivals_per_hour = arrivals_per_hour;
  p.aht_s = aht_s;
  p.threshold_s = 20.0;
  return p;
}

TEST(ErlangEdges, ZeroAgentsBlockAndQueueEveryCall) {
  EXPECT_EQ(erlang_b(0, 5.0), 1.0);  // B(0) = 1: every call is lost
  EXPECT_EQ(erlang_c(0, 5.0), 1.0);  // a >= n: every call waits
  EXPECT_EQ(erlang_b(0, 0.0), 1.0);  // the recursion's start, also without traffic
  const CMetrics c = erlang_c_metrics(params(0, 600, 180));
  EXPECT_FALSE(c.stable);
  EXPECT_EQ(c.p_wait, 1.0);
  EXPECT_FALSE(c.asa_s.has_value());
  EXPECT_FALSE(c.service_level.has_value());
  EXPECT_FALSE(c.occupancy.has_value());  // no agents: occupancy undefined, not NaN
}

TEST(ErlangEdges, ZeroAgentsWithoutTrafficLoseAndWaitNothing) {
  Query q;
  q.model = Model::B;
  q.arrivals_per_hour = 0.0;
  q.aht_s = 180.0;
  q.agents = 0;
  const Report b = evaluate(q);
  ASSERT_TRUE(b.p_block.has_value());
  EXPECT_EQ(*b.p_block, 0.0);  // header: with no traffic nothing is lost
  EXPECT_FALSE(b.occupancy.has_value());
  q.model = Model::C;
  const Report c = evaluate(q);
  EXPECT_TRUE(c.stable);
  EXPECT_EQ(c.p_wait, 0.0);
  EXPECT_EQ(c.asa_s, 0.0);
}

TEST(ErlangEdges, LoadEqualToAgentsIsUnstableForCAndFiniteForBAndA) {
  // 600 calls an hour of 180 s: a = 30 erlangs on 30 agents.
  const double b = erlang_b(30, 30.0);
  EXPECT_TRUE(in_unit(b));
  EXPECT_NEAR(b, 0.13246, 1e-5);  // B(30, 30) = 0.132459790... (the recursion in doubles)
  EXPECT_EQ(erlang_c(30, 30.0), 1.0);
  const CMetrics c = erlang_c_metrics(params(30, 600, 180));
  EXPECT_FALSE(c.stable);
  EXPECT_FALSE(c.asa_s.has_value());
  EXPECT_EQ(c.occupancy, 1.0);
  // Just below a = n, Erlang C is stable with a long but finite wait.
  const CMetrics near = erlang_c_metrics(params(30, 599.999, 180));
  EXPECT_TRUE(near.stable);
  ASSERT_TRUE(near.asa_s.has_value());
  EXPECT_TRUE(std::isfinite(*near.asa_s));
  EXPECT_GT(*near.asa_s, 1e5);
  // Erlang A is stable at any load.
  Params a = params(30, 600, 180);
  a.patience_s = 300.0;
  const AMetrics m = erlang_a(a);
  EXPECT_TRUE(in_unit(m.p_wait));
  EXPECT_TRUE(in_unit(m.p_abandon));
  EXPECT_GT(m.p_abandon, 0.0);
  ASSERT_TRUE(m.asa_s.has_value());
  EXPECT_TRUE(std::isfinite(*m.asa_s));
  EXPECT_TRUE(in_unit(m.service_level));
  EXPECT_TRUE(in_unit(m.occupancy));
}

TEST(ErlangEdges, TenThousandAgentsErlangCIsFiniteAndMonotone) {
  // a = 9,800 erlangs on 9,900 .. 10,000 agents.
  std::optional<double> previous_wait, previous_sl;
  double previous_c = 2.0;
  for (int n = 9900; n <= 10000; n += 20) {
    const CMetrics c = erlang_c_metrics(params(n, 9800.0 * 3600.0 / 180.0, 180.0));
    ASSERT_TRUE(c.stable) << n;
    EXPECT_TRUE(in_unit(c.p_wait)) << n;
    EXPECT_LT(c.p_wait, previous_c) << n;
    previous_c = c.p_wait;
    ASSERT_TRUE(c.asa_s.has_value()) << n;
    EXPECT_TRUE(std::isfinite(*c.asa_s)) << n;
    if (previous_wait) {
      EXPECT_LT(*c.asa_s, *previous_wait) << n;
    }
    previous_wait = c.asa_s;
    ASSERT_TRUE(in_unit(c.service_level)) << n;
    if (previous_sl) {
      EXPECT_GT(*c.service_level, *previous_sl) << n;
    }
    previous_sl = c.service_level;
    // C = n·B / (n − a + a·B), the identity the implementation is built on.
    const double b = erlang_b(n, 9800.0);
    EXPECT_NEAR(c.p_wait, n * b / (n - 9800.0 + 9800.0 * b), 1e-12 * c.p_wait) << n;
  }
}

TEST(ErlangEdges, TenThousandAgentsAtEqualLoadStayFinite) {
  EXPECT_TRUE(in_unit(erlang_b(10000, 10000.0)));
  EXPECT_GT(erlang_b(10000, 10000.0), 0.0);
  EXPECT_EQ(erlang_c(10000, 10000.0), 1.0);
  Params a = params(10000, 10000.0 * 3600.0 / 180.0, 180.0);
  a.patience_s = 180.0;
  const AMetrics m = erlang_a(a);
  EXPECT_TRUE(in_unit(m.p_wait));
  EXPECT_TRUE(in_unit(m.p_abandon));
  ASSERT_TRUE(m.asa_s.has_value());
  EXPECT_TRUE(std::isfinite(*m.asa_s));
  EXPECT_TRUE(in_unit(m.occupancy));
}

}  // namespace
}  // namespace ccsim::erlang
