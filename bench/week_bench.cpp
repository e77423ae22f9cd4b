// A week of 15-minute intervals (7 days × 96 = 672 intervals, open around the clock): three
// contact types (billing and sales calls, chat) and three teams staffed per interval by a
// square-root rule, quieter nights and weekends; about 55,700 contacts a week.
//   BM_WeekRun: `ccsim run` of 20 replications on every thread (simulation and summary).
//   BM_WeekStaffErlang: `ccsim staff --method erlang` (per-interval Erlang staffing, then the
//   scenario run with it, 20 replications).
//   BM_WeekStaffSimulation: `ccsim staff --method simulation` (the search by simulation of the
//   week, 20 replications, every thread).
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/staffing.h"

namespace {

using ccsim::Distribution;

constexpr int kDays = 7, kPerDay = 96;

// Expected arrivals per 15 minutes over the week: a morning and an afternoon peak over `base`
// between 07:00 and 21:00, 15% of that at night, 60% at the weekend.
std::vector<double> week_profile(double base, double peak) {
  std::vector<double> v;
  for (int d = 0; d < kDays; ++d) {
    for (int i = 0; i < kPerDay; ++i) {
      const double h = (i + 0.5) / 4.0;
      const double day = h >= 7 && h < 21 ? 1.0 : 0.15;
      const double morning = std::exp(-0.5 * std::pow((h - 10.5) / 1.5, 2));
      const double afternoon = 0.8 * std::exp(-0.5 * std::pow((h - 15.0) / 2.0, 2));
      v.push_back(day * (base + peak * (morning + afternoon)) * (d >= 5 ? 0.6 : 1.0));
    }
  }
  return v;
}

// Agents per interval: load + 1.5 √load + 1 (load in agents of `slots` contacts each).
std::vector<int> square_root_staff(const std::vector<double>& arrivals, double agent_time_s,
                                   int slots) {
  std::vector<int> staff;
  for (double x : arrivals) {
    const double load = x / 900.0 * agent_time_s / slots;
    staff.push_back(std::max(1, int(std::ceil(load + 1.5 * std::sqrt(load) + 1.0))));
  }
  return staff;
}

ccsim::ContactType voice(const char* name, std::vector<double> arrivals, Distribution handle,
                         double patience_s, double threshold_s) {
  ccsim::ContactType t;
  t.name = name;
  t.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  t.arrivals.per_interval = std::move(arrivals);
  t.handle_time = handle;
  t.patience = Distribution::exponential(patience_s);
  t.has_service_level_target = true;
  t.service_level = {threshold_s, 0.8};
  return t;
}

ccsim::Scenario week() {
  ccsim::Scenario s;
  s.name = "week of 672 intervals";
  s.horizon.interval_s = 900;
  s.horizon.intervals = kPerDay;
  s.horizon.days = kDays;
  s.horizon.start_date = "2026-12-07";
  s.simulation.replications = 20;
  ccsim::ContactType billing =
      voice("billing", week_profile(30, 90), Distribution::lognormal(300, 1.0), 180, 20);
  billing.wrap_up = Distribution::exponential(30);
  billing.max_abandon_rate = 0.05;
  ccsim::ContactType sales =
      voice("sales", week_profile(20, 50), Distribution::gamma(360, 0.8), 240, 30);
  sales.priority = 1;
  ccsim::ContactType chat =
      voice("chat", week_profile(10, 30), Distribution::lognormal(600, 0.8), 600, 60);
  chat.channel = ccsim::Channel::Chat;
  s.contact_types = {billing, sales, chat};
  auto team = [](const char* name, int skill, std::vector<int> staff, int concurrency) {
    ccsim::AgentGroup g;
    g.name = name;
    g.skills = {skill};
    g.staff.kind = ccsim::Staffing::Kind::PerInterval;
    g.staff.per_interval = std::move(staff);
    g.concurrency = concurrency;
    return g;
  };
  s.agent_groups = {
      team("billing_team", 0, square_root_staff(billing.arrivals.per_interval, 330, 1), 1),
      team("sales_team", 1, square_root_staff(sales.arrivals.per_interval, 360, 1), 1),
      team("chat_team", 2, square_root_staff(chat.arrivals.per_interval, 600, 2), 2)};
  return s;
}

void BM_WeekRun(benchmark::State& state) {
  const ccsim::Scenario s = week();
  ccsim::RunOptions options;
  options.replications = 20;
  ccsim::Results results;
  for (auto _ : state) {
    results = ccsim::run_experiment(s, options);
    benchmark::DoNotOptimize(results);
  }
  state.counters["intervals"] = double(results.intervals.size());
  state.counters["contacts_per_replication"] = double(results.contacts) / 20.0;
}
BENCHMARK(BM_WeekRun)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

// Staffs the week by `method` with 20 replications; reports agent-hours and simulations run.
void week_staff(benchmark::State& state, ccsim::staffing::Method method) {
  const ccsim::Scenario s = week();
  ccsim::staffing::Options options;
  options.method = method;
  options.replications = 20;
  ccsim::staffing::Outcome outcome;
  for (auto _ : state) {
    outcome = ccsim::staffing::staff(s, options);
    benchmark::DoNotOptimize(outcome);
  }
  if (!outcome.result) {
    state.SkipWithError("staffing failed");
    return;
  }
  state.counters["agent_hours"] =
      ccsim::staffing::agent_hours(outcome.result->scheduled, s.horizon);
  state.counters["simulations"] = double(outcome.result->iterations);
}

void BM_WeekStaffErlang(benchmark::State& state) {
  week_staff(state, ccsim::staffing::Method::Erlang);
}
BENCHMARK(BM_WeekStaffErlang)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

void BM_WeekStaffSimulation(benchmark::State& state) {
  week_staff(state, ccsim::staffing::Method::Simulation);
}
BENCHMARK(BM_WeekStaffSimulation)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
