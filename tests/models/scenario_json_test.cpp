// The scenario reader: every validation rule, with the exact text of its message (messages,
// unknown keys, defaults, horizon, simulation and contact types; the other sections are in
// scenario_json_{flows,groups,files}_test.cpp).
#include "models/scenario/scenario_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/models/scenario_json_support.h"

namespace ccsim {
namespace {

using namespace scenario_json_test;
namespace fs = std::filesystem;
using nlohmann::json;

// ---- The message format

TEST(ScenarioJson, NegativeMeanNamesPathRuleAndValue) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"]["mean_s"] = -3;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.mean_s: must be > 0 (got -3)"});
}

TEST(ScenarioJson, EveryProblemIsReportedAtOnce) {
  json doc = minimal();
  doc["name"] = "";
  doc["horizon"]["intervals"] = 0;
  doc["contact_types"][0]["handle_time"]["mean_s"] = -3;
  doc["contact_types"][0]["priority"] = 0.5;
  doc["agent_groups"][0]["staff"]["count"] = -1;
  doc["agent_groups"][0]["shrinkage"] = 2;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "name: must not be empty (got \"\")",
                                "horizon.intervals: must be >= 1 (got 0)",
                                "contact_types[0].handle_time.mean_s: must be > 0 (got -3)",
                                "contact_types[0].priority: must be an integer (got 0.5)",
                                "agent_groups[0].staff.count: must be >= 0 (got -1)",
                                "agent_groups[0].shrinkage: must be in [0, 1) (got 2)",
                            }));
}

TEST(ScenarioJson, ErrorsLeaveNoScenario) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"]["mean_s"] = 0;
  const ScenarioParse parsed = parse_scenario(doc, {});
  EXPECT_FALSE(parsed.ok());
  EXPECT_FALSE(parsed.scenario.has_value());
}

TEST(ScenarioJson, WrongTypeNamesTheExpectedType) {
  json doc = minimal();
  doc["name"] = 5;
  doc["contact_types"][0]["handle_time"]["mean_s"] = "abc";
  doc["agent_groups"][0]["staff"] = json::array({5});
  EXPECT_EQ(errors_of(doc), (Lines{
                                "name: must be a string (got 5)",
                                "contact_types[0].handle_time.mean_s: must be a number (got "
                                "\"abc\")",
                                "agent_groups[0].staff: must be an object (got [5])",
                            }));
}

TEST(ScenarioJson, BooleanIsNotANumber) {
  json doc = minimal();
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = true;
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].arrivals.rate_per_hour: must be a number (got true)"});
}

TEST(ScenarioJson, NullIsNotAnAbsentKey) {
  json doc = minimal();
  doc["contact_types"][0]["wrap_up"] = nullptr;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].wrap_up: must be an object (got null)"});
}

TEST(ScenarioJson, FractionalValueOfAnIntegerKeyIsRejected) {
  json doc = minimal();
  doc["horizon"]["intervals"] = 3.5;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.intervals: must be an integer (got 3.5)"});
}

TEST(ScenarioJson, IntegralNumberWithFractionPartIsAnInteger) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"]["count"] = 7.0;
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->agent_groups[0].staff.count, 7);
}

TEST(ScenarioJson, IntegerBeyondIntRangeIsRejected) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"]["count"] = 10000000000LL;
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].staff.count: must be <= 1000000 (got 10000000000)"});
}

TEST(ScenarioJson, NonFiniteNumbersAreRejected) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"]["mean_s"] = std::numeric_limits<double>::infinity();
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = std::nan("");
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].arrivals.rate_per_hour: must be a finite "
                                "number (got nan)",
                                "contact_types[0].handle_time.mean_s: must be a finite number "
                                "(got inf)",
                            }));
}

TEST(ScenarioJson, MissingRequiredKeysAreEachNamed) {
  EXPECT_EQ(errors_of(json::object()), (Lines{
                                           "name: is required",
                                           "horizon: is required",
                                           "contact_types: is required",
                                           "agent_groups: is required",
                                       }));
}

