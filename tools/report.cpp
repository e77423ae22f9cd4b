#include "tools/report.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

constexpr const char* kDash = "\u2013";

bool defined(const std::optional<double>& v) {
  return v && std::isfinite(*v);
}

// An SVG coordinate or length with one decimal ("0" for anything not finite).
std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string text_element(double x, double y, std::string_view text, std::string_view anchor,
                         std::string_view extra = {}) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + std::string(anchor) +
         "\"" + std::string(extra) + ">" + html_escape(text) + "</text>";
}

// A "nice" tick step (1, 2 or 5 × 10^k) for about `ticks` ticks over `span`.
double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  const double nice = r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0;
  return nice * magnitude;
}

int step_decimals(double step) {
  return std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 6);
}

struct Scale {
  double lo = 0.0, hi = 1.0, step = 0.2;
};

// The range of an axis: fixed ends where given, else the data's range widened to include 0
// and rounded out to whole ticks.
Scale axis_scale(std::vector<double> values, std::optional<double> fixed_lo,
                 std::optional<double> fixed_hi) {
  values.push_back(0.0);
  double lo = fixed_lo ? *fixed_lo : *std::min_element(values.begin(), values.end());
  double hi = fixed_hi ? *fixed_hi : *std::max_element(values.begin(), values.end());
  if (hi - lo < 1e-12) hi = lo + 1.0;
  Scale s;
  s.step = nice_step(hi - lo, 5);
  s.lo = fixed_lo ? lo : std::floor(lo / s.step + 1e-9) * s.step;
  s.hi = fixed_hi ? hi : std::ceil(hi / s.step - 1e-9) * s.step;
  if (s.hi - s.lo < 1e-12) s.hi = s.lo + s.step;
  return s;
}

// Colours s0..s5 are defined in the page's CSS.
constexpr int kPaletteSize = 6;

