// Parameter sweeps: a grid (or zip) of scenario variants named by JSON pointers, their
// validation, their execution over (point, replication) pairs, and the resumable sweep file.
//
// A point's results are those of `ccsim run` on its variant: replication r of a point uses the
// random streams of (seed, r), whatever thread or process runs it, and replications are
// summarised in replication order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"

namespace ccsim {

struct SweepParameter {
  std::string pointer;                 // JSON pointer into the scenario document
  std::vector<nlohmann::json> values;  // at least one
};

struct SweepSpec {
  std::vector<SweepParameter> parameters;  // in the order given; the last varies fastest
  bool zip = false;                        // pair the i-th values instead of a grid
};

// Parses VALUES of `--set PTR=VALUES`: either a list "v1,v2,..." split at top-level commas
// (outside quotes, brackets and braces), each item a JSON value (numbers as written: 20 stays
// an integer; strings quoted as JSON), or a range "start:stop:step" of numbers. A range holds
// start, start + step, ... up to stop, including stop when it lies on the grid within 1e-9
// steps; its values are the exact decimal sums start + i × step of the numbers as written, each
// read as the nearest double (so 0:0.3:0.1 gives 0, 0.1, 0.2, 0.3 exactly as written, and
// 1e69:3e69:1e69 gives 1e69, 2e69, 3e69), and are integers when start and step are integers
// (as long as they fit 64 bits). Start and step must span at most 36 significant digits
// together (e.g. not 1e69 with a step of 1e-3).
// On failure returns nullopt and sets `error` (a message without the option name).
std::optional<std::vector<nlohmann::json>> parse_sweep_values(const std::string& text,
                                                              std::string& error);

// Adds `PTR=VALUES` to `spec`. Returns an error message ("--set TEXT: ...") or nullopt; a PTR
// that `spec` already sweeps is an error (nothing is silently replaced).
std::optional<std::string> add_sweep_set(const std::string& text, SweepSpec& spec);

// Adds the contents of a sweep file, {"set": {"/ptr": [values] | "VALUES text"}, "zip": bool},
// to `spec` (parameters in the file's key order). Returns every problem, each naming its key.
std::vector<std::string> add_sweep_document(const nlohmann::ordered_json& document,
                                            SweepSpec& spec);

// The points: each holds one value per parameter. A grid is the cartesian product with the
// last parameter varying fastest; a zip pairs the i-th values (every list must have the same
// length). On failure returns an empty list and sets `error`.
std::vector<std::vector<nlohmann::json>> sweep_points(const SweepSpec& spec, std::string& error);

// "PTR=VALUE, PTR=VALUE" of a point, for messages.
std::string point_label(const SweepSpec& spec, const std::vector<nlohmann::json>& values);

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
// scenario leaves out; parse_scenario then rejects unknown keys). Errors name the pointer
// ("--set /x/y: ...") or the point ("point 3 (/a=-1): agent_groups[0]...: ..."); every point
// must have the same contact types and agent groups (names, in order) as point 0.
// `replications`/`seed`, when given, override each point's simulation settings. Every point is
// checked, but only the errors of the first 20 bad points are listed, then one line counting
// the rest.
SweepPlan plan_sweep(const nlohmann::json& document, const std::filesystem::path& base_dir,
                     const SweepSpec& spec, std::optional<int> replications,
                     std::optional<std::uint64_t> seed);

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
// the --seed/--replications given, or "scenario".

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

// A parameter value as a CSV cell, table cell or label shows it: a string as it is, anything
// else as JSON text.
std::string parameter_text(const nlohmann::json& value);

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

// Runs sweep points on `threads` threads (0: every hardware thread), spreading their
// (point, replication) pairs over the threads. `next_point` hands out point indices (nullopt:
// no more) and is called under a lock; `on_done(point, results)` is called once per point when
// its last replication finishes, serialised. An exception from the simulation or a callback is
// rethrown after every thread has stopped.
void run_sweep_points(const SweepPlan& plan, unsigned threads,
                      const std::function<std::optional<std::size_t>()>& next_point,
                      const std::function<void(std::size_t, const Results&)>& on_done);

// Merges sweep files (shards or partial runs of one sweep) into the complete file. Every file
// must have the same format, header (apart from the shard) and columns; every point must appear
// exactly once. On failure returns nullopt and sets `errors`.
std::optional<std::string> merge_sweep_files(const std::vector<std::filesystem::path>& files,
                                             std::vector<std::string>& errors);

}  // namespace ccsim
