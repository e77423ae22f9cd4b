// Run size of valid scenarios (models/scenario/run_size.h): contact attempts and callback calls per
// replication, the memory of per-interval results against measured peaks; and the model's
// handling of many agent groups and of contacts left waiting at the end.
#include "models/scenario/run_size.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// One hour, "billing" at 120 an hour (120 expected arrivals), 5 agents, no patience.
json one_hour() {
  return json::parse(R"({
    "name": "run size",
    "horizon": {"interval_minutes": 60, "intervals": 1},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 120},
       "handle_time": {"dist": "exponential", "mean_s": 60}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
  })");
}

TEST(RunSize, CallbacksNeverReachedWithHugeMaxAttemptsAreRefusedWithFigures) {
  json doc = one_hour();
  doc["contact_types"][0]["callback"] = {{"offer_when_expected_wait_over_s", 0},
                                         {"accept_prob", 1},
                                         {"reach_prob", 0},
                                         {"retry_after_s", 0},
                                         {"max_attempts", 1000000000}};
  const ScenarioParse p = parse_scenario(doc, {});
  EXPECT_EQ(p.errors,
            Lines{"contact_types: up to 1.2e+11 contact attempts and callback calls per "
                  "replication (every retrial and callback attempt made), more than the limit of "
                  "1e+10 (most: contact_types[0] \"billing\" with 120.0 expected arrivals × up to "
                  "1e+09 each); lower retrial.max_retrials or callback.max_attempts, or raise "
                  "callback.reach_prob"});
}

TEST(RunSize, RetrialsWithoutAgentsAndHugeMaxRetrialsAreRefusedWithFigures) {
  json doc = one_hour();
  doc["agent_groups"][0]["staff"] = {{"count", 0}};
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 1}};
  doc["contact_types"][0]["retrial"] = {{"prob", 1},
                                        {"delay", {{"dist", "deterministic"}, {"mean_s", 1e-9}}},
                                        {"max_retrials", 2000000000}};
  const ScenarioParse p = parse_scenario(doc, {});
  EXPECT_EQ(p.errors,
            Lines{"contact_types: up to 2.4e+11 contact attempts and callback calls per "
                  "replication (every retrial and callback attempt made), more than the limit of "
                  "1e+10 (most: contact_types[0] \"billing\" with 120.0 expected arrivals × up to "
                  "2e+09 each); lower retrial.max_retrials or callback.max_attempts, or raise "
                  "callback.reach_prob"});
}

TEST(RunSize, ManyRetrialsBelowTheLimitAreAWarningWithFigures) {
  json doc = one_hour();
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 1}};
  doc["contact_types"][0]["retrial"] = {
      {"prob", 1}, {"delay", {{"dist", "exponential"}, {"mean_s", 1}}}, {"max_retrials", 10000000}};
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok()) << p.errors[0];
  EXPECT_EQ(p.warnings,
            Lines{"contact_types: up to 1.2e+09 contact attempts and callback calls per "
                  "replication (every retrial and callback attempt made), more than the limit of "
                  "1e+09 (most: contact_types[0] \"billing\" with 120.0 expected arrivals × up to "
                  "1e+07 each); a replication may take minutes or more"});
}

TEST(RunSize, AttemptsPerArrivalAreTheGeometricSumsOfRetrialsAndCalls) {
  ContactType t;
  EXPECT_DOUBLE_EQ(attempts_per_arrival(t), 1.0);
  t.retrial = Retrial{0.5, Distribution::exponential(60), 2};  // 1 + 0.5 + 0.25
  EXPECT_DOUBLE_EQ(attempts_per_arrival(t), 1.75);
  t.callback = Callback{};
  t.callback->accept_prob = 0.5;
  t.callback->reach_prob = 0.5;
  t.callback->max_attempts = 3;  // 0.5 × (1 + 0.5 + 0.25) calls per attempt
  EXPECT_DOUBLE_EQ(attempts_per_arrival(t), 1.75 * (1.0 + 0.875));
}

