#include "tools/report.h"

#include <algorithm>
#include <cmath>

#include "tools/report_svg.h"
#include "tools/table_text.h"

namespace ccsim::cli {

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
  if (!is_defined(value)) return kDash;
  std::string s = report_number(*value, decimals);
  if (is_defined(half_width)) s += " \u00b1 " + report_number(*half_width, decimals);
  return s;
}

std::string duration_text(double seconds, int decimals) {
  if (std::fabs(seconds) < 3600.0) return report_number(seconds, decimals) + " s";
  const long long minutes = std::llround(std::fabs(seconds) / 60.0);
  const std::string sign = seconds < 0 ? "-" : "";
  const long long h = minutes / 60, m = minutes % 60;
  return sign + std::to_string(h) + " h" + (m ? " " + std::to_string(m) + " min" : "");
}

std::string format_value(const std::optional<double>& value, int decimals, ValueFormat format) {
  if (!is_defined(value)) return kDash;
  switch (format) {
    case ValueFormat::Share:
      return report_number(100.0 * *value, std::max(0, decimals - 2)) + "%";
    case ValueFormat::SharePoints:
      return report_number(100.0 * *value, std::max(0, decimals - 2)) + " pp";
    case ValueFormat::Duration:
      return duration_text(*value, decimals);
    case ValueFormat::Number:
      break;
  }
  return report_number(*value, decimals);
}

std::string format_cell(const std::optional<double>& value, const std::optional<double>& half_width,
                        int decimals, ValueFormat format) {
  if (format == ValueFormat::Number || !is_defined(value)) {
    return report_cell(value, half_width, decimals);
  }
  std::string s = format_value(value, decimals, format);
  if (!is_defined(half_width)) return s;
  if (format == ValueFormat::Share || format == ValueFormat::SharePoints) {
    return s + " \u00b1 " + report_number(100.0 * *half_width, std::max(0, decimals - 2)) + " pp";
  }
  // A duration of an hour or more is written in minutes, and so is its half-width.
  const bool minutes = std::fabs(*value) >= 3600.0 && std::fabs(*half_width) < 3600.0;
  return s + " \u00b1 " +
         (minutes ? std::to_string(std::llround(*half_width / 60.0)) + " min"
                  : duration_text(*half_width, decimals));
}

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
td.l{white-space:normal;min-width:5em;max-width:24em}
thead th{background:#f1f4f8;position:sticky;top:0}
.unit{font-weight:400;color:#666;font-size:.9em}
.figure{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start;margin:10px 0 26px}
.figure svg{flex:1 1 520px;max-width:720px;height:auto}
.figure svg.heatmap{flex:0 1 auto;max-width:100%}
.figure .table-wrap{flex:1 1 auto;width:max-content;min-width:380px;max-width:100%;
  max-height:360px;overflow:auto;border:1px solid #e8ebf0}
.figure .note{flex-basis:100%;margin:0;color:#555;font-size:.9em}
.figure th{white-space:normal;min-width:4em}
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
.d1{stroke-dasharray:8 4}.d2{stroke-dasharray:2 3}.d3{stroke-dasharray:10 3 2 3}
.d4{stroke-dasharray:4 2}.d5{stroke-dasharray:1 4}
.plot-area{fill:none;stroke:none}
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
  .wide{overflow:visible}
  table{font-size:8.5pt}
  th,td{white-space:normal;padding:2px 4px}
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
