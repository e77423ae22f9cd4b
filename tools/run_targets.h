// The scenario's targets in run's outputs (models/centre/targets.h: check_targets).
//
// JSON: "targets": one object per check (targets_json). Table: a "Targets" section of one line
// per contact type (or group) and target, and marks beside the KPI cells concerned. CSV: the
// columns target and target_met on the rows of KPIs that have a target. HTML: the same lines
// as the table's section. The marks: "✗" missed, "?" not distinguishable at 95%, none when met.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "models/centre/targets.h"

namespace ccsim::cli {

// The contract's rows: {"contact_type" (or "agent_group" for a group's target), "kpi",
// "target", "threshold_s" (service_level only), "scope": "total"|"day"|"interval", "index"
// (interval scope: the interval over the horizon), "day" (day scope; and on interval rows when
// the horizon carries days, with "date" when it has a start date), "value", "ci95", "met":
// true|false|null (null: not distinguishable at 95%), "verdict": "met"|"missed"|
// "not_distinguishable"}.
nlohmann::json targets_json(const std::vector<TargetCheck>& checks, const Horizon& horizon);

// "met", "missed", "not distinguishable": a verdict in running text.
std::string_view verdict_words(Verdict verdict);

// The checks of each target, one span per (owner, target), in check_targets' order.
std::vector<std::span<const TargetCheck>> checks_by_target(const std::vector<TargetCheck>& checks);

// One line for one target's checks (a span of checks_by_target), e.g. "voice: 80/20 missed in
// 6 of 48 intervals (08:15, 08:30, ...); not distinguishable in 1 (12:00); total met (0.853 ±
// 0.012)". At most `listed` intervals are named per verdict.
std::string target_summary(std::span<const TargetCheck> checks, const Horizon& horizon,
                           std::size_t listed = 8);

// The section of the table titled `title` (nothing when there is no target).
void write_targets_section(std::ostream& out, const std::vector<TargetCheck>& checks,
                           const Horizon& horizon, std::string_view title = "Targets");

// Finds the check of a KPI in a scope, for marks and CSV columns.
class TargetLookup {
 public:
  explicit TargetLookup(const std::vector<TargetCheck>& checks);
  // Whether the owner has a target on the KPI (in any scope).
  bool has_target(bool of_group, std::size_t owner, std::string_view kpi) const;
  // Whether the owner has a target on any KPI.
  bool has_any_target(bool of_group, std::size_t owner) const;
  // The check, or nullptr when there is none (no target, or the KPI undefined there).
  const TargetCheck* find(bool of_group, std::size_t owner, std::string_view kpi, TargetScope scope,
                          int index) const;
  // A table cell's suffix: "" without a target on the KPI, else " ✗" (missed), " ?" (not
  // distinguishable) or "  " (met, or undefined), so that the numbers of a column align.
  std::string mark(bool of_group, std::size_t owner, std::string_view kpi, TargetScope scope,
                   int index) const;

 private:
  using Key = std::tuple<bool, std::size_t, std::string, int, int>;
  std::map<Key, const TargetCheck*> checks_;
  std::map<std::tuple<bool, std::size_t, std::string>, bool> targets_;
};

}  // namespace ccsim::cli
