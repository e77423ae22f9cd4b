// The simulated M/M/n+M queue against the exact Erlang-A model, from light load to overload.
#include <gtest/gtest.h>

#include <string>

#include "models/centre/experiment.h"
#include "models/queueing/erlang.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

struct ErlangACase {
  double arrivals_per_hour;
  int agents;
};

std::string case_name(const ::testing::TestParamInfo<ErlangACase>& info) {
  return std::to_string(int(info.param.arrivals_per_hour)) + "PerHour" +
         std::to_string(info.param.agents) + "Agents";
}

class ErlangAQueue : public ::testing::TestWithParam<ErlangACase> {};

TEST_P(ErlangAQueue, AbandonmentWaitAndServiceLevelMatchErlangA) {
  const auto [rate, n] = GetParam();
  const double aht = 180.0, patience = 300.0, threshold = 20.0;
  Scenario s = test::stationary_queue(rate, Distribution::exponential(aht), n);
  s.contact_types[0].patience = Distribution::exponential(patience);
  RunOptions o;
  o.replications = 20;
  o.seed = 77;
  const Results r = run_experiment(s, o);

  erlang::Params p;
  p.agents = n;
  p.arrivals_per_hour = rate;
  p.aht_s = aht;
  p.patience_s = patience;
  p.threshold_s = threshold;
  const erlang::AMetrics exact = erlang::erlang_a(p);

  auto expect_agrees = [](const KpiEstimate& e, double value, const char* what) {
    ASSERT_TRUE(e.has_value()) << what;
    EXPECT_NEAR(e->mean, value, 2.0 * e->ci95)
        << what << ": simulated " << e->mean << " ± " << e->ci95 << ", Erlang A " << value;
  };
  expect_agrees(r.totals[0][Kpi::AbandonRate], exact.p_abandon, "abandon_rate");
  ASSERT_TRUE(exact.asa_s && exact.service_level && exact.occupancy);
  expect_agrees(r.totals[0][Kpi::Asa], *exact.asa_s, "asa_s");
  expect_agrees(r.totals[0][Kpi::ServiceLevel], *exact.service_level, "service_level");
  expect_agrees(r.group_totals[0][GroupKpi::Occupancy], *exact.occupancy, "occupancy");
}

INSTANTIATE_TEST_SUITE_P(Loads, ErlangAQueue,
                         ::testing::Values(ErlangACase{600, 34}, ErlangACase{600, 32},
                                           ErlangACase{600, 28},    // overload: a = 30 > 28
                                           ErlangACase{600, 20},    // heavy overload
                                           ErlangACase{3600, 190},  // the benchmark queue
                                           ErlangACase{60, 3}),
                         case_name);

}  // namespace
