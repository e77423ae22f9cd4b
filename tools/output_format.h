// The output formats of ccsim's commands: an aligned text table (the default), JSON or CSV,
// chosen by --format or by the extension of --out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ccsim::cli {

enum class Format { Table, Json, Csv };

// "table", "json" or "csv"; nullopt for anything else.
std::optional<Format> parse_format(const std::string& text);
// The format implied by a file name's extension (.json, .csv; anything else is a table).
Format format_of_path(const std::filesystem::path& path);

}  // namespace ccsim::cli