TEST(ScenarioJson, DocumentMustBeAnObject) {
  EXPECT_EQ(errors_of(json::array()), Lines{"(top level): must be an object (got [])"});
}

TEST(ScenarioJson, LongValuesAreCutInMessages) {
  json doc = minimal();
  doc["name"] = json::array();
  for (int i = 0; i < 40; ++i) doc["name"].push_back(i);
  EXPECT_EQ(errors_of(doc), Lines{"name: must be a string (got "
                                  "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,...)"});
}

// ---- Unknown keys

TEST(ScenarioJson, UnknownKeySuggestsAKeyWithinEditDistanceTwo) {
  json doc = minimal();
  doc["contact_types"][0]["handle_tme"] = doc["contact_types"][0]["handle_time"];
  doc["contact_types"][0].erase("handle_time");
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].handle_tme: unknown key; did you mean "
                                "\"handle_time\"?",
                                "contact_types[0].handle_time: is required",
                            }));
}

TEST(ScenarioJson, UnknownKeySuggestsAKeyItIsAPrefixOf) {
  json doc = minimal();
  doc["contact_types"][0]["handle"] = 1;
  doc["contact_types"][0]["priority_level"] = 1;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].handle: unknown key; did you mean "
                                "\"handle_time\"?",
                                "contact_types[0].priority_level: unknown key; did you mean "
                                "\"priority\"?",
                            }));
}

TEST(ScenarioJson, UnknownKeySuggestionIgnoresCase) {
  json doc = minimal();
  doc["Horizon"] = 1;
  EXPECT_EQ(errors_of(doc), Lines{"Horizon: unknown key; did you mean \"horizon\"?"});
}

TEST(ScenarioJson, UnknownKeyFarFromEveryKeyHasNoHint) {
  json doc = minimal();
  doc["colour"] = "blue";
  EXPECT_EQ(errors_of(doc), Lines{"colour: unknown key"});
}

TEST(ScenarioJson, UnknownKeyThatIsNotAnIdentifierIsQuotedInItsPath) {
  json doc = minimal();
  doc["agent_groups"][0]["my key"] = 1;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0][\"my key\"]: unknown key"});
}

TEST(ScenarioJson, SchemaKeyIsAllowedAtTheTopLevelOnly) {
  json doc = minimal();
  doc["$schema"] = "scenario.schema.json";
  EXPECT_EQ(errors_of(doc), Lines{});
  doc["horizon"]["$schema"] = "scenario.schema.json";
  EXPECT_EQ(errors_of(doc), Lines{"horizon.$schema: unknown key"});
}

TEST(ScenarioJson, MisspeltContractKeySuggestsIt) {
  json doc = minimal();
  doc["contact_types"][0]["callbak"] = json::object();
  doc["contact_types"][0]["satisfction"] = json::object();
  doc["agent_groups"][0]["speedfactor"] = 1.2;
  EXPECT_EQ(errors_of(doc),
            (Lines{
                "contact_types[0].callbak: unknown key; did you mean \"callback\"?",
                "contact_types[0].satisfction: unknown key; did you mean \"satisfaction\"?",
                "agent_groups[0].speedfactor: unknown key; did you mean \"speed_factor\"?",
            }));
}

// ---- Defaults and values

