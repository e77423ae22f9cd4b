// Callback slots: the landing rule on hand-made bookings (callback_slots.h), and the model
// against independent checks: a hand-computed day from a trace, no slot over its capacity
// (counted from the contact records by due interval), conservation per type, and results
// bit-identical to no slots when the capacity is never reached.
#include "models/centre/callback_slots.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "tests/models/conservation.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;
using centre::land_callback;
using centre::slot_with_room;

Horizon day_of(int intervals, double interval_s = 1800) {
  Horizon h;
  h.interval_s = interval_s;
  h.intervals = intervals;
  return h;
}

TEST(CallbackSlotRule, LandsInTheScheduledSlotWhileItHasRoom) {
  EXPECT_EQ(slot_with_room({1, 0}, 2, 0, 0), 0);
  EXPECT_EQ(slot_with_room({}, 1, 3, 0), 3);  // slots not booked yet are empty
}

TEST(CallbackSlotRule, AFullSlotGivesTheFirstLaterSlotWithRoomWithinMaxAhead) {
  EXPECT_EQ(slot_with_room({2, 2, 1, 0}, 2, 0, 3), 2);
  EXPECT_EQ(slot_with_room({2, 2, 2}, 2, 1, 2), 3);  // past the bookings: room
}

TEST(CallbackSlotRule, NoSlotWithRoomWithinMaxAheadMeansNoOffer) {
  EXPECT_EQ(slot_with_room({2, 2, 1}, 2, 0, 1), std::nullopt);
  EXPECT_EQ(slot_with_room({1}, 1, 0, 0), std::nullopt);
}

TEST(CallbackSlotRule, ALaterSlotIsDueAtItsStartTheScheduledOneWhenScheduled) {
  const Horizon h = day_of(4);
  const auto here = land_callback({0}, 1, 1, h, 1000.0);
  ASSERT_TRUE(here);
  EXPECT_EQ(here->slot, 0);
  EXPECT_EQ(here->due_s, 1000.0);
  const auto later = land_callback({1}, 1, 1, h, 1000.0);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->slot, 1);
  EXPECT_EQ(later->due_s, 1800.0);
}

TEST(CallbackSlotRule, SlotsContinuePastTheHorizonEndOnePerInterval) {
  const Horizon h = day_of(4);  // ends at 7200
  EXPECT_EQ(centre::slot_at(h, 7199.0), 3);
  EXPECT_EQ(centre::slot_at(h, 7200.0), 4);
  EXPECT_EQ(centre::slot_at(h, 9100.0), 5);
  EXPECT_EQ(centre::slot_start_s(h, 5), 9000.0);
  const auto past = land_callback({0, 0, 0, 1, 1}, 1, 2, h, 5400.0);  // slots 3, 4 full
  ASSERT_TRUE(past);
  EXPECT_EQ(past->slot, 5);
  EXPECT_EQ(past->due_s, 9000.0);
}

TEST(CallbackSlotRule, SharedGroupsComeFirstThenEachTypesOwn) {
  Scenario s = test::stationary_queue(10, Distribution::exponential(60), 1);
  s.contact_types.resize(3, s.contact_types[0]);
  s.contact_types[1].name = "b";
  s.contact_types[2].name = "c";
  Callback own;
  own.mode = CallbackMode::Scheduled;
  own.slot_capacity = 5;
  s.contact_types[2].callback = own;
  s.callback_slots.push_back(CallbackSlots{"desk", 9, {0, 1}});
  const centre::SlotPools p = centre::slot_pools(s);
  EXPECT_EQ(p.names, (std::vector<std::string>{"desk", "c"}));
  EXPECT_EQ(p.capacity, (std::vector<int>{9, 5}));
  EXPECT_EQ(p.pool_of_type, (std::vector<int>{0, 0, 1}));
}

Callback scheduled_callback(std::optional<int> capacity, int ahead) {
  Callback cb;
  cb.mode = CallbackMode::Scheduled;
  cb.offer_when_expected_wait_over_s = 0.0;
  cb.accept_prob = 1.0;
  cb.at_interval_start_after = 1;
  cb.slot_capacity = capacity;
  cb.max_slots_ahead = ahead;
  return cb;
}

