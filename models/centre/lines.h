// Telephone lines: trunk groups, the busy signal and redialling after it.
//
// Rules:
//   - Trunk groups: a voice type with `lines` has a trunk group of its own, named after the
//     type; each of the scenario's `trunks` is shared by the types it lists. A type in neither
//     has unlimited lines.
//   - Seizing: a contact of a type with a trunk group takes one of its lines on arrival (a
//     fresh arrival, a retrial or a channel switch), before self-service, the bot and the queue
//     (the voice menu runs on the line). If every line is taken it is blocked (a busy signal)
//     and leaves at once, neither queued nor offered a callback.
//   - Holding: the line is held until the end of the talk; it is released when the contact
//     leaves unanswered (deflected, contained, quits the bot, abandons, balks, unserved at the
//     end), when it accepts a callback (the customer hangs up; the agent's call back takes no
//     inbound line), or when its talk ends. A transferred contact keeps its line into its next
//     leg, whatever that leg's type, and releases it at the end of the last leg's talk.
//   - Redialling: a blocked contact calls again on its own type with the retrial's
//     blocked_prob, after its blocked_delay (else its delay), while it has made fewer than
//     max_retrials retries; a redial is a new offered contact (a retrial).
//
// Random numbers: one uniform and a delay for redialling, from the contact's own stream of
// purpose "redial", drawn only if the type retries and retries remain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/random.h"

namespace ccsim::centre {

// The trunk groups of a scenario: the scenario's trunks, in order, then the own lines of each
// type that has them, in the order of the types.
struct LinePools {
  std::vector<std::string> names;
  std::vector<int> lines;
  // pool_of_type[k]: the trunk group of type k, or -1 (unlimited lines).
  std::vector<int> pool_of_type;
  bool empty() const { return names.empty(); }
};

// REQUIRES: scenario validated (each type in at most one trunk group).
inline LinePools line_pools(const Scenario& scenario) {
  LinePools p;
  p.pool_of_type.assign(scenario.contact_types.size(), -1);
  for (const Trunk& t : scenario.trunks) {
    for (int k : t.contact_types) p.pool_of_type[std::size_t(k)] = int(p.names.size());
    p.names.push_back(t.name);
    p.lines.push_back(t.lines);
  }
  for (std::size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& ct = scenario.contact_types[k];
    if (!ct.lines) continue;
    p.pool_of_type[k] = int(p.names.size());
    p.names.push_back(ct.name);
    p.lines.push_back(*ct.lines);
  }
  return p;
}

// Whether an arrival finds a free line among `lines`, `in_use` of which are taken.
inline bool line_free(int lines, int in_use) {
  return in_use < lines;
}

// The delay after which a blocked contact redials, or nullopt when it does not; `attempt` is
// 0 for a first attempt.
inline std::optional<double> redial_after_block_s(const ContactType& type, int attempt,
                                                  sim::RandomStream& rng) {
  if (!type.retrial || type.retrial->blocked_prob <= 0.0 || attempt >= type.retrial->max_retrials) {
    return std::nullopt;
  }
  if (rng.uniform() >= type.retrial->blocked_prob) return std::nullopt;
  const Distribution& delay =
      type.retrial->blocked_delay ? *type.retrial->blocked_delay : type.retrial->delay;
  return delay.sample(rng);
}

}  // namespace ccsim::centre
