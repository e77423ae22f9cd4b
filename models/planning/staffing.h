// Staffing: the agents each group needs in each interval to meet the scenario's targets.
//
// Targets come from the scenario: per contact type `service_level` (only when given,
// has_service_level_target), `max_abandon_rate` and `max_asa_s`, judged per interval on the
// KPIs of the contacts that arrived in it; per agent group `max_occupancy` and
// `max_utilisation`, judged per interval on the group's occupancy and utilisation.
//
// Three methods (Method):
//
// Transient. The transient model's staffing (transient_model.h: transient_staffing), searched
// from the Erlang staffing below; the scenario must fit that model (else errors). Its KPIs are
// those of one simulation of it, as for Erlang.
//
// Erlang. Each contact type in each interval is one stationary queue (analytic_queue): Erlang A
// when the contact has patience, else Erlang C; its requirement is the fewest servers meeting
// the type's targets (erlang::min_agents). A type's servers go to the groups skilled for it in
// proportion to split_weights(); a group's agents are its servers ÷ concurrency, rounded up,
// and at least its offered load ÷ (concurrency × cap), cap the tighter of max_occupancy and
// max_utilisation (both bound busy slots ÷ slots at the analytic load). Scheduled =
// scheduled_agents(net, shrinkage) (scenario.h: the fewest agents whose net of shrinkage, as the
// simulation rounds it, is net). Pooling between types (a multi-skilled agent serving two queues)
// is ignored, so the answer errs on the safe side; the simulation method recovers it.
//
// Simulation. It starts from the transient staffing when the scenario fits the transient model
// and Options::start_from_transient, else from the Erlang staffing. Every simulation covers the
// whole horizon with the same seed and replication indices (common random numbers: each
// contact's arrival, handle time and patience come from its own streams, whatever the
// staffing), so two staffings are compared on the same contacts. Phases, all within a budget of
// simulations:
//   1. Search: for every (group, interval) at once, a bracket between the most agents seen to
//      miss one of its targets and the fewest seen to meet them all (its targets: its caps in
//      the interval, and the targets there of every contact type it is skilled for); galloping
//      (steps of 10% of the start, doubling) while one side is unknown, then bisection, each
//      simulation trying the next candidate of every open bracket. Meeting is monotone in the
//      agents of the interval (more agents, shorter waits, lower occupancy); a miss above a
//      staffing seen to meet (its neighbours differed then) reopens the bracket upwards. Ends
//      with every bracket closed, at the fewest agents seen to meet.
//   2. Repair: while a target is missed, add one agent in the interval to every group skilled
//      for the contact type missing it (or raise the capped group to busy ÷ cap).
//   3. Flatten: per set of groups linked by shared contact types, consecutive intervals in
//      which they see the same load (every type they are skilled for has the same analytic
//      queue, and each group the same shrinkage) get the same agents per group: those of the
//      interval among them (but the first) with the most agents in all. The first keeps its
//      own when they differ as the queue carried over from the interval before explains: more
//      after a higher load, fewer after a lower one (Result::carry_over); else it takes them,
//      or gives them to all when it has more. Then repair again (at most a few rounds).
//   4. Bound (only with a ceiling, Options::at_most, that phases 2-3 exceeded): the staffing
//      lowered to the ceiling and repaired under it, else the ceiling itself, if it meets
//      every target.
// Staffings only rise in phases 2 and 3. With bounds (Options::at_least, at_most) the search
// starts within them and brackets as if fewer than at_least had been seen to miss and at_most
// to meet.
//
// More volume (Arrivals::volume_factor, staff --volume-factor): the contacts at a higher factor
// are those at a lower one plus more, each with its own arrival time and draws
// (models/centre/arrivals.h), and every staffing is judged on the same contacts, so a higher
// volume needs at least as many agents in each interval as far as each interval's requirement
// is its own. Not so: (a) within a set of groups linked by shared contact types, the split of
// an interval's agents between the groups (the search may give an agent to either); (b)
// neighbouring intervals share a backlog (long chat conversations most), so at a small rise
// (5%) one interval may need an agent fewer where its neighbour needs one more; (c) a target
// judged on few contacts is noisy, and added contacts can raise a service level. Measured
// unbounded on scenarios/realistic_day.json (20 replications, seeds 1-5, factors 0.9, 1.05,
// 1.1, 1.2 against 1): 9 of 1920 (group, interval)s need one agent fewer, 8 of them beside an
// interval needing more (the backlog moved). Hence the what-if's bound (Options::at_least,
// at_most; bounded_by_forecast): on the same runs 0 fewer, at 0.2% fewer agent-hours in all.
//
// The staffing returned is the last one simulated, which meets every target unless the budget
// ran out; if it ran out, the cheapest staffing simulated that meets every target (else the last
// one simulated). Its KPIs are those of that simulation (re-running the scenario with it, same
// seed and replications, gives them again).
//
// A target counts as met (Judge::Mean) when the mean over replications meets it, or
// (Judge::Ci95) when the whole 95% confidence interval does. A KPI undefined in an interval
// (no contact to judge, or an interval before the warm-up ends) meets its target.
//
// Meeting probability (Options::meet_probability p, simulation method only): each replication
// is one simulated day, and a target counts as met in an interval when at least the share p of
// the replications meets it there (Judge::Mean), or when the 95% confidence interval of that
// share lies at or above p (Judge::Ci95, days_needed); a replication in which the KPI is
// undefined meets it. The search then works on the value that many days reach
// (value_met_on_days) instead of the mean; with forecast error (volume_cv) this staffs for the
// busy days, not the average one. The share of the simulated days is an estimate: a staffing
// just meeting it may meet it on somewhat fewer days of another run; Judge::Ci95 leaves a
// margin for that.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim::staffing {