// One agent busy 3000 s with the first caller; four callers at 10, 20, 30 and 40 s; every
// offer accepted; one callback per interval, at most one interval later than scheduled.
TEST(CallbackSlotsModel, TheThirdCallerWantingACallbackInOneIntervalIsRefused) {
  Scenario s = test::stationary_queue(0, Distribution::deterministic(3000), 1, 5400, 0);
  s.horizon = day_of(3);
  ContactType& ct = s.contact_types[0];
  ct.arrivals.kind = Arrivals::Kind::Trace;
  ct.arrivals.trace_times_s = {10, 20, 30, 40};
  ct.callback = scheduled_callback(1, 1);
  std::vector<ContactRecord> records;
  const ReplicationResult res =
      simulate_replication(s, 1, 0, [&](const ContactRecord& r) { records.push_back(r); });
  std::map<std::uint64_t, ContactRecord> by_id;
  for (const ContactRecord& r : records) by_id[r.id] = r;
  ASSERT_EQ(by_id.size(), 4u);
  EXPECT_FALSE(by_id[0].callback_offered);  // the agent was free: no wait predicted
  EXPECT_TRUE(by_id[1].callback_accepted);
  EXPECT_EQ(by_id[1].callback_due_s, 1800.0);  // the next interval, as scheduled
  EXPECT_TRUE(by_id[2].callback_accepted);
  EXPECT_EQ(by_id[2].callback_due_s, 3600.0);  // that slot is full: one interval later
  EXPECT_FALSE(by_id[3].callback_offered);     // both full: no offer, stays in the queue
  EXPECT_TRUE(by_id[3].callback_no_slot);
  EXPECT_TRUE(by_id[3].queued);
  EXPECT_EQ(by_id[3].outcome, Outcome::Answered);
  ASSERT_EQ(res.slot_used.size(), 3u);
  EXPECT_EQ(res.slot_used[0][0], 0);
  EXPECT_EQ(res.slot_used[1][0], 1);
  EXPECT_EQ(res.slot_used[2][0], 1);
  EXPECT_EQ(res.contact[0][0].value(Kpi::CallbacksNoSlot), 1.0);
  EXPECT_EQ(res.contact[0][0].value(Kpi::CallbacksOffered), 2.0);
}

// Two voice types sharing a slot group, under a heavy load with scheduled callbacks.
Scenario busy_day(std::optional<int> shared_capacity, int ahead) {
  Scenario s = test::stationary_queue(0, Distribution::exponential(240), 12, 14400, 0);
  s.horizon = day_of(8);
  ContactType& calls = s.contact_types[0];
  calls.arrivals.kind = Arrivals::Kind::PerInterval;
  calls.arrivals.per_interval = {60, 120, 150, 150, 140, 120, 90, 60};
  calls.patience = Distribution::exponential(300);
  Callback cb = scheduled_callback(std::nullopt, ahead);
  cb.offer_when_expected_wait_over_s = 60.0;
  cb.accept_prob = 0.6;
  cb.at_interval_start_after.reset();
  cb.delay_s = 900.0;
  calls.callback = cb;
  ContactType other = calls;
  other.name = "other";
  other.arrivals.per_interval = {20, 30, 40, 40, 40, 30, 30, 20};
  other.callback->delay_s = 0.0;
  other.callback->at_interval_start_after = 2;
  s.contact_types.push_back(other);
  s.agent_groups[0].skills = {0, 1};
  if (shared_capacity) s.callback_slots.push_back(CallbackSlots{"desk", *shared_capacity, {0, 1}});
  return s;
}

