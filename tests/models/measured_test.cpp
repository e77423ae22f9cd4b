// Per-contact logs (reading, days, the ccsim log format), interval reports, aggregation of logs
// into measured KPIs, Erlang A per interval and the comparison with predictions.
//
// tests/data/anonymous_bank_*.txt follow the format of the "Anonymous Bank" call log of the
// Technion SEE lab (Service Enterprise Engineering; documentation by I. Guedj and
// A. Mandelbaum), with made-up rows.
#include "models/measured/measured.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "models/centre/contact_centre.h"
#include "models/measured/contact_log.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario_json.h"
#include "tests/cli/run_ccsim.h"

namespace ccsim {
namespace {

const std::filesystem::path kData = std::filesystem::path(CCSIM_SOURCE_DIR) / "tests" / "data";

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto dir = test::temp_dir("measured");
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Scenario compare_scenario() {
  const ScenarioParse p = load_scenario(kData / "compare_scenario.json");
  EXPECT_TRUE(p.ok());
  return *p.scenario;
}

const LoggedContact& by_arrival(const ContactLog& log, double arrival_s) {
  for (const LoggedContact& c : log.contacts) {
    if (std::abs(c.arrival_s - arrival_s) < 1e-9) return c;
  }
  ADD_FAILURE() << "no contact arriving at " << arrival_s;
  return log.contacts.front();
}

// Whether a log of compare_scenario() measures `kpi`: not the counts of outcomes its types
// cannot have (no lines, queue caps, overflow or messages), which it leaves unmeasured.
bool measured_outcome_possible(Kpi kpi) {
  return kpi != Kpi::Blocked && kpi != Kpi::BlockRate && kpi != Kpi::Overflowed &&
         kpi != Kpi::Messages;
}

double hms(int h, int m, int s) {
  return h * 3600.0 + m * 60.0 + s;
}

TEST(AnonymousBankLog, SurvivesTheQuirksOfTheFormat) {
  const ContactLog log = read_contact_log(kData / "anonymous_bank_sample.txt", LogFormat{});
  ASSERT_FALSE(log.fatal) << *log.fatal;
  EXPECT_EQ(log.format, "anonymous-bank");
  EXPECT_EQ(log.rows, 11u);
  EXPECT_EQ(log.ignored, 1u);      // PHANTOM
  EXPECT_EQ(log.not_arrived, 1u);  // hung up in the voice menu
  EXPECT_EQ(log.bad, 0u);
  ASSERT_EQ(log.contacts.size(), 9u);

  const LoggedContact& abandoned = by_arrival(log, hms(10, 0, 5));
  EXPECT_EQ(abandoned.outcome, LoggedOutcome::Abandoned);
  EXPECT_DOUBLE_EQ(abandoned.end_s - abandoned.queue_s, 60);
  EXPECT_EQ(abandoned.priority, 2);
  EXPECT_EQ(weekday_of(abandoned.day), 0);  // 1999-01-03 was a Sunday
  EXPECT_EQ(day_label(abandoned.day), "1999-01-03");

  // Answered at once: arrival is vru_exit, the wait is 0 although ser_start is a second earlier.
  const LoggedContact& at_once = by_arrival(log, hms(10, 2, 0));
  EXPECT_EQ(at_once.outcome, LoggedOutcome::Answered);
  EXPECT_DOUBLE_EQ(at_once.answer_s, at_once.queue_s);
  EXPECT_DOUBLE_EQ(at_once.handle_s, 181);
  EXPECT_EQ(log.agents[std::size_t(at_once.agent)], "MICHAL");

  // Queued: the wait is q_time (to q_exit); talk is ser_exit - ser_start.
  const LoggedContact& waited = by_arrival(log, hms(10, 10, 0));
  EXPECT_DOUBLE_EQ(waited.answer_s - waited.queue_s, 30);
  EXPECT_DOUBLE_EQ(waited.handle_s, 120);

  // ser_start = ser_exit = 0:00:00: answered at q_exit, talk time unknown.
  const LoggedContact& unknown = by_arrival(log, hms(10, 20, 0));
  EXPECT_DOUBLE_EQ(unknown.answer_s - unknown.queue_s, 10);
  EXPECT_TRUE(std::isnan(unknown.handle_s));

  // Talk crossing midnight.
  const LoggedContact& late = by_arrival(log, hms(23, 59, 47));
  EXPECT_DOUBLE_EQ(late.handle_s, 151);
  EXPECT_DOUBLE_EQ(late.end_s, 86400 + hms(0, 2, 17));
  EXPECT_EQ(log.types[std::size_t(late.type)], "NE");

  // Negative vru_time: arrival is q_start.
  const LoggedContact& negative = by_arrival(log, hms(15, 45, 56));
  EXPECT_DOUBLE_EQ(negative.answer_s - negative.queue_s, 63);

  // Served without a name.
  EXPECT_EQ(by_arrival(log, hms(11, 0, 10)).agent, -1);

  // Abandoned, the wait crossing midnight.
  const LoggedContact& night = by_arrival(log, hms(23, 59, 29));
  EXPECT_DOUBLE_EQ(night.end_s - night.queue_s, 57);
}

TEST(AnonymousBankLog, ReportsEachMalformedRowWithItsLineNumber) {
  const auto file = kData / "anonymous_bank_bad_rows.txt";
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_FALSE(log.fatal);
  EXPECT_EQ(log.bad, 4u);
  EXPECT_EQ(log.contacts.size(), 2u);
  ASSERT_EQ(log.errors.size(), 4u);
  const std::string f = file.string();
  EXPECT_EQ(log.errors[0],
            f + " line 3: date: must be a date YYMMDD, YYYYMMDD or YYYY-MM-DD (got \"99013x\")");
  EXPECT_EQ(log.errors[1], f + " line 4: must have 17 fields like the header (got 7)");
  EXPECT_EQ(log.errors[2],
            f + " line 5: outcome: must be one of AGENT, HANG, PHANTOM (got \"SERVED\")");
  EXPECT_EQ(log.errors[3],
            f + " line 6: vru_exit: must be a time H:MM:SS or a number of seconds (got "
                "\"10:2x:00\")");
}

TEST(ContactLogReader, CapsTheMessagesAndCountsTheRest) {
  std::string text = "arrival,answer\n";
  for (int i = 0; i < 30; ++i) text += "x" + std::to_string(i) + ",\n";
  const auto file = write_temp("many_bad.csv", text);
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=arrival,answer=answer", format).empty());
  const ContactLog log = read_contact_log(file, format);
  EXPECT_EQ(log.bad, 30u);
  ASSERT_EQ(log.errors.size(), kMaxRowMessages + 1);
  EXPECT_EQ(log.errors.back(), file.string() + ": 10 more lines with problems not shown");
}

TEST(ContactLogReader, UnknownHeaderIsRefusedAndSaysWhatIsWrong) {
  const auto file = write_temp("other.csv", "when,who\n1,2\n");
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_TRUE(log.fatal);
  EXPECT_EQ(*log.fatal, file.string() +
                            ": not a log ccsim recognises (neither the ccsim nor the "
                            "anonymous-bank header)");
  EXPECT_EQ(log.fatal_in, ContactLog::FatalIn::Format);
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=whn", format).empty());
  const ContactLog mapped = read_contact_log(file, format);
  ASSERT_TRUE(mapped.fatal);
  EXPECT_EQ(*mapped.fatal,
            "arrival=whn: " + file.string() + " has no column \"whn\"; did you mean \"when\"?");
  EXPECT_EQ(mapped.fatal_in, ContactLog::FatalIn::Columns);
  const ContactLog missing = read_contact_log(kData / "nope.csv", LogFormat{});
  ASSERT_TRUE(missing.fatal);
  EXPECT_EQ(*missing.fatal, (kData / "nope.csv").string() + ": cannot open file");
  EXPECT_EQ(missing.fatal_in, ContactLog::FatalIn::File);
}

TEST(ContactLogColumns, MappingSpecIsCheckedFieldByField) {
  LogFormat f;
  auto errors = parse_log_columns("arival=a,answer=,end", f);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_NE(errors[0].find("(got \"arival\"); did you mean \"arrival\"?"), std::string::npos);
  EXPECT_EQ(errors[1], "answer: must name a column (got \"\")");
  EXPECT_EQ(errors[2], "must be field=COLUMN (got \"end\")");
  errors = parse_log_columns("answer=b", f);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("must map the field arrival"), std::string::npos);
  EXPECT_EQ(parse_log_columns("arrival=a,arrival=b", f).size(), 1u);
  std::string preset_error = parse_log_preset("anonymous_bank", f).value_or("");
  EXPECT_NE(preset_error.find("did you mean \"anonymous-bank\""), std::string::npos);
}

TEST(ContactLogColumns, FallbacksDateTimesAndOutcomeWords) {
  const auto file = write_temp("mapped.csv",
                               "kind,start,queued,picked,done,result,who\n"
                               "sales,2024-03-04 09:00:00,,2024-03-04 09:00:00,2024-03-04 09:05:00,"
                               "Answered,ann\n"
                               "sales,2024-03-04 23:59:00,2024-03-04 23:59:30,,2024-03-05 00:01:30,"
                               "hangup,\n"
                               "support,2024-03-05 10:00:00,,,,phantom,\n"
                               "support,2024-03-05 10:00:00,,,2024-03-05 10:00:20,abandoned,\n");
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("type=kind,arrival=start,queue_entry=queued|start,answer=picked,"
                                "end=done,outcome=result,agent=who",
                                format)
                  .empty());
  const ContactLog log = read_contact_log(file, format);
  ASSERT_FALSE(log.fatal) << *log.fatal;
  ASSERT_EQ(log.bad, 0u) << log.errors.front();
  EXPECT_EQ(log.ignored, 1u);
  ASSERT_EQ(log.contacts.size(), 3u);
  const LoggedContact& a = log.contacts[0];
  EXPECT_EQ(a.outcome, LoggedOutcome::Answered);
  EXPECT_DOUBLE_EQ(a.arrival_s, hms(9, 0, 0));
  EXPECT_DOUBLE_EQ(a.answer_s - a.queue_s, 0);
  EXPECT_DOUBLE_EQ(a.handle_s, 300);
  EXPECT_EQ(day_label(a.day), "2024-03-04");
  const LoggedContact& b = log.contacts[1];
  EXPECT_EQ(b.outcome, LoggedOutcome::Abandoned);
  EXPECT_DOUBLE_EQ(b.queue_s, hms(23, 59, 30));
  EXPECT_DOUBLE_EQ(b.end_s, 86400 + hms(0, 1, 30));  // the next day
  EXPECT_EQ(b.agent, -1);
  EXPECT_EQ(log.contacts[2].outcome, LoggedOutcome::Abandoned);
  EXPECT_EQ(log.types, (std::vector<std::string>{"sales", "support"}));
}

