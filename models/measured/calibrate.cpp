#include "models/measured/calibrate.h"

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "models/centre/contact_centre.h"
#include "models/io/text.h"
#include "models/measured/measured.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario_json.h"
#include "sim/replicate.h"

namespace ccsim {

namespace {

constexpr double kPi = 3.14159265358979323846;

// x rounded to `decimals` decimals (the nearest double to the decimal value).
double round_to(double x, int decimals) {
  const double p = std::pow(10.0, decimals);
  return std::round(x * p) / p;
}

// CDF of a candidate at x.
double candidate_cdf(const CandidateFit& c, double x, double p1, double p2) {
  if (x <= 0) return 0.0;
  switch (c.kind) {
    case DistKind::Exponential:
      return -std::expm1(-x / c.mean_s);
    case DistKind::Lognormal:
      return boost::math::cdf(boost::math::lognormal_distribution<double>(p1, p2), x);
    case DistKind::Gamma:
      return boost::math::cdf(boost::math::gamma_distribution<double>(p1, p2), x);
    default:
      return 0.0;
  }
}

// KS distance of the sorted sample `x` to a candidate; with `rounded`, the sample is in whole
// units and the model is compared at v ± 0.5.
double ks_distance(const std::vector<double>& x, const CandidateFit& c, double p1, double p2,
                   bool rounded) {
  const double n = double(x.size());
  double d = 0.0;
  std::size_t i = 0;
  while (i < x.size()) {
    std::size_t j = i;
    while (j < x.size() && x[j] == x[i]) ++j;
    const double below = double(i) / n, upto = double(j) / n;
    const double lo = candidate_cdf(c, rounded ? x[i] - 0.5 : x[i], p1, p2);
    const double hi = candidate_cdf(c, rounded ? x[i] + 0.5 : x[i], p1, p2);
    d = std::max({d, std::abs(upto - hi), std::abs(below - lo)});
    i = j;
  }
  return d;
}

// Empirical distribution keeping the sample mean: the means of up to 500 equal-count groups of
// the sorted sample.
Distribution empirical_of(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size(), m = std::min<std::size_t>(n, 500);
  std::vector<double> values;
  values.reserve(m);
  for (std::size_t g = 0; g < m; ++g) {
    const std::size_t a = g * n / m, b = (g + 1) * n / m;
    double sum = 0;
    for (std::size_t k = a; k < b; ++k) sum += sorted[k];
    values.push_back(round_to(sum / double(b - a), 2));
  }
  if (std::all_of(values.begin(), values.end(), [](double v) { return v <= 0; })) {
    values.assign(1, 0.01);
  }
  return Distribution::empirical(values);
}

}  // namespace

DurationFit fit_durations(std::vector<double> values) {
  DurationFit fit;
  std::sort(values.begin(), values.end());
  fit.n = values.size();
  if (values.empty()) return fit;
  const double n = double(values.size());
  const bool rounded =
      std::all_of(values.begin(), values.end(), [](double v) { return v == std::floor(v); });
  const double floor_value = rounded ? 0.5 : 1e-3;
  double sum = 0, sum2 = 0, sum_log = 0, sum_adj = 0;
  for (double v : values) {
    sum += v;
    sum2 += v * v;
    const double a = std::max(v, floor_value);
    sum_adj += a;
    sum_log += std::log(a);
  }
  fit.mean_s = sum / n;
  const double var =
      values.size() > 1 ? std::max(0.0, (sum2 - n * fit.mean_s * fit.mean_s) / (n - 1)) : 0.0;
  fit.cv = fit.mean_s > 0 ? std::sqrt(var) / fit.mean_s : 0.0;
  const double mean_adj = sum_adj / n, mean_log = sum_log / n;
  double ss_log = 0;
  for (double v : values) {
    const double d = std::log(std::max(v, floor_value)) - mean_log;
    ss_log += d * d;
  }
  const double sigma2 = ss_log / n;
  const bool spread = values.size() >= 2 && sigma2 > 1e-12;

  // Exponential.
  {
    CandidateFit c;
    c.kind = DistKind::Exponential;
    c.mean_s = mean_adj;
    c.cv = 1.0;
    c.log_likelihood = -n * (std::log(mean_adj) + 1.0);
    c.aic = 2.0 - 2.0 * c.log_likelihood;
    c.ks = ks_distance(values, c, 0, 0, rounded);
    fit.candidates.push_back(c);
  }
  if (spread) {
    // Lognormal.
    CandidateFit c;
    c.kind = DistKind::Lognormal;
    const double sigma = std::sqrt(sigma2);
    c.mean_s = std::exp(mean_log + 0.5 * sigma2);
    c.cv = std::sqrt(std::expm1(sigma2));
    c.log_likelihood = -sum_log - n * std::log(sigma) - 0.5 * n * std::log(2 * kPi) - 0.5 * n;
    c.aic = 4.0 - 2.0 * c.log_likelihood;
    c.ks = ks_distance(values, c, mean_log, sigma, rounded);
    fit.candidates.push_back(c);
    // Gamma: shape k solves ln k − ψ(k) = s, s = ln(mean) − mean(ln x) > 0.
    const double s = std::log(mean_adj) - mean_log;
    if (s > 1e-12) {
      double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
      for (int it = 0; it < 100; ++it) {
        const double f = std::log(k) - boost::math::digamma(k) - s;
        const double df = 1.0 / k - boost::math::trigamma(k);
        const double next = k - f / df;
        const double step = next > 0 ? next : k / 2;
        if (std::abs(step - k) < 1e-12 * k) {
          k = step;
          break;
        }
        k = step;
      }
      const double theta = mean_adj / k;
      CandidateFit g;
      g.kind = DistKind::Gamma;
      g.mean_s = mean_adj;
      g.cv = 1.0 / std::sqrt(k);
      g.log_likelihood =
          (k - 1) * sum_log - n * mean_adj / theta - n * k * std::log(theta) - n * std::lgamma(k);
      g.aic = 4.0 - 2.0 * g.log_likelihood;
      g.ks = ks_distance(values, g, k, theta, rounded);
      fit.candidates.push_back(g);
    }
  }
  const auto best = std::min_element(fit.candidates.begin(), fit.candidates.end(),
                                     [](const auto& a, const auto& b) { return a.aic < b.aic; });
  const double ks_limit = std::max(0.03, 1.63 / std::sqrt(n));
  const bool mean_ok = std::abs(best->mean_s - fit.mean_s) <= 0.03 * fit.mean_s;
  if (best->ks <= ks_limit && mean_ok && fit.mean_s > 0) {
    const double mean = round_to(best->mean_s, 2), cv = round_to(best->cv, 4);
    switch (best->kind) {
      case DistKind::Lognormal:
        fit.chosen = Distribution::lognormal(mean, cv);
        break;
      case DistKind::Gamma:
        fit.chosen = Distribution::gamma(mean, cv);
        break;
      default:
        fit.chosen = Distribution::exponential(mean);
    }
  } else {
    fit.chosen = empirical_of(values);
  }
  return fit;
}

// ---------------------------------------------------------------------------------------------

const std::vector<double>& patience_report_times_s() {
  static const std::vector<double> times{30, 60, 120, 300, 600};
  return times;
}

PatienceFit fit_patience(const std::vector<QueueSpell>& spells) {
  PatienceFit fit;
  fit.queued = spells.size();
  double abandoner_waits = 0;
  for (const QueueSpell& s : spells) {
    fit.exposure_s += s.wait_s;
    if (s.abandoned) {
      ++fit.abandoned;
      abandoner_waits += s.wait_s;
    }
  }
  if (fit.abandoned > 0) {
    fit.mean_s = fit.exposure_s / double(fit.abandoned);
    fit.se_s = *fit.mean_s / std::sqrt(double(fit.abandoned));
    fit.naive_mean_s = abandoner_waits / double(fit.abandoned);
  }
  // Kaplan–Meier: at each distinct abandonment time t, S *= 1 − d(t)/at_risk(t), where
  // at_risk counts spells with wait >= t (censored spells at t are still at risk).
  std::vector<QueueSpell> sorted = spells;
  std::sort(sorted.begin(), sorted.end(), [](const QueueSpell& a, const QueueSpell& b) {
    return a.wait_s < b.wait_s || (a.wait_s == b.wait_s && a.abandoned && !b.abandoned);
  });
  const auto& times = patience_report_times_s();
  fit.km_survival.assign(times.size(), std::nullopt);
  double survival = 1.0;
  std::size_t at_risk = sorted.size(), i = 0, next_time = 0;
  const double last = sorted.empty() ? 0.0 : sorted.back().wait_s;
  auto record_until = [&](double t) {
    while (next_time < times.size() && times[next_time] < t) {
      if (times[next_time] <= last) fit.km_survival[next_time] = survival;
      ++next_time;
    }
  };
  while (i < sorted.size()) {
    const double t = sorted[i].wait_s;
    std::size_t j = i, deaths = 0;
    while (j < sorted.size() && sorted[j].wait_s == t) {
      if (sorted[j].abandoned) ++deaths;
      ++j;
    }
    record_until(t);
    if (deaths > 0 && t > 0) {
      survival *= 1.0 - double(deaths) / double(at_risk);
      if (!fit.km_median_s && survival <= 0.5) fit.km_median_s = t;
    } else if (deaths > 0) {
      survival *= 1.0 - double(deaths) / double(at_risk);
    }
    at_risk -= j - i;
    i = j;
  }
  record_until(std::numeric_limits<double>::infinity());
  return fit;
}

// ---------------------------------------------------------------------------------------------

namespace {

struct Span {
  double a, b;
};

// Adds the integral of a unit over [a, b) to bins of width w starting at `origin`.
void add_span(std::vector<double>& bins, double origin, double w, double a, double b,
              double weight = 1.0) {
  const double end = origin + w * double(bins.size());
  a = std::max(a, origin);
  b = std::min(b, end);
  if (!(b > a)) return;
  auto k = std::size_t((a - origin) / w);
  while (a < b && k < bins.size()) {
    const double edge = std::min(b, origin + w * double(k + 1));
    if (edge > a) bins[k] += weight * (edge - a);
    a = edge;
    ++k;
  }
}

// Sorted disjoint union of spans.
std::vector<Span> merge_spans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.a < y.a; });
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (!out.empty() && s.a <= out.back().b) {
      out.back().b = std::max(out.back().b, s.b);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

bool answered_known(const LoggedContact& c) {
  return c.outcome == LoggedOutcome::Answered && !std::isnan(c.handle_s) && !std::isnan(c.end_s);
}

// The caller's time in queue as a span, if it waited.
std::optional<Span> waiting_span(const LoggedContact& c) {
  if (std::isnan(c.queue_s)) return std::nullopt;
  double leave = std::numeric_limits<double>::quiet_NaN();
  if (c.outcome == LoggedOutcome::Answered && !c.callback) leave = c.answer_s;
  if (c.outcome == LoggedOutcome::Abandoned) leave = c.end_s;
  if (std::isnan(leave) || !(leave > c.queue_s)) return std::nullopt;
  return Span{c.queue_s, leave};
}

Span service_span(const LoggedContact& c) {
  return {c.end_s - c.handle_s, c.end_s + c.wrap_s};
}

// Per interval: time-average of agents serving while at least one caller waits.
void busy_while_waiting(const std::vector<const LoggedContact*>& day, double origin, double w,
                        std::vector<double>& num, std::vector<double>& den) {
  std::vector<std::pair<double, int>> events;  // (time, code): 0 busy+1, 1 busy-1, 2 q+1, 3 q-1
  for (const LoggedContact* c : day) {
    if (answered_known(*c)) {
      const Span s = service_span(*c);
      if (s.b > s.a) {
        events.emplace_back(s.a, 0);
        events.emplace_back(s.b, 1);
      }
    }
    if (auto q = waiting_span(*c)) {
      events.emplace_back(q->a, 2);
      events.emplace_back(q->b, 3);
    }
  }
  std::sort(events.begin(), events.end());
  int busy = 0, queue = 0;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const auto [t, code] = events[k];
    busy += code == 0 ? 1 : code == 1 ? -1 : 0;
    queue += code == 2 ? 1 : code == 3 ? -1 : 0;
    if (k + 1 < events.size() && queue > 0 && events[k + 1].first > t) {
      add_span(num, origin, w, t, events[k + 1].first, double(busy));
      add_span(den, origin, w, t, events[k + 1].first);
    }
  }
}

