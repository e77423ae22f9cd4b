#include "models/planning/transient_model.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <set>
#include <string>

#include "models/io/text.h"
#include "models/planning/transient_group.h"
#include "models/queueing/transient.h"

namespace ccsim {

using namespace transient_detail;

namespace {

std::string type_path(int k) {
  return "contact_types[" + std::to_string(k) + "]";
}
std::string group_path(int g) {
  return "agent_groups[" + std::to_string(g) + "]";
}

// The mean of `d` in interval k (per-interval means, or the one mean).
double interval_mean(const Distribution& d, int k) {
  return d.mean_s_by_interval.empty() ? d.mean_s : d.mean_s_by_interval[std::size_t(k)];
}

// For each contact type, the agent groups skilled for it.
std::vector<std::vector<int>> groups_by_type(const Scenario& sc) {
  std::vector<std::vector<int>> out(sc.contact_types.size());
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    for (int k : sc.agent_groups[g].skills) out[std::size_t(k)].push_back(int(g));
  }
  return out;
}

// What the chain needs of a contact type in interval i, served by group g.
struct TypeRates {
  double agent_time_s = 0, talk_s = 0, patience_s = 0;  // patience 0: never abandons
  int priority = 0;
  double threshold_s = 0;
  bool operator==(const TypeRates&) const = default;
};

TypeRates type_rates(const Scenario& sc, int k, int g, int i) {
  const ContactType& ct = sc.contact_types[std::size_t(k)];
  const double speed = sc.agent_groups[std::size_t(g)].speed_factor;
  TypeRates r;
  r.talk_s = interval_mean(ct.handle_time, i) * speed;
  r.agent_time_s = r.talk_s + (ct.wrap_up ? interval_mean(*ct.wrap_up, i) * speed : 0.0);
  if (const Distribution* p = queue_patience(ct)) r.patience_s = interval_mean(*p, i);
  r.priority = ct.priority;
  r.threshold_s = ct.service_level.threshold_s;
  return r;
}

// The rates of group g's chain in interval i. Exact mode: its types agree (checked), so the
// first one's. Pooled (TransientOptions::pooled): agent time the mean over the types weighted
// by their queued arrivals (a plain mean without arrivals), abandonment rate the same weighted
// mean of 1/patience (0 for types that never abandon), threshold the first type's.
TypeRates pool_rates(const Scenario& sc, int g, int i, bool pooled) {
  const std::vector<int>& skills = sc.agent_groups[std::size_t(g)].skills;
  TypeRates first = type_rates(sc, skills.front(), g, i);
  if (!pooled || skills.size() == 1) return first;
  double volume = 0, work = 0, hazard = 0, plain = 0, plain_hazard = 0;
  for (int k : skills) {
    const ContactType& ct = sc.contact_types[std::size_t(k)];
    const TypeRates r = type_rates(sc, k, g, i);
    const double x = expected_arrivals(ct, sc.horizon, i) * share_to_agents(ct);
    const double h = r.patience_s > 0 ? 1.0 / r.patience_s : 0.0;
    volume += x, work += x * r.agent_time_s, hazard += x * h;
    plain += r.agent_time_s, plain_hazard += h;
  }
  const double n = double(skills.size());
  first.agent_time_s = volume > 0 ? work / volume : plain / n;
  const double theta = volume > 0 ? hazard / volume : plain_hazard / n;
  first.patience_s = theta > 0 ? 1.0 / theta : 0.0;
  return first;
}

void refuse_flows(const ContactType& ct, const std::string& path, std::vector<std::string>& out) {
  const std::string tail =
      " is not part of the transient model (a birth-death chain of one queue); run the "
      "simulation instead";
  if (ct.arrivals.kind == Arrivals::Kind::Trace) {
    out.push_back(path +
                  ".arrivals.trace: the transient model needs Poisson arrivals "
                  "(rate_per_hour or per_interval)");
  }
  if (ct.arrivals.volume_cv > 0) {
    out.push_back(path +
                  ".arrivals.volume_cv: the transient model takes the forecast as exact (the "
                  "simulation draws each day's error)");
  }
  if (ct.chatbot) out.push_back(path + ".chatbot" + tail);
  if (ct.priority_per_minute_waited > 0) out.push_back(path + ".priority_per_minute_waited" + tail);
  if (!ct.levels_after_s.empty()) out.push_back(path + ".levels_after_s" + tail);
  if (ct.silent_abandonment && ct.silent_abandonment->share > 0) {
    out.push_back(path + ".silent_abandonment" + tail);
  }
  if (ct.callback) out.push_back(path + ".callback" + tail);
  if (ct.retrial) out.push_back(path + ".retrial" + tail);
  if (!ct.transfers.empty()) out.push_back(path + ".transfers" + tail);
  if (ct.channel_switch) out.push_back(path + ".channel_switch" + tail);
  if (ct.balk) out.push_back(path + ".balk" + tail);
  if (ct.lines) out.push_back(path + ".lines" + tail);
  if (ct.max_queue) out.push_back(path + ".max_queue" + tail);
  if (ct.max_expected_wait_s) out.push_back(path + ".max_expected_wait_s" + tail);
  if (ct.max_wait_s) out.push_back(path + ".max_wait_s" + tail);
}

// Handle times and patience that are not exponential: refused, or (pooled) noted in `out`.
void check_shapes(const ContactType& ct, const std::string& path, bool pooled,
                  std::vector<std::string>& out) {
  const auto check = [&](const Distribution* d, const std::string& key, const char* what) {
    if (!d || d->kind == DistKind::Exponential) return;
    if (pooled) {
      out.push_back(path + "." + key + ": " + dist_name(d->kind) +
                    " taken as exponential of the same mean.");
    } else {
      out.push_back(path + "." + key + ": the transient model needs an exponential " + what +
                    ", not " + dist_name(d->kind));
    }
  };
  check(&ct.handle_time, "handle_time", "handle time");
  check(queue_patience(ct), "patience", "patience");
}

void refuse_groups(const Scenario& sc, std::vector<std::string>& out) {
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    const AgentGroup& group = sc.agent_groups[g];
    if (group.concurrency > 1) {
      out.push_back(group_path(int(g)) +
                    ".concurrency: the transient model needs one contact per agent (1), not " +
                    std::to_string(group.concurrency));
    }
    if (!group.handle_times.empty()) {
      out.push_back(group_path(int(g)) +
                    ".handle_times: the transient model needs the contact types' own handle times");
    }
    for (std::size_t i = 0; i < group.skill_levels.size(); ++i) {
      if (group.skill_levels[i] != 1) {
        out.push_back(group_path(int(g)) + ".skills[" + std::to_string(i) +
                      "].level: the transient model needs every skill at level 1, not " +
                      std::to_string(group.skill_levels[i]));
      }
    }
  }
}

