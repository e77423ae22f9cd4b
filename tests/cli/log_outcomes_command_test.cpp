// `ccsim run --log` then `ccsim compare --measured LOG`, end to end: a simulated day's log is
// read whatever its contacts' outcomes (blocked, overflowed, messaged, ...), and measures the
// counts of that day exactly.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using nlohmann::json;

// The outcome counts of a contact type: every contact offered ends in exactly one.
const std::vector<std::string> kOutcomeCounts{
    "answered", "abandoned", "deflected", "contained",  "bot_abandoned", "callbacks_failed",
    "balked",   "unserved",  "blocked",   "overflowed", "messages"};

// The measured counts of a compare's JSON summed over the intervals: (type, kpi) -> sum.
std::map<std::pair<std::string, std::string>, double> measured_totals(const json& compare) {
  std::map<std::pair<std::string, std::string>, double> sums;
  for (const json& row : compare["intervals"]) {
    sums[{row["contact_type"].get<std::string>(), row["kpi"].get<std::string>()}] +=
        row["measured"].get<double>();
  }
  return sums;
}

struct LogRoundTrip {
  json run;      // `run --format json` of one replication, with --log
  json compare;  // `compare --measured` of that log
};

LogRoundTrip run_log_then_compare(const std::string& scenario, const std::string& name) {
  const auto dir = temp_dir("log_outcomes_" + name);
  const std::string log = (dir / "log.csv").string();
  const auto r = run_ccsim("run " + scenario + " --replications 1 --seed 5 --format json --log " +
                           log + " --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto c = run_ccsim("compare " + scenario + " --measured " + log +
                           " --replications 2 --format json --quiet");
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.err, "");
  if (r.exit_code != 0 || c.exit_code != 0) return {};
  return {json::parse(r.out), json::parse(c.out)};
}

// Per type of the run: its outcomes add up to its offered contacts, and the log measures each
// of `kpis` (offered and the outcome counts it measures) as the run counted it.
void expect_log_measures_the_run(const LogRoundTrip& t, const std::vector<std::string>& kpis) {
  ASSERT_FALSE(t.run.is_null());
  EXPECT_EQ(t.compare["measured"]["bad_rows"], 0);
  const auto measured = measured_totals(t.compare);
  for (const auto& [type, totals] : t.run["totals"].items()) {
    if (type == "all") continue;
    double outcomes = 0;
    for (const std::string& k : kOutcomeCounts) {
      if (totals.contains(k) && !totals[k].is_null()) outcomes += totals[k]["mean"].get<double>();
    }
    EXPECT_EQ(outcomes, totals["offered"]["mean"].get<double>()) << type;
    for (const std::string& k : kpis) {
      const auto it = measured.find({type, k});
      if (k == "offered" || k == "answered" || k == "abandoned") {
        ASSERT_NE(it, measured.end()) << type << " " << k;
      }
      if (it != measured.end()) {
        EXPECT_EQ(it->second, totals[k]["mean"].get<double>()) << type << " " << k;
      }
    }
  }
}

TEST(LogOutcomesCommand, BusySignalsLogMeasuresTheBlockedContactsOfItsDay) {
  const LogRoundTrip t = run_log_then_compare("scenarios/busy_signals.json", "busy");
  expect_log_measures_the_run(t, {"offered", "answered", "abandoned", "blocked"});
  const auto measured = measured_totals(t.compare);
  ASSERT_TRUE(measured.count({"billing", "blocked"}));
  EXPECT_GT(measured.at({"billing", "blocked"}), 0.0);
  EXPECT_GT(measured.at({"premium", "blocked"}), 0.0);
  // block_rate, a share per interval, is compared with the simulation's.
  EXPECT_TRUE(measured.count({"billing", "block_rate"}));
}

