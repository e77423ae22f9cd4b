#include "models/studies/whatif.h"

#include <cstdio>
#include <span>

namespace ccsim {

namespace {

std::string describe(const Horizon& h) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%d interval%s of %g s", h.intervals, h.intervals == 1 ? "" : "s",
                h.interval_s);
  if (h.days == 1) return buf;
  return std::string(buf) + " a day over " + std::to_string(h.days) + " days";
}

// Names of `a` in order, then those of `b` not in `a`; with each one's index in a and b (or -1).
template <class T>
void match_by_name(const std::vector<T>& a, const std::vector<T>& b,
                   std::vector<std::string>& names, std::vector<int>& in_a,
                   std::vector<int>& in_b) {
  auto index_of = [](const std::vector<T>& v, const std::string& name) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].name == name) return int(i);
    }
    return -1;
  };
  for (std::size_t i = 0; i < a.size(); ++i) {
    names.push_back(a[i].name);
    in_a.push_back(int(i));
    in_b.push_back(index_of(b, a[i].name));
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (index_of(a, b[i].name) >= 0) continue;
    names.push_back(b[i].name);
    in_a.push_back(-1);
    in_b.push_back(int(i));
  }
}

// Base, variant and paired difference of one KPI: `at_base` / `at_variant` are its indices in
// the replications' vectors (nullopt: absent from that scenario).
PairedEstimate pair_column(const std::vector<std::optional<double>> ReplicationKpis::*member,
                           const std::vector<ReplicationKpis>& base,
                           const std::vector<ReplicationKpis>& variant,
                           std::optional<std::size_t> at_base,
                           std::optional<std::size_t> at_variant) {
  const std::size_t n = base.size();
  std::vector<std::optional<double>> b(n), v(n), d(n);
  for (std::size_t r = 0; r < n; ++r) {
    if (at_base) b[r] = (base[r].*member)[*at_base];
    if (at_variant) v[r] = (variant[r].*member)[*at_variant];
    if (b[r] && v[r]) d[r] = *v[r] - *b[r];
  }
  PairedEstimate p;
  if (at_base) p.base = sim::estimate(std::span<const std::optional<double>>(b));
  if (at_variant) p.variant = sim::estimate(std::span<const std::optional<double>>(v));
  if (at_base && at_variant)
    p.difference = sim::estimate(std::span<const std::optional<double>>(d));
  return p;
}

// The outbound campaigns' part of pair_replications: c.campaigns matched by name, their
// totals and intervals (ReplicationKpis::outbound, scopes as for groups).
void pair_campaigns(const Scenario& base, const Scenario& variant,
                    const std::vector<ReplicationKpis>& base_reps,
                    const std::vector<ReplicationKpis>& variant_reps, std::size_t n_intervals,
                    PairedComparison& c) {
  match_by_name(base.outbound, variant.outbound, c.campaigns, c.base_campaign, c.variant_campaign);
  const std::size_t nb = base.outbound.size(), nv = variant.outbound.size();
  auto campaign = [&](std::size_t i, std::size_t k) {
    PairedOutboundKpis out;
    const int cb = c.base_campaign[k], cv = c.variant_campaign[k];
    for (std::size_t q = 0; q < kOutboundKpiCount; ++q) {
      std::optional<std::size_t> at_b, at_v;
      if (cb >= 0) at_b = (i * nb + std::size_t(cb)) * kOutboundKpiCount + q;
      if (cv >= 0) at_v = (i * nv + std::size_t(cv)) * kOutboundKpiCount + q;
      out.kpi[q] = pair_column(&ReplicationKpis::outbound, base_reps, variant_reps, at_b, at_v);
    }
    return out;
  };
  if (c.campaigns.empty()) return;
  c.campaign_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t k = 0; k < c.campaigns.size(); ++k) {
      c.campaign_intervals[i].push_back(campaign(i, k));
    }
  }
  for (std::size_t k = 0; k < c.campaigns.size(); ++k) {
    c.campaign_totals.push_back(campaign(n_intervals, k));
  }
}

