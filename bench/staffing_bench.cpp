// Staffing by simulation of a 48-interval day (15-minute intervals, 08:00–20:00) with three
// contact types: billing and sales calls (specialist teams and a small multi-skilled team) and
// chat (a chat team handling two chats at once). 20 replications per simulation, every thread.
// Reports the wall time of the whole search, the simulations it ran and the agent-hours found
// against the Erlang method's.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "models/planning/staffing.h"

namespace {

using ccsim::Distribution;

// Expected arrivals per 15 minutes: a morning and an afternoon peak over a base of `base`.
std::vector<double> day_profile(double base, double peak) {
  std::vector<double> v;
  for (int i = 0; i < 48; ++i) {
    const double h = 8.0 + (i + 0.5) / 4.0;  // clock hour at the interval's middle
    const double morning = std::exp(-0.5 * std::pow((h - 10.5) / 1.2, 2));
    const double afternoon = 0.8 * std::exp(-0.5 * std::pow((h - 15.0) / 1.5, 2));
    v.push_back(base + peak * (morning + afternoon));
  }
  return v;
}

ccsim::Scenario three_type_day() {
  ccsim::Scenario s;
  s.name = "three contact types, 48 intervals";
  s.horizon.interval_s = 900;
  s.horizon.intervals = 48;
  s.horizon.start = "08:00";
  s.simulation.replications = 20;
  s.simulation.seed = 1;

  ccsim::ContactType billing;
  billing.name = "billing";
  billing.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  billing.arrivals.per_interval = day_profile(30, 90);
  billing.handle_time = Distribution::lognormal(300, 1.0);
  billing.wrap_up = Distribution::exponential(30);
  billing.patience = Distribution::exponential(180);
  billing.has_service_level_target = true;
  billing.service_level = {20, 0.8};
  billing.max_abandon_rate = 0.05;

  ccsim::ContactType sales = billing;
  sales.name = "sales";
  sales.arrivals.per_interval = day_profile(20, 50);
  sales.handle_time = Distribution::gamma(360, 0.8);
  sales.patience = Distribution::exponential(240);
  sales.service_level = {30, 0.8};
  sales.max_abandon_rate = 0.03;
  sales.priority = 1;

  ccsim::ContactType chat;
  chat.name = "chat";
  chat.channel = ccsim::Channel::Chat;
  chat.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
  chat.arrivals.per_interval = day_profile(10, 30);
  chat.handle_time = Distribution::lognormal(600, 0.8);
  chat.patience = Distribution::exponential(600);
  chat.has_service_level_target = true;
  chat.service_level = {60, 0.8};
  chat.max_asa_s = 30;
  s.contact_types = {billing, sales, chat};

  auto group = [](const char* name, std::vector<int> skills, int count) {
    ccsim::AgentGroup g;
    g.name = name;
    g.skills = std::move(skills);
    g.staff.kind = ccsim::Staffing::Kind::Count;
    g.staff.count = count;
    g.shrinkage = 0.25;
    return g;
  };
  s.agent_groups = {group("billing_team", {0}, 30), group("sales_team", {1}, 20),
                    group("generalists", {0, 1}, 6), group("chat_team", {2}, 10)};
  s.agent_groups[2].max_occupancy = 0.9;
  s.agent_groups[3].concurrency = 2;
  return s;
}

void BM_StaffThreeTypeDayBySimulation(benchmark::State& state) {
  const ccsim::Scenario s = three_type_day();
  ccsim::staffing::Options options;
  options.replications = s.simulation.replications;
  options.seed = s.simulation.seed;
  ccsim::staffing::Outcome outcome;
  for (auto _ : state) {
    outcome = ccsim::staffing::staff(s, options);
    benchmark::DoNotOptimize(outcome);
  }
  ccsim::staffing::Options erlang = options;
  erlang.method = ccsim::staffing::Method::Erlang;
  const ccsim::staffing::Outcome analytic = ccsim::staffing::staff(s, erlang);
  if (!outcome.result || !analytic.result) {
    state.SkipWithError("staffing failed");
    return;
  }
  state.counters["simulations"] = outcome.result->iterations;
  state.counters["targets_missed"] = double(outcome.result->misses.size());
  state.counters["agent_hours"] =
      ccsim::staffing::agent_hours(outcome.result->scheduled, s.horizon);
  state.counters["erlang_agent_hours"] =
      ccsim::staffing::agent_hours(analytic.result->scheduled, s.horizon);
  state.counters["contacts_per_simulation"] = double(outcome.result->achieved.contacts);
}
BENCHMARK(BM_StaffThreeTypeDayBySimulation)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
