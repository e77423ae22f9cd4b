// The scenario key wait_prediction of a contact type (models/scenario/contact_flows_json.cpp).
#include <gtest/gtest.h>

#include "models/scenario/scenario_json.h"
#include "tests/models/scenario_json_support.h"

namespace ccsim {
namespace {

using namespace scenario_json_test;
using nlohmann::json;

TEST(WaitPredictionJson, EveryPredictorIsReadByName) {
  const std::pair<const char*, WaitPredictor> names[] = {
      {"queue_length", WaitPredictor::QueueLength},
      {"queue_length_with_abandonment", WaitPredictor::QueueLengthAbandonment},
      {"head_of_line", WaitPredictor::HeadOfLine},
      {"last_to_enter_service", WaitPredictor::LastToEnterService}};
  for (const auto& [name, predictor] : names) {
    const ScenarioParse parsed =
        parse_scenario(with_type_key("wait_prediction", {{"predictor", name}}), {});
    ASSERT_EQ(parsed.errors, Lines{}) << name;
    EXPECT_EQ(parsed.scenario->contact_types[0].wait_predictor, predictor) << name;
  }
}

TEST(WaitPredictionJson, AbsentLeavesTheTypeWithoutAPredictor) {
  const ScenarioParse parsed = parse_scenario(minimal(), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_FALSE(parsed.scenario->contact_types[0].wait_predictor.has_value());
}

TEST(WaitPredictionJson, CallbackTakesTheNewPredictorsToo) {
  const json callback = {
      {"offer_when_expected_wait_over_s", 60}, {"accept_prob", 0.5}, {"predictor", "head_of_line"}};
  const ScenarioParse parsed = parse_scenario(with_type_key("callback", callback), {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->contact_types[0].callback->predictor, WaitPredictor::HeadOfLine);
}

TEST(WaitPredictionJson, UnknownPredictorIsAnErrorAtItsPath) {
  EXPECT_EQ(errors_of(with_type_key("wait_prediction", {{"predictor", "erlang"}})),
            Lines{"contact_types[0].wait_prediction.predictor: must be one of queue_length, "
                  "last_to_enter_service, head_of_line, queue_length_with_abandonment (got "
                  "\"erlang\")"});
}

TEST(WaitPredictionJson, MissingPredictorIsAnErrorAtItsPath) {
  EXPECT_EQ(errors_of(with_type_key("wait_prediction", json::object())),
            Lines{"contact_types[0].wait_prediction.predictor: is required"});
}

TEST(WaitPredictionJson, NotAnObjectOrUnknownKeyIsAnError) {
  EXPECT_EQ(errors_of(with_type_key("wait_prediction", "queue_length")),
            Lines{"contact_types[0].wait_prediction: must be an object (got \"queue_length\")"});
  EXPECT_EQ(
      errors_of(with_type_key("wait_prediction", {{"predictor", "queue_length"}, {"bins", 10}})),
      Lines{"contact_types[0].wait_prediction.bins: unknown key"});
}

}  // namespace
}  // namespace ccsim
