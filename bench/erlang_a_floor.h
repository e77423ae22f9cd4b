// The least any model of the Erlang-A queue can do under the project's rules, as a yardstick
// for model_bench: arrivals merged outside the event calendar from one stream (as the model
// merges them), each customer's handle time and patience from streams of its own (common
// random numbers, as the model draws them), a patience timer scheduled for a customer who
// waits and cancelled when an agent takes it, one end-of-service event per answered customer.
// The timers are kept because the model must know the queue's length at any instant (backlog
// at each interval's end, wait prediction, queue caps), which a FIFO queue that drops its
// abandoned customers only when they reach its head would not tell.
// What it leaves out is everything else the model does: agents as individuals (routing,
// occupancy), per-contact records, per-interval statistics, quantiles, the optional flows.
//
// Invariant: the calendar runs dry, so every arrival ends answered or abandoned:
// answered + abandoned == arrivals and left_waiting == 0 (checked by model_bench).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/calendar.h"
#include "sim/random.h"

namespace bench {

struct FloorCounts {
  std::uint64_t arrivals = 0, answered = 0, abandoned = 0, left_waiting = 0;
  double wait_total_s = 0.0;  // over the answered
};

class ErlangAFloor {
 public:
  // REQUIRES: rate_per_s, mean_handle_s and mean_patience_s > 0; agents >= 1.
  ErlangAFloor(double rate_per_s, double mean_handle_s, double mean_patience_s, int agents,
               std::uint64_t seed, std::uint64_t replication)
      : mean_gap_s_(1.0 / rate_per_s),
        mean_handle_s_(mean_handle_s),
        mean_patience_s_(mean_patience_s),
        free_agents_(agents),
        seed_(seed),
        replication_(replication),
        arrivals_(seed, replication, kArrivalStream) {}

  // Simulates arrivals up to `end_s`, then lets the calendar run dry.
  FloorCounts run(double end_s) {
    double next_arrival_s = arrivals_.exponential(mean_gap_s_);
    sim::Calendar<std::uint64_t>::Event ev;
    for (;;) {
      if (next_arrival_s < end_s && next_arrival_s < calendar_.next_time_s()) {
        calendar_.advance_to(next_arrival_s);
        arrive();
        next_arrival_s += arrivals_.exponential(mean_gap_s_);
        continue;
      }
      if (!calendar_.pop(ev)) break;
      if (ev.payload & kAbandonBit) {
        abandon(std::uint32_t(ev.payload));
      } else {
        end_service();
      }
    }
    counts_.left_waiting = waiting_;
    return counts_;
  }

 private:
  static constexpr std::uint64_t kArrivalStream = 1, kHandle = 2, kPatience = 3;
  static constexpr std::uint64_t kAbandonBit = std::uint64_t(1) << 63;
  struct Customer {
    double arrival_s = 0.0;
    sim::EventHandle timer;
    bool waiting = false;
  };

  void arrive() {
    const std::uint64_t key = counts_.arrivals++;
    if (free_agents_ > 0) {
      --free_agents_;
      serve(key, 0.0);
      return;
    }
    const std::uint32_t slot = acquire();
    Customer& c = customers_[slot];
    c.arrival_s = calendar_.now_s();
    c.waiting = true;
    keys_[slot] = key;
    sim::RandomStream patience(seed_, replication_, kPatience, key);
    c.timer = calendar_.schedule(calendar_.now_s() + patience.exponential(mean_patience_s_), 0,
                                 kAbandonBit | slot);
    queue_.push_back(slot);
    ++waiting_;
  }

  void serve(std::uint64_t key, double waited_s) {
    sim::RandomStream handle(seed_, replication_, kHandle, key);
    calendar_.schedule(calendar_.now_s() + handle.exponential(mean_handle_s_), 0, 0);
    ++counts_.answered;
    counts_.wait_total_s += waited_s;
  }

  void end_service() {
    while (!queue_.empty()) {  // abandoned customers leave their place empty
      const std::uint32_t slot = queue_.front();
      queue_.pop_front();
      Customer& c = customers_[slot];
      if (!c.waiting) {
        free_.push_back(slot);
        continue;
      }
      c.waiting = false;
      --waiting_;
      calendar_.cancel(c.timer);
      free_.push_back(slot);
      serve(keys_[slot], calendar_.now_s() - c.arrival_s);
      return;
    }
    ++free_agents_;
  }

  void abandon(std::uint32_t slot) {
    customers_[slot].waiting = false;  // its place in the queue is skipped, then freed
    --waiting_;
    ++counts_.abandoned;
  }

  std::uint32_t acquire() {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      return slot;
    }
    customers_.emplace_back();
    keys_.push_back(0);
    return std::uint32_t(customers_.size() - 1);
  }

  double mean_gap_s_, mean_handle_s_, mean_patience_s_;
  int free_agents_;
  std::uint64_t seed_, replication_;
  sim::RandomStream arrivals_;
  sim::Calendar<std::uint64_t> calendar_;
  std::vector<Customer> customers_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> queue_;
  std::uint64_t waiting_ = 0;
  FloorCounts counts_;
};

}  // namespace bench
