// Targets judged at 95% (models/kpi/targets.h), checked over a run's scopes
// (models/centre/targets.h), and what the "all" scope pools (models/kpi/kpi.h).
#include "models/centre/targets.h"

#include <gtest/gtest.h>

#include "models/centre/experiment.h"
#include "models/kpi/targets.h"

namespace ccsim {
namespace {

sim::Estimate est(double mean, double ci95, std::uint64_t n = 20) {
  return sim::Estimate{mean, ci95, n};
}

TEST(Verdicts, FloorMetWhenTheWholeCiIsAtOrAboveTheTarget) {
  EXPECT_EQ(judge(est(0.85, 0.03), 0.8, TargetSense::AtLeast), Verdict::Met);
  EXPECT_EQ(judge(est(0.875, 0.125), 0.75, TargetSense::AtLeast), Verdict::Met);  // touches
}

TEST(Verdicts, FloorMissedWhenTheWholeCiIsBelowTheTarget) {
  EXPECT_EQ(judge(est(0.76, 0.03), 0.8, TargetSense::AtLeast), Verdict::Missed);
}

TEST(Verdicts, FloorNotDistinguishableWhenTheCiStraddlesOrTouchesFromBelow) {
  EXPECT_EQ(judge(est(0.81, 0.03), 0.8, TargetSense::AtLeast), Verdict::NotDistinguishable);
  EXPECT_EQ(judge(est(0.79, 0.03), 0.8, TargetSense::AtLeast), Verdict::NotDistinguishable);
  EXPECT_EQ(judge(est(0.625, 0.125), 0.75, TargetSense::AtLeast), Verdict::NotDistinguishable);
}

TEST(Verdicts, CapMetBelowMissedAboveAndNotDistinguishableAcross) {
  EXPECT_EQ(judge(est(0.03, 0.01), 0.05, TargetSense::AtMost), Verdict::Met);
  EXPECT_EQ(judge(est(0.07, 0.01), 0.05, TargetSense::AtMost), Verdict::Missed);
  EXPECT_EQ(judge(est(0.045, 0.01), 0.05, TargetSense::AtMost), Verdict::NotDistinguishable);
  EXPECT_EQ(judge(est(0.375, 0.125), 0.5, TargetSense::AtMost), Verdict::Met);  // touches
  EXPECT_EQ(judge(est(0.625, 0.125), 0.5, TargetSense::AtMost), Verdict::NotDistinguishable);
}

TEST(Verdicts, ExactFiguresAreMetOrMissedByTheirValueAlone) {
  EXPECT_EQ(judge(est(0.8, 0.0, 0), 0.8, TargetSense::AtLeast), Verdict::Met);
  EXPECT_EQ(judge(est(0.799, 0.0, 0), 0.8, TargetSense::AtLeast), Verdict::Missed);
  EXPECT_EQ(judge(est(20.0, 0.0, 0), 20.0, TargetSense::AtMost), Verdict::Met);
  EXPECT_EQ(judge(est(20.5, 0.0, 0), 20.0, TargetSense::AtMost), Verdict::Missed);
}

TEST(Verdicts, OneReplicationHasNoCiAndSoNoVerdict) {
  EXPECT_EQ(judge(est(0.2, 0.0, 1), 0.8, TargetSense::AtLeast), Verdict::NotDistinguishable);
}

// A voice type "calls" with 80/20 and abandonment at most 5%, a group "team" with occupancy at
// most 0.85; results of three intervals built by hand.
struct HandBuilt {
  Scenario sc;
  Results r;
  HandBuilt() {
    sc.horizon.intervals = 3;
    sc.horizon.start = "08:00";
    ContactType t;
    t.name = "calls";
    t.has_service_level_target = true;
    t.service_level = {20.0, 0.8};
    t.max_abandon_rate = 0.05;
    sc.contact_types.push_back(t);
    AgentGroup g;
    g.name = "team";
    g.skills = {0};
    g.max_occupancy = 0.85;
    sc.agent_groups.push_back(g);
    r.types = {"calls"};
    r.groups = {"team"};
    r.interval_start_s = {0, 1800, 3600};
    r.interval_day = {0, 0, 0};
    r.totals.resize(2);
    r.group_totals.resize(1);
    r.intervals.assign(3, std::vector<ContactKpis>(2));
    r.group_intervals.assign(3, std::vector<GroupKpis>(1));
  }
  void set(std::optional<std::size_t> i, Kpi q, sim::Estimate e) {
    (i ? r.intervals[*i][0] : r.totals[0]).kpi[std::size_t(q)] = e;
  }
  void set_occupancy(std::optional<std::size_t> i, sim::Estimate e) {
    (i ? r.group_intervals[*i][0] : r.group_totals[0]).kpi[std::size_t(GroupKpi::Occupancy)] = e;
  }
};

TEST(Targets, IntervalMissedWhenWholeCiBelowTargetAndUndefinedIntervalsHaveNoRow) {
  HandBuilt h;
  h.set(std::nullopt, Kpi::ServiceLevel, est(0.82, 0.01));
  h.set(0, Kpi::ServiceLevel, est(0.90, 0.02));
  h.set(1, Kpi::ServiceLevel, est(0.60, 0.05));
  // interval 2: no contact answered or abandoned, the service level is undefined
  const std::vector<TargetCheck> checks = check_targets(h.r, h.sc);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].scope, TargetScope::Total);
  EXPECT_EQ(checks[0].verdict, Verdict::Met);
  EXPECT_EQ(checks[1].scope, TargetScope::Interval);
  EXPECT_EQ(checks[1].index, 0);
  EXPECT_EQ(checks[1].verdict, Verdict::Met);
  EXPECT_EQ(checks[2].index, 1);
  EXPECT_EQ(checks[2].verdict, Verdict::Missed);
  EXPECT_EQ(checks[2].kpi, "service_level");
  EXPECT_EQ(checks[2].owner_name, "calls");
  EXPECT_DOUBLE_EQ(checks[2].target, 0.8);
  EXPECT_DOUBLE_EQ(checks[2].threshold_s, 20.0);
  EXPECT_DOUBLE_EQ(checks[2].value, 0.60);
  EXPECT_DOUBLE_EQ(checks[2].ci95, 0.05);
  EXPECT_EQ(target_label(checks[2]), "80/20");
}

