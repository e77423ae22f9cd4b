#include "models/planning/staffer.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "models/planning/transient_model.h"

namespace ccsim::staffing {

namespace {

std::vector<int> flatten(const Staff& s) {
  std::vector<int> out;
  for (const auto& row : s) out.insert(out.end(), row.begin(), row.end());
  return out;
}

double goodness(Measure m, const erlang::Report& r) {
  switch (m) {
    case Measure::ServiceLevel:
      return r.service_level.value_or(0.0);
    case Measure::Asa:
      return r.asa_s ? -*r.asa_s : -std::numeric_limits<double>::infinity();
    case Measure::Abandon:
      return -r.abandon_rate.value_or(1.0);
  }
  return 0.0;
}

// The model of one (type, interval) queue evaluated at integer servers, memoised.
class QueueModel {
 public:
  explicit QueueModel(erlang::Query q) : q_(std::move(q)) {}
  double goodness_at(Measure m, int n) {
    auto it = reports_.find(n);
    if (it == reports_.end()) {
      erlang::Query at = q_;
      at.agents = n;
      it = reports_.emplace(n, erlang::evaluate(at)).first;
    }
    return goodness(m, it->second);
  }
  // Fractional servers at which the model's goodness reaches `gamma`: the smallest integer m
  // with goodness(m) >= gamma, less the interpolated share of the last step. Scans from
  // `start` at most `limit` servers either way and returns the end of the scan if it gets there.
  double equivalent(Measure m, double gamma, int start, int limit) {
    int hi = start;  // smallest known m meeting gamma (or the scan's end)
    if (goodness_at(m, start) >= gamma) {
      while (hi > 0 && start - hi < limit && goodness_at(m, hi - 1) >= gamma) --hi;
      if (hi == 0 || start - hi >= limit) return double(hi);
    } else {
      while (hi - start < limit && goodness_at(m, hi) < gamma) ++hi;
      if (goodness_at(m, hi) < gamma) return double(hi);
    }
    return interpolate(m, gamma, hi);
  }
  // As equivalent(), with m found by the exact search of erlang::min_agents for a single target.
  double requirement(Measure m, double target) {
    erlang::Query single = q_;
    single.target_sl.reset();
    single.target_asa_s.reset();
    single.max_abandon.reset();
    switch (m) {
      case Measure::ServiceLevel:
        single.target_sl = target;
        break;
      case Measure::Asa:
        single.target_asa_s = target;
        break;
      case Measure::Abandon:
        single.max_abandon = target;
        break;
    }
    const std::optional<int> n = erlang::min_agents(single);
    if (!n) return double(erlang::kMaxAgents);
    const double gamma = m == Measure::ServiceLevel ? target : -target;
    return interpolate(m, gamma, *n);
  }

