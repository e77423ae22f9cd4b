// Staffing for a share of the days (Options::meet_probability): the value a share of days
// reaches, and a staffing that meets its targets on that share of days in an independent run.
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/staffing.h"

namespace ccsim {
namespace {

using staffing::days_needed;
using staffing::Judge;
using staffing::value_met_on_days;
using Days = std::vector<std::optional<double>>;

TEST(DaysNeeded, IsTheShareOfTheDaysOrItsConfidenceBound) {
  EXPECT_EQ(days_needed(10, 0.9, Judge::Mean), 9);
  EXPECT_EQ(days_needed(10, 0.81, Judge::Mean), 9);
  EXPECT_EQ(days_needed(10, 0.8, Judge::Mean), 8);
  // Wilson score 95% lower bounds: 372 of 400 days show 0.9 (0.9001), 371 do not.
  EXPECT_EQ(days_needed(400, 0.9, Judge::Ci95), 372);
  EXPECT_EQ(days_needed(100, 0.9, Judge::Ci95), 96);
  EXPECT_EQ(days_needed(35, 0.9, Judge::Ci95), 35);
  EXPECT_EQ(days_needed(34, 0.9, Judge::Ci95), 35);  // 34 of 34 only show 0.8985
}

TEST(ValueMetOnDays, IsTheOrderStatisticThatThatManyDaysReach) {
  const Days days{0.9, 0.5, 0.7, 0.8, 0.6, 1.0, 0.75, 0.85, 0.95, 0.65};
  // 9 of 10 days at least 0.6 (higher is better); 9 of 10 at most 0.95 (lower is better).
  EXPECT_EQ(value_met_on_days(days, 9, true), 0.6);
  EXPECT_EQ(value_met_on_days(days, 9, false), 0.95);
  EXPECT_EQ(value_met_on_days(days, 8, true), 0.65);
  EXPECT_EQ(value_met_on_days(days, 11, true), -std::numeric_limits<double>::infinity());
}

TEST(ValueMetOnDays, UndefinedDaysMeetTheTarget) {
  const Days days{std::nullopt, 0.2, 0.9, std::nullopt};
  EXPECT_EQ(value_met_on_days(days, 3, true), 0.9);  // the 2 undefined days and 0.9
  EXPECT_EQ(value_met_on_days(days, 2, true), std::nullopt);
  EXPECT_EQ(value_met_on_days(Days{std::nullopt}, 1, false), std::nullopt);
}

// Two hours in half-hours with forecast error (volume_cv 0.2): 80/20 service level, patience.
Scenario uncertain_morning() {
  Scenario s;
  s.name = "uncertain morning";
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 4;
  ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = Arrivals::Kind::PerInterval;
  ct.arrivals.per_interval = {60, 100, 120, 80};
  ct.arrivals.volume_cv = 0.2;
  ct.handle_time = Distribution::exponential(180);
  ct.patience = Distribution::exponential(300);
  ct.has_service_level_target = true;
  ct.service_level = {20.0, 0.8};
  s.contact_types.push_back(ct);
  AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.kind = Staffing::Kind::Count;
  g.staff.count = 10;
  s.agent_groups.push_back(g);
  return s;
}

TEST(MeetProbability, StaffsAtLeastTheMeanDayAndMeetsTheShareOfDaysInAnIndependentRun) {
  const Scenario s = uncertain_morning();
  staffing::Options options;
  options.replications = 400;
  options.seed = 1;
  const staffing::Outcome mean = staffing::staff(s, options);
  options.meet_probability = 0.9;
  options.judge = Judge::Ci95;  // a margin for the days of another run
  const staffing::Outcome p90 = staffing::staff(s, options);
  ASSERT_TRUE(mean.result && p90.result);
  EXPECT_TRUE(p90.result->misses.empty());
  int more = 0;
  for (int i = 0; i < s.horizon.interval_count(); ++i) {
    EXPECT_GE(p90.result->scheduled[0][std::size_t(i)], mean.result->scheduled[0][std::size_t(i)])
        << "interval " << i;
    more += p90.result->scheduled[0][std::size_t(i)] - mean.result->scheduled[0][std::size_t(i)];
  }
  EXPECT_GT(more, 0);

  RunOptions rerun;
  rerun.replications = 400;
  rerun.seed = 20261206;
  const Scenario staffed = staffing::with_staffing(s, p90.result->scheduled);
  const std::vector<ReplicationKpis> days = simulate_replications(staffed, rerun);
  for (int i = 0; i < s.horizon.interval_count(); ++i) {
    int met = 0;
    for (const ReplicationKpis& day : days) {
      const auto sl = day.contact[contact_kpi_index(1, std::size_t(i), 0, Kpi::ServiceLevel)];
      if (!sl || *sl >= 0.8) ++met;
    }
    EXPECT_GE(met, 0.9 * double(days.size())) << "interval " << i;
  }
}

TEST(MeetProbability, SpreadOfTheDailyServiceLevelIsReported) {
  const Scenario s = uncertain_morning();
  staffing::Options options;
  options.replications = 40;
  options.meet_probability = 0.8;
  const staffing::Outcome out = staffing::staff(s, options);
  ASSERT_TRUE(out.result);
  const auto& spread = out.result->daily_service_level;
  ASSERT_EQ(spread.size(), 4u);
  for (const auto& interval : spread) {
    ASSERT_EQ(interval.size(), 1u);
    const staffing::DailySpread& d = interval[0];
    ASSERT_TRUE(d.p10 && d.p50 && d.p90 && d.share_meeting);
    EXPECT_LE(*d.p10, *d.p50);
    EXPECT_LE(*d.p50, *d.p90);
    EXPECT_GE(*d.share_meeting, 0.8);  // the staffing meets the target on 80% of the days
  }
  options.meet_probability.reset();
  EXPECT_TRUE(staffing::staff(s, options).result->daily_service_level.empty());
}

TEST(MeetProbability, TooFewDaysToShowTheShareWithConfidenceIsAnError) {
  staffing::Options options;
  options.replications = 34;
  options.meet_probability = 0.9;
  options.judge = Judge::Ci95;
  EXPECT_EQ(staffing::staff(uncertain_morning(), options).errors,
            std::vector<std::string>{"replications: 34 are too few to show a meeting probability "
                                     "of 0.9 with 95% confidence; at least 35 are needed"});
}

}  // namespace
}  // namespace ccsim
