// The sweep file: a sweep's results, one line per finished point, under a header that names
// the sweep (hashes of the scenario and of the grid, the overrides, the number of points, the
// shard), so that an interrupted sweep resumes where it stopped and the files of a sweep's
// shards merge into one. Lines are appended whole and fsync'ed as points finish; a reader drops
// a last line cut short.
// Invariant: record_of_line reads back exactly what record_line wrote.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "models/studies/sweep_spec.h"

namespace ccsim {

// Stable 64-bit hash of text as 16 hex digits (FNV-1a + SplitMix64 finaliser).
std::string content_hash(std::string_view text);
// Hash of the grid: pointers, values (as JSON text) and zip.
std::string grid_hash(const SweepSpec& spec);

// ---- the sweep file ----
//
// CSV:   line 1 "# ccsim sweep v1 scenario=H grid=H seed=S replications=R points=N[ shard=K/N]",
//        line 2 the column names, then one row per finished point (first column: point index).
// JSONL: line 1 {"ccsim_sweep":1,"scenario":H,"grid":H,"seed":S,"replications":R,"points":N
//        [,"shard":"K/N"]}, then one point record (see point_record) per line.
// Rows are appended as points finish; a complete file lists them in point order. S and R are
// the seed and replications that override those of every point's scenario, or "scenario".

enum class SweepFormat { Csv, JsonLines };

struct SweepHeader {
  std::string scenario_hash;
  std::string grid_hash;
  std::string seed = "scenario";
  std::string replications = "scenario";
  std::size_t points = 0;
  std::size_t shard_index = 0, shard_count = 1;  // this file holds points i % count == index
  bool operator==(const SweepHeader&) const = default;
};

std::string header_line(const SweepHeader& header, SweepFormat format);
// The differences between a file's header and the expected one, as "what: file has X, this
// sweep has Y"; empty when equal.
std::vector<std::string> header_differences(const SweepHeader& file, const SweepHeader& expected);

// The record of a finished point:
// {"point": i, "params": {PTR: value}, "totals": {TYPE|"all": {KPI: {"mean","ci95"}|null}},
//  "agent_groups": {GROUP: {KPI: {"mean","ci95"}|null}}}.
nlohmann::json point_record(std::size_t index, const SweepSpec& spec,
                            const std::vector<nlohmann::json>& values, const Results& results);

// CSV column names: point, one per parameter (its pointer), then "<type>.<kpi>.mean" and
// ".ci95" for each type and "all", then "<group>.<kpi>.mean"/".ci95" for each group.
std::string csv_columns(const SweepSpec& spec, const std::vector<std::string>& types,
                        const std::vector<std::string>& groups);
// One CSV row (no newline) of a record; numbers with 17 significant digits, undefined empty.
std::string csv_row(const nlohmann::json& record, const SweepSpec& spec,
                    const std::vector<std::string>& types, const std::vector<std::string>& groups);
// One line of a file in `format` (no newline).
std::string record_line(const nlohmann::json& record, SweepFormat format, const SweepSpec& spec,
                        const std::vector<std::string>& types,
                        const std::vector<std::string>& groups);

// The point record of one line of a sweep file, as record_line writes it (a CSV row's numbers
// read back exactly, its parameter values matched to the spec's), or nullopt when the line is
// not such a record.
std::optional<nlohmann::json> record_of_line(const std::string& line, SweepFormat format,
                                             const SweepSpec& spec,
                                             const std::vector<std::string>& types,
                                             const std::vector<std::string>& groups);

struct SweepFile {
  SweepFormat format = SweepFormat::Csv;
  SweepHeader header;
  std::string columns;                      // CSV: the column line; JSONL: empty
  std::map<std::size_t, std::string> rows;  // point → its line, without newline
  std::uintmax_t complete_bytes = 0;        // bytes up to the end of the last complete line
  bool partial_tail = false;                // the file ends in a line without newline
};

// Reads a sweep file. A last line without a newline (a write cut short) is left out of `rows`
// and reported by partial_tail. Any other malformed line, a duplicate point or a point outside
// the header's range is an error (nullopt, `error` set as "FILE:LINE: ...").
std::optional<SweepFile> read_sweep_file(const std::filesystem::path& path, std::string& error);

// The content of a file: header line, columns (CSV), rows in point order.
std::string sweep_file_text(const SweepFormat format, const SweepHeader& header,
                            const std::string& columns,
                            const std::map<std::size_t, std::string>& rows);

// Appends lines to a sweep file, each written whole and then fsync'ed, so that a crash loses at
// most the line being written (which read_sweep_file then drops).
class SweepAppender {
 public:
  SweepAppender() = default;
  SweepAppender(const SweepAppender&) = delete;
  SweepAppender& operator=(const SweepAppender&) = delete;
  ~SweepAppender();
  // Creates `path` holding `initial_text` as write_file_atomically (models/io/output_file.h)
  // writes a file, then opens it for appending. Returns an error message or nullopt.
  // REQUIRES: `path` names no device or FIFO (a sweep file there cannot be resumed).
  std::optional<std::string> create(const std::filesystem::path& path,
                                    const std::string& initial_text);
  // Opens the existing `path` for appending after truncating it to `keep_bytes` (dropping an
  // incomplete last line). Returns an error message or nullopt.
  std::optional<std::string> reopen(const std::filesystem::path& path, std::uintmax_t keep_bytes);
  // Appends `line` and a newline, then fsyncs. Returns an error message or nullopt.
  std::optional<std::string> append(const std::string& line);
  void close();

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

// Merges sweep files (shards or partial runs of one sweep) into the complete file. Every file
// must have the same format, header (apart from the shard) and columns; every point must appear
// exactly once. On failure returns nullopt and sets `errors`.
std::optional<std::string> merge_sweep_files(const std::vector<std::filesystem::path>& files,
                                             std::vector<std::string>& errors);

}  // namespace ccsim