// A redial after the horizon's end counts in the last interval, as `run` counts it; a first
// contact there is outside the horizon (left out, with a warning).
TEST(LogOutcomesCommand, RedialAfterTheHorizonEndCountsInTheLastIntervalAsTheRunCountsIt) {
  const auto dir = temp_dir("log_outcomes_late_redial");
  const std::string log = (dir / "log.csv").string();
  {
    std::ofstream out(log);
    out << "replication,id,contact_type,attempt,outcome,arrival_s,bot_start_s,bot_end_s,"
           "queue_entry_s,answer_s,end_s,handle_s,wrap_s,group,agent,callback_offered,"
           "callback_accepted,first_call_s,predicted_wait_s\n"
           "0,0,billing,0,answered,14000,,,14000,14000,14100,100,0,agents,0,0,0,,\n"
           "0,1,billing,1,answered,14500,,,14500,14530,14600,70,0,agents,1,0,0,,\n"
           "0,2,billing,0,answered,14600,,,14600,14600,14700,100,0,agents,0,0,0,,\n";
  }
  const auto c = run_ccsim("compare scenarios/busy_signals.json --measured " + log +
                           " --replications 2 --format json --quiet");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.err.find("log.csv: 1 contact arrived outside the scenario's horizon; left out"),
            std::string::npos)
      << c.err;
  const json compare = json::parse(c.out);
  double offered_last = -1, offered_all = 0;
  for (const json& row : compare["intervals"]) {
    if (row["contact_type"] != "billing" || row["kpi"] != "offered") continue;
    offered_all += row["measured"].get<double>();
    if (row["index"] == 7) offered_last = row["measured"].get<double>();
  }
  EXPECT_EQ(offered_last, 2.0);
  EXPECT_EQ(offered_all, 2.0);
}

TEST(LogOutcomesCommand, QueueCapsLogMeasuresOverflowedMessagesAndBlocked) {
  const LogRoundTrip t = run_log_then_compare("scenarios/queue_caps.json", "caps");
  expect_log_measures_the_run(
      t, {"offered", "answered", "abandoned", "blocked", "overflowed", "messages"});
  const auto measured = measured_totals(t.compare);
  ASSERT_TRUE(measured.count({"billing", "overflowed"}));
  ASSERT_TRUE(measured.count({"sales", "messages"}));
  EXPECT_GT(measured.at({"billing", "overflowed"}), 0.0);
  EXPECT_GT(measured.at({"sales", "messages"}), 0.0);
  // Types that can neither be blocked, overflow nor take messages do not measure them.
  EXPECT_FALSE(measured.count({"voicemail", "blocked"}));
  EXPECT_FALSE(measured.count({"billing", "messages"}));
}

TEST(LogOutcomesCommand, CallbackSlotsLogMeasuresTheAnsweredAndAbandonedOfItsDay) {
  const LogRoundTrip t = run_log_then_compare("scenarios/callback_slots.json", "slots");
  expect_log_measures_the_run(t, {"offered", "answered", "abandoned"});
}

TEST(LogOutcomesCommand, CalibrateReadsALogWithBlockedAndOverflowedContacts) {
  const auto dir = temp_dir("log_outcomes_calibrate");
  for (const std::string name : {"busy_signals", "queue_caps"}) {
    const std::string log = (dir / (name + ".csv")).string();
    const auto r =
        run_ccsim("run scenarios/" + name + ".json --replications 1 --log " + log + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto c = run_ccsim("calibrate " + log + " --interval-minutes 30 --quiet");
    EXPECT_EQ(c.exit_code, 0) << name << ": " << c.err;
    EXPECT_EQ(c.err, "") << name;
  }
}

TEST(LogOutcomesCommand, TableShowsBlockRateOnlyWhereLinesOrCapsCanBlock) {
  const auto plain = run_ccsim("run scenarios/callback_slots.json --replications 2");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out.find("block_rate"), std::string::npos) << plain.out;
  const auto caps = run_ccsim("run scenarios/queue_caps.json --replications 2");
  ASSERT_EQ(caps.exit_code, 0) << caps.err;
  EXPECT_NE(caps.out.find("\nblock_rate "), std::string::npos) << caps.out;
}

}  // namespace
