// Shift planning: how many agents to put on each allowed shift so that every interval's
// requirement is covered, at least cost.
//
// The problem is the integer program
//   minimise Σ_j c_j x_j  subject to  Σ_{j covers i} x_j >= r_i for every interval i,  x_j ∈ ℕ,
// where template j covers the consecutive intervals [first_j, end_j). Its constraint matrix has
// the consecutive-ones property in every column (an interval matrix), hence is totally
// unimodular: the linear relaxation has an integral optimal vertex and the integer optimum is
// the LP optimum. With surplus variables y_i >= 0 (Σ x_j − y_i = r_i) and each row minus the row
// before it (rows 0..I, r_{−1} = r_I = 0), the program becomes a minimum-cost flow on nodes
// 0..I: node i has supply r_i − r_{i−1}, template j is an uncapacitated arc first_j → end_j of
// cost c_j, and surplus y_i an arc i+1 → i of cost 0. plan_shifts() solves that flow exactly by
// successive shortest paths (Dijkstra with potentials), in polynomial time at any size, so no
// heuristic is needed. Only contiguous shifts (no breaks) are modelled.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim {

// An allowed shift: agents on it are on duty over [start_s, start_s + length_s).
struct ShiftTemplate {
  double start_s = 0.0;
  double length_s = 0.0;
  std::optional<double> cost;  // per agent on the shift; absent: its agent-hours
  std::string name;            // optional label
  double cost_per_agent() const { return cost ? *cost : length_s / 3600.0; }
};

struct ShiftTemplatesParse {
  std::vector<ShiftTemplate> templates;
  std::vector<std::string> errors;  // "PATH: rule (got VALUE)", PATH as in `where`[i].key
  bool ok() const { return errors.empty(); }
};

// Reads a JSON array of templates [{"start_s", "length_s", "cost" (optional), "name"
// (optional)}]. Rules: at least one template; start_s >= 0, before the horizon end and on an
// interval boundary; length_s > 0 and a whole number of intervals (a shift may run past the
// horizon end: it covers the intervals up to the end and is paid in full); cost >= 0; no other
// keys. Over several days (horizon.days > 1), start_s is the start of an interval of some day
// (seconds from the horizon start) and a shift covers intervals of that day only (it may run
// past the day's closing, paid in full). `where` prefixes every path, e.g. "shifts.json" gives
// "shifts.json[2].length_s: ...".
ShiftTemplatesParse parse_shift_templates(const nlohmann::json& document, const Horizon& horizon,
                                          const std::string& where);
// Reads and parses a file (a missing file or malformed JSON is one error naming it).
ShiftTemplatesParse load_shift_templates(const std::filesystem::path& file, const Horizon& horizon);

// The intervals a template covers within the horizon, [first, end), and its cost per agent.
struct ShiftCover {
  int first = 0;
  int end = 0;
  double cost = 0.0;
};
// REQUIRES: the template passed parse_shift_templates with `horizon`.
ShiftCover shift_cover(const ShiftTemplate& shift, const Horizon& horizon);

struct ShiftPlan {
  std::vector<int> count;     // agents per template, in the order given
  std::vector<int> coverage;  // agents on duty per interval (>= the requirement)
  double cost = 0.0;          // Σ cost × count
};

// Exact least-cost cover of `requirement` (one entry per interval) by the templates; nullopt
// if an interval with a positive requirement is covered by no template.
// REQUIRES: requirement[i] >= 0; 0 <= first < end <= requirement.size(); cost >= 0.
std::optional<ShiftPlan> plan_shifts(const std::vector<int>& requirement,
                                     const std::vector<ShiftCover>& covers);

}  // namespace ccsim
