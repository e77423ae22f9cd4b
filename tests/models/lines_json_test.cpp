// Reading telephone lines: a type's lines, the scenario's trunks and the redial keys of a
// retrial, with the exact text of each message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// Two voice types and a chat type, all skills of one group.
json three_types() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "sales", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "web_chat", "channel": "chat", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing", "sales", "web_chat"],
                      "staff": {"count": 5}}]
  })");
}

Lines errors_of(const json& doc) {
  return parse_scenario(doc, {}).errors;
}

TEST(LinesJson, TypeLinesAndTrunksAreRead) {
  json doc = three_types();
  doc["contact_types"][0]["lines"] = 12;
  doc["trunks"] = json::parse(R"([{"name": "main", "lines": 30, "contact_types": ["sales"]}])");
  doc["contact_types"][1]["retrial"] = json::parse(
      R"({"prob": 0.2, "delay": {"dist": "exponential", "mean_s": 60}, "blocked_prob": 0.7,
          "blocked_delay": {"dist": "deterministic", "mean_s": 30}})");
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  const Scenario& s = *p.scenario;
  EXPECT_EQ(s.contact_types[0].lines, 12);
  EXPECT_FALSE(s.contact_types[1].lines.has_value());
  ASSERT_EQ(s.trunks.size(), 1u);
  EXPECT_EQ(s.trunks[0].name, "main");
  EXPECT_EQ(s.trunks[0].lines, 30);
  EXPECT_EQ(s.trunks[0].contact_types, std::vector<int>{1});
  EXPECT_DOUBLE_EQ(s.contact_types[1].retrial->blocked_prob, 0.7);
  EXPECT_DOUBLE_EQ(s.contact_types[1].retrial->blocked_delay->mean_s, 30.0);
}

TEST(LinesJson, LinesMustBeAPositiveIntegerOnAVoiceType) {
  json doc = three_types();
  doc["contact_types"][0]["lines"] = 0;
  doc["contact_types"][1]["lines"] = 2.5;
  doc["contact_types"][2]["lines"] = 4;
  EXPECT_EQ(errors_of(doc),
            (Lines{"contact_types[0].lines: must be >= 1 (got 0)",
                   "contact_types[1].lines: must be an integer (got 2.5)",
                   "contact_types[2].lines: only voice contacts hold telephone lines (channel "
                   "is chat) (got 4)"}));
}

TEST(LinesJson, TrunkProblemsNameTheirPaths) {
  json doc = three_types();
  doc["contact_types"][0]["lines"] = 10;
  doc["trunks"] = json::parse(R"([
    {"name": "billing", "lines": 0, "contact_types": ["billing", "web_chat", "salse"]},
    {"name": "b", "lines": 3, "contact_types": ["sales"], "size": 1},
    {"name": "c", "lines": 3, "contact_types": ["sales"]},
    {"lines": 3, "contact_types": []}
  ])");
  EXPECT_EQ(errors_of(doc),
            (Lines{
                "trunks[0].name: must be unique, duplicate of contact_types[0].lines (got "
                "\"billing\")",
                "trunks[0].lines: must be >= 1 (got 0)",
                "trunks[0].contact_types[0]: must not be a type with its own lines "
                "(contact_types[0].lines); a type is in at most one trunk group (got "
                "\"billing\")",
                "trunks[0].contact_types[1]: only voice contacts hold telephone lines (channel "
                "is chat) (got \"web_chat\")",
                "trunks[0].contact_types[2]: must be the name of a contact type (got "
                "\"salse\"); did you mean \"sales\"?",
                "trunks[1].size: unknown key",
                "trunks[2].contact_types[0]: must not be in two trunks (already in trunks[1]); a "
                "type is in at most one trunk group (got \"sales\")",
                "trunks[3].name: is required",
                "trunks[3].contact_types: must not be empty (got [])",
            }));
}

TEST(LinesJson, BlockedProbMustBeAProbability) {
  json doc = three_types();
  doc["contact_types"][0]["retrial"] = json::parse(
      R"({"prob": 0.2, "delay": {"dist": "exponential", "mean_s": 60}, "blocked_prob": 1.5,
          "blocked_delay": {"dist": "exponential", "mean_s": -1}})");
  EXPECT_EQ(errors_of(doc),
            (Lines{"contact_types[0].retrial.blocked_prob: must be in [0, 1] (got 1.5)",
                   "contact_types[0].retrial.blocked_delay.mean_s: must be > 0 (got -1)"}));
}

}  // namespace
}  // namespace ccsim
