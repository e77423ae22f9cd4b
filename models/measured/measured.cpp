#include "models/measured/measured.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "models/queueing/erlang.h"

namespace ccsim {

std::optional<std::size_t> measured_index(Kpi kpi) {
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
    if (kMeasuredKpis[q] == kpi) return q;
  }
  return std::nullopt;
}

std::optional<double> MeasuredRow::get(Kpi kpi) const {
  const auto q = measured_index(kpi);
  return q ? value[*q] : std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Erlang A per interval

namespace {

// Time-average agents on duty (after shrinkage) in interval i, over the groups `groups`.
double agents_in_interval(const Scenario& sc, int i, const std::vector<int>& groups) {
  const double lo = sc.horizon.interval_start_s(i), hi = lo + sc.horizon.interval_s;
  double integral = 0.0;
  for (int g : groups) {
    integral +=
        agent_seconds(net_staffing_schedule(sc.agent_groups[std::size_t(g)], sc.horizon), lo, hi);
  }
  return integral / sc.horizon.interval_s;
}

struct ErlangPoint {
  std::optional<double> asa, abandon, sl;
};

ErlangPoint erlang_point(int n, double per_hour, double aht, std::optional<double> patience,
                         double threshold) {
  ErlangPoint p;
  erlang::Params params;
  params.agents = n;
  params.arrivals_per_hour = per_hour;
  params.aht_s = aht;
  params.threshold_s = threshold;
  if (patience) {
    params.patience_s = *patience;
    const erlang::AMetrics m = erlang::erlang_a(params);
    p.asa = m.asa_s;
    p.abandon = m.p_abandon;
    p.sl = m.service_level;
  } else {
    const erlang::CMetrics m = erlang::erlang_c_metrics(params);
    p.asa = m.asa_s;
    p.abandon = 0.0;
    p.sl = m.service_level;
  }
  return p;
}

std::optional<double> blend(std::optional<double> a, std::optional<double> b, double f) {
  if (a && b) return (1 - f) * *a + f * *b;
  return f < 1 && a ? a : b;
}

}  // namespace

namespace {

// Erlang A of the types `types` served by the agents of `groups`, interval by interval.
std::vector<ErlangInterval> erlang_a_of(const Scenario& sc, const std::vector<int>& types,
                                        const std::vector<int>& groups) {
  std::vector<ErlangInterval> out;
  const double hours = sc.horizon.interval_s / 3600.0;
  const double threshold = sc.contact_types[std::size_t(types.front())].service_level.threshold_s;
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    ErlangInterval e;
    double volume = 0, work = 0, hazard = 0, plain_work = 0;
    for (int k : types) {
      const ContactType& ct = sc.contact_types[std::size_t(k)];
      const double x = expected_arrivals(ct, sc.horizon, i);
      const double agent_time =
          ct.handle_time.mean_in(i) + (ct.wrap_up ? ct.wrap_up->mean_in(i) : 0.0);
      volume += x;
      work += x * agent_time;
      plain_work += agent_time;
      const bool abandons = ct.patience && ct.channel != Channel::Email;
      if (abandons) hazard += x / ct.patience->mean_in(i);
    }
    e.offered = volume;
    e.arrivals_per_hour = volume / hours;
    e.aht_s = volume > 0 ? work / volume : plain_work / double(types.size());
    if (hazard > 0) e.patience_s = volume / hazard;
    e.agents = agents_in_interval(sc, i, groups);
    const int n0 = int(std::floor(e.agents));
    const double f = e.agents - n0;
    const ErlangPoint a = erlang_point(n0, e.arrivals_per_hour, e.aht_s, e.patience_s, threshold);
    const ErlangPoint b =
        f > 0 ? erlang_point(n0 + 1, e.arrivals_per_hour, e.aht_s, e.patience_s, threshold) : a;
    e.asa_s = blend(a.asa, b.asa, f);
    e.abandon_rate = blend(a.abandon, b.abandon, f);
    e.service_level = blend(a.sl, b.sl, f);
    if (volume == 0) {
      e.abandon_rate.reset();
      e.asa_s.reset();
      e.service_level.reset();
    }
    const double ab = e.abandon_rate.value_or(0.0);
    e.abandoned = volume * ab;
    e.answered = volume - e.abandoned;
    out.push_back(e);
  }
  return out;
}

}  // namespace