// Peak resident memory (/usr/bin/time -f %M, KiB) of `ccsim run SCENARIO --format json
// --threads 1` on one-minute intervals, one type ("x": 60 an hour, patience), one group of 2,
// one replication, measured on the Release build: the JSON output is the largest of the
// formats (table: 41 MB and csv: 110 MB at 10,000 intervals, json: 489 MB).
struct MeasuredPeak {
  int intervals;
  double peak_kib;
};
constexpr MeasuredPeak kMeasuredPeaks[] = {{2000, 113112}, {5000, 248440}, {20000, 970268}};

TEST(RunSize, ResultsMemoryEstimateIsWithinTwiceTheMeasuredPeak) {
  for (const MeasuredPeak& m : kMeasuredPeaks) {
    json doc = one_hour();
    doc["horizon"] = {{"interval_minutes", 1}, {"intervals", m.intervals}};
    doc["simulation"] = {{"replications", 1}};
    const ScenarioParse p = parse_scenario(doc, {});
    ASSERT_TRUE(p.ok()) << p.errors[0];
    const double estimate_kib = results_bytes(*p.scenario, 1) / 1024.0;
    EXPECT_GE(estimate_kib, m.peak_kib / 2.0) << m.intervals << " intervals";
    EXPECT_LE(estimate_kib, m.peak_kib * 2.0) << m.intervals << " intervals";
  }
}

TEST(RunSize, AYearOfOneMinuteIntervalsIsRefusedForItsResults) {
  json doc = one_hour();
  doc["horizon"] = {{"interval_minutes", 1}, {"intervals", 366 * 1440}};
  doc["simulation"] = {{"replications", 1}};
  const ScenarioParse p = parse_scenario(doc, {});
  EXPECT_EQ(p.errors,
            Lines{"horizon.intervals: the per-interval results of 527040 intervals × 1 "
                  "replication need ~34.2 GiB (16 bytes per KPI value and replication, and 768 "
                  "bytes per KPI value reported), more than the limit of 2.0 GiB; use fewer, "
                  "longer intervals or fewer replications"});
}

// Two 30-minute intervals, one type and `groups` groups of one agent each (the last one staffed
// by `last_staff` per interval).
Scenario many_groups(int groups, std::vector<int> last_staff) {
  Scenario s;
  s.name = "groups";
  s.horizon.interval_s = 1800;
  s.horizon.intervals = 2;
  ContactType t;
  t.name = "x";
  t.arrivals.rate_per_hour = 10;
  t.handle_time = Distribution::exponential(60);
  s.contact_types.push_back(t);
  for (int g = 0; g < groups; ++g) {
    AgentGroup a;
    a.name = "g" + std::to_string(g);
    a.skills = {0};
    a.staff.count = 1;
    if (g == groups - 1) {
      a.staff.kind = Staffing::Kind::PerInterval;
      a.staff.per_interval = last_staff;
    }
    s.agent_groups.push_back(a);
  }
  return s;
}

TEST(StaffChanges, TheStaffChangeOfGroup4096AppliesToItsOwnGroup) {
  const Scenario s = many_groups(4097, {1, 3});
  const ReplicationResult r = simulate_replication(s, 1, 0);
  EXPECT_EQ(r.group[1][0].value(GroupKpi::Agents), 1.0);
  EXPECT_EQ(r.group[1][4096].value(GroupKpi::Agents), 3.0);
}

// The example of the issue: no patience, one agent in the first interval and none after.
Scenario nobody_at_the_end(Channel channel) {
  Scenario s = many_groups(1, {1, 0});
  s.contact_types[0].channel = channel;
  s.contact_types[0].arrivals.kind = Arrivals::Kind::PerInterval;
  s.contact_types[0].arrivals.per_interval = {50, 0};
  return s;
}

TEST(Backlog, ContactsStillWaitingWithNobodyOnDutyAtTheEndCountInBacklogEnd) {
  for (Channel channel : {Channel::Voice, Channel::Email}) {
    const ReplicationResult r = simulate_replication(nobody_at_the_end(channel), 1, 0);
    const auto unserved = r.contact[0][0].value(Kpi::Unserved);
    ASSERT_TRUE(unserved.has_value());
    EXPECT_GT(*unserved, 0.0);
    EXPECT_EQ(double(r.contact[1][0].backlog()), *unserved) << channel_name(channel);
  }
}

}  // namespace
}  // namespace ccsim
