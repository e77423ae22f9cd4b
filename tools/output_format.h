// The output formats of ccsim's commands: an aligned text table (the default), JSON, CSV or an
// Excel workbook, chosen by --format or by the extension of --out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ccsim::cli {

// Xlsx: an Excel workbook (tools/workbook.h); binary, so only ever written to --out, and only
// by the commands that build one (run, staff, compare, sweep).
enum class Format { Table, Json, Csv, Xlsx };

// "table", "json", "csv" or "xlsx"; nullopt for anything else.
std::optional<Format> parse_format(const std::string& text);
// The format implied by a file name's extension (.json, .csv, .xlsx, compared
// case-insensitively; anything else is a table).
Format format_of_path(const std::filesystem::path& path);

}  // namespace ccsim::cli