// The money KPIs of both runs by scope and their paired differences.
// REQUIRES: base.costs and variant.costs.
PairedCosts pair_costs(const Scenario& base, const Scenario& variant,
                       const std::vector<ReplicationKpis>& base_reps,
                       const std::vector<ReplicationKpis>& variant_reps) {
  const std::vector<std::vector<CostValues>> b = cost_scopes(base, base_reps);
  const std::vector<std::vector<CostValues>> v = cost_scopes(variant, variant_reps);
  auto scope = [&](std::size_t s) {
    PairedCostKpis out;
    const std::size_t n = b[s].size();
    std::vector<double> xb(n), xv(n), xd(n);
    for (std::size_t q = 0; q < kCostKpiCount; ++q) {
      for (std::size_t r = 0; r < n; ++r) {
        xb[r] = b[s][r].value(CostKpi(q));
        xv[r] = v[s][r].value(CostKpi(q));
        xd[r] = xv[r] - xb[r];
      }
      out.kpi[q] = {sim::estimate(std::span<const double>(xb)),
                    sim::estimate(std::span<const double>(xv)),
                    sim::estimate(std::span<const double>(xd))};
    }
    return out;
  };
  const auto n_intervals = std::size_t(base.horizon.interval_count());
  PairedCosts c;
  for (std::size_t i = 0; i < n_intervals; ++i) c.intervals.push_back(scope(i));
  for (std::size_t s = n_intervals; s + 1 < b.size(); ++s) c.days.push_back(scope(s));
  c.total = scope(b.size() - 1);
  return c;
}

}  // namespace

std::vector<std::string> comparison_errors(const Scenario& base, const Scenario& variant) {
  std::vector<std::string> errors;
  if (base.horizon.intervals != variant.horizon.intervals ||
      base.horizon.interval_s != variant.horizon.interval_s ||
      base.horizon.days != variant.horizon.days) {
    errors.push_back("horizon: the variant's horizon (" + describe(variant.horizon) +
                     ") differs from the base's (" + describe(base.horizon) +
                     "); a paired comparison needs the same horizon");
  }
  if (base.costs.has_value() != variant.costs.has_value()) {
    errors.push_back(std::string("costs: only the ") + (base.costs ? "base" : "variant") +
                     " states costs; state them in both scenarios to compare cost, revenue and "
                     "net (or in neither)");
  }
  return errors;
}

