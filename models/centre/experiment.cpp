#include "models/centre/experiment.h"

#include <algorithm>

#include "models/centre/callback_slots.h"
#include "models/centre/lines.h"
#include "sim/replicate.h"

namespace ccsim {

namespace {

// The callback slot groups' part of replication_kpis: the scopes' SlotStats from the
// bookings per interval.
void slot_kpis(const ReplicationResult& rep, std::size_t n_intervals, std::size_t n_days,
               std::size_t per_day, std::vector<std::optional<double>>& out) {
  const std::size_t n = rep.slot_capacity.size();
  if (n == 0) return;
  std::vector<std::vector<SlotStats>> scopes(n_intervals + 1 + n_days, std::vector<SlotStats>(n));
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t s = 0; s < n; ++s) {
      const SlotStats cell{double(rep.slot_used[i][s]), double(rep.slot_capacity[s])};
      for (std::size_t scope : {i, n_intervals, n_intervals + 1 + i / per_day}) {
        if (scope >= scopes.size()) continue;  // a day's scope, with one day
        scopes[scope][s].used += cell.used;
        scopes[scope][s].capacity += cell.capacity;
      }
    }
  }
  for (const auto& row : scopes) {
    for (const SlotStats& st : row) {
      for (std::size_t q = 0; q < kSlotKpiCount; ++q) out.push_back(st.value(SlotKpi(q)));
    }
  }
}

}  // namespace

ReplicationKpis replication_kpis(const ReplicationResult& rep) {
  const std::size_t n_intervals = rep.contact.size();
  const std::size_t n_types = n_intervals ? rep.contact[0].size() : 0;
  const std::size_t n_groups = rep.group_total.size();
  const std::size_t n_days = rep.group_day.size();  // 0 with one day
  const auto per_day = std::size_t(std::max(1, rep.intervals_per_day));
  // Scopes [interval, horizon, day][type or all]: the horizon, the days and "all" are merges of
  // the cells.
  std::vector<std::vector<ContactStats>> cells(n_intervals + 1 + n_days,
                                               std::vector<ContactStats>(n_types + 1));
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t k = 0; k < n_types; ++k) {
      cells[i][k] = rep.contact[i][k];
      cells[i][n_types].merge(rep.contact[i][k]);
      cells[n_intervals][k].merge(rep.contact[i][k]);
    }
    cells[n_intervals][n_types].merge(cells[i][n_types]);
    if (n_days > 0) {
      for (std::size_t k = 0; k <= n_types; ++k)
        cells[n_intervals + 1 + i / per_day][k].merge(cells[i][k]);
    }
  }
  // The backlog of the horizon (of a day) is the backlog at its end, not a sum over intervals.
  for (std::size_t k = 0; k <= n_types && n_intervals > 0; ++k) {
    cells[n_intervals][k].set_backlog(cells[n_intervals - 1][k].backlog());
    for (std::size_t d = 0; d < n_days; ++d) {
      cells[n_intervals + 1 + d][k].set_backlog(cells[(d + 1) * per_day - 1][k].backlog());
    }
  }
  ReplicationKpis out;
  out.contact.reserve(cells.size() * (n_types + 1) * kKpiCount);
  for (const auto& row : cells) {
    for (const ContactStats& s : row) {
      for (std::size_t q = 0; q < kKpiCount; ++q) out.contact.push_back(s.value(Kpi(q)));
      out.wait_total_s.push_back(s.wait_total_s());
    }
  }
  for (std::size_t i = 0; i <= n_intervals + n_days; ++i) {
    for (std::size_t g = 0; g < n_groups; ++g) {
      const GroupStats& gs = i < n_intervals    ? rep.group[i][g]
                             : i == n_intervals ? rep.group_total[g]
                                                : rep.group_day[i - n_intervals - 1][g];
      for (std::size_t q = 0; q < kGroupKpiCount; ++q) out.group.push_back(gs.value(GroupKpi(q)));
    }
  }
  for (std::size_t i = 0; i <= n_intervals + n_days && !rep.trunk_total.empty(); ++i) {
    const std::vector<TrunkStats>& ts = i < n_intervals    ? rep.trunk[i]
                                        : i == n_intervals ? rep.trunk_total
                                                           : rep.trunk_day[i - n_intervals - 1];
    for (const TrunkStats& t : ts) {
      for (std::size_t q = 0; q < kTrunkKpiCount; ++q) out.trunk.push_back(t.value(TrunkKpi(q)));
    }
  }
  slot_kpis(rep, n_intervals, n_days, per_day, out.slot);
  for (std::size_t i = 0; i <= n_intervals + n_days && !rep.outbound_total.empty(); ++i) {
    const std::vector<OutboundStats>& os = i < n_intervals ? rep.outbound[i]
                                           : i == n_intervals
                                               ? rep.outbound_total
                                               : rep.outbound_day[i - n_intervals - 1];
    for (const OutboundStats& o : os) {
      for (std::size_t q = 0; q < kOutboundKpiCount; ++q) {
        out.outbound.push_back(o.value(OutboundKpi(q)));
      }
    }
  }
  for (std::size_t k = 0; k < n_types; ++k) {
    for (std::size_t b = 0; b < kPredictionErrorBins; ++b) {
      out.prediction_errors.push_back(cells[n_intervals][k].prediction_error_share(b));
    }
  }
  out.events = rep.events;
  out.contacts = rep.contacts;
  return out;
}