StaffingEstimate estimate_staffing(const std::vector<const LoggedContact*>& contacts,
                                   std::size_t n_days, std::size_t n_types,
                                   const std::vector<int>& type_index, double origin,
                                   double interval_s, int intervals, double slot_s) {
  StaffingEstimate est;
  est.slot_s = slot_s;
  const auto n_slots = std::size_t(std::llround(interval_s * intervals / slot_s));
  est.available.assign(n_slots, 0.0);
  const auto ni = std::size_t(intervals);
  est.busy.assign(ni, 0.0);
  est.available_mean.assign(ni, 0.0);
  est.distinct.assign(ni, 0.0);
  est.logged_in.assign(ni, 0.0);
  std::vector<double> bww_num(ni, 0.0), bww_den(ni, 0.0);
  // Skills: the types each agent served on the selected days.
  std::map<std::int32_t, std::vector<bool>> skills;
  for (const LoggedContact* c : contacts) {
    if (c->outcome != LoggedOutcome::Answered || c->agent < 0) continue;
    auto& s = skills[c->agent];
    if (s.empty()) s.assign(n_types, false);
    s[std::size_t(type_index[std::size_t(c->type)])] = true;
  }
  std::map<std::int32_t, std::vector<const LoggedContact*>> by_day;
  for (const LoggedContact* c : contacts) by_day[c->day].push_back(c);
  for (const auto& [day, list] : by_day) {
    // Waiting spans per type.
    std::vector<std::vector<Span>> waits(n_types);
    std::map<std::int32_t, std::vector<Span>> services;
    for (const LoggedContact* c : list) {
      if (auto q = waiting_span(*c))
        waits[std::size_t(type_index[std::size_t(c->type)])].push_back(*q);
      if (!answered_known(*c)) continue;
      const Span s = service_span(*c);
      if (!(s.b > s.a)) continue;
      if (c->agent < 0) {
        add_span(est.available, origin, slot_s, s.a, s.b);
        add_span(est.busy, origin, interval_s, s.a, s.b);
        add_span(est.logged_in, origin, interval_s, s.a, s.b);
      } else {
        services[c->agent].push_back(s);
      }
    }
    std::map<std::vector<bool>, std::vector<Span>> union_by_skills;
    for (auto& [agent, spans] : services) {
      const std::vector<bool>& skill = skills[agent];
      auto it = union_by_skills.find(skill);
      if (it == union_by_skills.end()) {
        std::vector<Span> all;
        for (std::size_t k = 0; k < n_types; ++k) {
          if (skill[k]) all.insert(all.end(), waits[k].begin(), waits[k].end());
        }
        it = union_by_skills.emplace(skill, merge_spans(std::move(all))).first;
      }
      const std::vector<Span>& waiting = it->second;
      const std::vector<Span> busy = merge_spans(spans);
      for (std::size_t k = 0; k < busy.size(); ++k) {
        add_span(est.available, origin, slot_s, busy[k].a, busy[k].b);
        add_span(est.busy, origin, interval_s, busy[k].a, busy[k].b);
        if (k + 1 == busy.size()) break;
        const double gap_start = busy[k].b, gap_end = busy[k + 1].a;
        // The last waiting span starting before the gap's end.
        auto w = std::lower_bound(waiting.begin(), waiting.end(), gap_end,
                                  [](const Span& s, double t) { return s.a < t; });
        double from = gap_start;
        if (w != waiting.begin()) {
          const Span& last = *std::prev(w);
          if (last.b > gap_start) from = std::min(last.b, gap_end);
        }
        add_span(est.available, origin, slot_s, from, gap_end);
      }
      add_span(est.logged_in, origin, interval_s, busy.front().a, busy.back().b);
      // Distinct agents: those with a service overlapping the interval.
      std::vector<double> touched(ni, 0.0);
      for (const Span& s : busy) add_span(touched, origin, interval_s, s.a, s.b);
      for (std::size_t i = 0; i < ni; ++i) est.distinct[i] += touched[i] > 0 ? 1.0 : 0.0;
    }
    busy_while_waiting(list, origin, interval_s, bww_num, bww_den);
  }
  const double d = double(std::max<std::size_t>(n_days, 1));
  for (double& x : est.available) x /= d * slot_s;
  const auto per_slot = std::size_t(std::llround(interval_s / slot_s));
  for (std::size_t i = 0; i < ni; ++i) {
    est.busy[i] /= d * interval_s;
    est.logged_in[i] /= d * interval_s;
    est.distinct[i] /= d;
    double sum = 0;
    for (std::size_t j = 0; j < per_slot; ++j) sum += est.available[i * per_slot + j];
    est.available_mean[i] = sum / double(per_slot);
  }
  est.busy_while_waiting.resize(ni);
  for (std::size_t i = 0; i < ni; ++i) {
    est.busy_while_waiting[i] = bww_den[i] > 0 ? bww_num[i] / bww_den[i] : 0.0;
  }
  return est;
}

