// Every outcome a simulation can give a contact goes through `run --log` (append_log_row) and
// back through the log reader (read_contact_log) unchanged, so that a log of any scenario can be
// compared and calibrated on.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "models/kpi/kpi.h"
#include "models/measured/contact_log.h"
#include "models/scenario/scenario_json.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim {
namespace {

Scenario two_type_scenario() {
  const ScenarioParse p = load_scenario(std::filesystem::path(CCSIM_SOURCE_DIR) / "tests" / "data" /
                                        "compare_scenario.json");
  EXPECT_TRUE(p.ok());
  return *p.scenario;
}

// A record of `outcome` with the times such a contact has.
ContactRecord record_of(Outcome outcome, std::uint64_t id) {
  ContactRecord r;
  r.id = id;
  r.outcome = outcome;
  r.arrival_s = r.journey_start_s = 100.0 + double(id);
  r.end_s = r.arrival_s;
  if (outcome == Outcome::Answered || outcome == Outcome::Abandoned ||
      outcome == Outcome::Overflowed || outcome == Outcome::Messaged) {
    r.queued = true;
    r.queue_entry_s = r.arrival_s;
    r.end_s = r.arrival_s + 30.0;
  }
  if (outcome == Outcome::Answered) {
    r.answer_s = r.arrival_s + 10.0;
    r.handle_s = 20.0;
    r.group = 0;
    r.agent = 1;
  }
  return r;
}

TEST(LogOutcomes, EveryOutcomeHasItsOwnName) {
  std::set<std::string> names;
  for (Outcome o : all_outcomes()) {
    const std::string name = outcome_name(o);
    EXPECT_NE(name, "?");
    EXPECT_TRUE(names.insert(name).second) << name << " twice";
    EXPECT_EQ(outcome_from_name(name), o) << name;
  }
  // all_outcomes ends where the enum does (outcome_name's switch names every value).
  EXPECT_STREQ(outcome_name(Outcome(int(all_outcomes().size()))), "?");
  EXPECT_EQ(all_outcomes().size(), std::size_t(Outcome::Messaged) + 1);
  EXPECT_FALSE(outcome_from_name("Blocked"));
  EXPECT_FALSE(outcome_from_name(""));
}

TEST(LogOutcomes, EveryOutcomeRoundTripsThroughTheLog) {
  const Scenario sc = two_type_scenario();
  std::string text(kCcsimLogColumns);
  text += '\n';
  for (Outcome o : all_outcomes()) {
    append_log_row(text, sc, 0, record_of(o, std::uint64_t(o)));
  }
  const auto dir = test::temp_dir("log_outcomes");
  const auto file = dir / "log.csv";
  std::ofstream(file, std::ios::binary) << text;
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_FALSE(log.fatal) << *log.fatal;
  EXPECT_EQ(log.bad, 0u) << (log.errors.empty() ? "" : log.errors[0]);
  ASSERT_EQ(log.contacts.size(), all_outcomes().size());
  for (std::size_t i = 0; i < log.contacts.size(); ++i) {
    const Outcome o = all_outcomes()[i];
    const LoggedContact& c = log.contacts[i];
    EXPECT_EQ(contact_record(c).outcome, o) << outcome_name(o);
    const LoggedOutcome expected = o == Outcome::Answered    ? LoggedOutcome::Answered
                                   : o == Outcome::Abandoned ? LoggedOutcome::Abandoned
                                                             : LoggedOutcome::Other;
    EXPECT_EQ(c.outcome, expected) << outcome_name(o);
  }
}

TEST(LogOutcomes, AMappedLogTakesTheOutcomeNamesOfACcsimLog) {
  const auto dir = test::temp_dir("log_outcomes_mapped");
  const auto file = dir / "mapped.csv";
  std::ofstream(file, std::ios::binary) << "t,result\n10,blocked\n20,overflowed\n30,Other\n";
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=t,outcome=result", format).empty());
  const ContactLog log = read_contact_log(file, format);
  ASSERT_FALSE(log.fatal) << *log.fatal;
  ASSERT_EQ(log.contacts.size(), 3u);
  EXPECT_EQ(contact_record(log.contacts[0]).outcome, Outcome::Blocked);
  EXPECT_EQ(contact_record(log.contacts[1]).outcome, Outcome::Overflowed);
  EXPECT_EQ(contact_record(log.contacts[2]).outcome, Outcome::Unserved);
}

TEST(LogOutcomes, AnUnknownOutcomeIsABadRowNamingEveryOutcome) {
  const auto dir = test::temp_dir("log_outcomes_unknown");
  const auto file = dir / "log.csv";
  std::ofstream(file, std::ios::binary)
      << kCcsimLogColumns << "\n0,1,billing,0,busy,10,,,,,10,,,,,0,0,,\n";
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_EQ(log.errors.size(), 1u);
  EXPECT_EQ(log.errors[0],
            file.string() +
                " line 2: outcome: must be one of answered, abandoned, deflected, contained, "
                "bot_abandoned, callback_failed, balked, unserved, blocked, overflowed, messaged "
                "(got \"busy\")");
}

// A redial's attempt number is read (a redial after the horizon counts in its last interval,
// log_aggregation.cpp); a negative one is a bad row.
TEST(LogOutcomes, ANegativeAttemptIsABadRow) {
  const auto dir = test::temp_dir("log_outcomes_attempt");
  const auto file = dir / "log.csv";
  std::ofstream(file, std::ios::binary)
      << kCcsimLogColumns << "\n0,1,billing,1,answered,10,,,10,12,40,28,0,a,0,0,0,,\n"
      << "0,2,billing,-1,answered,10,,,10,12,40,28,0,a,0,0,0,,\n";
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_EQ(log.errors.size(), 1u);
  EXPECT_EQ(log.errors[0], file.string() + " line 3: attempt: must be >= 0 (got \"-1\")");
  ASSERT_EQ(log.contacts.size(), 1u);
  EXPECT_TRUE(log.contacts[0].repeat);
}

}  // namespace
}  // namespace ccsim
