// ccsim run, validate and --method transient with callback slots, end to end through the built
// program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

TEST(CallbackSlotsCommand, JsonCarriesRefusalsPerTypeAndEachSlotGroupsUse) {
  const auto r = run_ccsim("run scenarios/callback_slots.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_GT(j["totals"]["billing"]["callbacks_no_slot"]["mean"].get<double>(), 0.0);
  EXPECT_TRUE(j["intervals"][0]["sales"].contains("callbacks_no_slot"));
  ASSERT_EQ(j["callback_slots"].size(), 2u);  // the shared group, then sales's own
  const json& team = j["callback_slots"]["callback_team"];
  EXPECT_EQ(team["capacity"], 10);
  ASSERT_EQ(team["intervals"].size(), 8u);
  double used = 0.0;
  for (const json& row : team["intervals"]) {
    const double u = row["slots_used"]["mean"];
    EXPECT_LE(u, 10.0);
    EXPECT_NEAR(row["slot_use"]["mean"].get<double>(), u / 10.0, 1e-12);
    used += u;
  }
  EXPECT_NEAR(team["slots_used"]["mean"].get<double>(), used, 1e-9);
  EXPECT_EQ(j["callback_slots"]["sales"]["capacity"], 3);
}

TEST(CallbackSlotsCommand, TableAndCsvShowTheSlotGroups) {
  const auto table = run_ccsim("run scenarios/callback_slots.json --replications 2");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\nCallback slots (per interval: capacity)\n"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("callbacks_no_slot"), std::string::npos);
  const auto csv = run_ccsim("run scenarios/callback_slots.json --replications 2 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\ncallback_slots,,,,callback_team,slot_use,"), std::string::npos);
  EXPECT_NE(csv.out.find("\ncallback_slots,0,0,09:00,sales,slots_used,"), std::string::npos);
  EXPECT_NE(csv.out.find("\ncontact_type,,,,billing,callbacks_no_slot,"), std::string::npos);
}

