// The classic hold model for future-event lists: N events pending; each step pops the
// earliest and schedules one at now + Exp(1). Reports events (holds) per second.
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

}  // namespace

BENCHMARK_MAIN();
