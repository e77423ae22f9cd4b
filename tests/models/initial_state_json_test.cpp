// The scenario key initial_state and the --state file: what is read, and every bad value
// reported with its JSON path.
#include "models/scenario/initial_state_json.h"

#include <gtest/gtest.h>

#include "scenario_json_support.h"

namespace ccsim::scenario_json_test {
namespace {

json with_state(const json& state) {
  json doc = minimal();
  doc["initial_state"] = state;
  return doc;
}

TEST(InitialStateJson, ReadsWaitingLongestFirstAndBusyAgentsInBothForms) {
  const ScenarioParse parsed =
      parse_scenario(with_state(json::parse(R"({"waiting": {"billing": [5, 120, 30]},
                                 "busy": {"team": [40, {"remaining_s": 12}]}})")),
                     {});
  ASSERT_EQ(parsed.errors, Lines{});
  const InitialState& s = parsed.scenario->initial_state;
  EXPECT_EQ(s.waiting_s, (std::vector<std::vector<double>>{{120.0, 30.0, 5.0}}));
  ASSERT_EQ(s.busy.size(), 1u);
  ASSERT_EQ(s.busy[0].size(), 2u);
  EXPECT_EQ(s.busy[0][0].elapsed_s, 40.0);
  EXPECT_FALSE(s.busy[0][0].remaining_s);
  EXPECT_EQ(s.busy[0][1].remaining_s, 12.0);
  EXPECT_EQ(s.busy[0][1].type, 0);
  EXPECT_FALSE(s.empty());
  EXPECT_TRUE(parse_scenario(with_state(json::object()), {}).scenario->initial_state.empty());
}

TEST(InitialStateJson, BadNamesAndValuesNameTheirPath) {
  EXPECT_EQ(errors_of(with_state(json::parse(
                R"({"wating": {}, "waiting": {"biling": [1], "billing": [3, -5]},
                    "callbacks": {"billing": [1]}})"))),
            (Lines{"initial_state.wating: unknown key; did you mean \"waiting\"?",
                   "initial_state.waiting.biling: must be the name of a contact type (got "
                   "\"biling\"); did you mean \"billing\"?",
                   "initial_state.waiting.billing[1]: must be >= 0 (got -5)",
                   "initial_state.callbacks.billing: the contact type offers no callback (no "
                   "callback key)"}));
}

TEST(InitialStateJson, BusyAgentsMustBeOnDutyAndOfTheGroupsSkills) {
  json doc = with_state(json::parse(
      R"({"busy": {"team": [1, 2, 3, 4, 5, 6], "teem": [1],
                   "back": ["x", {"elapsed_s": 1, "type": "billing"}, {"type": "email"}]}})"));
  doc["contact_types"].push_back(json::parse(
      R"({"name": "email", "channel": "email", "arrivals": {"rate_per_hour": 1},
          "handle_time": {"dist": "exponential", "mean_s": 60}})"));
  doc["agent_groups"].push_back(
      json::parse(R"({"name": "back", "skills": ["email"], "staff": {"count": 2}})"));
  EXPECT_EQ(errors_of(doc),
            (Lines{"initial_state.busy.back[0]: must be a number (elapsed_s) or an object (got "
                   "\"x\")",
                   "initial_state.busy.back[1].type: must be a skill of the group \"back\" (got "
                   "\"billing\")",
                   "initial_state.busy.back[2]: must give elapsed_s or remaining_s",
                   "initial_state.busy.back: more busy agents (3) than the group has on duty at "
                   "the start (2, after shrinkage)",
                   "initial_state.busy.team: more busy agents (6) than the group has on duty at "
                   "the start (5, after shrinkage)",
                   "initial_state.busy.teem: must be the name of an agent group (got \"teem\"); "
                   "did you mean \"team\"?"}));
}

TEST(InitialStateJson, StateFileIsReadFromItsTopLevelAndWrittenBackAlike) {
  const Scenario scenario = *parse_scenario(minimal(), {}).scenario;
  InitialState state;
  const json file = json::parse(
      R"({"busy": {"team": [{"elapsed_s": 40, "type": "billing"}]}, "waiting": {"billing": [9]}})");
  EXPECT_EQ(parse_initial_state(file, scenario, state), Lines{});
  EXPECT_EQ(initial_state_json(state, scenario), file);
  EXPECT_EQ(parse_initial_state(json::parse(R"({"waiting": {"billing": [-1]}})"), scenario, state),
            Lines{"waiting.billing[0]: must be >= 0 (got -1)"});
  EXPECT_EQ(parse_initial_state(json::parse("[]"), scenario, state),
            Lines{"(top level): must be an object (got [])"});
}

}  // namespace
}  // namespace ccsim::scenario_json_test
