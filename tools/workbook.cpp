#include "tools/workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace ccsim::cli {

namespace {

constexpr std::size_t kMaxSheetName = 31;
constexpr double kSecondsPerDay = 86400.0;
constexpr double kExcelDayOf1970 = 25569.0;  // 1970-01-01 in Excel's 1900 date system

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool taken_by(const std::string& name, const std::vector<std::string>& taken) {
  return std::any_of(taken.begin(), taken.end(),
                     [&](const std::string& t) { return lower(t) == lower(name); });
}

// The Excel number format of a column kind ("" for text).
std::string number_format(const Column& c) {
  const std::string decimals =
      c.decimals > 0 ? "." + std::string(std::size_t(c.decimals), '0') : "";
  switch (c.kind) {
    case ColumnKind::Text:
      return "";
    case ColumnKind::Integer:
      return "0";
    case ColumnKind::Number:
      return "0" + decimals;
    case ColumnKind::Percent:
      return "0" + decimals + "%";
    case ColumnKind::Duration:
      return "[h]:mm:ss";
    case ColumnKind::Clock:
      return "hh:mm";
    case ColumnKind::Date:
      return "yyyy-mm-dd";
  }
  return "";
}

// The value stored for a number of a column: seconds become Excel days, and days since 1970
// Excel's day numbers (days since 1899-12-30).
double stored_value(const Column& c, double v) {
  if (c.kind == ColumnKind::Date) return v + kExcelDayOf1970;
  return c.kind == ColumnKind::Duration || c.kind == ColumnKind::Clock ? v / kSecondsPerDay : v;
}

// Characters a cell takes on screen, roughly, for the column width.
std::size_t shown_width(const Column& c, const Cell& cell) {
  if (cell.kind == Cell::Kind::Text) return cell.text.size();
  if (cell.kind == Cell::Kind::Empty) return 0;
  const double* v = &cell.number;
  if (c.kind == ColumnKind::Duration || c.kind == ColumnKind::Clock) return 8;
  if (c.kind == ColumnKind::Date) return 10;
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(c.kind == ColumnKind::Integer ? 0 : c.decimals);
  o << (c.kind == ColumnKind::Percent ? *v * 100 : *v);
  return o.str().size() + (c.kind == ColumnKind::Percent ? 1 : 0);
}

void check(lxw_error e, const std::string& what) {
  if (e != LXW_NO_ERROR) throw std::runtime_error(what + ": " + lxw_strerror(e));
}

// A private folder for the workbook file, removed with this object.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ccsim-xlsx-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary folder for the workbook");
    }
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Formats of a workbook, one per distinct number format, created on first use.
class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {
    header_ = workbook_add_format(book);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
  }
  lxw_format* header() const { return header_; }
  lxw_format* of(const Column& c) {
    const std::string f = number_format(c);
    if (f.empty()) return nullptr;
    auto [it, added] = formats_.try_emplace(f, nullptr);
    if (added) {
      it->second = workbook_add_format(book_);
      format_set_num_format(it->second, f.c_str());
    }
    return it->second;
  }

 private:
  lxw_workbook* book_;
  lxw_format* header_;
  std::map<std::string, lxw_format*> formats_;
};

void write_sheet(lxw_workbook* book, Formats& formats, const Sheet& sheet) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
  if (ws == nullptr) throw std::runtime_error("cannot add the sheet \"" + sheet.name + "\"");
  const std::size_t n = sheet.columns.size();
  std::vector<std::size_t> width(n);
  for (std::size_t c = 0; c < n; ++c) {
    const Column& col = sheet.columns[c];
    check(worksheet_write_string(ws, 0, lxw_col_t(c), col.header.c_str(), formats.header()),
          "sheet " + sheet.name);
    width[c] = col.header.size() + 3;  // room for the autofilter's button
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    if (row.size() != n) {
      throw std::runtime_error("sheet " + sheet.name + ": row " + std::to_string(r + 1) + " has " +
                               std::to_string(row.size()) + " cells for " + std::to_string(n) +
                               " columns");
    }
    const auto xr = lxw_row_t(r + 1);
    for (std::size_t c = 0; c < n; ++c) {
      const Column& col = sheet.columns[c];
      width[c] = std::max(width[c], shown_width(col, row[c]) + 1);
      const Cell& cell = row[c];
      if (cell.kind == Cell::Kind::Text) {
        check(worksheet_write_string(ws, xr, lxw_col_t(c), cell.text.c_str(), nullptr),
              "sheet " + sheet.name);
      } else if (cell.kind == Cell::Kind::Number && std::isfinite(cell.number)) {
        check(worksheet_write_number(ws, xr, lxw_col_t(c), stored_value(col, cell.number),
                                     formats.of(col)),
              "sheet " + sheet.name);
      }
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c),
                         double(std::min<std::size_t>(width[c], 60)), nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (n > 0) {
    worksheet_autofilter(ws, 0, 0, lxw_row_t(sheet.rows.size()), lxw_col_t(n - 1));
  }
}

}  // namespace

std::string sheet_name(const std::string& name, const std::vector<std::string>& taken) {
  std::string base = name.empty() ? std::string("sheet") : name;
  for (char& ch : base) {
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = '_';
  }
  if (base.front() == '\'') base.front() = '_';
  if (base.back() == '\'') base.back() = '_';
  std::string candidate = base.substr(0, kMaxSheetName);
  for (int k = 2; taken_by(candidate, taken); ++k) {
    const std::string suffix = " (" + std::to_string(k) + ")";
    candidate = base.substr(0, kMaxSheetName - suffix.size()) + suffix;
  }
  return candidate;
}

std::string workbook_bytes(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) throw std::runtime_error("a workbook needs at least one sheet");
  TempFolder folder;
  const std::string file = (folder.path() / "book.xlsx").string();
  std::string tmpdir = folder.path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  if (book == nullptr) throw std::runtime_error("cannot create the workbook");
  try {
    Formats formats(book);
    for (const Sheet& sheet : sheets) write_sheet(book, formats, sheet);
  } catch (...) {
    workbook_close(book);
    throw;
  }
  check(workbook_close(book), "cannot write the workbook");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read back the workbook written in " + tmpdir);
  return bytes.str();
}

}  // namespace ccsim::cli
