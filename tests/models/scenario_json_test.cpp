// The scenario reader: every validation rule, with the exact text of its message.
#include "models/scenario/scenario_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Lines = std::vector<std::string>;

// A valid scenario with only the required keys: two 30-minute intervals, one contact type,
// one group.
json minimal() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
  })");
}

// `doc` with a second contact type, "web_chat" on channel chat, in the skills of its first group.
json with_chat_type(json doc) {
  doc["contact_types"].push_back(json::parse(R"({
    "name": "web_chat", "channel": "chat", "arrivals": {"rate_per_hour": 60},
    "handle_time": {"dist": "exponential", "mean_s": 400}
  })"));
  doc["agent_groups"][0]["skills"].push_back("web_chat");
  return doc;
}

// minimal() with `value` at key `key` of its contact type.
json with_type_key(const char* key, const json& value) {
  json doc = minimal();
  doc["contact_types"][0][key] = value;
  return doc;
}

Lines errors_of(const json& document, const fs::path& base_dir = {}) {
  return parse_scenario(document, base_dir).errors;
}

// The distribution parsed from `handle_time`, which must be valid.
Distribution handle_time_of(const json& handle_time) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = handle_time;
  const ScenarioParse parsed = parse_scenario(doc, {});
  EXPECT_EQ(parsed.errors, Lines{});
  return parsed.ok() ? parsed.scenario->contact_types[0].handle_time : Distribution{};
}

void expect_same_distribution(const Distribution& actual, const Distribution& expected) {
  EXPECT_EQ(actual.kind, expected.kind);
  EXPECT_EQ(actual.mean_s, expected.mean_s);
  EXPECT_EQ(actual.cv, expected.cv);
  EXPECT_EQ(actual.min_s, expected.min_s);
  EXPECT_EQ(actual.max_s, expected.max_s);
  EXPECT_EQ(actual.k, expected.k);
  EXPECT_EQ(actual.shape, expected.shape);
  EXPECT_EQ(actual.values_s, expected.values_s);
  EXPECT_EQ(actual.p1, expected.p1);
  EXPECT_EQ(actual.p2, expected.p2);
  EXPECT_EQ(actual.p3, expected.p3);
}

// A fresh directory per test, removed afterwards.
class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim_scenario_json_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path file = dir_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  // minimal() with the arrivals of its contact type read from `trace`.
  ScenarioParse parse_with_trace(const std::string& trace) {
    json doc = minimal();
    doc["contact_types"][0]["arrivals"] = {{"trace", trace}};
    return parse_scenario(doc, dir_);
  }

  fs::path dir_;
};

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

// ---- arrival traces

TEST_F(ScenarioFiles, TraceIsReadSortedSkippingHeaderAndBlankLines) {
  write("calls.csv", "arrival_s,queue\n\n30.5,x\n10\n   \n\"20\",y\r\n+3\n");
  const ScenarioParse parsed = parse_with_trace("calls.csv");
  ASSERT_EQ(parsed.errors, Lines{});
  const Arrivals& a = parsed.scenario->contact_types[0].arrivals;
  EXPECT_EQ(a.kind, Arrivals::Kind::Trace);
  EXPECT_EQ(a.trace_path, "calls.csv");
  EXPECT_EQ(a.trace_times_s, (std::vector<double>{3, 10, 20, 30.5}));
}

TEST_F(ScenarioFiles, TraceWithoutHeaderKeepsItsFirstLine) {
  write("calls.csv", "5\n1\n");
  const ScenarioParse parsed = parse_with_trace("calls.csv");
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].arrivals.trace_times_s, (std::vector<double>{1, 5}));
}

TEST_F(ScenarioFiles, TraceProblemsNameTheCsvLine) {
  write("calls.csv", "time_s\n10\nx\n-4\n3600\n\ninf\n,7\n");
  EXPECT_EQ(parse_with_trace("calls.csv").errors,
            (Lines{
                "contact_types[0].arrivals.trace: calls.csv line 3: must be a number (got \"x\")",
                "contact_types[0].arrivals.trace: calls.csv line 4: must be >= 0 (got -4)",
                "contact_types[0].arrivals.trace: calls.csv line 5: must be < horizon end = 3600 "
                "(got 3600)",
                "contact_types[0].arrivals.trace: calls.csv line 7: must be a finite number (got "
                "inf)",
                "contact_types[0].arrivals.trace: calls.csv line 8: must be a number (got \"\")",
            }));
}

TEST_F(ScenarioFiles, MissingTraceFileCannotBeOpened) {
  EXPECT_EQ(parse_with_trace("missing.csv").errors,
            Lines{"contact_types[0].arrivals.trace: missing.csv: cannot open file"});
}

TEST_F(ScenarioFiles, TraceWithoutArrivalTimesIsRejected) {
  write("calls.csv", "time_s\n\n");
  EXPECT_EQ(parse_with_trace("calls.csv").errors,
            Lines{"contact_types[0].arrivals.trace: calls.csv: must contain at least one arrival "
                  "time"});
}

TEST_F(ScenarioFiles, ManyTraceProblemsAreSummarisedAfterTwenty) {
  std::string text = "time_s\n";
  for (int i = 0; i < 25; ++i) text += "-1\n";
  write("calls.csv", text);
  Lines expected;
  for (int line = 2; line <= 21; ++line) {
    expected.push_back("contact_types[0].arrivals.trace: calls.csv line " + std::to_string(line) +
                       ": must be >= 0 (got -1)");
  }
  expected.push_back(
      "contact_types[0].arrivals.trace: calls.csv: 5 more lines with problems "
      "not shown");
  EXPECT_EQ(parse_with_trace("calls.csv").errors, expected);
}

TEST_F(ScenarioFiles, TracePathIsRelativeToTheScenarioFile) {
  write("data/calls.csv", "time_s\n100\n50\n");
  json doc = minimal();
  doc["contact_types"][0]["arrivals"] = {{"trace", "data/calls.csv"}};
  const fs::path file = write("scenario.json", doc.dump(2));
  const ScenarioParse parsed = load_scenario(file);
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].arrivals.trace_path, "data/calls.csv");
  EXPECT_EQ(parsed.scenario->contact_types[0].arrivals.trace_times_s,
            (std::vector<double>{50, 100}));
}

TEST_F(ScenarioFiles, TracePathMustNotBeEmpty) {
  EXPECT_EQ(parse_with_trace("").errors,
            Lines{"contact_types[0].arrivals.trace: must not be empty (got \"\")"});
}

// ---- distributions

TEST(ScenarioJson, EachDistributionIsBuiltByItsFactory) {
  expect_same_distribution(handle_time_of({{"dist", "exponential"}, {"mean_s", 180}}),
                           Distribution::exponential(180));
  expect_same_distribution(handle_time_of({{"dist", "deterministic"}, {"mean_s", 60}}),
                           Distribution::deterministic(60));
  expect_same_distribution(handle_time_of({{"dist", "uniform"}, {"min_s", 30}, {"max_s", 90}}),
                           Distribution::uniform(30, 90));
  expect_same_distribution(handle_time_of({{"dist", "lognormal"}, {"mean_s", 240}, {"cv", 1.2}}),
                           Distribution::lognormal(240, 1.2));
  expect_same_distribution(handle_time_of({{"dist", "gamma"}, {"mean_s", 240}, {"cv", 0.7}}),
                           Distribution::gamma(240, 0.7));
  expect_same_distribution(handle_time_of({{"dist", "erlang"}, {"mean_s", 240}, {"k", 3}}),
                           Distribution::erlang(240, 3));
  expect_same_distribution(handle_time_of({{"dist", "weibull"}, {"mean_s", 240}, {"shape", 1.5}}),
                           Distribution::weibull(240, 1.5));
  expect_same_distribution(handle_time_of({{"dist", "empirical"}, {"values_s", {0, 60, 90}}}),
                           Distribution::empirical({0, 60, 90}));
}

TEST(ScenarioJson, DistributionMustBeAnObject) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = 180;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time: must be an object (got 180)"});
}

TEST(ScenarioJson, DistributionNameIsRequired) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"].erase("dist");
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.dist: is required"});
}