TEST(ContactLogColumns, SecondsWithoutDatesCountOnAcrossDays) {
  const auto file = write_temp("seconds.csv", "t,a\n100,110\n86500,\n");
  LogFormat format;
  ASSERT_TRUE(parse_log_columns("arrival=t,answer=a", format).empty());
  const ContactLog log = read_contact_log(file, format);
  ASSERT_EQ(log.contacts.size(), 2u);
  EXPECT_EQ(log.contacts[0].day, 0);
  EXPECT_EQ(log.contacts[0].outcome, LoggedOutcome::Answered);
  EXPECT_EQ(log.contacts[1].day, 1);
  EXPECT_DOUBLE_EQ(log.contacts[1].arrival_s, 100);
  EXPECT_EQ(log.contacts[1].outcome, LoggedOutcome::Abandoned);
  EXPECT_EQ(log.types, std::vector<std::string>{"calls"});
}

TEST(DaySelection, WeekdaysDatesRangesAndReplications) {
  std::string error;
  const auto d = DaySelection::parse("sun-thu", error);
  ASSERT_TRUE(d) << error;
  const std::int32_t sunday = 10594;  // 1999-01-03
  ASSERT_EQ(day_label(sunday), "1999-01-03");
  for (int k = 0; k < 7; ++k) EXPECT_EQ(d->contains(sunday + k, LogOrigin::Midnight), k <= 4) << k;
  const auto wrap = DaySelection::parse("fri-sun", error);
  ASSERT_TRUE(wrap);
  EXPECT_TRUE(wrap->contains(sunday, LogOrigin::Midnight));
  EXPECT_TRUE(wrap->contains(sunday - 1, LogOrigin::Midnight));
  EXPECT_FALSE(wrap->contains(sunday + 1, LogOrigin::Midnight));
  const auto dates = DaySelection::parse("1999-01-05, 1999-01-10..1999-01-12,Monday", error);
  ASSERT_TRUE(dates) << error;
  EXPECT_TRUE(dates->contains(sunday + 1, LogOrigin::Midnight));  // a Monday
  EXPECT_TRUE(dates->contains(sunday + 2, LogOrigin::Midnight));
  EXPECT_FALSE(dates->contains(sunday + 3, LogOrigin::Midnight));
  EXPECT_TRUE(dates->contains(sunday + 9, LogOrigin::Midnight));
  const auto reps = DaySelection::parse("0..2,5", error);
  ASSERT_TRUE(reps);
  EXPECT_TRUE(reps->contains(2, LogOrigin::HorizonStart));
  EXPECT_FALSE(reps->contains(3, LogOrigin::HorizonStart));
  EXPECT_TRUE(reps->contains(5, LogOrigin::HorizonStart));
  EXPECT_FALSE(reps->contains(2, LogOrigin::Midnight));
  for (const char* bad : {"sun-thx", "1999-02-30", "1999-01-12..1999-01-10", "", "5..2"}) {
    EXPECT_FALSE(DaySelection::parse(bad, error)) << bad;
    EXPECT_TRUE(error.starts_with("must be weekdays")) << error;
  }
  EXPECT_NE(error.find("(got \"5..2\")"), std::string::npos);
}