TEST(ScenarioJson, OmittedOptionalKeysTakeTheirDefaults) {
  const ScenarioParse parsed = parse_scenario(minimal(), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{});
  const Scenario& s = *parsed.scenario;
  EXPECT_EQ(s.horizon.start, "00:00");
  EXPECT_FALSE(s.horizon.stationary);
  EXPECT_EQ(s.simulation.replications, 20);
  EXPECT_EQ(s.simulation.seed, 1u);
  EXPECT_EQ(s.simulation.warmup_s, 0.0);
  const ContactType& t = s.contact_types[0];
  EXPECT_EQ(t.channel, Channel::Voice);
  EXPECT_FALSE(t.wrap_up.has_value());
  EXPECT_FALSE(t.patience.has_value());
  EXPECT_EQ(t.service_level.threshold_s, 20.0);
  EXPECT_FALSE(t.has_service_level_target);
  EXPECT_FALSE(t.max_abandon_rate.has_value());
  EXPECT_FALSE(t.max_asa_s.has_value());
  EXPECT_EQ(t.priority, 0);
  EXPECT_FALSE(t.self_service.has_value());
  EXPECT_FALSE(t.chatbot.has_value());
  EXPECT_FALSE(t.callback.has_value());
  EXPECT_FALSE(t.retrial.has_value());
  EXPECT_FALSE(t.balk.has_value());
  EXPECT_FALSE(t.satisfaction.has_value());
  EXPECT_TRUE(t.transfers.empty());
  EXPECT_FALSE(t.channel_switch.has_value());
  const AgentGroup& g = s.agent_groups[0];
  EXPECT_EQ(g.concurrency, 1);
  EXPECT_TRUE(g.concurrency_slowdown.empty());
  EXPECT_EQ(g.shrinkage, 0.0);
  EXPECT_FALSE(g.max_occupancy.has_value());
  EXPECT_EQ(g.speed_factor, 1.0);
  EXPECT_TRUE(g.handle_times.empty());
  EXPECT_EQ(s.routing.agent_choice, AgentChoice::LongestIdle);
}