TEST(ScenarioJson, UnknownDistributionSuggestsTheClosest) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "lognorml"}, {"mean_s", 60}, {"cv", 1}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time.dist: must be one of exponential, deterministic, "
                  "uniform, lognormal, gamma, erlang, weibull, empirical (got \"lognorml\"); did "
                  "you mean \"lognormal\"?"});
}

TEST(ScenarioJson, ParameterOfAnotherDistributionIsRejected) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"]["cv"] = 1;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.cv: not a parameter of the "
                                  "exponential distribution"});
}

TEST(ScenarioJson, UnknownDistributionKeySuggestsAParameter) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"]["mean"] = 1;
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time.mean: unknown key; did you mean \"mean_s\"?"});
}

TEST(ScenarioJson, DistributionParametersAreRequired) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "lognormal"}, {"mean_s", 60}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.cv: is required"});
}

TEST(ScenarioJson, CoefficientOfVariationMustBePositive) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "gamma"}, {"mean_s", 60}, {"cv", 0}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.cv: must be > 0 (got 0)"});
}

TEST(ScenarioJson, WeibullShapeMustBePositive) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "weibull"}, {"mean_s", 60}, {"shape", 0}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.shape: must be > 0 (got 0)"});
}

TEST(ScenarioJson, ErlangPhasesAreAnIntegerFromOneTo1000) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "erlang"}, {"mean_s", 60}, {"k", 2.5}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.k: must be an integer (got 2.5)"});
  doc["contact_types"][0]["handle_time"]["k"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.k: must be >= 1 (got 0)"});
  doc["contact_types"][0]["handle_time"]["k"] = 5000;
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.k: must be <= 1000 (got 5000)"});
}

TEST(ScenarioJson, UniformBoundsMustBeOrdered) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "uniform"}, {"min_s", 10}, {"max_s", 5}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time.max_s: must be >= min_s = 10 (got 5)"});
}

TEST(ScenarioJson, UniformMaximumMustBePositive) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "uniform"}, {"min_s", 0}, {"max_s", 0}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.max_s: must be > 0 (got 0)"});
}

TEST(ScenarioJson, UniformMinimumMustBeNonNegative) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "uniform"}, {"min_s", -1}, {"max_s", 5}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.min_s: must be >= 0 (got -1)"});
}

TEST(ScenarioJson, EmpiricalValuesMustBeNonNegativeAndNotAllZero) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "empirical"}, {"values_s", json::array()}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time.values_s: must not be empty (got [])"});
  doc["contact_types"][0]["handle_time"]["values_s"] = {0, -1};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time.values_s[1]: must be >= 0 (got -1)"});
  doc["contact_types"][0]["handle_time"]["values_s"] = {0, 0.0};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time.values_s: must have at least one "
                                  "value > 0 (got [0,0.0])"});
}

TEST(ScenarioJson, DistributionBeyondFloatingPointRangeIsRejected) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = {{"dist", "gamma"}, {"mean_s", 60}, {"cv", 1e-200}};
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].handle_time: parameters out of numerical "
                                  "range (got {\"cv\":1e-200,\"dist\":\"gamma\",\"mean_s\":60})"});
  doc["contact_types"][0]["handle_time"] = {{"dist", "weibull"}, {"mean_s", 60}, {"shape", 1e-3}};
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].handle_time: parameters out of numerical "
                  "range (got {\"dist\":\"weibull\",\"mean_s\":60,\"shape\":0.001})"});
}

// ---- flows of a contact type: targets, self-service, chatbot, callback, retrial

TEST(ScenarioJson, MaxAsaIsAPositiveTarget) {
  const ScenarioParse parsed = parse_scenario(with_type_key("max_asa_s", 30), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].max_asa_s, 30.0);
  EXPECT_EQ(errors_of(with_type_key("max_asa_s", 0)),
            Lines{"contact_types[0].max_asa_s: must be > 0 (got 0)"});
}

TEST(ScenarioJson, SelfServiceIsParsed) {
  const ScenarioParse parsed =
      parse_scenario(with_type_key("self_service", {{"deflection", 0.1}}), {});
  ASSERT_EQ(parsed.errors, Lines{});
  ASSERT_TRUE(parsed.scenario->contact_types[0].self_service.has_value());
  EXPECT_EQ(parsed.scenario->contact_types[0].self_service->deflection, 0.1);
}

TEST(ScenarioJson, SelfServiceDeflectionIsARequiredProbability) {
  EXPECT_EQ(errors_of(with_type_key("self_service", json::object())),
            Lines{"contact_types[0].self_service.deflection: is required"});
  EXPECT_EQ(errors_of(with_type_key("self_service", {{"deflection", 10}})),
            Lines{"contact_types[0].self_service.deflection: must be in [0, 1] (got 10)"});
  EXPECT_EQ(errors_of(with_type_key("self_service", 0.1)),
            Lines{"contact_types[0].self_service: must be an object (got 0.1)"});
  EXPECT_EQ(errors_of(with_type_key("self_service", {{"deflection", 0.1}, {"deflect", 0.1}})),
            Lines{"contact_types[0].self_service.deflect: unknown key; did you mean "
                  "\"deflection\"?"});
}

TEST(ScenarioJson, ChatbotOptionalKeysTakeTheirDefaults) {
  const json bot = {{"containment", 0.3}, {"bot_time", {{"dist", "exponential"}, {"mean_s", 90}}}};
  const ScenarioParse parsed = parse_scenario(with_type_key("chatbot", bot), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{});
  const std::optional<Chatbot>& c = parsed.scenario->contact_types[0].chatbot;
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->containment, 0.3);
  expect_same_distribution(c->bot_time, Distribution::exponential(90));
  EXPECT_EQ(c->max_sessions, 0);
  EXPECT_FALSE(c->queue_patience.has_value());
  EXPECT_EQ(c->abandon_prob, 0.0);
  EXPECT_FALSE(c->handoff_handle_time.has_value());
  EXPECT_FALSE(c->handoff_patience.has_value());
}

TEST(ScenarioJson, ChatbotIsParsedIntoItsValues) {
  const json bot = json::parse(R"({
    "containment": 0.25, "bot_time": {"dist": "lognormal", "mean_s": 120, "cv": 0.8},
    "max_sessions": 40, "queue_patience": {"dist": "exponential", "mean_s": 60},
    "abandon_prob": 0.05, "handoff_handle_time": {"dist": "gamma", "mean_s": 420, "cv": 0.9},
    "handoff_patience": {"dist": "deterministic", "mean_s": 240}
  })");
  const ScenarioParse parsed = parse_scenario(with_type_key("chatbot", bot), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{});
  const Chatbot& c = *parsed.scenario->contact_types[0].chatbot;
  EXPECT_EQ(c.containment, 0.25);
  expect_same_distribution(c.bot_time, Distribution::lognormal(120, 0.8));
  EXPECT_EQ(c.max_sessions, 40);
  ASSERT_TRUE(c.queue_patience.has_value());
  expect_same_distribution(*c.queue_patience, Distribution::exponential(60));
  EXPECT_EQ(c.abandon_prob, 0.05);
  ASSERT_TRUE(c.handoff_handle_time.has_value());
  expect_same_distribution(*c.handoff_handle_time, Distribution::gamma(420, 0.9));
  ASSERT_TRUE(c.handoff_patience.has_value());
  expect_same_distribution(*c.handoff_patience, Distribution::deterministic(240));
}

TEST(ScenarioJson, ChatbotContainmentAndBotTimeAreRequired) {
  EXPECT_EQ(errors_of(with_type_key("chatbot", json::object())),
            (Lines{
                "contact_types[0].chatbot.containment: is required",
                "contact_types[0].chatbot.bot_time: is required",
            }));
  EXPECT_EQ(errors_of(with_type_key("chatbot", "yes")),
            Lines{"contact_types[0].chatbot: must be an object (got \"yes\")"});
}

