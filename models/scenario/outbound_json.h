// Reading outbound campaigns: the scenario's `outbound` list (Scenario::outbound; the rule that
// blends them with inbound is models/centre/outbound.h).
#pragma once

#include <string>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// outbound: [{"name", "groups": [GROUP, ...], exactly one of "calls_per_interval": [n, ...]
// (one entry per interval of `horizon` when it is known) and "list_size": n, "connect_prob",
// "talk_time", "wrap_up", "dial_time" (required when connect_prob < 1), "reserve_idle",
// "max_inbound_wait_s"}]. scenario.agent_groups is read already; a group named must have
// concurrency 1 (an agent on an outbound call holds nothing else).
void read_outbound(Checker& in, const json& v, const std::string& path, const Horizon* horizon,
                   Scenario& scenario);

}  // namespace ccsim::reading
