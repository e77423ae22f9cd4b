#include "tools/output_format.h"

#include <algorithm>
#include <cctype>

namespace ccsim::cli {

std::optional<Format> parse_format(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  if (text == "xlsx") return Format::Xlsx;
  return std::nullopt;
}

Format format_of_path(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (ext == ".json") return Format::Json;
  if (ext == ".csv") return Format::Csv;
  if (ext == ".xlsx") return Format::Xlsx;
  return Format::Table;
}

}  // namespace ccsim::cli
