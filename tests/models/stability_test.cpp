// Unstable and absurd scenarios (models/scenario/run_size.h), through parse_scenario as every
// command reads them: each rule with the exact text of its message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/kpi/kpi.h"
#include "models/scenario/run_size.h"
#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// Two 30-minute intervals from 00:00; "billing" at 120 an hour, 180 s each: 6 Erlangs offered
// to 5 agents, and no patience (contacts never abandon).
json overloaded_day() {
  return json::parse(R"({
    "name": "overloaded",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 120},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
  })");
}

ScenarioParse parse(const json& doc) {
  return parse_scenario(doc, {});
}

TEST(Stability, LoadAboveCapacityWithoutAbandonmentIsAWarningWithTheLoadFigures) {
  const ScenarioParse p = parse(overloaded_day());
  ASSERT_TRUE(p.ok()) << p.errors[0];
  EXPECT_EQ(p.warnings,
            Lines{"contact_types[0]: interval 00:00: offered load 6.0 Erlangs exceeds capacity "
                  "5.0 agents and contacts of type \"billing\" never abandon; the queue grows by "
                  "~10.0 contacts in the interval (overloaded in 2 of 2 intervals; peak backlog "
                  "~20.0 contacts at 01:00)"});
}

TEST(Stability, LoadAboveCapacityWithPatienceIsStableAndNotWarned) {
  json doc = overloaded_day();
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 120}};
  const ScenarioParse p = parse(doc);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.warnings, Lines{});
}

TEST(Stability, EmailNeverAbandonsEvenWithPatience) {
  json doc = overloaded_day();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 120}};
  const ScenarioParse p = parse(doc);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.warnings.size(), 2u);  // the ignored patience, then the load
  EXPECT_EQ(p.warnings[0], "contact_types[0].patience: ignored: email contacts never abandon");
  EXPECT_TRUE(
      p.warnings[1].starts_with("contact_types[0]: interval 00:00: offered load 6.0 "
                                "Erlangs exceeds capacity 5.0 agents"))
      << p.warnings[1];
}

TEST(Stability, LoadAtCapacityIsNotWarned) {
  json doc = overloaded_day();
  doc["agent_groups"][0]["staff"]["count"] = 6;
  const ScenarioParse p = parse(doc);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.warnings, Lines{});
}

TEST(Stability, CapacityCountsShrinkageConcurrencyAndSpeed) {
  json doc = overloaded_day();
  // 8 scheduled × (1 − 0.25) = 6 agents: enough.
  doc["agent_groups"][0]["staff"]["count"] = 8;
  doc["agent_groups"][0]["shrinkage"] = 0.25;
  EXPECT_EQ(parse(doc).warnings, Lines{});
  // The same agents handling contacts 1.25 times slower: 6 ÷ 1.25 = 4.8 < 6 Erlangs.
  doc["agent_groups"][0]["speed_factor"] = 1.25;
  const ScenarioParse p = parse(doc);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_TRUE(
      p.warnings[0].starts_with("contact_types[0]: interval 00:00: offered load 6.0 "
                                "Erlangs exceeds capacity 4.8 agents"))
      << p.warnings[0];
}

TEST(Stability, SelfServiceAndChatbotReduceTheOfferedLoad) {
  json doc = overloaded_day();
  // 6 Erlangs × (1 − 0.1) × (1 − 0.05 − 0.05) = 4.86 Erlangs: within 5 agents.
  doc["contact_types"][0]["self_service"] = {{"deflection", 0.1}};
  doc["contact_types"][0]["chatbot"] = json::parse(
      R"({"containment": 0.05, "abandon_prob": 0.05,
          "bot_time": {"dist": "exponential", "mean_s": 60}})");
  EXPECT_EQ(parse(doc).warnings, Lines{});
}

TEST(Stability, TypesSharingAgentsAreComparedTogether) {
  json doc = overloaded_day();
  // billing 100/h × 180 s = 5 Erlangs without patience; cards 60/h × 300 s = 5 Erlangs with
  // patience; 8 agents serve both. Mean agent time over both: 36000 s ÷ 160 = 225 s.
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = 100;
  doc["contact_types"].push_back(json::parse(R"({
    "name": "cards", "arrivals": {"rate_per_hour": 60},
    "handle_time": {"dist": "exponential", "mean_s": 300},
    "patience": {"dist": "exponential", "mean_s": 200}})"));
  doc["agent_groups"][0]["skills"].push_back("cards");
  doc["agent_groups"][0]["staff"]["count"] = 8;
  EXPECT_EQ(parse(doc).warnings,
            Lines{"contact_types[0]: interval 00:00: offered load 10.0 Erlangs (types "
                  "\"billing\", \"cards\" together) exceeds capacity 8.0 agents and contacts of "
                  "type \"billing\" never abandon; the queue grows by ~16.0 contacts in the "
                  "interval (overloaded in 2 of 2 intervals; peak backlog ~32.0 contacts at "
                  "01:00)"});
}