// The staffing profile as shifts: in each slot ⌊x⌋ agents, plus one more for the first
// (x − ⌊x⌋) of the slot, so that the time-average over the slot is x (to the second).
nlohmann::ordered_json shifts_of(const std::vector<double>& slots, double slot_s) {
  struct Piece {
    double a, b;
    int n;
  };
  std::vector<Piece> pieces;
  auto push = [&](double a, double b, int n) {
    if (!(b > a)) return;
    if (!pieces.empty() && pieces.back().n == n && pieces.back().b == a) {
      pieces.back().b = b;
    } else {
      pieces.push_back({a, b, n});
    }
  };
  for (std::size_t j = 0; j < slots.size(); ++j) {
    const double start = double(j) * slot_s, end = start + slot_s;
    const double x = std::max(0.0, slots[j]);
    const int n = int(std::floor(x + 1e-9));
    const double split = start + std::round((x - n) * slot_s);
    push(start, split, n + 1);
    push(split, end, n);
  }
  nlohmann::ordered_json shifts = nlohmann::ordered_json::array();
  for (const Piece& p : pieces) {
    if (p.n <= 0) continue;
    shifts.push_back({{"start_s", p.a}, {"end_s", p.b}, {"count", p.n}});
  }
  return shifts;
}

nlohmann::ordered_json distribution_json(const Distribution& d) {
  nlohmann::ordered_json j;
  j["dist"] = dist_name(d.kind);
  switch (d.kind) {
    case DistKind::Lognormal:
    case DistKind::Gamma:
      j["mean_s"] = d.mean_s;
      j["cv"] = d.cv;
      break;
    case DistKind::Empirical:
      j["values_s"] = d.values_s;
      break;
    default:
      j["mean_s"] = d.mean_s;
  }
  return j;
}

