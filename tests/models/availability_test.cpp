// Uncertain agents on duty (models/centre/availability.h): the factor keeps the mean, gives the
// stated spread and stays monotone; the model puts exactly the drawn agents on duty and moves
// no other draw. And compare's prediction interval with uncertain inputs
// (prediction_half_width, models/measured/measured.h).
#include "models/centre/availability.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/model.h"
#include "models/measured/measured.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;

const std::uint64_t kStream =
    sim::stream_combine(sim::stream_hash("agents"), centre::kAvailability);

TEST(AvailabilityUncertainty, ZeroCvLeavesTheScheduleAsItIs) {
  const std::vector<StaffChange> net{{0, 10}, {1800, 12}, {3600, 0}};
  const auto out = uncertain_schedule(net, 0.0, 1, 1, 0, kStream);
  ASSERT_EQ(out.size(), net.size());
  for (std::size_t i = 0; i < net.size(); ++i) EXPECT_EQ(out[i].agents, net[i].agents);
}

// Over 20,000 replications ten scheduled agents stay ten on average (within 4 standard
// errors) with the spread of f·10 plus at most a quarter agent² of rounding: sd √(4 + r) with
// 0 <= r <= 0.25 for cv 0.2.
TEST(AvailabilityUncertainty, AgentsOnDutyKeepTheirMeanWithTheStatedSpread) {
  const int reps = 20000;
  double sum = 0, sum2 = 0;
  for (int r = 0; r < reps; ++r) {
    const double n = uncertain_schedule({{0, 10}}, 0.2, 1, 7, std::uint64_t(r), kStream)[0].agents;
    sum += n;
    sum2 += n * n;
  }
  const double mean = sum / reps, sd = std::sqrt(sum2 / reps - mean * mean);
  EXPECT_NEAR(mean, 10.0, 4 * 2.1 / std::sqrt(double(reps)));
  EXPECT_GT(sd, 2.0 - 0.06);
  EXPECT_LT(sd, std::sqrt(4.25) + 0.06);
}

TEST(AvailabilityUncertainty, MoreScheduledNeverFewerOnDutyWithinADay) {
  std::vector<StaffChange> net;
  for (int n = 0; n <= 40; ++n) net.push_back({double(n) * 600, n});
  for (std::uint64_t r = 0; r < 200; ++r) {
    const auto out = uncertain_schedule(net, 0.5, 1, 3, r, kStream);
    EXPECT_EQ(out[0].agents, 0);
    for (std::size_t i = 1; i < out.size(); ++i) EXPECT_GE(out[i].agents, out[i - 1].agents);
  }
}

TEST(AvailabilityUncertainty, EachDayDrawsItsOwnFactor) {
  const std::vector<StaffChange> net{{0, 100}, {86400, 100}};
  int differ = 0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto out = uncertain_schedule(net, 0.3, 2, 5, r, kStream);
    differ += out[0].agents != out[1].agents;
    // Day 0 alone draws as a one-day horizon does.
    EXPECT_EQ(out[0].agents, uncertain_schedule({{0, 100}}, 0.3, 1, 5, r, kStream)[0].agents);
  }
  EXPECT_GE(differ, 15);
}

// The model puts on duty exactly the drawn agents (no contact arrives: the agents present are
// those on duty), and the contacts of a busy queue keep their arrival and handle times.
TEST(AvailabilityUncertainty, ModelPutsTheDrawnAgentsOnDutyAndMovesNoOtherDraw) {
  Scenario s = test::stationary_queue(0.0001, Distribution::exponential(300), 10, 3600, 0);
  s.agent_groups[0].availability_cv = 0.4;
  for (std::uint64_t r = 0; r < 10; ++r) {
    const ReplicationResult res = simulate_replication(s, 11, r, [](const ContactRecord&) {});
    const GroupStats& g = res.group_total[0];
    const int drawn = uncertain_schedule({{0, 10}}, 0.4, 1, 11, r, kStream)[0].agents;
    EXPECT_DOUBLE_EQ(g.available_agent_s / g.window_s, double(drawn));
  }
  Scenario busy = test::stationary_queue(100, Distribution::exponential(300), 10, 3600, 0);
  Scenario uncertain = busy;
  uncertain.agent_groups[0].availability_cv = 0.4;
  std::map<std::uint64_t, ContactRecord> a, b;
  simulate_replication(busy, 2, 0, [&](const ContactRecord& r) { a[r.id] = r; });
  simulate_replication(uncertain, 2, 0, [&](const ContactRecord& r) { b[r.id] = r; });
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [id, r] : a) {
    EXPECT_EQ(r.arrival_s, b.at(id).arrival_s);
    if (r.outcome == Outcome::Answered && b.at(id).outcome == Outcome::Answered) {
      EXPECT_EQ(r.handle_s, b.at(id).handle_s);
    }
  }
}

TEST(PredictionInterval, CertainInputsGiveCiTimesRootOfOnePlusNOverD) {
  EXPECT_DOUBLE_EQ(prediction_half_width(2.0, 2.0, 20, 5), 2.0 * std::sqrt(1.0 + 20.0 / 5));
}

TEST(PredictionInterval, OneMeasuredDayAddsTheInputsSpreadToTheNoise) {
  // √(1·(1 + 20) + (9 − 1)·20)
  EXPECT_DOUBLE_EQ(prediction_half_width(1.0, 3.0, 20, 1), std::sqrt(21.0 + 160.0));
}

// Inputs' error is the same on every measured day: more days shrink only the noise term.
TEST(PredictionInterval, InputErrorDoesNotShrinkWithMoreMeasuredDays) {
  const double fixed = 1.0, drawn = 3.0, n = 20;
  const double inputs = (drawn * drawn - fixed * fixed) * n;
  EXPECT_DOUBLE_EQ(prediction_half_width(fixed, drawn, 20, 1e12),
                   std::sqrt(fixed * fixed * (1 + n / 1e12) + inputs));
  EXPECT_GT(prediction_half_width(fixed, drawn, 20, 10), std::sqrt(inputs));
  // A spread with drawn inputs smaller by chance adds no negative term.
  EXPECT_DOUBLE_EQ(prediction_half_width(1.2, 1.0, 20, 4), 1.2 * std::sqrt(6.0));
}

}  // namespace
