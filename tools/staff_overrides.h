// `ccsim staff`'s what-if options: targets and volume given on the command line, applied to
// the parsed scenario before the search, for every contact type (or agent group) alike.
//
//   --sl TARGET/THRESHOLD_S   service level target of every type ("0.8/20" or "80%/20")
//   --asa-s X                 max_asa_s of every type
//   --max-abandon X           max_abandon_rate of every type
//   --max-occupancy X         max_occupancy of every agent group
//   --max-utilisation X       max_utilisation of every agent group (busy chat slots)
//   --volume-factor F         every type's arrivals (rate_per_hour or per_interval) × F
// An option replaces the scenario's figure where it has one and adds the target where it has
// none.
#pragma once

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::cli {

struct StaffOverrides {
  // --sl. Default: absent (each type's own service_level).
  std::optional<ServiceLevelTarget> service_level;
  // --asa-s. Default: absent (each type's own max_asa_s).
  std::optional<double> max_asa_s;
  // --max-abandon. Default: absent (each type's own max_abandon_rate).
  std::optional<double> max_abandon_rate;
  // --max-occupancy. Default: absent (each group's own max_occupancy).
  std::optional<double> max_occupancy;
  // --max-utilisation. Default: absent (each group's own max_utilisation).
  std::optional<double> max_utilisation;
  // --volume-factor, > 0. Default: absent (volumes as forecast).
  std::optional<double> volume_factor;

  bool any() const {
    return service_level || max_asa_s || max_abandon_rate || max_occupancy || max_utilisation ||
           volume_factor;
  }
};

// The options as given, before checking.
struct StaffOverrideArgs {
  std::string sl, asa_s, max_abandon, max_occupancy, max_utilisation, volume_factor;
};

void declare_override_options(boost::program_options::options_description& desc,
                              StaffOverrideArgs& args);

// The overrides `vm` gives; each bad value adds "--OPTION: must be RULE (got TEXT)" to `errors`.
StaffOverrides check_overrides(const boost::program_options::variables_map& vm,
                               const StaffOverrideArgs& args, std::vector<std::string>& errors);

// Applies `overrides` to `scenario`. Errors (the scenario is then unusable): --volume-factor on
// a type whose arrivals are a trace, or a scaled scenario too large to run (run_size.h).
std::vector<std::string> apply_overrides(const StaffOverrides& overrides, Scenario& scenario);

// The overrides in words, one per option given, e.g. "service level 0.8 within 20 s for every
// contact type (--sl)"; empty without overrides.
std::vector<std::string> override_texts(const StaffOverrides& overrides);

// The overrides as JSON: {"service_level": {"target", "threshold_s"}, "max_asa_s",
// "max_abandon_rate", "max_occupancy", "max_utilisation", "volume_factor"}, only those given.
nlohmann::json overrides_json(const StaffOverrides& overrides);

}  // namespace ccsim::cli
