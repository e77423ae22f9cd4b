#include "models/measured/calibrate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>

#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/measured/calibrate_scenario.h"
#include "models/measured/calibrate_text.h"
#include "models/measured/predict_days.h"

namespace ccsim {

namespace {

// ---------------------------------------------------------------------------------------------
// The steps of a calibration

// The time a contact entered the agent queue (its arrival when the log has no queue entry).
double queue_entry(const LoggedContact& c) {
  return std::isnan(c.queue_s) ? c.arrival_s : c.queue_s;
}

// Which log types are calibrated (options.types, or all); false (and cal.error) for a name
// that is not a type of the log.
bool select_types(const ContactLog& log, const CalibrateOptions& options,
                  std::vector<bool>& type_used, Calibration& cal) {
  type_used.assign(log.types.size(), options.types.empty());
  for (const std::string& name : options.types) {
    const auto it = std::find(log.types.begin(), log.types.end(), name);
    if (it == log.types.end()) {
      cal.error = quoted_value(name) + " is not a contact type of " + log.source +
                  did_you_mean(name, log.types);
      cal.error_in = Calibration::ErrorIn::Types;
      return false;
    }
    type_used[std::size_t(it - log.types.begin())] = true;
  }
  return true;
}

// Contacts on the selected days that reached the agent queue, of the types used; sets cal.days
// and counts the others.
std::vector<const LoggedContact*> queued_contacts(const ContactLog& log,
                                                  const CalibrateOptions& options,
                                                  const std::vector<bool>& type_used,
                                                  Calibration& cal) {
  std::vector<const LoggedContact*> queued;
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
    queued.push_back(&c);
  }
  cal.days.assign(days.begin(), days.end());
  return queued;
}

// The horizon [start, end) (CalibrateOptions::start_s, end_s) and its intervals into `cal`;
// false (and cal.error) when there is none.
bool choose_horizon(const ContactLog& log, const CalibrateOptions& options,
                    const std::vector<const LoggedContact*>& queued, Calibration& cal,
                    double& end) {
  const double L = options.interval_s;
  std::map<long long, std::size_t> per_interval;
  for (const LoggedContact* c : queued) ++per_interval[(long long)std::floor(queue_entry(*c) / L)];
  if (per_interval.empty()) {
    cal.error = log.source + ": no contact reached the agent queue on the selected days";
    return false;
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
  const double start =
      options.start_s.value_or(log.origin == LogOrigin::HorizonStart ? 0.0 : double(*first) * L);
  end = options.end_s.value_or(double(*last + 1) * L);
  if (!(end > start)) {
    cal.error =
        "must be after the horizon start " + clock_text(start) + " (got " + clock_text(end) + ")";
    cal.error_in = Calibration::ErrorIn::HorizonEnd;
    return false;
  }
  const double count = (end - start) / L;
  if (std::abs(count - std::round(count)) > 1e-6) {
    cal.error = "the horizon " + clock_text(start) + " to " + clock_text(end) +
                " must be a whole number of " + std::to_string(int(L / 60)) + "-minute intervals";
    cal.error_in = Calibration::ErrorIn::HorizonEnd;
    return false;
  }
  cal.start_s = start;
  cal.intervals = int(std::llround(count));
  return true;
}

// The contacts within the horizon (ending at `end`), and the arrivals per day of each log type
// per interval (by queue entry).
std::vector<const LoggedContact*> contacts_in_horizon(
    const std::vector<const LoggedContact*>& queued, double end, std::size_t n_log_types,
    Calibration& cal, std::vector<std::vector<double>>& arrivals) {
  const auto ni = std::size_t(cal.intervals);
  const double n_days = double(cal.days.size()), start = cal.start_s;
  arrivals.assign(n_log_types, std::vector<double>(ni, 0.0));
  std::vector<const LoggedContact*> used;
  for (const LoggedContact* c : queued) {
    const double t = queue_entry(*c) - start;
    if (t < 0 || t >= end - start) {
      ++cal.outside_horizon;
      continue;
    }
    used.push_back(c);
    arrivals[std::size_t(c->type)][std::min(ni - 1, std::size_t(t / cal.interval_s))] +=
        1.0 / n_days;
  }
  cal.used = used.size();
  return used;
}

// The scenario's types: the log types used that have arrivals, by volume (descending), then
// name.
std::vector<std::size_t> scenario_type_order(const ContactLog& log,
                                             const std::vector<bool>& type_used,
                                             const std::vector<std::vector<double>>& arrivals) {
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
  return order;
}

// What the fits of the types are made from: per scenario type, and pooled over the types.
struct Observations {
  Observations(std::size_t nt, std::size_t ni)
      : handle(nt),
        wrap(nt),
        spells(nt),
        priorities(nt),
        all_priorities(nt),
        handle_at(nt, std::vector<std::vector<double>>(ni)),
        wrap_at(nt, std::vector<std::vector<double>>(ni)),
        spells_at(nt, std::vector<std::vector<QueueSpell>>(ni)) {}
  std::vector<std::vector<double>> handle, wrap;  // of answered contacts with a known talk time
  std::vector<std::vector<QueueSpell>> spells;
  std::vector<std::vector<int>> priorities;      // of callers who waited
  std::vector<std::vector<int>> all_priorities;  // of every caller
  std::vector<double> pooled_handle, pooled_wrap;
  std::vector<QueueSpell> pooled_spells;
  bool any_wrap = false;
  // handle, wrap and spells per interval of queue entry: [type][interval].
  std::vector<std::vector<std::vector<double>>> handle_at, wrap_at;
  std::vector<std::vector<std::vector<QueueSpell>>> spells_at;
};

// The observations of the contacts `used`, counting answered and abandoned per type.
Observations observe(const std::vector<const LoggedContact*>& used,
                     const std::vector<int>& type_index, std::vector<TypeCalibration>& types,
                     Calibration& cal) {
  const auto ni = std::size_t(cal.intervals);
  Observations o(types.size(), ni);
  for (const LoggedContact* c : used) {
    const auto k = std::size_t(type_index[std::size_t(c->type)]);
    const auto i = std::min(ni - 1, std::size_t((queue_entry(*c) - cal.start_s) / cal.interval_s));
    o.all_priorities[k].push_back(c->priority);
    if (c->outcome == LoggedOutcome::Answered) {
      ++types[k].answered;
      if (!std::isnan(c->handle_s)) {
        o.handle[k].push_back(c->handle_s);
        o.wrap[k].push_back(c->wrap_s);
        o.pooled_handle.push_back(c->handle_s);
        o.pooled_wrap.push_back(c->wrap_s);
        o.handle_at[k][i].push_back(c->handle_s);
        o.wrap_at[k][i].push_back(c->wrap_s);
        o.any_wrap = o.any_wrap || c->wrap_s > 0;
      } else {
        ++cal.unknown_service;
      }
      if (!c->callback && !std::isnan(c->answer_s)) {
        const double w = c->answer_s - c->queue_s;
        o.spells[k].push_back({w, false});
        o.spells_at[k][i].push_back({w, false});
        o.pooled_spells.push_back({w, false});
        if (w > 0) o.priorities[k].push_back(c->priority);
      }
    } else if (c->outcome == LoggedOutcome::Abandoned) {
      ++types[k].abandoned;
      o.priorities[k].push_back(c->priority);
      if (!std::isnan(c->end_s)) {
        o.spells[k].push_back({c->end_s - c->queue_s, true});
        o.spells_at[k][i].push_back({c->end_s - c->queue_s, true});
        o.pooled_spells.push_back({c->end_s - c->queue_s, true});
      }
    }
  }
  return o;
}

// An interval's own mean differs from the day's when it is more than this many standard
// errors away.
constexpr double kDistinctSe = 3.0;

// Per-interval means (TypeCalibration::handle_means_s): each interval's mean of `values` where
// it has at least `min_n`, else `fallback` (the day's mean); empty unless two intervals have
// their own and one of them differs from `fallback` by more than kDistinctSe standard errors,
// or when a mean is not > 0. Sets n[i] to the observations of interval i.
std::vector<double> interval_means(const std::vector<std::vector<double>>& values,
                                   std::size_t min_n, double fallback,
                                   std::vector<std::size_t>& n) {
  std::vector<double> means;
  std::size_t own = 0;
  bool distinct = false;
  n.clear();
  for (const std::vector<double>& v : values) {
    n.push_back(v.size());
    if (v.size() < min_n || v.size() < 2) {
      means.push_back(fallback);
      continue;
    }
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double ss = 0.0;
    for (double x : v) ss += (x - m) * (x - m);
    const double se = std::sqrt(ss / double(v.size() - 1) / double(v.size()));
    distinct = distinct || std::abs(m - fallback) > kDistinctSe * se;
    means.push_back(m);
    ++own;
  }
  const bool positive = std::all_of(means.begin(), means.end(), [](double m) { return m > 0; });
  if (own < 2 || !distinct || !positive) means.clear();
  return means;
}

// Per-interval patience means: in each interval with at least `min_abandoned` abandonments,
// the mean of `shape` with its scale refitted to the interval (fit_patience_scale), else
// `fallback`; empty unless two intervals have their own and one differs from `fallback` by more
// than kDistinctSe standard errors.
std::vector<double> interval_patience(const std::vector<std::vector<QueueSpell>>& spells,
                                      const Distribution& shape, std::size_t min_abandoned,
                                      double fallback, std::vector<std::size_t>& n) {
  std::vector<double> means;
  std::size_t own = 0;
  bool distinct = false;
  n.clear();
  for (const std::vector<QueueSpell>& s : spells) {
    const PatienceScaleFit fit = s.empty() ? PatienceScaleFit{} : fit_patience_scale(shape, s);
    n.push_back(fit.abandoned);
    const bool enough = fit.abandoned >= min_abandoned && fit.mean_s && *fit.mean_s > 0;
    means.push_back(enough ? *fit.mean_s : fallback);
    own += enough ? 1 : 0;
    if (enough && fit.se_s)
      distinct = distinct || std::abs(*fit.mean_s - fallback) > kDistinctSe * *fit.se_s;
  }
  if (own < 2 || !distinct) means.clear();
  return means;
}

// The patience that carries per-interval means: the chosen fit, or, when that is a piecewise
// hazard (which has no mean_s), the converged candidate of lowest AIC of the others.
Distribution patience_shape(const PatienceFit& fit) {
  if (fit.distribution->kind != DistKind::PiecewiseHazard) return *fit.distribution;
  const PatienceCandidate* best = nullptr;
  for (const PatienceCandidate& c : fit.candidates) {
    if (c.outcome != FitOutcome::Converged || c.family == PatienceFamily::PiecewiseHazard) continue;
    if (!best || c.aic < best->aic) best = &c;
  }
  return best ? best->distribution : *fit.distribution;
}

// Largest KS distance of the parametric candidate that replaces an empirical fit to carry
// per-interval means; farther, the empirical fit stays, with one mean for the day.
constexpr double kMaxShapeKs = 0.1;

// Per-interval means of `fit` from `values` (interval_means, the sparse intervals taking the
// sample mean of the day); an empirical fit, which has no mean_s, becomes its parametric
// candidate of lowest AIC when the means are kept and that candidate is within kMaxShapeKs.
std::vector<double> fit_means(const std::vector<std::vector<double>>& values, std::size_t min_n,
                              DurationFit& fit, std::vector<std::size_t>& n) {
  std::vector<double> means = interval_means(values, min_n, fit.mean_s, n);
  if (means.empty() || fit.chosen.kind != DistKind::Empirical) return means;
  const auto best =
      std::min_element(fit.candidates.begin(), fit.candidates.end(),
                       [](const CandidateFit& a, const CandidateFit& b) { return a.aic < b.aic; });
  if (best == fit.candidates.end() || best->ks > kMaxShapeKs) return {};
  switch (best->kind) {
    case DistKind::Lognormal:
      fit.chosen = Distribution::lognormal(best->mean_s, best->cv);
      break;
    case DistKind::Gamma:
      fit.chosen = Distribution::gamma(best->mean_s, best->cv);
      break;
    default:
      fit.chosen = Distribution::exponential(best->mean_s);
  }
  return means;
}

// The standard error of the mean of each of `values` (0 with fewer than 2).
std::vector<double> standard_errors(const std::vector<std::vector<double>>& values) {
  std::vector<double> se;
  for (const std::vector<double>& v : values) {
    if (v.size() < 2) {
      se.push_back(0.0);
      continue;
    }
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double ss = 0.0;
    for (double x : v) ss += (x - m) * (x - m);
    se.push_back(std::sqrt(ss / double(v.size() - 1) / double(v.size())));
  }
  return se;
}

// The per-interval means of type k (TypeCalibration), from its own fits.
void fit_interval_means(const Observations& o, std::size_t k, const CalibrateOptions& options,
                        TypeCalibration& t) {
  std::vector<std::size_t> unused;
  t.handle_se_s = standard_errors(o.handle_at[k]);
  if (!t.handle.pooled) {
    t.handle_means_s =
        fit_means(o.handle_at[k], options.min_interval_observations, t.handle, t.handle_n);
    if (t.wrap) {
      t.wrap_means_s = fit_means(o.wrap_at[k], options.min_interval_observations, *t.wrap, unused);
    }
  }
  if (!t.patience.pooled && t.patience.distribution) {
    const Distribution shape = written_patience(patience_shape(t.patience));
    t.patience_means_s = interval_patience(o.spells_at[k], shape, options.min_interval_abandonments,
                                           shape.mean_s, t.abandoned_n);
    if (!t.patience_means_s.empty()) t.patience.distribution = shape;
  }
}

// Handle and wrap-up times, patience and priority of each type; pooled fits for types with too
// few observations. REQUIRES: o.pooled_handle not empty.
void fit_types(Observations& o, const ContactLog& log, const CalibrateOptions& options,
               std::vector<TypeCalibration>& types) {
  const DurationFit pooled_handle_fit = fit_durations(o.pooled_handle);
  const std::optional<DurationFit> pooled_wrap_fit =
      o.any_wrap ? std::optional<DurationFit>(fit_durations(o.pooled_wrap)) : std::nullopt;
  const PatienceFit pooled_patience = fit_patience(o.pooled_spells, options.patience);
  for (std::size_t k = 0; k < types.size(); ++k) {
    TypeCalibration& t = types[k];
    if (o.handle[k].size() >= options.min_handle_observations) {
      t.handle = fit_durations(o.handle[k]);
      if (o.any_wrap) t.wrap = fit_durations(o.wrap[k]);
    } else {
      t.handle = pooled_handle_fit;
      t.handle.pooled = true;
      t.wrap = pooled_wrap_fit;
      if (t.wrap) t.wrap->pooled = true;
    }
    t.patience = fit_patience(o.spells[k], options.patience);
    if (t.patience.abandoned < options.min_abandonments) {
      t.patience = pooled_patience;
      t.patience.pooled = true;
    }
    fit_interval_means(o, k, options, t);
    if (log.has_priority) {
      std::vector<int>& p = o.priorities[k].empty() ? o.all_priorities[k] : o.priorities[k];
      std::sort(p.begin(), p.end());
      t.priority = p.empty() ? 0 : p[p.size() / 2];
    }
  }
}

// Step 1 of the staffing estimate over the answered and abandoned contacts of the scenario's
// types (`order`) on the selected days, whether within the horizon or not.
StaffingEstimate activity_estimate(const ContactLog& log, const CalibrateOptions& options,
                                   const std::vector<std::size_t>& order,
                                   const std::vector<int>& type_index, const Calibration& cal) {
  std::vector<const LoggedContact*> staff_contacts;
  for (const LoggedContact& c : log.contacts) {
    if (!options.days.contains(c.day, log.origin) || c.outcome == LoggedOutcome::Other) continue;
    const auto it = std::find(order.begin(), order.end(), std::size_t(c.type));
    if (it == order.end()) continue;
    staff_contacts.push_back(&c);
  }
  return estimate_staffing(staff_contacts, cal.days.size(), order.size(), type_index, cal.start_s,
                           options.interval_s, cal.intervals, options.staffing_resolution_s);
}

std::string scenario_name(const ContactLog& log, const CalibrateOptions& options,
                          const Calibration& cal) {
  if (!options.name.empty()) return options.name;
  // The file names of the log's source (several joined by " + ": join_logs).
  std::string file;
  for (std::size_t pos = 0; pos <= log.source.size();) {
    const std::size_t plus = std::min(log.source.find(" + ", pos), log.source.size());
    const std::filesystem::path part(log.source.substr(pos, plus - pos));
    file += (file.empty() ? "" : " + ") + text::valid_utf8(part.filename().string());
    pos = plus + 3;
  }
  const std::string learned = text::plural(static_cast<long long>(cal.days.size()), "day") +
                              (options.days.all() ? std::string() : ": " + options.days.text());
  if (options.predict_days) {
    return "Predicted from " + file + " (" + text::valid_utf8(options.predict_days->text()) +
           ", learned from " + learned + ")";
  }
  return "Calibrated from " + file + " (" + learned + ")";
}

// `types` with the arrivals `arrivals` (per type, per interval).
std::vector<TypeCalibration> with_arrivals(std::vector<TypeCalibration> types,
                                           const std::vector<std::vector<double>>& arrivals) {
  for (std::size_t k = 0; k < types.size(); ++k) types[k].arrivals = arrivals[k];
  return types;
}

// The types of the scenario, fitted to the contacts `used`; false (and cal.error) when there is
// no talk time to fit. Sets `type_index`: log type → scenario type.
bool calibrate_types(const ContactLog& log, const CalibrateOptions& options,
                     const std::vector<const LoggedContact*>& used,
                     const std::vector<std::vector<double>>& arrivals,
                     const std::vector<std::size_t>& order, std::vector<int>& type_index,
                     Calibration& cal, std::vector<TypeCalibration>& types) {
  type_index.assign(log.types.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) type_index[order[k]] = int(k);
  types.assign(order.size(), TypeCalibration{});
  for (std::size_t k = 0; k < order.size(); ++k) {
    types[k].name = log.types[order[k]];
    types[k].arrivals = arrivals[order[k]];
  }
  Observations o = observe(used, type_index, types, cal);
  if (o.pooled_handle.empty()) {
    cal.error = log.source + ": no answered contact with a known talk time to fit handle times";
    return false;
  }
  fit_types(o, log, options, types);
  return true;
}

// The typical day of cal.scenario turned into a week from a Monday (CalibrateOptions::week):
// arrivals per weekday from the contacts `used`, the day's shifts on each weekday the log has.
void make_week(const std::vector<const LoggedContact*>& used, const std::vector<int>& type_index,
               Calibration& cal) {
  const auto ni = std::size_t(cal.intervals);
  auto monday_based = [](std::int32_t day) { return std::size_t((weekday_of(day) + 6) % 7); };
  std::array<double, 7> days_of{};
  for (std::int32_t d : cal.days) days_of[monday_based(d)] += 1.0;
  auto& types = cal.scenario["contact_types"];
  std::vector<std::vector<double>> arrivals(types.size(), std::vector<double>(7 * ni, 0.0));
  for (const LoggedContact* c : used) {
    const double t = queue_entry(*c) - cal.start_s;
    const std::size_t w = monday_based(c->day);
    arrivals[std::size_t(type_index[std::size_t(c->type)])]
            [w * ni + std::min(ni - 1, std::size_t(t / cal.interval_s))] += 1.0 / days_of[w];
  }
  for (std::size_t k = 0; k < types.size(); ++k) {
    for (double& x : arrivals[k]) x = round_to(x, 4);
    types[k]["arrivals"] = {{"per_interval", arrivals[k]}};
  }
  auto& horizon = cal.scenario["horizon"];
  horizon["days"] = 7;
  const std::int32_t first = cal.days.front();
  horizon["start_date"] = day_label(first - std::int32_t(monday_based(first)));
  auto& staff = cal.scenario["agent_groups"][0]["staff"];
  if (!staff.contains("shifts")) return;
  const double close = cal.interval_s * double(cal.intervals);
  nlohmann::ordered_json week = nlohmann::ordered_json::array();
  for (std::size_t w = 0; w < 7; ++w) {
    if (days_of[w] == 0) continue;
    for (const auto& shift : staff["shifts"]) {
      const double offset = double(w) * Horizon::kDayS;
      week.push_back({{"start_s", shift["start_s"].get<double>() + offset},
                      {"end_s", std::min(shift["end_s"].get<double>(), close) + offset},
                      {"count", shift["count"]}});
    }
  }
  staff = week.empty() ? nlohmann::ordered_json{{"count", 0}}
                       : nlohmann::ordered_json{{"shifts", week}};
}

}  // namespace

Calibration calibrate(const ContactLog& log, const CalibrateOptions& options) {
  Calibration cal;
  cal.source = log.source;
  cal.format = log.format;
  cal.origin = log.origin;
  cal.interval_s = options.interval_s;
  cal.min_interval_observations = options.min_interval_observations;
  cal.min_interval_abandonments = options.min_interval_abandonments;
  if (options.week && options.predict_days) {
    cal.error = "a prediction of other days is one typical day, not a week";
    cal.error_in = Calibration::ErrorIn::PredictDays;
    return cal;
  }
  if (options.week && log.origin != LogOrigin::Midnight) {
    cal.error = log.source + ": a week needs a log with dates (this one counts replications)";
    return cal;
  }
  std::vector<bool> type_used;
  if (!select_types(log, options, type_used, cal)) return cal;
  const std::vector<const LoggedContact*> queued = queued_contacts(log, options, type_used, cal);
  if (cal.days.empty()) {
    cal.error = no_contact_on_days(log, options.days);
    return cal;
  }
  double end = 0;
  if (!choose_horizon(log, options, queued, cal, end)) return cal;
  std::vector<std::vector<double>> arrivals;
  const std::vector<const LoggedContact*> used =
      contacts_in_horizon(queued, end, log.types.size(), cal, arrivals);
  if (used.empty()) {
    cal.error = log.source + ": no contact reached the agent queue within the horizon " +
                clock_text(cal.start_s) + " to " + clock_text(end);
    return cal;
  }
  const std::vector<std::size_t> order = scenario_type_order(log, type_used, arrivals);
  std::vector<int> type_index;
  std::vector<TypeCalibration> types;
  if (!calibrate_types(log, options, used, arrivals, order, type_index, cal, types)) return cal;
  cal.staffing = activity_estimate(log, options, order, type_index, cal);
  const std::string name = scenario_name(log, options, cal);
  const ScenarioWithProfile scenario = [&](const std::vector<double>& profile) {
    return scenario_json(name, options.interval_s, cal.intervals, cal.start_s, options, types,
                         profile);
  };
  if (options.staffing != StaffingMethod::Activity) {
    const StaffingFitSettings settings{options.staffing, options.replications, options.seed,
                                       options.threads};
    fit_staffing(cal.staffing, used, cal.start_s, options.interval_s, settings, scenario);
  }
  if (options.predict_days) {
    const ScenarioWithArrivals other_days = [&](const std::vector<std::vector<double>>& arrivals,
                                                const std::vector<double>& profile) {
      return scenario_json(name, options.interval_s, cal.intervals, cal.start_s, options,
                           with_arrivals(types, arrivals), profile);
    };
    const std::vector<double> profile =
        predict_days({log, options, order, type_index, other_days}, cal);
    if (cal.error) return cal;
    cal.scenario = other_days(cal.prediction->arrivals, profile);
    if (cal.prediction->availability_cv > 0) {
      cal.scenario["agent_groups"][0]["availability_cv"] =
          round_to(std::min(cal.prediction->availability_cv, kMaxVolumeCv), 3);
    }
    cal.types = std::move(types);
    return cal;
  }
  cal.scenario = scenario(cal.staffing.available);
  if (options.week) make_week(used, type_index, cal);
  cal.types = std::move(types);
  return cal;
}

}  // namespace ccsim
