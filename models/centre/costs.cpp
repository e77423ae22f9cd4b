#include "models/centre/costs.h"

#include <algorithm>

#include "models/centre/experiment.h"

namespace ccsim {

namespace {
constexpr std::array<CostKpiInfo, kCostKpiCount> kCostKpis{{
    {CostKpi::Cost, "cost", "Cost"},
    {CostKpi::Revenue, "revenue", "Revenue"},
    {CostKpi::Net, "net", "Net (revenue - cost)"},
    {CostKpi::AgentCost, "agent_cost", "Agent cost"},
    {CostKpi::PenaltyCost, "penalty_cost", "Penalty cost"},
}};

void add(CostValues& to, const CostValues& v) {
  to.agent_cost += v.agent_cost;
  to.penalty_cost += v.penalty_cost;
  to.revenue += v.revenue;
}

CostKpis estimates(const std::vector<CostValues>& per_rep) {
  CostKpis out;
  std::vector<double> column(per_rep.size());
  for (std::size_t q = 0; q < kCostKpiCount; ++q) {
    for (std::size_t r = 0; r < per_rep.size(); ++r) column[r] = per_rep[r].value(CostKpi(q));
    out.kpi[q] = sim::estimate(std::span<const double>(column));
  }
  return out;
}
}  // namespace

std::span<const CostKpiInfo> cost_kpis() {
  return kCostKpis;
}

double CostValues::value(CostKpi kpi) const {
  switch (kpi) {
    case CostKpi::Cost:
      return agent_cost + penalty_cost;
    case CostKpi::Revenue:
      return revenue;
    case CostKpi::Net:
      return revenue - agent_cost - penalty_cost;
    case CostKpi::AgentCost:
      return agent_cost;
    case CostKpi::PenaltyCost:
    case CostKpi::kCount:
      break;
  }
  return penalty_cost;
}

double interval_agent_cost(const Scenario& scenario, int k) {
  const Horizon& h = scenario.horizon;
  const double start_s = std::max(h.interval_start_s(k), scenario.simulation.warmup_s);
  const double hours = std::max(0.0, h.interval_end_s(k) - start_s) / 3600.0;
  double cost = 0.0;
  for (std::size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    const double rate = scenario.costs->agent_hour[g];
    if (rate == 0.0) continue;
    cost += rate * scheduled_agents_in_interval(scenario.agent_groups[g], h, k) * hours;
  }
  return cost;
}

std::vector<CostValues> replication_costs(const Scenario& scenario, const ReplicationKpis& kpis) {
  const std::size_t n_types = scenario.contact_types.size();
  const auto n_intervals = std::size_t(scenario.horizon.interval_count());
  std::vector<CostValues> out(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    CostValues& v = out[i];
    v.agent_cost = interval_agent_cost(scenario, int(i));
    for (std::size_t k = 0; k < n_types; ++k) {
      const TypeCosts& c = scenario.costs->types[k];
      auto count = [&](Kpi q) {
        return kpis.contact[contact_kpi_index(n_types, i, k, q)].value_or(0.0);
      };
      v.penalty_cost += c.abandoned * count(Kpi::Abandoned) + c.blocked * count(Kpi::Blocked) +
                        c.balked * count(Kpi::Balked) +
                        c.per_minute_waited * kpis.wait_total_s[i * (n_types + 1) + k] / 60.0;
      v.revenue += c.revenue_per_answered * count(Kpi::Answered);
    }
  }
  return out;
}

std::vector<std::vector<CostValues>> cost_scopes(const Scenario& scenario,
                                                 const std::vector<ReplicationKpis>& reps) {
  const auto n_intervals = std::size_t(scenario.horizon.interval_count());
  const int days = scenario.horizon.days;
  const auto n_days = days > 1 ? std::size_t(days) : 0;
  std::vector<std::vector<CostValues>> scopes(n_intervals + n_days + 1,
                                              std::vector<CostValues>(reps.size()));
  for (std::size_t r = 0; r < reps.size(); ++r) {
    const std::vector<CostValues> per_interval = replication_costs(scenario, reps[r]);
    for (std::size_t i = 0; i < n_intervals; ++i) {
      scopes[i][r] = per_interval[i];
      if (n_days > 0)
        add(scopes[n_intervals + std::size_t(scenario.horizon.day_of(int(i)))][r], per_interval[i]);
      add(scopes.back()[r], per_interval[i]);
    }
  }
  return scopes;
}

CostResults summarise_costs(const Scenario& scenario, const std::vector<ReplicationKpis>& reps) {
  const auto n_intervals = std::size_t(scenario.horizon.interval_count());
  const std::vector<std::vector<CostValues>> scopes = cost_scopes(scenario, reps);
  const std::size_t n_days = scopes.size() - n_intervals - 1;
  CostResults out;
  for (std::size_t i = 0; i < n_intervals; ++i) out.intervals.push_back(estimates(scopes[i]));
  for (std::size_t d = 0; d < n_days; ++d) out.days.push_back(estimates(scopes[n_intervals + d]));
  out.total = estimates(scopes.back());
  return out;
}

}  // namespace ccsim
