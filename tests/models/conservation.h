// Conservation of contacts, for model and theory tests.
#pragma once

#include <cstdint>

#include "models/kpi/kpi.h"

namespace ccsim::test {

// The contacts of `s` counted by how they ended: each offered contact ends in exactly one of
// these outcomes, so in every replication this equals Kpi::Offered.
inline std::uint64_t ended_contacts(const ContactStats& s) {
  std::uint64_t sum = 0;
  for (Kpi q :
       {Kpi::Answered, Kpi::Abandoned, Kpi::Blocked, Kpi::Overflowed, Kpi::Messages, Kpi::Deflected,
        Kpi::Contained, Kpi::BotAbandoned, Kpi::CallbacksFailed, Kpi::Balked, Kpi::Unserved}) {
    sum += std::uint64_t(*s.value(q));
  }
  return sum;
}

}  // namespace ccsim::test