TEST(ScenarioJson, CompleteScenarioIsParsedIntoItsValues) {
  const json doc = json::parse(R"({
    "$schema": "scenario.schema.json",
    "name": "Complete",
    "horizon": {"interval_minutes": 30, "intervals": 3, "start": "08:00"},
    "simulation": {"replications": 7, "seed": 42, "warmup_s": 600},
    "contact_types": [
      {"name": "billing", "channel": "voice", "arrivals": {"per_interval": [10, 20.5, 30]},
       "handle_time": {"dist": "lognormal", "mean_s": 240, "cv": 1.0},
       "wrap_up": {"dist": "exponential", "mean_s": 20},
       "patience": {"dist": "exponential", "mean_s": 300},
       "service_level": {"threshold_s": 30, "target": 0.9},
       "max_abandon_rate": 0.05, "priority": 2},
      {"name": "mail", "channel": "email", "arrivals": {"rate_per_hour": 12},
       "handle_time": {"dist": "gamma", "mean_s": 600, "cv": 0.5}, "priority": -1}
    ],
    "agent_groups": [
      {"name": "all_round", "skills": ["mail", "billing"], "staff": {"per_interval": [3, 4, 5]},
       "concurrency": 1, "shrinkage": 0.1},
      {"name": "voice_team", "skills": ["billing"],
       "staff": {"shifts": [{"start_s": 0, "end_s": 3600, "count": 2},
                            {"start_s": 1800, "end_s": 5400, "count": 3}]}}
    ]
  })");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const Scenario& s = *parsed.scenario;
  EXPECT_EQ(s.name, "Complete");
  EXPECT_EQ(s.horizon.interval_s, 1800.0);
  EXPECT_EQ(s.horizon.intervals, 3);
  EXPECT_EQ(s.horizon.start, "08:00");
  EXPECT_FALSE(s.horizon.stationary);
  EXPECT_EQ(s.simulation.replications, 7);
  EXPECT_EQ(s.simulation.seed, 42u);
  EXPECT_EQ(s.simulation.warmup_s, 600.0);

  ASSERT_EQ(s.contact_types.size(), 2u);
  const ContactType& billing = s.contact_types[0];
  EXPECT_EQ(billing.name, "billing");
  EXPECT_EQ(billing.channel, Channel::Voice);
  EXPECT_EQ(billing.arrivals.kind, Arrivals::Kind::PerInterval);
  EXPECT_EQ(billing.arrivals.per_interval, (std::vector<double>{10, 20.5, 30}));
  expect_same_distribution(billing.handle_time, Distribution::lognormal(240, 1.0));
  ASSERT_TRUE(billing.wrap_up.has_value());
  expect_same_distribution(*billing.wrap_up, Distribution::exponential(20));
  ASSERT_TRUE(billing.patience.has_value());
  expect_same_distribution(*billing.patience, Distribution::exponential(300));
  EXPECT_EQ(billing.service_level.threshold_s, 30.0);
  EXPECT_EQ(billing.service_level.target, 0.9);
  EXPECT_TRUE(billing.has_service_level_target);
  EXPECT_EQ(billing.max_abandon_rate, 0.05);
  EXPECT_EQ(billing.priority, 2);

  const ContactType& mail = s.contact_types[1];
  EXPECT_EQ(mail.channel, Channel::Email);
  EXPECT_EQ(mail.arrivals.kind, Arrivals::Kind::RatePerHour);
  EXPECT_EQ(mail.arrivals.rate_per_hour, 12.0);
  expect_same_distribution(mail.handle_time, Distribution::gamma(600, 0.5));
  EXPECT_EQ(mail.priority, -1);

  ASSERT_EQ(s.agent_groups.size(), 2u);
  const AgentGroup& all_round = s.agent_groups[0];
  EXPECT_EQ(all_round.name, "all_round");
  EXPECT_EQ(all_round.skills, (std::vector<int>{1, 0}));
  EXPECT_EQ(all_round.staff.kind, Staffing::Kind::PerInterval);
  EXPECT_EQ(all_round.staff.per_interval, (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(all_round.concurrency, 1);
  EXPECT_EQ(all_round.shrinkage, 0.1);
  const AgentGroup& voice_team = s.agent_groups[1];
  EXPECT_EQ(voice_team.skills, (std::vector<int>{0}));
  EXPECT_EQ(voice_team.staff.kind, Staffing::Kind::Shifts);
  ASSERT_EQ(voice_team.staff.shifts.size(), 2u);
  EXPECT_EQ(voice_team.staff.shifts[1].start_s, 1800.0);
  EXPECT_EQ(voice_team.staff.shifts[1].end_s, 5400.0);
  EXPECT_EQ(voice_team.staff.shifts[1].count, 3);
}

// ---- horizon

TEST(ScenarioJson, DurationGivesOneStationaryInterval) {
  json doc = minimal();
  doc["horizon"] = {{"duration_s", 36000}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->horizon.interval_s, 36000.0);
  EXPECT_EQ(parsed.scenario->horizon.intervals, 1);
  EXPECT_TRUE(parsed.scenario->horizon.stationary);
  EXPECT_EQ(parsed.scenario->horizon.end_s(), 36000.0);
}

TEST(ScenarioJson, HorizonWithIntervalsAndDurationIsRejected) {
  json doc = minimal();
  doc["horizon"]["duration_s"] = 3600;
  EXPECT_EQ(errors_of(doc), Lines{"horizon: must have either interval_minutes and intervals, or "
                                  "duration_s (got interval_minutes, intervals, duration_s)"});
}

TEST(ScenarioJson, HorizonWithoutLengthIsRejected) {
  json doc = minimal();
  doc["horizon"] = {{"start", "08:00"}};
  EXPECT_EQ(errors_of(doc), Lines{"horizon: must have either interval_minutes and intervals, or "
                                  "duration_s (got none)"});
}

TEST(ScenarioJson, IntervalMinutesWithoutIntervalsIsRejected) {
  json doc = minimal();
  doc["horizon"].erase("intervals");
  EXPECT_EQ(errors_of(doc), Lines{"horizon: must have either interval_minutes and intervals, or "
                                  "duration_s (got interval_minutes)"});
}

TEST(ScenarioJson, IntervalLengthMustBePositive) {
  json doc = minimal();
  doc["horizon"]["interval_minutes"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.interval_minutes: must be > 0 (got 0)"});
}

TEST(ScenarioJson, IntervalCountMustBeAtLeastOne) {
  json doc = minimal();
  doc["horizon"]["intervals"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.intervals: must be >= 1 (got 0)"});
}

TEST(ScenarioJson, DurationMustBePositive) {
  json doc = minimal();
  doc["horizon"] = {{"duration_s", -1}};
  EXPECT_EQ(errors_of(doc), Lines{"horizon.duration_s: must be > 0 (got -1)"});
}

TEST(ScenarioJson, HorizonMustEndAtAFiniteTime) {
  json doc = minimal();
  doc["horizon"]["interval_minutes"] = 1e308;
  EXPECT_EQ(errors_of(doc), Lines{"horizon: must end at a finite time (got interval_minutes × 60 "
                                  "× intervals = inf)"});
}

TEST(ScenarioJson, StartMustBeATimeOfDay) {
  json doc = minimal();
  doc["horizon"]["start"] = "23:59";
  EXPECT_EQ(errors_of(doc), Lines{});
  for (const char* bad : {"24:00", "8:00", "12:60", "noon"}) {
    doc["horizon"]["start"] = bad;
    EXPECT_EQ(errors_of(doc), Lines{"horizon.start: must be a time of day \"HH:MM\" from 00:00 to "
                                    "23:59 (got \"" +
                                    std::string(bad) + "\")"});
  }
}

// ---- simulation

TEST(ScenarioJson, ReplicationsMustBeAtLeastOne) {
  json doc = minimal();
  doc["simulation"] = {{"replications", 0}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.replications: must be >= 1 (got 0)"});
}

TEST(ScenarioJson, SeedMustBeANonNegativeInteger) {
  json doc = minimal();
  doc["simulation"] = {{"seed", -1}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.seed: must be >= 0 (got -1)"});
  doc["simulation"] = {{"seed", 1.5}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.seed: must be an integer (got 1.5)"});
  doc["simulation"] = {{"seed", 1e20}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.seed: must be <= 18446744073709551615 (got 1e+20)"});
}

TEST(ScenarioJson, SeedTakesTheFullUnsigned64BitRange) {
  json doc = minimal();
  doc["simulation"] = {{"seed", std::numeric_limits<std::uint64_t>::max()}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->simulation.seed, std::numeric_limits<std::uint64_t>::max());
}

TEST(ScenarioJson, SeedHeldAsASignedIntegerIsAccepted) {
  // A document built in code (a sweep's --set /simulation/seed=1:10:1) holds 7 as a signed
  // integer, where parsed text holds it unsigned; both are the seed 7.
  json doc = minimal();
  doc["simulation"] = {{"seed", json(std::int64_t{7})}};
  ASSERT_TRUE(doc["simulation"]["seed"].is_number_integer());
  ASSERT_FALSE(doc["simulation"]["seed"].is_number_unsigned());
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->simulation.seed, 7u);
}

TEST(ScenarioJson, WarmupBeyondTheHorizonIsRejected) {
  json doc = minimal();
  doc["simulation"] = {{"warmup_s", 3600}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.warmup_s: must be < horizon end = 3600 (got 3600)"});
}

TEST(ScenarioJson, WarmupMustBeNonNegative) {
  json doc = minimal();
  doc["simulation"] = {{"warmup_s", -5}};
  EXPECT_EQ(errors_of(doc), Lines{"simulation.warmup_s: must be >= 0 (got -5)"});
}

// ---- contact types

TEST(ScenarioJson, ContactTypesMustNotBeEmpty) {
  json doc = minimal();
  doc["contact_types"] = json::array();
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types: must not be empty (got [])",
                                "agent_groups[0].skills[0]: must be the name of a contact type "
                                "(got \"billing\")",
                            }));
}

TEST(ScenarioJson, ContactTypeNameIsRequired) {
  json doc = minimal();
  doc["contact_types"][0].erase("name");
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].name: is required",
                                "agent_groups[0].skills[0]: must be the name of a contact type "
                                "(got \"billing\")",
                            }));
}

