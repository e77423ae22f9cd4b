// Horizons of several days (horizon.days, horizon.start_date): intervals over the whole
// horizon, no arrivals while closed, what happens at closing, per-day totals, labels.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/centre/callback.h"
#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "models/measured/contact_log.h"
#include "models/measured/measured.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// One voice type, one group; `days` days of `intervals` one-hour intervals from 08:00.
json week_doc(int days, int intervals) {
  json doc = json::parse(R"({
    "name": "week",
    "horizon": {"interval_minutes": 60, "start": "08:00"},
    "simulation": {"replications": 40, "seed": 7},
    "contact_types": [
      {"name": "calls", "arrivals": {"rate_per_hour": 60},
       "handle_time": {"dist": "exponential", "mean_s": 300},
       "patience": {"dist": "exponential", "mean_s": 200}}
    ],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"count": 6}}]
  })");
  doc["horizon"]["intervals"] = intervals;
  if (days != 1) doc["horizon"]["days"] = days;
  return doc;
}

Scenario parsed(const json& doc) {
  ScenarioParse p = parse_scenario(doc, {});
  EXPECT_EQ(p.errors, Lines{});
  return *p.scenario;
}

Lines errors_of(const json& doc) {
  return parse_scenario(doc, {}).errors;
}

TEST(Weeks, IntervalsRunOverEveryDayAndSkipTheClosedHours) {
  Horizon h;
  h.interval_s = 3600;
  h.intervals = 10;
  h.days = 3;
  EXPECT_EQ(h.interval_count(), 30);
  EXPECT_EQ(h.interval_start_s(0), 0.0);
  EXPECT_EQ(h.interval_start_s(9), 9 * 3600.0);
  EXPECT_EQ(h.interval_start_s(10), 86400.0);
  EXPECT_EQ(h.interval_start_s(23), 2 * 86400.0 + 3 * 3600.0);
  EXPECT_EQ(h.end_s(), 2 * 86400.0 + 10 * 3600.0);
  EXPECT_EQ(h.interval_at(86400.0 + 1.0), 10);
  EXPECT_EQ(h.interval_at(20 * 3600.0), 9);  // closed: the interval before
  EXPECT_EQ(h.interval_at(1e9), 29);
  EXPECT_FALSE(h.closed_at(9.5 * 3600.0));
  EXPECT_TRUE(h.closed_at(10 * 3600.0));
  EXPECT_TRUE(h.closed_at(86399.0));
  EXPECT_FALSE(h.closed_at(86400.0));
  EXPECT_FALSE(h.closed_at(2 * 86400.0 + 11 * 3600.0));  // after the last day: not "closed"
}

TEST(Weeks, OneDayKeepsTheOneDayIntervals) {
  Horizon h;
  h.interval_s = 900;
  h.intervals = 4;
  EXPECT_EQ(h.interval_count(), 4);
  EXPECT_EQ(h.interval_start_s(3), 2700.0);
  EXPECT_EQ(h.end_s(), 3600.0);
  EXPECT_FALSE(h.closed_at(5000.0));
}

