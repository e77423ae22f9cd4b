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

// Colour of t in [0, 1] from bad (0: red) through amber to good (1: green).
Rgb good_bad_colour(double t) {
  const Rgb bad{214, 69, 65}, mid{246, 196, 83}, good{72, 160, 90};
  const auto mix = [](Rgb a, Rgb b, double u) {
    return Rgb{a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u};
  };
  t = std::clamp(t, 0.0, 1.0);
  return t < 0.5 ? mix(bad, mid, t * 2) : mix(mid, good, (t - 0.5) * 2);
}

std::string css_colour(Rgb c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(std::lround(c.r)), int(std::lround(c.g)),
                int(std::lround(c.b)));
  return buf;
}

std::atomic<int> heatmap_counter{0};

// The heatmap's frame: the titles, the cells' size, the margins around the grid of cells, the
// colour scale's width and the whole size. Text widths are estimated at 7 px a character (12 px
// sans-serif).
struct Frame {
  explicit Frame(const Heatmap& m)
      : rows_title("rows: " + m.y_axis),
        columns_title("columns: " + m.x_axis),
        scale_title(m.value_name +
                    (m.higher_is_better ? " (green: higher, better)" : " (green: lower, better)")),
        cell_w(
            std::clamp(600.0 / double(std::max<std::size_t>(m.x_labels.size(), 1)), 48.0, 110.0)),
        left_m(20 + 7.0 * double(label_chars(m))),
        pw(cell_w * double(m.x_labels.size())),
        ph(cell_h * double(m.y_labels.size())),
        sw(std::min(240.0, pw)),
        width(std::max({left_m + pw + 20,
                        8 + 7.0 * double(std::max({rows_title.size(), columns_title.size(),
                                                   m.title.size() + 4})),
                        left_m + sw + 16 + 7.0 * double(scale_title.size())})),
        height(top_m + ph + bottom_m) {}

  // Characters of the longest row label (at least 4).
  static std::size_t label_chars(const Heatmap& m) {
    std::size_t chars = 4;
    for (const std::string& y : m.y_labels) chars = std::max(chars, y.size());
    return chars;
  }

  const std::string rows_title, columns_title, scale_title;
  static constexpr double cell_h = 34, top_m = 56, bottom_m = 90;
  const double cell_w, left_m, pw, ph, sw, width, height;
};

// The range of the defined values; `any` is false when there is none.
struct ValueRange {
  double lo = 0, hi = 0;
  bool any = false;
};

ValueRange value_range(const Heatmap& m) {
  ValueRange r;
  for (const auto& row : m.values) {
    for (const auto& v : row) {
      if (!is_defined(v)) continue;
      r.lo = r.any ? std::min(r.lo, *v) : *v;
      r.hi = r.any ? std::max(r.hi, *v) : *v;
      r.any = true;
    }
  }
  return r;
}

// The gradient of the colour scale, from the worst colour to the best.
std::string gradient_svg(const std::string& id, bool higher_is_better) {
  std::string svg = "<defs><linearGradient id=\"" + id + "\">";
  for (int k = 0; k <= 4; ++k) {
    const double u = k / 4.0;
    const Rgb c = good_bad_colour(higher_is_better ? u : 1.0 - u);
    svg += "<stop offset=\"" + svg_number(u * 100) + "%\" stop-color=\"" + css_colour(c) + "\"/>";
  }
  return svg + "</linearGradient></defs>";
}

// Cell (x, y): a rectangle coloured by its value on the range (grey when undefined), its value
// as a tooltip with the half-width, and the value written in it (light on a dark colour).
std::string cell_svg(const Heatmap& m, const Frame& f, const ValueRange& range, std::size_t x,
                     std::size_t y) {
  const double cx = f.left_m + f.cell_w * double(x), cy = f.top_m + f.cell_h * double(y);
  const std::optional<double> v =
      y < m.values.size() && x < m.values[y].size() ? m.values[y][x] : std::nullopt;
  const std::optional<double> h =
      y < m.half_widths.size() && x < m.half_widths[y].size() ? m.half_widths[y][x] : std::nullopt;
  const bool ok = is_defined(v);
  Rgb fill{224, 224, 224};
  if (ok) {
    double t = range.hi - range.lo < 1e-12 ? 0.5 : (*v - range.lo) / (range.hi - range.lo);
    if (!m.higher_is_better) t = 1.0 - t;
    fill = good_bad_colour(t);
  }
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

// The colour scale under the grid: the gradient bar, the range's ends, and what it shows.
std::string scale_svg(const Heatmap& m, const Frame& f, const ValueRange& range,
                      const std::string& gradient_id) {
  const double sy = f.top_m + f.ph + 52;
  std::string svg = "<rect class=\"scale\" x=\"" + svg_number(f.left_m) + "\" y=\"" +
                    svg_number(sy) + "\" width=\"" + svg_number(f.sw) +
                    "\" height=\"10\" fill=\"url(#" + gradient_id + ")\"/>";
  if (range.any) {
    svg += text_element(f.left_m, sy + 24, format_number(range.lo, m.decimals), "start");
    svg += text_element(f.left_m + f.sw, sy + 24, format_number(range.hi, m.decimals), "end");
  }
  return svg +
         text_element(f.left_m + f.sw + 8, sy + 9, f.scale_title, "start", " class=\"legend\"");
}

}  // namespace

std::string heatmap_svg(const Heatmap& m) {
  const std::size_t nx = m.x_labels.size(), ny = m.y_labels.size();
  const Frame f(m);
  const ValueRange range = value_range(m);
  const std::string gradient_id = "heat" + std::to_string(++heatmap_counter);

  std::string svg = "<svg class=\"heatmap\" viewBox=\"0 0 " + svg_number(f.width) + " " +
                    svg_number(f.height) + "\" width=\"" + svg_number(f.width) + "\" height=\"" +
                    svg_number(f.height) + "\" role=\"img\" aria-label=\"" + html_escape(m.title) +
                    "\">";
  svg += "<title>" + html_escape(m.title) + "</title>";
  svg += gradient_svg(gradient_id, m.higher_is_better);
  svg += text_element(8, 18, m.title, "start", " class=\"chart-title\"");
  svg += text_element(8, f.top_m - 12, f.rows_title, "start", " class=\"axis-title\"");
  for (std::size_t y = 0; y < ny; ++y) {
    const double cy = f.top_m + f.cell_h * double(y);
    svg += text_element(f.left_m - 6, cy + f.cell_h / 2 + 4, m.y_labels[y], "end");
    for (std::size_t x = 0; x < nx; ++x) svg += cell_svg(m, f, range, x, y);
  }
  for (std::size_t x = 0; x < nx; ++x) {
    svg += text_element(f.left_m + f.cell_w * (double(x) + 0.5), f.top_m + f.ph + 16, m.x_labels[x],
                        "middle");
  }
  svg += text_element(f.left_m, f.top_m + f.ph + 36, f.columns_title, "start",
                      " class=\"axis-title\"");
  svg += scale_svg(m, f, range, gradient_id);
  svg += "</svg>";
  return svg;
}

}  // namespace ccsim::cli
