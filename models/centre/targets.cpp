#include "models/centre/targets.h"

#include <cmath>
#include <cstdio>

namespace ccsim {

namespace {

// One target of one owner, before it is judged in each scope.
struct Target {
  bool of_group;
  std::size_t owner;
  std::string_view kpi;
  TargetSense sense;
  double target;
  double threshold_s;
};

// The targets the scenario states, in the order of check_targets.
std::vector<Target> stated_targets(const Scenario& sc) {
  std::vector<Target> out;
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const ContactType& t = sc.contact_types[k];
    if (t.has_service_level_target) {
      out.push_back({false, k, "service_level", TargetSense::AtLeast, t.service_level.target,
                     t.service_level.threshold_s});
    }
    if (t.max_abandon_rate) {
      out.push_back({false, k, "abandon_rate", TargetSense::AtMost, *t.max_abandon_rate, 0.0});
    }
    if (t.max_asa_s) out.push_back({false, k, "asa_s", TargetSense::AtMost, *t.max_asa_s, 0.0});
  }
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    if (const auto& cap = sc.agent_groups[g].max_occupancy) {
      out.push_back({true, g, "occupancy", TargetSense::AtMost, *cap, 0.0});
    }
  }
  return out;
}

Kpi contact_kpi_of(std::string_view name) {
  for (const KpiInfo& info : contact_kpis()) {
    if (info.name == name) return info.kpi;
  }
  return Kpi::ServiceLevel;  // unreachable: stated_targets names contract keys only
}

// The estimate of target `t` in a scope: a type's KPIs or a group's.
const KpiEstimate& estimate_of(const Target& t, const std::vector<ContactKpis>& types,
                               const std::vector<GroupKpis>& groups) {
  if (t.of_group) return groups[t.owner][GroupKpi::Occupancy];
  return types[t.owner][contact_kpi_of(t.kpi)];
}

}  // namespace

std::string_view target_scope_name(TargetScope scope) {
  switch (scope) {
    case TargetScope::Total:
      return "total";
    case TargetScope::Day:
      return "day";
    case TargetScope::Interval:
      return "interval";
  }
  return "?";
}

std::vector<TargetCheck> check_targets(const Results& r, const Scenario& sc) {
  std::vector<TargetCheck> out;
  for (const Target& t : stated_targets(sc)) {
    auto add = [&](TargetScope scope, int index, const KpiEstimate& e) {
      if (!e) return;
      TargetCheck c;
      c.of_group = t.of_group;
      c.owner = t.owner;
      c.owner_name = t.of_group ? r.groups[t.owner] : r.types[t.owner];
      c.kpi = t.kpi;
      c.sense = t.sense;
      c.target = t.target;
      c.threshold_s = t.threshold_s;
      c.scope = scope;
      c.index = index;
      c.value = e->mean;
      c.ci95 = e->n == 0 ? 0.0 : e->ci95;
      c.verdict = judge(*e, t.target, t.sense);
      out.push_back(std::move(c));
    };
    add(TargetScope::Total, 0, estimate_of(t, r.totals, r.group_totals));
    for (std::size_t d = 0; d < r.days.size(); ++d) {
      add(TargetScope::Day, int(d), estimate_of(t, r.days[d], r.group_days[d]));
    }
    for (std::size_t i = 0; i < r.intervals.size(); ++i) {
      add(TargetScope::Interval, int(i), estimate_of(t, r.intervals[i], r.group_intervals[i]));
    }
  }
  return out;
}

std::string target_label(const TargetCheck& c) {
  // Shares as whole percentages when they are (0.8 -> "80"), else with one decimal.
  auto percent = [](double share) {
    char buf[32];
    const double p = share * 100.0;
    if (std::abs(p - std::round(p)) < 1e-9) {
      std::snprintf(buf, sizeof buf, "%.0f", p);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f", p);
    }
    return std::string(buf);
  };
  auto seconds = [](double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return std::string(buf);
  };
  if (c.kpi == "service_level") return percent(c.target) + "/" + seconds(c.threshold_s);
  if (c.kpi == "abandon_rate") return "abandon ≤ " + percent(c.target) + "%";
  if (c.kpi == "asa_s") return "ASA ≤ " + seconds(c.target) + " s";
  return "occupancy ≤ " + percent(c.target) + "%";
}

}  // namespace ccsim
