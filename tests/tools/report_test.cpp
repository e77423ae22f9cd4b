// HTML and SVG of reports (tools/report.h): escaping, gaps for undefined values, tables.
#include "tools/report.h"

#include <gtest/gtest.h>

#include <limits>
#include <regex>

namespace ccsim::cli {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

Chart sample_chart() {
  Chart c;
  c.title = "ASA <per> interval";
  c.x_axis = "interval start (clock time)";
  c.x_labels = {"08:00", "08:30", "09:00", "09:30", "10:00"};
  c.y_axis = "ASA (s)";
  ChartSeries s;
  s.name = "ASA";
  s.mean = {10.0, 12.0, std::nullopt, 15.0, std::numeric_limits<double>::quiet_NaN()};
  s.half_width = {1.0, 2.0, std::nullopt, 1.5, 1.0};
  c.series.push_back(s);
  c.targets.push_back({"max ASA 20 s", 20.0});
  return c;
}

TEST(Report, EscapesTextForHtml) {
  EXPECT_EQ(html_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
}

TEST(Report, ChartDrawsMeanLineBandAndTargetWithGapsForUndefinedValues) {
  const std::string svg = chart_svg(sample_chart());
  EXPECT_EQ(svg.rfind("<svg class=\"chart\"", 0), 0u);
  EXPECT_EQ(count(svg, "<path class=\"mean s0\""), 1u);
  EXPECT_EQ(count(svg, "<path class=\"band s0\""), 1u);
  EXPECT_EQ(count(svg, "<path class=\"target\""), 2u);  // the line and its legend entry
  // The undefined third and fifth values split the line: two runs, each starting with M.
  const auto d_at = svg.find("d=\"", svg.find("class=\"mean s0\""));
  const std::string d = svg.substr(d_at + 3, svg.find('"', d_at + 3) - d_at - 3);
  EXPECT_EQ(count(d, "M"), 2u) << d;
  EXPECT_EQ(count(svg, "<circle class=\"dot s0\""), 3u);
  EXPECT_NE(svg.find("ASA &lt;per&gt; interval"), std::string::npos);
  EXPECT_EQ(svg.find("<per>"), std::string::npos);
  const std::regex not_a_number("\\b(nan|inf|infinity)\\b", std::regex::icase);
  EXPECT_FALSE(std::regex_search(svg, not_a_number)) << svg;
}

TEST(Report, ChartTableHasEveryValueWithItsIntervalAndADashWhenUndefined) {
  const std::string table = chart_table(sample_chart());
  EXPECT_NE(table.find("<td>08:00</td><td>10.0 \u00b1 1.0</td>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td>09:00</td><td>\u2013</td>"), std::string::npos) << table;
  EXPECT_NE(table.find("<td>10:00</td><td>\u2013</td>"), std::string::npos) << table;
}

TEST(Report, ChartWithoutDataSaysSoInsteadOfDrawing) {
  Chart c = sample_chart();
  c.targets.clear();
  c.series[0].mean.assign(5, std::nullopt);
  const std::string svg = chart_svg(c);
  EXPECT_EQ(svg.find("class=\"mean"), std::string::npos);
  EXPECT_NE(svg.find("no data"), std::string::npos);
}

TEST(Report, HeatmapHasACellWithItsNumberPerPoint) {
  Heatmap m;
  m.title = "ASA";
  m.x_axis = "/agent_groups/0/staff/count";
  m.y_axis = "/contact_types/0/patience/mean_s";
  m.x_labels = {"30", "33"};
  m.y_labels = {"200", "300", "400"};
  m.values = {{10.0, 5.0}, {12.0, std::nullopt}, {14.0, 7.0}};
  m.value_name = "ASA (s)";
  const std::string svg = heatmap_svg(m);
  EXPECT_EQ(count(svg, "<rect class=\"cell\""), 6u);
  EXPECT_NE(svg.find(">12.0</text>"), std::string::npos);
  EXPECT_NE(svg.find(">\u2013</text>"), std::string::npos);
}

TEST(Report, DocumentIsSelfContainedAndPrintable) {
  HtmlReport page("Title & <name>", "sub");
  page.section("First");
  page.chart(sample_chart());
  page.section("Second");
  page.table({{"KPI", "value"}, {"ASA \"quoted\"", "1.0"}});
  const std::string html = page.html();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<title>Title &amp; &lt;name&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("<td>ASA &quot;quoted&quot;</td>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#sec2\">Second</a>"), std::string::npos);
}

}  // namespace
}  // namespace ccsim::cli
