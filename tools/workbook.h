// Excel workbooks (.xlsx) of ccsim's commands: a few typed tables, one sheet each, written with
// libxlsxwriter. Each command builds its sheets (tools/*_workbook.cpp) and returns the
// workbook's bytes as its output, which is then written like any other (atomically, --out).
//
// Every sheet has a bold header row that stays frozen while scrolling, an autofilter over its
// columns, column widths fitted to the header and figures, and numbers stored as numbers with a
// number format per column (shares as percentages), so that Excel sums, sorts and charts them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ccsim::cli {

// How a column's numbers are stored and shown.
enum class ColumnKind {
  Text,      // strings
  Integer,   // whole numbers, format "0"
  Number,    // format with `decimals` decimals ("0.0")
  Percent,   // a share in [0, 1] shown as a percentage with `decimals` decimals ("81.3%")
  Duration,  // seconds, stored as Excel time (days) and shown as [h]:mm:ss
  Clock,     // seconds since midnight, stored as Excel time and shown as hh:mm
  Date,      // a calendar day as days since 1970-01-01, stored as an Excel date (yyyy-mm-dd)
};

struct Column {
  std::string header;
  ColumnKind kind = ColumnKind::Text;
  int decimals = 0;  // Number and Percent only. Default: 0
};

// A cell: empty (an undefined figure), a number, or text.
struct Cell {
  enum class Kind { Empty, Number, Text };
  Cell() = default;
  Cell(double v) : kind(Kind::Number), number(v) {}  // NOLINT: implicit, as a value is written
  Cell(std::string t) : kind(Kind::Text), text(std::move(t)) {}  // NOLINT
  Cell(const char* t) : kind(Kind::Text), text(t) {}             // NOLINT
  Kind kind = Kind::Empty;
  double number = 0.0;  // Kind::Number
  std::string text;     // Kind::Text
};

// One sheet: its name (at most 31 characters, none of []:*?/\; unique within a workbook,
// compared case-insensitively as Excel does), its columns and its rows.
// INVARIANT (checked by workbook_bytes): every row has columns.size() cells.
struct Sheet {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// `name` made a valid sheet name: forbidden characters replaced by '_', cut to 31 characters,
// and if it is taken in `taken` (case-insensitively), ended with " (2)", " (3)", ...
std::string sheet_name(const std::string& name, const std::vector<std::string>& taken);

// The bytes of an .xlsx file holding `sheets` in order. Throws std::runtime_error naming the
// reason when libxlsxwriter fails or a sheet breaks its invariant.
// REQUIRES: at least one sheet; sheet names valid and unique (see sheet_name).
std::string workbook_bytes(const std::vector<Sheet>& sheets);

}  // namespace ccsim::cli
