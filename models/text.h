// Small text helpers shared by the readers of scenarios, measured reports and logs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ccsim::text {

// Lower-case copy (ASCII).
std::string lower(std::string_view s);

// `s` without leading and trailing spaces and carriage returns.
std::string_view trim(std::string_view s);

// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The whole of `s` as a finite number (an optional leading '+'); nullopt otherwise.
std::optional<double> parse_number(std::string_view s);

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF), as nlohmann::json requires of every string it writes.
bool is_valid_utf8(std::string_view s);

}  // namespace ccsim::text
