#include "models/scenario/staffing_json.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "models/scenario/clock_shifts.h"

namespace ccsim::reading {

namespace {

// start_s: >= 0 and before the horizon's end. Sets shift.start_s when it is a valid number;
// false when it is not valid.
bool read_shift_start(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                      std::optional<double>& start, Shift& shift) {
  const json* s = find(v, "start_s");
  if (!s) {
    in.error(member(path, "start_s"), "is required");
    return false;
  }
  const std::string start_path = member(path, "start_s");
  start = in.number(*s, start_path, Range::at_least(0));
  bool ok = true;
  if (start && horizon && !(*start < horizon->end_s())) {
    in.error(start_path, "must be < horizon end = " + number_text(horizon->end_s()), *s);
    ok = false;
  }
  if (start) shift.start_s = *start;
  return ok && start.has_value();
}

// end_s: after start_s (after 0 when start_s is not valid).
bool read_shift_end(Checker& in, const json& v, const std::string& path,
                    std::optional<double> start, Shift& shift) {
  const json* e = find(v, "end_s");
  if (!e) {
    in.error(member(path, "end_s"), "is required");
    return false;
  }
  const std::string end_path = member(path, "end_s");
  const auto end = in.number(*e, end_path);
  bool ok = true;
  if (end && start && !(*end > *start)) {
    in.error(end_path, "must be > start_s = " + number_text(*start), *e);
    ok = false;
  } else if (end && !start && !(*end > 0)) {
    in.error(end_path, "must be > 0", *e);
    ok = false;
  }
  if (end) shift.end_s = *end;
  return ok && end.has_value();
}

// count: agents on duty, required.
std::optional<int> read_shift_count(Checker& in, const json& v, const std::string& path) {
  const json* c = find(v, "count");
  if (!c) {
    in.error(member(path, "count"), "is required");
    return std::nullopt;
  }
  const auto count = in.integer(*c, member(path, "count"), 0, kMaxAgentsPerGroup);
  if (!count) return std::nullopt;
  return static_cast<int>(*count);
}

// A shift in seconds from the horizon start: {"start_s", "end_s", "count"}.
void read_seconds_shift(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                        std::vector<Shift>& shifts) {
  if (find(v, "days")) {
    in.error(member(path, "days"),
             "needs a shift in clock times (start and end \"HH:MM\"): start_s and end_s count "
             "seconds from the horizon start, not from a day's");
  }
  Shift shift;
  std::optional<double> start;
  bool ok = read_shift_start(in, v, path, horizon, start, shift);
  ok &= read_shift_end(in, v, path, start, shift);
  const std::optional<int> count = read_shift_count(in, v, path);
  if (!ok || !count || find(v, "days")) return;
  shift.count = *count;
  shifts.push_back(shift);
}

// A clock time at `key` ("HH:MM"; end may be "24:00"); "is required" when absent.
std::optional<double> read_clock_time(Checker& in, const json& v, const std::string& path,
                                      const char* key, bool is_end) {
  const std::string key_path = member(path, key);
  const json* t = find(v, key);
  if (!t) {
    in.error(key_path, "is required");
    return std::nullopt;
  }
  const auto text = in.string(*t, key_path, false);
  if (!text) return std::nullopt;
  const std::optional<double> x = clock_time_s(*text, is_end);
  if (!x) {
    in.error(key_path,
             is_end ? "must be a clock time \"HH:MM\" from 00:00 to 24:00"
                    : "must be a clock time \"HH:MM\" from 00:00 to 23:59",
             *t);
  }
  return x;
}

// One entry of a clock shift's days: a day index in [0, days), or a weekday name (needs
// horizon.start_date), every day of the horizon on that weekday. Appends them to `days`.
bool read_day(Checker& in, const json& v, const std::string& path, const Horizon& horizon,
              std::vector<int>& days) {
  const std::string indices = "day indices from 0 to " + std::to_string(horizon.days - 1);
  if (!v.is_string()) {
    const auto d = in.integer(v, path, 0, horizon.days - 1);
    if (d) days.push_back(static_cast<int>(*d));
    return d.has_value();
  }
  const std::optional<int> weekday = weekday_of_name(v.get<std::string>());
  if (!weekday) {
    in.error(path, "must be a weekday name (mon, tue, wed, thu, fri, sat, sun) or a day index", v);
    return false;
  }
  const std::optional<int> first = weekday_of_date(horizon.start_date);
  if (!first) {
    in.error(path, "a weekday name needs horizon.start_date (or give " + indices + ")", v);
    return false;
  }
  for (int d = 0; d < horizon.days; ++d) {
    if ((*first + d) % 7 == *weekday) days.push_back(d);
  }
  return true;
}

// A shift in clock times of the calendar day: {"start", "end", "count", "days"?}
// (clock_shifts.h).
void read_clock_shift(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                      std::vector<Shift>& shifts) {
  const std::optional<double> start = read_clock_time(in, v, path, "start", false);
  const std::optional<double> end = read_clock_time(in, v, path, "end", true);
  const std::optional<int> count = read_shift_count(in, v, path);
  std::vector<int> days;
  bool ok = start && end && count;
  if (const json* d = find(v, "days")) {
    const std::string days_path = member(path, "days");
    if (!in.expect_non_empty_array(*d, days_path)) {
      ok = false;
    } else if (horizon) {
      for (std::size_t i = 0; i < d->size(); ++i) {
        ok &= read_day(in, (*d)[i], element(days_path, i), *horizon, days);
      }
    }
  }
  if (!ok || !horizon) return;
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const std::vector<Shift> worked = clock_shift_times(*start, *end, *count, days, *horizon);
  if (worked.empty()) {
    in.error(path,
             "is outside the horizon on every day it is worked (clock times are of the "
             "calendar day; the horizon starts at " +
                 horizon->start + " and lasts " + number_text(horizon->end_s()) + " s)");
  }
  shifts.insert(shifts.end(), worked.begin(), worked.end());
}

// A shift in either form; both or neither is an error naming the forms.
void read_shift(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                std::vector<Shift>& shifts) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "shift");
  std::vector<std::string> present;
  for (const char* key : {"start_s", "end_s", "start", "end"}) {
    if (v.contains(key)) present.push_back(key);
  }
  const bool seconds = v.contains("start_s") || v.contains("end_s");
  const bool clock = v.contains("start") || v.contains("end");
  if (seconds == clock) {
    in.error(path,
             "must have either start_s and end_s (seconds from the horizon start) or start and "
             "end (clock times \"HH:MM\" of the calendar day) (got " +
                 (present.empty() ? std::string("none") : join(present)) + ")");
    read_shift_count(in, v, path);
    return;
  }
  if (seconds) {
    read_seconds_shift(in, v, path, horizon, shifts);
  } else {
    read_clock_shift(in, v, path, horizon, shifts);
  }
}