// Types sharing group g must agree in every interval on what the chain needs.
void refuse_mixed_pools(const Scenario& sc, const std::vector<std::vector<int>>& by_type,
                        std::vector<std::string>& out) {
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    const std::vector<int>& skills = sc.agent_groups[g].skills;
    for (std::size_t j = 1; j < skills.size(); ++j) {
      const int a = skills[0], b = skills[j];
      if (by_type[std::size_t(b)].size() != 1 || by_type[std::size_t(a)].size() != 1) continue;
      for (int i = 0; i < sc.horizon.interval_count(); ++i) {
        if (type_rates(sc, a, int(g), i) == type_rates(sc, b, int(g), i)) continue;
        out.push_back(type_path(b) + ": shares agent group \"" + sc.agent_groups[g].name +
                      "\" with \"" + sc.contact_types[std::size_t(a)].name +
                      "\" but differs in mean handle time, wrap-up, patience, priority or "
                      "service-level threshold (from interval " +
                      std::to_string(i) +
                      " on); the transient model needs one queue of like contacts per group");
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The chain of one group

// Times at which the rates of group g's chain may change: interval bounds, staffing changes,
// the end of the warm-up; sorted, from 0 to the horizon's end.
std::vector<double> breakpoints(const Scenario& sc, const std::vector<StaffChange>& staff) {
  const Horizon& h = sc.horizon;
  std::set<double> t{0.0, h.end_s()};
  for (int i = 0; i < h.interval_count(); ++i) {
    t.insert(h.interval_start_s(i));
    t.insert(std::min(h.end_s(), h.interval_start_s(i) + h.interval_s));
  }
  for (const StaffChange& c : staff) {
    if (c.time_s > 0 && c.time_s < h.end_s()) t.insert(c.time_s);
  }
  if (sc.simulation.warmup_s > 0 && sc.simulation.warmup_s < h.end_s()) {
    t.insert(sc.simulation.warmup_s);
  }
  return {t.begin(), t.end()};
}

int agents_at(const std::vector<StaffChange>& staff, double t) {
  int n = 0;
  for (const StaffChange& c : staff) {
    if (c.time_s > t) break;
    n = c.agents;
  }
  return n;
}

// Adds the segment's figures of its arrivals to the cells of the group's types, in proportion
// to their arrivals (they share one FIFO queue with the same rates).
void add_arrivals(const Scenario& sc, int g, int i, const transient::Segment& seg,
                  const transient::SegmentResult& r, std::vector<std::vector<Cell>>& cells) {
  const Horizon& h = sc.horizon;
  for (int k : sc.agent_groups[std::size_t(g)].skills) {
    const ContactType& ct = sc.contact_types[std::size_t(k)];
    const double rate = expected_arrivals(ct, h, i) / h.interval_s;  // before self-service
    const double queued = rate * share_to_agents(ct) * seg.length_s;
    const double share = r.arrivals > 0 ? queued / r.arrivals : 0.0;
    const TypeRates rates = type_rates(sc, k, g, i);
    Cell& c = cells[std::size_t(i)][std::size_t(k)];
    c.offered += rate * seg.length_s;
    c.deflected += rate * seg.length_s - queued;
    c.queued += queued;
    c.answered += share * r.answered;
    c.within += share * r.answered_within;
    c.wait_s += share * r.answered_wait_s;
    c.abandoned += share * r.abandoned;
    c.abandon_wait_s += share * r.abandoned_wait_s;
    c.unserved += share * r.unserved;
    c.talk_s += share * r.answered * rates.talk_s;
    c.agent_time_s += share * r.answered * rates.agent_time_s;
  }
}

// The segment of group g from t to `end_s` with `agents` serving, and its interval (-1 between
// days: closed, no arrivals).
transient::Segment segment_at(const Scenario& sc, int g, bool pooled, double t, double end_s,
                              int agents, int& interval) {
  const Horizon& h = sc.horizon;
  const int i = h.interval_at(t);
  const bool open = t >= h.interval_start_s(i) && t < h.interval_start_s(i) + h.interval_s;
  const TypeRates rates = pool_rates(sc, g, i, pooled);
  transient::Segment seg;
  seg.length_s = end_s - t;
  seg.agents = agents;
  seg.service_per_s = 1.0 / rates.agent_time_s;
  seg.abandon_per_s = rates.patience_s > 0 ? 1.0 / rates.patience_s : 0.0;
  seg.threshold_s = rates.threshold_s;
  interval = open ? i : -1;
  if (open) {
    for (int k : sc.agent_groups[std::size_t(g)].skills) {
      const ContactType& ct = sc.contact_types[std::size_t(k)];
      seg.arrivals_per_s += expected_arrivals(ct, h, i) * share_to_agents(ct) / h.interval_s;
    }
  }
  return seg;
}

void record(const Scenario& sc, int g, int i, bool counted, const transient::Segment& seg,
            const transient::SegmentResult& r, Sink& sink) {
  sink.totals.abandoned_tagged += r.abandoned;
  sink.totals.abandonment_flow += r.abandonments;
  sink.totals.waits_s += r.answered_wait_s + r.abandoned_wait_s;
  sink.totals.queue_s += r.queue_time_s;
  sink.totals.offered += r.arrivals;
  if (i < 0 || !counted) return;
  add_arrivals(sc, g, i, seg, r, sink.cells);
  GroupCell& gc = sink.group_cells[std::size_t(i)][std::size_t(g)];
  gc.busy_agent_s += r.busy_agent_s;
  gc.agent_s += seg.agents * seg.length_s;
  gc.window_s += seg.length_s;
}

// E[contacts waiting] now, with `agents` serving.
double waiting_now(const transient::Chain& chain, int agents) {
  return chain.expected([&](int n) { return double(std::max(n - agents, 0)); });
}

// ---------------------------------------------------------------------------------------------
// Results

KpiEstimate exact(double v) {
  return sim::Estimate{v, 0.0, 0};  // n 0: exact, not from replications
}
KpiEstimate exact_ratio(double num, double den) {
  return den > 0 ? exact(num / den) : KpiEstimate{};
}

void add_cell(Cell& to, const Cell& c) {
  to.offered += c.offered, to.deflected += c.deflected, to.queued += c.queued;
  to.answered += c.answered, to.within += c.within, to.wait_s += c.wait_s;
  to.abandoned += c.abandoned, to.abandon_wait_s += c.abandon_wait_s, to.unserved += c.unserved;
  to.talk_s += c.talk_s, to.agent_time_s += c.agent_time_s;
  if (c.backlog_end) to.backlog_end = to.backlog_end.value_or(0.0) + *c.backlog_end;
}

ContactKpis contact_kpis(const Cell& c) {
  ContactKpis k;
  auto set = [&](Kpi q, KpiEstimate e) { k.kpi[static_cast<std::size_t>(q)] = e; };
  for (Kpi q : {Kpi::Retrials, Kpi::Contained, Kpi::BotAbandoned, Kpi::CallbacksOffered,
                Kpi::CallbacksAccepted, Kpi::CallbacksCompleted, Kpi::CallbacksFailed, Kpi::Balked,
                Kpi::Transfers, Kpi::TransfersIn, Kpi::Blocked, Kpi::Overflowed, Kpi::OverflowIn,
                Kpi::Messages, Kpi::MessagesIn}) {
    set(q, exact(0.0));
  }
  set(Kpi::Offered, exact(c.offered));
  set(Kpi::FirstAttempts, exact(c.offered));
  set(Kpi::Deflected, exact(c.deflected));
  set(Kpi::Queued, exact(c.queued));
  set(Kpi::Answered, exact(c.answered));
  set(Kpi::Abandoned, exact(c.abandoned));
  set(Kpi::Unserved, exact(c.unserved));
  set(Kpi::AbandonRate, exact_ratio(c.abandoned, c.answered + c.abandoned));
  set(Kpi::Asa, exact_ratio(c.wait_s, c.answered));
  set(Kpi::Frt, exact_ratio(c.wait_s, c.answered));
  set(Kpi::ServiceLevel, exact_ratio(c.within, c.answered + c.abandoned));
  set(Kpi::Aht, exact_ratio(c.agent_time_s, c.answered));
  set(Kpi::Art, exact_ratio(c.wait_s + c.talk_s, c.answered));
  set(Kpi::AbandonWait, exact_ratio(c.abandon_wait_s, c.abandoned));
  set(Kpi::TransferRate, exact_ratio(0.0, c.answered));
  set(Kpi::Fcr, exact_ratio(c.answered, c.answered));
  set(Kpi::BlockRate, exact_ratio(0.0, c.offered));
  if (c.backlog_end) set(Kpi::BacklogEnd, exact(*c.backlog_end));
  return k;
}

GroupKpis group_kpis_of(const GroupCell& c) {
  GroupKpis k;
  k.kpi[static_cast<std::size_t>(GroupKpi::Occupancy)] = exact_ratio(c.busy_agent_s, c.agent_s);
  k.kpi[static_cast<std::size_t>(GroupKpi::Utilisation)] = exact_ratio(c.busy_agent_s, c.agent_s);
  k.kpi[static_cast<std::size_t>(GroupKpi::Agents)] = exact_ratio(c.agent_s, c.window_s);
  return k;
}

// Sums of cells over a span of intervals (a day, the horizon): per type, and all types.
struct Span {
  std::vector<Cell> cells;
  std::vector<GroupCell> groups;
  Span(std::size_t types, std::size_t n_groups) : cells(types + 1), groups(n_groups) {}
  void add(const std::vector<Cell>& row, const std::vector<GroupCell>& group_row) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      Cell c = row[k];
      c.backlog_end.reset();  // a state at the interval's end, not summed over intervals
      add_cell(cells[k], c);
    }
    for (std::size_t g = 0; g < group_row.size(); ++g) {
      groups[g].busy_agent_s += group_row[g].busy_agent_s;
      groups[g].agent_s += group_row[g].agent_s;
      groups[g].window_s += group_row[g].window_s;
    }
  }
  std::vector<ContactKpis> contact_kpis_all() const {
    Cell all;
    for (std::size_t k = 0; k + 1 < cells.size(); ++k) add_cell(all, cells[k]);
    std::vector<ContactKpis> out;
    for (std::size_t k = 0; k + 1 < cells.size(); ++k) out.push_back(contact_kpis(cells[k]));
    out.push_back(contact_kpis(all));
    return out;
  }
  std::vector<GroupKpis> group_kpis_all() const {
    std::vector<GroupKpis> out;
    for (const GroupCell& c : groups) out.push_back(group_kpis_of(c));
    return out;
  }
};

Results results_of(const Scenario& sc, const std::vector<std::vector<Cell>>& cells,
                   const std::vector<std::vector<GroupCell>>& group_cells) {
  Results r;
  r.scenario = sc.name;
  r.seed = sc.simulation.seed;
  for (const ContactType& ct : sc.contact_types) r.types.push_back(ct.name);
  for (const AgentGroup& g : sc.agent_groups) r.groups.push_back(g.name);
  const std::size_t types = r.types.size(), groups = r.groups.size();
  const Horizon& h = sc.horizon;
  Span horizon(types, groups);
  std::vector<Span> days(std::size_t(h.days), Span(types, groups));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    r.interval_start_s.push_back(h.interval_start_s(int(i)));
    r.interval_day.push_back(h.day_of(int(i)));
    Cell all;
    std::vector<ContactKpis> row;
    for (std::size_t k = 0; k < types; ++k) {
      add_cell(all, cells[i][k]);
      row.push_back(contact_kpis(cells[i][k]));
    }
    row.push_back(contact_kpis(all));
    r.intervals.push_back(row);
    std::vector<GroupKpis> group_row;
    for (const GroupCell& c : group_cells[i]) group_row.push_back(group_kpis_of(c));
    r.group_intervals.push_back(group_row);
    horizon.add(cells[i], group_cells[i]);
    days[std::size_t(h.day_of(int(i)))].add(cells[i], group_cells[i]);
  }
  r.totals = horizon.contact_kpis_all();
  r.group_totals = horizon.group_kpis_all();
  if (h.days > 1) {
    for (const Span& d : days) {
      r.days.push_back(d.contact_kpis_all());
      r.group_days.push_back(d.group_kpis_all());
    }
  }
  withhold_unpooled(r, sc);
  return r;
}