TEST(Weeks, LabelsNameTheWeekdayOrTheDay) {
  Horizon h;
  h.interval_s = 1800;
  h.intervals = 4;
  h.start = "08:00";
  h.days = 2;
  EXPECT_EQ(interval_label(h, 0), "D1 08:00");
  EXPECT_EQ(interval_label(h, 5), "D2 08:30");
  h.start_date = "2026-12-06";  // a Sunday
  EXPECT_EQ(interval_label(h, 1), "Sun 08:30");
  EXPECT_EQ(interval_label(h, 4), "Mon 08:00");
  EXPECT_EQ(day_date(h, 1), "2026-12-07");
  EXPECT_EQ(add_days("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(add_days("2023-12-31", 60), "2024-02-29");
  EXPECT_STREQ(weekday_name("2000-01-01"), "Sat");
  h.days = 1;
  h.start_date.clear();
  EXPECT_EQ(interval_label(h, 3), "09:30");
}

TEST(Weeks, CalendarDatesAreChecked) {
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_FALSE(is_calendar_date("2023-02-29"));
  EXPECT_FALSE(is_calendar_date("2026-13-01"));
  EXPECT_FALSE(is_calendar_date("2026-1-01"));
  EXPECT_FALSE(is_calendar_date("0000-01-01"));
}

TEST(Weeks, BadKeysAreRefusedNamingTheirPath) {
  json doc = week_doc(1, 10);
  doc["horizon"]["days"] = 0;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.days: must be >= 1 (got 0)"});
  doc["horizon"]["days"] = 367;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.days: must be <= 366 (got 367)"});
  doc["horizon"]["days"] = 2.5;
  EXPECT_EQ(errors_of(doc), Lines{"horizon.days: must be an integer (got 2.5)"});
  doc["contact_types"][0]["arrivals"] = json::parse(R"({"per_interval": [1, 2]})");
  EXPECT_EQ(errors_of(doc), Lines{"horizon.days: must be an integer (got 2.5)"});  // no cascade
  doc = week_doc(1, 10);
  doc["horizon"]["start_date"] = "2026-02-30";
  EXPECT_EQ(
      errors_of(doc),
      Lines{"horizon.start_date: must be a calendar date \"YYYY-MM-DD\" (got \"2026-02-30\")"});
  doc = week_doc(2, 25);
  EXPECT_EQ(errors_of(doc), Lines{"horizon: a day of interval_minutes × 60 × intervals = 90000 s "
                                  "must fit in 24 h (86400 s) when days > 1"});
  doc = json::parse(R"({"name": "x", "horizon": {"duration_s": 3600, "days": 2},
    "contact_types": [{"name": "calls", "arrivals": {"rate_per_hour": 60},
      "handle_time": {"dist": "exponential", "mean_s": 300}}],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"count": 6}}]})");
  EXPECT_EQ(errors_of(doc), Lines{"horizon.days: must be 1 with duration_s (got 2)"});
  doc = week_doc(3, 2);
  doc["contact_types"][0]["arrivals"] = json::parse(R"({"per_interval": [1, 2]})");
  EXPECT_EQ(errors_of(doc), Lines{"contact_types[0].arrivals.per_interval: must have exactly 6 "
                                  "entries, one per interval (days × intervals = 3 × 2) (got 2 "
                                  "entries)"});
}

TEST(Weeks, ATraceTimeWhileClosedIsRefused) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ccsim_weeks_trace_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "calls.csv") << "10\n40000\n90000\n";
  json doc = week_doc(2, 10);
  doc["contact_types"][0]["arrivals"] = json::parse(R"({"trace": "calls.csv"})");
  EXPECT_EQ(parse_scenario(doc, dir).errors,
            Lines{"contact_types[0].arrivals.trace: calls.csv line 2: must be within opening "
                  "hours: the centre is closed from 36000 to 86400 (got 40000)"});
  std::filesystem::remove_all(dir);
}

TEST(Weeks, NoArrivalsWhileClosed) {
  const Scenario s = parsed(week_doc(3, 8));
  std::size_t arrivals = 0;
  std::vector<std::size_t> per_day(3, 0);
  simulate_replication(s, 1, 0, [&](const ContactRecord& r) {
    if (r.attempt != 0) return;
    ++arrivals;
    EXPECT_FALSE(s.horizon.closed_at(r.arrival_s)) << r.arrival_s;
    EXPECT_LT(r.arrival_s, s.horizon.end_s());
    ++per_day[std::size_t(s.horizon.day_of(s.horizon.interval_at(r.arrival_s)))];
  });
  // 60 an hour over 8 open hours a day: every day gets its arrivals (P(fewer than 300) ~ 0).
  EXPECT_GT(arrivals, 1200u);
  for (std::size_t n : per_day) EXPECT_GT(n, 300u);
}

