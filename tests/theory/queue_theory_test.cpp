// The simulator against exact queueing theory: M/M/c (Erlang C), two non-preemptive priority
// classes (Cobham 1954), Little's law.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "models/centre/experiment.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

// Erlang C probability of waiting by the Erlang B recursion (independent of models/erlang).
double erlang_c(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1.0 - b));
}

Results run(const Scenario& s, int replications = 20) {
  RunOptions o;
  o.replications = replications;
  o.seed = 2024;
  return run_experiment(s, o);
}

// |simulated - exact| within two CI half-widths (about four standard errors) plus `slack`.
void expect_agrees(const KpiEstimate& e, double exact, double slack = 0.0) {
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(e->mean, exact, 2.0 * e->ci95 + slack)
      << "simulated " << e->mean << " ± " << e->ci95 << ", exact " << exact;
}

struct MMcCase {
  double arrivals_per_hour;
  int agents;
};
std::string case_name(const ::testing::TestParamInfo<MMcCase>& info) {
  return std::to_string(int(info.param.arrivals_per_hour)) + "PerHour" +
         std::to_string(info.param.agents) + "Agents";
}

class ErlangCQueue : public ::testing::TestWithParam<MMcCase> {};

TEST_P(ErlangCQueue, AsaAndServiceLevelMatchErlangC) {
  const auto [rate, c] = GetParam();
  const double aht = 180.0, lambda = rate / 3600.0, a = lambda * aht;
  const Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), c);
  const Results r = run(s);
  const double pw = erlang_c(c, a);
  const double asa = pw / (c / aht - lambda);
  const double sl = 1.0 - pw * std::exp(-(c / aht - lambda) * 20.0);
  expect_agrees(r.totals[1][Kpi::Asa], asa);
  expect_agrees(r.totals[1][Kpi::ServiceLevel], sl);
  expect_agrees(r.group_totals[0][GroupKpi::Occupancy], a / c);
  EXPECT_DOUBLE_EQ(r.totals[1][Kpi::Abandoned]->mean, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Loads, ErlangCQueue,
                         ::testing::Values(MMcCase{600, 33}, MMcCase{600, 35}, MMcCase{100, 7},
                                           MMcCase{1800, 95}),
                         case_name);

TEST(PriorityClasses, MeanWaitsMatchCobhamsFormula) {
  // Two classes, same exponential service, non-preemptive priority, c agents:
  // W_k = C(c, a) / (c mu) / ((1 - sigma_{k-1}) (1 - sigma_k)), sigma_k = sum_{i<=k} rho_i.
  const double aht = 180.0, mu = 1.0 / aht;
  const int c = 20;
  const double l_high = 200.0 / 3600.0, l_low = 160.0 / 3600.0;
  Scenario s = test::stationary_queue(200.0, Distribution::exponential(aht), c);
  s.contact_types[0].name = "high";
  s.contact_types[0].priority = 5;
  ContactType low = s.contact_types[0];
  low.name = "low";
  low.priority = 1;
  low.arrivals.rate_per_hour = 160.0;
  s.contact_types.push_back(low);
  s.agent_groups[0].skills = {0, 1};
  const Results r = run(s);
  const double a = (l_high + l_low) * aht;
  const double base = erlang_c(c, a) / (c * mu);
  const double s1 = l_high / (c * mu), s2 = s1 + l_low / (c * mu);
  expect_agrees(r.totals[0][Kpi::Asa], base / (1.0 - s1));
  expect_agrees(r.totals[1][Kpi::Asa], base / ((1.0 - s1) * (1.0 - s2)));
}

TEST(LittlesLaw, BusyAgentsEqualThroughputTimesHandleTime) {
  // Little's law on the agents: mean busy agents = answered per second x mean agent time
  // (talk + wrap-up), checked replication by replication through the totals.
  Scenario s = test::stationary_queue(900, Distribution::lognormal(200, 1.2), 60);
  s.contact_types[0].wrap_up = Distribution::exponential(30);
  s.contact_types[0].patience = Distribution::exponential(240);
  const Results r = run(s, 10);
  const double window = s.horizon.end_s() - s.simulation.warmup_s;
  const double busy = r.group_totals[0][GroupKpi::Occupancy]->mean * 60.0;
  const double throughput = r.totals[0][Kpi::Answered]->mean / window;
  EXPECT_NEAR(busy, throughput * r.totals[0][Kpi::Aht]->mean, 0.01 * busy);
}

}  // namespace