// The colour class of series `i` of a chart.
std::string series_class(const ChartSeries& s, std::size_t i) {
  const std::size_t colour = s.colour >= 0 ? std::size_t(s.colour) : i;
  return "s" + std::to_string(colour % kPaletteSize);
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string report_number(double value, int decimals) {
  std::string s = format_number(value, decimals);
  if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string report_cell(const std::optional<double>& value, const std::optional<double>& half_width,
                        int decimals) {
  if (!defined(value)) return kDash;
  std::string s = report_number(*value, decimals);
  if (defined(half_width)) s += " \u00b1 " + report_number(*half_width, decimals);
  return s;
}

// ---- line charts ----

std::string chart_svg(const Chart& c) {
  const double width = 760, height = 330;
  const bool right = !c.y2_axis.empty();
  const double left_m = 70, right_m = right ? 70 : 24, top_m = 44, bottom_m = 62;
  const double pw = width - left_m - right_m, ph = height - top_m - bottom_m;
  const std::size_t n = c.x_labels.size();

  auto hw_at = [](const ChartSeries& s, std::size_t i) -> std::optional<double> {
    if (i < s.half_width.size() && defined(s.half_width[i])) return s.half_width[i];
    return std::nullopt;
  };
  std::vector<double> left_values, right_values;
  for (const ChartSeries& s : c.series) {
    auto& values = s.right_axis ? right_values : left_values;
    for (std::size_t i = 0; i < s.mean.size() && i < n; ++i) {
      if (!defined(s.mean[i])) continue;
      const double h = hw_at(s, i).value_or(0.0);
      values.push_back(*s.mean[i] + h);
      values.push_back(*s.mean[i] - h);
    }
  }
  for (const TargetLine& t : c.targets) {
    if (std::isfinite(t.value)) (t.right_axis ? right_values : left_values).push_back(t.value);
  }
  const Scale ys = axis_scale(left_values, c.y_min, c.y_max);
  const Scale y2s = axis_scale(right_values, c.y2_min, c.y2_max);

  // x positions: evenly spaced categories, or numeric positions.
  const bool numeric = !c.x.empty() && c.x.size() == n;
  double x_lo = 0, x_hi = 1;
  if (numeric && n > 0) {
    x_lo = *std::min_element(c.x.begin(), c.x.end());
    x_hi = *std::max_element(c.x.begin(), c.x.end());
  }
  auto px = [&](std::size_t i) {
    if (n == 0) return left_m + pw / 2;
    if (numeric) {
      if (x_hi - x_lo < 1e-12) return left_m + pw / 2;
      const double pad = pw * 0.04;
      return left_m + pad + (c.x[i] - x_lo) / (x_hi - x_lo) * (pw - 2 * pad);
    }
    return left_m + (double(i) + 0.5) * pw / double(n);
  };
  auto py = [&](double v, bool r) {
    const Scale& s = r ? y2s : ys;
    const double clamped = std::clamp(v, s.lo, s.hi);
    return top_m + ph - (clamped - s.lo) / (s.hi - s.lo) * ph;
  };

  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                    "\" role=\"img\" aria-label=\"" + html_escape(c.title) + "\">";
  svg += "<title>" + html_escape(c.title) + "</title>";
  svg += text_element(left_m, 18, c.title, "start", " class=\"chart-title\"");

  // Grid, ticks and tick labels.
  const int y_dec = step_decimals(ys.step);
  for (double v = ys.lo; v <= ys.hi + ys.step * 1e-6; v += ys.step) {
    const double y = py(v, false);
    svg +=
        "<path class=\"grid\" d=\"M" + num(left_m) + " " + num(y) + "H" + num(left_m + pw) + "\"/>";
    svg += text_element(left_m - 6, y + 4, format_number(v, y_dec), "end");
  }
  if (right) {
    const int y2_dec = step_decimals(y2s.step);
    for (double v = y2s.lo; v <= y2s.hi + y2s.step * 1e-6; v += y2s.step) {
      svg += text_element(left_m + pw + 6, py(v, true) + 4, format_number(v, y2_dec), "start");
    }
  }
  // x labels: at most about 12, evenly thinned.
  const std::size_t every = std::max<std::size_t>(1, (n + 11) / 12);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = px(i);
    svg += "<path class=\"tick\" d=\"M" + num(x) + " " + num(top_m + ph) + "v5\"/>";
    if (i % every == 0) svg += text_element(x, top_m + ph + 18, c.x_labels[i], "middle");
  }
  svg += "<path class=\"axis\" d=\"M" + num(left_m) + " " + num(top_m) + "V" + num(top_m + ph) +
         "H" + num(left_m + pw) + (right ? "V" + num(top_m) : std::string()) + "\"/>";
  // Axis titles.
  svg += text_element(left_m + pw / 2, height - 10, c.x_axis, "middle", " class=\"axis-title\"");
  svg += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16 " +
         num(top_m + ph / 2) + ") rotate(-90)\">" + html_escape(c.y_axis) + "</text>";
  if (right) {
    svg += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(" +
           num(width - 14) + " " + num(top_m + ph / 2) + ") rotate(90)\">" +
           html_escape(c.y2_axis) + "</text>";
  }

  // Bands first (under the lines), then lines and points, then targets.
  for (std::size_t si = 0; si < c.series.size(); ++si) {
    const ChartSeries& s = c.series[si];
    if (s.style == ChartSeries::Style::Points) continue;
    std::string d;
    std::size_t i = 0;
    while (i < n) {
      if (!(i < s.mean.size() && defined(s.mean[i]) && hw_at(s, i))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < n && j < s.mean.size() && defined(s.mean[j]) && hw_at(s, j)) ++j;
      if (j - i == 1) {
        const double x = px(i);
        d += "M" + num(x - 4) + " " + num(py(*s.mean[i] + *hw_at(s, i), s.right_axis)) + "H" +
             num(x + 4) + "V" + num(py(*s.mean[i] - *hw_at(s, i), s.right_axis)) + "H" +
             num(x - 4) + "Z";
      } else {
        for (std::size_t k = i; k < j; ++k) {
          d += (k == i ? "M" : "L") + num(px(k)) + " " +
               num(py(*s.mean[k] + *hw_at(s, k), s.right_axis));
        }
        for (std::size_t k = j; k-- > i;) {
          d += "L" + num(px(k)) + " " + num(py(*s.mean[k] - *hw_at(s, k), s.right_axis));
        }
        d += "Z";
      }
      i = j;
    }
    if (!d.empty()) {
      svg += "<path class=\"band " + series_class(s, si) + "\" d=\"" + d + "\"><title>" +
             html_escape(s.name + ": " + s.band_name) + "</title></path>";
    }
  }
  for (std::size_t si = 0; si < c.series.size(); ++si) {
    const ChartSeries& s = c.series[si];
    const std::string cls = series_class(s, si);
    if (s.style == ChartSeries::Style::Line) {
      std::string d;
      bool pen = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (i < s.mean.size() && defined(s.mean[i])) {
          d += (pen ? "L" : "M") + num(px(i)) + " " + num(py(*s.mean[i], s.right_axis));
          pen = true;
        } else {
          pen = false;
        }
      }
      if (!d.empty()) {
        svg += "<path class=\"mean " + cls + "\" d=\"" + d + "\"><title>" + html_escape(s.name) +
               "</title></path>";
      }
    }
    if (s.style == ChartSeries::Style::Band) continue;
    const bool points = s.style == ChartSeries::Style::Points;
    for (std::size_t i = 0; i < n && i < s.mean.size(); ++i) {
      if (!defined(s.mean[i])) continue;
      svg += "<circle class=\"" + std::string(points ? "measured " : "dot ") + cls + "\" cx=\"" +
             num(px(i)) + "\" cy=\"" + num(py(*s.mean[i], s.right_axis)) + "\" r=\"" +
             (points ? "4" : "2.5") + "\"><title>" +
             html_escape(s.name + ", " + c.x_labels[i] + ": " +
                         report_cell(s.mean[i], hw_at(s, i), s.decimals)) +
             "</title></circle>";
    }
  }
  for (const TargetLine& t : c.targets) {
    if (!std::isfinite(t.value)) continue;
    const double y = py(t.value, t.right_axis);
    svg += "<path class=\"target\" d=\"M" + num(left_m) + " " + num(y) + "H" + num(left_m + pw) +
           "\"><title>" + html_escape(t.name) + "</title></path>";
    svg += text_element(left_m + pw - 4, y - 5, t.name, "end", " class=\"target-label\"");
  }
  if (left_values.empty() && right_values.empty()) {
    svg += text_element(left_m + pw / 2, top_m + ph / 2, "no data: undefined in every interval",
                        "middle", " class=\"no-data\"");
  }

  // Legend, on one line above the plot.
  double lx = left_m;
  const double ly = 34;
  for (std::size_t si = 0; si < c.series.size(); ++si) {
    const ChartSeries& s = c.series[si];
    const std::string cls = series_class(s, si);
    if (s.style != ChartSeries::Style::Points) {
      svg += "<rect class=\"legend-band " + cls + "\" x=\"" + num(lx) + "\" y=\"" + num(ly - 9) +
             "\" width=\"22\" height=\"10\"/>";
      if (s.style == ChartSeries::Style::Line) {
        svg += "<path class=\"legend-line " + cls + "\" d=\"M" + num(lx) + " " + num(ly - 4) +
               "h22\"/>";
      }
    } else {
      svg += "<circle class=\"legend-point " + cls + "\" cx=\"" + num(lx + 11) + "\" cy=\"" +
             num(ly - 4) + "\" r=\"4\"/>";
    }
    std::string label = s.name + (s.right_axis ? " (right axis)" : "");
    svg += text_element(lx + 27, ly, label, "start", " class=\"legend\"");
    lx += 40 + 6.5 * double(label.size());
  }
  if (!c.targets.empty()) {
    svg += "<path class=\"target\" d=\"M" + num(lx) + " " + num(ly - 4) + "h22\"/>";
    svg += text_element(lx + 27, ly, c.targets.size() == 1 ? c.targets[0].name : "target", "start",
                        " class=\"legend\"");
  }
  svg += "</svg>";
  return svg;
}

std::string chart_table(const Chart& c) {
  std::string t = "<table class=\"data\"><thead><tr><th>" +
                  html_escape(c.x_column.empty() ? c.x_axis : c.x_column) + "</th>";
  for (const ChartSeries& s : c.series) {
    t += "<th>" + html_escape(s.name);
    if (!s.half_width.empty())
      t += "<br><span class=\"unit\">mean \u00b1 " + html_escape(s.band_name) + "</span>";
    t += "</th>";
  }
  t += "</tr></thead><tbody>";
  for (std::size_t i = 0; i < c.x_labels.size(); ++i) {
    t += "<tr><td>" + html_escape(c.x_labels[i]) + "</td>";
    for (const ChartSeries& s : c.series) {
      const std::optional<double> m = i < s.mean.size() ? s.mean[i] : std::nullopt;
      const std::optional<double> h = i < s.half_width.size() ? s.half_width[i] : std::nullopt;
      t += "<td>" + html_escape(report_cell(m, h, s.decimals)) + "</td>";
    }
    t += "</tr>";
  }
  t += "</tbody></table>";
  return t;
}

// ---- heatmaps ----

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

}  // namespace