// 1999-01-03 was a Sunday: the first half of January 1999, Sunday to Thursday, is the 3rd-7th
// and the 10th-14th; a second item adds the 31st (a Sunday).
TEST(DaySelection, AmpersandSelectsTheDaysEveryTermSelects) {
  std::string error;
  const std::int32_t jan1 = 10592;  // 1999-01-01
  ASSERT_EQ(day_label(jan1), "1999-01-01");
  const auto sel = DaySelection::parse("1999-01-01..1999-01-14 & sun-thu, 1999-01-31&sun", error);
  ASSERT_TRUE(sel) << error;
  std::vector<int> days;
  for (int d = 0; d < 31; ++d) {
    if (sel->contains(jan1 + d, LogOrigin::Midnight)) days.push_back(d + 1);
  }
  EXPECT_EQ(days, (std::vector<int>{3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 31}));
  EXPECT_FALSE(DaySelection::parse("1999-01-01..1999-01-14&sun-thx", error));
  EXPECT_NE(error.find("(got \"sun-thx\")"), std::string::npos) << error;
  EXPECT_FALSE(DaySelection::parse("sun&", error));
  EXPECT_NE(error.find("(got \"\")"), std::string::npos) << error;
}

TEST(CcsimLog, RowsReadBackAsTheyWereWritten) {
  Scenario sc = compare_scenario();
  ContactRecord answered;
  answered.id = 3;
  answered.type = 1;
  answered.outcome = Outcome::Answered;
  answered.arrival_s = 12.5;
  answered.queued = true;
  answered.queue_entry_s = 12.5;
  answered.answer_s = 40.25;
  answered.handle_s = 100.125;
  answered.wrap_s = 10;
  answered.end_s = 140.375;
  answered.group = 0;
  answered.agent = 7;
  ContactRecord abandoned;
  abandoned.id = 4;
  abandoned.outcome = Outcome::Abandoned;
  abandoned.arrival_s = 20;
  abandoned.queued = true;
  abandoned.queue_entry_s = 20;
  abandoned.end_s = 95.5;
  ContactRecord deflected;
  deflected.id = 5;
  deflected.outcome = Outcome::Deflected;
  deflected.arrival_s = 30;
  deflected.end_s = 30;
  std::string text(kCcsimLogColumns);
  text += '\n';
  append_log_row(text, sc, 2, answered);
  append_log_row(text, sc, 2, abandoned);
  append_log_row(text, sc, 3, deflected);
  EXPECT_NE(
      text.find("\n2,3,cards,0,answered,12.5,,,12.5,40.25,140.375,100.125,10,advisers,7,0,0,,\n"),
      std::string::npos)
      << text;
  const auto file = write_temp("sim_log.csv", text);
  const ContactLog log = read_contact_log(file, LogFormat{});
  ASSERT_FALSE(log.fatal);
  EXPECT_EQ(log.format, "ccsim");
  EXPECT_EQ(log.origin, LogOrigin::HorizonStart);
  ASSERT_EQ(log.contacts.size(), 3u);
  const LoggedContact& a = log.contacts[0];
  EXPECT_EQ(a.day, 2);
  EXPECT_EQ(log.types[std::size_t(a.type)], "cards");
  EXPECT_DOUBLE_EQ(a.answer_s - a.queue_s, 27.75);
  EXPECT_DOUBLE_EQ(a.handle_s, 100.125);
  EXPECT_DOUBLE_EQ(a.wrap_s, 10);
  EXPECT_EQ(log.agents[std::size_t(a.agent)], "7");
  EXPECT_EQ(log.contacts[1].outcome, LoggedOutcome::Abandoned);
  EXPECT_DOUBLE_EQ(log.contacts[1].end_s, 95.5);
  EXPECT_EQ(log.contacts[2].outcome, LoggedOutcome::Other);
  EXPECT_TRUE(std::isnan(log.contacts[2].queue_s));
}

