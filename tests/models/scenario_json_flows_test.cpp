// The scenario reader (scenario_json.h): arrival traces, distributions and the flows of a
// contact type.
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
                  "uniform, lognormal, gamma, erlang, weibull, empirical, piecewise_hazard (got "
                  "\"lognorml\"); did you mean \"lognormal\"?"});
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
                "last_to_enter_service, head_of_line, queue_length_with_abandonment (got "
                "\"queue_len\")",
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
                "uniform, lognormal, gamma, erlang, weibull, empirical, piecewise_hazard (got "
                "\"exponentail\"); did you mean \"exponential\"?",
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

}  // namespace
}  // namespace ccsim
