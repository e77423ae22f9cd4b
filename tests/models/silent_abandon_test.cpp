// Silent abandonment in chat (models/centre/silent_abandon.h): a hand-computed timeline,
// identity when no customer leaves silently, conservation of contacts and agent time, and the
// reading of the scenario key with its exact messages.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/scenario/scenario_json.h"
#include "tests/models/conservation.h"
#include "tests/models/scenario_builder.h"

namespace {

using namespace ccsim;
using nlohmann::json;

// One chat agent; chats at the trace's times with deterministic handle and patience times.
Scenario traced_chat(std::vector<double> arrivals_s, double share) {
  Scenario s = test::stationary_queue(1, Distribution::deterministic(100), 1, 3600, 0);
  s.horizon.stationary = false;
  ContactType& ct = s.contact_types[0];
  ct.channel = Channel::Chat;
  ct.arrivals.kind = Arrivals::Kind::Trace;
  ct.arrivals.trace_times_s = std::move(arrivals_s);
  ct.patience = Distribution::deterministic(10);
  ct.silent_abandonment = SilentAbandonment{share, Distribution::deterministic(5)};
  return s;
}

std::map<std::uint64_t, ContactRecord> by_id(const Scenario& s, std::uint64_t rep = 0) {
  std::map<std::uint64_t, ContactRecord> out;
  simulate_replication(s, 3, rep, [&](const ContactRecord& r) { out[r.id] = r; });
  return out;
}

// Chats at 0, 1, 50 and 107 s; the agent answers the first at 0 (busy to 100). The chats of
// 1 s and 50 s run out of patience at 11 s and 60 s and leave silently; the agent finds them at
// 100 s and 105 s (5 s each), so the chat of 107 s waits to 110 s. Closed chats would have left
// the queue, and the chat of 107 s would be answered at once.
TEST(SilentAbandonment, SilentChatsHoldTheAgentAsTheHandTimelineSays) {
  const auto silent = by_id(traced_chat({0, 1, 50, 107}, 1.0));
  ASSERT_EQ(silent.size(), 4u);
  EXPECT_EQ(silent.at(0).outcome, Outcome::Answered);
  for (std::uint64_t id : {1, 2}) {
    const ContactRecord& r = silent.at(id);
    EXPECT_EQ(r.outcome, Outcome::Abandoned);
    EXPECT_TRUE(r.silent);
    EXPECT_DOUBLE_EQ(r.end_s, r.arrival_s + 10.0);
    EXPECT_DOUBLE_EQ(r.silent_detect_s, 5.0);
  }
  EXPECT_EQ(silent.at(3).outcome, Outcome::Answered);
  EXPECT_DOUBLE_EQ(silent.at(3).answer_s, 110.0);

  const auto closed = by_id(traced_chat({0, 1, 50, 107}, 0.0));
  EXPECT_FALSE(closed.at(1).silent);
  EXPECT_DOUBLE_EQ(closed.at(3).answer_s, 107.0);
}

TEST(SilentAbandonment, KpisCountSilentAbandonsAndTheirAgentTime) {
  const Scenario s = traced_chat({0, 1, 50, 107}, 1.0);
  const ReplicationResult r = simulate_replication(s, 3, 0);
  const ContactStats& day = r.contact[0][0];
  EXPECT_EQ(*day.value(Kpi::Abandoned), 2.0);
  EXPECT_EQ(*day.value(Kpi::SilentAbandoned), 2.0);
  EXPECT_EQ(*day.value(Kpi::SilentAgentTime), 10.0);
  EXPECT_EQ(*day.value(Kpi::Asa), 1.5);  // waits 0 and 3 s
  // The agent was busy 100 + 5 + 5 + 100 s of the hour.
  EXPECT_DOUBLE_EQ(r.group_total[0].busy_agent_s, 210.0);
}

// A busy chat queue with exponential times, patience 60 s on average.
Scenario busy_chat(double share) {
  Scenario s = test::stationary_queue(140, Distribution::exponential(240), 8, 7200, 0);
  s.horizon.stationary = false;
  s.horizon.interval_s = 3600;
  s.horizon.intervals = 3;
  ContactType& ct = s.contact_types[0];
  ct.channel = Channel::Chat;
  ct.arrivals.kind = Arrivals::Kind::PerInterval;
  ct.arrivals.per_interval = {140, 160, 0};  // the last hour drains the queue
  ct.patience = Distribution::exponential(60);
  ct.silent_abandonment = SilentAbandonment{share, Distribution::exponential(45)};
  return s;
}

void expect_identical(const std::map<std::uint64_t, ContactRecord>& a,
                      const std::map<std::uint64_t, ContactRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [id, r] : a) {
    const ContactRecord& o = b.at(id);
    EXPECT_EQ(r.outcome, o.outcome) << id;
    EXPECT_EQ(r.answer_s, o.answer_s) << id;
    EXPECT_EQ(r.end_s, o.end_s) << id;
    EXPECT_EQ(r.agent, o.agent) << id;
  }
}

