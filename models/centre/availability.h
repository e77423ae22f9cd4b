// Uncertain agents on duty (AgentGroup::availability_cv): the group's staffing schedule of one
// replication.
//
// Rule: before the replication starts, each day d of the horizon draws from the group's own
// stream (its name and purpose kAvailability, substream d) a factor f_d, Gamma with mean 1 and
// coefficient of variation cv, then a uniform u_d in (0, 1). Every scheduled change of the
// day, n agents on duty, becomes ⌊f_d · n + u_d⌋ agents.
//
// Invariants: over u_d the mean of ⌊f_d·n + u_d⌋ is exactly f_d·n, so the agents on duty have
// mean n and coefficient of variation cv (up to the rounding); the counts stay monotone in n
// within a day (more scheduled, never fewer on duty); 0 stays 0; cv 0 returns the schedule
// unchanged without drawing. The draws depend on the seed, the replication, the group's name
// and the day only, so variants with other groups, types or staffing share them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "models/scenario/distribution.h"
#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim {

// The schedule `net` (changes of the agents on duty, by time) under availability uncertainty
// cv, for the replication whose group stream is (seed, replication, stream_id).
// REQUIRES: 0 <= cv <= kMaxVolumeCv; days >= 1; net sorted by time.
inline std::vector<StaffChange> uncertain_schedule(std::vector<StaffChange> net, double cv,
                                                   int days, std::uint64_t seed,
                                                   std::uint64_t replication,
                                                   std::uint64_t stream_id) {
  if (cv == 0.0) return net;
  const Distribution gamma = Distribution::gamma(1.0, cv);
  std::vector<double> factor(static_cast<std::size_t>(days)), shift(factor.size());
  for (int d = 0; d < days; ++d) {
    sim::RandomStream rng(seed, replication, stream_id, std::uint64_t(d));
    factor[std::size_t(d)] = gamma.sample(rng);
    shift[std::size_t(d)] = rng.uniform();
  }
  for (StaffChange& c : net) {
    const int d = std::clamp(int(std::floor(c.time_s / Horizon::kDayS)), 0, days - 1);
    c.agents = int(std::floor(factor[std::size_t(d)] * double(c.agents) + shift[std::size_t(d)]));
  }
  return net;
}

}  // namespace ccsim
