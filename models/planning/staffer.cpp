#include "models/planning/staffer.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "models/planning/cost_staffing.h"
#include "models/planning/transient_model.h"

namespace ccsim::staffing {

namespace {

std::vector<int> flatten_key(const Staff& s) {
  std::vector<int> out;
  for (const auto& row : s) out.insert(out.end(), row.begin(), row.end());
  return out;
}

// The tighter of a group's caps, as one cap on busy agent time ÷ (agents × concurrency): the
// analytic floor of both (busy slots ≥ busy agents, and at most concurrency × busy agents).
std::optional<double> slot_cap(const AgentGroup& group) {
  if (!group.max_occupancy && !group.max_utilisation) return std::nullopt;
  return std::min(group.max_occupancy.value_or(1.0), group.max_utilisation.value_or(1.0));
}

}  // namespace

int measured_floor(const Scenario& sc, int g, int i, const Results& r, int current) {
  const AgentGroup& group = sc.agent_groups[std::size_t(g)];
  if (!group.max_occupancy && !group.max_utilisation) return current;
  const GroupKpis& kpis = r.group_intervals[std::size_t(i)][std::size_t(g)];
  const KpiEstimate& agents = kpis[GroupKpi::Agents];
  if (!agents) return current;
  int floor = -1;
  if (const KpiEstimate& occ = kpis[GroupKpi::Occupancy]; group.max_occupancy && occ) {
    floor = std::max(floor, ceil_int(occ->mean * agents->mean / *group.max_occupancy));
  }
  if (const KpiEstimate& util = kpis[GroupKpi::Utilisation]; group.max_utilisation && util) {
    floor = std::max(floor, ceil_int(util->mean * agents->mean / *group.max_utilisation));
  }
  return floor < 0 ? current : floor;
}

bool Staffer::init(std::vector<std::string>& errors) {
  weights_.resize(std::size_t(intervals_));
  queues_.assign(std::size_t(intervals_), std::vector<AnalyticQueue>(std::size_t(types_)));
  servers_.assign(std::size_t(types_), std::vector<int>(std::size_t(intervals_), 0));
  floor_.assign(std::size_t(groups_), std::vector<int>(std::size_t(intervals_), 0));
  searched_.assign(std::size_t(groups_), false);
  if (opt_.objective == Objective::Cost) {
    cost_curves_.assign(std::size_t(types_), std::vector<CostCurve>(std::size_t(intervals_)));
  }
  for (int g = 0; g < groups_; ++g) {
    const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
    bool any = slot_cap(group).has_value();
    for (int k : group.skills) any = any || type_has_target(sc_.contact_types[std::size_t(k)]);
    searched_[std::size_t(g)] = any;
  }
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
      if (opt_.objective == Objective::Cost) {
        CostCurve curve =
            cost_optimum(sc_, k, i, q, type_has_target(ct) ? *n : 0, server_hour_cost(sc_, i, w));
        servers_[std::size_t(k)][std::size_t(i)] = curve.optimum;
        cost_curves_[std::size_t(k)][std::size_t(i)] = std::move(curve);
      }
    }
    for (int g = 0; g < groups_; ++g) {
      const AgentGroup& group = sc_.agent_groups[std::size_t(g)];
      const std::optional<double> cap = slot_cap(group);
      if (!cap) continue;
      double load = 0.0;
      for (int k = 0; k < types_; ++k) {
        load += weights_[std::size_t(i)][std::size_t(k)][std::size_t(g)] *
                queues_[std::size_t(i)][std::size_t(k)].offered_load();
      }
      floor_[std::size_t(g)][std::size_t(i)] =
          ceil_int(load / (double(std::max(1, group.concurrency)) * *cap));
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

void Staffer::check_bounds(std::vector<std::string>& errors) const {
  const auto check = [&](const Staff& bound, const char* name) {
    bool shaped = bound.empty() || bound.size() == std::size_t(groups_);
    for (const std::vector<int>& row : bound) {
      shaped = shaped && row.size() == std::size_t(intervals_);
      for (int n : row) shaped = shaped && n >= 0;
    }
    if (!shaped) {
      errors.push_back(std::string("options.") + name + ": must give agents >= 0 for each of " +
                       std::to_string(groups_) + " agent groups in each of " +
                       std::to_string(intervals_) + " intervals");
    }
  };
  check(opt_.at_least, "at_least");
  check(opt_.at_most, "at_most");
}

Staff Staffer::within_bounds(Staff net) const {
  for (int g = 0; g < groups_; ++g) {
    for (int i = 0; i < intervals_; ++i) {
      int& n = net[std::size_t(g)][std::size_t(i)];
      if (!opt_.at_most.empty()) n = std::min(n, opt_.at_most[std::size_t(g)][std::size_t(i)]);
      if (!opt_.at_least.empty()) n = std::max(n, opt_.at_least[std::size_t(g)][std::size_t(i)]);
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
  const std::vector<int> key = flatten_key(net);
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

std::vector<std::vector<bool>> Staffer::failing(const Evaluation& ev) const {
  std::vector<std::vector<bool>> out(std::size_t(groups_),
                                     std::vector<bool>(std::size_t(intervals_), false));
  for (const TargetMiss& m : ev.misses) {
    if (is_group_target(m.kind)) {
      out[std::size_t(m.index)][std::size_t(m.interval)] = true;
      continue;
    }
    for (int g = 0; g < groups_; ++g) {
      if (weights_[std::size_t(m.interval)][std::size_t(m.index)][std::size_t(g)] > 0.0)
        out[std::size_t(g)][std::size_t(m.interval)] = true;
    }
  }
  return out;
}

void Staffer::learn(const Staff& at, const Evaluation& ev,
                    std::vector<std::vector<Bracket>>& brackets) {
  const std::vector<std::vector<bool>> fail = failing(ev);
  for (int g = 0; g < groups_; ++g) {
    if (!searched_[std::size_t(g)]) continue;
    for (int i = 0; i < intervals_; ++i) {
      Bracket& b = brackets[std::size_t(g)][std::size_t(i)];
      const int n = at[std::size_t(g)][std::size_t(i)];
      const bool up = !b.meets_at && b.misses_at >= 0;  // galloping up so far
      const bool down = b.meets_at && b.misses_at < 0;  // galloping down so far
      if (fail[std::size_t(g)][std::size_t(i)]) {
        if (up) b.step *= 2;
        b.misses_at = std::max(b.misses_at, n);
        // A miss at or above a staffing seen to meet (its neighbours differed): search up again.
        if (b.meets_at && *b.meets_at <= n) b.meets_at.reset();
      } else {
        if (down && n < *b.meets_at) b.step *= 2;
        b.meets_at = b.meets_at ? std::min(*b.meets_at, n) : n;
        if (b.misses_at >= n) b.misses_at = -1;  // likewise: search down again
      }
    }
  }
}

void Staffer::search(Staff& cur, const Evaluation*& ev) {
  std::vector<std::vector<Bracket>> brackets(static_cast<std::size_t>(groups_),
                                             std::vector<Bracket>(std::size_t(intervals_)));
  for (int g = 0; g < groups_; ++g) {
    for (int i = 0; i < intervals_; ++i) {
      Bracket& b = brackets[std::size_t(g)][std::size_t(i)];
      const int n = cur[std::size_t(g)][std::size_t(i)];
      b.step = std::max(1, int(std::lround(0.1 * n)));
      // A bound acts as if seen: fewer than at_least as missing, at_most as meeting.
      if (!opt_.at_least.empty()) b.misses_at = opt_.at_least[std::size_t(g)][std::size_t(i)] - 1;
      if (!opt_.at_most.empty()) b.meets_at = opt_.at_most[std::size_t(g)][std::size_t(i)];
    }
  }
  learn(cur, *ev, brackets);
  for (;;) {
    Staff next = cur;
    bool any_open = false;
    for (int g = 0; g < groups_; ++g) {
      if (!searched_[std::size_t(g)]) continue;
      for (int i = 0; i < intervals_; ++i) {
        const Bracket& b = brackets[std::size_t(g)][std::size_t(i)];
        int& n = next[std::size_t(g)][std::size_t(i)];
        if (b.closed()) {
          n = *b.meets_at;
          continue;
        }
        any_open = true;
        if (b.meets_at && b.misses_at >= 0) {
          n = b.misses_at + (*b.meets_at - b.misses_at) / 2;  // bisect
        } else if (b.meets_at) {
          n = std::max(0, *b.meets_at - b.step);  // gallop down
        } else {
          n = b.misses_at + b.step;  // gallop up
        }
      }
    }
    const Evaluation* e = evaluate(next, any_open ? "search" : "evaluate");
    if (!e) return;
    cur = next;
    ev = e;
    if (!any_open) return;
    learn(cur, *ev, brackets);
  }
}

bool Staffer::repair(Staff& cur, const Evaluation*& ev, bool capped) {
  while (!ev->misses.empty()) {
    Staff next = cur;
    std::set<std::pair<int, int>> raised;
    for (const TargetMiss& m : ev->misses) {
      if (is_group_target(m.kind)) {
        int& n = next[std::size_t(m.index)][std::size_t(m.interval)];
        if (raised.insert({m.index, m.interval}).second)
          n = std::max(n + 1, measured_floor(sc_, m.index, m.interval, ev->judged, n));
        continue;
      }
      for (int g = 0; g < groups_; ++g) {
        if (weights_[std::size_t(m.interval)][std::size_t(m.index)][std::size_t(g)] <= 0.0)
          continue;
        if (raised.insert({g, m.interval}).second) ++next[std::size_t(g)][std::size_t(m.interval)];
      }
    }
    if (capped) next = within_bounds(next);
    if (next == cur) return false;  // nothing can be raised
    const Evaluation* e = evaluate(next, capped ? "bound" : "repair");
    if (!e) return false;
    cur = next;
    ev = e;
  }
  return true;
}

void Staffer::settle_under_ceiling(Staff& cur, const Evaluation*& ev) {
  if (opt_.at_most.empty()) return;
  const Staff lowered = within_bounds(cur);
  if (lowered == cur) return;
  const Staff flat = flattened(lowered);
  Staff next = within_bounds(flat) == flat ? flat : lowered;
  const Evaluation* e = evaluate(next, "bound");
  if (e && !repair(next, e, true)) {  // the ceiling itself, when repair under it fails
    next = within_bounds(opt_.at_most);
    e = evaluate(next, "bound");
  }
  if (e && e->misses.empty()) {
    cur = next;
    ev = e;
  }
}

Outcome Staffer::run() {
  Outcome out;
  if (opt_.objective == Objective::Cost) {
    if (!sc_.costs) {
      out.errors.push_back(
          "costs: the cost objective needs the scenario's costs (cost per "
          "agent-hour, penalties per contact)");
    }
    if (opt_.method != Method::Erlang) {
      out.errors.push_back(std::string("method: the cost objective is computed by the Erlang "
                                       "method only (got ") +
                           method_name(opt_.method) + ")");
    }
    if (!out.errors.empty()) return out;
  } else if (!has_target(sc_)) {
    out.errors.push_back(
        "contact_types: no staffing target: give a contact type service_level, "
        "max_abandon_rate or max_asa_s, or an agent group max_occupancy or max_utilisation");
    return out;
  }
  check_bounds(out.errors);
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
  if (opt_.method == Method::Simulation) cur = within_bounds(cur);
  const Evaluation* ev = evaluate(cur, "start");
  if (!ev) return out;  // unreachable: max_iterations >= 1
  if (opt_.method == Method::Simulation) {
    search(cur, ev);
    if (!budget_exhausted_ && repair(cur, ev)) flatten(cur, ev);
    if (!budget_exhausted_ && ev->misses.empty()) settle_under_ceiling(cur, ev);
    if (budget_exhausted_) {  // the cheapest staffing simulated that meets every target, if any
      double best_hours = std::numeric_limits<double>::infinity();
      for (const auto& [key, e] : cache_) {
        if (!e->misses.empty() || e->agent_hours >= best_hours) continue;
        best_hours = e->agent_hours;
        ev = e.get();
        for (int g = 0, at = 0; g < groups_; ++g) {
          for (int i = 0; i < intervals_; ++i)
            cur[std::size_t(g)][std::size_t(i)] = key[std::size_t(at++)];
        }
      }
    }
  }

  Result result;
  result.method = opt_.method;
  result.net = cur;
  result.scheduled = scheduled(cur);
  result.achieved = ev->results;
  result.misses = ev->misses;
  result.daily_service_level = ev->daily_service_level;
  result.carry_over = carry_over(cur);
  result.iterations = iterations_;
  result.budget_exhausted = budget_exhausted_;
  result.cost_curves = cost_curves_;
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