enum class Method { Erlang, Simulation, Transient };
enum class Judge { Mean, Ci95 };
// What the staffing minimises: agents subject to the targets (Targets), or the expected cost
// of agents plus penalties, subject to any targets given (Cost; Erlang method only,
// cost_staffing.h; the scenario must have `costs`).
enum class Objective { Targets, Cost };

const char* method_name(Method method);  // "erlang", "simulation", "transient"
const char* judge_name(Judge judge);     // "mean", "ci95"

// Whether the scenario gives any staffing target (contact type or agent group).
bool has_target(const Scenario& scenario);

// The queue the analytic model sees for contact type `type` in interval `interval`:
// expected arrivals of the interval (rate_per_hour × interval length, per_interval[i], or the
// trace's arrivals in the interval) thinned by self-service deflection and, with a chatbot, to
// the share the bot hands off, 1 − containment − abandon_prob; AHT = mean handle time (the
// chatbot's hand-off handle time when given) + mean wrap-up; patience = mean patience (hand-off
// patience when given); none for channel email or without patience. Retrials and callbacks are not
// in the analytic load (the simulation method accounts for them).
struct AnalyticQueue {
  double arrivals_per_hour = 0.0;
  double aht_s = 0.0;
  std::optional<double> patience_s;
  double offered_load() const { return arrivals_per_hour * aht_s / 3600.0; }  // erlangs
};
AnalyticQueue analytic_queue(const Scenario& scenario, int type, int interval);

// Fewest servers meeting the targets of `type` in `interval` by Erlang A (with patience) or
// Erlang C (without), nullopt if none up to erlang::kMaxAgents does. Targets: service level,
// max ASA, and max abandon rate (Erlang A only: without patience nobody abandons). A type
// without any of these needs ceil(offered load) servers, enough to carry its load.
std::optional<int> analytic_servers(const Scenario& scenario, int type, int interval);

// Share of contact type k's servers given to each group in interval i: weights[k][g], summing to
// 1 over the groups skilled for k (0 for the others; all 0 if no group is). Proportional to the
// groups' scheduled staff in the scenario in that interval (the planner's mix), equal shares when
// those groups have no staff there.
std::vector<std::vector<double>> split_weights(const Scenario& scenario, int interval);

// `scenario` with each group's staff replaced by `scheduled[g]` per interval.
// REQUIRES: scheduled.size() == groups; each scheduled[g].size() == horizon.intervals.
Scenario with_staffing(const Scenario& scenario, const std::vector<std::vector<int>>& scheduled);