PairedComparison pair_replications(const Scenario& base, const Scenario& variant,
                                   const std::vector<ReplicationKpis>& base_reps,
                                   const std::vector<ReplicationKpis>& variant_reps,
                                   std::uint64_t seed) {
  PairedComparison c;
  c.base_name = base.name;
  c.variant_name = variant.name;
  c.replications = int(base_reps.size());
  c.seed = seed;
  match_by_name(base.contact_types, variant.contact_types, c.types, c.base_type, c.variant_type);
  match_by_name(base.agent_groups, variant.agent_groups, c.groups, c.base_group, c.variant_group);
  const auto n_intervals = std::size_t(base.horizon.interval_count());
  for (std::size_t i = 0; i < n_intervals; ++i) {
    c.interval_start_s.push_back(base.horizon.interval_start_s(int(i)));
  }
  const std::size_t nb_types = base.contact_types.size(), nv_types = variant.contact_types.size();
  const std::size_t nb_groups = base.agent_groups.size(), nv_groups = variant.agent_groups.size();

  // "all" pools the types of both scenarios: it keeps what is pooled_in_all over all of them.
  std::vector<const ContactType*> pooled;
  for (const ContactType& t : base.contact_types) pooled.push_back(&t);
  for (const ContactType& t : variant.contact_types) pooled.push_back(&t);
  const PoolingBasis basis = pooling_basis(pooled);

  // Scope i (== n_intervals: the day), matched type k (== types.size(): all).
  auto contact = [&](std::size_t i, std::size_t k) {
    PairedContactKpis out;
    const bool all = k == c.types.size();
    const int kb = all ? int(nb_types) : c.base_type[k];
    const int kv = all ? int(nv_types) : c.variant_type[k];
    for (std::size_t q = 0; q < kKpiCount; ++q) {
      std::optional<std::size_t> at_b, at_v;
      if (kb >= 0) at_b = contact_kpi_index(nb_types, i, std::size_t(kb), Kpi(q));
      if (kv >= 0) at_v = contact_kpi_index(nv_types, i, std::size_t(kv), Kpi(q));
      out.kpi[q] = pair_column(&ReplicationKpis::contact, base_reps, variant_reps, at_b, at_v);
      if (all && !pooled_in_all(Kpi(q), basis)) out.kpi[q] = PairedEstimate{};
    }
    return out;
  };
  auto group = [&](std::size_t i, std::size_t g) {
    PairedGroupKpis out;
    const int gb = c.base_group[g], gv = c.variant_group[g];
    for (std::size_t q = 0; q < kGroupKpiCount; ++q) {
      std::optional<std::size_t> at_b, at_v;
      if (gb >= 0) at_b = group_kpi_index(nb_groups, i, std::size_t(gb), GroupKpi(q));
      if (gv >= 0) at_v = group_kpi_index(nv_groups, i, std::size_t(gv), GroupKpi(q));
      out.kpi[q] = pair_column(&ReplicationKpis::group, base_reps, variant_reps, at_b, at_v);
    }
    return out;
  };
  c.intervals.resize(n_intervals);
  c.group_intervals.resize(n_intervals);
  for (std::size_t i = 0; i < n_intervals; ++i) {
    for (std::size_t k = 0; k <= c.types.size(); ++k) c.intervals[i].push_back(contact(i, k));
    for (std::size_t g = 0; g < c.groups.size(); ++g) c.group_intervals[i].push_back(group(i, g));
  }
  for (std::size_t k = 0; k <= c.types.size(); ++k) c.totals.push_back(contact(n_intervals, k));
  for (std::size_t g = 0; g < c.groups.size(); ++g) c.group_totals.push_back(group(n_intervals, g));
  pair_campaigns(base, variant, base_reps, variant_reps, n_intervals, c);
  if (base.costs && variant.costs) c.costs = pair_costs(base, variant, base_reps, variant_reps);
  const std::size_t n_days = base.horizon.days > 1 ? std::size_t(base.horizon.days) : 0;
  c.days.resize(n_days);
  c.group_days.resize(n_days);
  for (std::size_t d = 0; d < n_days; ++d) {  // scope intervals + 1 + d: day d
    for (std::size_t k = 0; k <= c.types.size(); ++k) {
      c.days[d].push_back(contact(n_intervals + 1 + d, k));
    }
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      c.group_days[d].push_back(group(n_intervals + 1 + d, g));
    }
  }
  return c;
}

PairedComparison compare_paired(const Scenario& base, const Scenario& variant,
                                const RunOptions& options) {
  RunOptions first = options, second = options;
  if (options.progress) {
    const auto total = std::size_t(options.replications) * 2;
    first.progress = [&options, total](std::size_t done, std::size_t) {
      options.progress(done, total);
    };
    second.progress = [&options, total](std::size_t done, std::size_t) {
      options.progress(total / 2 + done, total);
    };
  }
  const std::vector<ReplicationKpis> b = simulate_replications(base, first);
  const std::vector<ReplicationKpis> v = simulate_replications(variant, second);
  PairedComparison c = pair_replications(base, variant, b, v, options.seed);
  c.base_targets = check_targets(summarise(base, b, options.seed), base);
  c.variant_targets = check_targets(summarise(variant, v, options.seed), variant);
  return c;
}

}  // namespace ccsim