TEST(IntervalReport, ReadsIndicesClockTimesTypesAndEmptyCells) {
  const Scenario sc = compare_scenario();
  const MeasuredTable t = read_measured_csv(kData / "measured_intervals.csv", sc, 5);
  ASSERT_FALSE(t.fatal) << *t.fatal;
  ASSERT_TRUE(t.errors.empty()) << t.errors.front();
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.days, 5);
  EXPECT_EQ(t.rows[1].interval, 1);
  EXPECT_EQ(t.rows[1].type, 0);
  EXPECT_DOUBLE_EQ(*t.rows[1].get(Kpi::Asa), 22.9);
  EXPECT_NEAR(*t.rows[1].get(Kpi::AbandonRate), 6.0 / 88, 1e-12);  // derived
  EXPECT_EQ(t.rows[2].type, 1);
  EXPECT_EQ(t.rows[3].interval, 3);
  EXPECT_FALSE(t.rows[3].get(Kpi::Answered));
  EXPECT_EQ(t.rows[4].type, 2);  // all
}

TEST(IntervalReport, EveryBadRowIsReportedWithItsLineAndColumn) {
  const Scenario sc = compare_scenario();
  const auto file = kData / "measured_bad.csv";
  const MeasuredTable t = read_measured_csv(file, sc, 1);
  ASSERT_FALSE(t.fatal);
  const std::string f = file.string();
  ASSERT_EQ(t.errors.size(), 5u);
  EXPECT_EQ(t.bad_rows, 5u);
  EXPECT_EQ(t.errors[0], f + " line 3: offered: must be a number (got \"x\")");
  EXPECT_EQ(t.errors[1], f + " line 4: contact_type: must be a contact type of the scenario "
                             "(billing, cards) or all (got \"biling\"); did you mean \"billing\"?");
  EXPECT_EQ(t.errors[2], f + " line 5: interval: must be an interval index from 0 to 3 or the "
                             "start HH:MM of one (08:00 to 09:30) (got \"25\")");
  EXPECT_EQ(t.errors[3],
            f + " line 6: duplicate of line 2 (interval 08:00, contact type \"billing\")");
  EXPECT_EQ(t.errors[4], f + " line 7: offered: must be >= 0 (got \"-3\")");
  EXPECT_EQ(t.rows.size(), 1u);
}

