// Parameter sweeps: a grid (or zip) of scenario variants named by JSON pointers
// (models/studies/sweep_spec.h), their validation, their execution over (point, replication)
// pairs, and the resumable sweep file (models/studies/sweep_file.h).
//
// A point's results are those of `ccsim run` on its variant: replication r of a point uses the
// random streams of (seed, r), whatever thread or process runs it, and replications are
// summarised in replication order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "models/studies/sweep_file.h"
#include "models/studies/sweep_spec.h"

namespace ccsim {

// Every point of a sweep, validated, with the replications and seed it runs with. A point's
// scenario is parsed again when it runs rather than kept, so that the plan's memory is a few
// hundred bytes a point however large the scenario (a 10,000-point sweep of a 48-interval day
// held 100 MB of scenarios).
struct SweepPlan {
  std::vector<std::vector<nlohmann::json>> points;
  std::vector<int> replications;     // [point]
  std::vector<std::uint64_t> seeds;  // [point]
  std::vector<std::string> types;    // contact type names, the same at every point
  std::vector<std::string> groups;   // agent group names, the same at every point
  std::vector<std::string> errors;   // non-empty: the sweep must not run
  std::vector<std::string> warnings;

  // The scenario of point `i`: the document with the point's values applied, parsed.
  // REQUIRES: errors is empty and i < points.size(). Throws std::runtime_error if the point no
  // longer parses (a file the scenario names changed since plan_sweep).
  Scenario scenario(std::size_t i) const;

  nlohmann::json document;                             // the base scenario document
  std::filesystem::path base_dir;                      // for the files it names
  std::vector<nlohmann::json::json_pointer> pointers;  // [parameter]
};

// Applies each point to a copy of `document` and parses it with parse_scenario. A pointer must
// name an existing location, or a new key of an existing object (e.g. an optional key the
// scenario leaves out; parse_scenario then rejects unknown keys). Errors name the parameter
// ("parameter /x/y: ...") or the point ("point 3 (/a=-1): agent_groups[0]...: ..."); every
// point must have the same contact types and agent groups (names, in order) as point 0.
// `replications`/`seed`, when given, override each point's simulation settings. Every point is
// checked, but only the errors of the first 20 bad points are listed, then one line counting
// the rest. Points are checked on `threads` threads (0: every hardware thread; default 1); the
// plan, its errors and warnings are the same on any number.
SweepPlan plan_sweep(const nlohmann::json& document, const std::filesystem::path& base_dir,
                     const SweepSpec& spec, std::optional<int> replications,
                     std::optional<std::uint64_t> seed, unsigned threads = 1);

// Runs sweep points on `threads` threads (0: every hardware thread), spreading their
// (point, replication) pairs over the threads. `next_point` hands out point indices (nullopt:
// no more) and is called under a lock; `on_done(point, results)` is called once per point when
// its last replication finishes, serialised. An exception from the simulation or a callback is
// rethrown after every thread has stopped.
void run_sweep_points(const SweepPlan& plan, unsigned threads,
                      const std::function<std::optional<std::size_t>()>& next_point,
                      const std::function<void(std::size_t, const Results&)>& on_done);

}  // namespace ccsim
