// Replications of the model on one thread, reporting customers simulated per second.
// BM_ErlangAReplication: the Erlang-A benchmark queue (lambda = 1/s, AHT 180 s exponential,
// patience 300 s exponential, 190 agents); the argument is the number of expected customers
// (the horizon in seconds); it also prints the event-list limit measured in the same process
// and the queue's share of it, and the same for the floor (bench/erlang_a_floor.h: the least any
// model of this queue can do under the project's rules). BM_RealisticDay: one day of
// scenarios/realistic_day.json (48 intervals of 15 minutes, 3 contact types, self-service, a
// chatbot, callbacks, retrials, 2 groups, chat concurrency 2), about 5,100 contacts.
// BM_BusySignalsDay: one day of scenarios/busy_signals.json (telephone lines); BM_QueueCapsDay: of
// scenarios/queue_caps.json; BM_OutboundBlendDay: of scenarios/outbound_blend.json (an outbound
// campaign).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <time.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "bench/calendar_hold.h"
#include "bench/erlang_a_floor.h"
#include "models/centre/contact_centre.h"
#include "models/scenario/scenario_json.h"

namespace {

ccsim::Scenario erlang_a_queue(double customers) {
  ccsim::Scenario s;
  s.name = "bench";
  s.horizon.interval_s = customers;  // lambda = 1/s
  s.horizon.intervals = 1;
  s.horizon.stationary = true;
  ccsim::ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = ccsim::Arrivals::Kind::RatePerHour;
  ct.arrivals.rate_per_hour = 3600.0;
  ct.handle_time = ccsim::Distribution::exponential(180.0);
  ct.patience = ccsim::Distribution::exponential(300.0);
  s.contact_types.push_back(ct);
  ccsim::AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.count = 190;
  s.agent_groups.push_back(g);
  return s;
}

// CPU seconds of this thread.
double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// The event-list limit of the Erlang-A queue measured in this process: calendar holds per CPU
// second with `pending` events pending (each hold pops the next event and schedules one an
// exponential time later, as calendar_bench's BM_CalendarHold), halved, since a customer costs
// at least two holds (its arrival and its end of service).
double event_list_limit_customers_per_s(std::size_t pending) {
  bench::CalendarHold model(pending);
  constexpr int kHolds = 4'000'000;
  const double start = thread_cpu_s();
  for (int i = 0; i < kHolds; ++i) model.hold();
  const double cpu_s = thread_cpu_s() - start;
  benchmark::DoNotOptimize(model.last());
  return double(kHolds) / cpu_s / 2.0;
}

// One run of the floor model of the same queue (bench/erlang_a_floor.h) over `customers`
// expected arrivals: its customers per CPU second of this thread, 0 when it loses a customer
// (its invariant), so that a broken floor cannot pass for a fast one; and its abandonment and
// ASA, to check it against the model and the exact queue.
struct FloorRun {
  double customers_per_s = 0.0, abandon_share = 0.0, asa_s = 0.0;
};
FloorRun run_floor(double customers) {
  bench::ErlangAFloor floor(1.0, 180.0, 300.0, 190, 1, 0);
  const double start = thread_cpu_s();
  const bench::FloorCounts n = floor.run(customers);
  const double cpu_s = thread_cpu_s() - start;
  const bool whole = n.answered + n.abandoned == n.arrivals && n.left_waiting == 0;
  return {whole ? double(n.arrivals) / cpu_s : 0.0, double(n.abandoned) / double(n.arrivals),
          n.wait_total_s / double(n.answered)};
}

// Also reports the queue's share of the event-list limit measured in the same process
// (share_of_event_list_limit): both rates in CPU time of this thread.
void BM_ErlangAReplication(benchmark::State& state) {
  const ccsim::Scenario s = erlang_a_queue(double(state.range(0)));
  std::uint64_t customers = 0, rep = 0;
  std::size_t peak = 0;
  double model_cpu_s = 0.0;
  for (auto _ : state) {
    const double start = thread_cpu_s();
    const auto r = ccsim::simulate_replication(s, 1, rep++);
    model_cpu_s += thread_cpu_s() - start;
    customers += r.contacts;
    peak = std::max(peak, r.peak_in_system);
    benchmark::DoNotOptimize(r.events);
  }
  state.SetItemsProcessed(std::int64_t(customers));
  state.counters["customers_per_s"] =
      benchmark::Counter(double(customers), benchmark::Counter::kIsRate);
  // About 190 agents busy and one arrival pending: 200 pending events, as BM_CalendarHold/200.
  const double limit = event_list_limit_customers_per_s(200);
  state.counters["event_list_limit_per_s"] = limit;
  state.counters["share_of_event_list_limit"] = double(customers) / model_cpu_s / limit;
  const FloorRun floor = run_floor(double(state.range(0)));
  state.counters["floor_customers_per_s"] = floor.customers_per_s;
  state.counters["floor_share_of_event_list_limit"] = floor.customers_per_s / limit;
  state.counters["floor_abandon_share"] = floor.abandon_share;
  state.counters["floor_asa_s"] = floor.asa_s;
  state.counters["peak_in_system"] = double(peak);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["max_rss_MiB"] = double(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ErlangAReplication)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond);

// One replication of a scenario of scenarios/ per iteration.
void scenario_day(benchmark::State& state, const char* name) {
  const auto file =
      std::filesystem::path(__FILE__).parent_path().parent_path() / "scenarios" / name;
  const ccsim::ScenarioParse parse = ccsim::load_scenario(file);
  if (!parse.ok()) {
    for (const auto& e : parse.errors) std::cerr << "error: " << e << "\n";
    std::exit(2);
  }
  const ccsim::Scenario& s = *parse.scenario;
  std::uint64_t customers = 0, rep = 0;
  for (auto _ : state) {
    const auto r = ccsim::simulate_replication(s, 1, rep++);
    customers += r.contacts;
    benchmark::DoNotOptimize(r.events);
  }
  state.SetItemsProcessed(std::int64_t(customers));
  state.counters["customers_per_s"] =
      benchmark::Counter(double(customers), benchmark::Counter::kIsRate);
  state.counters["days_per_s"] = benchmark::Counter(double(rep), benchmark::Counter::kIsRate);
}
void BM_RealisticDay(benchmark::State& state) {
  scenario_day(state, "realistic_day.json");
}
BENCHMARK(BM_RealisticDay)->Unit(benchmark::kMillisecond);

// scenarios/busy_signals.json: 8 half-hour intervals, 3 voice types, a trunk group of 30 lines
// shared by two of them and 6 lines of the third's own, redials after busy signals, about
// 1,300 contacts.
void BM_BusySignalsDay(benchmark::State& state) {
  scenario_day(state, "busy_signals.json");
}
BENCHMARK(BM_BusySignalsDay)->Unit(benchmark::kMillisecond);

// scenarios/queue_caps.json: 8 half-hour intervals, a queue capped at 8 waiting and 180 s of
// waiting that overflows to a back-up type, messages handled as email when the predicted wait
// exceeds 45 s, about 1,200 contacts.
void BM_QueueCapsDay(benchmark::State& state) {
  scenario_day(state, "queue_caps.json");
}
BENCHMARK(BM_QueueCapsDay)->Unit(benchmark::kMillisecond);

// scenarios/outbound_blend.json: 8 half-hour intervals, one voice type (about 840 calls) and a
// list of 400 outbound calls made between them by the same team; customers_per_s counts the
// inbound contacts, attempts_per_s the outbound attempts.
void BM_OutboundBlendDay(benchmark::State& state) {
  const auto file = std::filesystem::path(__FILE__).parent_path().parent_path() / "scenarios" /
                    "outbound_blend.json";
  const ccsim::ScenarioParse parse = ccsim::load_scenario(file);
  if (!parse.ok()) std::exit(2);
  std::uint64_t customers = 0, rep = 0;
  double attempts = 0.0;
  for (auto _ : state) {
    const auto r = ccsim::simulate_replication(*parse.scenario, 1, rep++);
    customers += r.contacts;
    attempts += r.outbound_total.at(0).attempts;
    benchmark::DoNotOptimize(r.events);
  }
  state.SetItemsProcessed(std::int64_t(customers));
  state.counters["customers_per_s"] =
      benchmark::Counter(double(customers), benchmark::Counter::kIsRate);
  state.counters["attempts_per_s"] = benchmark::Counter(attempts, benchmark::Counter::kIsRate);
  state.counters["days_per_s"] = benchmark::Counter(double(rep), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OutboundBlendDay)->Unit(benchmark::kMillisecond);

// scenarios/centre_limits.json: 8 half-hour intervals, 4 types (one of them email), a trunk
// group of 30 lines with redials after busy signals, a queue capped at 6 waiting and 150 s that
// overflows to a back-up type, voicemail when the predicted wait exceeds 45 s, scheduled
// callbacks into a calendar of 3 per interval, and an outbound list worked by the back-up team
// (about 1,300 contacts a day; customers_per_s counts inbound contacts only).
void BM_CentreLimitsDay(benchmark::State& state) {
  scenario_day(state, "centre_limits.json");
}
BENCHMARK(BM_CentreLimitsDay)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
