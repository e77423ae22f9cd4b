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

#include "models/experiment.h"

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

// Writes `path` atomically: the content goes to a temporary file in the same folder
// (".NAME.tmpNNN"), which is flushed, synced and renamed over `path`. Returns an error message,
// or nullopt on success. On any failure (an exception from `write` included, which is rethrown)
// no file is left behind and an existing `path` is untouched; SIGINT, SIGTERM or SIGHUP while
// writing removes the temporary file before the signal's default action (SIGKILL cannot).
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 const std::function<void(std::ostream&)>& write);

// The two halves of write_file_atomically, for a command that writes several files and wants
// none of them replaced unless every one was written: stage() writes and syncs the temporary
// file, commit() renames it over the path. A staged file not committed is removed when this
// object is destroyed (or on SIGINT, SIGTERM, SIGHUP), and an existing file at the path is
// left untouched. Both return an error message, or nullopt on success; an exception from
// `write` is rethrown. REQUIRES: commit() only after a successful stage(), at most once.
class StagedFile {
 public:
  StagedFile();
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  std::optional<std::string> stage(const std::filesystem::path& path,
                                   const std::function<void(std::ostream&)>& write);
  std::optional<std::string> commit();

 private:
  struct Pending;
  std::filesystem::path path_, tmp_;
  std::unique_ptr<Pending> pending_;
};

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