TEST(ScenarioJson, ContactTypeNamesMustBeUnique) {
  json doc = minimal();
  doc["contact_types"].push_back(doc["contact_types"][0]);
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[1].name: must be unique, duplicate of "
                                  "contact_types[0].name (got \"billing\")"});
}

TEST(ScenarioJson, ContactTypeNameAllIsReserved) {
  json doc = minimal();
  doc["contact_types"][0]["name"] = "all";
  doc["agent_groups"][0]["skills"] = {"all"};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].name: must not be \"all\", which names the "
                                  "total of all contact types (got \"all\")"});
}

TEST(ScenarioJson, UnknownChannelSuggestsTheClosest) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "vocie";
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].channel: must be one of voice, chat, email (got "
                  "\"vocie\"); did you mean \"voice\"?"});
  doc["contact_types"][0]["channel"] = "fax";
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].channel: must be one of voice, chat, email (got \"fax\")"});
}

TEST(ScenarioJson, EmailPatienceIsIgnoredWithAWarning) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["patience"] = {{"dist", "exponential"}, {"mean_s", 600}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings,
            Lines{"contact_types[0].patience: ignored: email contacts never abandon"});
  EXPECT_EQ(parsed.scenario->contact_types[0].channel, Channel::Email);
  EXPECT_FALSE(parsed.scenario->contact_types[0].patience.has_value());
}

