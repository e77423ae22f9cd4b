// The workbook of `ccsim sweep` (--out FILE.xlsx) and the readable names of a sweep's
// parameters.
//
// Also the CSV of a sweep for people (sweep_csv).
//
// Sheets: "points" (one row per point: the parameters under readable names, then for each
// contact type, "all" when there are several, and each agent group, every KPI's mean and ci95,
// headed "SCOPE KPI" and "SCOPE KPI ci95") and "parameters" (each readable name beside its JSON
// pointer and its values).
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/studies/sweep.h"
#include "tools/workbook.h"

namespace ccsim::cli {

// A readable column name for each parameter of `spec`: the pointer's keys joined by '_', without
// the contact type or agent group it names ("/contact_types/0/handle_time/mean_s" is
// "handle_time_mean_s"); when two parameters would share a name (or a pointer names the type or
// group itself), the type's or group's name (from `types`, `groups`) is put first
// ("billing_handle_time_mean_s").
std::vector<std::string> parameter_names(const SweepSpec& spec,
                                         const std::vector<std::string>& types,
                                         const std::vector<std::string>& groups);

// The CSV of the points `records` (point → point_record), as `ccsim sweep` writes it for people:
// one plain header row, `point`, each parameter under its readable name (parameter_names), then
// `SCOPE.KPI.mean` and `SCOPE.KPI.ci95` for each contact type, "all" and each agent group (as the
// resumable sweep file's columns); figures at the decimals of the tables (tools/table_text.h),
// undefined ones empty. The pointers are in the JSON output and the workbook's "parameters".
std::string sweep_csv(const SweepSpec& spec, const SweepPlan& plan,
                      const std::map<std::size_t, nlohmann::json>& records);

// The sheets of the points `records` (point → point_record, models/studies/sweep_file.h).
std::vector<Sheet> sweep_sheets(const SweepSpec& spec, const SweepPlan& plan,
                                const std::map<std::size_t, nlohmann::json>& records);

}  // namespace ccsim::cli
