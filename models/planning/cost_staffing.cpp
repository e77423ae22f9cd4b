#include "models/planning/cost_staffing.h"

#include <algorithm>
#include <cmath>

#include "models/queueing/erlang.h"

namespace ccsim::staffing {

double server_hour_cost(const Scenario& scenario, int interval,
                        const std::vector<double>& weights) {
  double cost = 0.0;
  for (std::size_t g = 0; g < weights.size(); ++g) {
    if (weights[g] <= 0.0) continue;
    const AgentGroup& group = scenario.agent_groups[g];
    const double net_share = 1.0 - group.shrinkage_in(interval);
    cost += weights[g] * scenario.costs->agent_hour[g] /
            (double(std::max(1, group.concurrency)) * net_share);
  }
  return cost;
}

std::optional<CostPoint> erlang_cost(const Scenario& scenario, int type, int interval,
                                     const AnalyticQueue& q, int servers, double server_hour_cost) {
  (void)interval;
  const double hours = scenario.horizon.interval_s / 3600.0;
  CostPoint p;
  p.servers = servers;
  p.agent_cost = double(servers) * hours * server_hour_cost;
  if (q.arrivals_per_hour <= 0.0) return p;
  erlang::Params e;
  e.agents = servers;
  e.arrivals_per_hour = q.arrivals_per_hour;
  e.aht_s = q.aht_s;
  double p_abandon = 0.0, mean_wait_s = 0.0;
  if (q.patience_s) {
    e.patience_s = q.patience_s;
    const erlang::AMetrics a = erlang::erlang_a(e);
    p_abandon = a.p_abandon;
    mean_wait_s = a.mean_wait_s;
  } else {
    const erlang::CMetrics c = erlang::erlang_c_metrics(e);
    if (!c.stable || !c.asa_s) return std::nullopt;
    mean_wait_s = *c.asa_s;
  }
  const TypeCosts& c = scenario.costs->types[std::size_t(type)];
  const double arrivals = q.arrivals_per_hour * hours;
  p.penalty_cost = arrivals * (p_abandon * c.abandoned + mean_wait_s / 60.0 * c.per_minute_waited);
  return p;
}

CostCurve cost_optimum(const Scenario& scenario, int type, int interval, const AnalyticQueue& q,
                       int floor, double server_hour_cost) {
  int n = floor;
  if (!q.patience_s && q.arrivals_per_hour > 0.0) {
    n = std::max(n, int(std::floor(q.offered_load())) + 1);  // Erlang C: stable only above a
  }
  std::optional<CostPoint> best;
  for (; n <= erlang::kMaxAgents; ++n) {
    const std::optional<CostPoint> p =
        erlang_cost(scenario, type, interval, q, n, server_hour_cost);
    if (!p) continue;
    const double tol = 1e-9 * std::max(1.0, best ? best->cost() : p->cost());
    if (!best || p->cost() < best->cost() - tol) best = p;
    // Every larger n costs at least this agent cost; and penalties only fall with n, so once
    // they are negligible no larger n gains more than `tol`.
    if (p->agent_cost >= best->cost() - tol || p->penalty_cost <= tol) break;
  }
  CostCurve curve;
  curve.optimum = best ? best->servers : floor;
  for (int m = std::max(0, curve.optimum - 2); m <= curve.optimum + 2; ++m) {
    std::optional<CostPoint> p = erlang_cost(scenario, type, interval, q, m, server_hour_cost);
    if (!p) continue;
    p->meets_targets = m >= floor;
    curve.points.push_back(*p);
  }
  return curve;
}

}  // namespace ccsim::staffing
