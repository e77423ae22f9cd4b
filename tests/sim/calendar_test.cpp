#include "sim/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace {

TEST(Calendar, EventsFireInTimeOrder) {
  sim::Calendar<int> cal;
  cal.schedule(3.0, 0, 3);
  cal.schedule(1.0, 0, 1);
  cal.schedule(2.0, 0, 2);
  std::vector<int> fired;
  sim::Calendar<int>::Event e;
  while (cal.pop(e)) fired.push_back(e.payload);
  EXPECT_EQ(fired, (std::vector<int>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(cal.now_s(), 3.0);
}

TEST(Calendar, EqualTimesFireByPriorityThenInsertionOrder) {
  sim::Calendar<int> cal;
  cal.schedule(5.0, 2, 20);
  cal.schedule(5.0, 1, 10);
  cal.schedule(5.0, 2, 21);
  cal.schedule(5.0, 1, 11);
  std::vector<int> fired;
  sim::Calendar<int>::Event e;
  while (cal.pop(e)) fired.push_back(e.payload);
  EXPECT_EQ(fired, (std::vector<int>{10, 11, 20, 21}));
}

TEST(Calendar, CancelledEventNeverFires) {
  sim::Calendar<int> cal;
  cal.schedule(1.0, 0, 1);
  const auto h = cal.schedule(2.0, 0, 2);
  cal.schedule(3.0, 0, 3);
  EXPECT_TRUE(cal.cancel(h));
  EXPECT_EQ(cal.pending(), 2u);
  std::vector<int> fired;
  sim::Calendar<int>::Event e;
  while (cal.pop(e)) fired.push_back(e.payload);
  EXPECT_EQ(fired, (std::vector<int>{1, 3}));
}

TEST(Calendar, CancelTwiceOrAfterFiringIsRefused) {
  sim::Calendar<int> cal;
  const auto a = cal.schedule(1.0, 0, 1);
  const auto b = cal.schedule(2.0, 0, 2);
  EXPECT_TRUE(cal.cancel(b));
  EXPECT_FALSE(cal.cancel(b));
  sim::Calendar<int>::Event e;
  ASSERT_TRUE(cal.pop(e));
  EXPECT_FALSE(cal.cancel(a));
  EXPECT_FALSE(cal.cancel(sim::EventHandle{}));
}

TEST(Calendar, StaleHandleDoesNotCancelTheSlotsNextEvent) {
  sim::Calendar<int> cal;
  const auto old = cal.schedule(1.0, 0, 1);
  sim::Calendar<int>::Event e;
  ASSERT_TRUE(cal.pop(e));
  cal.schedule(2.0, 0, 2);  // reuses the slot
  EXPECT_FALSE(cal.cancel(old));
  ASSERT_TRUE(cal.pop(e));
  EXPECT_EQ(e.payload, 2);
}

TEST(Calendar, MemoryStaysBoundedUnderScheduleCancelChurn) {
  // Like an abandonment timer cancelled on every answer: each far-future event is cancelled.
  sim::Calendar<int> cal;
  sim::Calendar<int>::Event e;
  double t = 0.0;
  std::size_t largest_heap = 0;
  for (int i = 0; i < 1000000; ++i) {
    const auto timer = cal.schedule(t + 1.0e6, 0, -i);
    cal.schedule(t + 1.0, 0, i);
    cal.cancel(timer);
    ASSERT_TRUE(cal.pop(e));
    ASSERT_EQ(e.payload, i);
    t = e.time_s;
    largest_heap = std::max(largest_heap, cal.heap_size());
  }
  EXPECT_TRUE(cal.empty());
  // Without compaction the heap would hold a million stale timers.
  EXPECT_LT(largest_heap, 4096u);
}

TEST(Calendar, NextTimeSkipsCancelledEvents) {
  sim::Calendar<int> cal;
  const auto h = cal.schedule(1.0, 0, 1);
  cal.schedule(4.0, 0, 4);
  cal.cancel(h);
  EXPECT_DOUBLE_EQ(cal.next_time_s(), 4.0);
}

}  // namespace