TEST(ScenarioJson, ChatbotKeysAreChecked) {
  const json bot = json::parse(R"({
    "containment": 1.5, "bot_time": {"dist": "exponential", "mean_s": 0},
    "max_sessions": 0, "queue_patience": {"dist": "exponential"},
    "abandon_prob": -0.1, "handoff_handle_time": {"dist": "lognormal", "mean_s": 300},
    "handoff_patience": 60, "bot_tme": 1
  })");
  EXPECT_EQ(errors_of(with_type_key("chatbot", bot)),
            (Lines{
                "contact_types[0].chatbot.bot_tme: unknown key; did you mean \"bot_time\"?",
                "contact_types[0].chatbot.containment: must be in [0, 1] (got 1.5)",
                "contact_types[0].chatbot.bot_time.mean_s: must be > 0 (got 0)",
                "contact_types[0].chatbot.max_sessions: must be >= 1 (got 0)",
                "contact_types[0].chatbot.queue_patience.mean_s: is required",
                "contact_types[0].chatbot.abandon_prob: must be in [0, 1] (got -0.1)",
                "contact_types[0].chatbot.handoff_handle_time.cv: is required",
                "contact_types[0].chatbot.handoff_patience: must be an object (got 60)",
            }));
}

TEST(ScenarioJson, ChatbotMaxSessionsIsAnInteger) {
  json bot = {{"containment", 0.3},
              {"bot_time", {{"dist", "exponential"}, {"mean_s", 90}}},
              {"max_sessions", 2.5}};
  EXPECT_EQ(errors_of(with_type_key("chatbot", bot)),
            Lines{"contact_types[0].chatbot.max_sessions: must be an integer (got 2.5)"});
}

TEST(ScenarioJson, ChatbotQueuePatienceWithoutMaxSessionsIsIgnoredWithAWarning) {
  json bot = {{"containment", 0.3},
              {"bot_time", {{"dist", "exponential"}, {"mean_s", 90}}},
              {"queue_patience", {{"dist", "exponential"}, {"mean_s", 60}}}};
  const ScenarioParse parsed = parse_scenario(with_type_key("chatbot", bot), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{"contact_types[0].chatbot.queue_patience: ignored: the bot has "
                                   "unlimited sessions"});
  EXPECT_FALSE(parsed.scenario->contact_types[0].chatbot->queue_patience.has_value());
}

TEST(ScenarioJson, ChatbotContainmentPlusAbandonMustNotExceedOne) {
  json bot = {{"containment", 0.7},
              {"bot_time", {{"dist", "exponential"}, {"mean_s", 90}}},
              {"abandon_prob", 0.5}};
  EXPECT_EQ(errors_of(with_type_key("chatbot", bot)),
            Lines{"contact_types[0].chatbot: containment + abandon_prob must be <= 1 (got 1.2)"});
  bot["containment"] = 0.9;
  bot["abandon_prob"] = 0.3;  // 1.2000000000000002 in binary floating point
  EXPECT_EQ(errors_of(with_type_key("chatbot", bot)),
            Lines{"contact_types[0].chatbot: containment + abandon_prob must be <= 1 (got 1.2)"});
  for (const auto& [containment, abandon] :
       std::vector<std::pair<double, double>>{{0.7, 0.3}, {0.35, 0.65}, {0.1, 0.9}, {1, 0}}) {
    bot["containment"] = containment;
    bot["abandon_prob"] = abandon;
    EXPECT_EQ(errors_of(with_type_key("chatbot", bot)), Lines{}) << containment << " " << abandon;
  }
}

TEST(ScenarioJson, ChatbotHandoffPatienceIsIgnoredForEmail) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["chatbot"] = {
      {"containment", 0.3},
      {"bot_time", {{"dist", "exponential"}, {"mean_s", 90}}},
      {"handoff_patience", {{"dist", "exponential"}, {"mean_s", 600}}}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{"contact_types[0].chatbot.handoff_patience: ignored: email "
                                   "contacts never abandon"});
  EXPECT_FALSE(parsed.scenario->contact_types[0].chatbot->handoff_patience.has_value());
}

json virtual_hold() {
  return {{"offer_when_expected_wait_over_s", 120}, {"accept_prob", 0.5}};
}

TEST(ScenarioJson, CallbackOptionalKeysTakeTheirDefaults) {
  const ScenarioParse parsed = parse_scenario(with_type_key("callback", virtual_hold()), {});
  ASSERT_EQ(parsed.errors, Lines{});
  const std::optional<Callback>& c = parsed.scenario->contact_types[0].callback;
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->mode, CallbackMode::VirtualHold);
  EXPECT_EQ(c->offer_when_expected_wait_over_s, 120.0);
  EXPECT_EQ(c->accept_prob, 0.5);
  EXPECT_EQ(c->reach_prob, 1.0);
  EXPECT_EQ(c->max_attempts, 3);
  EXPECT_EQ(c->retry_after_s, 300.0);
  EXPECT_FALSE(c->dial_time.has_value());
  EXPECT_EQ(c->predictor, WaitPredictor::QueueLength);
  EXPECT_EQ(c->delay_s, 0.0);
  EXPECT_FALSE(c->at_interval_start_after.has_value());
}

TEST(ScenarioJson, CallbackIsParsedIntoItsValues) {
  const json callback = json::parse(R"({
    "mode": "virtual_hold", "offer_when_expected_wait_over_s": 0, "accept_prob": 1,
    "reach_prob": 0.9, "max_attempts": 5, "retry_after_s": 600,
    "dial_time": {"dist": "deterministic", "mean_s": 15}, "predictor": "last_to_enter_service"
  })");
  const ScenarioParse parsed = parse_scenario(with_type_key("callback", callback), {});
  ASSERT_EQ(parsed.errors, Lines{});
  const Callback& c = *parsed.scenario->contact_types[0].callback;
  EXPECT_EQ(c.mode, CallbackMode::VirtualHold);
  EXPECT_EQ(c.offer_when_expected_wait_over_s, 0.0);
  EXPECT_EQ(c.accept_prob, 1.0);
  EXPECT_EQ(c.reach_prob, 0.9);
  EXPECT_EQ(c.max_attempts, 5);
  EXPECT_EQ(c.retry_after_s, 600.0);
  ASSERT_TRUE(c.dial_time.has_value());
  expect_same_distribution(*c.dial_time, Distribution::deterministic(15));
  EXPECT_EQ(c.predictor, WaitPredictor::LastToEnterService);
}

TEST(ScenarioJson, ScheduledCallbackTakesADelayOrAnIntervalStart) {
  json callback = virtual_hold();
  callback["mode"] = "scheduled";
  callback["delay_s"] = 900;
  ScenarioParse parsed = parse_scenario(with_type_key("callback", callback), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].callback->mode, CallbackMode::Scheduled);
  EXPECT_EQ(parsed.scenario->contact_types[0].callback->delay_s, 900.0);
  EXPECT_FALSE(parsed.scenario->contact_types[0].callback->at_interval_start_after.has_value());

  callback.erase("delay_s");
  callback["at_interval_start_after"] = 2;
  parsed = parse_scenario(with_type_key("callback", callback), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].callback->delay_s, 0.0);
  EXPECT_EQ(parsed.scenario->contact_types[0].callback->at_interval_start_after, 2);
}

TEST(ScenarioJson, ScheduledCallbackNeedsExactlyOneTime) {
  json callback = virtual_hold();
  callback["mode"] = "scheduled";
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback: must have exactly one of delay_s, "
                  "at_interval_start_after for mode scheduled (got none)"});
  callback["delay_s"] = 900;
  callback["at_interval_start_after"] = 1;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback: must have exactly one of delay_s, "
                  "at_interval_start_after for mode scheduled (got delay_s, "
                  "at_interval_start_after)"});
}

TEST(ScenarioJson, ScheduledCallbackTimesAreChecked) {
  json callback = virtual_hold();
  callback["mode"] = "scheduled";
  callback["delay_s"] = -5;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback.delay_s: must be >= 0 (got -5)"});
  callback.erase("delay_s");
  callback["at_interval_start_after"] = 0;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback.at_interval_start_after: must be >= 1 (got 0)"});
  callback["at_interval_start_after"] = 1.5;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback.at_interval_start_after: must be an integer (got "
                  "1.5)"});
}

TEST(ScenarioJson, CallbackTimesAreOnlyForModeScheduled) {
  json callback = virtual_hold();
  callback["delay_s"] = 900;
  callback["at_interval_start_after"] = 1;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            (Lines{
                "contact_types[0].callback.delay_s: only for mode scheduled",
                "contact_types[0].callback.at_interval_start_after: only for mode scheduled",
            }));
  callback["mode"] = "virtual_hold";
  callback.erase("at_interval_start_after");
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback.delay_s: only for mode scheduled"});
}

