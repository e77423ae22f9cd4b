#include "models/planning/staffing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <set>

#include "models/queueing/erlang.h"

namespace ccsim::staffing {

const char* method_name(Method method) {
  switch (method) {
    case Method::Erlang:
      return "erlang";
    case Method::Simulation:
      return "simulation";
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
  }
  return "?";
}

namespace {

constexpr double kEps = 1e-9;

bool type_has_target(const ContactType& ct) {
  return ct.has_service_level_target || ct.max_abandon_rate || ct.max_asa_s;
}

// The calculator's question for a type's queue, with the type's targets (no agents).
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

using Staff = std::vector<std::vector<int>>;  // [group][interval]

std::vector<int> flatten(const Staff& s) {
  std::vector<int> out;
  for (const auto& row : s) out.insert(out.end(), row.begin(), row.end());
  return out;
}

// What the calibration of phase 1 compares: a KPI as "goodness", larger is better.
enum class Measure { ServiceLevel, Asa, Abandon };

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

class Staffer {
 public:
  Staffer(const Scenario& sc, const Options& opt)
      : sc_(sc),
        opt_(opt),
        groups_(int(sc.agent_groups.size())),
        intervals_(sc.horizon.intervals),
        types_(int(sc.contact_types.size())) {}

  Outcome run();

 private:
  struct Evaluation {
    Results results;
    std::vector<TargetMiss> misses;
    double agent_hours = 0.0;
  };

  bool init(std::vector<std::string>& errors);
  Staff compose(const std::vector<std::vector<int>>& servers,
                const std::vector<std::vector<int>>& floor) const;
  Staff scheduled(const Staff& net) const;
  // The evaluation of `net`, simulated unless already known; nullptr when the budget is spent.
  const Evaluation* evaluate(const Staff& net, const char* phase);
  bool known(const Staff& net) const { return cache_.count(flatten(net)) > 0; }
  int calibrated_servers(int k, int i, const Results& r, int current) const;
  int measured_floor(int g, int i, const Results& r, int current) const;
  void iterate(Staff& cur, const Evaluation*& ev);
  bool repair(Staff& cur, const Evaluation*& ev);
  void trim(Staff& cur, const Evaluation*& ev);
  std::optional<double> judged(const KpiEstimate& e, bool higher_is_better) const;

