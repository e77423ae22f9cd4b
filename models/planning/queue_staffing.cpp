#include "models/planning/queue_staffing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ccsim::staffing {

namespace {

// Matrices below are [type][group] for one interval.
using Matrix = std::vector<std::vector<double>>;

// Iterative proportional fitting: at most this many rounds, stopping when no column sum is off
// its busy time by more than kFitTolerance (relative).
constexpr int kFitRounds = 200;
constexpr double kFitTolerance = 1e-9;

int round_up(double x) {
  return int(std::ceil(x - 1e-9));
}

bool skilled(const AgentGroup& group, std::size_t type) {
  return std::find(group.skills.begin(), group.skills.end(), int(type)) != group.skills.end();
}

double mean_or_zero(const KpiEstimate& e) {
  return e ? std::max(0.0, e->mean) : 0.0;
}

// The types' busy time in each group for the Erlang method: offered load × split weight.
Matrix erlang_busy(const Scenario& sc, int i) {
  const std::vector<std::vector<double>> w = split_weights(sc, i);
  Matrix x(sc.contact_types.size(), std::vector<double>(sc.agent_groups.size(), 0.0));
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double load = analytic_queue(sc, int(k), i).offered_load();
    for (std::size_t g = 0; g < x[k].size(); ++g) x[k][g] = load * w[k][g];
  }
  return x;
}

// Scales row k of x to row_total[k] (rows) or column g to col_total[g] (columns); a row or
// column summing to 0 stays 0.
void scale_rows(Matrix& x, const std::vector<double>& row_total) {
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double s = std::accumulate(x[k].begin(), x[k].end(), 0.0);
    if (s > 0.0) {
      for (double& v : x[k]) v *= row_total[k] / s;
    }
  }
}

// Scales each column to its total; returns the largest relative change of a column sum.
double scale_columns(Matrix& x, const std::vector<double>& col_total) {
  double worst = 0.0;
  for (std::size_t g = 0; g < col_total.size(); ++g) {
    double s = 0.0;
    for (const auto& row : x) s += row[g];
    if (s <= 0.0) continue;
    worst = std::max(worst, std::abs(s - col_total[g]) / col_total[g]);
    for (auto& row : x) row[g] *= col_total[g] / s;
  }
  return worst;
}

// The types' busy time in each group from the KPIs achieved in interval i (simulation and
// transient methods): each type's work (answered × aht_s) spread over its groups by
// iterative proportional fitting to the groups' busy slot time.
Matrix measured_busy(const Scenario& sc, const Results& a, int i) {
  const std::size_t n_types = sc.contact_types.size(), n_groups = sc.agent_groups.size();
  std::vector<double> work(n_types, 0.0), busy(n_groups, 0.0);
  for (std::size_t k = 0; k < n_types; ++k) {
    const ContactKpis& c = a.intervals[std::size_t(i)][k];
    work[k] = mean_or_zero(c[Kpi::Answered]) * mean_or_zero(c[Kpi::Aht]);
  }
  for (std::size_t g = 0; g < n_groups; ++g) {
    const GroupKpis& gk = a.group_intervals[std::size_t(i)][g];
    busy[g] = mean_or_zero(gk[GroupKpi::Utilisation]) * mean_or_zero(gk[GroupKpi::Agents]) *
              double(sc.agent_groups[g].concurrency) * sc.horizon.interval_s;
  }
  const double total_work = std::accumulate(work.begin(), work.end(), 0.0);
  const double total_busy = std::accumulate(busy.begin(), busy.end(), 0.0);
  Matrix x(n_types, std::vector<double>(n_groups, 0.0));
  if (total_work <= 0.0 || total_busy <= 0.0) return x;
  for (std::size_t k = 0; k < n_types; ++k) {
    work[k] *= total_busy / total_work;  // rows and columns to one total, so the fit converges
    for (std::size_t g = 0; g < n_groups; ++g) {
      if (skilled(sc.agent_groups[g], k)) x[k][g] = work[k] * busy[g];
    }
  }
  for (int round = 0; round < kFitRounds; ++round) {
    if (scale_columns(x, busy) <= kFitTolerance && round > 0) break;
    scale_rows(x, work);
  }
  scale_columns(x, busy);
  return x;
}

