// The transient model of one agent group, carried forward in time (transient_model.cpp), for
// run_transient and for the transient staffing search (transient_staffing.cpp), which steers it
// interval by interval. Not for use outside models/planning/.
#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "models/planning/transient_model.h"
#include "models/queueing/transient.h"

namespace ccsim::transient_detail {

// Expected figures of one (interval, type) cell.
struct Cell {
  double offered = 0, deflected = 0, queued = 0, answered = 0, within = 0, wait_s = 0;
  double abandoned = 0, abandon_wait_s = 0, unserved = 0, talk_s = 0, agent_time_s = 0;
  std::optional<double> backlog_end;
};
// Expected figures of one (interval, group) cell.
struct GroupCell {
  double busy_agent_s = 0, agent_s = 0, window_s = 0;
};
// Sums over the run for the size of the model's approximation (TransientRun's gaps).
struct Totals {
  double abandoned_tagged = 0, abandonment_flow = 0, waits_s = 0, queue_s = 0, offered = 0;
};
// Where a group's figures go: cells[interval][type], group_cells[interval][group].
struct Sink {
  std::vector<std::vector<Cell>> cells;
  std::vector<std::vector<GroupCell>> group_cells;
  Totals totals;
  explicit Sink(const Scenario& sc);
};

// The agents serving in a group's chain, kept as the simulation keeps them: a rise of the
// schedule takes effect at once; after a fall to L agents, idle agents above L leave at once and
// the m busy ones (m = E[busy above L], rounded) leave one by one as they finish the contact in
// hand, at the expected times (the first of m after 1/(mμ), the next 1/((m−1)μ) later, ...),
// until the schedule changes again.
struct Serving {
  int level = 0;    // the schedule's net agents in force
  int serving = 0;  // agents serving: level plus those still finishing
  std::deque<double> leave_at;
  void change(int target, double t, double mu, const transient::Chain& chain);
  void leave_until(double t);  // applies the leavings due by t
};

// Group g's chain from time 0 under the net staffing `net` (a step function from time 0).
class GroupChain {
 public:
  // count_all: every arrival counts, also before the warm-up ends (for staffing).
  GroupChain(const Scenario& sc, int g, bool pooled, std::vector<StaffChange> net, bool count_all);
  // Carries the chain from now to `until` (<= the horizon's end), adding to `sink`.
  void advance_to(double until, Sink& sink);
  // From time t (>= now) on, the schedule's net agents are `agents`.
  void set_agents_from(double t, int agents);
  // At the horizon's end: the last interval's backlog, the drain, truncation and steps.
  void finish(Sink& sink, TransientRun& run);
  double now() const { return t_; }

 private:
  const Scenario* sc_;
  int g_;
  bool pooled_, count_all_;
  std::vector<StaffChange> net_;
  std::vector<double> points_;
  transient::Chain chain_;
  Serving serving_;
  transient::Segment last_;
  std::size_t next_point_ = 1;
  int previous_ = -1;  // the interval of the last segment
  double t_ = 0.0;
};

}  // namespace ccsim::transient_detail
