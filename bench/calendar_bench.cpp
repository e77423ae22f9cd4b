// The classic hold model for future-event lists: N events pending; each step pops the
// earliest and schedules one at now + Exp(1). Reports events (holds) per second.
// Also the cost of an exponential variate drawn from one long stream (four draws a Philox4x64
// block) and from a stream of its own (a block a draw, as a contact's handle time or patience).
#include <benchmark/benchmark.h>

#include "bench/calendar_hold.h"
#include "sim/calendar.h"
#include "sim/random.h"

namespace {

void BM_CalendarHold(benchmark::State& state) {
  bench::CalendarHold model(std::size_t(state.range(0)));
  for (auto _ : state) model.hold();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalendarHold)->Arg(200)->Arg(2000)->Arg(20000);

// Hold with a cancelled timer per step, as an answered contact cancels its abandonment.
void BM_CalendarHoldWithCancel(benchmark::State& state) {
  const auto pending = std::size_t(state.range(0));
  sim::Calendar<std::uint32_t> cal;
  sim::RandomStream rng(1, 0, 0);
  for (std::size_t i = 0; i < pending; ++i) cal.schedule(rng.exponential(1.0), 0, std::uint32_t(i));
  sim::Calendar<std::uint32_t>::Event e;
  for (auto _ : state) {
    cal.pop(e);
    const auto timer = cal.schedule(e.time_s + rng.exponential(300.0), 1, 0);
    cal.schedule(e.time_s + rng.exponential(1.0), 0, e.payload);
    cal.cancel(timer);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalendarHoldWithCancel)->Arg(200);

// Exponential variates from one stream: a Philox4x64 block serves about four draws.
void BM_ExponentialFromOneStream(benchmark::State& state) {
  sim::RandomStream rng(1, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(rng.exponential(1.0));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExponentialFromOneStream);

// One exponential from each of a succession of streams, as the model draws a contact's handle
// time, patience or wrap-up from the contact's own stream: a Philox4x64 block a draw.
void BM_ExponentialFromOwnStream(benchmark::State& state) {
  std::uint64_t key = 0;
  for (auto _ : state) {
    sim::RandomStream rng(1, 0, 7, key++);
    benchmark::DoNotOptimize(rng.exponential(1.0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExponentialFromOwnStream);

}  // namespace

BENCHMARK_MAIN();