TEST(ScenarioJson, CallbackWithAnInvalidModeChecksItsTimesOnly) {
  json callback = virtual_hold();
  callback["mode"] = "schedule";
  callback["delay_s"] = -1;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            (Lines{
                "contact_types[0].callback.mode: must be one of virtual_hold, scheduled (got "
                "\"schedule\"); did you mean \"scheduled\"?",
                "contact_types[0].callback.delay_s: must be >= 0 (got -1)",
            }));
}

TEST(ScenarioJson, CallbackRequiredKeys) {
  EXPECT_EQ(errors_of(with_type_key("callback", json::object())),
            (Lines{
                "contact_types[0].callback.offer_when_expected_wait_over_s: is required",
                "contact_types[0].callback.accept_prob: is required",
            }));
  EXPECT_EQ(errors_of(with_type_key("callback", true)),
            Lines{"contact_types[0].callback: must be an object (got true)"});
}

TEST(ScenarioJson, CallbackKeysAreChecked) {
  const json callback = json::parse(R"({
    "mode": 1, "offer_when_expected_wait_over_s": -1, "accept_prob": 2, "reach_prob": -0.5,
    "max_attempts": 0, "retry_after_s": -300, "dial_time": {"dist": "deterministic"},
    "predictor": "queue_len", "reach": 1
  })");
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            (Lines{
                "contact_types[0].callback.reach: unknown key; did you mean \"reach_prob\"?",
                "contact_types[0].callback.mode: must be a string (got 1)",
                "contact_types[0].callback.offer_when_expected_wait_over_s: must be >= 0 (got "
                "-1)",
                "contact_types[0].callback.accept_prob: must be in [0, 1] (got 2)",
                "contact_types[0].callback.reach_prob: must be in [0, 1] (got -0.5)",
                "contact_types[0].callback.max_attempts: must be >= 1 (got 0)",
                "contact_types[0].callback.retry_after_s: must be >= 0 (got -300)",
                "contact_types[0].callback.dial_time.mean_s: is required",
                "contact_types[0].callback.predictor: must be one of queue_length, "
                "last_to_enter_service (got \"queue_len\"); did you mean \"queue_length\"?",
            }));
}

TEST(ScenarioJson, CallbackMaxAttemptsIsAnInteger) {
  json callback = virtual_hold();
  callback["max_attempts"] = 2.5;
  EXPECT_EQ(errors_of(with_type_key("callback", callback)),
            Lines{"contact_types[0].callback.max_attempts: must be an integer (got 2.5)"});
}

TEST(ScenarioJson, CallbackIsNotAvailableForEmail) {
  json doc = with_chat_type(minimal());
  doc["contact_types"].push_back(doc["contact_types"][0]);
  doc["contact_types"][2]["name"] = "mail";
  doc["contact_types"][2]["channel"] = "email";
  doc["contact_types"][2]["callback"] = virtual_hold();
  doc["agent_groups"][0]["skills"].push_back("mail");
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[2].callback: not available for channel email"});
  doc["contact_types"][2]["callback"]["accept_prob"] = 5;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[2].callback: not available for channel email",
                                "contact_types[2].callback.accept_prob: must be in [0, 1] (got 5)",
                            }));
}

TEST(ScenarioJson, CallbackIsAvailableForChat) {
  json doc = with_chat_type(minimal());
  doc["contact_types"][1]["callback"] = virtual_hold();
  EXPECT_EQ(errors_of(doc), Lines{});
}

TEST(ScenarioJson, RetrialOptionalKeysTakeTheirDefaults) {
  const json retrial = {{"prob", 0.2}, {"delay", {{"dist", "exponential"}, {"mean_s", 600}}}};
  const ScenarioParse parsed = parse_scenario(with_type_key("retrial", retrial), {});
  ASSERT_EQ(parsed.errors, Lines{});
  const std::optional<Retrial>& r = parsed.scenario->contact_types[0].retrial;
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->prob, 0.2);
  expect_same_distribution(r->delay, Distribution::exponential(600));
  EXPECT_EQ(r->max_retrials, 10);
}

TEST(ScenarioJson, RetrialIsParsedIntoItsValues) {
  const json retrial = {{"prob", 1},
                        {"delay", {{"dist", "uniform"}, {"min_s", 60}, {"max_s", 300}}},
                        {"max_retrials", 0}};
  const ScenarioParse parsed = parse_scenario(with_type_key("retrial", retrial), {});
  ASSERT_EQ(parsed.errors, Lines{});
  const Retrial& r = *parsed.scenario->contact_types[0].retrial;
  EXPECT_EQ(r.prob, 1.0);
  expect_same_distribution(r.delay, Distribution::uniform(60, 300));
  EXPECT_EQ(r.max_retrials, 0);
}

TEST(ScenarioJson, RetrialKeysAreChecked) {
  EXPECT_EQ(errors_of(with_type_key("retrial", json::object())),
            (Lines{
                "contact_types[0].retrial.prob: is required",
                "contact_types[0].retrial.delay: is required",
            }));
  const json retrial = {{"prob", 1.5},
                        {"delay", {{"dist", "exponentail"}, {"mean_s", 600}}},
                        {"max_retrials", -1},
                        {"probability", 0.2}};
  EXPECT_EQ(errors_of(with_type_key("retrial", retrial)),
            (Lines{
                "contact_types[0].retrial.probability: unknown key; did you mean \"prob\"?",
                "contact_types[0].retrial.prob: must be in [0, 1] (got 1.5)",
                "contact_types[0].retrial.delay.dist: must be one of exponential, deterministic, "
                "uniform, lognormal, gamma, erlang, weibull, empirical (got \"exponentail\"); "
                "did you mean \"exponential\"?",
                "contact_types[0].retrial.max_retrials: must be >= 0 (got -1)",
            }));
  EXPECT_EQ(errors_of(with_type_key("retrial", 0.2)),
            Lines{"contact_types[0].retrial: must be an object (got 0.2)"});
}

TEST(ScenarioJson, RetrialMaxRetrialsIsAnInteger) {
  const json retrial = {
      {"prob", 0.2}, {"delay", {{"dist", "exponential"}, {"mean_s", 600}}}, {"max_retrials", 1.5}};
  EXPECT_EQ(errors_of(with_type_key("retrial", retrial)),
            Lines{"contact_types[0].retrial.max_retrials: must be an integer (got 1.5)"});
}

TEST(ScenarioJson, RetrialIsIgnoredForEmail) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["retrial"] = {{"prob", 0.2},
                                        {"delay", {{"dist", "exponential"}, {"mean_s", 600}}}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings,
            Lines{"contact_types[0].retrial: ignored: email contacts never abandon"});
  EXPECT_FALSE(parsed.scenario->contact_types[0].retrial.has_value());
}

TEST(ScenarioJson, FlowProblemsAreReportedInKeyOrder) {
  json doc = minimal();
  doc["contact_types"][0]["retrial"] = json::object();
  doc["contact_types"][0]["callback"] = json::object();
  doc["contact_types"][0]["chatbot"] = json::object();
  doc["contact_types"][0]["self_service"] = json::object();
  doc["contact_types"][0]["max_asa_s"] = -1;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].max_asa_s: must be > 0 (got -1)",
                                "contact_types[0].self_service.deflection: is required",
                                "contact_types[0].chatbot.containment: is required",
                                "contact_types[0].chatbot.bot_time: is required",
                                "contact_types[0].callback.offer_when_expected_wait_over_s: is "
                                "required",
                                "contact_types[0].callback.accept_prob: is required",
                                "contact_types[0].retrial.prob: is required",
                                "contact_types[0].retrial.delay: is required",
                            }));
}

// ---- customer behaviour

// minimal() with two more voice types, "cards" and "fraud", in the skills of its group.
json with_three_types() {
  json doc = minimal();
  for (const char* name : {"cards", "fraud"}) {
    json type = doc["contact_types"][0];
    type["name"] = name;
    doc["contact_types"].push_back(type);
    doc["agent_groups"][0]["skills"].push_back(name);
  }
  return doc;
}