TEST(SilentAbandonment, ShareZeroIsBitIdenticalToNone) {
  Scenario none = busy_chat(0.0);
  none.contact_types[0].silent_abandonment.reset();
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    expect_identical(by_id(busy_chat(0.0), rep), by_id(none, rep));
  }
}

TEST(SilentAbandonment, ConservesContactsAndAgentTime) {
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const Scenario s = busy_chat(0.6);
    double handled_s = 0.0, detect_s = 0.0;
    std::uint64_t silent = 0;
    const ReplicationResult r = simulate_replication(s, 3, rep, [&](const ContactRecord& c) {
      if (c.outcome == Outcome::Answered) handled_s += c.handle_s + c.wrap_s;
      if (c.silent) {
        ++silent;
        detect_s += c.silent_detect_s;
        EXPECT_EQ(c.outcome, Outcome::Abandoned);
      }
    });
    ContactStats all;
    for (const auto& interval : r.contact) all.merge(interval[0]);
    EXPECT_EQ(test::ended_contacts(all), std::uint64_t(*all.value(Kpi::Offered)));
    EXPECT_EQ(*all.value(Kpi::SilentAbandoned), double(silent));
    EXPECT_GT(silent, 10u);
    EXPECT_LE(*all.value(Kpi::SilentAbandoned), *all.value(Kpi::Abandoned));
    EXPECT_NEAR(*all.value(Kpi::SilentAgentTime), detect_s, 1e-6);
    // Every contact ends within the horizon, so the agents' busy time is the handle and
    // wrap-up time of the answered plus the detection time of the silent.
    EXPECT_NEAR(r.group_total[0].busy_agent_s, handled_s + detect_s, 1e-6 * handled_s);
  }
}

TEST(SilentAbandonment, SilentChatsMakeTheOthersWaitLonger) {
  double asa_closed = 0.0, asa_silent = 0.0;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    ContactStats closed, silent;
    for (const auto& i : simulate_replication(busy_chat(0.0), 3, rep).contact) closed.merge(i[0]);
    for (const auto& i : simulate_replication(busy_chat(1.0), 3, rep).contact) silent.merge(i[0]);
    asa_closed += *closed.value(Kpi::Asa);
    asa_silent += *silent.value(Kpi::Asa);
  }
  EXPECT_GT(asa_silent, 1.1 * asa_closed);
}

json chat_doc() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "chat", "channel": "chat", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 300},
       "patience": {"dist": "exponential", "mean_s": 120}},
      {"name": "calls", "arrivals": {"rate_per_hour": 50},
       "handle_time": {"dist": "exponential", "mean_s": 180},
       "patience": {"dist": "exponential", "mean_s": 120}}
    ],
    "agent_groups": [{"name": "team", "skills": ["chat", "calls"], "staff": {"count": 5}}]
  })");
}

TEST(SilentAbandonmentJson, ShareAndDetectionTimeAreRead) {
  json doc = chat_doc();
  doc["contact_types"][0]["silent_abandonment"] = {
      {"share", 0.3}, {"detection_time", {{"dist", "exponential"}, {"mean_s", 60}}}};
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  const auto& silent = p.scenario->contact_types[0].silent_abandonment;
  ASSERT_TRUE(silent.has_value());
  EXPECT_EQ(silent->share, 0.3);
  EXPECT_EQ(silent->detection_time.mean_s, 60.0);
}

TEST(SilentAbandonmentJson, BadValuesNameTheirPathsAndRules) {
  json doc = chat_doc();
  doc["contact_types"][0]["silent_abandonment"] = {{"share", 1.5}, {"detect", 3}};
  doc["contact_types"][1]["silent_abandonment"] = {
      {"share", 0.2}, {"detection_time", {{"dist", "exponential"}, {"mean_s", 60}}}};
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            (std::vector<std::string>{
                "contact_types[0].silent_abandonment.detect: unknown key; did you mean "
                "\"detection_time\"?",
                "contact_types[0].silent_abandonment.share: must be in [0, 1] (got 1.5)",
                "contact_types[0].silent_abandonment.detection_time: is required",
                "contact_types[1].silent_abandonment: applies to chat types only: a customer "
                "leaving without closing the conversation is a chat's (this type is voice)",
            }));
  doc = chat_doc();
  doc["contact_types"][0].erase("patience");
  doc["contact_types"][0]["silent_abandonment"] = {
      {"share", 0.2}, {"detection_time", {{"dist", "deterministic"}, {"mean_s", 30}}}};
  EXPECT_EQ(parse_scenario(doc, {}).errors,
            (std::vector<std::string>{
                "contact_types[0].silent_abandonment: needs patience (or "
                "chatbot.handoff_patience): only a customer who abandons can leave silently"}));
}

}  // namespace