std::vector<std::string> assumptions_of(const Scenario& sc, bool pooled) {
  std::vector<std::string> out{
      "Arrivals are Poisson at each interval's expected rate; handle times and patience are "
      "exponential.",
      "A contact's wait is worked out with the agents and rates of the moment it arrives; a "
      "change of staffing during its wait is not seen by it (abandonment_gap and little_gap "
      "measure the effect).",
      "When staffing falls, idle agents leave at once and busy ones one by one at the expected "
      "times they finish their contact (the simulation lets each one finish).",
      "A ratio (ASA, service level, abandon rate) is a ratio of expected counts; the "
      "simulation's is a mean over replications of each one's ratio."};
  if (pooled) {
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      check_shapes(sc.contact_types[k], type_path(int(k)), true, out);
    }
    for (const AgentGroup& g : sc.agent_groups) {
      if (g.skills.size() < 2) continue;
      out.push_back(
          "agent group \"" + g.name +
          "\": its contact types are pooled into one FIFO queue (priorities ignored) with "
          "their arrival-weighted mean agent time and abandonment rate; each type gets "
          "the pool's waits.");
    }
  }
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    if (sc.contact_types[k].wrap_up) {
      out.push_back(type_path(int(k)) +
                    ": talk and wrap-up are taken as one exponential agent time of their summed "
                    "mean.");
    }
  }
  return out;
}

}  // namespace

