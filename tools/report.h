// HTML reports: one self-contained, printable page (inline CSS and SVG; no script, no network)
// of sections, escaped text, tables and charts, each chart beside a table of its numbers.
//
// Undefined values (nullopt, or not finite) are gaps in a chart and "–" in a table; no text of
// a report ever reads "nan" or "inf". Every text given is HTML-escaped.
//
// SVG classes, stable for tests and styling: a chart is <svg class="chart">; a line series is a
// <path class="mean sN"> (N: the series' colour, by default
// its index), its band (and a band series) a
// <path class="band sN">; a points series is <circle class="measured sN"> elements; a target is a
// <path class="target">; a heatmap is <svg class="heatmap"> of <rect class="cell">.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kpi/targets.h"

namespace ccsim::cli {

// `text` with & < > " ' replaced by character references (for text and attribute values).
std::string html_escape(std::string_view text);

struct ChartSeries {
  // Line: a mean line with dots and its band; Points: dots only (e.g. measured values); Band:
  // the band only (e.g. a prediction interval around another series' line).
  enum class Style { Line, Points, Band };
  std::string name;
  std::vector<std::optional<double>> mean;        // one per x; nullopt: undefined (a gap)
  std::vector<std::optional<double>> half_width;  // empty, or one per x: band mean ± half_width
  Style style = Style::Line;
  bool right_axis = false;  // plotted against the chart's right axis (y2_axis)
  int decimals = 1;         // in tooltips and the table
  std::string band_name = "95% CI";
  int colour = -1;  // palette index; -1: the series' index in its chart
};

// A horizontal line at `value`, e.g. a service-level target.
struct TargetLine {
  std::string name;
  double value = 0.0;
  bool right_axis = false;
};

struct Chart {
  std::string title;
  std::string x_axis;                  // axis title with unit, e.g. "interval start (clock)"
  std::vector<std::string> x_labels;   // one per x
  std::string x_column;                // header of the x column in the table; empty: x_axis
  std::vector<double> x;               // numeric positions, one per x; empty: evenly spaced
  std::string y_axis;                  // axis title with unit, e.g. "ASA (s)"
  std::string y2_axis;                 // right axis title; empty: no right axis
  std::optional<double> y_min, y_max;  // fixed left-axis range; else from the data and 0
  std::optional<double> y2_min, y2_max;
  std::vector<ChartSeries> series;
  std::vector<TargetLine> targets;
  std::string note;  // a sentence under the chart
};

// The chart as an inline <svg> element.
std::string chart_svg(const Chart& chart);
// The chart's numbers as an HTML <table>: x label, then each series' "mean ± half_width".
std::string chart_table(const Chart& chart);

// Colours: with a target, each cell by its verdict (models/kpi/targets.h, from the value and
// its half-width): met blue, missed orange, both darker the further the value is from the
// target (as a share of the way from the target to the scale's end on that side), not
// distinguishable pale grey; without a target, one neutral sequential hue, darker for higher
// values, from 0 to the scale's end. Never a map's own range: two close values get close
// colours.
struct Heatmap {
  std::string title;
  std::string x_axis, y_axis;  // the parameters
  std::vector<std::string> x_labels, y_labels;
  std::vector<std::vector<std::optional<double>>> values;       // [y][x]
  std::vector<std::vector<std::optional<double>>> half_widths;  // empty, or [y][x]
  std::string value_name;                                       // with unit, e.g. "ASA (s)"
  int decimals = 1;
  // The target the values are judged against. Default: none (a neutral scale).
  std::optional<double> target;
  // Whether the target is a floor (service level) or a cap (ASA, abandonment). Default: floor.
  TargetSense sense = TargetSense::AtLeast;
  // The scale's upper end (1 for shares). Default: none (the largest value, and at least twice
  // the target).
  std::optional<double> scale_max;
};

// The heatmap as an inline <svg> element, with each cell's value written in it and a legend
// saying what the colours mean.
std::string heatmap_svg(const Heatmap& map);
// The CSS colour ("#rrggbb") of a cell of `map` holding `value` ± `half_width` (grey when the
// value is undefined), by the rule above.
std::string heatmap_colour(const Heatmap& map, const std::optional<double>& value,
                           const std::optional<double>& half_width);

// A text table: rows[0] is the header; the first column is left-aligned, the rest right-aligned.
using TextTable = std::vector<std::vector<std::string>>;

class HtmlReport {
 public:
  HtmlReport(std::string title, std::string subtitle);
  void section(std::string_view heading);     // <h2>
  void subsection(std::string_view heading);  // <h3>
  void paragraph(std::string_view text);
  // The first `left_columns` columns are left-aligned (labels), the others right-aligned.
  void table(const TextTable& rows, std::string_view caption = {}, std::size_t left_columns = 1);
  // A definition list of (term, value) pairs, e.g. a scenario's summary.
  void facts(const std::vector<std::pair<std::string, std::string>>& items);
  void chart(const Chart& chart);    // the chart and its table side by side
  void heatmap(const Heatmap& map);  // the heatmap (its numbers are in its cells)
  // The whole document.
  std::string html() const;

 private:
  std::string title_, subtitle_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> toc_;  // (anchor, heading)
};

// "–" (en dash) for undefined; else `value` with `decimals` decimals (never "-0.0"), and
// " ± half_width" when the half-width is given and finite.
std::string report_cell(const std::optional<double>& value, const std::optional<double>& half_width,
                        int decimals);
// `value` with `decimals` decimals, without the sign of a value that rounds to zero.
std::string report_number(double value, int decimals);

}  // namespace ccsim::cli
