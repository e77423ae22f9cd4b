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
// and rounded out to whole ticks. A duration axis reaching an hour ticks in whole hours or
// halves (its labels are "1 h 30 min", not 5400).
Scale axis_scale(std::vector<double> values, std::optional<double> fixed_lo,
                 std::optional<double> fixed_hi, ValueFormat format) {
  values.push_back(0.0);
  double lo = fixed_lo ? *fixed_lo : *std::min_element(values.begin(), values.end());
  double hi = fixed_hi ? *fixed_hi : *std::max_element(values.begin(), values.end());
  if (hi - lo < 1e-12) hi = lo + 1.0;
  Scale s;
  const bool hours = format == ValueFormat::Duration && std::max(-lo, hi) >= 3600.0;
  s.step = hours ? std::max(0.5, nice_step((hi - lo) / 3600.0, 5)) * 3600.0 : nice_step(hi - lo, 5);
  s.lo = fixed_lo ? lo : std::floor(lo / s.step + 1e-9) * s.step;
  s.hi = fixed_hi ? hi : std::ceil(hi / s.step - 1e-9) * s.step;
  if (s.hi - s.lo < 1e-12) s.hi = s.lo + s.step;
  return s;
}

// The label of tick `v` of an axis of `format` ticking every `step`.
std::string tick_label(double v, double step, ValueFormat format) {
  switch (format) {
    case ValueFormat::Share:
      return report_number(100.0 * v, std::max(0, step_decimals(step) - 2)) + "%";
    case ValueFormat::SharePoints:
      return report_number(100.0 * v, std::max(0, step_decimals(step) - 2));
    case ValueFormat::Duration:
      if (step >= 1800.0) return v == 0.0 ? std::string("0") : duration_text(v, 0);
      break;
    case ValueFormat::Number:
      break;
  }
  return format_number(v, step_decimals(step));
}

// The title of the main axis: a duration axis ticking in hours drops its " (s)".
std::string main_axis_title(const Chart& c, const Scale& s) {
  const std::string unit = " (s)";
  if (c.y_format == ValueFormat::Duration && s.step >= 1800.0 && c.y_axis.size() > unit.size() &&
      c.y_axis.compare(c.y_axis.size() - unit.size(), unit.size(), unit) == 0) {
    return c.y_axis.substr(0, c.y_axis.size() - unit.size());
  }
  return c.y_axis;
}

// Colours s0..s5 and dash patterns d1..d5 are defined in the page's CSS.
constexpr int kPaletteSize = 6;

// The colour class of series `i` of a chart.
std::string series_class(const ChartSeries& s, std::size_t i) {
  const std::size_t colour = s.colour >= 0 ? std::size_t(s.colour) : i;
  return "s" + std::to_string(colour % kPaletteSize);
}

