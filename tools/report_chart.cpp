// Line charts of HTML reports (chart_svg, chart_table in tools/report.h).
#include <algorithm>
#include <cmath>

#include "tools/report.h"
#include "tools/report_svg.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

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

// The half-width of series `s` at x `i`, when it has a band there.
std::optional<double> half_width_at(const ChartSeries& s, std::size_t i) {
  if (i < s.half_width.size() && is_defined(s.half_width[i])) return s.half_width[i];
  return std::nullopt;
}

// Whether series `s` has a defined mean with a band at x `i`.
bool has_band_at(const ChartSeries& s, std::size_t i) {
  return i < s.mean.size() && is_defined(s.mean[i]) && half_width_at(s, i);
}

// The values each axis must show: every band's ends (a mean without a band: the mean) and every
// target.
struct AxisValues {
  std::vector<double> left, right;
};

AxisValues axis_values(const Chart& c) {
  AxisValues a;
  for (const ChartSeries& s : c.series) {
    auto& values = s.right_axis ? a.right : a.left;
    for (std::size_t i = 0; i < s.mean.size() && i < c.x_labels.size(); ++i) {
      if (!is_defined(s.mean[i])) continue;
      const double h = half_width_at(s, i).value_or(0.0);
      values.push_back(*s.mean[i] + h);
      values.push_back(*s.mean[i] - h);
    }
  }
  for (const TargetLine& t : c.targets) {
    if (std::isfinite(t.value)) (t.right_axis ? a.right : a.left).push_back(t.value);
  }
  return a;
}

// The chart's frame: its size, the plot area inside the margins, the axes' scales, and where
// an x and a value fall in the plot. x positions are evenly spaced categories, or numeric
// positions when the chart gives one per x.
struct Plot {
  Plot(const Chart& chart, const AxisValues& values)
      : c(chart),
        right(!chart.y2_axis.empty()),
        right_m(right ? 70 : 24),
        pw(width - left_m - right_m),
        n(chart.x_labels.size()),
        numeric(!chart.x.empty() && chart.x.size() == n),
        ys(axis_scale(values.left, chart.y_min, chart.y_max)),
        y2s(axis_scale(values.right, chart.y2_min, chart.y2_max)) {
    if (numeric && n > 0) {
      x_lo = *std::min_element(c.x.begin(), c.x.end());
      x_hi = *std::max_element(c.x.begin(), c.x.end());
    }
  }

  double px(std::size_t i) const {
    if (n == 0) return left_m + pw / 2;
    if (numeric) {
      if (x_hi - x_lo < 1e-12) return left_m + pw / 2;
      const double pad = pw * 0.04;
      return left_m + pad + (c.x[i] - x_lo) / (x_hi - x_lo) * (pw - 2 * pad);
    }
    return left_m + (double(i) + 0.5) * pw / double(n);
  }

  double py(double v, bool right_axis) const {
    const Scale& s = right_axis ? y2s : ys;
    const double clamped = std::clamp(v, s.lo, s.hi);
    return top_m + ph - (clamped - s.lo) / (s.hi - s.lo) * ph;
  }

  const Chart& c;
  static constexpr double width = 760, height = 330;
  static constexpr double left_m = 70, top_m = 44, bottom_m = 62;
  const bool right;  // a right axis
  const double right_m;
  const double pw, ph = height - top_m - bottom_m;
  const std::size_t n;
  const bool numeric;
  double x_lo = 0, x_hi = 1;
  const Scale ys, y2s;
};