TEST(IntervalReport, HeaderProblemsAreFatal) {
  const Scenario sc = compare_scenario();
  auto fatal = [&](const std::string& text) {
    const MeasuredTable t = read_measured_csv(write_temp("h.csv", text), sc, 1);
    std::string all = t.fatal.value_or("");  // with several problems, each is in errors
    for (const std::string& e : t.errors) all += "\n" + e;
    return all;
  };
  EXPECT_NE(fatal("interval,contact_type,asx\n0,billing,3\n").find("did you mean \"asa\"?"),
            std::string::npos);
  EXPECT_NE(fatal("interval,asa_s\n0,3\n").find("must have a contact_type column"),
            std::string::npos);
  EXPECT_NE(fatal("contact_type,asa_s\nbilling,3\n").find("must have an interval column"),
            std::string::npos);
  EXPECT_NE(fatal("interval,contact_type\n").find("has no data rows"), std::string::npos);
  EXPECT_NE(fatal("interval,asa_s,asa_s\n").find("appears twice"), std::string::npos);
}

// A ccsim-format log of two days for the compare scenario, written by hand.
std::string two_day_log() {
  std::string text(kCcsimLogColumns);
  text += '\n';
  // day 0, interval 0 (08:00): billing answered after 10 s (talk 100) and after 30 s (talk 200),
  // one abandoned; cards answered at once. day 1: billing answered after 20 s (talk 300).
  text += "0,0,billing,0,answered,100,,,100,110,210,100,0,advisers,1,0,0,,\n";
  text += "0,1,billing,0,answered,200,,,200,230,430,200,0,advisers,2,0,0,,\n";
  text += "0,2,billing,0,abandoned,300,,,300,,400,,,,,0,0,,\n";
  text += "0,3,cards,0,answered,400,,,400,400,500,100,0,advisers,1,0,0,,\n";
  text += "1,0,billing,0,answered,1000,,,1000,1020,1320,300,0,advisers,1,0,0,,\n";
  text += "1,1,billing,0,answered,9000,,,9000,9000,9100,100,0,advisers,1,0,0,,\n";  // 10:30
  return text;
}

