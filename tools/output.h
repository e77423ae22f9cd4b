// Output of ccsim commands: formats, number rendering, and crash-safe files.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "models/io/output_file.h"

namespace ccsim::cli {

enum class Format { Table, Json, Csv };

// "table", "json" or "csv"; nullopt for anything else.
std::optional<Format> parse_format(const std::string& text);
// The format implied by a file name's extension (.json, .csv; anything else is a table).
Format format_of_path(const std::filesystem::path& path);

// A KPI estimate as JSON: {"mean": m, "ci95": h}, or null when undefined.
nlohmann::json estimate_json(const KpiEstimate& e);

// `j` as JSON text indented by 2, as every command writes it. Invalid UTF-8 in strings (a file
// name or other text taken from the user as bytes) is written as U+FFFD, never an error.
std::string json_text(const nlohmann::json& j);

// The results of `ccsim run` in the contract's JSON layout.
nlohmann::json results_json(const Results& results, const Scenario& scenario);
// Long CSV: section,interval,start_s,start,name,kpi,mean,ci95 (one row per KPI).
void write_results_csv(std::ostream& out, const Results& results, const Scenario& scenario);
// Human-readable aligned tables.
void write_results_table(std::ostream& out, const Results& results, const Scenario& scenario);

// Crash-safe output files (models/io/output_file.h), by their names here.
using ccsim::StagedFile;
using ccsim::write_file_atomically;

// The problem with `file` as the output of `option` (e.g. "--out: a file is required",
// "--out: x is a directory", "--log: folder d does not exist (got d/x.csv)"), or nullopt when
// it can be written. Checked before any work, so that a bad output path costs no run.
std::optional<std::string> output_path_error(std::string_view option, const std::string& file);

// A file a command reads or writes: its role for messages ("the scenario", "--measured",
// "--out") and its path as given.
struct NamedFile {
  std::string role;
  std::string path;
};

// Each output that is the same file as one of `inputs` or as an earlier output, as
// "ROLE: PATH is the same file as ROLE PATH" (compared by identity: device and inode after
// following links, not spelling). An output written in place (a device or FIFO) replaces no
// file and is not compared; an input that does not exist is not compared.
std::vector<std::string> same_file_errors(const std::vector<NamedFile>& outputs,
                                          const std::vector<NamedFile>& inputs);
// The outputs --out `out` and --report `report` that are given (non-empty).
std::vector<NamedFile> given_outputs(const std::string& out, const std::string& report = {});

// `value` with exactly `decimals` decimals ("12.1", "0.813").
std::string format_number(double value, int decimals);

// Aligned text table: the first row is the header, underlined; the first column is
// left-aligned, the others right-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);
// "mean ± ci95" with `decimals` decimals, or "-" when undefined.
std::string cell(const KpiEstimate& e, int decimals);
// Decimals for a KPI in tables: shares and rates 3, counts and seconds 1.
int decimals_for(std::string_view kpi_name);

}  // namespace ccsim::cli
