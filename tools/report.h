// HTML reports: one self-contained, printable page (inline CSS and SVG; no script, no network)
// of sections, escaped text, tables and charts, each chart beside a table of its numbers.
//
// Undefined values (nullopt, or not finite) are gaps in a chart and "–" in a table; no text of
// a report ever reads "nan" or "inf". Every text given is HTML-escaped.
//
// SVG classes, stable for tests and styling: a chart is <svg class="chart">; a line series is a
// <path class="mean sN"> (N: the series' colour, by default its index), with " dM" added for
// the chart's line series after the first (M: its dash pattern, so no two legend swatches of a
// chart look alike); its band (and a band series) a <path class="band sN">; a points series is
// <circle class="measured sN"> elements; a target is a <path class="target"> labelled by a
// <text class="target-label"> right of the plot; each panel's plot area is a
// <rect class="plot-area">; a heatmap is <svg class="heatmap"> of <rect class="cell">.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kpi/targets.h"

namespace ccsim::cli {

// `text` with & < > " ' replaced by character references (for text and attribute values).
std::string html_escape(std::string_view text);

// How a chart writes a value in its ticks, tooltips and table.
enum class ValueFormat {
  Number,       // as it is, with the series' decimals
  Share,        // a share in [0, 1] as a percentage: "81.2%" (decimals − 2 after the point), a
                // half-width in percentage points ("± 1.3 pp")
  Duration,     // seconds: "45.2 s" under an hour, "4 h 12 min" from an hour on
  SharePoints,  // a difference of two shares, in percentage points: "1.2 pp"
};

struct ChartSeries {
  // Line: a mean line with dots and its band; Points: dots only (e.g. measured values); Band:
  // the band only (e.g. a prediction interval around another series' line).
  enum class Style { Line, Points, Band };
  std::string name;
  std::vector<std::optional<double>> mean;        // one per x; nullopt: undefined (a gap)
  std::vector<std::optional<double>> half_width;  // empty, or one per x: band mean ± half_width
  Style style = Style::Line;
  // Drawn in the chart's lower panel (Chart::lower_axis), below the main one and on the same
  // x positions. Default: false (the main panel).
  bool lower_panel = false;
  int decimals = 1;                          // in tooltips and the table. Default: 1.
  ValueFormat format = ValueFormat::Number;  // Default: Number.
  std::string band_name = "95% CI";
  int colour = -1;  // palette index; -1: the series' index in its chart. Default: -1.
  // The values the quantity can take (e.g. [0, 1] for a share, [0, ∞) for a count): the band
  // is drawn, and its ends written, cut to them. INVARIANT: lo <= hi. Default: unbounded.
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
};

// A horizontal line at `value` of the main panel, e.g. a service-level target; its label is
// written in the right margin, beside the plot, never over the data.
struct TargetLine {
  std::string name;
  double value = 0.0;
};

struct Chart {
  std::string title;
  std::string x_axis;                 // axis title with unit, e.g. "interval start (clock)"
  std::vector<std::string> x_labels;  // one per x
  std::string x_column;               // header of the x column in the table; empty: x_axis
  std::vector<double> x;              // numeric positions, one per x; empty: evenly spaced
  std::string y_axis;                 // axis title with unit, e.g. "ASA (s)"
  ValueFormat y_format = ValueFormat::Number;  // of the main panel's ticks. Default: Number.
  std::optional<double> y_min, y_max;          // fixed main-panel range; else from the data and 0
  // The lower panel's axis title, e.g. "agents"; empty: one panel. There is never a second y
  // axis: a second quantity gets its own panel. Default: empty.
  std::string lower_axis;
  std::optional<double> lower_min, lower_max;      // fixed lower-panel range; else from the data
  ValueFormat lower_format = ValueFormat::Number;  // of the lower panel's ticks. Default: Number.
  std::vector<ChartSeries> series;
  std::vector<TargetLine> targets;
  std::string note;  // a sentence under the chart
};

// The chart as an inline <svg> element.
std::string chart_svg(const Chart& chart);
// The chart's numbers as an HTML <table>: x label, then each series' "mean ± half_width", or,
// where that interval reaches beyond the series' possible values [lo, hi], "mean (low–high)"
// with the interval cut to them.
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
// `value` written as `format` says (ValueFormat), with `decimals` as a series' decimals; "–"
// when undefined.
std::string format_value(const std::optional<double>& value, int decimals, ValueFormat format);
// report_cell in `format`: "81.2% ± 1.3 pp", "4 h 12 min ± 9 min", "45.2 s ± 3.1 s".
std::string format_cell(const std::optional<double>& value, const std::optional<double>& half_width,
                        int decimals, ValueFormat format);
// A duration in seconds as a person reads it: "45.2 s" (with `decimals`) under an hour, else
// whole minutes "4 h 12 min" ("2 h" on the hour). REQUIRES: seconds finite.
std::string duration_text(double seconds, int decimals);

}  // namespace ccsim::cli