// A target missed in one interval.
struct TargetMiss {
  enum class Kind { ServiceLevel, AbandonRate, Asa, Occupancy, Utilisation };
  Kind kind;
  int interval;
  int index;     // contact type (Occupancy, Utilisation: agent group)
  double value;  // the judged value (mean, or the CI bound)
  double limit;  // the target
};
const char* target_kpi_name(TargetMiss::Kind kind);  // the KPI's contract key
// Whether the target is an agent group's cap (occupancy, utilisation), not a contact type's.
bool is_group_target(TargetMiss::Kind kind);

// Every target the results miss, in interval order, types before groups.
// REQUIRES: results come from `scenario` (same types, groups and intervals).
std::vector<TargetMiss> missed_targets(const Scenario& scenario, const Results& results,
                                       Judge judge);

struct Progress {
  int iteration = 0;  // simulations of the horizon so far
  int max_iterations = 0;
  const char* phase = "";    // "start", "search", "evaluate", "repair", "flatten",
                             // "bound" (settle_under_ceiling)
  double agent_hours = 0.0;  // scheduled agent-hours of the staffing last simulated
  std::size_t misses = 0;    // targets it misses
};

struct Options {
  Method method = Method::Simulation;
  // Default: Targets.
  Objective objective = Objective::Targets;
  Judge judge = Judge::Mean;
  int replications = SimulationSettings{}.replications;  // Default: the scenario's default
  std::uint64_t seed = SimulationSettings{}.seed;        // Default: the scenario's default
  unsigned threads = 0;  // 0: every hardware thread; results do not depend on it
  // Simulations of the horizon (each of `replications` replications) the search may run.
  int max_iterations = 100;
  // Simulation method: a target is met when at least this share of the replications (days)
  // meets it (`judge`: of the days simulated, or with 95% confidence), in (0, 1). Default:
  // absent (the mean over replications is judged).
  std::optional<double> meet_probability;
  // Simulation method: start the search from the transient model's staffing when the scenario
  // fits that model (transient_model.h), else from the Erlang staffing. Default: true.
  bool start_from_transient = true;
  // Simulation method: bounds on the agents on duty of each (group, interval),
  // [group][interval], e.g. the forecast's plan a what-if is compared with
  // (bounded_by_forecast). The search starts within them and never tries fewer agents than
  // at_least, nor more than at_most unless a target is missed there at at_most (then it searches
  // upwards, and repair may raise further: targets come first). Ignored by the other methods.
  // Default: empty (unbounded).
  std::vector<std::vector<int>> at_least;
  std::vector<std::vector<int>> at_most;
  std::function<void(const Progress&)> progress;
};

// Rule: a what-if of the volume never reverses the plan it is compared with. The staffing of
// the forecast's volume × `factor` is searched with the forecast's agents on duty
// (`forecast_net`, a staffing of the same scenario without the factor, same seed and
// replications) as its floor when the factor is above 1, and as its ceiling when below: more
// volume never needs fewer agents than the forecast in any (group, interval), less volume never
// more unless a target needs them.
// Why a bound and not the search alone: the fewest agents per interval are not monotone in
// volume where neighbouring intervals share a backlog (one more agent at 08:15 may save one at
// 08:30), so two unbounded searches can cross; the bound costs at most those agents.
// REQUIRES: forecast_net has one row per agent group and one value per interval; factor > 0.
Options bounded_by_forecast(Options options, const std::vector<std::vector<int>>& forecast_net,
                            double factor);

// The spread over replications (days) of the daily service level of a contact type in an
// interval: the 10th, 50th and 90th percentiles (linear interpolation between order
// statistics), over the replications in which it is defined; and, for a type with a service
// level target, the share of all replications meeting it (undefined counts as meeting).
struct DailySpread {
  std::optional<double> p10, p50, p90;
  std::optional<double> share_meeting;
};