// The classes of series `i`'s line: its colour, and a dash pattern for every line series after
// the chart's first, so that no two lines (and legend swatches) look alike.
std::string line_class(const Chart& c, std::size_t i) {
  std::size_t before = 0;
  for (std::size_t j = 0; j < i; ++j) before += c.series[j].style == ChartSeries::Style::Line;
  std::string cls = series_class(c.series[i], i);
  if (before > 0) cls += " d" + std::to_string((before - 1) % (kPaletteSize - 1) + 1);
  return cls;
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

// The band's ends at x `i`, cut to the values the quantity can take.
// REQUIRES: the mean at i is defined.
double band_upper(const ChartSeries& s, std::size_t i) {
  return std::clamp(*s.mean[i] + half_width_at(s, i).value_or(0.0), s.lo, s.hi);
}
double band_lower(const ChartSeries& s, std::size_t i) {
  return std::clamp(*s.mean[i] - half_width_at(s, i).value_or(0.0), s.lo, s.hi);
}

// The value of series `s` at x `i` for a table or tooltip: "mean ± half-width", or, when the
// interval reaches beyond the values the quantity can take, the mean with the interval cut to
// them: "95.0% (85.0%–100.0%)".
std::string series_cell(const ChartSeries& s, std::size_t i) {
  const std::optional<double> m = i < s.mean.size() ? s.mean[i] : std::nullopt;
  const std::optional<double> h = half_width_at(s, i);
  if (!is_defined(m) || !h || (*m - *h >= s.lo && *m + *h <= s.hi)) {
    return format_cell(m, h, s.decimals, s.format);
  }
  return format_value(m, s.decimals, s.format) + " (" +
         format_value(band_lower(s, i), s.decimals, s.format) + "\u2013" +
         format_value(band_upper(s, i), s.decimals, s.format) + ")";
}

// The values each panel must show: every band's ends (a mean without a band: the mean) and
// every target.
struct AxisValues {
  std::vector<double> main, lower;
};

AxisValues axis_values(const Chart& c) {
  AxisValues a;
  for (const ChartSeries& s : c.series) {
    auto& values = s.lower_panel && !c.lower_axis.empty() ? a.lower : a.main;
    for (std::size_t i = 0; i < s.mean.size() && i < c.x_labels.size(); ++i) {
      if (!is_defined(s.mean[i])) continue;
      values.push_back(band_upper(s, i));
      values.push_back(band_lower(s, i));
    }
  }
  for (const TargetLine& t : c.targets) {
    if (std::isfinite(t.value)) a.main.push_back(t.value);
  }
  return a;
}

// The width of the right margin: room for the targets' labels beside the plot, and the same
// for every chart whose labels are short, so that charts one under another line up.
double right_margin(const Chart& c) {
  std::size_t widest = 0;
  for (const TargetLine& t : c.targets) widest = std::max(widest, t.name.size());
  return std::max(96.0, 14.0 + 6.3 * double(widest));
}

// The chart's frame: its size, the plot area of each panel inside the margins, the panels'
// scales, and where an x and a value fall. x positions are evenly spaced categories, or
// numeric positions when the chart gives one per x. The lower panel, when there is one, sits
// under the main one on the same x positions, and the x labels are under the lowest panel.
struct Plot {
  Plot(const Chart& chart, const AxisValues& values)
      : c(chart),
        lower(!chart.lower_axis.empty()),
        right_m(right_margin(chart)),
        pw(width - left_m - right_m),
        lower_top(top_m + ph + kPanelGap),
        height(lower_top - (lower ? 0.0 : kPanelGap) + (lower ? kLowerHeight : 0.0) + bottom_m),
        n(chart.x_labels.size()),
        numeric(!chart.x.empty() && chart.x.size() == n),
        ys(axis_scale(values.main, chart.y_min, chart.y_max, chart.y_format)),
        ls(axis_scale(values.lower, chart.lower_min, chart.lower_max, chart.lower_format)) {
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

  // The top and height of a panel's plot area.
  double panel_top(bool in_lower) const { return in_lower ? lower_top : top_m; }
  double panel_height(bool in_lower) const { return in_lower ? kLowerHeight : ph; }
  // The bottom of the lowest panel, where the x axis is.
  double x_axis_y() const { return lower ? lower_top + kLowerHeight : top_m + ph; }

  double py(double v, bool in_lower) const {
    const bool l = in_lower && lower;
    const Scale& s = l ? ls : ys;
    const double clamped = std::clamp(v, s.lo, s.hi);
    return panel_top(l) + panel_height(l) - (clamped - s.lo) / (s.hi - s.lo) * panel_height(l);
  }

  const Chart& c;
  static constexpr double width = 760, kPanelGap = 22, kLowerHeight = 118;
  static constexpr double left_m = 70, top_m = 44, bottom_m = 62, ph = 224;
  const bool lower;  // a lower panel
  const double right_m;
  const double pw;
  const double lower_top;
  const double height;
  const std::size_t n;
  const bool numeric;
  double x_lo = 0, x_hi = 1;
  const Scale ys, ls;
};

// The plot area, grid, ticks and tick labels, axis line and title of one panel.
std::string panel_svg(const Plot& p, bool in_lower) {
  const Scale& s = in_lower ? p.ls : p.ys;
  const ValueFormat format = in_lower ? p.c.lower_format : p.c.y_format;
  const double top = p.panel_top(in_lower), h = p.panel_height(in_lower);
  std::string svg = "<rect class=\"plot-area\" x=\"" + svg_number(p.left_m) + "\" y=\"" +
                    svg_number(top) + "\" width=\"" + svg_number(p.pw) + "\" height=\"" +
                    svg_number(h) + "\"/>";
  for (double v = s.lo; v <= s.hi + s.step * 1e-6; v += s.step) {
    const double y = p.py(v, in_lower);
    svg += "<path class=\"grid\" d=\"M" + svg_number(p.left_m) + " " + svg_number(y) + "H" +
           svg_number(p.left_m + p.pw) + "\"/>";
    svg += text_element(p.left_m - 6, y + 4, tick_label(v, s.step, format), "end");
  }
  svg += "<path class=\"axis\" d=\"M" + svg_number(p.left_m) + " " + svg_number(top) + "V" +
         svg_number(top + h) + "H" + svg_number(p.left_m + p.pw) + "\"/>";
  const std::string title = in_lower ? p.c.lower_axis : main_axis_title(p.c, s);
  svg += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16 " +
         svg_number(top + h / 2) + ") rotate(-90)\">" + html_escape(title) + "</text>";
  return svg;
}

// Both panels, then the x ticks and labels under the lowest panel and the x axis title.
std::string axes_svg(const Plot& p) {
  const Chart& c = p.c;
  std::string svg = panel_svg(p, false);
  if (p.lower) svg += panel_svg(p, true);
  // x labels: evenly thinned to at most 12, and to as many as fit side by side (about 8.5 px per
  // character and a gap: "Mon 08:00" over a week needs more room than "08:00").
  std::size_t widest = 1;
  for (const std::string& l : c.x_labels) widest = std::max(widest, l.size());
  const auto fit = static_cast<std::size_t>(p.pw / (8.5 * double(widest) + 12.0));
  const std::size_t most = std::clamp<std::size_t>(fit, 2, 12);
  const std::size_t every = std::max<std::size_t>(1, (p.n + most - 1) / most);
  const double bottom = p.x_axis_y();
  for (std::size_t i = 0; i < p.n; ++i) {
    const double x = p.px(i);
    svg += "<path class=\"tick\" d=\"M" + svg_number(x) + " " + svg_number(bottom) + "v5\"/>";
    if (i % every == 0) svg += text_element(x, bottom + 18, c.x_labels[i], "middle");
  }
  svg +=
      text_element(p.left_m + p.pw / 2, p.height - 10, c.x_axis, "middle", " class=\"axis-title\"");
  return svg;
}

// The path data of the band of series `s`: one closed outline per run of x with a band, a
// short box where the run is a single x; cut to the values the quantity can take.
std::string band_path(const Plot& p, const ChartSeries& s) {
  const auto upper = [&](std::size_t k) {
    return svg_number(p.py(band_upper(s, k), s.lower_panel));
  };
  const auto lower = [&](std::size_t k) {
    return svg_number(p.py(band_lower(s, k), s.lower_panel));
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
           svg_number(p.py(*s.mean[i], s.lower_panel));
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
           svg_number(p.px(i)) + "\" cy=\"" + svg_number(p.py(*s.mean[i], s.lower_panel)) +
           "\" r=\"" + (points ? "4" : "2.5") + "\"><title>" +
           html_escape(s.name + ", " + p.c.x_labels[i] + ": " + series_cell(s, i)) +
           "</title></circle>";
  }
  return svg;
}

// The lines and dots of every series but bands.
std::string lines_svg(const Plot& p) {
  std::string svg;
  for (std::size_t si = 0; si < p.c.series.size(); ++si) {
    const ChartSeries& s = p.c.series[si];
    if (s.style == ChartSeries::Style::Line) svg += mean_line_svg(p, s, line_class(p.c, si));
    if (s.style != ChartSeries::Style::Band) svg += dots_svg(p, s, series_class(s, si));
  }
  return svg;
}

// Each target as a dashed line across the main panel, labelled in the right margin at its
// height (labels of close targets pushed apart), so no label covers the data.
std::string targets_svg(const Plot& p) {
  std::vector<std::pair<double, const TargetLine*>> at;
  for (const TargetLine& t : p.c.targets) {
    if (std::isfinite(t.value)) at.emplace_back(p.py(t.value, false), &t);
  }
  std::sort(at.begin(), at.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string svg;
  double last_label = -1e9;
  for (const auto& [y, t] : at) {
    svg += "<path class=\"target\" d=\"M" + svg_number(p.left_m) + " " + svg_number(y) + "H" +
           svg_number(p.left_m + p.pw) + "\"><title>" + html_escape(t->name) + "</title></path>";
    const double label_y = std::max(y + 4, last_label + 13);
    last_label = label_y;
    svg += text_element(p.left_m + p.pw + 6, label_y, t->name, "start", " class=\"target-label\"");
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
        svg += "<path class=\"legend-line " + line_class(p.c, si) + "\" d=\"M" + svg_number(lx) +
               " " + svg_number(ly - 4) + "h22\"/>";
      }
    } else {
      svg += "<circle class=\"legend-point " + cls + "\" cx=\"" + svg_number(lx + 11) + "\" cy=\"" +
             svg_number(ly - 4) + "\" r=\"4\"/>";
    }
    const std::string& label = s.name;
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
  if (values.main.empty() && values.lower.empty()) {
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
      t += "<td>" + html_escape(series_cell(s, i)) + "</td>";
    }
    t += "</tr>";
  }
  t += "</tbody></table>";
  return t;
}

}  // namespace ccsim::cli
