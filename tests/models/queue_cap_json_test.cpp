// Reading queue caps: max_queue, max_expected_wait_s, max_wait_s, overflow and message, with the
// exact text of each message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// Voice "billing", voice "backup" and email "voicemail", all skills of one group.
json three_types() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "backup", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "voicemail", "channel": "email", "arrivals": {"rate_per_hour": 5},
       "handle_time": {"dist": "exponential", "mean_s": 120}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing", "backup", "voicemail"],
                      "staff": {"count": 5}}]
  })");
}

Lines errors_of(const json& doc) {
  return parse_scenario(doc, {}).errors;
}

TEST(QueueCapJson, CapsOverflowAndMessageAreRead) {
  json doc = three_types();
  json& b = doc["contact_types"][0];
  b["max_queue"] = 5;
  b["max_expected_wait_s"] = 120;
  b["max_wait_s"] = 300;
  b["overflow"] = {{"to", "backup"}};
  doc["contact_types"][1]["max_queue"] = 0;
  doc["contact_types"][1]["message"] = {{"accept_prob", 0.4}, {"handled_as", "voicemail"}};
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  const ContactType& billing = p.scenario->contact_types[0];
  EXPECT_EQ(billing.max_queue, 5);
  EXPECT_EQ(billing.max_expected_wait_s, 120.0);
  EXPECT_EQ(billing.max_wait_s, 300.0);
  EXPECT_EQ(billing.overflow_to, 1);
  const ContactType& backup = p.scenario->contact_types[1];
  EXPECT_EQ(backup.max_queue, 0);
  ASSERT_TRUE(backup.message.has_value());
  EXPECT_EQ(backup.message->accept_prob, 0.4);
  EXPECT_EQ(backup.message->handled_as, 2);
}

TEST(QueueCapJson, BadCapsNameTheirPathsAndRules) {
  json doc = three_types();
  json& b = doc["contact_types"][0];
  b["max_queue"] = -1;
  b["max_expected_wait_s"] = -5;
  b["max_wait_s"] = 60;
  json& k = doc["contact_types"][1];
  k["overflow"] = {{"to", "backup"}};
  k["message"] = {{"accept_prob", 2}, {"handled_as", "billing"}, {"to", 1}};
  EXPECT_EQ(errors_of(doc),
            (Lines{
                "contact_types[0].max_queue: must be >= 0 (got -1)",
                "contact_types[0].max_expected_wait_s: must be >= 0 (got -5)",
                "contact_types[0].max_wait_s: needs overflow or message: where a caller goes "
                "after waiting that long",
                "contact_types[1].overflow.to: must name another contact type (got \"backup\")",
                "contact_types[1].message.to: unknown key",
                "contact_types[1].message.accept_prob: must be in [0, 1] (got 2)",
                "contact_types[1]: must have at most one of overflow, message (got both)",
            }));
}

TEST(QueueCapJson, AMessageIsHandledAsAnEmailType) {
  json doc = three_types();
  doc["contact_types"][0]["message"] = {{"accept_prob", 0.5}, {"handled_as", "backup"}};
  EXPECT_EQ(errors_of(doc), (Lines{"contact_types[0].message.handled_as: must name an email "
                                   "contact type: a message is deferred work (\"backup\" is "
                                   "voice)"}));
}

}  // namespace
}  // namespace ccsim