TEST(Stability, SeparateGroupsAreSeparateComponents) {
  json doc = overloaded_day();
  // cards has its own, ample group: billing's shortfall is not made up by it.
  doc["contact_types"].push_back(json::parse(R"({
    "name": "cards", "arrivals": {"rate_per_hour": 10},
    "handle_time": {"dist": "exponential", "mean_s": 100}})"));
  doc["agent_groups"].push_back(
      json::parse(R"({"name": "cards team", "skills": ["cards"], "staff": {"count": 50}})"));
  const ScenarioParse p = parse(doc);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_TRUE(
      p.warnings[0].starts_with("contact_types[0]: interval 00:00: offered load 6.0 "
                                "Erlangs exceeds capacity 5.0 agents"))
      << p.warnings[0];
}

TEST(Stability, BacklogDrainsWhenLaterIntervalsHaveSpareCapacity) {
  json doc = overloaded_day();
  doc["horizon"]["start"] = "08:00";
  doc["horizon"]["intervals"] = 3;
  doc["contact_types"][0]["arrivals"] = {{"per_interval", {60, 10, 60}}};  // 6, 1, 6 Erlangs
  const ScenarioParse p = parse(doc);
  // Interval 08:00 builds 10 contacts, 08:30 drains them, 09:00 builds 10 again.
  EXPECT_EQ(p.warnings,
            Lines{"contact_types[0]: interval 08:00: offered load 6.0 Erlangs exceeds capacity "
                  "5.0 agents and contacts of type \"billing\" never abandon; the queue grows by "
                  "~10.0 contacts in the interval (overloaded in 2 of 3 intervals; peak backlog "
                  "~10.0 contacts at 08:30)"});
}

TEST(Stability, StationaryHorizonIsDescribedOverTheHorizon) {
  json doc = overloaded_day();
  doc["horizon"] = {{"duration_s", 3600}};
  EXPECT_EQ(parse(doc).warnings,
            Lines{"contact_types[0]: over the horizon: offered load 6.0 Erlangs exceeds capacity "
                  "5.0 agents and contacts of type \"billing\" never abandon; the queue grows by "
                  "~20.0 contacts over the horizon"});
}

TEST(Stability, HorizonOfACenturyIsRefused) {
  json doc = overloaded_day();
  doc["horizon"] = {{"interval_minutes", 60}, {"intervals", 876600}};
  const ScenarioParse p = parse(doc);
  EXPECT_FALSE(p.scenario.has_value());
  EXPECT_EQ(p.errors, Lines{"horizon: lasts 36525.0 days (3.16e+09 s), more than the limit of "
                            "366.0 days"});
}

TEST(Stability, HugeIntervalsCountIsAnErrorNotAnAllocation) {
  json doc = overloaded_day();
  // 10^9 intervals of 0.03 s: 347 days, within the horizon limit; the results would not fit.
  doc["horizon"] = {{"interval_minutes", 0.0005}, {"intervals", 1000000000}};
  const ScenarioParse p = parse(doc);
  EXPECT_FALSE(p.scenario.has_value());
  ASSERT_EQ(p.errors.size(), 1u);
  const double bytes = results_bytes(*parse(overloaded_day()).scenario, 20) / 3.0 * 1000000001.0;
  char gib[32];
  std::snprintf(gib, sizeof gib, "%.1f", bytes / (1024.0 * 1024.0 * 1024.0));
  EXPECT_EQ(p.errors[0],
            "horizon.intervals: the per-interval results of 1000000000 intervals × "
            "20 replications need ~" +
                std::string(gib) +
                " GiB (16 bytes per KPI value and replication, and 768 bytes per KPI value "
                "reported), more than the limit of 2.0 GiB; use "
                "fewer, longer intervals or fewer replications");
}

TEST(Stability, AbsurdReplicationsAreRefusedNamingTheReplications) {
  json doc = overloaded_day();
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 120}};
  doc["simulation"] = {{"replications", 2000000000}};
  const ScenarioParse p = parse(doc);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_TRUE(
      p.errors[0].starts_with("simulation.replications: the per-interval results of 2 "
                              "intervals × 2000000000 replications need ~"))
      << p.errors[0];
}

