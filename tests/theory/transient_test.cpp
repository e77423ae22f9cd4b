// The time-varying Markov model (models/queueing/transient.h, models/planning/transient_model.h)
// against exact stationary results, against its own invariants, and — the other way round — as
// the oracle of the simulator on a time-varying Markov day.
#include "models/queueing/transient.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/transient_model.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario_json.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

double relative(double a, double b) {
  return std::abs(a - b) / std::max(std::abs(b), 1e-300);
}

// Forty constant hours from an empty system: the last half hour is stationary to far below 1e-9.
std::vector<transient::Segment> constant_day(double per_hour, int agents, double aht_s,
                                             double patience_s, double threshold_s) {
  transient::Segment seg;
  seg.length_s = 1800;
  seg.arrivals_per_s = per_hour / 3600.0;
  seg.agents = agents;
  seg.service_per_s = 1.0 / aht_s;
  seg.abandon_per_s = patience_s > 0 ? 1.0 / patience_s : 0.0;
  seg.threshold_s = threshold_s;
  return std::vector<transient::Segment>(80, seg);
}

struct ConstantCase {
  double per_hour;
  int agents;
  double aht_s, patience_s;
};

class TransientLongConstantDay : public ::testing::TestWithParam<ConstantCase> {};

TEST_P(TransientLongConstantDay, ConvergesToTheExactStationaryErlangModel) {
  const ConstantCase c = GetParam();
  const transient::Solution sol =
      transient::solve(constant_day(c.per_hour, c.agents, c.aht_s, c.patience_s, 20.0));
  const transient::SegmentResult& r = sol.segments.back();
  erlang::Params p;
  p.agents = c.agents;
  p.arrivals_per_hour = c.per_hour;
  p.aht_s = c.aht_s;
  p.threshold_s = 20.0;
  double asa, sl, abandon = 0.0, occupancy;
  if (c.patience_s > 0) {
    p.patience_s = c.patience_s;
    const erlang::AMetrics a = erlang::erlang_a(p);
    asa = *a.asa_s, sl = *a.service_level, abandon = a.p_abandon, occupancy = *a.occupancy;
  } else {
    const erlang::CMetrics m = erlang::erlang_c_metrics(p);
    asa = *m.asa_s, sl = *m.service_level, occupancy = *m.occupancy;
  }
  EXPECT_LT(relative(r.answered_wait_s / r.answered, asa), 1e-9);
  EXPECT_LT(relative(r.answered_within / r.arrivals, sl), 1e-9);
  EXPECT_LT(std::abs(r.abandoned / r.arrivals - abandon), 1e-9);
  EXPECT_LT(relative(r.busy_agent_s / (c.agents * 1800.0), occupancy), 1e-9);
  EXPECT_LT(sol.truncated_mass, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(
    ErlangAAndC, TransientLongConstantDay,
    ::testing::Values(ConstantCase{600, 32, 180, 300}, ConstantCase{360, 32, 300, 200},
                      ConstantCase{1800, 100, 180, 120}, ConstantCase{5400, 480, 300, 180},
                      ConstantCase{400, 25, 180, 0}, ConstantCase{2000, 110, 180, 0}));

// A day whose arrivals rise, dip and fall with constant staffing: no wait spans a change of
// agents, so the tagged arrivals and the chain's flows must agree exactly.
std::vector<transient::Segment> varying_arrivals(double patience_s) {
  std::vector<transient::Segment> day;
  const std::vector<double> per_hour{200, 500, 900, 1100, 700, 400, 900, 1200, 600, 150};
  for (double x : per_hour) {
    transient::Segment seg;
    seg.length_s = 1800;
    seg.arrivals_per_s = x / 3600.0;
    seg.agents = 50;
    seg.service_per_s = 1.0 / 200.0;
    seg.abandon_per_s = patience_s > 0 ? 1.0 / patience_s : 0.0;
    seg.threshold_s = 20;
    day.push_back(seg);
  }
  return day;
}

TEST(TransientModel, ConservesContactsAndHoldsLittlesLawWhenStaffingIsConstant) {
  for (double patience : {240.0, 0.0}) {
    const transient::Solution sol = transient::solve(varying_arrivals(patience));
    double offered = 0, ended = 0, waits = 0, queue = sol.drain.queue_time_s;
    double tagged_abandons = 0, flow_abandons = sol.drain.abandonments;
    double busy = sol.drain.busy_agent_s, answered = 0;
    for (const transient::SegmentResult& r : sol.segments) {
      offered += r.arrivals;
      ended += r.answered + r.abandoned + r.unserved;
      answered += r.answered;
      waits += r.answered_wait_s + r.abandoned_wait_s;
      queue += r.queue_time_s;
      tagged_abandons += r.abandoned;
      flow_abandons += r.abandonments;
      busy += r.busy_agent_s;
    }
    EXPECT_LT(relative(ended, offered), 1e-9) << patience;
    EXPECT_LT(relative(waits, queue), 1e-9) << patience;  // Little's law: Σ waits = ∫ Q dt
    EXPECT_LT(std::abs(tagged_abandons - flow_abandons) / offered, 1e-9) << patience;
    EXPECT_LT(relative(busy / 200.0, answered), 1e-9) << patience;  // every answer, once served
    EXPECT_LT(sol.truncated_mass, 1e-12);
  }
}

TEST(TransientModel, StartingInTheStationaryLawStaysThere) {
  // M/M/20+M stationary law by its ratios, then one interval: every figure is stationary.
  const double lambda = 0.1, mu = 1.0 / 180, theta = 1.0 / 300;
  std::vector<double> w{1.0};
  for (int n = 1; n < 400; ++n) {
    const double death = std::min(n, 20) * mu + std::max(n - 20, 0) * theta;
    w.push_back(w.back() * lambda / death);
  }
  double sum = 0;
  for (double x : w) sum += x;
  for (double& x : w) x /= sum;
  transient::Segment seg{600, lambda, 20, mu, theta, 20};
  const transient::Solution sol = transient::solve(std::vector<transient::Segment>{seg}, w);
  erlang::Params p;
  p.agents = 20;
  p.arrivals_per_hour = 360;
  p.aht_s = 180;
  p.patience_s = 300;
  p.threshold_s = 20;
  const erlang::AMetrics a = erlang::erlang_a(p);
  const transient::SegmentResult& r = sol.segments[0];
  EXPECT_LT(relative(r.answered_wait_s / r.answered, *a.asa_s), 1e-9);
  EXPECT_LT(relative(r.answered_within / r.arrivals, *a.service_level), 1e-9);
  EXPECT_LT(relative(r.abandoned / r.arrivals, a.p_abandon), 1e-9);
}

TEST(TransientModel, NoAgentsAndNoPatienceLeavesEveryArrivalUnserved) {
  transient::Segment seg{1800, 0.05, 0, 1.0 / 180, 0.0, 20};
  const transient::Solution sol = transient::solve(std::vector<transient::Segment>{seg});
  EXPECT_DOUBLE_EQ(sol.segments[0].unserved, 90.0);
  EXPECT_DOUBLE_EQ(sol.segments[0].answered, 0.0);
  EXPECT_NEAR(sol.drain.stuck, 90.0, 1e-9);
}

// ---------------------------------------------------------------------------------------------
// The simulator against the model on a time-varying Markov day

Scenario markov_day() {
  const auto parse =
      load_scenario(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios" / "transient_day.json");
  EXPECT_TRUE(parse.ok());
  return *parse.scenario;
}

// A KPI of the simulation over its replications as a ratio of sums (Σ numerator ÷ Σ
// denominator: the model's KPIs are ratios of expectations, while a run's mean of per-replication
// ratios is biased by Jensen's inequality), with its standard error by the delta method; or, with
// no denominator, the mean of a count and its standard error.
struct Sampled {
  double value = 0, se = 0;
};

Sampled ratio_of_sums(const std::vector<double>& num, const std::vector<double>& den) {
  const double n = double(num.size());
  double sn = 0, sd = 0;
  for (std::size_t r = 0; r < num.size(); ++r) sn += num[r], sd += den[r];
  Sampled out;
  out.value = sd > 0 ? sn / sd : 0.0;
  double var = 0;
  for (std::size_t r = 0; r < num.size(); ++r) {
    const double e = num[r] - out.value * den[r];
    var += e * e;
  }
  const double mean_den = sd / n;
  out.se = mean_den > 0 ? std::sqrt(var / (n - 1) / n) / mean_den : 0.0;
  return out;
}

struct SimulatedDay {
  std::vector<ReplicationKpis> reps;
  std::size_t types;
  double get(std::size_t r, std::size_t i, std::size_t k, Kpi q) const {
    return reps[r].contact[contact_kpi_index(types, i, k, q)].value_or(0.0);
  }
  // Per replication: the KPI's numerator and denominator (a count: itself and 1).
  Sampled kpi(std::size_t i, std::size_t k, Kpi q) const {
    std::vector<double> num, den;
    for (std::size_t r = 0; r < reps.size(); ++r) {
      const double ans = get(r, i, k, Kpi::Answered), ab = get(r, i, k, Kpi::Abandoned);
      switch (q) {
        case Kpi::AbandonRate:
          num.push_back(ab), den.push_back(ans + ab);
          break;
        case Kpi::ServiceLevel:
          num.push_back(get(r, i, k, q) * (ans + ab)), den.push_back(ans + ab);
          break;
        case Kpi::Asa:
          num.push_back(get(r, i, k, q) * ans), den.push_back(ans);
          break;
        default:
          num.push_back(get(r, i, k, q)), den.push_back(1.0);
      }
    }
    return ratio_of_sums(num, den);
  }
};

TEST(SimulationAgainstTransientModel, PerIntervalKpisAgreeOnADayOfPeaksLunchDipAndStaffingSteps) {
  const Scenario day = markov_day();
  ASSERT_TRUE(transient_refusals(day).empty());
  const TransientRun model = run_transient(day);
  RunOptions o;
  o.replications = 1000;
  o.seed = 2026;
  const SimulatedDay sim{simulate_replications(day, o), day.contact_types.size()};
  int compared = 0, within_2se = 0;
  for (std::size_t i = 0; i < std::size_t(day.horizon.intervals); ++i) {
    for (std::size_t k = 0; k < day.contact_types.size(); ++k) {
      for (Kpi q : {Kpi::Offered, Kpi::Answered, Kpi::Abandoned, Kpi::AbandonRate, Kpi::Asa,
                    Kpi::ServiceLevel, Kpi::BacklogEnd}) {
        const double m = model.results.intervals[i][k][q].value_or(sim::Estimate{}).mean;
        const Sampled s = sim.kpi(i, k, q);
        // 99.9% two-sided (3.29 standard errors), and a slack for what the simulation finds 0
        // in nearly every replication (its standard error is then no guide). ASA where few
        // contacts wait is the mean of a very skewed sample (a few replications with a queue
        // carry it), whose standard error understates its spread: 0.05 s and 10% of the value.
        const double slack = q == Kpi::Asa ? 0.05 + 0.1 * m : 0.01;
        EXPECT_LE(std::abs(m - s.value), 3.29 * s.se + slack)
            << "interval " << i << " type " << k << " " << kpi_info(q).name << ": model " << m
            << ", simulation " << s.value << " ± " << s.se << " (standard error)";
        ++compared;
        if (std::abs(m - s.value) <= 1.96 * s.se + slack) ++within_2se;
      }
    }
  }
  // About 95% of the comparisons should fall within 1.96 standard errors.
  EXPECT_GE(within_2se, compared * 90 / 100) << within_2se << " of " << compared;
  EXPECT_LT(model.truncated_mass, 1e-12);
}

TEST(SimulationAgainstTransientModel, OccupancyAgreesPerInterval) {
  const Scenario day = markov_day();
  const TransientRun model = run_transient(day);
  RunOptions o;
  o.replications = 200;
  o.seed = 7;
  const Results sim = run_experiment(day, o);
  for (std::size_t i = 0; i < sim.intervals.size(); ++i) {
    for (std::size_t g = 0; g < day.agent_groups.size(); ++g) {
      const KpiEstimate& m = model.results.group_intervals[i][g][GroupKpi::Occupancy];
      const KpiEstimate& s = sim.group_intervals[i][g][GroupKpi::Occupancy];
      EXPECT_LE(std::abs(m->mean - s->mean), s->ci95 * 3.29 / 1.96 + 0.002)
          << "interval " << i << " group " << g << ": model " << m->mean << ", simulation "
          << s->mean << " ± " << s->ci95;
    }
  }
}

}  // namespace

namespace {

using namespace ccsim;

// A week of ten open hours a day from Monday 2026-12-07 (closed between days), one queue of
// exponential calls with a profile per weekday.
Scenario markov_week() {
  nlohmann::json doc = nlohmann::json::parse(R"({
    "name": "a Markov week",
    "horizon": {"interval_minutes": 60, "intervals": 10, "start": "08:00", "days": 7,
                "start_date": "2026-12-07"},
    "simulation": {"replications": 20, "seed": 5},
    "contact_types": [{"name": "calls", "arrivals": {"per_interval": []},
                       "handle_time": {"dist": "exponential", "mean_s": 240},
                       "patience": {"dist": "exponential", "mean_s": 240}}],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"per_interval": []}}]
  })");
  for (int d = 0; d < 7; ++d) {
    const double scale = d < 5 ? 1.0 - 0.05 * d : 0.4;
    for (int i = 0; i < 10; ++i) {
      const double x = scale * (60 + 40 * std::sin(3.14159 * (i + 0.5) / 10.0));
      doc["contact_types"][0]["arrivals"]["per_interval"].push_back(x);
      doc["agent_groups"][0]["staff"]["per_interval"].push_back(int(std::ceil(x * 240 / 3600 + 2)));
    }
  }
  const ScenarioParse parse = parse_scenario(doc, ".");
  EXPECT_TRUE(parse.ok()) << (parse.errors.empty() ? "" : parse.errors[0]);
  return *parse.scenario;
}

TEST(TransientWeek, EachDaysTotalsAgreeWithTheSimulationAndSumToTheWeek) {
  const Scenario week = markov_week();
  ASSERT_TRUE(transient_refusals(week).empty());
  const TransientRun model = run_transient(week);
  ASSERT_EQ(model.results.days.size(), 7u);
  RunOptions o;
  o.replications = 300;
  o.seed = 9;
  const Results sim = run_experiment(week, o);
  double answered = 0;
  for (std::size_t d = 0; d < 7; ++d) {
    answered += model.results.days[d][0][Kpi::Answered]->mean;
    for (Kpi q : {Kpi::Offered, Kpi::Answered, Kpi::Abandoned}) {
      const double m = model.results.days[d][0][q]->mean;
      const sim::Estimate& s = *sim.days[d][0][q];
      EXPECT_LE(std::abs(m - s.mean), s.ci95 * 3.29 / 1.96 + 0.01)
          << "day " << d << " " << kpi_info(q).name << ": model " << m << ", simulation " << s.mean
          << " ± " << s.ci95;
    }
  }
  EXPECT_NEAR(answered, model.results.totals[0][Kpi::Answered]->mean, 1e-9 * answered);
  EXPECT_LT(model.little_gap, 0.02);
}

}  // namespace
