#include "tools/output_format.h"

namespace ccsim::cli {

std::optional<Format> parse_format(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  return std::nullopt;
}

Format format_of_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".json") return Format::Json;
  if (ext == ".csv") return Format::Csv;
  return Format::Table;
}

}  // namespace ccsim::cli
