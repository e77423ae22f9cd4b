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
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// Where mean_s may also be a list of one mean per interval (a contact type's handle_time,
// wrap_up and patience): exactly horizon->interval_count() entries when the horizon is known
// (horizon not nullptr), each > 0 as a single mean_s. The distribution read then has
// mean_s_by_interval, finished (Distribution::finish_interval_means). Elsewhere a list is
// refused.
struct MeanList {
  const Horizon* horizon = nullptr;
};

std::optional<Distribution> read_distribution(Checker& in, const json& v, const std::string& path,
                                              std::optional<MeanList> mean_list = std::nullopt);

// The distribution at `key` of `object` (at `path`); "is required" when absent.
std::optional<Distribution> required_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key,
                                                  std::optional<MeanList> mean_list = std::nullopt);

// The distribution at `key` of `object` (at `path`); nullopt when absent.
std::optional<Distribution> optional_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key,
                                                  std::optional<MeanList> mean_list = std::nullopt);

}  // namespace ccsim::reading
