// The state a scenario starts from (scenario key `initial_state`, `ccsim run --state FILE`):
// the contacts already waiting, the accepted callbacks pending and the agents already busy at
// time 0. Plain values; the model places them at time 0 (models/centre/contact_centre.h) and
// models/README.md ("Starting from a state") states how they count.
#pragma once

#include <optional>
#include <vector>

namespace ccsim {

// An agent busy at time 0 with one contact.
struct BusyAgent {
  // The contact type of the contact in hand (index into Scenario::contact_types), a skill of
  // the agent's group. Default: the group's first skill.
  int type = 0;
  // Time already spent on the contact (>= 0). Default: 0 s.
  double elapsed_s = 0.0;
  // When given (>= 0), the agent finishes exactly then; otherwise after the residual of its
  // handle time given that it exceeds elapsed_s, then a full wrap-up. Default: none.
  std::optional<double> remaining_s;
};

struct InitialState {
  // waiting_s[k]: how long each contact of type k waiting in the human queue has waited
  // (each >= 0); an email or message type's list is its backlog. Default: empty (none).
  std::vector<std::vector<double>> waiting_s;
  // callbacks_s[k]: accepted callbacks of type k not yet called back, each with the time since
  // the customer entered the queue (>= 0). Only types that offer callbacks. Default: empty.
  std::vector<std::vector<double>> callbacks_s;
  // busy[g]: the agents of group g busy at time 0, at most the agents on duty at time 0 (after
  // shrinkage). Default: empty (every agent idle).
  std::vector<std::vector<BusyAgent>> busy;

  // Whether nothing waits and nobody is busy (a run is bit-identical to one without a state).
  bool empty() const {
    auto none = [](const auto& lists) {
      for (const auto& l : lists) {
        if (!l.empty()) return false;
      }
      return true;
    };
    return none(waiting_s) && none(callbacks_s) && none(busy);
  }
};

}  // namespace ccsim
