// The cost objective of `ccsim staff --objective cost` (Erlang method): per contact type and
// interval, the servers of least expected cost, agents plus penalties (revenue is not in it:
// a lost sale belongs in the cost of an abandoned contact).
//
// Model: the type's analytic queue (staffing.h: analytic_queue), Erlang A with patience, else
// Erlang C. With n servers in interval i (T = interval length):
//   agent cost    n × T × c_server, c_server = Σ_g w_g · cost_per_agent_hour_g ÷
//                 (concurrency_g × (1 − shrinkage_g(i))), w_g the group's share of the type's
//                 servers (split_weights): a server is a slot of a scheduled agent, gross of
//                 shrinkage, without rounding to whole agents;
//   penalty cost  λT × (P(abandon) × cost per abandoned + E[time in queue] ÷ 60 × cost per
//                 minute waited), E over every arrival (answered or not; Erlang A:
//                 P(abandon) × mean patience). Blocking and balking are not in the analytic
//                 model and cost nothing here.
// The optimum is the least n (at least `floor`: the fewest meeting the type's targets, 0
// without targets; Erlang C also needs n > λ/μ) minimising agent + penalty cost; it is found by
// scanning up from the floor until the agent cost of the extra servers alone exceeds the best
// cost seen, so it is exact (not a local minimum).
#pragma once

#include <optional>
#include <vector>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"

namespace ccsim::staffing {

// Cost per server-hour of type k in interval i, given the groups' shares `weights` of its
// servers (split_weights(...)[k]). REQUIRES: scenario.costs.
double server_hour_cost(const Scenario& scenario, int interval, const std::vector<double>& weights);

// The expected cost of the queue `q` of type k in interval i with n servers, nullopt when
// Erlang C is unstable there (n <= offered load with traffic). REQUIRES: scenario.costs.
std::optional<CostPoint> erlang_cost(const Scenario& scenario, int type, int interval,
                                     const AnalyticQueue& q, int servers, double server_hour_cost);

// The cost-optimal servers of type k in interval i, at least `floor`, with the curve around it
// (optimum − 2 … optimum + 2, leaving out counts below 0 or unstable); points below `floor`
// have meets_targets false. REQUIRES: scenario.costs; floor >= 0.
CostCurve cost_optimum(const Scenario& scenario, int type, int interval, const AnalyticQueue& q,
                       int floor, double server_hour_cost);

}  // namespace ccsim::staffing
