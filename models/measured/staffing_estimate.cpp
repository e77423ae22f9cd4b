#include "models/measured/staffing_estimate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace ccsim {

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
// Where agent time goes: the horizon starting at `origin`, its intervals, the profile's slots.
struct Bins {
  double origin, interval_s, slot_s;
  std::size_t intervals;
};

// The types each agent served (answered contacts) on the selected days.
std::map<std::int32_t, std::vector<bool>> skills_of(
    const std::vector<const LoggedContact*>& contacts, std::size_t n_types,
    const std::vector<int>& type_index) {
  std::map<std::int32_t, std::vector<bool>> skills;
  for (const LoggedContact* c : contacts) {
    if (c->outcome != LoggedOutcome::Answered || c->agent < 0) continue;
    auto& s = skills[c->agent];
    if (s.empty()) s.assign(n_types, false);
    s[std::size_t(type_index[std::size_t(c->type)])] = true;
  }
  return skills;
}

// One named agent's day: available while serving (`busy`, merged services) and, in each idle
// gap, from the end of the last `waiting` span it could have served (or the gap's start) on.
void add_agent_day(StaffingEstimate& est, const Bins& bins, const std::vector<Span>& busy,
                   const std::vector<Span>& waiting) {
  for (std::size_t k = 0; k < busy.size(); ++k) {
    add_span(est.available, bins.origin, bins.slot_s, busy[k].a, busy[k].b);
    add_span(est.busy, bins.origin, bins.interval_s, busy[k].a, busy[k].b);
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
    add_span(est.available, bins.origin, bins.slot_s, from, gap_end);
  }
  add_span(est.logged_in, bins.origin, bins.interval_s, busy.front().a, busy.back().b);
  add_span(est.logged_in_slots, bins.origin, bins.slot_s, busy.front().a, busy.back().b);
  // Distinct agents: those with a service overlapping the interval.
  std::vector<double> touched(bins.intervals, 0.0);
  for (const Span& s : busy) add_span(touched, bins.origin, bins.interval_s, s.a, s.b);
  for (std::size_t i = 0; i < bins.intervals; ++i) est.distinct[i] += touched[i] > 0 ? 1.0 : 0.0;
}

// One day's contacts `list` into the totals of `est`.
void add_day(StaffingEstimate& est, const Bins& bins, const std::vector<const LoggedContact*>& list,
             std::size_t n_types, const std::vector<int>& type_index,
             std::map<std::int32_t, std::vector<bool>>& skills) {
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
      add_span(est.available, bins.origin, bins.slot_s, s.a, s.b);
      add_span(est.busy, bins.origin, bins.interval_s, s.a, s.b);
      add_span(est.logged_in, bins.origin, bins.interval_s, s.a, s.b);
      add_span(est.logged_in_slots, bins.origin, bins.slot_s, s.a, s.b);
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
    add_agent_day(est, bins, merge_spans(spans), it->second);
  }
}

// The totals of `est` over `n_days` days as day averages (agents).
void to_day_averages(StaffingEstimate& est, const Bins& bins, std::size_t n_days,
                     const std::vector<double>& bww_num, const std::vector<double>& bww_den) {
  const double d = double(std::max<std::size_t>(n_days, 1));
  for (double& x : est.available) x /= d * bins.slot_s;
  for (double& x : est.logged_in_slots) x /= d * bins.slot_s;
  const auto per_slot = std::size_t(std::llround(bins.interval_s / bins.slot_s));
  for (std::size_t i = 0; i < bins.intervals; ++i) {
    est.busy[i] /= d * bins.interval_s;
    est.logged_in[i] /= d * bins.interval_s;
    est.distinct[i] /= d;
    est.available_mean[i] = mean_available(est, i, per_slot);
  }
  est.busy_while_waiting.resize(bins.intervals);
  for (std::size_t i = 0; i < bins.intervals; ++i) {
    est.busy_while_waiting[i] = bww_den[i] > 0 ? bww_num[i] / bww_den[i] : 0.0;
  }
}

}  // namespace

double mean_available(const StaffingEstimate& est, std::size_t interval, std::size_t per_slot) {
  double sum = 0;
  for (std::size_t j = 0; j < per_slot; ++j) sum += est.available[interval * per_slot + j];
  return sum / double(per_slot);
}

StaffingEstimate estimate_staffing(const std::vector<const LoggedContact*>& contacts,
                                   std::size_t n_days, std::size_t n_types,
                                   const std::vector<int>& type_index, double origin,
                                   double interval_s, int intervals, double slot_s) {
  const Bins bins{origin, interval_s, slot_s, std::size_t(intervals)};
  StaffingEstimate est;
  est.slot_s = slot_s;
  est.available.assign(std::size_t(std::llround(interval_s * intervals / slot_s)), 0.0);
  est.busy.assign(bins.intervals, 0.0);
  est.available_mean.assign(bins.intervals, 0.0);
  est.distinct.assign(bins.intervals, 0.0);
  est.logged_in.assign(bins.intervals, 0.0);
  est.logged_in_slots.assign(est.available.size(), 0.0);
  std::vector<double> bww_num(bins.intervals, 0.0), bww_den(bins.intervals, 0.0);
  std::map<std::int32_t, std::vector<bool>> skills = skills_of(contacts, n_types, type_index);
  std::map<std::int32_t, std::vector<const LoggedContact*>> by_day;
  for (const LoggedContact* c : contacts) by_day[c->day].push_back(c);
  for (const auto& [day, list] : by_day) {
    add_day(est, bins, list, n_types, type_index, skills);
    busy_while_waiting(list, origin, interval_s, bww_num, bww_den);
  }
  to_day_averages(est, bins, n_days, bww_num, bww_den);
  return est;
}

}  // namespace ccsim