namespace transient_detail {

Sink::Sink(const Scenario& sc)
    : cells(std::size_t(sc.horizon.interval_count()), std::vector<Cell>(sc.contact_types.size())),
      group_cells(std::size_t(sc.horizon.interval_count()),
                  std::vector<GroupCell>(sc.agent_groups.size())) {}

void Serving::change(int target, double t, double mu, const transient::Chain& chain) {
  leave_at.clear();
  if (target >= serving || t <= 0.0) {
    serving = target;
  } else {
    const int before = serving;
    const double busy_above =
        chain.expected([&](int n) { return double(std::max(std::min(n, before) - target, 0)); });
    const int m = int(std::lround(busy_above));
    serving = target + m;
    double when = t;
    for (int i = m; i > 0; --i) leave_at.push_back(when += 1.0 / (double(i) * mu));
  }
  level = target;
}

void Serving::leave_until(double t) {
  while (!leave_at.empty() && leave_at.front() <= t) leave_at.pop_front(), --serving;
}

GroupChain::GroupChain(const Scenario& sc, int g, bool pooled, std::vector<StaffChange> net,
                       bool count_all)
    : sc_(&sc), g_(g), pooled_(pooled), count_all_(count_all), net_(std::move(net)) {
  points_ = breakpoints(sc, net_);
}

void GroupChain::set_agents_from(double t, int agents) {
  while (!net_.empty() && net_.back().time_s >= t) net_.pop_back();
  net_.push_back({t, agents});
}

void GroupChain::advance_to(double until, Sink& sink) {
  const Scenario& sc = *sc_;
  const Horizon& h = sc.horizon;
  const std::vector<int>& skills = sc.agent_groups[std::size_t(g_)].skills;
  while (t_ < until) {
    // While the centre is closed the agents on duty at closing stay until those waiting are
    // served (as in the simulation; nothing arrives then); the staffing applies again at opening.
    const int target = agents_at(net_, t_);
    if (t_ == 0.0 || (target != serving_.level && !h.closed_at(t_))) {
      const double mu = 1.0 / pool_rates(sc, g_, h.interval_at(t_), pooled_).agent_time_s;
      serving_.change(target, t_, mu, chain_);
    }
    serving_.leave_until(t_);
    while (next_point_ < points_.size() && points_[next_point_] <= t_) ++next_point_;
    double end = next_point_ < points_.size() ? points_[next_point_] : h.end_s();
    if (!serving_.leave_at.empty()) end = std::min(end, serving_.leave_at.front());
    end = std::min(end, until);
    int i = -1;
    const int agents_before = last_.agents;
    last_ = segment_at(sc, g_, pooled_, t_, end, serving_.serving, i);
    if (previous_ >= 0 && i != previous_ && skills.size() == 1) {
      // The interval before ended at t: the contacts then waiting. New agents at t answer at
      // once; when agents leave, those in service stay in service (as in the simulation).
      sink.cells[std::size_t(previous_)][std::size_t(skills[0])].backlog_end =
          waiting_now(chain_, std::max(agents_before, last_.agents));
    }
    const bool counted = count_all_ || t_ >= sc.simulation.warmup_s;
    record(sc, g_, i, counted, last_, chain_.advance(last_), sink);
    if (i >= 0) previous_ = i;
    t_ = end;
  }
}

void GroupChain::finish(Sink& sink, TransientRun& run) {
  const std::vector<int>& skills = sc_->agent_groups[std::size_t(g_)].skills;
  if (previous_ >= 0 && skills.size() == 1) {
    sink.cells[std::size_t(previous_)][std::size_t(skills[0])].backlog_end =
        waiting_now(chain_, last_.agents);
  }
  const transient::Drain drain = chain_.drain(last_);
  sink.totals.abandonment_flow += drain.abandonments;
  sink.totals.queue_s += drain.queue_time_s;
  run.truncated_mass += chain_.truncated_mass();
  run.uniformisation_steps += chain_.uniformisation_steps();
}

}  // namespace transient_detail