std::string clock_text(double s) {
  const auto total = static_cast<long long>(std::llround(s));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", total / 3600, total / 60 % 60);
  return buf;
}

nlohmann::ordered_json scenario_json(const std::string& name, double interval_s, int intervals,
                                     double start, const CalibrateOptions& options,
                                     const std::vector<TypeCalibration>& types,
                                     const std::vector<double>& profile) {
  nlohmann::ordered_json sc;
  sc["name"] = name;
  sc["horizon"] = {{"interval_minutes", interval_s / 60.0},
                   {"intervals", intervals},
                   {"start", clock_text(std::fmod(start, 86400.0))}};
  sc["simulation"] = {{"replications", options.replications}, {"seed", options.seed}};
  nlohmann::ordered_json cts = nlohmann::ordered_json::array();
  nlohmann::ordered_json skills = nlohmann::ordered_json::array();
  for (const TypeCalibration& t : types) {
    nlohmann::ordered_json ct;
    ct["name"] = t.name;
    ct["channel"] = "voice";
    std::vector<double> per;
    for (double x : t.arrivals) per.push_back(round_to(x, 4));
    ct["arrivals"] = {{"per_interval", per}};
    ct["handle_time"] = distribution_json(t.handle.chosen);
    if (t.wrap) ct["wrap_up"] = distribution_json(t.wrap->chosen);
    if (t.patience.mean_s) {
      ct["patience"] = {{"dist", "exponential"}, {"mean_s", round_to(*t.patience.mean_s, 1)}};
    }
    ct["priority"] = t.priority;
    cts.push_back(ct);
    skills.push_back(t.name);
  }
  sc["contact_types"] = cts;
  nlohmann::ordered_json group;
  group["name"] = "agents";
  group["skills"] = skills;
  nlohmann::ordered_json shifts = shifts_of(profile, options.staffing_resolution_s);
  if (shifts.empty()) {
    group["staff"] = {{"count", 0}};
  } else {
    group["staff"] = {{"shifts", shifts}};
  }
  sc["agent_groups"] = nlohmann::ordered_json::array({group});
  return sc;
}

// A caller answered within this time of entering the queue was answered at once (logs in whole
// seconds record 0; simulated waits are exact).
constexpr double kAtOnceS = 0.5;