TEST(LogAggregation, CountsArePerDayRatiosArePooled) {
  const Scenario sc = compare_scenario();
  const ContactLog log = read_contact_log(write_temp("two_days.csv", two_day_log()), LogFormat{});
  ASSERT_FALSE(log.fatal);
  const MeasuredTable t = aggregate_log(log, sc, DaySelection{});
  ASSERT_FALSE(t.fatal);
  EXPECT_EQ(t.days, 2);
  EXPECT_EQ(t.outside_horizon, 1u);
  ASSERT_EQ(t.rows.size(), 12u);  // 4 intervals × (billing, cards, all)
  const MeasuredRow& billing = t.rows[0];
  EXPECT_EQ(billing.type, 0);
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::Offered), 2.0);  // 4 contacts over 2 days
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::Answered), 1.5);
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::Abandoned), 0.5);
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::AbandonRate), 0.25);
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::Asa), 20.0);          // (10 + 30 + 20) / 3
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::ServiceLevel), 0.5);  // 10 and 20 of 4
  EXPECT_DOUBLE_EQ(*billing.get(Kpi::Aht), 200.0);
  const MeasuredRow& all = t.rows[2];
  EXPECT_EQ(all.type, 2);
  EXPECT_DOUBLE_EQ(*all.get(Kpi::Offered), 2.5);
  EXPECT_DOUBLE_EQ(*all.get(Kpi::Asa), 15.0);
  // Only day 1.
  std::string error;
  const MeasuredTable one = aggregate_log(log, sc, *DaySelection::parse("1", error));
  EXPECT_EQ(one.days, 1);
  EXPECT_DOUBLE_EQ(*one.rows[0].get(Kpi::Offered), 1.0);
  const MeasuredTable none = aggregate_log(log, sc, *DaySelection::parse("7", error));
  ASSERT_TRUE(none.fatal);
  EXPECT_EQ(*none.fatal, log.source + ": no contact on the days selected (7)");
}

// A contact as the simulation records it, in billing's first interval.
ContactRecord billing_contact(std::uint64_t id, Outcome outcome, double arrival_s, double wait_s,
                              double handle_s) {
  ContactRecord r;
  r.id = id;
  r.outcome = outcome;
  r.arrival_s = r.journey_start_s = arrival_s;
  r.queued = outcome == Outcome::Answered || outcome == Outcome::Abandoned;
  r.queue_entry_s = arrival_s;
  if (outcome == Outcome::Answered) {
    r.answer_s = arrival_s + wait_s;
    r.handle_s = handle_s;
    r.end_s = r.answer_s + handle_s;
    r.group = 0;
    r.agent = 1;
  } else {
    r.end_s = arrival_s + wait_s;
  }
  return r;
}

TEST(LogAggregation, OneKpiDefinitionForSimulatedAndMeasuredContacts) {
  // The same contacts, once as the simulation's records and once through a ccsim log, give the
  // same figures: both are computed by the kpi package's ContactStats.
  const Scenario sc = compare_scenario();
  const double threshold = sc.contact_types[0].service_level.threshold_s;
  std::vector<ContactRecord> records{
      billing_contact(0, Outcome::Answered, 10, 5, 100),
      billing_contact(1, Outcome::Answered, 20, 25, 200),
      billing_contact(2, Outcome::Answered, 30, 0, 300),
      billing_contact(3, Outcome::Abandoned, 40, 60, 0),
      billing_contact(4, Outcome::Answered, 50, 400, 120),
      billing_contact(5, Outcome::Deflected, 60, 0, 0),
  };
  records[4].callback_offered = records[4].callback_accepted = true;  // out of asa_s and SL
  ContactStats simulated;
  std::string text(kCcsimLogColumns);
  text += '\n';
  for (const ContactRecord& r : records) {
    simulated.add(r, threshold);
    append_log_row(text, sc, 0, r);
  }
  const ContactLog log = read_contact_log(write_temp("one_definition.csv", text), LogFormat{});
  ASSERT_FALSE(log.fatal);
  const MeasuredTable t = aggregate_log(log, sc, DaySelection{});
  ASSERT_FALSE(t.fatal);
  ASSERT_FALSE(t.rows.empty());
  const MeasuredRow& measured = t.rows[0];
  ASSERT_EQ(measured.interval, 0);
  ASSERT_EQ(measured.type, 0);
  for (Kpi kpi : kMeasuredKpis) {
    if (!measured_outcome_possible(kpi)) {
      EXPECT_FALSE(measured.get(kpi)) << kpi_info(kpi).name;
      continue;
    }
    EXPECT_EQ(measured.get(kpi), simulated.value(kpi)) << kpi_info(kpi).name;
  }
  EXPECT_EQ(*measured.get(Kpi::Offered), 6.0);
  EXPECT_EQ(*measured.get(Kpi::Answered), 4.0);
  EXPECT_EQ(*measured.get(Kpi::AbandonRate), 0.2);   // 1 of 4 answered + 1 abandoned
  EXPECT_EQ(*measured.get(Kpi::Asa), 10.0);          // (5 + 25 + 0) / 3: no callback
  EXPECT_EQ(*measured.get(Kpi::ServiceLevel), 0.5);  // 5 and 0 of 3 answered + 1 abandoned
  EXPECT_EQ(*measured.get(Kpi::Aht), 180.0);         // callbacks included
}

