// Drawing primitives shared by the charts and heatmaps of HTML reports (tools/report.h):
// coordinates, text elements, and the test for a value that can be drawn.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ccsim::cli {

// What a report shows for an undefined value: an en dash.
inline constexpr const char* kDash = "\u2013";

// Whether `v` is a value a report can show (given and finite).
bool is_defined(const std::optional<double>& v);

// An SVG coordinate or length with one decimal ("0" for anything not finite).
std::string svg_number(double v);

// <text> at (x, y) with `anchor` (start, middle, end) and `extra` attributes (each with its
// leading space); `text` is escaped.
std::string text_element(double x, double y, std::string_view text, std::string_view anchor,
                         std::string_view extra = {});

}  // namespace ccsim::cli
