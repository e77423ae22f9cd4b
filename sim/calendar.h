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
  // REQUIRES: time_s >= now_s() (the past cannot be scheduled).
  EventHandle schedule(double time_s, int priority, const Payload& payload) {
    assert(time_s >= now_s_);
    std::uint32_t slot;
    if (free_slots_.empty()) {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{payload, 0});
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot].payload = payload;
    }
    push(Entry{time_s, next_sequence_++, priority, slot, slots_[slot].generation});
    ++live_;
    return EventHandle{slot, slots_[slot].generation};
  }

  // Cancels the event behind `handle`. Returns false (and does nothing) when the event has
  // already fired or been cancelled, or the handle is default.
  bool cancel(EventHandle handle) {
    if (!handle.valid() || handle.slot >= slots_.size()) return false;
    Slot& s = slots_[handle.slot];
    if (s.generation != handle.generation) return false;
    release(handle.slot);
    --live_;
    ++stale_;
    if (stale_ > live_ + kCompactSlack) compact();
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
      out.time_s = top.time_s;
      out.payload = s.payload;
      release(top.slot);
      --live_;
      now_s_ = top.time_s;
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
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.front().time_s;
  }

  double now_s() const { return now_s_; }
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

  struct Entry {
    double time_s;
    std::uint64_t sequence;
    int priority;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    Payload payload;
    std::uint32_t generation;
  };

  static bool before(const Entry& a, const Entry& b) {
    if (a.time_s != b.time_s) return a.time_s < b.time_s;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.sequence < b.sequence;
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
    for (;;) {
      std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
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
