#include "models/scenario/horizon_json.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "models/scenario/clock_shifts.h"

namespace ccsim::reading {

namespace {

// start: a time of day "HH:MM". A bad start is reported but keeps the horizon (with the
// default label), so that the lengths of per_interval lists are still checked against it.
void read_start(Checker& in, const json& v, const std::string& path, Horizon& horizon) {
  const json* start = find(v, "start");
  if (!start) return;
  const std::string start_path = member(path, "start");
  if (auto s = in.string(*start, start_path, false)) {
    if (clock_time_s(*s, false)) {  // 00:00 to 23:59
      horizon.start = *s;
    } else {
      in.error(start_path, "must be a time of day \"HH:MM\" from 00:00 to 23:59", *start);
    }
  }
}

// days: an integer in [1, 366]; start_date: a real calendar date "YYYY-MM-DD". Returns false
// for a bad days: the per-interval lists' lengths then cannot be checked (a bad start_date, a
// label, keeps the horizon).
bool read_days(Checker& in, const json& v, const std::string& path, Horizon& horizon) {
  bool ok = true;
  if (const json* days = find(v, "days")) {
    const auto d = in.integer(*days, member(path, "days"), 1, 366);
    if (d) horizon.days = int(*d);
    ok = d.has_value();
  }
  if (const json* date = find(v, "start_date")) {
    const std::string date_path = member(path, "start_date");
    if (auto s = in.string(*date, date_path, false)) {
      if (is_calendar_date(*s)) {
        horizon.start_date = *s;
      } else {
        in.error(date_path, "must be a calendar date \"YYYY-MM-DD\"", *date);
      }
    }
  }
  return ok;
}

// With several days, each day (intervals × interval_s) must fit in 24 h, and a duration_s
// horizon (one stationary interval) has a single day.
bool days_fit(Checker& in, const std::string& path, const Horizon& horizon) {
  if (horizon.days == 1) return true;
  if (horizon.stationary) {
    in.error(member(path, "days"),
             "must be 1 with duration_s (got " + std::to_string(horizon.days) + ")");
    return false;
  }
  const double day_s = horizon.interval_s * horizon.intervals;
  if (day_s > Horizon::kDayS) {
    in.error(path, "a day of interval_minutes × 60 × intervals = " + number_text(day_s) +
                       " s must fit in 24 h (86400 s) when days > 1");
    return false;
  }
  return true;
}

// seed: an integer in [0, 2^64 - 1].
void read_seed(Checker& in, const json& v, const std::string& path, SimulationSettings& settings) {
  if (v.is_number_unsigned()) {
    settings.seed = v.get<std::uint64_t>();
    return;
  }
  if (v.is_number_integer()) {  // signed: built in code (e.g. a sweep's range), not parsed
    if (v.get<long long>() < 0) {
      in.error(path, "must be >= 0", v);
    } else {
      settings.seed = static_cast<std::uint64_t>(v.get<long long>());
    }
    return;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && std::floor(d) == d) {
      if (d < 0) {
        in.error(path, "must be >= 0", v);
      } else if (d >= 18446744073709551616.0) {
        in.error(path, "must be <= 18446744073709551615", v);
      } else if (d >= 9007199254740992.0) {
        // Beyond 2^53 a double no longer holds every integer: the text may name another seed.
        in.error(path,
                 "must be written without a decimal point or exponent from 2^53 = "
                 "9007199254740992 on (such a number is rounded when read)");
      } else {
        settings.seed = static_cast<std::uint64_t>(d);
      }
      return;
    }
  }
  in.error(path, "must be an integer", v);
}

}  // namespace

std::optional<Horizon> read_horizon(Checker& in, const json& v, const std::string& path) {
  if (!in.expect_object(v, path)) return std::nullopt;
  in.check_keys(v, path, "horizon");
  const json* minutes = find(v, "interval_minutes");
  const json* intervals = find(v, "intervals");
  const json* duration = find(v, "duration_s");

  const bool by_intervals = minutes && intervals && !duration;
  const bool by_duration = duration && !minutes && !intervals;
  if (!by_intervals && !by_duration) {
    std::vector<std::string> present;
    for (const char* key : {"interval_minutes", "intervals", "duration_s"}) {
      if (v.contains(key)) present.push_back(key);
    }
    in.error(path, "must have either interval_minutes and intervals, or duration_s (got " +
                       (present.empty() ? std::string("none") : join(present)) + ")");
  }

  std::optional<double> minutes_value, duration_value;
  std::optional<long long> intervals_value;
  if (minutes)
    minutes_value = in.number(*minutes, member(path, "interval_minutes"), Range::above(0));
  if (intervals) intervals_value = in.integer(*intervals, member(path, "intervals"), 1);
  if (duration) duration_value = in.number(*duration, member(path, "duration_s"), Range::above(0));

  Horizon horizon;
  read_start(in, v, path, horizon);
  const bool days_ok = read_days(in, v, path, horizon);
  if ((!by_intervals && !by_duration) || !days_ok) return std::nullopt;
  if (by_intervals) {
    if (!minutes_value || !intervals_value) return std::nullopt;
    horizon.interval_s = *minutes_value * 60.0;
    horizon.intervals = static_cast<int>(*intervals_value);
  } else {
    if (!duration_value) return std::nullopt;
    horizon.interval_s = *duration_value;
    horizon.intervals = 1;
    horizon.stationary = true;
  }
  if (!std::isfinite(horizon.end_s())) {
    in.error(path, "must end at a finite time (got interval_minutes × 60 × intervals = " +
                       number_text(horizon.end_s()) + ")");
    return std::nullopt;
  }
  if (!days_fit(in, path, horizon)) return std::nullopt;
  return horizon;
}

void read_simulation(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                     SimulationSettings& settings) {
  if (!in.expect_object(v, path)) return;
  in.check_keys(v, path, "simulation");
  if (const json* r = find(v, "replications")) {
    if (auto x = in.integer(*r, member(path, "replications"), 1)) {
      settings.replications = static_cast<int>(*x);
    }
  }
  if (const json* s = find(v, "seed")) read_seed(in, *s, member(path, "seed"), settings);
  if (const json* w = find(v, "warmup_s")) {
    const std::string warmup_path = member(path, "warmup_s");
    if (auto x = in.number(*w, warmup_path, Range::at_least(0))) {
      if (horizon && !(*x < horizon->end_s())) {
        in.error(warmup_path, "must be < horizon end = " + number_text(horizon->end_s()), *w);
      } else {
        settings.warmup_s = *x;
      }
    }
  }
  if (const json* c = find(v, "volume_cv")) {
    if (auto x = in.number(*c, member(path, "volume_cv"), Range::closed(0, kMaxVolumeCv))) {
      settings.volume_cv = *x;
    }
  }
}

}  // namespace ccsim::reading