TEST(Weeks, AgentsAreOffDutyWhileClosed) {
  const Scenario s = parsed(week_doc(3, 8));
  const auto steps = net_staffing_schedule(s.agent_groups[0], s.horizon);
  const std::vector<StaffChange> expected{
      {0, 6}, {8 * 3600.0, 0}, {86400, 6}, {86400 + 8 * 3600.0, 0}, {2 * 86400, 6}};
  ASSERT_EQ(steps.size(), expected.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].time_s, expected[i].time_s);
    EXPECT_EQ(steps[i].agents, expected[i].agents);
  }
}

// Each KPI of every day of a week of identical days agrees with the one-day scenario's within
// the two confidence intervals (a 5-day week and 20 KPIs: at 95% each, the half-widths are
// summed, which makes a false alarm rare).
TEST(Weeks, IdenticalDaysMatchOneDay) {
  json one = week_doc(1, 8), week = week_doc(5, 8);
  one["contact_types"][0]["arrivals"] =
      json::parse(R"({"per_interval": [30, 50, 70, 80, 70, 60, 50, 40]})");
  json per_interval = json::array();
  for (int d = 0; d < 5; ++d) {
    for (const json& x : one["contact_types"][0]["arrivals"]["per_interval"]) {
      per_interval.push_back(x);
    }
  }
  week["contact_types"][0]["arrivals"] = json{{"per_interval", per_interval}};
  const Scenario s1 = parsed(one), s5 = parsed(week);
  RunOptions opt;
  opt.replications = 40;
  opt.seed = 3;
  const Results r1 = run_experiment(s1, opt), r5 = run_experiment(s5, opt);
  ASSERT_EQ(r5.days.size(), 5u);
  ASSERT_EQ(r5.intervals.size(), 40u);
  for (std::size_t d = 0; d < 5; ++d) {
    for (Kpi q : {Kpi::Offered, Kpi::Answered, Kpi::Abandoned, Kpi::AbandonRate, Kpi::Asa,
                  Kpi::ServiceLevel}) {
      const auto& a = r1.totals[0][q];
      const auto& b = r5.days[d][0][q];
      ASSERT_TRUE(a && b);
      EXPECT_NEAR(b->mean, a->mean, a->ci95 + b->ci95) << "day " << d << " " << kpi_info(q).name;
    }
    const auto& occ1 = r1.group_totals[0][GroupKpi::Occupancy];
    const auto& occ5 = r5.group_days[d][0][GroupKpi::Occupancy];
    EXPECT_NEAR(occ5->mean, occ1->mean, occ1->ci95 + occ5->ci95) << "day " << d;
  }
  EXPECT_NEAR(r5.totals[0][Kpi::ServiceLevel]->mean, r1.totals[0][Kpi::ServiceLevel]->mean,
              r1.totals[0][Kpi::ServiceLevel]->ci95 + r5.totals[0][Kpi::ServiceLevel]->ci95);
}

// Conservation: the days' counts add up to the horizon's, in every replication and so in the
// means; backlog_end of the last day is the horizon's.
TEST(Weeks, PerDayTotalsSumToTheHorizonTotals) {
  const Scenario s = parsed(week_doc(4, 6));
  RunOptions opt;
  opt.replications = 5;
  const Results r = run_experiment(s, opt);
  ASSERT_EQ(r.days.size(), 4u);
  for (Kpi q : {Kpi::Offered, Kpi::Answered, Kpi::Abandoned, Kpi::Queued}) {
    for (std::size_t k = 0; k < 2; ++k) {
      double sum = 0.0;
      for (const auto& day : r.days) sum += day[k][q]->mean;
      EXPECT_NEAR(sum, r.totals[k][q]->mean, 1e-9 * r.totals[k][q]->mean) << kpi_info(q).name;
    }
  }
  EXPECT_EQ(r.days.back()[0][Kpi::BacklogEnd]->mean, r.totals[0][Kpi::BacklogEnd]->mean);
  double available = 0.0;
  for (const auto& day : r.group_days) available += day[0][GroupKpi::Agents]->mean;
  EXPECT_GT(available, 0.0);
}