// with_three_types() with `value` at key `key` of its first contact type.
json with_first_type_key(const char* key, const json& value) {
  json doc = with_three_types();
  doc["contact_types"][0][key] = value;
  return doc;
}

// {"curve": points}.
json curve(const json& points) {
  return {{"curve", points}};
}

TEST(ScenarioJson, BalkAndSatisfactionCurvesAreParsed) {
  json doc = minimal();
  doc["contact_types"][0]["balk"] = curve({{0, 0}, {120, 0.05}, {600, 0.3}});
  doc["contact_types"][0]["satisfaction"] = curve({{30.5, 1}});
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{});
  const ContactType& t = parsed.scenario->contact_types[0];
  ASSERT_TRUE(t.balk.has_value());
  EXPECT_EQ(t.balk->points,
            (std::vector<std::pair<double, double>>{{0, 0}, {120, 0.05}, {600, 0.3}}));
  ASSERT_TRUE(t.satisfaction.has_value());
  EXPECT_EQ(t.satisfaction->points, (std::vector<std::pair<double, double>>{{30.5, 1}}));
}

TEST(ScenarioJson, CurveIsARequiredObjectKey) {
  EXPECT_EQ(errors_of(with_type_key("balk", json::object())),
            Lines{"contact_types[0].balk.curve: is required"});
  EXPECT_EQ(errors_of(with_type_key("balk", 0.1)),
            Lines{"contact_types[0].balk: must be an object (got 0.1)"});
  EXPECT_EQ(errors_of(with_type_key("satisfaction", {{"curv", json::array({{0, 1}})}})),
            (Lines{
                "contact_types[0].satisfaction.curv: unknown key; did you mean \"curve\"?",
                "contact_types[0].satisfaction.curve: is required",
            }));
}

TEST(ScenarioJson, CurveIsANonEmptyArray) {
  EXPECT_EQ(errors_of(with_type_key("balk", curve(json::array()))),
            Lines{"contact_types[0].balk.curve: must not be empty (got [])"});
  EXPECT_EQ(errors_of(with_type_key("balk", curve("steep"))),
            Lines{"contact_types[0].balk.curve: must be an array (got \"steep\")"});
}

TEST(ScenarioJson, CurvePointsArePairsOfWaitAndProbability) {
  EXPECT_EQ(errors_of(with_type_key("balk", curve({{0, 0}, json(5), {60, 0.1, 1}, {120}}))),
            (Lines{
                "contact_types[0].balk.curve[1]: must be an array (got 5)",
                "contact_types[0].balk.curve[2]: must have exactly 2 entries, [wait_s, prob] "
                "(got 3 entries)",
                "contact_types[0].balk.curve[3]: must have exactly 2 entries, [wait_s, prob] "
                "(got 1 entry)",
            }));
}

TEST(ScenarioJson, CurveWaitsAreNonNegativeAndProbabilitiesInZeroToOne) {
  EXPECT_EQ(errors_of(with_type_key("satisfaction", curve({{-1, 0.9}, {10, 1.5}, {20, "x"}}))),
            (Lines{
                "contact_types[0].satisfaction.curve[0][0]: must be >= 0 (got -1)",
                "contact_types[0].satisfaction.curve[1][1]: must be in [0, 1] (got 1.5)",
                "contact_types[0].satisfaction.curve[2][1]: must be a number (got \"x\")",
            }));
}

TEST(ScenarioJson, CurveWaitsMustIncreaseStrictly) {
  EXPECT_EQ(errors_of(with_type_key("balk", curve({{0, 0}, {120, 0.05}, {60, 0.3}}))),
            Lines{"contact_types[0].balk.curve[2][0]: must be > 120, the previous wait_s (got "
                  "60)"});
  EXPECT_EQ(errors_of(with_type_key("satisfaction", curve({{0, 1}, {0, 0.5}}))),
            Lines{"contact_types[0].satisfaction.curve[1][0]: must be > 0, the previous wait_s "
                  "(got 0)"});
  // Each wait is compared with the one just before it, in order or not.
  EXPECT_EQ(errors_of(with_type_key("balk", curve({{0, 0}, {120, 0.1}, {60, 0.2}, {90, 0.3}}))),
            Lines{"contact_types[0].balk.curve[2][0]: must be > 120, the previous wait_s (got "
                  "60)"});
  // No comparison with a point that is not a valid wait.
  EXPECT_EQ(errors_of(with_type_key("balk", curve({{"x", 0}, {0, 0.1}}))),
            Lines{"contact_types[0].balk.curve[0][0]: must be a number (got \"x\")"});
}

TEST(ScenarioJson, EmailBalkIsIgnoredWithAWarning) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["balk"] = curve({{0, 0}, {3600, 0.2}});
  doc["contact_types"][0]["satisfaction"] = curve({{0, 1}, {86400, 0.5}});
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings, Lines{"contact_types[0].balk: ignored: email contacts never abandon"});
  EXPECT_FALSE(parsed.scenario->contact_types[0].balk.has_value());
  EXPECT_TRUE(parsed.scenario->contact_types[0].satisfaction.has_value());
}

TEST(ScenarioJson, EmailBalkIsStillChecked) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["balk"] = curve({{0, 2}});
  const ScenarioParse parsed = parse_scenario(doc, {});
  EXPECT_EQ(parsed.errors, Lines{"contact_types[0].balk.curve[0][1]: must be in [0, 1] (got 2)"});
  EXPECT_EQ(parsed.warnings, Lines{"contact_types[0].balk: ignored: email contacts never abandon"});
}

TEST(ScenarioJson, TransfersAreParsedIntoTypeIndices) {
  const json transfers = json::parse(R"([{"to": "fraud", "prob": 0.1},
                                          {"to": "cards", "prob": 0.25}])");
  json doc = with_first_type_key("transfers", transfers);
  doc["contact_types"][2]["transfers"] = json::parse(R"([{"to": "billing", "prob": 1}])");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const std::vector<Transfer>& t = parsed.scenario->contact_types[0].transfers;
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].to, 2);
  EXPECT_EQ(t[0].prob, 0.1);
  EXPECT_EQ(t[1].to, 1);
  EXPECT_EQ(t[1].prob, 0.25);
  const std::vector<Transfer>& back = parsed.scenario->contact_types[2].transfers;
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].to, 0);
  EXPECT_EQ(back[0].prob, 1.0);
  EXPECT_TRUE(parsed.scenario->contact_types[1].transfers.empty());
}