TEST(ScenarioJson, ArrivalsAreRequired) {
  json doc = minimal();
  doc["contact_types"][0].erase("arrivals");
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals: is required"});
}

TEST(ScenarioJson, ArrivalsNeedExactlyOneKind) {
  json doc = minimal();
  doc["contact_types"][0]["arrivals"] = json::object();
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals: must have exactly one of "
                                  "rate_per_hour, per_interval, trace (got none)"});
  doc["contact_types"][0]["arrivals"] = {{"rate_per_hour", 5}, {"per_interval", {1, 2}}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals: must have exactly one of "
                                  "rate_per_hour, per_interval, trace (got rate_per_hour, "
                                  "per_interval)"});
}

TEST(ScenarioJson, ArrivalRateMustBeNonNegative) {
  json doc = minimal();
  doc["contact_types"][0]["arrivals"]["rate_per_hour"] = -1;
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].arrivals.rate_per_hour: must be >= 0 (got -1)"});
}

TEST(ScenarioJson, PerIntervalArrivalsNeedOneEntryPerInterval) {
  json doc = minimal();
  doc["contact_types"][0]["arrivals"] = {{"per_interval", {1, 2, 3}}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals.per_interval: must have exactly 2 "
                                  "entries, one per interval (got 3 entries)"});
}

TEST(ScenarioJson, PerIntervalWithDurationHasExactlyOneEntry) {
  json doc = minimal();
  doc["horizon"] = {{"duration_s", 3600}};
  doc["contact_types"][0]["arrivals"] = {{"per_interval", {1, 2}}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals.per_interval: must have exactly 1 "
                                  "entry, one per interval (got 2 entries)"});
}

TEST(ScenarioJson, PerIntervalArrivalsMustBeNonNegative) {
  json doc = minimal();
  doc["contact_types"][0]["arrivals"] = {{"per_interval", {5, -1}}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].arrivals.per_interval[1]: must be >= 0 (got -1)"});
}

TEST(ScenarioJson, HandleTimeIsRequired) {
  json doc = minimal();
  doc["contact_types"][0].erase("handle_time");
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time: is required"});
}

TEST(ScenarioJson, ServiceLevelNeedsThresholdAndTarget) {
  json doc = minimal();
  doc["contact_types"][0]["service_level"] = json::object();
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].service_level.threshold_s: is required",
                                "contact_types[0].service_level.target: is required",
                            }));
}

TEST(ScenarioJson, ServiceLevelThresholdMustBeNonNegative) {
  json doc = minimal();
  doc["contact_types"][0]["service_level"] = {{"threshold_s", -1}, {"target", 0.8}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].service_level.threshold_s: must be >= 0 (got -1)"});
}

TEST(ScenarioJson, ServiceLevelTargetIsAProbability) {
  json doc = minimal();
  doc["contact_types"][0]["service_level"] = {{"threshold_s", 20}, {"target", 80}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].service_level.target: must be in [0, 1] (got 80)"});
}

TEST(ScenarioJson, MaxAbandonRateIsAProbability) {
  json doc = minimal();
  doc["contact_types"][0]["max_abandon_rate"] = 1.5;
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].max_abandon_rate: must be in [0, 1] (got 1.5)"});
}

TEST(ScenarioJson, PriorityIsAnIntegerAndMayBeNegative) {
  json doc = minimal();
  doc["contact_types"][0]["priority"] = -2;
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].priority, -2);
}

}  // namespace
}  // namespace ccsim