TEST(LogAggregation, AnUnknownWaitOrTalkTimeLeavesTheContactOutOfWhatNeedsIt) {
  LoggedContact known;
  known.outcome = LoggedOutcome::Answered;
  known.arrival_s = known.queue_s = 100;
  known.answer_s = 110;
  known.end_s = 210;
  known.handle_s = 100;
  LoggedContact no_wait = known;
  no_wait.answer_s = std::nan("");
  no_wait.handle_s = 300;
  LoggedContact no_talk = known;
  no_talk.answer_s = 150;
  no_talk.handle_s = std::nan("");
  LoggedContact abandoned = known;
  abandoned.outcome = LoggedOutcome::Abandoned;
  abandoned.answer_s = abandoned.handle_s = std::nan("");
  ContactStats stats;
  for (const LoggedContact& c : {known, no_wait, no_talk, abandoned}) {
    stats.add(contact_record(c), 20.0);
  }
  EXPECT_EQ(*stats.value(Kpi::Answered), 3.0);
  EXPECT_EQ(*stats.value(Kpi::AbandonRate), 0.25);
  EXPECT_EQ(*stats.value(Kpi::Asa), 30.0);              // 10 and 50: the unknown wait left out
  EXPECT_EQ(*stats.value(Kpi::ServiceLevel), 1 / 3.0);  // 10 of 10, 50 and the abandoned
  EXPECT_EQ(*stats.value(Kpi::Aht), 200.0);             // 100 and 300: the unknown talk left out
}

TEST(LogAggregation, ASimulatedDaysLogMeasuresTheKpisOfThatDay) {
  const Scenario sc = compare_scenario();
  std::string text(kCcsimLogColumns);
  text += '\n';
  const ReplicationResult rep = simulate_replication(
      sc, 11, 0, [&](const ContactRecord& r) { append_log_row(text, sc, 0, r); });
  const ContactLog log = read_contact_log(write_temp("simulated_day.csv", text), LogFormat{});
  ASSERT_FALSE(log.fatal);
  const MeasuredTable t = aggregate_log(log, sc, DaySelection{});
  ASSERT_FALSE(t.fatal);
  ASSERT_EQ(t.rows.size(), 4u * 3);
  for (const MeasuredRow& row : t.rows) {
    ContactStats simulated;
    for (std::size_t k = 0; k < 2; ++k) {
      if (row.type == int(k) || row.type == 2) simulated.merge(rep.contact[row.interval][k]);
    }
    for (Kpi kpi : kMeasuredKpis) {
      if (!measured_outcome_possible(kpi)) {
        EXPECT_FALSE(row.get(kpi)) << kpi_info(kpi).name;
        continue;
      }
      // The log keeps times to the microsecond.
      ASSERT_TRUE(row.get(kpi).has_value() == simulated.value(kpi).has_value());
      if (row.get(kpi)) {
        EXPECT_NEAR(*row.get(kpi), *simulated.value(kpi), 1e-5) << kpi_info(kpi).name;
      }
    }
  }
}

