// Whether a KPI meets its target, judged at 95% confidence.
//
// The rule, for a KPI estimated as mean ± ci95 (the 95% CI half-width over replications):
//   - a target to reach (service level at least 0.8): met when the whole CI is at or above the
//     target (mean − ci95 ≥ target), missed when the whole CI is below it (mean + ci95 <
//     target), not distinguishable otherwise (the CI straddles or touches the target);
//   - a cap (abandonment, ASA, occupancy at most X): met when mean + ci95 ≤ target, missed
//     when mean − ci95 > target, not distinguishable otherwise.
// An exact figure (n 0: computed, e.g. by the transient model) has no CI: met or missed by its
// value alone. A figure from a single replication (n 1) has no CI either and is not
// distinguishable. A KPI undefined in a scope has no verdict (callers leave that scope out).
#pragma once

#include <string_view>

#include "sim/stats.h"

namespace ccsim {

enum class Verdict { Met, Missed, NotDistinguishable };
// Whether a target is a floor to reach or a cap not to exceed.
enum class TargetSense { AtLeast, AtMost };

// The verdict of `estimate` against `target` by the rule above.
Verdict judge(const sim::Estimate& estimate, double target, TargetSense sense);

// "met", "missed", "not_distinguishable".
std::string_view verdict_name(Verdict verdict);

}  // namespace ccsim