TEST(Stability, ReplicationsOverrideIsCheckedNamingTheCount) {
  json doc = overloaded_day();
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 120}};
  const Scenario s = *parse(doc).scenario;
  EXPECT_EQ(check_replications_override(s, s.simulation.replications), Lines{});
  EXPECT_EQ(check_replications_override(s, 1000), Lines{});
  const Lines errors = check_replications_override(s, 2000000000);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(
      errors[0].starts_with("replications: the per-interval results of 2 "
                            "intervals × 2000000000 replications need ~"))
      << errors[0];
  // The caller names where the count came from.
  const Lines named = check_replications_override(s, 2000000000, "--replications");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0], "--replications" + errors[0].substr(std::string("replications").size()));
}

TEST(Stability, ResultsBytesCountEveryScopeAndReplication) {
  const Scenario s = *parse(overloaded_day()).scenario;
  // (2 intervals + the day) × ((1 type + all) × contact KPIs + 1 group × group KPIs) × (16 B
  // per replication + 768 B reported).
  const double values = 3.0 * (2.0 * double(kKpiCount) + double(kGroupKpiCount));
  EXPECT_EQ(results_bytes(s, 1), values * (16.0 + 768.0));
  EXPECT_EQ(results_bytes(s, 20), values * (20.0 * 16.0 + 768.0));
}

TEST(Stability, BillionArrivalsPerReplicationAreRefused) {
  json doc = overloaded_day();
  doc["horizon"] = {{"duration_s", 3600}};
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = 2e9;
  const ScenarioParse p = parse(doc);
  EXPECT_FALSE(p.scenario.has_value());
  EXPECT_EQ(p.errors, Lines{"contact_types: 2e+09 expected arrivals per replication, more than "
                            "the limit of 1e+09 (most: contact_types[0] \"billing\" with 2e+09)"});
}

TEST(Stability, BacklogBeyondTheMemoryBoundIsRefused) {
  json doc = overloaded_day();
  // 10^8 arrivals in an hour for 5 agents that never see one abandon: ~10^8 waiting at the end.
  doc["horizon"] = {{"duration_s", 3600}};
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = 1e8;
  const ScenarioParse p = parse(doc);
  EXPECT_FALSE(p.scenario.has_value());
  EXPECT_EQ(p.errors,
            Lines{"contact_types[0]: over the horizon: offered load 5e+06 Erlangs exceeds "
                  "capacity 5.0 agents and contacts of type \"billing\" never abandon; the queue "
                  "would reach ~1e+08 contacts at the end of the horizon, ~47.7 GiB at 512 bytes "
                  "per contact, more than the limit of 2.0 GiB"});
}

TEST(Stability, AgentsBeyondTheMemoryBoundAreRefused) {
  json doc = overloaded_day();
  doc["agent_groups"] = json::array();
  for (int g = 0; g < 20; ++g) {
    doc["agent_groups"].push_back({{"name", "g" + std::to_string(g)},
                                   {"skills", {"billing"}},
                                   {"staff", {{"count", 1000000}}}});
  }
  const ScenarioParse p = parse(doc);
  EXPECT_FALSE(p.scenario.has_value());
  EXPECT_EQ(p.errors, Lines{"agent_groups: 2e+07 agents on duty at the peak need ~2.4 GiB (128 "
                            "bytes per agent), more than the limit of 2.0 GiB"});
}

TEST(Stability, LimitsCanBeGivenToTheCheck) {
  const Scenario s = *parse(overloaded_day()).scenario;
  RunSizeLimits limits;
  limits.max_horizon_s = 1800;
  EXPECT_EQ(check_run_size(s, limits).errors,
            Lines{"horizon: lasts 0.0 days (3600.0 s), more than the limit of 0.0 days"});
  limits = {};
  limits.max_arrivals = 100;  // 120 expected
  EXPECT_EQ(check_run_size(s, limits).errors,
            Lines{"contact_types: 120.0 expected arrivals per replication, more than the limit "
                  "of 100.0 (most: contact_types[0] \"billing\" with 120.0)"});
}

TEST(Stability, ShippedScenariosRaiseNoRunSizeProblem) {
  for (const char* file :
       {"bank_weekday.json", "multiskill_two_groups.json", "erlang_a_check.json",
        "bank_day_with_bot_and_callbacks.json", "chat_concurrency.json", "email_team.json",
        "first_line_and_specialists.json", "announced_waits.json", "wfm_export_day.json"}) {
    const ScenarioParse p =
        load_scenario(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios" / file);
    ASSERT_TRUE(p.ok()) << file << ": " << p.errors[0];
    const RunSizeCheck c = check_run_size(*p.scenario);
    EXPECT_EQ(c.errors, Lines{}) << file;
    EXPECT_EQ(c.warnings, Lines{}) << file;
  }
}

}  // namespace
}  // namespace ccsim