TEST(ScenarioJson, EmptyTransfersAreNone) {
  const ScenarioParse parsed = parse_scenario(with_type_key("transfers", json::array()), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_TRUE(parsed.scenario->contact_types[0].transfers.empty());
}

TEST(ScenarioJson, TransfersAreAnArrayOfObjects) {
  EXPECT_EQ(errors_of(with_type_key("transfers", json::object())),
            Lines{"contact_types[0].transfers: must be an array (got {})"});
  EXPECT_EQ(errors_of(with_type_key("transfers", {"cards"})),
            Lines{"contact_types[0].transfers[0]: must be an object (got \"cards\")"});
}

TEST(ScenarioJson, TransferKeysAreChecked) {
  EXPECT_EQ(errors_of(with_first_type_key("transfers", json::array({json::object()}))),
            (Lines{
                "contact_types[0].transfers[0].to: is required",
                "contact_types[0].transfers[0].prob: is required",
            }));
  const json transfer = {{"to", "cards"}, {"probability", 0.2}, {"prob", 0.2}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", json::array({transfer}))),
            Lines{"contact_types[0].transfers[0].probability: unknown key; did you mean "
                  "\"prob\"?"});
}

TEST(ScenarioJson, TransferProbabilityIsAboveZeroAndAtMostOne) {
  const json transfers = {{{"to", "cards"}, {"prob", 0}}, {{"to", "fraud"}, {"prob", 1.5}}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", transfers)),
            (Lines{
                "contact_types[0].transfers[0].prob: must be in (0, 1] (got 0)",
                "contact_types[0].transfers[1].prob: must be in (0, 1] (got 1.5)",
            }));
}

TEST(ScenarioJson, TransferTargetMustNameAContactType) {
  const json transfers = {{{"to", "crads"}, {"prob", 0.1}}, {{"to", 7}, {"prob", 0.1}}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", transfers)),
            (Lines{
                "contact_types[0].transfers[0].to: must be the name of a contact type (got "
                "\"crads\"); did you mean \"cards\"?",
                "contact_types[0].transfers[1].to: must be a string (got 7)",
            }));
}

TEST(ScenarioJson, TransferTargetMustBeAnotherType) {
  const json transfers = json::array({{{"to", "billing"}, {"prob", 0.1}}});
  EXPECT_EQ(errors_of(with_first_type_key("transfers", transfers)),
            Lines{"contact_types[0].transfers[0].to: must name another contact type (got "
                  "\"billing\")"});
}

TEST(ScenarioJson, TransferTargetMustNotRepeat) {
  const json transfers = {{{"to", "cards"}, {"prob", 0.1}}, {{"to", "cards"}, {"prob", 0.2}}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", transfers)),
            Lines{"contact_types[0].transfers[1].to: must be unique, duplicate of "
                  "contact_types[0].transfers[0].to (got \"cards\")"});
}

TEST(ScenarioJson, TransferProbabilitiesSumToAtMostOne) {
  const json transfers = {{{"to", "cards"}, {"prob", 0.7}}, {{"to", "fraud"}, {"prob", 0.4}}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", transfers)),
            Lines{"contact_types[0].transfers: probabilities must sum to <= 1 (got 1.1)"});
  const json exactly_one = {{{"to", "cards"}, {"prob", 0.9}}, {{"to", "fraud"}, {"prob", 0.1}}};
  EXPECT_EQ(errors_of(with_first_type_key("transfers", exactly_one)), Lines{});
}

TEST(ScenarioJson, ChannelSwitchIsParsed) {
  json doc = with_chat_type(minimal());
  doc["contact_types"][0]["channel_switch"] = json::parse(
      R"({"to": "web_chat", "prob": 0.3, "delay": {"dist": "exponential", "mean_s": 120}})");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const std::optional<ChannelSwitch>& s = parsed.scenario->contact_types[0].channel_switch;
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->to, 1);
  EXPECT_EQ(s->prob, 0.3);
  expect_same_distribution(s->delay, Distribution::exponential(120));
}

TEST(ScenarioJson, ChannelSwitchKeysAreChecked) {
  EXPECT_EQ(errors_of(with_first_type_key("channel_switch", json::object())),
            (Lines{
                "contact_types[0].channel_switch.to: is required",
                "contact_types[0].channel_switch.prob: is required",
                "contact_types[0].channel_switch.delay: is required",
            }));
  const json channel_switch = {{"to", "frud"},
                               {"prob", 1.2},
                               {"delay", {{"dist", "exponential"}, {"mean_s", 0}}},
                               {"after", 1}};
  EXPECT_EQ(errors_of(with_first_type_key("channel_switch", channel_switch)),
            (Lines{
                "contact_types[0].channel_switch.after: unknown key",
                "contact_types[0].channel_switch.to: must be the name of a contact type (got "
                "\"frud\"); did you mean \"fraud\"?",
                "contact_types[0].channel_switch.prob: must be in [0, 1] (got 1.2)",
                "contact_types[0].channel_switch.delay.mean_s: must be > 0 (got 0)",
            }));
  EXPECT_EQ(errors_of(with_first_type_key("channel_switch", "web_chat")),
            Lines{"contact_types[0].channel_switch: must be an object (got \"web_chat\")"});
}

TEST(ScenarioJson, ChannelSwitchTargetMustBeAnotherType) {
  const json channel_switch = {
      {"to", "billing"}, {"prob", 0.2}, {"delay", {{"dist", "exponential"}, {"mean_s", 60}}}};
  EXPECT_EQ(errors_of(with_first_type_key("channel_switch", channel_switch)),
            Lines{"contact_types[0].channel_switch.to: must name another contact type (got "
                  "\"billing\")"});
}

TEST(ScenarioJson, EmailChannelSwitchIsIgnoredWithAWarning) {
  json doc = with_three_types();
  doc["contact_types"][0]["channel"] = "email";
  doc["contact_types"][0]["channel_switch"] = {
      {"to", "cards"}, {"prob", 0.2}, {"delay", {{"dist", "exponential"}, {"mean_s", 60}}}};
  doc["agent_groups"][0]["staff"]["count"] = 15;  // the 15 Erlangs offered: no load warning
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.warnings,
            Lines{"contact_types[0].channel_switch: ignored: email contacts never abandon"});
  EXPECT_FALSE(parsed.scenario->contact_types[0].channel_switch.has_value());
}

TEST(ScenarioJson, TargetOfAnotherTypeMayComeLaterInTheList) {
  json doc = with_three_types();
  doc["contact_types"][2]["channel_switch"] = {
      {"to", "billing"}, {"prob", 0.2}, {"delay", {{"dist", "exponential"}, {"mean_s", 60}}}};
  doc["contact_types"][0]["transfers"] = json::array({{{"to", "fraud"}, {"prob", 0.2}}});
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[2].channel_switch->to, 0);
  EXPECT_EQ(parsed.scenario->contact_types[0].transfers[0].to, 2);
}

TEST(ScenarioJson, BehaviourProblemsAreReportedInKeyOrder) {
  json doc = minimal();
  doc["contact_types"][0]["satisfaction"] = json::object();
  doc["contact_types"][0]["transfers"] = json::array({json::object()});
  doc["contact_types"][0]["channel_switch"] = json::object();
  doc["contact_types"][0]["retrial"] = json::object();
  doc["contact_types"][0]["balk"] = json::object();
  doc["contact_types"][0]["callback"] = json::object();
  EXPECT_EQ(errors_of(doc), (Lines{
                                "contact_types[0].callback.offer_when_expected_wait_over_s: is "
                                "required",
                                "contact_types[0].callback.accept_prob: is required",
                                "contact_types[0].balk.curve: is required",
                                "contact_types[0].retrial.prob: is required",
                                "contact_types[0].retrial.delay: is required",
                                "contact_types[0].channel_switch.to: is required",
                                "contact_types[0].channel_switch.prob: is required",
                                "contact_types[0].channel_switch.delay: is required",
                                "contact_types[0].transfers[0].to: is required",
                                "contact_types[0].transfers[0].prob: is required",
                                "contact_types[0].satisfaction.curve: is required",
                            }));
}

// ---- agent groups

TEST(ScenarioJson, AgentGroupsMustNotBeEmpty) {
  json doc = minimal();
  doc["agent_groups"] = json::array();
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups: must not be empty (got [])"});
}

TEST(ScenarioJson, AgentGroupNamesMustBeUnique) {
  json doc = minimal();
  doc["agent_groups"].push_back(doc["agent_groups"][0]);
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[1].name: must be unique, duplicate of "
                                  "agent_groups[0].name (got \"team\")"});
}

TEST(ScenarioJson, AgentGroupKeysAreRequired) {
  json doc = minimal();
  doc["agent_groups"][0] = json::object();
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].name: is required",
                                "agent_groups[0].skills: is required",
                                "agent_groups[0].staff: is required",
                            }));
}

TEST(ScenarioJson, UnknownSkillSuggestsTheClosestContactType) {
  json doc = minimal();
  doc["agent_groups"][0]["skills"] = {"biling"};
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].skills[0]: must be the name of a contact type "
                                "(got \"biling\"); did you mean \"billing\"?",
                                "contact_types[0]: no agent group has the skill \"billing\"",
                            }));
}

TEST(ScenarioJson, RepeatedSkillIsRejected) {
  json doc = minimal();
  doc["agent_groups"][0]["skills"] = {"billing", "billing"};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].skills[1]: must be unique, duplicate of "
                                  "agent_groups[0].skills[0] (got \"billing\")"});
}

TEST(ScenarioJson, SkillsMustNotBeEmpty) {
  json doc = minimal();
  doc["agent_groups"][0]["skills"] = json::array();
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].skills: must not be empty (got [])"});
}

TEST(ScenarioJson, ContactTypeWithoutASkilledGroupIsRejected) {
  json doc = minimal();
  doc["contact_types"].push_back(doc["contact_types"][0]);
  doc["contact_types"][1]["name"] = "sales";
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[1]: no agent group has the skill \"sales\""});
}