TEST(Targets, EveryStatedTargetIsCheckedInItsOwnersOrder) {
  HandBuilt h;
  h.set(0, Kpi::ServiceLevel, est(0.79, 0.03));
  h.set(0, Kpi::AbandonRate, est(0.08, 0.01));
  h.set_occupancy(std::nullopt, est(0.80, 0.02));
  h.set_occupancy(2, est(0.95, 0.01));
  const std::vector<TargetCheck> checks = check_targets(h.r, h.sc);
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks[0].kpi, "service_level");
  EXPECT_EQ(checks[0].verdict, Verdict::NotDistinguishable);
  EXPECT_EQ(checks[1].kpi, "abandon_rate");
  EXPECT_EQ(checks[1].verdict, Verdict::Missed);
  EXPECT_EQ(target_label(checks[1]), "abandon ≤ 5%");
  EXPECT_TRUE(checks[2].of_group);
  EXPECT_EQ(checks[2].owner_name, "team");
  EXPECT_EQ(checks[2].scope, TargetScope::Total);
  EXPECT_EQ(checks[2].verdict, Verdict::Met);
  EXPECT_EQ(checks[3].index, 2);
  EXPECT_EQ(checks[3].verdict, Verdict::Missed);
  EXPECT_EQ(target_label(checks[3]), "occupancy ≤ 85%");
}

TEST(Targets, NoTargetStatedGivesNoCheck) {
  HandBuilt h;
  h.sc.contact_types[0].has_service_level_target = false;
  h.sc.contact_types[0].max_abandon_rate.reset();
  h.sc.agent_groups[0].max_occupancy.reset();
  h.set(0, Kpi::ServiceLevel, est(0.1, 0.01));
  EXPECT_TRUE(check_targets(h.r, h.sc).empty());
}

ContactType type_of(Channel channel, double threshold_s) {
  ContactType t;
  t.channel = channel;
  t.service_level.threshold_s = threshold_s;
  return t;
}

TEST(PooledScope, VoiceAndEmailPoolCountsAndAbandonmentButNoWaitOrServiceLevel) {
  const ContactType voice = type_of(Channel::Voice, 20), email = type_of(Channel::Email, 14400);
  const PoolingBasis basis = pooling_basis({&voice, &email});
  for (Kpi q : {Kpi::ServiceLevel, Kpi::Asa, Kpi::WaitP90, Kpi::Aht, Kpi::Art}) {
    EXPECT_FALSE(pooled_in_all(q, basis)) << kpi_info(q).name;
  }
  for (Kpi q : {Kpi::Offered, Kpi::Answered, Kpi::Abandoned, Kpi::AbandonRate, Kpi::BacklogEnd}) {
    EXPECT_TRUE(pooled_in_all(q, basis)) << kpi_info(q).name;
  }
}

TEST(PooledScope, TwoVoiceQueuesWithOneThresholdKeepServiceLevelAndAsa) {
  const ContactType a = type_of(Channel::Voice, 20), b = type_of(Channel::Voice, 20);
  const PoolingBasis basis = pooling_basis({&a, &b});
  EXPECT_TRUE(pooled_in_all(Kpi::ServiceLevel, basis));
  EXPECT_TRUE(pooled_in_all(Kpi::Asa, basis));
}

TEST(PooledScope, TwoVoiceQueuesWithTwoThresholdsKeepAsaButNotServiceLevel) {
  const ContactType a = type_of(Channel::Voice, 20), b = type_of(Channel::Voice, 30);
  const PoolingBasis basis = pooling_basis({&a, &b});
  EXPECT_FALSE(pooled_in_all(Kpi::ServiceLevel, basis));
  EXPECT_TRUE(pooled_in_all(Kpi::Asa, basis));
}

TEST(PooledScope, WithheldKpisAreUndefinedInEveryAllScope) {
  HandBuilt h;
  h.sc.contact_types.push_back(type_of(Channel::Email, 14400));
  h.r.types.push_back("mail");
  h.r.totals.resize(3);
  for (auto& row : h.r.intervals) row.resize(3);
  for (ContactKpis* all : {&h.r.totals[2], &h.r.intervals[1][2]}) {
    all->kpi[std::size_t(Kpi::ServiceLevel)] = est(0.8, 0.01);
    all->kpi[std::size_t(Kpi::Asa)] = est(12, 1);
    all->kpi[std::size_t(Kpi::Offered)] = est(100, 3);
  }
  withhold_unpooled(h.r, h.sc);
  for (ContactKpis* all : {&h.r.totals[2], &h.r.intervals[1][2]}) {
    EXPECT_FALSE((*all)[Kpi::ServiceLevel].has_value());
    EXPECT_FALSE((*all)[Kpi::Asa].has_value());
    EXPECT_TRUE((*all)[Kpi::Offered].has_value());
  }
}

}  // namespace
}  // namespace ccsim