PoolingBasis pooling_basis(const std::vector<const ContactType*>& types) {
  PoolingBasis basis;
  for (const ContactType* t : types) {
    basis.one_channel = basis.one_channel && t->channel == types.front()->channel;
    basis.one_threshold = basis.one_threshold &&
                          t->service_level.threshold_s == types.front()->service_level.threshold_s;
  }
  return basis;
}

PoolingBasis pooling_basis(const Scenario& scenario) {
  std::vector<const ContactType*> types;
  for (const ContactType& t : scenario.contact_types) types.push_back(&t);
  return pooling_basis(types);
}

void withhold_unpooled(ContactKpis& all, const PoolingBasis& basis) {
  for (const KpiInfo& info : contact_kpis()) {
    if (!pooled_in_all(info.kpi, basis)) all.kpi[static_cast<std::size_t>(info.kpi)].reset();
  }
}

void withhold_unpooled(Results& results, const Scenario& scenario) {
  const PoolingBasis basis = pooling_basis(scenario);
  const std::size_t all = results.types.size();
  for (auto& row : results.intervals) withhold_unpooled(row[all], basis);
  for (auto& row : results.days) withhold_unpooled(row[all], basis);
  if (all < results.totals.size()) withhold_unpooled(results.totals[all], basis);
}

namespace {

// The trunk groups' part of summarise.
void summarise_trunks(const Scenario& scenario, const std::vector<ReplicationKpis>& reps,
                      std::size_t n_intervals, std::size_t n_days, Results& res) {
  const centre::LinePools pools = centre::line_pools(scenario);
  res.trunks = pools.names;
  res.trunk_lines = pools.lines;
  const std::size_t n = pools.names.size();
  if (n == 0) return;
  std::vector<std::optional<double>> column(reps.size());
  auto kpis = [&](std::size_t i, std::size_t t) {
    TrunkKpis out;
    for (std::size_t q = 0; q < kTrunkKpiCount; ++q) {
      for (std::size_t r = 0; r < reps.size(); ++r) {
        column[r] = reps[r].trunk[(i * n + t) * kTrunkKpiCount + q];
      }
      out.kpi[q] = sim::estimate(column);
    }
    return out;
  };
  res.trunk_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t t = 0; t < n; ++t) res.trunk_intervals[i].push_back(kpis(i, t));
  }
  for (std::size_t t = 0; t < n; ++t) res.trunk_totals.push_back(kpis(n_intervals, t));
  res.trunk_days.resize(n_days);
  for (std::size_t d = 0; d < n_days; ++d) {
    for (std::size_t t = 0; t < n; ++t) res.trunk_days[d].push_back(kpis(n_intervals + 1 + d, t));
  }
}

// The callback slot groups' part of summarise.
void summarise_slots(const Scenario& scenario, const std::vector<ReplicationKpis>& reps,
                     std::size_t n_intervals, std::size_t n_days, Results& res) {
  const centre::SlotPools pools = centre::slot_pools(scenario);
  res.slot_groups = pools.names;
  res.slot_capacity = pools.capacity;
  const std::size_t n = pools.names.size();
  if (n == 0) return;
  std::vector<std::optional<double>> column(reps.size());
  auto kpis = [&](std::size_t i, std::size_t s) {
    SlotKpis out;
    for (std::size_t q = 0; q < kSlotKpiCount; ++q) {
      for (std::size_t r = 0; r < reps.size(); ++r) {
        column[r] = reps[r].slot[(i * n + s) * kSlotKpiCount + q];
      }
      out.kpi[q] = sim::estimate(column);
    }
    return out;
  };
  res.slot_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t s = 0; s < n; ++s) res.slot_intervals[i].push_back(kpis(i, s));
  }
  for (std::size_t s = 0; s < n; ++s) res.slot_totals.push_back(kpis(n_intervals, s));
  res.slot_days.resize(n_days);
  for (std::size_t d = 0; d < n_days; ++d) {
    for (std::size_t s = 0; s < n; ++s) res.slot_days[d].push_back(kpis(n_intervals + 1 + d, s));
  }
}

// The outbound campaigns' part of summarise.
void summarise_outbound(const Scenario& scenario, const std::vector<ReplicationKpis>& reps,
                        std::size_t n_intervals, std::size_t n_days, Results& res) {
  const std::size_t n = scenario.outbound.size();
  for (const OutboundCampaign& c : scenario.outbound) res.campaigns.push_back(c.name);
  if (n == 0) return;
  std::vector<std::optional<double>> column(reps.size());
  auto kpis = [&](std::size_t i, std::size_t c) {
    OutboundKpis out;
    for (std::size_t q = 0; q < kOutboundKpiCount; ++q) {
      for (std::size_t r = 0; r < reps.size(); ++r) {
        column[r] = reps[r].outbound[(i * n + c) * kOutboundKpiCount + q];
      }
      out.kpi[q] = sim::estimate(column);
    }
    return out;
  };
  res.outbound_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t c = 0; c < n; ++c) res.outbound_intervals[i].push_back(kpis(i, c));
  }
  for (std::size_t c = 0; c < n; ++c) res.outbound_totals.push_back(kpis(n_intervals, c));
  res.outbound_days.resize(n_days);
  for (std::size_t d = 0; d < n_days; ++d) {
    for (std::size_t c = 0; c < n; ++c)
      res.outbound_days[d].push_back(kpis(n_intervals + 1 + d, c));
  }
}

}  // namespace