std::string heatmap_svg(const Heatmap& m) {
  const std::size_t nx = m.x_labels.size(), ny = m.y_labels.size();
  const double cell_w = std::clamp(600.0 / double(std::max<std::size_t>(nx, 1)), 48.0, 110.0);
  const double cell_h = 34;
  // Text widths are estimated at 7 px a character (12 px sans-serif).
  std::size_t label_chars = 4;
  for (const std::string& y : m.y_labels) label_chars = std::max(label_chars, y.size());
  const std::string rows_title = "rows: " + m.y_axis;
  const std::string columns_title = "columns: " + m.x_axis;
  const std::string scale_title =
      m.value_name + (m.higher_is_better ? " (green: higher, better)" : " (green: lower, better)");
  const double left_m = 20 + 7.0 * double(label_chars), top_m = 56, bottom_m = 90;
  const double pw = cell_w * double(nx), ph = cell_h * double(ny);
  const double sw = std::min(240.0, pw);
  const double text_w =
      8 + 7.0 * double(std::max({rows_title.size(), columns_title.size(), m.title.size() + 4}));
  const double width =
      std::max({left_m + pw + 20, text_w, left_m + sw + 16 + 7.0 * double(scale_title.size())});
  const double height = top_m + ph + bottom_m;

  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& row : m.values) {
    for (const auto& v : row) {
      if (!defined(v)) continue;
      lo = any ? std::min(lo, *v) : *v;
      hi = any ? std::max(hi, *v) : *v;
      any = true;
    }
  }
  auto colour_of = [&](double v) {
    double t = hi - lo < 1e-12 ? 0.5 : (v - lo) / (hi - lo);
    if (!m.higher_is_better) t = 1.0 - t;
    return good_bad_colour(t);
  };
  const std::string gradient_id = "heat" + std::to_string(++heatmap_counter);

  std::string svg = "<svg class=\"heatmap\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                    "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\" role=\"img\" aria-label=\"" + html_escape(m.title) + "\">";
  svg += "<title>" + html_escape(m.title) + "</title>";
  svg += "<defs><linearGradient id=\"" + gradient_id + "\">";
  for (int k = 0; k <= 4; ++k) {
    const double u = k / 4.0;
    const Rgb c = good_bad_colour(m.higher_is_better ? u : 1.0 - u);
    svg += "<stop offset=\"" + num(u * 100) + "%\" stop-color=\"" + css_colour(c) + "\"/>";
  }
  svg += "</linearGradient></defs>";
  svg += text_element(8, 18, m.title, "start", " class=\"chart-title\"");
  svg += text_element(8, top_m - 12, rows_title, "start", " class=\"axis-title\"");
  for (std::size_t y = 0; y < ny; ++y) {
    const double cy = top_m + cell_h * double(y);
    svg += text_element(left_m - 6, cy + cell_h / 2 + 4, m.y_labels[y], "end");
    for (std::size_t x = 0; x < nx; ++x) {
      const double cx = left_m + cell_w * double(x);
      const std::optional<double> v =
          y < m.values.size() && x < m.values[y].size() ? m.values[y][x] : std::nullopt;
      const std::optional<double> h = y < m.half_widths.size() && x < m.half_widths[y].size()
                                          ? m.half_widths[y][x]
                                          : std::nullopt;
      const bool ok = defined(v);
      const Rgb fill = ok ? colour_of(*v) : Rgb{224, 224, 224};
      const double luminance = 0.299 * fill.r + 0.587 * fill.g + 0.114 * fill.b;
      svg +=
          "<rect class=\"cell\" x=\"" + num(cx) + "\" y=\"" + num(cy) + "\" width=\"" +
          num(cell_w) + "\" height=\"" + num(cell_h) + "\" fill=\"" + css_colour(fill) +
          "\"><title>" +
          html_escape(m.y_axis + " = " + m.y_labels[y] + ", " + m.x_axis + " = " + m.x_labels[x] +
                      ": " + m.value_name + " " + report_cell(v, h, m.decimals)) +
          "</title></rect>";
      svg += text_element(cx + cell_w / 2, cy + cell_h / 2 + 4,
                          ok ? format_number(*v, m.decimals) : kDash, "middle",
                          luminance < 130 ? " class=\"cell-text light\"" : " class=\"cell-text\"");
    }
  }
  for (std::size_t x = 0; x < nx; ++x) {
    svg +=
        text_element(left_m + cell_w * (double(x) + 0.5), top_m + ph + 16, m.x_labels[x], "middle");
  }
  svg += text_element(left_m, top_m + ph + 36, columns_title, "start", " class=\"axis-title\"");
  // Colour scale.
  const double sy = top_m + ph + 52;
  svg += "<rect class=\"scale\" x=\"" + num(left_m) + "\" y=\"" + num(sy) + "\" width=\"" +
         num(sw) + "\" height=\"10\" fill=\"url(#" + gradient_id + ")\"/>";
  if (any) {
    svg += text_element(left_m, sy + 24, format_number(lo, m.decimals), "start");
    svg += text_element(left_m + sw, sy + 24, format_number(hi, m.decimals), "end");
  }
  svg += text_element(left_m + sw + 8, sy + 9, scale_title, "start", " class=\"legend\"");
  svg += "</svg>";
  return svg;
}

