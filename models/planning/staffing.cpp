#include "models/planning/staffing.h"

#include <algorithm>
#include <cmath>

#include "models/planning/staffer.h"
#include "models/queueing/erlang.h"

namespace ccsim::staffing {

const char* method_name(Method method) {
  switch (method) {
    case Method::Erlang:
      return "erlang";
    case Method::Simulation:
      return "simulation";
    case Method::Transient:
      return "transient";
  }
  return "?";
}

const char* judge_name(Judge judge) {
  switch (judge) {
    case Judge::Mean:
      return "mean";
    case Judge::Ci95:
      return "ci95";
  }
  return "?";
}

const char* target_kpi_name(TargetMiss::Kind kind) {
  switch (kind) {
    case TargetMiss::Kind::ServiceLevel:
      return "service_level";
    case TargetMiss::Kind::AbandonRate:
      return "abandon_rate";
    case TargetMiss::Kind::Asa:
      return "asa_s";
    case TargetMiss::Kind::Occupancy:
      return "occupancy";
    case TargetMiss::Kind::Utilisation:
      return "utilisation";
  }
  return "?";
}

bool is_group_target(TargetMiss::Kind kind) {
  return kind == TargetMiss::Kind::Occupancy || kind == TargetMiss::Kind::Utilisation;
}

bool type_has_target(const ContactType& ct) {
  return ct.has_service_level_target || ct.max_abandon_rate || ct.max_asa_s;
}

erlang::Query analytic_query(const ContactType& ct, const AnalyticQueue& q) {
  erlang::Query e;
  e.model = q.patience_s ? erlang::Model::A : erlang::Model::C;
  e.arrivals_per_hour = q.arrivals_per_hour;
  e.aht_s = q.aht_s;
  e.patience_s = q.patience_s;
  if (ct.has_service_level_target) {
    e.threshold_s = ct.service_level.threshold_s;
    e.target_sl = ct.service_level.target;
  }
  if (ct.max_asa_s) e.target_asa_s = *ct.max_asa_s;
  if (ct.max_abandon_rate && q.patience_s) e.max_abandon = *ct.max_abandon_rate;
  return e;
}

bool query_has_target(const erlang::Query& q) {
  return q.target_sl || q.target_asa_s || q.max_abandon;
}

int ceil_int(double x) {
  return int(std::ceil(x - kEps));
}

bool has_target(const Scenario& scenario) {
  for (const ContactType& ct : scenario.contact_types) {
    if (type_has_target(ct)) return true;
  }
  for (const AgentGroup& g : scenario.agent_groups) {
    if (g.max_occupancy || g.max_utilisation) return true;
  }
  return false;
}

AnalyticQueue analytic_queue(const Scenario& scenario, int type, int interval) {
  const ContactType& ct = scenario.contact_types[std::size_t(type)];
  const double arrivals = expected_arrivals(ct, scenario.horizon, interval) * share_to_agents(ct);
  AnalyticQueue q;
  q.arrivals_per_hour = arrivals * 3600.0 / scenario.horizon.interval_s;
  q.aht_s = mean_agent_time_s(ct, interval);
  if (const Distribution* patience = queue_patience(ct)) q.patience_s = patience->mean_in(interval);
  return q;
}

std::optional<int> analytic_servers(const Scenario& scenario, int type, int interval) {
  const AnalyticQueue q = analytic_queue(scenario, type, interval);
  if (q.arrivals_per_hour <= 0.0) return 0;
  const erlang::Query e = analytic_query(scenario.contact_types[std::size_t(type)], q);
  if (!query_has_target(e)) return ceil_int(q.offered_load());
  return erlang::min_agents(e);
}

std::vector<std::vector<double>> split_weights(const Scenario& scenario, int interval) {
  const std::size_t n_types = scenario.contact_types.size();
  const std::size_t n_groups = scenario.agent_groups.size();
  std::vector<std::vector<double>> w(n_types, std::vector<double>(n_groups, 0.0));
  for (std::size_t k = 0; k < n_types; ++k) {
    std::vector<std::size_t> skilled;
    double total = 0.0;
    for (std::size_t g = 0; g < n_groups; ++g) {
      const auto& skills = scenario.agent_groups[g].skills;
      if (std::find(skills.begin(), skills.end(), int(k)) == skills.end()) continue;
      skilled.push_back(g);
      total += scheduled_agents_in_interval(scenario.agent_groups[g], scenario.horizon, interval);
    }
    for (std::size_t g : skilled) {
      w[k][g] = total > 0.0 ? scheduled_agents_in_interval(scenario.agent_groups[g],
                                                           scenario.horizon, interval) /
                                  total
                            : 1.0 / double(skilled.size());
    }
  }
  return w;
}

Scenario with_staffing(const Scenario& scenario, const std::vector<std::vector<int>>& scheduled) {
  Scenario out = scenario;
  for (std::size_t g = 0; g < out.agent_groups.size(); ++g) {
    Staffing& s = out.agent_groups[g].staff;
    s.kind = Staffing::Kind::PerInterval;
    s.count = 0;
    s.shifts.clear();
    s.per_interval = scheduled[g];
  }
  return out;
}

std::vector<TargetMiss> missed_targets(const Scenario& scenario, const Results& results,
                                       Judge judge) {
  auto low = [judge](const KpiEstimate& e) -> std::optional<double> {
    if (!e) return std::nullopt;
    return judge == Judge::Mean ? e->mean : e->mean - e->ci95;
  };
  auto high = [judge](const KpiEstimate& e) -> std::optional<double> {
    if (!e) return std::nullopt;
    return judge == Judge::Mean ? e->mean : e->mean + e->ci95;
  };
  std::vector<TargetMiss> misses;
  for (std::size_t i = 0; i < results.intervals.size(); ++i) {
    for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
      const ContactType& ct = scenario.contact_types[k];
      const ContactKpis& c = results.intervals[i][k];
      if (ct.has_service_level_target) {
        const auto v = low(c[Kpi::ServiceLevel]);
        if (v && *v < ct.service_level.target - kEps) {
          misses.push_back(
              {TargetMiss::Kind::ServiceLevel, int(i), int(k), *v, ct.service_level.target});
        }
      }
      if (ct.max_abandon_rate) {
        const auto v = high(c[Kpi::AbandonRate]);
        if (v && *v > *ct.max_abandon_rate + kEps) {
          misses.push_back(
              {TargetMiss::Kind::AbandonRate, int(i), int(k), *v, *ct.max_abandon_rate});
        }
      }
      if (ct.max_asa_s) {
        const auto v = high(c[Kpi::Asa]);
        if (v && *v > *ct.max_asa_s + kEps) {
          misses.push_back({TargetMiss::Kind::Asa, int(i), int(k), *v, *ct.max_asa_s});
        }
      }
    }
    for (std::size_t g = 0; g < scenario.agent_groups.size(); ++g) {
      const AgentGroup& group = scenario.agent_groups[g];
      const GroupKpis& kpis = results.group_intervals[i][g];
      if (group.max_occupancy) {
        const auto v = high(kpis[GroupKpi::Occupancy]);
        if (v && *v > *group.max_occupancy + kEps) {
          misses.push_back({TargetMiss::Kind::Occupancy, int(i), int(g), *v, *group.max_occupancy});
        }
      }
      if (group.max_utilisation) {
        const auto v = high(kpis[GroupKpi::Utilisation]);
        if (v && *v > *group.max_utilisation + kEps) {
          misses.push_back(
              {TargetMiss::Kind::Utilisation, int(i), int(g), *v, *group.max_utilisation});
        }
      }
    }
  }
  return misses;
}

Options bounded_by_forecast(Options options, const std::vector<std::vector<int>>& forecast_net,
                            double factor) {
  (factor >= 1.0 ? options.at_least : options.at_most) = forecast_net;
  return options;
}

double agent_hours(const std::vector<std::vector<int>>& scheduled, const Horizon& horizon) {
  double total = 0.0;
  for (const auto& row : scheduled) {
    for (int n : row) total += double(n);
  }
  return total * horizon.interval_s / 3600.0;
}

}  // namespace ccsim::staffing
