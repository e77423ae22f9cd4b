// Targets judged day by day (staffing.h "Meeting probability"): the value a share of the
// replications reaches, and the spread of the daily service level.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/planning/staffer.h"
#include "models/planning/staffing.h"

namespace ccsim::staffing {

namespace {

// The q-quantile (0 <= q <= 1) of sorted values by linear interpolation between order
// statistics; nullopt when there are none.
std::optional<double> interpolated(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nullopt;
  const double at = q * double(sorted.size() - 1);
  const std::size_t lo = std::size_t(std::floor(at));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (at - double(lo)) * (sorted[hi] - sorted[lo]);
}

// The value of KPI q of contact type k (or of the day, k = types) in interval i, per day.
std::vector<std::optional<double>> contact_days(const std::vector<ReplicationKpis>& days,
                                                std::size_t types, std::size_t i, std::size_t k,
                                                Kpi q) {
  std::vector<std::optional<double>> out;
  for (const ReplicationKpis& day : days)
    out.push_back(day.contact[contact_kpi_index(types, i, k, q)]);
  return out;
}

KpiEstimate as_estimate(std::optional<double> value, const KpiEstimate& summary) {
  if (!value) return std::nullopt;
  return sim::Estimate{*value, 0.0, summary ? summary->n : 0};
}

}  // namespace

long long days_needed(std::size_t n, double p, Judge judge) {
  if (judge == Judge::Mean) return static_cast<long long>(std::ceil(p * double(n) - kEps));
  constexpr double z = 1.959963984540054;  // two-sided 95%
  const double nn = double(n), z2 = z * z;
  for (std::size_t m = 0; m <= n; ++m) {
    const double share = double(m) / nn;
    const double lower =
        (share + z2 / (2 * nn) - z * std::sqrt(share * (1 - share) / nn + z2 / (4 * nn * nn))) /
        (1 + z2 / nn);
    if (lower >= p - kEps) return static_cast<long long>(m);
  }
  return static_cast<long long>(n) + 1;
}

std::optional<double> value_met_on_days(const std::vector<std::optional<double>>& days,
                                        long long need, bool higher_is_better) {
  if (need > static_cast<long long>(days.size())) {
    return higher_is_better ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
  }
  std::vector<double> defined;
  for (const auto& d : days) {
    if (d) defined.push_back(*d);
  }
  // Days that must meet the target, less those that meet it by being undefined.
  const long long from_defined = need - static_cast<long long>(days.size() - defined.size());
  if (from_defined <= 0) return std::nullopt;
  std::sort(defined.begin(), defined.end());
  const std::size_t d = defined.size();
  return higher_is_better ? defined[d - std::size_t(from_defined)]
                          : defined[std::size_t(from_defined) - 1];
}

Results judged_on_days(const Scenario& scenario, const Results& summary,
                       const std::vector<ReplicationKpis>& days, double p, Judge judge) {
  Results judged = summary;
  const long long need = days_needed(days.size(), p, judge);
  const std::size_t types = scenario.contact_types.size(), groups = scenario.agent_groups.size();
  for (std::size_t i = 0; i < judged.intervals.size(); ++i) {
    for (std::size_t k = 0; k < types; ++k) {
      std::vector<KpiEstimate>& kpi = judged.intervals[i][k].kpi;
      for (const auto& [q, higher] :
           {std::pair{Kpi::ServiceLevel, true}, {Kpi::Asa, false}, {Kpi::AbandonRate, false}}) {
        KpiEstimate& e = kpi[std::size_t(q)];
        e = as_estimate(value_met_on_days(contact_days(days, types, i, k, q), need, higher), e);
      }
    }
    for (std::size_t g = 0; g < groups; ++g) {
      std::vector<std::optional<double>> occupancy;
      for (const ReplicationKpis& day : days) {
        occupancy.push_back(day.group[group_kpi_index(groups, i, g, GroupKpi::Occupancy)]);
      }
      KpiEstimate& e = judged.group_intervals[i][g].kpi[std::size_t(GroupKpi::Occupancy)];
      e = as_estimate(value_met_on_days(occupancy, need, false), e);
    }
  }
  return judged;
}

std::vector<std::vector<DailySpread>> daily_service_level(
    const Scenario& scenario, const std::vector<ReplicationKpis>& days) {
  const std::size_t types = scenario.contact_types.size();
  const std::size_t intervals = std::size_t(scenario.horizon.interval_count());
  std::vector<std::vector<DailySpread>> spread(intervals, std::vector<DailySpread>(types));
  for (std::size_t i = 0; i < intervals; ++i) {
    for (std::size_t k = 0; k < types; ++k) {
      const ContactType& ct = scenario.contact_types[k];
      std::vector<double> sorted;
      std::size_t meeting = 0;
      for (const auto& v : contact_days(days, types, i, k, Kpi::ServiceLevel)) {
        if (v) sorted.push_back(*v);
        if (!v || *v >= ct.service_level.target - kEps) ++meeting;
      }
      std::sort(sorted.begin(), sorted.end());
      DailySpread& s = spread[i][k];
      s.p10 = interpolated(sorted, 0.1);
      s.p50 = interpolated(sorted, 0.5);
      s.p90 = interpolated(sorted, 0.9);
      if (ct.has_service_level_target && !days.empty()) {
        s.share_meeting = double(meeting) / double(days.size());
      }
    }
  }
  return spread;
}

}  // namespace ccsim::staffing