// Email left at closing waits for the next opening: with no agent on day 0, every email of
// day 0 is answered on day 1, none is lost.
TEST(Weeks, EmailCarriesOverToTheNextOpening) {
  json doc = week_doc(2, 2);
  doc["contact_types"][0] = json::parse(R"({"name": "mail", "channel": "email",
    "arrivals": {"per_interval": [20, 20, 0, 0]},
    "handle_time": {"dist": "exponential", "mean_s": 60}})");
  doc["agent_groups"][0] = json::parse(R"({"name": "team", "skills": ["mail"],
    "staff": {"per_interval": [0, 0, 3, 3]}})");
  const Scenario s = parsed(doc);
  std::size_t emails = 0;
  simulate_replication(s, 1, 0, [&](const ContactRecord& r) {
    ++emails;
    EXPECT_EQ(r.outcome, Outcome::Answered);
    EXPECT_LT(r.arrival_s, s.horizon.day_close_s(0));
    EXPECT_GE(r.answer_s, s.horizon.day_open_s(1));
  });
  EXPECT_GT(emails, 10u);
}

// Voice contacts waiting at closing are served by the agents still on duty, who stay on until
// the queue is empty; none waits for the next opening.
TEST(Weeks, CallsWaitingAtClosingAreServedBeforeTheAgentsLeave) {
  json doc = week_doc(2, 2);
  doc["contact_types"][0]["arrivals"] = json::parse(R"({"per_interval": [10, 80, 10, 10]})");
  doc["contact_types"][0].erase("patience");
  doc["agent_groups"][0]["staff"] = json::parse(R"({"count": 2})");
  const Scenario s = parsed(doc);
  std::size_t after_closing = 0;
  simulate_replication(s, 1, 0, [&](const ContactRecord& r) {
    if (r.arrival_s >= s.horizon.day_open_s(1)) return;
    EXPECT_EQ(r.outcome, Outcome::Answered);
    EXPECT_LT(r.answer_s, s.horizon.day_open_s(1));
    if (r.answer_s > s.horizon.day_close_s(0)) ++after_closing;
  });
  EXPECT_GT(after_closing, 10u);  // 80 an hour for 2 agents of 12 an hour: a long queue
}

// An accepted callback is not worked in overtime: it waits for the next opening.
TEST(Weeks, AcceptedCallbacksCarryOverToTheNextOpening) {
  json doc = week_doc(2, 2);
  doc["contact_types"][0]["arrivals"] = json::parse(R"({"per_interval": [10, 80, 0, 0]})");
  doc["contact_types"][0].erase("patience");
  doc["contact_types"][0]["callback"] =
      json::parse(R"({"offer_when_expected_wait_over_s": 600, "accept_prob": 1})");
  doc["agent_groups"][0]["staff"] = json::parse(R"({"count": 2})");
  const Scenario s = parsed(doc);
  std::size_t callbacks = 0;
  simulate_replication(s, 1, 0, [&](const ContactRecord& r) {
    if (!r.callback_accepted || r.outcome != Outcome::Answered) return;
    if (r.first_call_s < s.horizon.day_close_s(0)) return;
    ++callbacks;
    EXPECT_GE(r.first_call_s, s.horizon.day_open_s(1));
  });
  EXPECT_GT(callbacks, 5u);
}