TEST(ErlangAByInterval, PoolsTypesAndInterpolatesFractionalAgents) {
  Scenario sc = compare_scenario();
  const std::vector<ErlangInterval> e = erlang_a_by_interval(sc);
  ASSERT_EQ(e.size(), 4u);
  // Interval 0: 60 billing (AHT 200, patience 300) + 30 cards (AHT 150, patience 200) per
  // half-hour, 10 agents.
  EXPECT_DOUBLE_EQ(e[0].arrivals_per_hour, 180.0);
  EXPECT_NEAR(e[0].aht_s, (60 * 200.0 + 30 * 150.0) / 90, 1e-9);
  EXPECT_NEAR(*e[0].patience_s, 90 / (60 / 300.0 + 30 / 200.0), 1e-9);
  EXPECT_DOUBLE_EQ(e[0].agents, 10.0);
  erlang::Params p;
  p.agents = 10;
  p.arrivals_per_hour = 180;
  p.aht_s = e[0].aht_s;
  p.patience_s = e[0].patience_s;
  p.threshold_s = 20;
  const erlang::AMetrics exact = erlang::erlang_a(p);
  EXPECT_NEAR(*e[0].asa_s, *exact.asa_s, 1e-9);
  EXPECT_NEAR(*e[0].abandon_rate, exact.p_abandon, 1e-12);
  EXPECT_NEAR(e[0].abandoned, 90 * exact.p_abandon, 1e-9);
  // 10 agents for half of the interval and 11 for the other half: halfway between.
  sc.agent_groups[0].staff.kind = Staffing::Kind::Shifts;
  sc.agent_groups[0].staff.shifts = {{0, 7200, 10}, {0, 900, 1}};
  const std::vector<ErlangInterval> half = erlang_a_by_interval(sc);
  EXPECT_DOUBLE_EQ(half[0].agents, 10.5);
  p.agents = 11;
  const erlang::AMetrics eleven = erlang::erlang_a(p);
  EXPECT_NEAR(*half[0].asa_s, 0.5 * (*exact.asa_s + *eleven.asa_s), 1e-9);
}

// Results with one replication-level estimate per KPI, for the comparison tests.
Results results_for(const Scenario& sc, double asa, double ci, std::uint64_t n) {
  Results r;
  r.replications = int(n);
  for (const auto& ct : sc.contact_types) r.types.push_back(ct.name);
  r.intervals.assign(std::size_t(sc.horizon.intervals),
                     std::vector<ContactKpis>(sc.contact_types.size() + 1));
  for (auto& row : r.intervals) {
    for (ContactKpis& k : row) {
      k.kpi[std::size_t(Kpi::Asa)] = sim::Estimate{asa, ci, n};
      k.kpi[std::size_t(Kpi::Offered)] = sim::Estimate{100, 5, n};
    }
  }
  return r;
}

TEST(Comparison, SmallIntervalsDoNotDominateTheSummary) {
  const Scenario sc = compare_scenario();
  const Results res = results_for(sc, 20.0, 1.0, 10);
  MeasuredTable m;
  m.days = 10;
  auto row = [&](int i, double offered, double asa) {
    MeasuredRow r;
    r.interval = i;
    r.type = 0;
    r.value[*measured_index(Kpi::Offered)] = offered;
    r.value[*measured_index(Kpi::Asa)] = asa;
    m.rows.push_back(r);
  };
  row(0, 3, 80);    // 3 calls, predicted 20: 75% off
  row(1, 297, 20);  // exact
  const Comparison c = compare_with_measured(sc, res, m, false);
  const KpiSummary& s = c.simulation.summary[0][*measured_index(Kpi::Asa)];
  EXPECT_EQ(s.rows, 2u);
  EXPECT_NEAR(*s.mape, 0.01 * 0.75, 1e-12);
  EXPECT_NEAR(*s.bias, (3 * -60.0) / 300, 1e-12);
  EXPECT_NEAR(*s.relative_bias, (3 * -60.0) / (3 * 80 + 297 * 20.0), 1e-12);
  // The prediction interval widens the CI of the mean for the D measured days.
  const ComparisonRow& r0 = c.simulation.rows[1];
  EXPECT_EQ(r0.kpi, Kpi::Asa);
  EXPECT_NEAR(*r0.pi95, 1.0 * std::sqrt(1 + 10.0 / 10), 1e-12);
  EXPECT_FALSE(*r0.within);
  EXPECT_TRUE(*c.simulation.rows[3].within);
  EXPECT_NEAR(*s.within, 297.0 / 300, 1e-12);
  EXPECT_EQ(s.within_rows, 1u);
}

TEST(Comparison, ErlangAIsComparedOnThePooledScope) {
  const Scenario sc = compare_scenario();
  const Results res = results_for(sc, 20.0, 1.0, 10);
  MeasuredTable m;
  MeasuredRow all;
  all.interval = 0;
  all.type = 2;
  all.value[*measured_index(Kpi::Asa)] = 10;
  MeasuredRow billing = all;
  billing.type = 0;
  m.rows = {billing, all};
  const Comparison c = compare_with_measured(sc, res, m, true);
  ASSERT_TRUE(c.erlang_a);
  ASSERT_EQ(c.erlang_a->rows.size(), 1u);
  EXPECT_EQ(c.erlang_a->rows[0].type, 2);
  EXPECT_NEAR(c.erlang_a->rows[0].predicted, *erlang_a_by_interval(sc)[0].asa_s, 1e-12);
  EXPECT_FALSE(c.erlang_a->rows[0].within);
}

}  // namespace
}  // namespace ccsim
