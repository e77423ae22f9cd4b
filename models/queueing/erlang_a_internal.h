// What the files of models/queueing/ share besides erlang.h: the hour in seconds, Erlang A
// without traffic, and Erlang A by closed forms with its costliest KPI made optional (for the
// search of min_agents). Not for use outside models/queueing/.
#pragma once

#include "models/queueing/erlang.h"

namespace ccsim::erlang {

inline constexpr double kSecondsPerHour = 3600.0;

// The KPIs of M/M/n+M when arrivals_per_hour is 0: nothing waits (asa_s 0, service_level 1
// when threshold_s is given), occupancy 0 (nullopt with no agents).
AMetrics no_traffic_a(const Params& p);

// erlang_a(p), with asa_s computed only when `want_asa` (its quadrature costs more than every
// other KPI together).
// REQUIRES: as erlang_a().
AMetrics erlang_a_closed(const Params& p, bool want_asa);

}  // namespace ccsim::erlang
