// Reading a distribution of a scenario ({"dist": KIND, parameters...}; the parameters of each
// kind: distribution_parameters() of scenario_json.h) into a Distribution.
//
// A distribution is read only when its kind and all its parameters are valid, and the
// sampler's parameters derived from them are finite (numerically sane); otherwise every
// problem is reported to the Checker and it reads as nullopt.
#pragma once

#include <optional>
#include <string>

#include "models/scenario/distribution.h"
#include "models/scenario/json_checker.h"

namespace ccsim::reading {

std::optional<Distribution> read_distribution(Checker& in, const json& v, const std::string& path);

// The distribution at `key` of `object` (at `path`); "is required" when absent.
std::optional<Distribution> required_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key);

// The distribution at `key` of `object` (at `path`); nullopt when absent.
std::optional<Distribution> optional_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key);

}  // namespace ccsim::reading