Results summarise(const Scenario& scenario, const std::vector<ReplicationKpis>& reps,
                  std::uint64_t seed) {
  Results res;
  res.scenario = scenario.name;
  res.replications = int(reps.size());
  res.seed = seed;
  for (const ContactType& ct : scenario.contact_types) res.types.push_back(ct.name);
  for (const AgentGroup& g : scenario.agent_groups) res.groups.push_back(g.name);
  const std::size_t n_types = res.types.size(), n_groups = res.groups.size();
  const Horizon& h = scenario.horizon;
  const auto n_intervals = std::size_t(h.interval_count());
  const std::size_t n_days = h.days > 1 ? std::size_t(h.days) : 0;
  for (std::size_t i = 0; i < n_intervals; ++i) {
    res.interval_start_s.push_back(h.interval_start_s(int(i)));
    res.interval_day.push_back(h.day_of(int(i)));
  }
  for (const ReplicationKpis& r : reps) {
    res.events += r.events;
    res.contacts += r.contacts;
  }

  std::vector<std::optional<double>> column(reps.size());
  auto contact_kpis = [&](std::size_t i, std::size_t k) {
    ContactKpis out;
    for (std::size_t q = 0; q < kKpiCount; ++q) {
      const std::size_t at = contact_kpi_index(n_types, i, k, Kpi(q));
      for (std::size_t r = 0; r < reps.size(); ++r) column[r] = reps[r].contact[at];
      out.kpi[q] = sim::estimate(column);
    }
    return out;
  };
  auto group_kpis = [&](std::size_t i, std::size_t g) {
    GroupKpis out;
    for (std::size_t q = 0; q < kGroupKpiCount; ++q) {
      const std::size_t at = group_kpi_index(n_groups, i, g, GroupKpi(q));
      for (std::size_t r = 0; r < reps.size(); ++r) column[r] = reps[r].group[at];
      out.kpi[q] = sim::estimate(column);
    }
    return out;
  };
  res.intervals.resize(n_intervals);
  res.group_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t k = 0; k <= n_types; ++k) res.intervals[i].push_back(contact_kpis(i, k));
    for (std::size_t g = 0; g < n_groups; ++g) res.group_intervals[i].push_back(group_kpis(i, g));
  }
  for (std::size_t k = 0; k <= n_types; ++k) res.totals.push_back(contact_kpis(n_intervals, k));
  for (std::size_t g = 0; g < n_groups; ++g) res.group_totals.push_back(group_kpis(n_intervals, g));
  res.days.resize(n_days);
  res.group_days.resize(n_days);
  for (std::size_t d = 0; d < n_days; ++d) {
    for (std::size_t k = 0; k <= n_types; ++k) {
      res.days[d].push_back(contact_kpis(n_intervals + 1 + d, k));
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
      res.group_days[d].push_back(group_kpis(n_intervals + 1 + d, g));
    }
  }
  res.prediction_errors.resize(n_types);
  for (std::size_t k = 0; k < n_types; ++k) {
    for (std::size_t b = 0; b < kPredictionErrorBins; ++b) {
      const std::size_t at = k * kPredictionErrorBins + b;
      for (std::size_t r = 0; r < reps.size(); ++r) {
        const auto& errors = reps[r].prediction_errors;
        column[r] = at < errors.size() ? errors[at] : std::nullopt;
      }
      res.prediction_errors[k].push_back(sim::estimate(column));
    }
  }
  summarise_trunks(scenario, reps, n_intervals, n_days, res);
  summarise_slots(scenario, reps, n_intervals, n_days, res);
  summarise_outbound(scenario, reps, n_intervals, n_days, res);
  if (scenario.costs) res.costs = summarise_costs(scenario, reps);
  withhold_unpooled(res, scenario);
  return res;
}

std::vector<ReplicationKpis> simulate_replications(const Scenario& scenario,
                                                   const RunOptions& options) {
  const auto count = std::size_t(options.replications);
  std::function<void(std::size_t)> on_done;
  if (options.progress) on_done = [&](std::size_t done) { options.progress(done, count); };
  return sim::replicate<ReplicationKpis>(
      count, options.threads,
      [&](std::size_t r) {
        return replication_kpis(simulate_replication(scenario, options.seed, r));
      },
      on_done);
}

Results run_experiment(const Scenario& scenario, const RunOptions& options) {
  return summarise(scenario, simulate_replications(scenario, options), options.seed);
}

}  // namespace ccsim