// Per interval of the horizon: callers (answered or abandoned) per day, and the share of them
// answered at once.
void simulated_share(const Scenario& sc, int replications, std::uint64_t seed, unsigned threads,
                     bool answered_at_all, std::vector<double>& share) {
  const auto ni = std::size_t(sc.horizon.intervals);
  const double L = sc.horizon.interval_s, end = sc.horizon.end_s();
  using Counts = std::vector<std::array<double, 2>>;
  const std::vector<Counts> reps =
      sim::replicate<Counts>(std::size_t(replications), threads, [&](std::size_t r) {
        Counts c(ni, {0.0, 0.0});
        simulate_replication(sc, seed, r, [&](const ContactRecord& rec) {
          if (rec.outcome != Outcome::Answered && rec.outcome != Outcome::Abandoned) return;
          if (!(rec.arrival_s >= 0 && rec.arrival_s < end)) return;
          auto& cell = c[std::min(ni - 1, std::size_t(rec.arrival_s / L))];
          cell[0] += 1;
          if (rec.outcome == Outcome::Answered &&
              (answered_at_all ||
               (!rec.on_callback() && rec.answer_s - rec.queue_entry_s < kAtOnceS))) {
            cell[1] += 1;
          }
        });
        return c;
      });
  share.assign(ni, 0.0);
  for (std::size_t i = 0; i < ni; ++i) {
    double callers = 0, at_once = 0;
    for (const Counts& c : reps) {
      callers += c[i][0];
      at_once += c[i][1];
    }
    share[i] = callers > 0 ? at_once / callers : 0.0;
  }
}

// Step 2 of the staffing estimate (calibrate.h): shifts the agents of each interval (every slot
// by the same amount) until the simulated share of callers answered at once (or answered)
// matches the measured share, by Newton steps whose slope is Erlang A's change of that share per
// agent at the interval's mean agents (at least 0.02; steps at most 1.5 agents).
template <class Build>
void fit_staffing(StaffingEstimate& est, const std::vector<const LoggedContact*>& used,
                  double start, double L, const CalibrateOptions& options, const Build& build) {
  const std::size_t ni = est.busy.size();
  const auto per_slot = std::size_t(std::llround(L / est.slot_s));
  std::vector<double> callers(ni, 0.0), at_once(ni, 0.0);
  std::set<std::int32_t> days;
  for (const LoggedContact* c : used) {
    days.insert(c->day);
    const double entry = std::isnan(c->queue_s) ? c->arrival_s : c->queue_s;
    const auto i = std::min(ni - 1, std::size_t((entry - start) / L));
    callers[i] += 1;
    const bool throughput = options.staffing == StaffingMethod::Throughput;
    if (c->outcome == LoggedOutcome::Answered &&
        (throughput ||
         (!c->callback && !std::isnan(c->answer_s) && c->answer_s - entry < kAtOnceS))) {
      at_once[i] += 1;
    }
  }
  const double n_days = double(std::max<std::size_t>(days.size(), 1));
  est.at_once_measured.assign(ni, std::nullopt);
  for (std::size_t i = 0; i < ni; ++i) {
    if (callers[i] > 0) est.at_once_measured[i] = at_once[i] / callers[i];
  }
  est.activity = est.available_mean;
  est.fit_target = options.staffing == StaffingMethod::Throughput ? "answered" : "answered at once";
  std::vector<double> simulated;
  for (est.fit_iterations = 0; est.fit_iterations < 15; ++est.fit_iterations) {
    const nlohmann::ordered_json j = build(est.available);
    const ScenarioParse parsed = parse_scenario(nlohmann::json::parse(j.dump()), ".");
    if (!parsed.ok()) return;
    const Scenario& sc = *parsed.scenario;
    simulated_share(sc, options.replications, options.seed, options.threads,
                    options.staffing == StaffingMethod::Throughput, simulated);
    est.at_once_simulated.assign(simulated.begin(), simulated.end());
    const std::vector<ErlangInterval> model = erlang_a_by_interval(sc);
    double worst = 0;
    for (std::size_t i = 0; i < ni; ++i) {
      if (callers[i] / n_days < 2.0 || !est.at_once_measured[i]) continue;
      const double diff = *est.at_once_measured[i] - simulated[i];
      worst = std::max(worst, std::abs(diff));
      double mean = 0;
      for (std::size_t j = 0; j < per_slot; ++j) mean += est.available[i * per_slot + j];
      mean /= double(per_slot);
      erlang::Params p;
      p.arrivals_per_hour = model[i].arrivals_per_hour;
      p.aht_s = model[i].aht_s;
      p.patience_s = model[i].patience_s.value_or(1e9);
      p.agents = int(std::floor(mean));
      auto success = [&](const erlang::AMetrics& m) {
        return 1 - (options.staffing == StaffingMethod::Throughput ? m.p_abandon : m.p_wait);
      };
      const double p0 = success(erlang::erlang_a(p));
      ++p.agents;
      const double p1 = success(erlang::erlang_a(p));
      const double step = std::clamp(diff / std::max(p1 - p0, 0.02), -1.5, 1.5);
      const double shift = std::max(step, est.busy[i] - mean);
      for (std::size_t j = 0; j < per_slot; ++j) {
        double& x = est.available[i * per_slot + j];
        x = std::max(0.0, x + shift);
      }
    }
    if (worst < 0.005) break;
  }
  for (std::size_t i = 0; i < ni; ++i) {
    double sum = 0;
    for (std::size_t j = 0; j < per_slot; ++j) sum += est.available[i * per_slot + j];
    est.available_mean[i] = sum / double(per_slot);
  }
}

}  // namespace

