// Shifts in clock times: their times from the horizon start, the days they are worked, and the
// reader's rules with the exact text of its messages.
#include "models/scenario/clock_shifts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_json.h"
#include "models/scenario/staffing_json.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// A 12-hour day of 30-minute intervals from `start`, with `shifts` as the group's staff.
json day_with_shifts(const std::string& start, const json& shifts) {
  return json{{"name", "t"},
              {"horizon", {{"interval_minutes", 30}, {"intervals", 24}, {"start", start}}},
              {"contact_types",
               {{{"name", "billing"},
                 {"arrivals", {{"rate_per_hour", 60}}},
                 {"handle_time", {{"dist", "exponential"}, {"mean_s", 180}}}}}},
              {"agent_groups",
               {{{"name", "team"}, {"skills", {"billing"}}, {"staff", {{"shifts", shifts}}}}}}};
}

std::vector<Shift> shifts_of(const json& document) {
  const ScenarioParse parsed = parse_scenario(document, {});
  EXPECT_EQ(parsed.errors, Lines{});
  return parsed.ok() ? parsed.scenario->agent_groups[0].staff.shifts : std::vector<Shift>{};
}

Lines errors_of(const json& document) {
  return parse_scenario(document, {}).errors;
}

// (start_s, end_s, count) of each shift.
std::vector<std::vector<double>> times_of(const std::vector<Shift>& shifts) {
  std::vector<std::vector<double>> out;
  for (const Shift& s : shifts) out.push_back({s.start_s, s.end_s, double(s.count)});
  return out;
}

TEST(ClockShifts, CountFromTheHorizonStartLabel) {
  EXPECT_EQ(times_of(shifts_of(
                day_with_shifts("08:00", {{{"start", "08:00"}, {"end", "16:30"}, {"count", 5}},
                                          {{"start", "12:00"}, {"end", "20:00"}, {"count", 4}}}))),
            (std::vector<std::vector<double>>{{0, 30600, 5}, {14400, 43200, 4}}));
}

TEST(ClockShifts, EndBeforeStartRunsPastMidnight) {
  EXPECT_EQ(times_of(shifts_of(
                day_with_shifts("20:00", {{{"start", "22:00"}, {"end", "06:00"}, {"count", 3}}}))),
            (std::vector<std::vector<double>>{{7200, 36000, 3}}));
}

TEST(ClockShifts, PartBeforeTheHorizonIsCutOff) {
  EXPECT_EQ(times_of(shifts_of(
                day_with_shifts("08:00", {{{"start", "06:00"}, {"end", "10:00"}, {"count", 2}}}))),
            (std::vector<std::vector<double>>{{0, 7200, 2}}));
}

TEST(ClockShifts, NightShiftOfTheDayBeforeReachesIntoTheHorizon) {
  // Without "days" a shift is worked every day: the one that began the evening before the
  // horizon covers its first hours.
  EXPECT_EQ(times_of(shifts_of(
                day_with_shifts("00:00", {{{"start", "22:00"}, {"end", "02:00"}, {"count", 1}}}))),
            (std::vector<std::vector<double>>{{0, 7200, 1}}));
}

TEST(ClockShifts, MidnightEndIsTwentyFourHundred) {
  EXPECT_EQ(times_of(shifts_of(
                day_with_shifts("12:00", {{{"start", "14:00"}, {"end", "24:00"}, {"count", 2}}}))),
            (std::vector<std::vector<double>>{{7200, 43200, 2}}));
}

// A week from Monday 2026-12-07 06:00, whose end lies past the week however its days are laid
// out (hourly intervals, one block of seven days).
Horizon week() {
  Horizon h;
  h.interval_s = 3600;
  h.intervals = 7 * 24;
  h.days = 7;
  h.start = "06:00";
  h.start_date = "2026-12-07";
  return h;
}

std::vector<Shift> read_week_shifts(const json& shifts, Lines& errors, Horizon h = week()) {
  reading::Checker in({});
  Staffing staff;
  reading::read_staff(in, json{{"shifts", shifts}}, "staff", &h, staff);
  errors = in.take_errors();
  return staff.shifts;
}