 private:
  // REQUIRES: goodness(m, hi) >= gamma and (hi == 0 or goodness(m, hi − 1) < gamma).
  double interpolate(Measure m, double gamma, int hi) {
    if (hi == 0) return 0.0;
    const double below = goodness_at(m, hi - 1), at = goodness_at(m, hi);
    if (!std::isfinite(below) || at <= below) return double(hi);
    return double(hi - 1) + std::clamp((gamma - below) / (at - below), 0.0, 1.0);
  }
  erlang::Query q_;
  std::map<int, erlang::Report> reports_;
};

}  // namespace

int measured_floor(const Scenario& sc, int g, int i, const Results& r, int current) {
  const AgentGroup& group = sc.agent_groups[std::size_t(g)];
  if (!group.max_occupancy) return current;
  const GroupKpis& kpis = r.group_intervals[std::size_t(i)][std::size_t(g)];
  const KpiEstimate& occ = kpis[GroupKpi::Occupancy];
  const KpiEstimate& agents = kpis[GroupKpi::Agents];
  if (!occ || !agents) return current;
  const double busy = occ->mean * agents->mean;
  return ceil_int(busy / *group.max_occupancy);
}

bool Staffer::init(std::vector<std::string>& errors) {
  weights_.resize(std::size_t(intervals_));
  queues_.assign(std::size_t(intervals_), std::vector<AnalyticQueue>(std::size_t(types_)));
  servers_.assign(std::size_t(types_), std::vector<int>(std::size_t(intervals_), 0));
  floor_.assign(std::size_t(groups_), std::vector<int>(std::size_t(intervals_), 0));
  need_.assign(std::size_t(intervals_),
               std::vector<std::map<Measure, double>>(std::size_t(types_)));
  std::vector<bool> reported(std::size_t(types_), false);
  for (int i = 0; i < intervals_; ++i) {
    weights_[std::size_t(i)] = split_weights(sc_, i);
    for (int k = 0; k < types_; ++k) {
      const ContactType& ct = sc_.contact_types[std::size_t(k)];
      const AnalyticQueue q = analytic_queue(sc_, k, i);
      queues_[std::size_t(i)][std::size_t(k)] = q;
      if (q.arrivals_per_hour <= 0.0) continue;
      const auto& w = weights_[std::size_t(i)][std::size_t(k)];
      const bool skilled = std::any_of(w.begin(), w.end(), [](double x) { return x > 0.0; });
      const std::string path = "contact_types[" + std::to_string(k) + "]";
      if (!skilled) {
        if (type_has_target(ct) && !reported[std::size_t(k)]) {
          errors.push_back(path + ": has staffing targets but no agent group is skilled for it");
          reported[std::size_t(k)] = true;
        }
        continue;
      }
      const erlang::Query eq = analytic_query(ct, q);
      const std::vector<std::string> bad = erlang::validate(eq);
      if (query_has_target(eq) && !bad.empty()) {
        if (!reported[std::size_t(k)]) {
          for (const std::string& b : bad) errors.push_back(path + ": " + b);
          reported[std::size_t(k)] = true;
        }
        continue;
      }
      const std::optional<int> n = analytic_servers(sc_, k, i);
      if (!n) {
        if (!reported[std::size_t(k)]) {
          errors.push_back(path + ": in interval " + std::to_string(i) +
                           " no number of agents up to " + std::to_string(erlang::kMaxAgents) +
                           " meets its targets (Erlang " +
                           (q.patience_s ? std::string("A") : std::string("C")) + ")");
          reported[std::size_t(k)] = true;
        }
        continue;
      }
      servers_[std::size_t(k)][std::size_t(i)] = *n;
      if (!query_has_target(eq)) continue;
      QueueModel model(eq);
      auto& need = need_[std::size_t(i)][std::size_t(k)];
      if (eq.target_sl)
        need[Measure::ServiceLevel] = model.requirement(Measure::ServiceLevel, *eq.target_sl);
      if (eq.target_asa_s) need[Measure::Asa] = model.requirement(Measure::Asa, *eq.target_asa_s);
      if (eq.max_abandon)
        need[Measure::Abandon] = model.requirement(Measure::Abandon, *eq.max_abandon);
    }
    for (int g = 0; g < groups_; ++g) {
      const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
      if (!group.max_occupancy) continue;
      double load = 0.0;
      for (int k = 0; k < types_; ++k) {
        load += weights_[std::size_t(i)][std::size_t(k)][std::size_t(g)] *
                queues_[std::size_t(i)][std::size_t(k)].offered_load();
      }
      floor_[std::size_t(g)][std::size_t(i)] =
          ceil_int(load / (double(std::max(1, group.concurrency)) * *group.max_occupancy));
    }
  }
  return errors.empty();
}

Staff Staffer::compose(const std::vector<std::vector<int>>& servers,
                       const std::vector<std::vector<int>>& floor) const {
  Staff net(std::size_t(groups_), std::vector<int>(std::size_t(intervals_), 0));
  for (int i = 0; i < intervals_; ++i) {
    for (int g = 0; g < groups_; ++g) {
      double s = 0.0;
      for (int k = 0; k < types_; ++k) {
        s += weights_[std::size_t(i)][std::size_t(k)][std::size_t(g)] *
             double(servers[std::size_t(k)][std::size_t(i)]);
      }
      const int concurrency = std::max(1, sc_.agent_groups[std::size_t(g)].concurrency);
      net[std::size_t(g)][std::size_t(i)] =
          std::max(ceil_int(s / double(concurrency)), floor[std::size_t(g)][std::size_t(i)]);
    }
  }
  return net;
}

Staff Staffer::scheduled(const Staff& net) const {
  Staff out = net;
  for (int g = 0; g < groups_; ++g) {
    const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
    std::vector<int>& per_interval = out[std::size_t(g)];
    for (std::size_t i = 0; i < per_interval.size(); ++i) {
      per_interval[i] = scheduled_agents(per_interval[i], group.shrinkage_in(int(i)));
    }
  }
  return out;
}

const Staffer::Evaluation* Staffer::evaluate(const Staff& net, const char* phase) {
  const std::vector<int> key = flatten(net);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
  if (iterations_ >= opt_.max_iterations) {
    budget_exhausted_ = true;
    return nullptr;
  }
  const Staff plan = scheduled(net);
  const Scenario variant = with_staffing(sc_, plan);
  RunOptions run;
  run.replications = opt_.replications;
  run.seed = opt_.seed;
  run.threads = opt_.threads;
  auto ev = std::make_unique<Evaluation>();
  if (opt_.meet_probability) {
    const std::vector<ReplicationKpis> days = simulate_replications(variant, run);
    ev->results = summarise(variant, days, run.seed);
    ev->judged = judged_on_days(sc_, ev->results, days, *opt_.meet_probability, opt_.judge);
    ev->daily_service_level = daily_service_level(sc_, days);
  } else {
    ev->results = run_experiment(variant, run);
    ev->judged = ev->results;
  }
  ev->misses = missed_targets(sc_, ev->judged, judge());
  ev->agent_hours = agent_hours(plan, sc_.horizon);
  ++iterations_;
  if (opt_.progress) {
    Progress p;
    p.iteration = iterations_;
    p.max_iterations = opt_.max_iterations;
    p.phase = phase;
    p.agent_hours = ev->agent_hours;
    p.misses = ev->misses.size();
    opt_.progress(p);
  }
  return cache_.emplace(key, std::move(ev)).first->second.get();
}

bool Staffer::known(const Staff& net) const {
  return cache_.count(flatten(net)) > 0;
}

std::optional<double> Staffer::judged(const KpiEstimate& e, bool higher_is_better) const {
  if (!e) return std::nullopt;
  if (judge() == Judge::Mean) return e->mean;
  return higher_is_better ? e->mean - e->ci95 : e->mean + e->ci95;
}

int Staffer::calibrated_servers(int k, int i, const Results& r, int current) const {
  const AnalyticQueue& q = queues_[std::size_t(i)][std::size_t(k)];
  const auto& need = need_[std::size_t(i)][std::size_t(k)];
  if (q.arrivals_per_hour <= 0.0 || need.empty()) return current;
  const ContactKpis& kpis = r.intervals[std::size_t(i)][std::size_t(k)];
  QueueModel model(analytic_query(sc_.contact_types[std::size_t(k)], q));
  const int limit = std::max(2, int(std::ceil(0.25 * current)));
  double best = -std::numeric_limits<double>::infinity();
  for (const auto& [measure, required] : need) {
    std::optional<double> value;
    double gamma = 0.0;
    switch (measure) {
      case Measure::ServiceLevel:
        value = judged(kpis[Kpi::ServiceLevel], true);
        if (value) gamma = *value;
        break;
      case Measure::Asa:
        value = judged(kpis[Kpi::Asa], false);
        if (value) gamma = -*value;
        break;
      case Measure::Abandon:
        value = judged(kpis[Kpi::AbandonRate], false);
        if (value) gamma = -*value;
        break;
    }
    if (!value) continue;
    const double have = model.equivalent(measure, gamma, current, limit + 1);
    best = std::max(best, double(current) + required - have);
  }
  if (!std::isfinite(best)) return current;
  // Increases in full, decreases by half: every type of a multi-skill pool looks better than
  // alone, and cutting them all at once by that much overshoots.
  if (best < current) best = current - 0.5 * (current - best);
  return std::clamp(ceil_int(best), std::max(0, current - limit), current + limit);
}

void Staffer::iterate(Staff& cur, const Evaluation*& ev) {
  for (int round = 1; round < kIterateLimit; ++round) {
    for (int k = 0; k < types_; ++k) {
      for (int i = 0; i < intervals_; ++i) {
        int& n = servers_[std::size_t(k)][std::size_t(i)];
        n = calibrated_servers(k, i, ev->judged, n);
      }
    }
    for (int g = 0; g < groups_; ++g) {
      for (int i = 0; i < intervals_; ++i) {
        int& f = floor_[std::size_t(g)][std::size_t(i)];
        f = measured_floor(sc_, g, i, ev->judged, f);
      }
    }
    const Staff next = compose(servers_, floor_);
    if (known(next)) return;  // a fixed point, or a cycle
    int largest_change = 0;
    for (int g = 0; g < groups_; ++g) {
      for (int i = 0; i < intervals_; ++i) {
        largest_change = std::max(largest_change, std::abs(next[std::size_t(g)][std::size_t(i)] -
                                                           cur[std::size_t(g)][std::size_t(i)]));
      }
    }
    const Evaluation* e = evaluate(next, "iterate");
    if (!e) return;
    cur = next;
    ev = e;
    if (largest_change <= 1) return;  // settled to within rounding: repair and trim finish
  }
}

bool Staffer::repair(Staff& cur, const Evaluation*& ev) {
  while (!ev->misses.empty()) {
    Staff next = cur;
    std::set<std::pair<int, int>> raised;
    for (const TargetMiss& m : ev->misses) {
      if (m.kind == TargetMiss::Kind::Occupancy) {
        int& n = next[std::size_t(m.index)][std::size_t(m.interval)];
        n = std::max(n + 1, measured_floor(sc_, m.index, m.interval, ev->judged, n));
        raised.insert({m.index, m.interval});
        continue;
      }
      for (int g = 0; g < groups_; ++g) {
        if (weights_[std::size_t(m.interval)][std::size_t(m.index)][std::size_t(g)] <= 0.0)
          continue;
        if (raised.insert({g, m.interval}).second) ++next[std::size_t(g)][std::size_t(m.interval)];
      }
    }
    if (next == cur) return false;  // nothing can be raised
    const Evaluation* e = evaluate(next, "repair");
    if (!e) return false;
    cur = next;
    ev = e;
  }
  return true;
}

Outcome Staffer::run() {
  Outcome out;
  if (!has_target(sc_)) {
    out.errors.push_back(
        "contact_types: no staffing target: give a contact type service_level, "
        "max_abandon_rate or max_asa_s, or an agent group max_occupancy");
    return out;
  }
  if (!init(out.errors)) return out;

  Staff cur = compose(servers_, floor_);
  if (opt_.method == Method::Transient) {
    for (const std::string& e : transient_refusals(sc_)) out.errors.push_back(e);
    if (!out.errors.empty()) return out;
    std::optional<Staff> t = transient_staffing(sc_, cur, out.errors);
    if (!t) return out;
    cur = *t;
  } else if (opt_.method == Method::Simulation && opt_.start_from_transient &&
             transient_refusals(sc_).empty()) {
    std::vector<std::string> unmet;  // targets the model cannot meet: start from Erlang's
    if (std::optional<Staff> t = transient_staffing(sc_, cur, unmet)) cur = *t;
  }
  const Evaluation* ev = evaluate(cur, "evaluate");
  if (!ev) return out;  // unreachable: max_iterations >= 1
  if (opt_.method == Method::Simulation) {
    iterate(cur, ev);
    // Continue from the cheapest staffing simulated that meets every target, if any.
    double best_hours = std::numeric_limits<double>::infinity();
    for (const auto& [key, e] : cache_) {
      if (e->misses.empty() && e->agent_hours < best_hours) {
        best_hours = e->agent_hours;
        ev = e.get();
        for (int g = 0, at = 0; g < groups_; ++g) {
          for (int i = 0; i < intervals_; ++i)
            cur[std::size_t(g)][std::size_t(i)] = key[std::size_t(at++)];
        }
      }
    }
    if (repair(cur, ev)) trim(cur, ev);
  }

  Result result;
  result.method = opt_.method;
  result.net = cur;
  result.scheduled = scheduled(cur);
  result.achieved = ev->results;
  result.misses = ev->misses;
  result.daily_service_level = ev->daily_service_level;
  result.iterations = iterations_;
  result.budget_exhausted = budget_exhausted_;
  out.result = std::move(result);
  return out;
}

namespace {

// `x` in the fewest significant digits that read back as x ("0.9").
std::string shortest_text(double x) {
  for (int digits = 1; digits < 17; ++digits) {
    std::ostringstream text;
    text << std::setprecision(digits) << x;
    if (std::stod(text.str()) == x) return text.str();
  }
  std::ostringstream text;
  text << std::setprecision(17) << x;
  return text.str();
}

}  // namespace

Outcome staff(const Scenario& scenario, const Options& options) {
  if (options.meet_probability && options.judge == Judge::Ci95) {
    const std::size_t n = std::size_t(options.replications);
    const double p = *options.meet_probability;
    if (days_needed(n, p, Judge::Ci95) > static_cast<long long>(n)) {
      // All n days meeting a target show p with 95% confidence iff n / (n + z²) >= p.
      const double z2 = 1.959963984540054 * 1.959963984540054;
      Outcome out;
      out.errors.push_back(
          "replications: " + std::to_string(n) + " are too few to show a meeting probability of " +
          shortest_text(p) + " with 95% confidence; at least " +
          std::to_string(static_cast<long long>(std::ceil(p * z2 / (1 - p)))) + " are needed");
      return out;
    }
  }
  Staffer staffer(scenario, options);
  return staffer.run();
}

}  // namespace ccsim::staffing
