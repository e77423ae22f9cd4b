#include "tools/table_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <iomanip>
#include <sstream>

namespace ccsim::cli {

std::string format_number(double value, int decimals) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(decimals) << value;
  return o.str();
}

std::string csv_number(double value, int decimals) {
  std::string text = format_number(value, decimals);
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string csv_number(double value) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return ec == std::errc() ? std::string(buf.data(), end) : format_number(value, 17);
}

int decimals_for(std::string_view kpi_name) {
  if (kpi_name == "abandon_rate" || kpi_name == "service_level" || kpi_name == "occupancy" ||
      kpi_name == "utilisation" || kpi_name == "csat" || kpi_name == "transfer_rate" ||
      kpi_name == "fcr" || kpi_name == "block_rate" || kpi_name == "line_occupancy" ||
      kpi_name == "slot_use" || kpi_name == "wait_prediction_within_20pct") {
    return 3;
  }
  if (kpi_name == "cost" || kpi_name == "revenue" || kpi_name == "net" ||
      kpi_name == "agent_cost" || kpi_name == "penalty_cost") {
    return 2;  // money
  }
  return 1;
}

std::string cell(const KpiEstimate& e, int decimals) {
  if (!e) return "-";
  if (e->n == 0) return format_number(e->mean, decimals);  // exact: no replications
  return format_number(e->mean, decimals) + " ± " + format_number(e->ci95, decimals);
}

namespace {
// Width of a UTF-8 string in terminal columns (every code point one column).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 std::size_t left_columns) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& s = rows[r][c];
      const std::string pad(width[c] - display_width(s), ' ');
      if (c > 0) line += "  ";
      line += c < left_columns ? s + pad : pad + s;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    if (r == 0) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
      out << std::string(total, '-') << '\n';
    }
  }
}

}  // namespace ccsim::cli