TransientRun run_transient(const Scenario& sc, const TransientOptions& options) {
  TransientRun run;
  Sink sink(sc);
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    if (sc.agent_groups[g].skills.empty()) continue;
    GroupChain chain(sc, int(g), options.pooled,
                     net_staffing_schedule(sc.agent_groups[g], sc.horizon), false);
    chain.advance_to(sc.horizon.end_s(), sink);
    chain.finish(sink, run);
  }
  run.results = results_of(sc, sink.cells, sink.group_cells);
  run.assumptions = assumptions_of(sc, options.pooled);
  const Totals& totals = sink.totals;
  if (totals.offered > 0) {
    run.abandonment_gap =
        std::abs(totals.abandoned_tagged - totals.abandonment_flow) / totals.offered;
  }
  if (totals.queue_s > 0)
    run.little_gap = std::abs(totals.waits_s - totals.queue_s) / totals.queue_s;
  return run;
}

std::vector<std::string> transient_refusals(const Scenario& sc, const TransientOptions& options) {
  std::vector<std::string> out;
  const std::vector<std::vector<int>> by_type = groups_by_type(sc);
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    refuse_flows(sc.contact_types[k], type_path(int(k)), out);
    if (!options.pooled) check_shapes(sc.contact_types[k], type_path(int(k)), false, out);
    if (by_type[k].empty()) {
      out.push_back(type_path(int(k)) + ": no agent group is skilled for it");
    } else if (by_type[k].size() > 1) {
      std::string names;
      for (int g : by_type[k]) {
        names += (names.empty() ? "\"" : ", \"") + sc.agent_groups[std::size_t(g)].name + "\"";
      }
      out.push_back(type_path(int(k)) + ": served by agent groups " + names +
                    "; the transient model needs each contact type served by one group");
    }
  }
  if (sc.simulation.volume_cv > 0) {
    out.push_back(
        "simulation.volume_cv: the transient model takes the forecast as exact (the simulation "
        "draws each day's error)");
  }
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    if (sc.agent_groups[g].availability_cv > 0) {
      out.push_back("agent_groups[" + std::to_string(g) +
                    "].availability_cv: the transient model takes the agents on duty as exact "
                    "(the simulation draws each day's)");
    }
  }
  if (!sc.trunks.empty()) {
    out.push_back(
        "trunks is not part of the transient model (a birth-death chain of one queue); run the "
        "simulation instead");
  }
  if (!sc.callback_slots.empty()) {
    out.push_back(
        "callback_slots is not part of the transient model (it has no callbacks); run the "
        "simulation instead");
  }
  if (!sc.outbound.empty()) {
    out.push_back(
        "outbound is not part of the transient model (a birth-death chain of one queue); run "
        "the simulation instead");
  }
  if (!sc.initial_state.empty()) {
    out.push_back(
        "initial_state is not part of the transient model (it starts empty); run the simulation "
        "instead");
  }
  refuse_groups(sc, out);
  if (out.empty() && !options.pooled) refuse_mixed_pools(sc, by_type, out);
  return out;
}

}  // namespace ccsim
