#include "models/scenario/staffing_json.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

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

std::optional<Shift> read_shift(Checker& in, const json& v, const std::string& path,
                                const Horizon* horizon) {
  if (!in.expect_object(v, path)) return std::nullopt;
  in.check_keys(v, path, "shift");
  Shift shift;
  std::optional<double> start;
  bool ok = read_shift_start(in, v, path, horizon, start, shift);
  ok &= read_shift_end(in, v, path, start, shift);
  if (const json* c = find(v, "count")) {
    const auto count = in.integer(*c, member(path, "count"), 0, kMaxAgentsPerGroup);
    if (count) shift.count = static_cast<int>(*count);
    ok &= count.has_value();
  } else {
    in.error(member(path, "count"), "is required");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return shift;
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
    if (auto shift = read_shift(in, v[i], element(path, i), horizon)) shifts.push_back(*shift);
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