// compare: measured rows name their interval by date and clock time (or by index within the
// date's day); without a date, a clock time is ambiguous over several days.
TEST(Weeks, MeasuredRowsAreMatchedByDateAndClockTime) {
  json doc = week_doc(3, 4);
  doc["horizon"]["start_date"] = "2026-12-07";
  const Scenario s = parsed(doc);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ccsim_weeks_measured_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "m.csv") << "interval,date,offered\n09:00,2026-12-08,50\n3,2026-12-09,40\n"
                                  "08:00,2026-12-10,1\n12:00,2026-12-07,1\n";
  std::ofstream(dir / "n.csv") << "interval,offered\n09:00,50\n7,40\n";
  const MeasuredTable m = read_measured_csv(dir / "m.csv", s, 1);
  ASSERT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.rows[0].interval, 5);   // Tuesday (day 1), 09:00
  EXPECT_EQ(m.rows[1].interval, 11);  // Wednesday (day 2), its interval 3
  const std::string f = (dir / "m.csv").string();
  EXPECT_EQ(m.errors,
            Lines({f + " line 4: date: must be a date of the horizon, 2026-12-07 to 2026-12-09 "
                       "(got \"2026-12-10\")",
                   f + " line 5: interval: must be an interval index from 0 to 3 or the start "
                       "HH:MM of one (08:00 to 11:00) (got \"12:00\")"}));
  const MeasuredTable n = read_measured_csv(dir / "n.csv", s, 1);
  ASSERT_EQ(n.rows.size(), 1u);
  EXPECT_EQ(n.rows[0].interval, 7);
  EXPECT_EQ(n.errors, Lines{(dir / "n.csv").string() +
                            " line 2: interval: must be an interval index from 0 to 11; a start "
                            "HH:MM needs a date column over several days (got \"09:00\")"});
  std::filesystem::remove_all(dir);
}

// compare with a dated per-contact log: each contact counts on the horizon's day of its date
// (not on a typical day), and counts are not divided by the number of days.
TEST(Weeks, LoggedContactsCountOnTheDayOfTheirDate) {
  json doc = week_doc(3, 2);
  doc["horizon"]["start"] = "10:00";
  doc["horizon"]["start_date"] = "1999-01-04";
  std::string text =
      "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\t"
      "q_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n";
  int id = 0;
  for (const char* row :
       {"990104\t10:05", "990104\t10:15", "990105\t10:05", "990105\t11:05", "990110\t10:05"}) {
    const std::string date(row, 6), hhmm(row + 7);
    text += "AA0101\t" + std::to_string(++id) + "\t0\t0\tPS\t" + date + "\t" + hhmm + ":00\t" +
            hhmm + ":00\t0\t" + hhmm + ":00\t" + hhmm + ":10\t10\tAGENT\t" + hhmm + ":10\t" + hhmm +
            ":50\t40\tMICHAL\n";
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("ccsim_weeks_log_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "log.txt") << text;
  const ContactLog log = read_contact_log(dir / "log.txt", LogFormat{});
  ASSERT_FALSE(log.fatal);
  doc["contact_types"][0]["name"] = "PS";
  doc["agent_groups"][0]["skills"] = json::array({"PS"});
  const MeasuredTable m = aggregate_log(log, parsed(doc), DaySelection{});
  EXPECT_EQ(m.days, 1);
  EXPECT_EQ(m.outside_horizon, 1u);
  std::vector<double> offered(6, -1.0);
  for (const MeasuredRow& r : m.rows) offered[std::size_t(r.interval)] = *r.get(Kpi::Offered);
  EXPECT_EQ(offered, (std::vector<double>{2, 0, 1, 1, 0, 0}));
  std::filesystem::remove_all(dir);
}

// A scheduled callback "at the start of the next interval" accepted in a day's last interval
// is due at the next opening; within a day, at the next interval's start.
TEST(Weeks, ScheduledCallbacksCountOpenIntervals) {
  Horizon h;
  h.interval_s = 3600;
  h.intervals = 10;
  h.days = 2;
  Callback cb;
  cb.mode = CallbackMode::Scheduled;
  cb.at_interval_start_after = 1;
  EXPECT_EQ(centre::callback_due_s(cb, 9.5 * 3600, h), 86400.0);
  EXPECT_EQ(centre::callback_due_s(cb, 2.5 * 3600, h), 3 * 3600.0);
  EXPECT_EQ(centre::callback_due_s(cb, 86400.0 + 9.5 * 3600, h), h.end_s());
  cb.at_interval_start_after.reset();
  cb.delay_s = 600;
  EXPECT_EQ(centre::callback_due_s(cb, 100.0, h), 700.0);
}

}  // namespace
}  // namespace ccsim
