// The scenario reader (scenario_json.h): customer behaviour and agent groups.
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

#include "models/scenario/scenario_json.h"
#include "tests/models/scenario_json_support.h"

namespace ccsim {
namespace {

using namespace scenario_json_test;
namespace fs = std::filesystem;
using nlohmann::json;

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

}  // namespace
}  // namespace ccsim