Calibration calibrate(const ContactLog& log, const CalibrateOptions& options) {
  Calibration cal;
  cal.source = log.source;
  cal.format = log.format;
  cal.origin = log.origin;
  cal.interval_s = options.interval_s;
  const double L = options.interval_s;

  // Types used.
  std::vector<bool> type_used(log.types.size(), options.types.empty());
  for (const std::string& name : options.types) {
    const auto it = std::find(log.types.begin(), log.types.end(), name);
    if (it == log.types.end()) {
      cal.error = quoted_value(name) + " is not a contact type of " + log.source +
                  did_you_mean(name, log.types);
      cal.error_in = Calibration::ErrorIn::Types;
      return cal;
    }
    type_used[std::size_t(it - log.types.begin())] = true;
  }
  // Contacts on the selected days that reached the agent queue, of the types used.
  std::vector<const LoggedContact*> day_contacts;
  std::set<std::int32_t> days;
  for (const LoggedContact& c : log.contacts) {
    if (!options.days.contains(c.day, log.origin)) {
      ++cal.outside_days;
      continue;
    }
    days.insert(c.day);
    if (!type_used[std::size_t(c.type)]) {
      ++cal.excluded_types;
      continue;
    }
    if (c.outcome == LoggedOutcome::Other) {
      ++cal.other;
      continue;
    }
    day_contacts.push_back(&c);
  }
  cal.days.assign(days.begin(), days.end());
  if (cal.days.empty()) {
    cal.error = no_contact_on_days(log, options.days);
    return cal;
  }
  const double n_days = double(cal.days.size());
  auto entry = [](const LoggedContact& c) {
    return std::isnan(c.queue_s) ? c.arrival_s : c.queue_s;
  };

  // Horizon.
  std::map<long long, std::size_t> per_interval;
  for (const LoggedContact* c : day_contacts) ++per_interval[(long long)std::floor(entry(*c) / L)];
  if (per_interval.empty()) {
    cal.error = log.source + ": no contact reached the agent queue on the selected days";
    return cal;
  }
  std::optional<long long> first, last;
  std::size_t peak = 0;
  for (const auto& [k, count] : per_interval) peak = std::max(peak, count);
  for (const auto& [k, count] : per_interval) {
    if (log.origin == LogOrigin::Midnight && double(count) < 0.05 * double(peak)) continue;
    if (!first) first = k;
    last = k;
  }
  if (!first || log.origin == LogOrigin::HorizonStart) {
    first = per_interval.begin()->first;
    last = per_interval.rbegin()->first;
  }
  double start = log.origin == LogOrigin::HorizonStart ? 0.0 : double(*first) * L;
  double end = double(*last + 1) * L;
  if (options.start_s) start = *options.start_s;
  if (options.end_s) end = *options.end_s;
  if (!(end > start)) {
    cal.error =
        "must be after the horizon start " + clock_text(start) + " (got " + clock_text(end) + ")";
    cal.error_in = Calibration::ErrorIn::HorizonEnd;
    return cal;
  }
  const double count = (end - start) / L;
  if (std::abs(count - std::round(count)) > 1e-6) {
    cal.error = "the horizon " + clock_text(start) + " to " + clock_text(end) +
                " must be a whole number of " + std::to_string(int(L / 60)) + "-minute intervals";
    cal.error_in = Calibration::ErrorIn::HorizonEnd;
    return cal;
  }
  cal.start_s = start;
  cal.intervals = int(std::llround(count));
  const auto ni = std::size_t(cal.intervals);

  // Contacts within the horizon, by type.
  std::vector<const LoggedContact*> used;
  std::vector<std::vector<double>> arrivals(log.types.size(), std::vector<double>(ni, 0.0));
  for (const LoggedContact* c : day_contacts) {
    const double t = entry(*c) - start;
    if (t < 0 || t >= end - start) {
      ++cal.outside_horizon;
      continue;
    }
    used.push_back(c);
    arrivals[std::size_t(c->type)][std::min(ni - 1, std::size_t(t / L))] += 1.0 / n_days;
  }
  cal.used = used.size();
  if (used.empty()) {
    cal.error = log.source + ": no contact reached the agent queue within the horizon " +
                clock_text(start) + " to " + clock_text(end);
    return cal;
  }
  // Scenario types: those with arrivals, by volume (descending), then name.
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < log.types.size(); ++t) {
    const double total = std::accumulate(arrivals[t].begin(), arrivals[t].end(), 0.0);
    if (type_used[t] && total > 0) order.push_back(t);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = std::accumulate(arrivals[a].begin(), arrivals[a].end(), 0.0);
    const double y = std::accumulate(arrivals[b].begin(), arrivals[b].end(), 0.0);
    return x != y ? x > y : log.types[a] < log.types[b];
  });
  std::vector<int> type_index(log.types.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) type_index[order[k]] = int(k);

  // Observations per type, and pooled.
  const std::size_t nt = order.size();
  std::vector<std::vector<double>> handle(nt), wrap(nt);
  std::vector<std::vector<QueueSpell>> spells(nt);
  std::vector<std::vector<int>> priorities(nt), all_priorities(nt);
  std::vector<double> pooled_handle, pooled_wrap;
  std::vector<QueueSpell> pooled_spells;
  bool any_wrap = false;
  std::vector<TypeCalibration> types(nt);
  for (std::size_t k = 0; k < nt; ++k) {
    types[k].name = log.types[order[k]];
    types[k].arrivals = arrivals[order[k]];
  }
  for (const LoggedContact* c : used) {
    const auto k = std::size_t(type_index[std::size_t(c->type)]);
    all_priorities[k].push_back(c->priority);
    if (c->outcome == LoggedOutcome::Answered) {
      ++types[k].answered;
      if (!std::isnan(c->handle_s)) {
        handle[k].push_back(c->handle_s);
        wrap[k].push_back(c->wrap_s);
        pooled_handle.push_back(c->handle_s);
        pooled_wrap.push_back(c->wrap_s);
        any_wrap = any_wrap || c->wrap_s > 0;
      } else {
        ++cal.unknown_service;
      }
      if (!c->callback && !std::isnan(c->answer_s)) {
        const double w = c->answer_s - c->queue_s;
        spells[k].push_back({w, false});
        pooled_spells.push_back({w, false});
        if (w > 0) priorities[k].push_back(c->priority);
      }
    } else if (c->outcome == LoggedOutcome::Abandoned) {
      ++types[k].abandoned;
      priorities[k].push_back(c->priority);
      if (!std::isnan(c->end_s)) {
        spells[k].push_back({c->end_s - c->queue_s, true});
        pooled_spells.push_back({c->end_s - c->queue_s, true});
      }
    }
  }
  const DurationFit pooled_handle_fit = fit_durations(pooled_handle);
  const std::optional<DurationFit> pooled_wrap_fit =
      any_wrap ? std::optional<DurationFit>(fit_durations(pooled_wrap)) : std::nullopt;
  const PatienceFit pooled_patience = fit_patience(pooled_spells);
  if (pooled_handle.empty()) {
    cal.error = log.source + ": no answered contact with a known talk time to fit handle times";
    return cal;
  }
  for (std::size_t k = 0; k < nt; ++k) {
    TypeCalibration& t = types[k];
    if (handle[k].size() >= options.min_handle_observations) {
      t.handle = fit_durations(handle[k]);
      if (any_wrap) t.wrap = fit_durations(wrap[k]);
    } else {
      t.handle = pooled_handle_fit;
      t.handle.pooled = true;
      t.wrap = pooled_wrap_fit;
      if (t.wrap) t.wrap->pooled = true;
    }
    t.patience = fit_patience(spells[k]);
    if (t.patience.abandoned < options.min_abandonments) {
      t.patience = pooled_patience;
      t.patience.pooled = true;
    }
    if (log.has_priority) {
      std::vector<int>& p = priorities[k].empty() ? all_priorities[k] : priorities[k];
      std::sort(p.begin(), p.end());
      t.priority = p.empty() ? 0 : p[p.size() / 2];
    }
  }

  // Staffing.
  std::vector<const LoggedContact*> staff_contacts;
  for (const LoggedContact& c : log.contacts) {
    if (!options.days.contains(c.day, log.origin) || c.outcome == LoggedOutcome::Other) continue;
    const auto it = std::find(order.begin(), order.end(), std::size_t(c.type));
    if (it == order.end()) continue;
    staff_contacts.push_back(&c);
  }
  cal.staffing = estimate_staffing(staff_contacts, cal.days.size(), nt, type_index, start, L,
                                   cal.intervals, options.staffing_resolution_s);

  std::string name = options.name;
  if (name.empty()) {
    name = "Calibrated from " +
           text::valid_utf8(std::filesystem::path(log.source).filename().string()) + " (" +
           std::to_string(cal.days.size()) + " days" +
           (options.days.all() ? std::string() : ": " + options.days.text()) + ")";
  }
  auto build = [&](const std::vector<double>& profile) {
    return scenario_json(name, L, cal.intervals, start, options, types, profile);
  };
  if (options.staffing != StaffingMethod::Activity) {
    fit_staffing(cal.staffing, used, start, L, options, build);
  }
  cal.scenario = build(cal.staffing.available);
  cal.types = std::move(types);
  return cal;
}