// The weights by which group g's requirement in interval i is split over the types: column g
// of `busy`, else the offered loads of its types, else equal over its types.
std::vector<double> group_weights(const Scenario& sc, const Matrix& busy, std::size_t g, int i) {
  const AgentGroup& group = sc.agent_groups[g];
  std::vector<double> w(sc.contact_types.size(), 0.0);
  for (std::size_t k = 0; k < w.size(); ++k) w[k] = busy[k][g];
  if (std::accumulate(w.begin(), w.end(), 0.0) > 0.0) return w;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (skilled(group, k)) w[k] = analytic_queue(sc, int(k), i).offered_load();
  }
  if (std::accumulate(w.begin(), w.end(), 0.0) > 0.0) return w;
  for (std::size_t k = 0; k < w.size(); ++k) w[k] = skilled(group, k) ? 1.0 : 0.0;
  return w;
}

// The stand-alone requirement of type k in interval i, on duty and to schedule.
void stand_alone(const Scenario& sc, std::size_t k, int i, const std::vector<double>& weights,
                 QueueStaffing& out) {
  const std::optional<int> servers = analytic_servers(sc, int(k), i);
  if (!servers) return;
  double concurrency = 0.0, shrinkage = 0.0;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    concurrency += weights[g] * double(sc.agent_groups[g].concurrency);
    shrinkage += weights[g] * sc.agent_groups[g].shrinkage_in(i);
  }
  const int net = concurrency > 0.0 ? round_up(double(*servers) / concurrency) : *servers;
  out.stand_alone_net[k][std::size_t(i)] = net;
  out.stand_alone_gross[k][std::size_t(i)] = scheduled_agents(net, shrinkage);
}

}  // namespace

std::vector<int> largest_remainder(int total, const std::vector<double>& weights) {
  std::vector<int> out(weights.size(), 0);
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(sum > 0.0) || total <= 0) return out;
  std::vector<double> remainder(weights.size(), 0.0);
  int given = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    const double quota = double(total) * weights[k] / sum;
    out[k] = int(std::floor(quota));
    remainder[k] = quota - double(out[k]);
    given += out[k];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t j = 0; given < total && j < order.size(); ++j) {
    if (weights[order[j]] <= 0.0) continue;
    ++out[order[j]];
    ++given;
  }
  return out;
}

QueueStaffing queue_staffing(const Scenario& sc, const Result& result) {
  const std::size_t n_types = sc.contact_types.size(), n_groups = sc.agent_groups.size();
  const std::size_t n = std::size_t(sc.horizon.interval_count());
  QueueStaffing q;
  q.group_net.assign(n_types, std::vector<std::vector<int>>(n_groups, std::vector<int>(n, 0)));
  q.group_gross = q.group_net;
  q.net.assign(n_types, std::vector<int>(n, 0));
  q.gross = q.net;
  q.stand_alone_net.assign(n_types, std::vector<std::optional<int>>(n));
  q.stand_alone_gross = q.stand_alone_net;
  for (std::size_t i = 0; i < n; ++i) {
    const Matrix busy = result.method == Method::Erlang
                            ? erlang_busy(sc, int(i))
                            : measured_busy(sc, result.achieved, int(i));
    for (std::size_t g = 0; g < n_groups; ++g) {
      const std::vector<double> w = group_weights(sc, busy, g, int(i));
      const int net = result.net[g][i];
      const std::vector<int> net_share = largest_remainder(net, w);
      const std::vector<int> extra = largest_remainder(result.scheduled[g][i] - net, w);
      for (std::size_t k = 0; k < n_types; ++k) {
        q.group_net[k][g][i] = net_share[k];
        q.group_gross[k][g][i] = net_share[k] + extra[k];
        q.net[k][i] += net_share[k];
        q.gross[k][i] += net_share[k] + extra[k];
      }
    }
    const std::vector<std::vector<double>> split = split_weights(sc, int(i));
    for (std::size_t k = 0; k < n_types; ++k) stand_alone(sc, k, int(i), split[k], q);
  }
  return q;
}

}  // namespace ccsim::staffing
