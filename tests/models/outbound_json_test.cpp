// Reading outbound campaigns (the scenario's outbound list), with the exact text of each message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// A voice type served by a voice team and a chat team (concurrency 2), and one campaign.
json with_campaign() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "service", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}},
      {"name": "web_chat", "channel": "chat", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [
      {"name": "voice", "skills": ["service"], "staff": {"count": 5}},
      {"name": "chat", "skills": ["web_chat"], "staff": {"count": 2}, "concurrency": 2}
    ],
    "outbound": [{"name": "renewals", "groups": ["voice"], "list_size": 100,
                  "talk_time": {"dist": "exponential", "mean_s": 300}}]
  })");
}

Lines errors_of(const json& doc) {
  return parse_scenario(doc, {}).errors;
}

TEST(OutboundJson, CampaignIsReadWithItsDefaults) {
  const ScenarioParse p = parse_scenario(with_campaign(), {});
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  ASSERT_EQ(p.scenario->outbound.size(), 1u);
  const OutboundCampaign& c = p.scenario->outbound[0];
  EXPECT_EQ(c.name, "renewals");
  EXPECT_EQ(c.groups, std::vector<int>{0});
  EXPECT_EQ(c.list_size, 100);
  EXPECT_TRUE(c.calls_per_interval.empty());
  EXPECT_DOUBLE_EQ(c.connect_prob, 1.0);
  EXPECT_DOUBLE_EQ(c.talk_time.mean_s, 300.0);
  EXPECT_FALSE(c.wrap_up.has_value());
  EXPECT_FALSE(c.dial_time.has_value());
  EXPECT_EQ(c.reserve_idle, 0);
  EXPECT_DOUBLE_EQ(c.max_inbound_wait_s, 0.0);
}

TEST(OutboundJson, EveryKeyIsRead) {
  json doc = with_campaign();
  json& c = doc["outbound"][0];
  c.erase("list_size");
  c["calls_per_interval"] = {10, 0};
  c["connect_prob"] = 0.4;
  c["wrap_up"] = json::parse(R"({"dist": "deterministic", "mean_s": 30})");
  c["dial_time"] = json::parse(R"({"dist": "deterministic", "mean_s": 25})");
  c["reserve_idle"] = 2;
  c["max_inbound_wait_s"] = 15;
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  const OutboundCampaign& o = p.scenario->outbound[0];
  EXPECT_EQ(o.calls_per_interval, (std::vector<int>{10, 0}));
  EXPECT_FALSE(o.list_size.has_value());
  EXPECT_DOUBLE_EQ(o.connect_prob, 0.4);
  EXPECT_DOUBLE_EQ(o.wrap_up->mean_s, 30.0);
  EXPECT_DOUBLE_EQ(o.dial_time->mean_s, 25.0);
  EXPECT_EQ(o.reserve_idle, 2);
  EXPECT_DOUBLE_EQ(o.max_inbound_wait_s, 15.0);
}

TEST(OutboundJson, ExactlyOneOfQuotaAndList) {
  json doc = with_campaign();
  doc["outbound"][0]["calls_per_interval"] = {1, 2};
  EXPECT_EQ(errors_of(doc),
            Lines{"outbound[0]: must give exactly one of calls_per_interval and list_size"});
  doc["outbound"][0].erase("calls_per_interval");
  doc["outbound"][0].erase("list_size");
  EXPECT_EQ(errors_of(doc),
            Lines{"outbound[0]: must give exactly one of calls_per_interval and list_size"});
}

TEST(OutboundJson, QuotaHasOneNonNegativeIntegerPerInterval) {
  json doc = with_campaign();
  doc["outbound"][0].erase("list_size");
  doc["outbound"][0]["calls_per_interval"] = {5};
  EXPECT_EQ(errors_of(doc),
            Lines{"outbound[0].calls_per_interval: must have exactly 2 entries, one per "
                  "interval (got 1 entry)"});
  doc["outbound"][0]["calls_per_interval"] = {5, -1};
  EXPECT_EQ(errors_of(doc), Lines{"outbound[0].calls_per_interval[1]: must be >= 0 (got -1)"});
}

TEST(OutboundJson, GroupsMustBeKnownOnceAndOfConcurrencyOne) {
  json doc = with_campaign();
  doc["outbound"][0]["groups"] = {"voice", "chat", "voice", "voices"};
  EXPECT_EQ(errors_of(doc),
            (Lines{"outbound[0].groups[1]: must be a group of concurrency 1 (an agent on an "
                   "outbound call holds nothing else; concurrency is 2) (got \"chat\")",
                   "outbound[0].groups[2]: must be unique, duplicate of outbound[0].groups[0] "
                   "(got \"voice\")",
                   "outbound[0].groups[3]: must be one of voice, chat (got \"voices\"); did you "
                   "mean \"voice\"?"}));
  doc["outbound"][0]["groups"] = json::array();
  EXPECT_EQ(errors_of(doc), Lines{"outbound[0].groups: must not be empty (got [])"});
}

TEST(OutboundJson, NumbersMustBeInRange) {
  json doc = with_campaign();
  json& c = doc["outbound"][0];
  c["list_size"] = -3;
  c["connect_prob"] = 1.5;
  c["reserve_idle"] = 1.5;
  c["max_inbound_wait_s"] = -1;
  EXPECT_EQ(errors_of(doc), (Lines{"outbound[0].list_size: must be >= 0 (got -3)",
                                   "outbound[0].connect_prob: must be in [0, 1] (got 1.5)",
                                   "outbound[0].reserve_idle: must be an integer (got 1.5)",
                                   "outbound[0].max_inbound_wait_s: must be >= 0 (got -1)"}));
}

TEST(OutboundJson, DialTimeIsRequiredWhenSomeAttemptsFail) {
  json doc = with_campaign();
  doc["outbound"][0]["connect_prob"] = 0.3;
  EXPECT_EQ(errors_of(doc),
            Lines{"outbound[0].dial_time: is required when connect_prob < 1 (the agent time of "
                  "an attempt that does not connect)"});
}

TEST(OutboundJson, CampaignsAreAnArrayOfObjects) {
  json doc = with_campaign();
  doc["outbound"] = json::object();
  EXPECT_EQ(errors_of(doc), Lines{"outbound: must be an array (got {})"});
  doc["outbound"] = json::array({3});
  EXPECT_EQ(errors_of(doc), Lines{"outbound[0]: must be an object (got 3)"});
}

TEST(OutboundJson, NamesAreRequiredAndUniqueAndKeysKnown) {
  json doc = with_campaign();
  doc["outbound"].push_back(doc["outbound"][0]);
  doc["outbound"][1]["reserve"] = 1;
  doc["outbound"][0].erase("talk_time");
  EXPECT_EQ(errors_of(doc),
            (Lines{"outbound[0].talk_time: is required",
                   "outbound[1].reserve: unknown key; did you mean \"reserve_idle\"?",
                   "outbound[1].name: must be unique, duplicate of outbound[0].name (got "
                   "\"renewals\")"}));
}

}  // namespace
}  // namespace ccsim