// One point of a cost curve: the expected cost of a contact type in an interval with `servers`
// servers (cost_staffing.h).
struct CostPoint {
  int servers = 0;
  double agent_cost = 0.0;
  double penalty_cost = 0.0;
  bool meets_targets = true;  // servers >= the fewest meeting the type's targets
  double cost() const { return agent_cost + penalty_cost; }
};
// The cost curve of a contact type in an interval around its optimum.
struct CostCurve {
  int optimum = 0;                // servers of least cost meeting the targets
  std::vector<CostPoint> points;  // increasing servers
};

struct Result {
  Method method = Method::Simulation;
  std::vector<std::vector<int>> net;        // [group][interval]: agents on duty
  std::vector<std::vector<int>> scheduled;  // [group][interval]: agents to schedule
  Results achieved;                         // the scenario run with `scheduled`
  std::vector<TargetMiss> misses;           // targets `achieved` misses (judged)
  int iterations = 0;                       // simulations of the horizon run
  // The search stopped at max_iterations: before meeting every target (misses not empty), or
  // before it closed every bracket (every target met, but the staffing may not be minimal).
  bool budget_exhausted = false;
  // [interval][type]: the spread of the daily service level of `achieved`; empty unless
  // options.meet_probability is given.
  std::vector<std::vector<DailySpread>> daily_service_level;
  // [group][interval]: the first interval of a run of equal load (the simulation method's
  // phase 3) whose agents differ from the rest of the run by the queue carried over from the
  // interval before (more after a higher load, fewer after a lower one). All false for the
  // other methods.
  std::vector<std::vector<bool>> carry_over;
  // [type][interval]: the Erlang cost curve around the optimum; empty unless the objective is
  // Cost (a type without traffic in an interval: optimum 0, no points).
  std::vector<std::vector<CostCurve>> cost_curves;
};

// Days, of `n`, that must meet a target for it to count as met on the share p of the days:
// ceil(p × n) (Judge::Mean: the share of the simulated days), or (Judge::Ci95) the fewest m
// whose Wilson score 95% confidence interval for the share m ÷ n lies at or above p, so that
// the share holds beyond the days simulated; n + 1 when no m <= n does (too few days).
// REQUIRES: 0 < p < 1.
long long days_needed(std::size_t n, double p, Judge judge);

// Of the daily values `days` of a KPI (nullopt: undefined that day, which meets any target),
// the value that at least `need` days reach: the largest v such that at least `need` days have
// a value >= v (higher_is_better) or are undefined, else the smallest v such that that many
// have a value <= v or are undefined; nullopt when the undefined days alone are that many. A
// target t is met on at least `need` days iff the value is nullopt or meets t. +infinity
// (-infinity when higher_is_better) when need > days.size(): no value is met that often.
std::optional<double> value_met_on_days(const std::vector<std::optional<double>>& days,
                                        long long need, bool higher_is_better);

// `summary` with the KPIs that have targets (service level, ASA, abandon rate, occupancy) of
// every interval replaced by value_met_on_days over `days`, with days_needed(p, judge) (ci95
// 0): the results the targets are judged on with a meeting probability p.
Results judged_on_days(const Scenario& scenario, const Results& summary,
                       const std::vector<ReplicationKpis>& days, double p, Judge judge);

// The spread of the daily service level of each contact type in each interval (DailySpread).
std::vector<std::vector<DailySpread>> daily_service_level(const Scenario& scenario,
                                                          const std::vector<ReplicationKpis>& days);

struct Outcome {
  std::optional<Result> result;     // set iff errors is empty
  std::vector<std::string> errors;  // bad input: "path: problem"
};

// Staffs `scenario` by `options.method`. Errors (bad input): no target at all; a contact type
// with traffic and targets but no group skilled for it; targets no number of agents meets
// analytically. With the simulation method, `result.misses` is empty unless the budget ran out
// (budget_exhausted); with the Erlang method it lists where the analytic staffing falls short
// in simulation.
// REQUIRES: scenario validated; options.replications >= 1; options.max_iterations >= 1.
Outcome staff(const Scenario& scenario, const Options& options);

// Scheduled agent-hours of a staffing: Σ agents × interval length.
double agent_hours(const std::vector<std::vector<int>>& scheduled, const Horizon& horizon);

}  // namespace ccsim::staffing