// ---------------------------------------------------------------------------------------------
// Report

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string opt(const std::optional<double>& v, int decimals) {
  return v ? fixed(*v, decimals) : "-";
}

std::string dist_text(const Distribution& d) {
  std::string s = dist_name(d.kind);
  switch (d.kind) {
    case DistKind::Lognormal:
    case DistKind::Gamma:
      return s + " mean " + fixed(d.mean_s, 1) + " s, cv " + fixed(d.cv, 2);
    case DistKind::Empirical:
      return s + " (" + std::to_string(d.values_s.size()) + " values, mean " + fixed(d.mean_s, 1) +
             " s)";
    default:
      return s + " mean " + fixed(d.mean_s, 1) + " s";
  }
}

void table(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()), 0);
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const std::string pad(width[c] - rows[i][c].size(), ' ');
      if (c) line += "  ";
      line += c == 0 ? rows[i][c] + pad : pad + rows[i][c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << "\n";
  }
}

}  // namespace

std::string calibration_report(const Calibration& c) {
  std::ostringstream out;
  out << "Calibration from " << c.source << " (" << c.format << ")\n";
  if (c.origin == LogOrigin::Midnight) {
    out << "  days: " << c.days.size() << " (" << day_label(c.days.front()) << " to "
        << day_label(c.days.back()) << ")\n";
  } else {
    out << "  days (replications): " << c.days.size() << "\n";
  }
  out << "  contacts used: " << c.used << "; left out: " << c.outside_days << " on other days, "
      << c.outside_horizon << " outside the horizon, " << c.other << " never queued, "
      << c.excluded_types << " of other types; " << c.unknown_service
      << " answered with unknown talk time (left out of the handle-time fits)\n";
  out << "  horizon: " << clock_text(c.start_s) << " to "
      << clock_text(c.start_s + c.interval_s * c.intervals) << ", " << c.intervals
      << " intervals of " << fixed(c.interval_s / 60, 0) << " minutes\n\n";

  out << "Contact types (arrivals per day; priority: median log priority of callers who waited)\n";
  std::vector<std::vector<std::string>> rows{
      {"type", "arrivals/day", "answered", "abandoned", "priority", "handle time"}};
  for (const TypeCalibration& t : c.types) {
    const double per_day = std::accumulate(t.arrivals.begin(), t.arrivals.end(), 0.0);
    rows.push_back({t.name, fixed(per_day, 1), std::to_string(t.answered),
                    std::to_string(t.abandoned), std::to_string(t.priority),
                    dist_text(t.handle.chosen) + (t.handle.pooled ? " (pooled)" : "")});
  }
  table(out, rows);

  out << "\nHandle-time fits (maximum likelihood; log-likelihood per observation / KS distance;"
         " lowest AIC chosen unless KS > max(0.03, 1.63/sqrt(n)) or its mean is off by > 3%,"
         " then empirical)\n";
  rows = {{"type", "n", "mean", "cv", "exponential", "lognormal", "gamma", "chosen"}};
  for (const TypeCalibration& t : c.types) {
    std::vector<std::string> r{t.name + (t.handle.pooled ? " (pooled)" : ""),
                               std::to_string(t.handle.n), fixed(t.handle.mean_s, 1),
                               fixed(t.handle.cv, 2)};
    for (DistKind k : {DistKind::Exponential, DistKind::Lognormal, DistKind::Gamma}) {
      const auto it = std::find_if(t.handle.candidates.begin(), t.handle.candidates.end(),
                                   [&](const CandidateFit& f) { return f.kind == k; });
      r.push_back(it == t.handle.candidates.end()
                      ? "-"
                      : fixed(it->log_likelihood / double(t.handle.n), 3) + " / " +
                            fixed(it->ks, 3));
    }
    r.push_back(dist_name(t.handle.chosen.kind));
    rows.push_back(r);
  }
  table(out, rows);

  out << "\nPatience (exponential; maximum likelihood with censoring: mean = total time waited by"
         " all queued callers / abandonments; Kaplan-Meier survival for comparison)\n";
  rows = {{"type", "queued", "abandoned", "mean", "se", "naive mean"}};
  for (double t : patience_report_times_s()) rows[0].push_back("KM S(" + fixed(t, 0) + ")");
  rows[0].push_back("KM median");
  for (const TypeCalibration& t : c.types) {
    std::vector<std::string> r{t.name + (t.patience.pooled ? " (pooled)" : ""),
                               std::to_string(t.patience.queued),
                               std::to_string(t.patience.abandoned),
                               opt(t.patience.mean_s, 1),
                               opt(t.patience.se_s, 1),
                               opt(t.patience.naive_mean_s, 1)};
    for (const auto& s : t.patience.km_survival) r.push_back(opt(s, 3));
    r.push_back(opt(t.patience.km_median_s, 0));
    rows.push_back(r);
  }
  table(out, rows);

  out << "\nAgents per interval (averages over the days). available: the estimate used (agents"
         " serving, or idle since the last caller they could serve stopped waiting); busy: a"
         " lower bound; logged in: first to last service, an upper bound; distinct: agents who"
         " served in the interval; busy while waiting: agents serving while callers waited\n";
  const bool fitted = !c.staffing.activity.empty();
  if (fitted) {
    out << "Agents fitted to the share of callers " << c.staffing.fit_target << " ("
        << c.staffing.fit_iterations
        << " simulation rounds): available = the activity estimate shifted per interval until"
           " the simulated share matches the measured one\n";
  }
  rows = {{"start", "arrivals/day", "available", "busy", "occupancy", "logged in", "distinct",
           "busy while waiting"}};
  if (fitted) {
    rows[0].push_back("activity");
    rows[0].push_back(c.staffing.fit_target + " measured");
    rows[0].push_back(c.staffing.fit_target + " simulated");
  }
  for (int i = 0; i < c.intervals; ++i) {
    const auto k = std::size_t(i);
    double arrivals = 0;
    for (const TypeCalibration& t : c.types) arrivals += t.arrivals[k];
    const double avail = c.staffing.available_mean[k];
    rows.push_back({clock_text(std::fmod(c.start_s + c.interval_s * i, 86400.0)),
                    fixed(arrivals, 1), fixed(avail, 2), fixed(c.staffing.busy[k], 2),
                    avail > 0 ? fixed(c.staffing.busy[k] / avail, 3) : "-",
                    fixed(c.staffing.logged_in[k], 2), fixed(c.staffing.distinct[k], 2),
                    fixed(c.staffing.busy_while_waiting[k], 2)});
    if (fitted) {
      rows.back().push_back(fixed(c.staffing.activity[k], 2));
      rows.back().push_back(opt(c.staffing.at_once_measured[k], 3));
      rows.back().push_back(k < c.staffing.at_once_simulated.size()
                                ? fixed(c.staffing.at_once_simulated[k], 3)
                                : "-");
    }
  }
  table(out, rows);
  for (const std::string& w : c.warnings) out << "warning: " << w << "\n";
  return out.str();
}

}  // namespace ccsim
