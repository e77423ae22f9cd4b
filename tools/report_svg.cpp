#include "tools/report_svg.h"

#include <cmath>
#include <cstdio>

#include "tools/report.h"

namespace ccsim::cli {

bool is_defined(const std::optional<double>& v) {
  return v && std::isfinite(*v);
}

std::string svg_number(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string text_element(double x, double y, std::string_view text, std::string_view anchor,
                         std::string_view extra) {
  return "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" text-anchor=\"" +
         std::string(anchor) + "\"" + std::string(extra) + ">" + html_escape(text) + "</text>";
}

}  // namespace ccsim::cli
