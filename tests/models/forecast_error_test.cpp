// Forecast error (arrivals.volume_cv, simulation.volume_cv): a day's offered count is
// Poisson–Gamma, the factors have their own random streams, and the reader's rules.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/centre/arrivals.h"
#include "models/centre/experiment.h"
#include "models/scenario/scenario_json.h"
#include "scenario_builder.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

constexpr int kDays = 2000;

// One hour of `per_type` contact types, each with `per_day` expected arrivals, staffed
// generously (the offered count does not depend on the staff).
Scenario hour_of(int per_type, double per_day) {
  Scenario s = test::stationary_queue(per_day, Distribution::exponential(60), 40, 3600, 0);
  for (int k = 1; k < per_type; ++k) {
    ContactType ct = s.contact_types[0];
    ct.name = "calls" + std::to_string(k);
    s.contact_types.push_back(ct);
    s.agent_groups[0].skills.push_back(k);
  }
  return s;
}

// Offered contacts of type `type` over the horizon, per replication.
std::vector<double> daily_offered(const Scenario& s, int type, std::uint64_t seed = 1) {
  RunOptions run;
  run.replications = kDays;
  run.seed = seed;
  const std::vector<ReplicationKpis> reps = simulate_replications(s, run);
  const std::size_t types = s.contact_types.size();
  std::vector<double> counts;
  for (const ReplicationKpis& rep : reps) {
    const std::size_t at =
        contact_kpi_index(types, std::size_t(s.horizon.intervals), std::size_t(type), Kpi::Offered);
    counts.push_back(rep.contact[at].value_or(0.0));
  }
  return counts;
}

double mean_of(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  return sum / double(x.size());
}