// Agents on duty at once: the peak of the sum over overlapping shifts.
long long peak_on_duty(const std::vector<Shift>& shifts) {
  std::vector<std::pair<double, long long>> changes;
  for (const Shift& shift : shifts) {
    changes.emplace_back(shift.start_s, shift.count);
    changes.emplace_back(shift.end_s, -static_cast<long long>(shift.count));
  }
  std::sort(changes.begin(), changes.end());
  long long level = 0, peak = 0;
  for (const auto& [t, d] : changes) {
    level += d;
    peak = std::max(peak, level);
  }
  return peak;
}

void read_shifts(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                 std::vector<Shift>& shifts) {
  if (!in.expect_non_empty_array(v, path)) return;
  for (std::size_t i = 0; i < v.size(); ++i) {
    read_shift(in, v[i], element(path, i), horizon, shifts);
  }
  const long long peak = peak_on_duty(shifts);
  if (peak > kMaxAgentsPerGroup) {
    in.error(path, "must have at most " + std::to_string(kMaxAgentsPerGroup) +
                       " agents on duty at once (got " + std::to_string(peak) + ")");
  }
}

}  // namespace

void read_staff(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                Staffing& staff) {
  if (!in.expect_choice(v, path, "staff")) return;
  if (const json* c = find(v, "count")) {
    staff.kind = Staffing::Kind::Count;
    if (auto x = in.integer(*c, member(path, "count"), 0, kMaxAgentsPerGroup)) {
      staff.count = static_cast<int>(*x);
    }
  }
  if (const json* p = find(v, "per_interval")) {
    staff.kind = Staffing::Kind::PerInterval;
    in.per_interval(
        *p, member(path, "per_interval"), horizon,
        [&](const json& entry, const std::string& entry_path) {
          return in.integer(entry, entry_path, 0, kMaxAgentsPerGroup);
        },
        staff.per_interval);
  }
  if (const json* s = find(v, "shifts")) {
    staff.kind = Staffing::Kind::Shifts;
    read_shifts(in, *s, member(path, "shifts"), horizon, staff.shifts);
  }
  if (const json* f = find(v, "file")) {  // a roster, read by read_rosters (forecast_csv.h)
    staff.kind = Staffing::Kind::PerInterval;
    if (auto s = in.string(*f, member(path, "file"))) staff.file = *s;
  }
}

}  // namespace ccsim::reading