// ---- the document ----

namespace {

constexpr const char* kCss = R"(
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  margin:0 auto;max-width:1200px;padding:16px 28px 48px;color:#1d2330;line-height:1.45;
  background:#fff}
h1{font-size:1.7em;margin:.3em 0 .1em}
.subtitle{color:#555;margin:0 0 1em}
h2{font-size:1.3em;border-bottom:2px solid #d5dae3;padding-bottom:4px;margin-top:2.2em}
h3{font-size:1.08em;margin-top:1.6em}
nav{background:#f5f7fa;border:1px solid #e1e5ec;border-radius:6px;padding:8px 14px;
  font-size:.92em}
nav ol{margin:4px 0;padding-left:22px;columns:2}
a{color:#1f5fa8}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:8px 0}
dl.facts dt{font-weight:600;color:#444}
dl.facts dd{margin:0}
table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums;margin:6px 0}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:3px 7px;border-bottom:1px solid #e3e6ec;text-align:right;white-space:nowrap;
  vertical-align:top}
th:first-child,td:first-child,th.l,td.l{text-align:left}
thead th{background:#f1f4f8;position:sticky;top:0}
.unit{font-weight:400;color:#666;font-size:.9em}
.figure{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start;margin:10px 0 26px}
.figure svg{flex:1 1 520px;max-width:720px;height:auto}
.figure svg.heatmap{flex:0 1 auto;max-width:100%}
.figure .table-wrap{flex:1 1 380px;max-height:360px;overflow:auto;border:1px solid #e8ebf0}
.figure .note{flex-basis:100%;margin:0;color:#555;font-size:.9em}
.wide{overflow-x:auto}
svg text{font-size:12px;fill:#333}
svg .chart-title{font-size:14px;font-weight:600;fill:#1d2330}
svg .axis-title{font-size:12.5px;fill:#222}
svg .legend{font-size:12px}
svg .no-data{fill:#888;font-style:italic}
svg .cell-text{font-size:12px;fill:#1d2330}
svg .cell-text.light{fill:#fff}
svg .target-label{fill:#b0281f;font-size:11px}
.axis,.tick{stroke:#555;stroke-width:1;fill:none}
.grid{stroke:#e6e8ee;stroke-width:1;fill:none}
.s0{stroke:#1f5fa8;fill:#1f5fa8}.s1{stroke:#e07b00;fill:#e07b00}
.s2{stroke:#2a9d3a;fill:#2a9d3a}.s3{stroke:#8e44ad;fill:#8e44ad}
.s4{stroke:#c0392b;fill:#c0392b}.s5{stroke:#16a0a8;fill:#16a0a8}
.mean{fill:none;stroke-width:2.2;stroke-linejoin:round}
.legend-line{fill:none;stroke-width:2.2}
.band,.legend-band{stroke:none;fill-opacity:.18}
.dot{stroke:none}
.measured,.legend-point{stroke:#fff;stroke-width:1}
.target{stroke:#b0281f;stroke-dasharray:6 4;stroke-width:1.5;fill:none}
.cell{stroke:#fff;stroke-width:1}
.good{color:#1e7b34}.bad{color:#b0281f}
footer{margin-top:3em;color:#777;font-size:.85em}
@media print{
  body{max-width:none;padding:0;font-size:10.5pt}
  nav{display:none}
  h2{break-after:avoid}
  .figure{break-inside:avoid}
  .figure .table-wrap{max-height:none;overflow:visible;border:none}
  thead th{position:static}
  a{color:inherit;text-decoration:none}
}
)";

}  // namespace

HtmlReport::HtmlReport(std::string title, std::string subtitle)
    : title_(std::move(title)), subtitle_(std::move(subtitle)) {}

void HtmlReport::section(std::string_view heading) {
  const std::string anchor = "sec" + std::to_string(toc_.size() + 1);
  toc_.emplace_back(anchor, std::string(heading));
  body_ += "<h2 id=\"" + anchor + "\">" + html_escape(heading) + "</h2>\n";
}

void HtmlReport::subsection(std::string_view heading) {
  body_ += "<h3>" + html_escape(heading) + "</h3>\n";
}

void HtmlReport::paragraph(std::string_view text) {
  body_ += "<p>" + html_escape(text) + "</p>\n";
}

void HtmlReport::table(const TextTable& rows, std::string_view caption, std::size_t left_columns) {
  if (rows.empty()) return;
  body_ += "<div class=\"wide\"><table class=\"data\">";
  if (!caption.empty()) body_ += "<caption>" + html_escape(caption) + "</caption>";
  auto open = [&](const char* tag, std::size_t c) {
    return std::string("<") + tag + (c > 0 && c < left_columns ? " class=\"l\">" : ">");
  };
  body_ += "<thead><tr>";
  for (std::size_t c = 0; c < rows[0].size(); ++c) {
    body_ += open("th", c) + html_escape(rows[0][c]) + "</th>";
  }
  body_ += "</tr></thead><tbody>";
  for (std::size_t r = 1; r < rows.size(); ++r) {
    body_ += "<tr>";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      body_ += open("td", c) + html_escape(rows[r][c]) + "</td>";
    }
    body_ += "</tr>";
  }
  body_ += "</tbody></table></div>\n";
}

void HtmlReport::facts(const std::vector<std::pair<std::string, std::string>>& items) {
  body_ += "<dl class=\"facts\">";
  for (const auto& [term, value] : items) {
    body_ += "<dt>" + html_escape(term) + "</dt><dd>" + html_escape(value) + "</dd>";
  }
  body_ += "</dl>\n";
}

void HtmlReport::chart(const Chart& c) {
  body_ += "<div class=\"figure\">" + chart_svg(c) + "<div class=\"table-wrap\">" + chart_table(c) +
           "</div>";
  if (!c.note.empty()) body_ += "<p class=\"note\">" + html_escape(c.note) + "</p>";
  body_ += "</div>\n";
}

void HtmlReport::heatmap(const Heatmap& m) {
  body_ += "<div class=\"figure\">" + heatmap_svg(m) + "</div>\n";
}

std::string HtmlReport::html() const {
  std::string doc =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"ccsim\">\n<title>" +
      html_escape(title_) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n<header><h1>" +
      html_escape(title_) + "</h1>\n<p class=\"subtitle\">" + html_escape(subtitle_) +
      "</p></header>\n";
  if (toc_.size() > 1) {
    doc += "<nav><strong>Contents</strong><ol>";
    for (const auto& [anchor, heading] : toc_) {
      doc += "<li><a href=\"#" + anchor + "\">" + html_escape(heading) + "</a></li>";
    }
    doc += "</ol></nav>\n";
  }
  doc += "<main>\n" + body_ +
         "</main>\n<footer>Made by ccsim. Every figure is a mean over "
         "replications; bands and \u00b1 give the 95% confidence interval unless a chart says "
         "otherwise.</footer>\n</body>\n</html>\n";
  return doc;
}

}  // namespace ccsim::cli
