// Counts in messages: "1 agent group", "3 agent groups".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ccsim::text {

// `n` and the noun, singular when n is 1, else `many` (default: `one` + "s"), e.g.
// plural(1, "row") == "1 row", plural(2, "entry", "entries") == "2 entries".
inline std::string plural(long long n, std::string_view one, std::string_view many = {}) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out.append(one);
  if (many.empty()) return out.append(one).append("s");
  return out.append(many);
}

}  // namespace ccsim::text