std::vector<ErlangInterval> erlang_a_by_interval(const Scenario& sc) {
  std::vector<int> types(sc.contact_types.size()), groups(sc.agent_groups.size());
  for (std::size_t k = 0; k < types.size(); ++k) types[k] = int(k);
  for (std::size_t g = 0; g < groups.size(); ++g) groups[g] = int(g);
  return erlang_a_of(sc, types, groups);
}

std::optional<std::vector<ErlangInterval>> erlang_a_of_type(const Scenario& sc, int k) {
  std::vector<int> groups;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    const std::vector<int>& skills = sc.agent_groups[g].skills;
    if (std::find(skills.begin(), skills.end(), k) == skills.end()) continue;
    if (skills.size() > 1) return std::nullopt;  // blended: its agents are shared
    groups.push_back(int(g));
  }
  return erlang_a_of(sc, {k}, groups);
}

// ---------------------------------------------------------------------------------------------
// Comparison

namespace {

void summarise(ModelComparison& m, std::size_t scopes) {
  m.summary.assign(scopes, {});
  struct Acc {
    double w = 0, w_mape = 0, wape = 0, we = 0, wm = 0, w_within = 0, w_within_base = 0;
    std::size_t rows = 0, within_rows = 0;
  };
  std::vector<std::array<Acc, kMeasuredKpis.size()>> acc(scopes);
  for (const ComparisonRow& r : m.rows) {
    const std::size_t q = *measured_index(r.kpi);
    Acc& a = acc[std::size_t(r.type)][q];
    ++a.rows;
    a.w += r.weight;
    a.we += r.weight * r.error();
    a.wm += r.weight * r.measured;
    if (r.measured != 0) {
      a.w_mape += r.weight;
      a.wape += r.weight * std::abs(r.error()) / std::abs(r.measured);
    }
    if (r.within) {
      a.w_within_base += r.weight;
      if (*r.within) {
        a.w_within += r.weight;
        ++a.within_rows;
      }
    }
  }
  for (std::size_t k = 0; k < scopes; ++k) {
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const Acc& a = acc[k][q];
      KpiSummary& s = m.summary[k][q];
      s.kpi = kMeasuredKpis[q];
      s.rows = a.rows;
      s.within_rows = a.within_rows;
      s.weight = a.w;
      if (a.w_mape > 0) s.mape = a.wape / a.w_mape;
      if (a.w > 0) s.bias = a.we / a.w;
      if (a.wm != 0) s.relative_bias = a.we / a.wm;
      if (a.w_within_base > 0) s.within = a.w_within / a.w_within_base;
    }
  }
}

// Measured offered per (interval, scope): the weights of the comparison.
using OfferedWeights = std::map<std::pair<int, int>, double>;

double weight_of(const OfferedWeights& measured_offered, const MeasuredRow& row,
                 double predicted_offered) {
  const auto it = measured_offered.find({row.interval, row.type});
  return it != measured_offered.end() ? it->second : predicted_offered;
}

// The simulation's figures beside the measured ones, and their prediction intervals over
// `days` measured days.
// The rows of a model whose results have the layout of a run: with confidence and prediction
// intervals when they come from replications, without for exact values (n 0).
ModelComparison results_comparison(const char* model, const char* label, const Results& results,
                                   const MeasuredTable& measured, const OfferedWeights& weights,
                                   double days, const Results* uncertain_inputs = nullptr) {
  ModelComparison m;
  m.model = model;
  m.label = label;
  for (const MeasuredRow& row : measured.rows) {
    const ContactKpis& pred = results.intervals[std::size_t(row.interval)][std::size_t(row.type)];
    const double predicted_offered = pred[Kpi::Offered] ? pred[Kpi::Offered]->mean : 0.0;
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const Kpi kpi = kMeasuredKpis[q];
      if (!row.value[q] || !pred[kpi]) continue;
      ComparisonRow c;
      c.interval = row.interval;
      c.type = row.type;
      c.kpi = kpi;
      c.predicted = pred[kpi]->mean;
      c.measured = *row.value[q];
      c.weight = weight_of(weights, row, predicted_offered);
      if (pred[kpi]->n > 0) {
        c.ci95 = pred[kpi]->ci95;
        double ci_uncertain = pred[kpi]->ci95;
        if (uncertain_inputs) {
          const auto& u =
              uncertain_inputs->intervals[std::size_t(row.interval)][std::size_t(row.type)];
          if (u[kpi]) ci_uncertain = u[kpi]->ci95;
        }
        c.pi95 = prediction_half_width(pred[kpi]->ci95, ci_uncertain, pred[kpi]->n, days);
        c.within = std::abs(c.error()) <= *c.pi95;
      }
      m.rows.push_back(c);
    }
  }
  return m;
}