TEST(CallbackSlotsCommand, TableShowsTrunkGroupsAndSlotGroupsEachInItsOwnSection) {
  json doc = json::parse(
      ccsim::test::read_file(std::string(CCSIM_SOURCE_DIR) + "/scenarios/callback_slots.json"));
  doc["trunks"] = {{{"name", "main"}, {"lines", 40}, {"contact_types", {"billing", "claims"}}}};
  const auto dir = ccsim::test::temp_dir("slots_and_trunks");
  const auto file = ccsim::test::write_file(dir, "both.json", doc.dump());
  const auto r = run_ccsim("run '" + file.string() + "' --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto trunks = r.out.find("\nTrunk groups\n"), slots = r.out.find("\nCallback slots");
  ASSERT_NE(trunks, std::string::npos) << r.out;
  ASSERT_NE(slots, std::string::npos) << r.out;
  const std::string slot_table = r.out.substr(slots, r.out.find("\n\n", slots + 1) - slots);
  EXPECT_EQ(slot_table.find("main"), std::string::npos) << slot_table;
  EXPECT_NE(slot_table.find("\ncallback_team "), std::string::npos) << slot_table;
  EXPECT_NE(slot_table.find("\nsales "), std::string::npos) << slot_table;
}

TEST(CallbackSlotsCommand, ScenarioWithoutSlotsHasNoSlotGroups) {
  const auto r = run_ccsim(
      "run scenarios/bank_day_with_bot_and_callbacks.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_FALSE(j.contains("callback_slots"));
  EXPECT_EQ(j["totals"]["all"]["callbacks_no_slot"]["mean"], 0.0);
}

TEST(CallbackSlotsCommand, BadSlotKeysExitTwoNamingThePath) {
  const auto dir = ccsim::test::temp_dir("slots_bad");
  const auto file = ccsim::test::write_file(dir, "bad.json", R"({
    "name": "bad", "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "a", "arrivals": {"rate_per_hour": 10},
       "handle_time": {"dist": "exponential", "mean_s": 60},
       "callback": {"mode": "scheduled", "delay_s": 60, "offer_when_expected_wait_over_s": 0,
                    "accept_prob": 1, "slot_capacity": 0}},
      {"name": "b", "arrivals": {"rate_per_hour": 10},
       "handle_time": {"dist": "exponential", "mean_s": 60},
       "callback": {"offer_when_expected_wait_over_s": 0, "accept_prob": 1,
                    "max_slots_ahead": 1}},
      {"name": "c", "arrivals": {"rate_per_hour": 10},
       "handle_time": {"dist": "exponential", "mean_s": 60},
       "callback": {"mode": "scheduled", "delay_s": 60, "offer_when_expected_wait_over_s": 0,
                    "accept_prob": 1, "max_slots_ahead": 2}},
      {"name": "d", "arrivals": {"rate_per_hour": 10},
       "handle_time": {"dist": "exponential", "mean_s": 60},
       "callback": {"mode": "scheduled", "delay_s": 60, "offer_when_expected_wait_over_s": 0,
                    "accept_prob": 1, "slot_capacity": 3}}],
    "agent_groups": [{"name": "g", "skills": ["a", "b", "c", "d"], "staff": {"count": 1}}],
    "callback_slots": [
      {"name": "d", "capacity": 0, "contact_types": ["b", "d", "cc"]},
      {"name": "e", "capacity": 2, "contact_types": []}]
  })");
  const auto r = run_ccsim("validate '" + file.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  for (const char* line : {
           "contact_types[0].callback.slot_capacity: must be >= 1 (got 0)",
           "contact_types[1].callback.max_slots_ahead: only for mode scheduled",
           "contact_types[2].callback.max_slots_ahead: needs a slot capacity "
           "(callback.slot_capacity, or the type in a callback_slots entry)",
           "callback_slots[0].name: must be unique, duplicate of "
           "contact_types[3].callback.slot_capacity (got \"d\")",
           "callback_slots[0].capacity: must be >= 1 (got 0)",
           "callback_slots[0].contact_types[0]: must be a type with a scheduled callback "
           "(contact_types[1].callback.mode \"scheduled\") (got \"b\")",
           "callback_slots[0].contact_types[1]: must not be a type with its own slot capacity "
           "(contact_types[3].callback.slot_capacity); a type is in at most one slot group "
           "(got \"d\")",
           "callback_slots[0].contact_types[2]: must be the name of a contact type (got \"cc\")",
           "callback_slots[1].contact_types: must not be empty (got [])",
       }) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
  }
}

TEST(CallbackSlotsCommand, ATypeInTwoSlotGroupsIsRefused) {
  const auto dir = ccsim::test::temp_dir("slots_twice");
  const auto file = ccsim::test::write_file(dir, "twice.json", R"({
    "name": "twice", "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "a", "arrivals": {"rate_per_hour": 10},
       "handle_time": {"dist": "exponential", "mean_s": 60},
       "callback": {"mode": "scheduled", "at_interval_start_after": 1,
                    "offer_when_expected_wait_over_s": 0, "accept_prob": 1}}],
    "agent_groups": [{"name": "g", "skills": ["a"], "staff": {"count": 1}}],
    "callback_slots": [{"name": "x", "capacity": 2, "contact_types": ["a"]},
                       {"name": "y", "capacity": 2, "contact_types": ["a"]}]
  })");
  const auto r = run_ccsim("run '" + file.string() + "' --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("callback_slots[1].contact_types[0]: must not be in two slot groups "
                       "(already in callback_slots[0]); a type is in at most one slot group "
                       "(got \"a\")"),
            std::string::npos)
      << r.err;
}

TEST(CallbackSlotsCommand, TransientMethodRefusesSlotsWithAClearMessage) {
  const auto r = run_ccsim("run scenarios/callback_slots.json --method transient");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: callback_slots is not part of the transient model (it has no "
                       "callbacks); run the simulation instead\n"),
            std::string::npos)
      << r.err;
}

}  // namespace
