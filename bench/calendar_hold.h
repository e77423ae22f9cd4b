// The classic hold model of an event calendar, shared by calendar_bench (BM_CalendarHold) and
// model_bench (the event-list limit beside the Erlang-A queue), so both measure the same loop.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/calendar.h"
#include "sim/random.h"

namespace bench {

// A calendar holding `pending` events, each hold popping the earliest and scheduling one an
// Exp(1) time after it (one exponential draw per hold from a single stream).
class CalendarHold {
 public:
  explicit CalendarHold(std::size_t pending) {
    for (std::size_t i = 0; i < pending; ++i) {
      cal_.schedule(rng_.exponential(1.0), 0, std::uint32_t(i));
    }
  }

  void hold() {
    cal_.pop(e_);
    cal_.schedule(e_.time_s + rng_.exponential(1.0), 0, e_.payload);
  }

  // The event popped last.
  const sim::Calendar<std::uint32_t>::Event& last() const { return e_; }

 private:
  sim::Calendar<std::uint32_t> cal_;
  sim::RandomStream rng_{1, 0, 0};
  sim::Calendar<std::uint32_t>::Event e_{};
};

}  // namespace bench
