// Scenarios built in code for model and theory tests.
#pragma once

#include "models/scenario/scenario.h"

namespace ccsim::test {

// One stationary voice queue: Poisson arrivals, `agents` agents in one group.
inline Scenario stationary_queue(double arrivals_per_hour, Distribution handle, int agents,
                                 double duration_s = 36000, double warmup_s = 3600) {
  Scenario s;
  s.name = "stationary";
  s.horizon.interval_s = duration_s;
  s.horizon.intervals = 1;
  s.horizon.stationary = true;
  s.simulation.warmup_s = warmup_s;
  s.simulation.replications = 20;
  ContactType ct;
  ct.name = "calls";
  ct.arrivals.kind = Arrivals::Kind::RatePerHour;
  ct.arrivals.rate_per_hour = arrivals_per_hour;
  ct.handle_time = handle;
  s.contact_types.push_back(ct);
  AgentGroup g;
  g.name = "agents";
  g.skills = {0};
  g.staff.kind = Staffing::Kind::Count;
  g.staff.count = agents;
  s.agent_groups.push_back(g);
  return s;
}

}  // namespace ccsim::test