TEST(ClockShifts, DaysByWeekdayNameAndIndex) {
  Lines errors;
  const auto shifts = read_week_shifts(
      {{{"start", "08:00"}, {"end", "16:00"}, {"count", 2}, {"days", {"wed", "mon", 6, 0}}}},
      errors);
  EXPECT_EQ(errors, Lines{});
  EXPECT_EQ(times_of(shifts),
            (std::vector<std::vector<double>>{{7200, 36000, 2},
                                              {2 * 86400 + 7200, 2 * 86400 + 36000, 2},
                                              {6 * 86400 + 7200, 6 * 86400 + 36000, 2}}));
}

TEST(ClockShifts, WeekdayNamesNeedAStartDate) {
  Horizon h = week();
  h.start_date.clear();
  Lines errors;
  read_week_shifts(
      {{{"start", "08:00"}, {"end", "16:00"}, {"count", 2}, {"days", {"mon", 7, "mo"}}}}, errors,
      h);
  EXPECT_EQ(errors,
            (Lines{"staff.shifts[0].days[0]: a weekday name needs horizon.start_date (or give day "
                   "indices from 0 to 6) (got \"mon\")",
                   "staff.shifts[0].days[1]: must be <= 6 (got 7)",
                   "staff.shifts[0].days[2]: must be a weekday name (mon, tue, wed, thu, fri, sat, "
                   "sun) or a day index (got \"mo\")"}));
}

TEST(ClockShifts, WeekdaysOfDates) {
  EXPECT_EQ(weekday_of_date("2026-12-07"), 0);
  EXPECT_EQ(weekday_of_date("2000-02-29"), 1);
  EXPECT_EQ(weekday_of_date("1970-01-01"), 3);
  EXPECT_EQ(weekday_of_date("1600-03-01"), 2);
  EXPECT_EQ(weekday_of_date("1900-02-29"), std::nullopt);
  EXPECT_EQ(weekday_of_date("2026-13-01"), std::nullopt);
  EXPECT_EQ(weekday_of_date("2026-1-01"), std::nullopt);
}

TEST(ClockShiftsReading, EitherFormButNotBoth) {
  EXPECT_EQ(errors_of(day_with_shifts("08:00", {{{"start_s", 0}, {"end", "16:00"}, {"count", 1}}})),
            (Lines{"agent_groups[0].staff.shifts[0]: must have either start_s and end_s (seconds "
                   "from the horizon start) or start and end (clock times \"HH:MM\" of the "
                   "calendar day) (got start_s, end)"}));
}

TEST(ClockShiftsReading, DaysNeedClockTimes) {
  EXPECT_EQ(errors_of(day_with_shifts(
                "08:00", {{{"start_s", 0}, {"end_s", 3600}, {"count", 1}, {"days", {0}}}})),
            (Lines{"agent_groups[0].staff.shifts[0].days: needs a shift in clock times (start and "
                   "end \"HH:MM\"): start_s and end_s count seconds from the horizon start, not "
                   "from a day's"}));
}

TEST(ClockShiftsReading, ClockTimesMustBeTimesOfDay) {
  EXPECT_EQ(errors_of(day_with_shifts("08:00", {{{"start", "24:00"}, {"end", "8:00"}, {"count", 1}},
                                                {{"start", "09:00"}, {"count", 1}}})),
            (Lines{"agent_groups[0].staff.shifts[0].start: must be a clock time \"HH:MM\" from "
                   "00:00 to 23:59 (got \"24:00\")",
                   "agent_groups[0].staff.shifts[0].end: must be a clock time \"HH:MM\" from "
                   "00:00 to 24:00 (got \"8:00\")",
                   "agent_groups[0].staff.shifts[1].end: is required"}));
}

TEST(ClockShiftsReading, ShiftOutsideTheHorizonIsAnError) {
  EXPECT_EQ(
      errors_of(day_with_shifts("08:00", {{{"start", "21:00"}, {"end", "23:00"}, {"count", 1}}})),
      (Lines{"agent_groups[0].staff.shifts[0]: is outside the horizon on every day it is "
             "worked (clock times are of the calendar day; the horizon starts at 08:00 and "
             "lasts 43200 s)"}));
}

}  // namespace
}  // namespace ccsim