  const Scenario& sc_;
  const Options& opt_;
  const int groups_, intervals_, types_;
  std::vector<std::vector<std::vector<double>>> weights_;  // [i][k][g]
  std::vector<std::vector<AnalyticQueue>> queues_;         // [i][k]
  std::vector<std::vector<int>> servers_;                  // [k][i]: current requirement
  std::vector<std::vector<int>> floor_;                    // [g][i]: occupancy floor
  // need_[i][k]: fractional analytic requirement per target measure (absent: no such target).
  std::vector<std::vector<std::map<Measure, double>>> need_;
  std::map<std::vector<int>, std::unique_ptr<Evaluation>> cache_;
  int iterations_ = 0;
  bool budget_exhausted_ = false;
};

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
    for (int& n : out[std::size_t(g)]) {
      n = scheduled_agents(n, sc_.agent_groups[std::size_t(g)].shrinkage);
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
  ev->results = run_experiment(variant, run);
  ev->misses = missed_targets(sc_, ev->results, opt_.judge);
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

std::optional<double> Staffer::judged(const KpiEstimate& e, bool higher_is_better) const {
  if (!e) return std::nullopt;
  if (opt_.judge == Judge::Mean) return e->mean;
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

int Staffer::measured_floor(int g, int i, const Results& r, int current) const {
  const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
  if (!group.max_occupancy) return current;
  const GroupKpis& kpis = r.group_intervals[std::size_t(i)][std::size_t(g)];
  const KpiEstimate& occ = kpis[GroupKpi::Occupancy];
  const KpiEstimate& agents = kpis[GroupKpi::Agents];
  if (!occ || !agents) return current;
  const double busy = occ->mean * agents->mean;
  return ceil_int(busy / *group.max_occupancy);
}

void Staffer::iterate(Staff& cur, const Evaluation*& ev) {
  for (int round = 1; round < kIterateLimit; ++round) {
    for (int k = 0; k < types_; ++k) {
      for (int i = 0; i < intervals_; ++i) {
        int& n = servers_[std::size_t(k)][std::size_t(i)];
        n = calibrated_servers(k, i, ev->results, n);
      }
    }
    for (int g = 0; g < groups_; ++g) {
      for (int i = 0; i < intervals_; ++i) {
        int& f = floor_[std::size_t(g)][std::size_t(i)];
        f = measured_floor(g, i, ev->results, f);
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
        n = std::max(n + 1, measured_floor(m.index, m.interval, ev->results, n));
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

void Staffer::trim(Staff& cur, const Evaluation*& ev) {
  // Components: groups linked by shared contact types (independent sub-centres).
  std::vector<int> component(static_cast<std::size_t>(groups_));
  std::iota(component.begin(), component.end(), 0);
  auto find = [&](int g) {
    while (component[std::size_t(g)] != g) g = component[std::size_t(g)];
    return g;
  };
  std::vector<int> type_component(std::size_t(types_), -1);
  for (int g = 0; g < groups_; ++g) {
    for (int k : sc_.agent_groups[std::size_t(g)].skills) {
      int& c = type_component[std::size_t(k)];
      if (c < 0) {
        c = g;
      } else {
        component[std::size_t(find(g))] = find(c);
      }
    }
  }
  for (int g = 0; g < groups_; ++g) component[std::size_t(g)] = find(g);
  for (int& c : type_component) {
    if (c >= 0) c = component[std::size_t(c)];
  }

  std::vector<std::vector<bool>> necessary(std::size_t(groups_),
                                           std::vector<bool>(std::size_t(intervals_), false));
  struct Removal {
    int group, interval;
  };
  for (;;) {
    std::vector<Removal> proposal;
    for (int c = 0; c < groups_; ++c) {
      for (int i = 0; i < intervals_; ++i) {
        int best = -1;
        double best_occ = 0.0;
        for (int g = 0; g < groups_; ++g) {
          const int n = cur[std::size_t(g)][std::size_t(i)];
          if (component[std::size_t(g)] != c || n == 0 ||
              necessary[std::size_t(g)][std::size_t(i)]) {
            continue;
          }
          // An occupancy cap the removal would break on the measured busy time is not tried.
          if (measured_floor(g, i, ev->results, 0) > n - 1) {
            necessary[std::size_t(g)][std::size_t(i)] = true;
            continue;
          }
          const KpiEstimate& occ =
              ev->results.group_intervals[std::size_t(i)][std::size_t(g)][GroupKpi::Occupancy];
          const double o = occ ? occ->mean : -1.0;
          if (best < 0 || o < best_occ) {
            best = g;
            best_occ = o;
          }
        }
        if (best >= 0) proposal.push_back({best, i});
      }
    }
    if (proposal.empty()) return;
    std::vector<Removal> additions;
    for (;;) {
      Staff next = cur;
      for (const Removal& r : proposal) --next[std::size_t(r.group)][std::size_t(r.interval)];
      for (const Removal& a : additions) ++next[std::size_t(a.group)][std::size_t(a.interval)];
      const Evaluation* e = evaluate(next, "trim");
      if (!e) return;
      if (e->misses.empty()) {
        cur = next;
        ev = e;
        break;
      }
      // Each miss names one removal of its component: in its interval, else the interval before
      // (backlog), else the one after (its late arrivals wait into it); that removal is put back.
      // A miss none of them explains is a knock-on effect from further away: it is mended in its
      // own interval, by one more agent in the busiest group of its component that serves it.
      std::vector<bool> culprit(proposal.size(), false);
      bool mended = false;
      for (const TargetMiss& m : e->misses) {
        const bool occupancy = m.kind == TargetMiss::Kind::Occupancy;
        const int c =
            occupancy ? component[std::size_t(m.index)] : type_component[std::size_t(m.index)];
        int pick = -1;
        for (int offset : {0, -1, 1}) {
          for (std::size_t p = 0; p < proposal.size() && pick < 0; ++p) {
            const Removal& r = proposal[p];
            if (component[std::size_t(r.group)] == c && r.interval == m.interval + offset) {
              pick = int(p);
            }
          }
        }
        if (pick >= 0) {
          culprit[std::size_t(pick)] = true;
          continue;
        }
        int mend = occupancy ? m.index : -1;
        double busiest = -1.0;
        for (int g = 0; g < groups_ && !occupancy; ++g) {
          if (weights_[std::size_t(m.interval)][std::size_t(m.index)][std::size_t(g)] <= 0.0) {
            continue;
          }
          const KpiEstimate& occ =
              e->results
                  .group_intervals[std::size_t(m.interval)][std::size_t(g)][GroupKpi::Occupancy];
          const double o = occ ? occ->mean : 0.0;
          if (mend < 0 || o > busiest) {
            mend = g;
            busiest = o;
          }
        }
        if (mend >= 0 && std::none_of(additions.begin(), additions.end(), [&](const Removal& a) {
              return a.group == mend && a.interval == m.interval;
            })) {
          additions.push_back({mend, m.interval});
          necessary[std::size_t(mend)][std::size_t(m.interval)] = true;
          mended = true;
        }
      }
      std::vector<Removal> kept;
      for (std::size_t p = 0; p < proposal.size(); ++p) {
        if (culprit[p]) {
          necessary[std::size_t(proposal[p].group)][std::size_t(proposal[p].interval)] = true;
        } else {
          kept.push_back(proposal[p]);
        }
      }
      if (kept.size() == proposal.size() && !mended) {  // no progress: give the round up
        for (const Removal& r : proposal) {
          necessary[std::size_t(r.group)][std::size_t(r.interval)] = true;
        }
        kept.clear();
      }
      proposal = std::move(kept);
      if (proposal.empty()) break;  // back to the round's start: nothing gained
    }
  }
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
  result.iterations = iterations_;
  result.budget_exhausted = budget_exhausted_;
  out.result = std::move(result);
  return out;
}

}  // namespace

bool has_target(const Scenario& scenario) {
  for (const ContactType& ct : scenario.contact_types) {
    if (type_has_target(ct)) return true;
  }
  for (const AgentGroup& g : scenario.agent_groups) {
    if (g.max_occupancy) return true;
  }
  return false;
}

AnalyticQueue analytic_queue(const Scenario& scenario, int type, int interval) {
  const ContactType& ct = scenario.contact_types[std::size_t(type)];
  const double arrivals = expected_arrivals(ct, scenario.horizon, interval) * share_to_agents(ct);
  AnalyticQueue q;
  q.arrivals_per_hour = arrivals * 3600.0 / scenario.horizon.interval_s;
  q.aht_s = mean_agent_time_s(ct);
  if (const Distribution* patience = queue_patience(ct)) q.patience_s = patience->mean_s;
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

int scheduled_agents(int net, double shrinkage) {
  if (net <= 0) return 0;
  return ceil_int(double(net) / (1.0 - shrinkage));
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
      if (!group.max_occupancy) continue;
      const auto v = high(results.group_intervals[i][g][GroupKpi::Occupancy]);
      if (v && *v > *group.max_occupancy + kEps) {
        misses.push_back({TargetMiss::Kind::Occupancy, int(i), int(g), *v, *group.max_occupancy});
      }
    }
  }
  return misses;
}

double agent_hours(const std::vector<std::vector<int>>& scheduled, const Horizon& horizon) {
  double total = 0.0;
  for (const auto& row : scheduled) {
    for (int n : row) total += double(n);
  }
  return total * horizon.interval_s / 3600.0;
}

Outcome staff(const Scenario& scenario, const Options& options) {
  Staffer staffer(scenario, options);
  return staffer.run();
}

}  // namespace ccsim::staffing