TEST(ScenarioJson, StaffNeedsExactlyOneKind) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {{"count", 3}, {"per_interval", {1, 2}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff: must have exactly one of count, "
                                  "per_interval, shifts, file (got count, per_interval)"});
  doc["agent_groups"][0]["staff"] = json::object();
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff: must have exactly one of count, "
                                  "per_interval, shifts, file (got none)"});
}

TEST(ScenarioJson, StaffCountMustBeNonNegative) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"]["count"] = -1;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff.count: must be >= 0 (got -1)"});
}

TEST(ScenarioJson, StaffPerIntervalNeedsOneIntegerPerInterval) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {{"per_interval", {3}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff.per_interval: must have exactly 2 "
                                  "entries, one per interval (got 1 entry)"});
  doc["agent_groups"][0]["staff"] = {{"per_interval", {3, 4.5}}};
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].staff.per_interval[1]: must be an integer (got 4.5)"});
}

TEST(ScenarioJson, ShiftsMustNotBeEmpty) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {{"shifts", json::array()}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff.shifts: must not be empty (got [])"});
}

TEST(ScenarioJson, ShiftKeysAreRequired) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {{"shifts", {json::object()}}};
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].staff.shifts[0]: must have either start_s and "
                                "end_s (seconds from the horizon start) or start and end (clock "
                                "times \"HH:MM\" of the calendar day) (got none)",
                                "agent_groups[0].staff.shifts[0].count: is required",
                            }));
}

TEST(ScenarioJson, ShiftMustEndAfterItStarts) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {
      {"shifts", {{{"start_s", 1800}, {"end_s", 1800}, {"count", 2}}}}};
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].staff.shifts[0].end_s: must be > start_s = 1800 (got 1800)"});
}

TEST(ScenarioJson, ShiftMustStartWithinTheHorizon) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {
      {"shifts", {{{"start_s", 3600}, {"end_s", 7200}, {"count", 2}}}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff.shifts[0].start_s: must be < horizon end "
                                  "= 3600 (got 3600)"});
}

TEST(ScenarioJson, ShiftCountMustBeANonNegativeInteger) {
  json doc = minimal();
  doc["agent_groups"][0]["staff"] = {
      {"shifts", {{{"start_s", 0}, {"end_s", 3600}, {"count", -2}}}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].staff.shifts[0].count: must be >= 0 (got -2)"});
}

TEST(ScenarioJson, ConcurrencyMustBeAtLeastOne) {
  json doc = minimal();
  doc["agent_groups"][0]["concurrency"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency: must be >= 1 (got 0)"});
}

TEST(ScenarioJson, ConcurrencyMustBeAnInteger) {
  json doc = minimal();
  doc["agent_groups"][0]["concurrency"] = 1.5;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency: must be an integer (got 1.5)"});
}

TEST(ScenarioJson, ConcurrencyAboveOneIsForChatOnlyGroups) {
  json doc = minimal();
  doc["agent_groups"][0]["concurrency"] = 3;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency: must be 1 unless every skill is a "
                                  "chat contact type (got 3; \"billing\" is voice)"});
}

TEST(ScenarioJson, ConcurrencyRuleNamesTheFirstSkillThatIsNotChat) {
  json doc = with_chat_type(minimal());
  doc["contact_types"].push_back(doc["contact_types"][0]);
  doc["contact_types"][2]["name"] = "mail";
  doc["contact_types"][2]["channel"] = "email";
  doc["agent_groups"][0] = {{"name", "blend"},
                            {"skills", {"web_chat", "mail", "billing"}},
                            {"staff", {{"count", 4}}},
                            {"concurrency", 2.0}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency: must be 1 unless every skill is a "
                                  "chat contact type (got 2.0; \"mail\" is email)"});
}

TEST(ScenarioJson, ConcurrencyAboveOneIsAllowedForChatOnlyGroups) {
  json doc = with_chat_type(minimal());
  doc["agent_groups"].push_back({{"name", "chat_team"},
                                 {"skills", {"web_chat"}},
                                 {"staff", {{"count", 4}}},
                                 {"concurrency", 3},
                                 {"concurrency_slowdown", {1.0, 1.15, 1.35}}});
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const AgentGroup& chat_team = parsed.scenario->agent_groups[1];
  EXPECT_EQ(chat_team.concurrency, 3);
  EXPECT_EQ(chat_team.concurrency_slowdown, (std::vector<double>{1.0, 1.15, 1.35}));
}

TEST(ScenarioJson, ConcurrencyRuleSkipsSkillsWithAnInvalidChannel) {
  json doc = minimal();
  doc["contact_types"][0]["channel"] = "chatt";
  doc["agent_groups"][0]["concurrency"] = 2;
  EXPECT_EQ(errors_of(doc),
            Lines{"contact_types[0].channel: must be one of voice, chat, email (got \"chatt\"); "
                  "did you mean \"chat\"?"});
}

TEST(ScenarioJson, ConcurrencySlowdownHasOneEntryPerConcurrentChat) {
  json doc = with_chat_type(minimal());
  doc["agent_groups"][0] = {{"name", "chat_team"},
                            {"skills", {"web_chat", "billing"}},
                            {"staff", {{"count", 4}}},
                            {"concurrency_slowdown", {1.0, 1.2}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency_slowdown: must have exactly 1 "
                                  "entry, one per concurrent chat (got 2 entries)"});
  doc["agent_groups"][0]["skills"] = {"web_chat"};
  doc["agent_groups"].push_back(minimal()["agent_groups"][0]);
  doc["agent_groups"][0]["concurrency"] = 3;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency_slowdown: must have exactly 3 "
                                  "entries, one per concurrent chat (got 2 entries)"});
  doc["agent_groups"][0]["concurrency_slowdown"] = json::array();
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency_slowdown: must have exactly 3 "
                                  "entries, one per concurrent chat (got 0 entries)"});
}

TEST(ScenarioJson, ConcurrencySlowdownOfOneEntryAppliesWithoutConcurrency) {
  json doc = minimal();
  doc["agent_groups"][0]["concurrency_slowdown"] = {1.1};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->agent_groups[0].concurrency_slowdown, std::vector<double>{1.1});
}

TEST(ScenarioJson, ConcurrencySlowdownFactorsMustBePositive) {
  json doc = with_chat_type(minimal());
  doc["agent_groups"].push_back({{"name", "chat_team"},
                                 {"skills", {"web_chat"}},
                                 {"staff", {{"count", 4}}},
                                 {"concurrency", 3},
                                 {"concurrency_slowdown", {1.0, 0, "x"}}});
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[1].concurrency_slowdown[1]: must be > 0 (got 0)",
                                "agent_groups[1].concurrency_slowdown[2]: must be a number (got "
                                "\"x\")",
                            }));
  doc["agent_groups"][1]["concurrency_slowdown"] = 1.2;
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[1].concurrency_slowdown: must be an array (got 1.2)"});
}

TEST(ScenarioJson, SlowdownLengthIsNotCheckedAgainstAnInvalidConcurrency) {
  json doc = minimal();
  doc["agent_groups"][0]["concurrency"] = 0;
  doc["agent_groups"][0]["concurrency_slowdown"] = {1.0, 1.2};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].concurrency: must be >= 1 (got 0)"});
}

TEST(ScenarioJson, MaxUtilisationIsInZeroToOne) {
  json doc = minimal();
  doc["agent_groups"][0]["max_utilisation"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].max_utilisation: must be > 0 (got 0)"});
  doc["agent_groups"][0]["max_utilisation"] = 1.5;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].max_utilisation: must be <= 1 (got 1.5)"});
  doc["agent_groups"][0]["max_utilisation"] = 0.85;
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->agent_groups[0].max_utilisation, 0.85);
  EXPECT_FALSE(parsed.scenario->agent_groups[0].max_occupancy);
}

TEST(ScenarioJson, MaxOccupancyIsInZeroToOne) {
  json doc = minimal();
  doc["agent_groups"][0]["max_occupancy"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].max_occupancy: must be > 0 (got 0)"});
  doc["agent_groups"][0]["max_occupancy"] = 1.2;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].max_occupancy: must be <= 1 (got 1.2)"});
  doc["agent_groups"][0]["max_occupancy"] = "high";
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].max_occupancy: must be a number (got \"high\")"});
  for (double ok : {1.0, 0.85}) {
    doc["agent_groups"][0]["max_occupancy"] = ok;
    const ScenarioParse parsed = parse_scenario(doc, {});
    ASSERT_EQ(parsed.errors, Lines{});
    EXPECT_EQ(parsed.scenario->agent_groups[0].max_occupancy, ok);
  }
}

