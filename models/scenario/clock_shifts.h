// Shifts written with clock times ({"start": "08:00", "end": "16:30", "count": 5}, optionally
// with "days"): their times on the horizon's clock (seconds from the horizon start).
//
// Rule: clock times are of the calendar day. Horizon day d starts d × 24 h after the horizon
// start, at the clock time horizon.start of calendar day d; so a shift worked on day d from
// clock time a to clock time b lies at [d × 86400 + a − start, d × 86400 + b − start) seconds
// from the horizon start, and b + 24 h when b <= a (the shift runs past midnight). The part of
// a shift before the horizon start is cut off (its start becomes 0); a shift worked on no time
// of the horizon is left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim {

// Seconds after midnight of a clock time "HH:MM" from 00:00 to 23:59 (and "24:00" when
// `allow_midnight_end`); nullopt when the text is not one.
std::optional<double> clock_time_s(const std::string& text, bool allow_midnight_end);

// 0 = "mon" to 6 = "sun"; nullopt for any other text.
std::optional<int> weekday_of_name(const std::string& name);

// The shifts on the horizon's clock of a clock shift from `start_clock_s` to `end_clock_s`
// (seconds after midnight) with `count` agents worked on the horizon days `days` (sorted,
// each in [0, horizon.days)), or, when `days` is empty, on every calendar day from the one
// before the horizon to the one after its last day (so that night shifts reaching into the
// horizon count). Only shifts that hold some time of [0, horizon.end_s()) are returned, in
// time order. REQUIRES: start_clock_s in [0, 86400); end_clock_s in [0, 86400].
std::vector<Shift> clock_shift_times(double start_clock_s, double end_clock_s, int count,
                                     const std::vector<int>& days, const Horizon& horizon);

}  // namespace ccsim