// Erlang A's prediction of a measured KPI; nullopt when it has none.
std::optional<double> erlang_a_figure(const ErlangInterval& m, Kpi kpi) {
  switch (kpi) {
    case Kpi::Offered:
      return m.offered;
    case Kpi::Answered:
      return m.answered;
    case Kpi::Abandoned:
      return m.abandoned;
    case Kpi::AbandonRate:
      return m.abandon_rate;
    case Kpi::Asa:
      return m.asa_s;
    case Kpi::ServiceLevel:
      return m.service_level;
    case Kpi::Aht:
      return m.aht_s;
    default:
      return std::nullopt;
  }
}

// Erlang A's figures beside the measured ones: of every type its own agents serve alone
// (erlang_a_of_type), and of all types pooled, but for what "all" does not pool
// (pooled_in_all).
ModelComparison erlang_a_comparison(const Scenario& scenario, const MeasuredTable& measured,
                                    const OfferedWeights& weights) {
  ModelComparison e;
  e.model = "erlang_a";
  e.label = "Erlang A";
  const std::size_t n_types = scenario.contact_types.size();
  const std::vector<ErlangInterval> pooled = erlang_a_by_interval(scenario);
  std::vector<std::optional<std::vector<ErlangInterval>>> own(n_types);
  if (n_types > 1) {
    for (std::size_t k = 0; k < n_types; ++k) own[k] = erlang_a_of_type(scenario, int(k));
  }
  const PoolingBasis basis = pooling_basis(scenario);
  for (const MeasuredRow& row : measured.rows) {
    const bool all = row.type >= int(n_types) || n_types == 1;
    if (!all && !own[std::size_t(row.type)]) continue;
    const ErlangInterval& m = all ? pooled[std::size_t(row.interval)]
                                  : (*own[std::size_t(row.type)])[std::size_t(row.interval)];
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const std::optional<double> p = erlang_a_figure(m, kMeasuredKpis[q]);
      if (!row.value[q] || !p) continue;
      if (all && n_types > 1 && !pooled_in_all(kMeasuredKpis[q], basis)) continue;
      ComparisonRow c;
      c.interval = row.interval;
      c.type = row.type;
      c.kpi = kMeasuredKpis[q];
      c.predicted = *p;
      c.measured = *row.value[q];
      c.weight = weight_of(weights, row, m.offered);
      e.rows.push_back(c);
    }
  }
  return e;
}

}  // namespace

std::vector<const ModelComparison*> Comparison::analytic() const {
  std::vector<const ModelComparison*> out;
  if (erlang_a) out.push_back(&*erlang_a);
  if (transient) out.push_back(&*transient);
  return out;
}

double prediction_half_width(double ci95, double ci95_uncertain, std::size_t n, double days) {
  const double nn = double(n);
  const double inputs = std::max(0.0, ci95_uncertain * ci95_uncertain - ci95 * ci95);
  return std::sqrt(ci95 * ci95 * (1.0 + nn / days) + inputs * nn);
}

Comparison compare_with_measured(const Scenario& scenario, const Results& results,
                                 const MeasuredTable& measured, bool with_erlang_a,
                                 const Results* transient, const Results* uncertain_inputs) {
  Comparison out;
  const std::size_t n_types = scenario.contact_types.size();
  OfferedWeights weights;
  for (const MeasuredRow& row : measured.rows) {
    if (auto v = row.get(Kpi::Offered)) weights[{row.interval, row.type}] = *v;
  }
  const double days = std::max(1, measured.days);
  out.simulation = results_comparison("simulation", "simulation", results, measured, weights, days,
                                      uncertain_inputs);
  summarise(out.simulation, n_types + 1);
  if (transient) {
    out.transient =
        results_comparison("transient", "transient", *transient, measured, weights, days);
    summarise(*out.transient, n_types + 1);
  }
  if (with_erlang_a) {
    out.erlang_a = erlang_a_comparison(scenario, measured, weights);
    summarise(*out.erlang_a, n_types + 1);
  }
  return out;
}

}  // namespace ccsim