TEST(ScenarioJson, ShrinkageMustBeBelowOne) {
  json doc = minimal();
  doc["agent_groups"][0]["shrinkage"] = 1;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].shrinkage: must be in [0, 1) (got 1)"});
}

TEST(ScenarioJson, SpeedFactorIsAPositiveNumber) {
  json doc = minimal();
  doc["agent_groups"][0]["speed_factor"] = 0.8;
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->agent_groups[0].speed_factor, 0.8);
  doc["agent_groups"][0]["speed_factor"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].speed_factor: must be > 0 (got 0)"});
  doc["agent_groups"][0]["speed_factor"] = "fast";
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].speed_factor: must be a number (got "
                                  "\"fast\")"});
}

TEST(ScenarioJson, HandleTimesAreStoredInTheOrderOfTheSkills) {
  json doc = with_three_types();
  doc["agent_groups"][0]["skills"] = {"fraud", "billing", "cards"};
  doc["agent_groups"][0]["handle_times"] = json::parse(R"({
    "billing": {"dist": "exponential", "mean_s": 150},
    "fraud": {"dist": "lognormal", "mean_s": 600, "cv": 0.5}
  })");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  const auto& h = parsed.scenario->agent_groups[0].handle_times;
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].first, 2);
  expect_same_distribution(h[0].second, Distribution::lognormal(600, 0.5));
  EXPECT_EQ(h[1].first, 0);
  expect_same_distribution(h[1].second, Distribution::exponential(150));
}

TEST(ScenarioJson, HandleTimesNameSkillsOfTheGroup) {
  json doc = with_three_types();
  doc["agent_groups"][0]["skills"] = {"billing", "fraud"};
  doc["agent_groups"].push_back(
      {{"name", "cards_team"}, {"skills", {"cards"}}, {"staff", {{"count", 2}}}});
  doc["agent_groups"][0]["handle_times"] = {
      {"cards", {{"dist", "exponential"}, {"mean_s", 100}}},
      {"biling", {{"dist", "exponential"}, {"mean_s", 100}}},
      {"web chat", {{"dist", "exponential"}, {"mean_s", 100}}}};
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].handle_times.biling: must be the name of a "
                                "contact type; did you mean \"billing\"?",
                                "agent_groups[0].handle_times.cards: must be a skill of this "
                                "group",
                                "agent_groups[0].handle_times[\"web chat\"]: must be the name "
                                "of a contact type",
                            }));
}

TEST(ScenarioJson, HandleTimesAreDistributions) {
  json doc = minimal();
  doc["agent_groups"][0]["handle_times"] = {{"billing", {{"dist", "exponential"}, {"mean_s", -1}}}};
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].handle_times.billing.mean_s: must be > 0 (got -1)"});
  doc["agent_groups"][0]["handle_times"] = {{"billing", 240}};
  EXPECT_EQ(errors_of(doc),
            Lines{"agent_groups[0].handle_times.billing: must be an object (got 240)"});
  doc["agent_groups"][0]["handle_times"] = {{"dist", "exponential"}, {"mean_s", 240}};
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].handle_times.dist: must be the name of a "
                                "contact type",
                                "agent_groups[0].handle_times.dist: must be an object (got "
                                "\"exponential\")",
                                "agent_groups[0].handle_times.mean_s: must be the name of a "
                                "contact type",
                                "agent_groups[0].handle_times.mean_s: must be an object (got "
                                "240)",
                            }));
  doc["agent_groups"][0]["handle_times"] = json::array();
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].handle_times: must be an object (got [])"});
}

TEST(ScenarioJson, HandleTimesAreNotCheckedAgainstUnreadableSkills) {
  json doc = minimal();
  doc["agent_groups"][0]["skills"] = "billing";
  doc["agent_groups"][0]["handle_times"] = {{"billing", {{"dist", "exponential"}, {"mean_s", 1}}}};
  EXPECT_EQ(errors_of(doc), Lines{"agent_groups[0].skills: must be an array (got \"billing\")"});
}

// ---- routing

TEST(ScenarioJson, RoutingAgentChoiceIsParsed) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", "fastest_group"}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->routing.agent_choice, AgentChoice::FastestGroup);
  doc["routing"] = json::object();
  const ScenarioParse defaulted = parse_scenario(doc, {});
  ASSERT_EQ(defaulted.errors, Lines{});
  EXPECT_EQ(defaulted.scenario->routing.agent_choice, AgentChoice::LongestIdle);
}

TEST(ScenarioJson, RoutingKeysAreChecked) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", "fastest"}};
  EXPECT_EQ(errors_of(doc), Lines{"routing.agent_choice: must be one of longest_idle, "
                                  "fastest_group (got \"fastest\"); did you mean "
                                  "\"fastest_group\"?"});
  doc["routing"] = {{"agent_choise", "longest_idle"}};
  EXPECT_EQ(errors_of(doc),
            Lines{"routing.agent_choise: unknown key; did you mean \"agent_choice\"?"});
  doc["routing"] = "fastest_group";
  EXPECT_EQ(errors_of(doc), Lines{"routing: must be an object (got \"fastest_group\")"});
}

TEST(ScenarioJson, RoutingProblemsComeAfterTheAgentGroups) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", 1}};
  doc["agent_groups"][0]["speed_factor"] = -1;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].speed_factor: must be > 0 (got -1)",
                                "routing.agent_choice: must be a string (got 1)",
                            }));
}

// ---- files

TEST_F(ScenarioFiles, ValidFileIsLoaded) {
  const fs::path file = write("scenario.json", minimal().dump(2));
  const ScenarioParse parsed = load_scenario(file);
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->name, "test");
}

TEST_F(ScenarioFiles, MissingFileCannotBeOpened) {
  const fs::path file = dir_ / "absent.json";
  EXPECT_EQ(load_scenario(file).errors, Lines{file.string() + ": cannot open file"});
}

TEST_F(ScenarioFiles, DirectoryCannotBeOpenedAsAFile) {
  EXPECT_EQ(load_scenario(dir_).errors, Lines{dir_.string() + ": is a directory"});
}

TEST_F(ScenarioFiles, SyntaxErrorNamesLineAndColumn) {
  const fs::path file = write("bad.json", "{\n  \"name\": \"x\",\n  oops\n}\n");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 3, column 3: syntax error while parsing object key - "
                  "invalid literal; last read: '\"x\",<U+000A>  o'; expected string literal"});
}

TEST_F(ScenarioFiles, EmptyFileIsInvalidJson) {
  const fs::path file = write("empty.json", "");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 1, column 1: syntax error while parsing value - "
                  "unexpected end of input; expected '[', '{', or a literal"});
}

TEST_F(ScenarioFiles, NumberBeyondDoubleRangeIsInvalidJson) {
  const fs::path file = write("big.json", "{\n  \"name\": 1e400\n}\n");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 2, column 11: number overflow parsing '1e400'"});
}

TEST_F(ScenarioFiles, DuplicateKeysAreReported) {
  std::string text = minimal().dump(2);
  text.insert(text.find("\"mean_s\""), "\"mean_s\": 60, ");
  text.insert(1, "\"name\": \"first\", ");
  const fs::path file = write("dup.json", text);
  const ScenarioParse parsed = load_scenario(file);
  EXPECT_EQ(parsed.errors, (Lines{
                               "contact_types[0].handle_time.mean_s: duplicate key",
                               "name: duplicate key",
                           }));
  EXPECT_FALSE(parsed.scenario.has_value());
}

TEST_F(ScenarioFiles, DuplicateKeyPathCountsArrayElements) {
  const fs::path file =
      write("dup.json", R"({"agent_groups": [[1, [2]], {"a": {}}, {"name": 1, "name": 2}]})");
  const Lines errors = load_scenario(file).errors;
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], "agent_groups[2].name: duplicate key");
}

}  // namespace
}  // namespace ccsim