// Sample variance and the standard error of it (from the sample's fourth central moment).
struct VarianceEstimate {
  double variance;
  double se;
};
VarianceEstimate variance_of(const std::vector<double>& x) {
  const double m = mean_of(x), n = double(x.size());
  double m2 = 0, m4 = 0;
  for (double v : x) {
    const double d = (v - m) * (v - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  return {m2 * n / (n - 1), std::sqrt((m4 - m2 * m2) / n)};
}

TEST(ForecastError, DailyCountOfATypeIsPoissonGamma) {
  const double m = 200, c = 0.3;
  Scenario s = hour_of(1, m);
  s.contact_types[0].arrivals.volume_cv = c;
  const std::vector<double> counts = daily_offered(s, 0);
  const VarianceEstimate v = variance_of(counts);
  EXPECT_NEAR(mean_of(counts), m, 4 * std::sqrt(v.variance / kDays));
  EXPECT_NEAR(v.variance, m + c * c * m * m, 4 * v.se);
}

TEST(ForecastError, SharedAndTypeFactorsMultiply) {
  const double m = 150, a = 0.2, b = 0.25;
  Scenario s = hour_of(1, m);
  s.contact_types[0].arrivals.volume_cv = a;
  s.simulation.volume_cv = b;
  const VarianceEstimate v = variance_of(daily_offered(s, 0));
  const double cv2 = (1 + a * a) * (1 + b * b) - 1;  // of the product of the two factors
  EXPECT_NEAR(v.variance, m + cv2 * m * m, 4 * v.se);
}

TEST(ForecastError, SharedFactorMovesEveryTypeTogether) {
  const double m = 200, c = 0.3;
  Scenario s = hour_of(2, m);
  s.simulation.volume_cv = c;
  const std::vector<double> x = daily_offered(s, 0), y = daily_offered(s, 1);
  const double mx = mean_of(x), my = mean_of(y);
  std::vector<double> products;
  for (std::size_t r = 0; r < x.size(); ++r) products.push_back((x[r] - mx) * (y[r] - my));
  const double covariance = mean_of(products);
  EXPECT_NEAR(covariance, c * c * m * m, 4 * std::sqrt(variance_of(products).variance / kDays));
}

TEST(ForecastError, TypesWithoutVolumeCvStayPoisson) {
  const double m = 200;
  Scenario s = hour_of(2, m);
  s.contact_types[0].arrivals.volume_cv = 0.5;
  const VarianceEstimate v = variance_of(daily_offered(s, 1));
  EXPECT_NEAR(v.variance, m, 4 * v.se);
}

TEST(ForecastError, FactorDrawsShiftNoOtherDraws) {
  Scenario plain = hour_of(2, 200);
  Scenario noisy = plain;
  noisy.contact_types[0].arrivals.volume_cv = 0.4;
  RunOptions run;
  run.replications = 5;
  const std::vector<ReplicationKpis> a = simulate_replications(plain, run);
  const std::vector<ReplicationKpis> b = simulate_replications(noisy, run);
  const std::size_t types = 2, day = 1;
  bool type0_changed = false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    for (Kpi q : {Kpi::Offered, Kpi::Aht, Kpi::Asa}) {
      const std::size_t at = contact_kpi_index(types, day, 1, q);
      EXPECT_EQ(a[r].contact[at], b[r].contact[at]) << "replication " << r;
    }
    const std::size_t at0 = contact_kpi_index(types, day, 0, Kpi::Offered);
    type0_changed |= a[r].contact[at0] != b[r].contact[at0];
  }
  EXPECT_TRUE(type0_changed);
}

TEST(ForecastError, ZeroVolumeCvIsNoForecastError) {
  Scenario plain = hour_of(2, 200);
  Scenario zero = plain;
  zero.contact_types[0].arrivals.volume_cv = 0;
  zero.simulation.volume_cv = 0;
  RunOptions run;
  run.replications = 5;
  const std::vector<ReplicationKpis> a = simulate_replications(plain, run);
  const std::vector<ReplicationKpis> b = simulate_replications(zero, run);
  for (std::size_t r = 0; r < a.size(); ++r) EXPECT_EQ(a[r].contact, b[r].contact);
}

TEST(ForecastError, EachDayHasItsOwnFactorAndMoreDaysShiftNone) {
  const std::vector<double> week = centre::volume_factors(0.3, 3, 7, 2, 99);
  const std::vector<double> day = centre::volume_factors(0.3, 1, 7, 2, 99);
  ASSERT_EQ(week.size(), 3u);
  EXPECT_EQ(week[0], day[0]);
  EXPECT_NE(week[0], week[1]);
  EXPECT_NE(week[1], week[2]);
  std::vector<double> rates{1, 2, 3, 4, 5, 6};
  centre::scale_by_day(rates, 2, week);
  EXPECT_EQ(rates, (std::vector<double>{week[0], 2 * week[0], 3 * week[1], 4 * week[1], 5 * week[2],
                                        6 * week[2]}));
  EXPECT_EQ(centre::volume_factors(0, 3, 7, 2, 99), (std::vector<double>{1, 1, 1}));
}

json scenario_with_arrivals(const json& arrivals) {
  return json{
      {"name", "t"},
      {"horizon", {{"interval_minutes", 30}, {"intervals", 2}}},
      {"contact_types",
       {{{"name", "billing"},
         {"arrivals", arrivals},
         {"handle_time", {{"dist", "exponential"}, {"mean_s", 180}}}}}},
      {"agent_groups", {{{"name", "team"}, {"skills", {"billing"}}, {"staff", {{"count", 5}}}}}}};
}

TEST(ForecastErrorReading, VolumeCvComesBesideTheArrivalsChoice) {
  const ScenarioParse parsed =
      parse_scenario(scenario_with_arrivals({{"per_interval", {10, 20}}, {"volume_cv", 0.2}}), {});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.scenario->contact_types[0].arrivals.volume_cv, 0.2);
  EXPECT_EQ(parse_scenario(scenario_with_arrivals({{"volume_cv", 0.2}}), {}).errors,
            Lines{"contact_types[0].arrivals: must have exactly one of rate_per_hour, "
                  "per_interval, trace (got none)"});
}

TEST(ForecastErrorReading, TraceRefusesVolumeCv) {
  EXPECT_EQ(parse_scenario(scenario_with_arrivals({{"trace", "missing.csv"}, {"volume_cv", 0}}),
                           "/nonexistent")
                .errors,
            (Lines{"contact_types[0].arrivals.trace: missing.csv: cannot open file",
                   "contact_types[0].arrivals.volume_cv: cannot be used with trace: a trace "
                   "replays fixed arrival times (give rate_per_hour or per_interval for a "
                   "forecast with error)"}));
}

TEST(ForecastErrorReading, VolumeCvMustBeWithinRange) {
  json doc = scenario_with_arrivals({{"rate_per_hour", 10}, {"volume_cv", -0.1}});
  doc["simulation"] = {{"volume_cv", 1.5}};
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            (Lines{"simulation.volume_cv: must be in [0, 1] (got 1.5)",
                   "contact_types[0].arrivals.volume_cv: must be in [0, 1] (got -0.1)"}));
  doc["simulation"] = {{"volume_cv", 0.1}};
  doc["contact_types"][0]["arrivals"]["volume_cv"] = 0;
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.scenario->simulation.volume_cv, 0.1);
}

}  // namespace
}  // namespace ccsim
