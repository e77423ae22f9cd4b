// Reading the CSV files that give a scenario's figures interval by interval (a forecast, a
// roster; forecast_csv.h): the header, the delimiter, numbers as exports write them, and each
// row's date and interval as an interval of the horizon.
//
// The format, as a workforce-management export writes it:
//  - the first non-blank line is the header; column names are matched case-insensitively, with
//    spaces and hyphens read as '_' and a trailing unit in parentheses ("AHT (s)") dropped, and
//    each column has synonyms (ColumnSpec). A column no spec names is ignored with a warning;
//  - fields are separated by a tab when the header holds one, else by ';' when it holds one,
//    else by ','; fields may be double-quoted (not with tabs). A UTF-8 byte order mark is
//    skipped; lines end in LF or CRLF; blank lines are skipped;
//  - with ';' or tab as the separator a decimal comma is read as a point ("12,5"); durations
//    may be written mm:ss or h:mm:ss ("4:05" is 245 s);
//  - `interval` is the clock time "H:MM", "HH:MM" or "HH:MM:SS" at which the interval starts;
//    `date` (optional column) is "YYYY-MM-DD".
//
// Every bad row is reported, each as "PATH: FILE line N: RULE (got VALUE)", in line order, the
// first kMaxRowProblems of them and then how many more there are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// A header name as compared: lower case, trimmed, a trailing "(unit)" dropped, runs of spaces,
// hyphens and underscores as one '_' ("Calls Offered" and "calls-offered" are "calls_offered",
// "AHT (s)" is "aht").
std::string normalised_column_name(std::string_view name);
// Seconds of a duration "M:SS" or "H:MM:SS" (the seconds may have decimals; minutes and seconds
// after the first part two digits below 60): "4:05" is 245; nullopt for anything else.
std::optional<double> parse_duration(std::string_view s);

// Row problems shown per file before a summary line.
inline constexpr int kMaxRowProblems = 20;

// The row problems of one file, reported in line order when finished: "PATH: FILE line N:
// MESSAGE" for the first kMaxRowProblems, then "PATH: FILE: K more problems not shown".
class RowProblems {
 public:
  RowProblems(Checker& in, std::string path, std::string file)
      : in_(in), path_(std::move(path)), file_(std::move(file)) {}
  void add(int line, std::string message) { lines_.emplace_back(line, std::move(message)); }
  int count() const { return static_cast<int>(lines_.size()); }
  // Reports the problems added so far (and forgets them).
  void finish();

 private:
  Checker& in_;
  std::string path_, file_;
  std::vector<std::pair<int, std::string>> lines_;
};

// What a column holds.
enum class ValueKind {
  Volume,   // a number >= 0
  Seconds,  // a number of seconds > 0 and <= kMaxTimeS, or mm:ss / h:mm:ss
  Agents,   // a whole number from 0 to kMaxAgentsPerGroup
};

struct ColumnSpec {
  std::string name;                   // as documented, e.g. "volume"
  std::vector<std::string> synonyms;  // other accepted names (normalised: lower case, '_')
  ValueKind kind = ValueKind::Volume;
  bool required = false;
};

// The columns of one kind of file besides `date` and `interval` (both always known).
struct TableSpec {
  // The column that names what a row is about ("contact_type", "agent_group").
  ColumnSpec key;
  std::vector<ColumnSpec> values;
};

// Day 0 of the horizon as a day number (days since 1970-01-01) for the dates of the files of
// one scenario: horizon.start_date's when it has one, else the earliest date of the first file
// read that has a date column.
struct DateAnchor {
  std::optional<long long> day0;
};

struct IntervalRow {
  int line = 0;
  int interval = 0;  // index over the whole horizon, 0 <= interval < interval_count()
  std::string key;   // empty when the file has no key column
  // One per TableSpec::values entry: nullopt when the column is absent or the cell empty.
  std::vector<std::optional<double>> values;
};

struct IntervalTable {
  bool header_ok = false;  // the file was read and its header has every required column
  bool has_key = false;
  bool has_date = false;
  std::vector<bool> has_value;    // per TableSpec::values entry
  int data_rows = 0;              // data lines (not blank), valid or not
  std::vector<IntervalRow> rows;  // the valid rows, in file order
};

// Reads `file` (relative to in.base_dir()) as `spec` says, over `horizon`. File-level problems
// (cannot open, no header, a missing or repeated column) go to `in` at `path`; row problems to
// `problems`. A required value column's cell must not be empty.
IntervalTable read_interval_table(Checker& in, const std::string& path, const std::string& file,
                                  const Horizon& horizon, const TableSpec& spec, DateAnchor& anchor,
                                  RowProblems& problems);

}  // namespace ccsim::reading
