// The staffing search of the simulation method (models/planning/staffing.h): the Staffer
// brackets and bisects the agents of every (group, interval) at once over simulations of the
// whole horizon, then repairs and flattens; each staffing is simulated at most once (kept by its
// agents per group and interval). staffer.cpp holds the start, the search and the repair,
// staffing_flat.cpp the flat hours. Also the analytic pieces staffing.cpp shares with the
// search. Not for use outside models/planning/.
//
// Invariant: every staffing simulated has the same seed and replications (common random
// numbers), so that two staffings are compared on the same contacts.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/planning/staffing.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario.h"

namespace ccsim::staffing {

// Tolerance of the comparisons with targets and of rounding up.
inline constexpr double kEps = 1e-9;

bool type_has_target(const ContactType& ct);

// The calculator's question for a type's queue, with the type's targets (no agents).
erlang::Query analytic_query(const ContactType& ct, const AnalyticQueue& q);

bool query_has_target(const erlang::Query& q);

// x rounded up, ignoring an excess of up to kEps.
int ceil_int(double x);

using Staff = std::vector<std::vector<int>>;  // [group][interval]

// Agents group `g` needs in interval `i` for its caps on the busy time measured in `r`: busy
// agents ÷ max_occupancy and busy slots ÷ (max_utilisation × concurrency), rounded up, the
// larger; `current` when the group has no cap or `r` no measure.
int measured_floor(const Scenario& sc, int g, int i, const Results& r, int current);

// What the search knows of one (group, interval): the most agents seen to miss one of its
// targets (-1: none seen) and the fewest seen to meet them all (none yet), and the next step of
// a gallop while one side is unknown.
struct Bracket {
  int misses_at = -1;
  std::optional<int> meets_at;
  int step = 1;
  bool closed() const { return meets_at && *meets_at - misses_at <= 1; }
};

class Staffer {
 public:
  Staffer(const Scenario& sc, const Options& opt)
      : sc_(sc),
        opt_(opt),
        groups_(int(sc.agent_groups.size())),
        intervals_(sc.horizon.interval_count()),
        types_(int(sc.contact_types.size())) {}

  Outcome run();

 private:
  struct Evaluation {
    Results results;
    // What the targets are judged on: `results`, or with a meeting probability the values
    // that share of days reaches (judged_on_days).
    Results judged;
    std::vector<std::vector<DailySpread>> daily_service_level;  // with a meeting probability
    std::vector<TargetMiss> misses;
    double agent_hours = 0.0;
  };

  bool init(std::vector<std::string>& errors);
  // Adds an error for a bound (Options::at_least, at_most) of the wrong shape or negative.
  void check_bounds(std::vector<std::string>& errors) const;
  // `net` raised to at_least and lowered to at_most (at_least wins where they cross).
  Staff within_bounds(Staff net) const;
  Staff compose(const std::vector<std::vector<int>>& servers,
                const std::vector<std::vector<int>>& floor) const;
  Staff scheduled(const Staff& net) const;
  // The evaluation of `net`, simulated unless already known; nullptr when the budget is spent.
  const Evaluation* evaluate(const Staff& net, const char* phase);
  // [g][i]: whether `ev` misses a target of (g, i): g's cap there, or a target there of a
  // contact type g is skilled for.
  std::vector<std::vector<bool>> failing(const Evaluation& ev) const;
  // Records in `brackets` what the staffing `at`, evaluated as `ev`, shows.
  void learn(const Staff& at, const Evaluation& ev, std::vector<std::vector<Bracket>>& brackets);
  void search(Staff& cur, const Evaluation*& ev);
  // Raises the agents where `ev` misses a target until none is missed; `capped`: never above
  // Options::at_most. Whether every target is met (false: nothing left to raise, or no budget).
  bool repair(Staff& cur, const Evaluation*& ev, bool capped = false);
  // With a ceiling (Options::at_most) that the staffing `cur`, meeting every target, exceeds:
  // `cur` lowered to the ceiling (flattened when that stays under it) and repaired under it,
  // else the ceiling itself, replaces `cur` if it meets every target; else `cur` stays.
  void settle_under_ceiling(Staff& cur, const Evaluation*& ev);
  // staffing_flat.cpp:
  // The searched groups in sets linked by shared contact types.
  std::vector<std::vector<int>> linked_groups() const;
  // Whether `groups` see the same load in intervals i and j: every contact type they are
  // skilled for has the same analytic queue there, and each group the same shrinkage.
  bool same_load(const std::vector<int>& groups, int i, int j) const;
  // Offered load (erlangs) of the contact types `groups` are skilled for in interval i.
  double load(const std::vector<int>& groups, int i) const;
  // Whether `more` agents in all in interval a than in the rest of its run of the same load
  // (fewer when negative) is explained by the queue carried over from interval a − 1: its load
  // is higher (when more > 0) or lower (when more < 0).
  bool carried_over(const std::vector<int>& groups, int a, int more) const;
  Staff flattened(const Staff& net) const;
  void flatten(Staff& cur, const Evaluation*& ev);
  std::vector<std::vector<bool>> carry_over(const Staff& net) const;
  // How the judged results are read: the mean (and a meeting probability's values) or the CI.
  Judge judge() const { return opt_.meet_probability ? Judge::Mean : opt_.judge; }

  const Scenario& sc_;
  const Options& opt_;
  const int groups_, intervals_, types_;
  std::vector<std::vector<std::vector<double>>> weights_;  // [i][k][g]
  std::vector<std::vector<AnalyticQueue>> queues_;         // [i][k]
  std::vector<std::vector<int>> servers_;                  // [k][i]: analytic requirement
  std::vector<std::vector<int>> floor_;                    // [g][i]: analytic cap floor
  std::vector<bool> searched_;                       // [g]: has a cap or a skill with a target
  std::vector<std::vector<CostCurve>> cost_curves_;  // [k][i]: with the cost objective
  std::map<std::vector<int>, std::unique_ptr<Evaluation>> cache_;
  int iterations_ = 0;
  bool budget_exhausted_ = false;
};

}  // namespace ccsim::staffing
