// The staffing search of the simulation method (models/planning/staffing.h): the Staffer runs
// its phases (iterate, repair, trim) over simulations of the whole horizon, each staffing
// simulated at most once (kept by its agents per group and interval). staffer.cpp holds the
// search and its first phases, staffing_trim.cpp the trim. Also the analytic pieces staffing.cpp
// shares with the search. Not for use outside models/planning/.
//
// Invariant: every staffing simulated has the same seed and replications (common random
// numbers), so that two staffings are compared on the same contacts.
#pragma once

#include <map>
#include <memory>
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

// Agents group `g` needs in interval `i` for its occupancy cap on the busy time measured in
// `r`: busy agents ÷ cap, rounded up; `current` when the group has no cap or `r` no measure.
int measured_floor(const Scenario& sc, int g, int i, const Results& r, int current);

// What the calibration of phase 1 compares: a KPI as "goodness", larger is better.
enum class Measure { ServiceLevel, Asa, Abandon };

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
  Staff compose(const std::vector<std::vector<int>>& servers,
                const std::vector<std::vector<int>>& floor) const;
  Staff scheduled(const Staff& net) const;
  // The evaluation of `net`, simulated unless already known; nullptr when the budget is spent.
  const Evaluation* evaluate(const Staff& net, const char* phase);
  bool known(const Staff& net) const;
  int calibrated_servers(int k, int i, const Results& r, int current) const;
  void iterate(Staff& cur, const Evaluation*& ev);
  bool repair(Staff& cur, const Evaluation*& ev);
  void trim(Staff& cur, const Evaluation*& ev);  // staffing_trim.cpp
  std::optional<double> judged(const KpiEstimate& e, bool higher_is_better) const;
  // How the judged results are read: the mean (and a meeting probability's values) or the CI.
  Judge judge() const { return opt_.meet_probability ? Judge::Mean : opt_.judge; }

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

}  // namespace ccsim::staffing
