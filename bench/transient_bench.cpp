// The transient model (models/queueing/transient.h through models/planning/transient_model.h):
// `ccsim run --method transient` of one queue over a 48-interval day (30-minute intervals) at
// 50, 200 and 500 agents at the peak, and over a 672-interval week (15-minute intervals, 3
// contact types, each with its own group of up to 200 agents); and `staff --method transient`'s
// search (without the simulation of the staffing found) over the 48-interval day.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <string>

#include "models/planning/transient_model.h"

namespace {

using ccsim::Distribution;

// Expected arrivals per interval for a day of `n` intervals: a morning and an afternoon peak
// and a lunch dip, `peak` at the highest.
std::vector<double> day_profile(int n, double peak) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) {
    const double x = (i + 0.5) / n;  // share of the day
    const double morning = std::exp(-0.5 * std::pow((x - 0.3) / 0.1, 2));
    const double afternoon = 0.85 * std::exp(-0.5 * std::pow((x - 0.7) / 0.12, 2));
    v.push_back(peak * (0.15 + 0.85 * std::max(morning, afternoon)));
  }
  return v;
}

// Agents per interval: the offered load plus a square-root safety margin.
std::vector<int> staffing_for(const std::vector<double>& arrivals, double interval_s,
                              double aht_s) {
  std::vector<int> out;
  for (double x : arrivals) {
    const double load = x * aht_s / interval_s;
    out.push_back(int(std::ceil(load + std::sqrt(load))));
  }
  return out;
}

void add_queue(ccsim::Scenario& s, const std::string& name, std::vector<double> arrivals,
               double aht_s, double patience_s) {
  ccsim::ContactType ct;
  ct.name = name;
  ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  ct.arrivals.per_interval = std::move(arrivals);
  ct.handle_time = Distribution::exponential(aht_s);
  ct.patience = Distribution::exponential(patience_s);
  ct.has_service_level_target = true;
  ct.service_level = {20, 0.8};
  ct.max_abandon_rate = 0.05;
  ccsim::AgentGroup g;
  g.name = name + " team";
  g.skills = {int(s.contact_types.size())};
  g.staff.kind = ccsim::Staffing::Kind::PerInterval;
  g.staff.per_interval = staffing_for(ct.arrivals.per_interval, s.horizon.interval_s, aht_s);
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(g);
}

// One queue, 48 half-hours, `peak_agents` agents at the peak (AHT 300 s, patience 180 s).
ccsim::Scenario day(int peak_agents) {
  ccsim::Scenario s;
  s.name = "day";
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 48;
  const double peak = 0.9 * peak_agents * 1800.0 / 300.0;  // arrivals per interval at the peak
  add_queue(s, "calls", day_profile(48, peak), 300, 180);
  return s;
}

// 672 quarter-hours: seven days of 96, three queues (voice, chat, back office).
ccsim::Scenario week() {
  ccsim::Scenario s;
  s.name = "week";
  s.horizon.interval_s = 900;
  s.horizon.intervals = 672;
  std::vector<double> voice, chat, email;
  for (int d = 0; d < 7; ++d) {
    const double scale = d < 5 ? 1.0 : 0.5;
    for (double x : day_profile(96, 500 * scale)) voice.push_back(x);
    for (double x : day_profile(96, 120 * scale)) chat.push_back(x);
    for (double x : day_profile(96, 60 * scale)) email.push_back(x);
  }
  add_queue(s, "voice", voice, 300, 180);
  add_queue(s, "chat", chat, 480, 600);
  add_queue(s, "email", email, 600, 3600);
  return s;
}

void BM_TransientDay(benchmark::State& state) {
  const ccsim::Scenario s = day(int(state.range(0)));
  double steps = 0;
  for (auto _ : state) {
    const ccsim::TransientRun run = ccsim::run_transient(s);
    steps = run.uniformisation_steps;
    benchmark::DoNotOptimize(run.results.totals.size());
  }
  state.counters["steps"] = steps;
}
BENCHMARK(BM_TransientDay)->Arg(50)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond);

void BM_TransientWeek(benchmark::State& state) {
  const ccsim::Scenario s = week();
  for (auto _ : state) {
    const ccsim::TransientRun run = ccsim::run_transient(s);
    benchmark::DoNotOptimize(run.results.totals.size());
  }
}
BENCHMARK(BM_TransientWeek)->Unit(benchmark::kMillisecond);

void BM_TransientStaffingDay(benchmark::State& state) {
  const ccsim::Scenario s = day(int(state.range(0)));
  std::vector<std::vector<int>> guess{s.agent_groups[0].staff.per_interval};
  for (auto _ : state) {
    std::vector<std::string> errors;
    benchmark::DoNotOptimize(ccsim::transient_staffing(s, guess, errors));
  }
}
BENCHMARK(BM_TransientStaffingDay)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
