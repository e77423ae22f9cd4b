// Heatmaps of HTML reports (heatmap_svg in tools/report.h).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

#include "tools/report.h"
#include "tools/report_svg.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

struct Rgb {
  double r, g, b;
};

Rgb mix(Rgb a, Rgb b, double u) {
  u = std::clamp(u, 0.0, 1.0);
  return Rgb{a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u};
}

// The palettes (colour-blind safe: blue against orange, no red against green).
constexpr Rgb kMetPale{198, 219, 239}, kMetDark{33, 102, 172};
constexpr Rgb kMissedPale{253, 208, 162}, kMissedDark{166, 54, 3};
constexpr Rgb kUnclear{242, 242, 242}, kUndefined{224, 224, 224};
constexpr Rgb kNeutralPale{242, 240, 247}, kNeutralDark{84, 39, 143};

// The upper end of the map's scale: scale_max, else the largest value (at least twice the
// target, and above 0).
double scale_end(const Heatmap& m) {
  if (m.scale_max) return *m.scale_max;
  double end = m.target ? 2 * *m.target : 0.0;
  for (const auto& row : m.values) {
    for (const auto& v : row) {
      if (is_defined(v)) end = std::max(end, *v);
    }
  }
  return end > 0 ? end : 1.0;
}

// The colour of a defined value by the rule of report.h.
Rgb value_colour(const Heatmap& m, double v, double half_width, double end) {
  if (!m.target) return mix(kNeutralPale, kNeutralDark, v / end);
  const double t = *m.target;
  const Verdict verdict = judge(sim::Estimate{v, half_width, 2}, t, m.sense);
  if (verdict == Verdict::NotDistinguishable) return kUnclear;
  // The share of the way from the target to the scale's end on the value's side (0 or end).
  const double room = v >= t ? end - t : t;
  const double distance = room > 0 ? std::abs(v - t) / room : 1.0;
  const double shade = 0.25 + 0.75 * std::clamp(distance, 0.0, 1.0);
  return verdict == Verdict::Met ? mix(kMetPale, kMetDark, shade)
                                 : mix(kMissedPale, kMissedDark, shade);
}

std::string css_colour(Rgb c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(std::lround(c.r)), int(std::lround(c.g)),
                int(std::lround(c.b)));
  return buf;
}

std::atomic<int> heatmap_counter{0};

// What the colours of a map with a target mean, under its scale.
constexpr std::string_view kTargetLegend =
    "blue: target met, orange: missed (at 95%), darker further from the target; grey: not "
    "distinguishable";

// The heatmap's frame: the titles, the cells' size, the margins around the grid of cells, the
// colour scale's width and the whole size. Text widths are estimated at 7 px a character (12 px
// sans-serif).
struct Frame {
  explicit Frame(const Heatmap& m)
      : rows_title("rows: " + m.y_axis),
        columns_title("columns: " + m.x_axis),
        scale_title(scale_title_of(m)),
        cell_w(
            std::clamp(600.0 / double(std::max<std::size_t>(m.x_labels.size(), 1)), 48.0, 110.0)),
        left_m(20 + 7.0 * double(label_chars(m))),
        pw(cell_w * double(m.x_labels.size())),
        ph(cell_h * double(m.y_labels.size())),
        sw(std::min(240.0, pw)),
        width(std::max({left_m + pw + 20,
                        8 + 7.0 * double(std::max({rows_title.size(), columns_title.size(),
                                                   m.title.size() + 4})),
                        left_m + sw + 16 + 7.0 * double(scale_title.size()),
                        left_m + 20 + (m.target ? 7.0 * double(kTargetLegend.size()) : 0.0)})),
        height(top_m + ph + bottom_m) {}

  static std::string scale_title_of(const Heatmap& m) {
    if (!m.target) return m.value_name + ": darker is higher (no target)";
    return m.value_name + ": target " +
           std::string(m.sense == TargetSense::AtLeast ? "at least " : "at most ") +
           format_number(*m.target, m.decimals);
  }

  // Characters of the longest row label (at least 4).
  static std::size_t label_chars(const Heatmap& m) {
    std::size_t chars = 4;
    for (const std::string& y : m.y_labels) chars = std::max(chars, y.size());
    return chars;
  }

  const std::string rows_title, columns_title, scale_title;
  static constexpr double cell_h = 34, top_m = 56, bottom_m = 110;
  const double cell_w, left_m, pw, ph, sw, width, height;
};

// The gradient of the colour scale: without a target, the neutral scale from 0 to its end;
// with one, missed (darkest far from the target) to met (darkest far beyond it), pale at it.
std::string gradient_svg(const std::string& id, const Heatmap& m) {
  std::string svg = "<defs><linearGradient id=\"" + id + "\">";
  std::vector<Rgb> stops{kNeutralPale, kNeutralDark};
  if (m.target) stops = {kMissedDark, kMissedPale, kUnclear, kMetPale, kMetDark};
  for (std::size_t k = 0; k < stops.size(); ++k) {
    const double u = double(k) / double(stops.size() - 1);
    svg += "<stop offset=\"" + svg_number(u * 100) + "%\" stop-color=\"" + css_colour(stops[k]) +
           "\"/>";
  }
  return svg + "</linearGradient></defs>";
}