TEST(CallbackSlotsModel, NoSlotEverHoldsMoreThanItsCapacity) {
  const int capacity = 6;
  const Scenario s = busy_day(capacity, 1);
  std::uint64_t refused = 0;
  bool some_slot_full = false;
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    std::map<int, int> by_slot;  // accepted callbacks by the interval they were due in
    const ReplicationResult res = simulate_replication(s, 7, rep, [&](const ContactRecord& r) {
      if (r.callback_accepted) ++by_slot[centre::slot_at(s.horizon, r.callback_due_s)];
      if (r.callback_no_slot) ++refused;
    });
    for (const auto& [slot, n] : by_slot) {
      EXPECT_LE(n, capacity) << "slot " << slot;
      some_slot_full = some_slot_full || n == capacity;
      if (slot < 8) {
        EXPECT_EQ(res.slot_used[std::size_t(slot)][0], n);
      }
    }
  }
  EXPECT_TRUE(some_slot_full);
  EXPECT_GT(refused, 0u);
}

std::uint64_t count(const ContactStats& s, Kpi k) {
  return std::uint64_t(*s.value(k));
}

TEST(CallbackSlotsModel, EveryOfferedContactEndsInExactlyOneOutcomePerType) {
  const Scenario s = busy_day(4, 2);
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const ReplicationResult res = simulate_replication(s, 3, rep);
    std::vector<ContactStats> total(2);
    for (const auto& row : res.contact) {
      for (std::size_t k = 0; k < 2; ++k) total[k].merge(row[k]);
    }
    for (const ContactStats& t : total) {
      EXPECT_GT(count(t, Kpi::CallbacksNoSlot), 0u);
      EXPECT_EQ(count(t, Kpi::Offered), test::ended_contacts(t));
    }
  }
}

TEST(CallbackSlotsModel, ACapacityNeverReachedGivesResultsBitIdenticalToNoSlots) {
  RunOptions o;
  o.replications = 4;
  o.seed = 12;
  const Results free = run_experiment(busy_day(std::nullopt, 0), o);
  const Results roomy = run_experiment(busy_day(1000000, 0), o);
  ASSERT_EQ(roomy.slot_groups.size(), 1u);
  EXPECT_GT(roomy.slot_totals[0][SlotKpi::SlotsUsed]->mean, 100.0);
  auto same = [](const std::vector<ContactKpis>& a, const std::vector<ContactKpis>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      for (const KpiInfo& info : contact_kpis()) {
        const KpiEstimate &x = a[k][info.kpi], &y = b[k][info.kpi];
        ASSERT_EQ(x.has_value(), y.has_value()) << info.name;
        if (x) {
          EXPECT_EQ(x->mean, y->mean) << info.name;
          EXPECT_EQ(x->ci95, y->ci95) << info.name;
        }
      }
    }
  };
  same(free.totals, roomy.totals);
  for (std::size_t i = 0; i < free.intervals.size(); ++i)
    same(free.intervals[i], roomy.intervals[i]);
  EXPECT_GT(free.totals[0][Kpi::CallbacksAccepted]->mean, 0.0);
  EXPECT_EQ(roomy.totals[0][Kpi::CallbacksNoSlot]->mean, 0.0);
}

TEST(CallbackSlotsModel, SlotUseIsSlotsUsedOverCapacityTimesIntervals) {
  RunOptions o;
  o.replications = 3;
  o.seed = 5;
  const Results r = run_experiment(busy_day(6, 1), o);
  ASSERT_EQ(r.slot_capacity, (std::vector<int>{6}));
  double sum = 0.0;
  for (const auto& row : r.slot_intervals) {
    sum += row[0][SlotKpi::SlotsUsed]->mean;
    EXPECT_LE(row[0][SlotKpi::SlotsUsed]->mean, 6.0);
    EXPECT_NEAR(row[0][SlotKpi::SlotUse]->mean, row[0][SlotKpi::SlotsUsed]->mean / 6.0, 1e-12);
  }
  EXPECT_NEAR(r.slot_totals[0][SlotKpi::SlotsUsed]->mean, sum, 1e-9);
  EXPECT_NEAR(r.slot_totals[0][SlotKpi::SlotUse]->mean, sum / (6.0 * 8), 1e-12);
}

}  // namespace
