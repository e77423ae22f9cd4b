// Starting from a state (models/scenario/initial_state.h): the draws conditioned on time
// already spent, and the state at a time read back from a replication's contact records.
#pragma once

#include <vector>

#include "models/kpi/contact.h"
#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// A draw of X − e from `d` conditioned on X > e: P(X − e > t | X > e) = S(e + t) / S(e), S the
// survival function of `d`. Exact for every kind, by inversion with one uniform (exponential:
// memoryless, one exponential draw; empirical: a value above e chosen uniformly), never a loop
// that depends on the draws. 0 when e is at or beyond the end of the support, or (lognormal,
// gamma, Erlang) so far in the tail that S(e) is below 1e-300: then X > e was all but
// impossible.
// REQUIRES: elapsed_s >= 0; d valid (Distribution's REQUIRES).
double residual_sample(const Distribution& d, double elapsed_s, sim::RandomStream& rng);

// The state at `at_s` of a replication whose every contact record is `records` (the records of
// simulate_replication, all of them): contacts in the human queue then (not on a callback),
// with the time since they entered it; accepted callbacks not yet answered or ended, with the
// time since queue entry; agents talking or wrapping up then, with the type of their contact
// and the time since they answered it. Contacts in self-service, a chatbot, a retrial or
// transfer delay, callbacks being dialled and outbound attempts are not part of it.
InitialState state_at(const Scenario& scenario, const std::vector<ContactRecord>& records,
                      double at_s);

}  // namespace ccsim::centre
