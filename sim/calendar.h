// The future-event list of a discrete-event simulation.
//
// Events are ordered by (time, priority, sequence): earlier time first, then smaller priority
// value, then the order in which they were scheduled. Runs are therefore deterministic.
//
// Cancellation is O(1): a cancelled event is marked stale through a generation counter and
// dropped when it reaches the top of the heap. The heap is compacted whenever stale entries
// outnumber live ones, so memory stays O(pending events).
//
// The calendar knows nothing of what an event means: the payload is a small value type
// chosen by the model.
#pragma once

#include <bit>
#include <cassert>
#include <cstdint>
#include <limits>
#include <vector>

namespace sim {

// Identifies one scheduled event, for cancellation. A default handle refers to no event.
struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t generation = 0;
  bool valid() const { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

template <class Payload>
class Calendar {
 public:
  struct Event {
    double time_s;
    Payload payload;
  };

  // Schedules `payload` at `time_s`.
  // REQUIRES: time_s >= now_s() (the past cannot be scheduled); -128 <= priority <= 127.
  EventHandle schedule(double time_s, int priority, const Payload& payload) {
    assert(time_s >= now_s_);
    assert(priority >= -128 && priority <= 127);
    std::uint32_t slot;
    if (free_slots_.empty()) {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{payload, 0});
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot].payload = payload;
    }
    push(Entry{time_key(time_s), order_key(priority), slot, slots_[slot].generation});
    ++live_;
    return EventHandle{slot, slots_[slot].generation};
  }

  // Cancels the event behind `handle`. Returns false (and does nothing) when the event has
  // already fired or been cancelled, or the handle is default.
  // The checks are inline so that cancelling a default handle (a timer never set) is nearly
  // free; the work is out of line.
  bool cancel(EventHandle handle) {
    if (!handle.valid() || handle.slot >= slots_.size() ||
        slots_[handle.slot].generation != handle.generation) {
      return false;
    }
    retire(handle.slot);
    return true;
  }

  // Removes the next event and advances the clock to its time.
  // Returns false when no event is pending.
  bool pop(Event& out) {
    while (!heap_.empty()) {
      const Entry top = heap_.front();
      pop_heap_top();
      Slot& s = slots_[top.slot];
      if (s.generation != top.generation) {
        --stale_;
        continue;
      }
      out.time_s = std::bit_cast<double>(top.time);
      out.payload = s.payload;
      release(top.slot);
      --live_;
      now_s_ = out.time_s;
      return true;
    }
    return false;
  }

  // Time of the next live event, or +infinity when none is pending.
  double next_time_s() {
    while (!heap_.empty() && slots_[heap_.front().slot].generation != heap_.front().generation) {
      pop_heap_top();
      --stale_;
    }
    return heap_.empty() ? std::numeric_limits<double>::infinity()
                         : std::bit_cast<double>(heap_.front().time);
  }

  double now_s() const { return now_s_; }

  // Advances the clock to `time_s` for an event the caller keeps outside the calendar (e.g. a
  // stream of arrivals, which is cheaper to merge than to store here).
  // REQUIRES: now_s() <= time_s <= next_time_s().
  void advance_to(double time_s) {
    assert(time_s >= now_s_);
    now_s_ = time_s;
  }
  std::size_t pending() const { return live_; }
  bool empty() const { return live_ == 0; }
  // Entries held by the heap, live or stale. Exposed for memory tests.
  std::size_t heap_size() const { return heap_.size(); }

  // Pre-allocates room for `n` pending events.
  void reserve(std::size_t n) {
    heap_.reserve(n);
    slots_.reserve(n);
  }

 private:
  static constexpr std::size_t kArity = 4;
  static constexpr std::size_t kCompactSlack = 1024;

  // The ordering key is (time, priority, sequence) packed into two unsigned words: the bits of
  // a non-negative double order like the double, and (priority + 128) << 56 | sequence orders
  // like (priority, sequence). Comparing entries is then two integer comparisons.
  struct Entry {
    std::uint64_t time;
    std::uint64_t order;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  static std::uint64_t time_key(double time_s) {
    return std::bit_cast<std::uint64_t>(time_s + 0.0);  // + 0.0 turns -0.0 into +0.0
  }
  std::uint64_t order_key(int priority) {
    return (std::uint64_t(priority + 128) << 56) | (next_sequence_++ & kSequenceMask);
  }
  static constexpr std::uint64_t kSequenceMask = (std::uint64_t(1) << 56) - 1;
  struct Slot {
    Payload payload;
    std::uint32_t generation;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }

  // Cancels the pending event in `slot`. REQUIRES: the slot holds a pending event.
  [[gnu::noinline]] void retire(std::uint32_t slot) {
    release(slot);
    --live_;
    ++stale_;
    if (stale_ > live_ + kCompactSlack) compact();
  }

  void release(std::uint32_t slot) {
    ++slots_[slot].generation;
    free_slots_.push_back(slot);
  }

  void push(const Entry& e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void pop_heap_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
  }

  void sift_down(std::size_t i, const Entry& e) {
    const std::size_t n = heap_.size();
    Entry* h = heap_.data();
    for (;;) {
      const std::size_t first = i * kArity + 1;
      std::size_t best;
      if (first + kArity <= n) {  // all four children: a branch-light tournament
        const std::size_t a = before(h[first + 1], h[first]) ? first + 1 : first;
        const std::size_t b = before(h[first + 3], h[first + 2]) ? first + 3 : first + 2;
        best = before(h[b], h[a]) ? b : a;
      } else {
        if (first >= n) break;
        best = first;
        for (std::size_t c = first + 1; c < n; ++c) {
          if (before(h[c], h[best])) best = c;
        }
      }
      if (!before(h[best], e)) break;
      h[i] = h[best];
      i = best;
    }
    h[i] = e;
  }

  void compact() {
    std::size_t kept = 0;
    for (const Entry& e : heap_) {
      if (slots_[e.slot].generation == e.generation) heap_[kept++] = e;
    }
    heap_.resize(kept);
    stale_ = 0;
    if (heap_.size() < 2) return;
    for (std::size_t i = (heap_.size() - 2) / kArity + 1; i-- > 0;) sift_down(i, heap_[i]);
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_sequence_ = 0;
  std::size_t live_ = 0;
  std::size_t stale_ = 0;
  double now_s_ = 0.0;
};

}  // namespace sim