// Grid, ticks and tick labels of both axes, the axis lines and the axis titles.
std::string axes_svg(const Plot& p) {
  const Chart& c = p.c;
  std::string svg;
  const int y_dec = step_decimals(p.ys.step);
  for (double v = p.ys.lo; v <= p.ys.hi + p.ys.step * 1e-6; v += p.ys.step) {
    const double y = p.py(v, false);
    svg += "<path class=\"grid\" d=\"M" + svg_number(p.left_m) + " " + svg_number(y) + "H" +
           svg_number(p.left_m + p.pw) + "\"/>";
    svg += text_element(p.left_m - 6, y + 4, format_number(v, y_dec), "end");
  }
  if (p.right) {
    const int y2_dec = step_decimals(p.y2s.step);
    for (double v = p.y2s.lo; v <= p.y2s.hi + p.y2s.step * 1e-6; v += p.y2s.step) {
      svg +=
          text_element(p.left_m + p.pw + 6, p.py(v, true) + 4, format_number(v, y2_dec), "start");
    }
  }
  // x labels: evenly thinned to at most 12, and to as many as fit side by side (about 8.5 px per
  // character and a gap: "Mon 08:00" over a week needs more room than "08:00").
  std::size_t widest = 1;
  for (const std::string& l : c.x_labels) widest = std::max(widest, l.size());
  const auto fit = static_cast<std::size_t>(p.pw / (8.5 * double(widest) + 12.0));
  const std::size_t most = std::clamp<std::size_t>(fit, 2, 12);
  const std::size_t every = std::max<std::size_t>(1, (p.n + most - 1) / most);
  for (std::size_t i = 0; i < p.n; ++i) {
    const double x = p.px(i);
    svg +=
        "<path class=\"tick\" d=\"M" + svg_number(x) + " " + svg_number(p.top_m + p.ph) + "v5\"/>";
    if (i % every == 0) svg += text_element(x, p.top_m + p.ph + 18, c.x_labels[i], "middle");
  }
  svg += "<path class=\"axis\" d=\"M" + svg_number(p.left_m) + " " + svg_number(p.top_m) + "V" +
         svg_number(p.top_m + p.ph) + "H" + svg_number(p.left_m + p.pw) +
         (p.right ? "V" + svg_number(p.top_m) : std::string()) + "\"/>";
  svg +=
      text_element(p.left_m + p.pw / 2, p.height - 10, c.x_axis, "middle", " class=\"axis-title\"");
  svg += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16 " +
         svg_number(p.top_m + p.ph / 2) + ") rotate(-90)\">" + html_escape(c.y_axis) + "</text>";
  if (p.right) {
    svg += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(" +
           svg_number(p.width - 14) + " " + svg_number(p.top_m + p.ph / 2) + ") rotate(90)\">" +
           html_escape(c.y2_axis) + "</text>";
  }
  return svg;
}

// The path data of the band of series `s`: one closed outline per run of x with a band, a
// short box where the run is a single x.
std::string band_path(const Plot& p, const ChartSeries& s) {
  const auto upper = [&](std::size_t k) {
    return svg_number(p.py(*s.mean[k] + *half_width_at(s, k), s.right_axis));
  };
  const auto lower = [&](std::size_t k) {
    return svg_number(p.py(*s.mean[k] - *half_width_at(s, k), s.right_axis));
  };
  std::string d;
  std::size_t i = 0;
  while (i < p.n) {
    if (!has_band_at(s, i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < p.n && has_band_at(s, j)) ++j;
    if (j - i == 1) {
      const double x = p.px(i);
      d += "M" + svg_number(x - 4) + " " + upper(i) + "H" + svg_number(x + 4) + "V" + lower(i) +
           "H" + svg_number(x - 4) + "Z";
    } else {
      for (std::size_t k = i; k < j; ++k) {
        d += (k == i ? "M" : "L") + svg_number(p.px(k)) + " " + upper(k);
      }
      for (std::size_t k = j; k-- > i;) d += "L" + svg_number(p.px(k)) + " " + lower(k);
      d += "Z";
    }
    i = j;
  }
  return d;
}

// The bands of every series but points.
std::string bands_svg(const Plot& p) {
  std::string svg;
  for (std::size_t si = 0; si < p.c.series.size(); ++si) {
    const ChartSeries& s = p.c.series[si];
    if (s.style == ChartSeries::Style::Points) continue;
    const std::string d = band_path(p, s);
    if (!d.empty()) {
      svg += "<path class=\"band " + series_class(s, si) + "\" d=\"" + d + "\"><title>" +
             html_escape(s.name + ": " + s.band_name) + "</title></path>";
    }
  }
  return svg;
}

// The mean line of series `s`, broken where the mean is undefined.
std::string mean_line_svg(const Plot& p, const ChartSeries& s, const std::string& cls) {
  std::string d;
  bool pen = false;
  for (std::size_t i = 0; i < p.n; ++i) {
    if (i < s.mean.size() && is_defined(s.mean[i])) {
      d += (pen ? "L" : "M") + svg_number(p.px(i)) + " " +
           svg_number(p.py(*s.mean[i], s.right_axis));
      pen = true;
    } else {
      pen = false;
    }
  }
  if (d.empty()) return {};
  return "<path class=\"mean " + cls + "\" d=\"" + d + "\"><title>" + html_escape(s.name) +
         "</title></path>";
}

// A dot at each defined mean of series `s` (larger, outlined ones for points), each with its
// value as a tooltip.
std::string dots_svg(const Plot& p, const ChartSeries& s, const std::string& cls) {
  std::string svg;
  const bool points = s.style == ChartSeries::Style::Points;
  for (std::size_t i = 0; i < p.n && i < s.mean.size(); ++i) {
    if (!is_defined(s.mean[i])) continue;
    svg += "<circle class=\"" + std::string(points ? "measured " : "dot ") + cls + "\" cx=\"" +
           svg_number(p.px(i)) + "\" cy=\"" + svg_number(p.py(*s.mean[i], s.right_axis)) +
           "\" r=\"" + (points ? "4" : "2.5") + "\"><title>" +
           html_escape(s.name + ", " + p.c.x_labels[i] + ": " +
                       report_cell(s.mean[i], half_width_at(s, i), s.decimals)) +
           "</title></circle>";
  }
  return svg;
}

// The lines and dots of every series but bands.
std::string lines_svg(const Plot& p) {
  std::string svg;
  for (std::size_t si = 0; si < p.c.series.size(); ++si) {
    const ChartSeries& s = p.c.series[si];
    const std::string cls = series_class(s, si);
    if (s.style == ChartSeries::Style::Line) svg += mean_line_svg(p, s, cls);
    if (s.style != ChartSeries::Style::Band) svg += dots_svg(p, s, cls);
  }
  return svg;
}

// Each target as a dashed line across the plot, labelled at its right end.
std::string targets_svg(const Plot& p) {
  std::string svg;
  for (const TargetLine& t : p.c.targets) {
    if (!std::isfinite(t.value)) continue;
    const double y = p.py(t.value, t.right_axis);
    svg += "<path class=\"target\" d=\"M" + svg_number(p.left_m) + " " + svg_number(y) + "H" +
           svg_number(p.left_m + p.pw) + "\"><title>" + html_escape(t.name) + "</title></path>";
    svg += text_element(p.left_m + p.pw - 4, y - 5, t.name, "end", " class=\"target-label\"");
  }
  return svg;
}

// The legend, on one line above the plot: each series' symbol and name, then the target(s).
std::string legend_svg(const Plot& p) {
  std::string svg;
  double lx = p.left_m;
  const double ly = 34;
  for (std::size_t si = 0; si < p.c.series.size(); ++si) {
    const ChartSeries& s = p.c.series[si];
    const std::string cls = series_class(s, si);
    if (s.style != ChartSeries::Style::Points) {
      svg += "<rect class=\"legend-band " + cls + "\" x=\"" + svg_number(lx) + "\" y=\"" +
             svg_number(ly - 9) + "\" width=\"22\" height=\"10\"/>";
      if (s.style == ChartSeries::Style::Line) {
        svg += "<path class=\"legend-line " + cls + "\" d=\"M" + svg_number(lx) + " " +
               svg_number(ly - 4) + "h22\"/>";
      }
    } else {
      svg += "<circle class=\"legend-point " + cls + "\" cx=\"" + svg_number(lx + 11) + "\" cy=\"" +
             svg_number(ly - 4) + "\" r=\"4\"/>";
    }
    std::string label = s.name + (s.right_axis ? " (right axis)" : "");
    svg += text_element(lx + 27, ly, label, "start", " class=\"legend\"");
    lx += 40 + 6.5 * double(label.size());
  }
  if (!p.c.targets.empty()) {
    svg += "<path class=\"target\" d=\"M" + svg_number(lx) + " " + svg_number(ly - 4) + "h22\"/>";
    svg += text_element(lx + 27, ly, p.c.targets.size() == 1 ? p.c.targets[0].name : "target",
                        "start", " class=\"legend\"");
  }
  return svg;
}

}  // namespace

std::string chart_svg(const Chart& c) {
  const AxisValues values = axis_values(c);
  const Plot p(c, values);
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + svg_number(p.width) + " " +
                    svg_number(p.height) + "\" role=\"img\" aria-label=\"" + html_escape(c.title) +
                    "\">";
  svg += "<title>" + html_escape(c.title) + "</title>";
  svg += text_element(p.left_m, 18, c.title, "start", " class=\"chart-title\"");
  svg += axes_svg(p);
  // Bands first (under the lines), then lines and points, then targets.
  svg += bands_svg(p);
  svg += lines_svg(p);
  svg += targets_svg(p);
  if (values.left.empty() && values.right.empty()) {
    svg += text_element(p.left_m + p.pw / 2, p.top_m + p.ph / 2,
                        "no data: undefined in every interval", "middle", " class=\"no-data\"");
  }
  svg += legend_svg(p);
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

}  // namespace ccsim::cli