// Cell (x, y): a rectangle coloured by its value on the range (grey when undefined), its value
// as a tooltip with the half-width, and the value written in it (light on a dark colour).
std::string cell_svg(const Heatmap& m, const Frame& f, double end, std::size_t x, std::size_t y) {
  const double cx = f.left_m + f.cell_w * double(x), cy = f.top_m + f.cell_h * double(y);
  const std::optional<double> v =
      y < m.values.size() && x < m.values[y].size() ? m.values[y][x] : std::nullopt;
  const std::optional<double> h =
      y < m.half_widths.size() && x < m.half_widths[y].size() ? m.half_widths[y][x] : std::nullopt;
  const bool ok = is_defined(v);
  const Rgb fill = ok ? value_colour(m, *v, is_defined(h) ? *h : 0.0, end) : kUndefined;
  const double luminance = 0.299 * fill.r + 0.587 * fill.g + 0.114 * fill.b;
  return "<rect class=\"cell\" x=\"" + svg_number(cx) + "\" y=\"" + svg_number(cy) + "\" width=\"" +
         svg_number(f.cell_w) + "\" height=\"" + svg_number(f.cell_h) + "\" fill=\"" +
         css_colour(fill) + "\"><title>" +
         html_escape(m.y_axis + " = " + m.y_labels[y] + ", " + m.x_axis + " = " + m.x_labels[x] +
                     ": " + m.value_name + " " + report_cell(v, h, m.decimals)) +
         "</title></rect>" +
         text_element(cx + f.cell_w / 2, cy + f.cell_h / 2 + 4,
                      ok ? format_number(*v, m.decimals) : kDash, "middle",
                      luminance < 130 ? " class=\"cell-text light\"" : " class=\"cell-text\"");
}

// The colour scale under the grid: the gradient bar, its ends (or the target in its middle),
// what it shows, and with a target what each colour means.
std::string scale_svg(const Heatmap& m, const Frame& f, double end,
                      const std::string& gradient_id) {
  const double sy = f.top_m + f.ph + 52;
  std::string svg = "<rect class=\"scale\" x=\"" + svg_number(f.left_m) + "\" y=\"" +
                    svg_number(sy) + "\" width=\"" + svg_number(f.sw) +
                    "\" height=\"10\" fill=\"url(#" + gradient_id + ")\"/>";
  svg += text_element(f.left_m + f.sw + 8, sy + 9, f.scale_title, "start", " class=\"legend\"");
  if (!m.target) {
    svg += text_element(f.left_m, sy + 24, format_number(0, m.decimals), "start");
    return svg + text_element(f.left_m + f.sw, sy + 24, format_number(end, m.decimals), "end");
  }
  svg += text_element(f.left_m, sy + 24, "missed", "start");
  svg += text_element(f.left_m + f.sw / 2, sy + 24, format_number(*m.target, m.decimals), "middle");
  svg += text_element(f.left_m + f.sw, sy + 24, "met", "end");
  return svg + text_element(f.left_m, sy + 44, kTargetLegend, "start", " class=\"legend\"");
}

}  // namespace

std::string heatmap_colour(const Heatmap& m, const std::optional<double>& value,
                           const std::optional<double>& half_width) {
  if (!is_defined(value)) return css_colour(kUndefined);
  return css_colour(
      value_colour(m, *value, is_defined(half_width) ? *half_width : 0.0, scale_end(m)));
}

std::string heatmap_svg(const Heatmap& m) {
  const std::size_t nx = m.x_labels.size(), ny = m.y_labels.size();
  const Frame f(m);
  const double end = scale_end(m);
  const std::string gradient_id = "heat" + std::to_string(++heatmap_counter);

  std::string svg = "<svg class=\"heatmap\" viewBox=\"0 0 " + svg_number(f.width) + " " +
                    svg_number(f.height) + "\" width=\"" + svg_number(f.width) + "\" height=\"" +
                    svg_number(f.height) + "\" role=\"img\" aria-label=\"" + html_escape(m.title) +
                    "\">";
  svg += "<title>" + html_escape(m.title) + "</title>";
  svg += gradient_svg(gradient_id, m);
  svg += text_element(8, 18, m.title, "start", " class=\"chart-title\"");
  svg += text_element(8, f.top_m - 12, f.rows_title, "start", " class=\"axis-title\"");
  for (std::size_t y = 0; y < ny; ++y) {
    const double cy = f.top_m + f.cell_h * double(y);
    svg += text_element(f.left_m - 6, cy + f.cell_h / 2 + 4, m.y_labels[y], "end");
    for (std::size_t x = 0; x < nx; ++x) svg += cell_svg(m, f, end, x, y);
  }
  for (std::size_t x = 0; x < nx; ++x) {
    svg += text_element(f.left_m + f.cell_w * (double(x) + 0.5), f.top_m + f.ph + 16, m.x_labels[x],
                        "middle");
  }
  svg += text_element(f.left_m, f.top_m + f.ph + 36, f.columns_title, "start",
                      " class=\"axis-title\"");
  svg += scale_svg(m, f, end, gradient_id);
  svg += "</svg>";
  return svg;
}

}  // namespace ccsim::cli
