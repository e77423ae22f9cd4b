// HTML and SVG of reports (tools/report.h): escaping, gaps for undefined values, tables.
#include "tools/report.h"

#include <gtest/gtest.h>

#include <limits>
#include <regex>
#include <set>

#include "tools/report_series.h"

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

// The numbers of attribute `name` of every element of `svg` that starts with `tag`.
std::vector<double> attributes(const std::string& svg, const std::string& tag,
                               const std::string& name) {
  std::vector<double> out;
  for (auto p = svg.find(tag); p != std::string::npos; p = svg.find(tag, p + 1)) {
    const auto a = svg.find(" " + name + "=\"", p);
    if (a == std::string::npos || a > svg.find('>', p)) continue;
    out.push_back(std::stod(svg.substr(a + name.size() + 3)));
  }
  return out;
}

// Every y of the path data `d` (M/L/H/V commands with absolute coordinates).
std::vector<double> path_ys(const std::string& d) {
  std::vector<double> ys;
  const std::regex point("[ML]([-0-9.]+) ([-0-9.]+)|V([-0-9.]+)");
  for (auto it = std::sregex_iterator(d.begin(), d.end(), point); it != std::sregex_iterator();
       ++it) {
    ys.push_back(std::stod((*it)[2].matched ? (*it)[2].str() : (*it)[3].str()));
  }
  return ys;
}

// The d attributes of every <path class="CLASS..." of `svg`.
std::vector<std::string> paths(const std::string& svg, const std::string& cls) {
  std::vector<std::string> out;
  const std::string tag = "<path class=\"" + cls;
  for (auto p = svg.find(tag); p != std::string::npos; p = svg.find(tag, p + 1)) {
    const auto a = svg.find("d=\"", p) + 3;
    out.push_back(svg.substr(a, svg.find('"', a) - a));
  }
  return out;
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

TEST(Report, SharesAreWrittenAsPercentagesAndLongDurationsInHoursAndMinutes) {
  EXPECT_EQ(format_cell(0.8123, 0.0131, 3, ValueFormat::Share), "81.2% \u00b1 1.3 pp");
  EXPECT_EQ(format_cell(-0.021, 0.004, 3, ValueFormat::SharePoints), "-2.1 pp \u00b1 0.4 pp");
  EXPECT_EQ(format_cell(45.24, 3.11, 1, ValueFormat::Duration), "45.2 s \u00b1 3.1 s");
  EXPECT_EQ(format_cell(4 * 3600 + 12 * 60 + 10, 540, 1, ValueFormat::Duration),
            "4 h 12 min \u00b1 9 min");
  EXPECT_EQ(duration_text(7200, 0), "2 h");
  EXPECT_EQ(duration_text(3599.4, 0), "3599 s");
  EXPECT_EQ(format_value(std::nullopt, 3, ValueFormat::Share), "\u2013");
  EXPECT_EQ(format_cell(12.0, 1.0, 1, ValueFormat::Number), "12.0 \u00b1 1.0");
}

TEST(Report, ShareChartTicksInPercent) {
  Chart c = sample_chart();
  c.targets = {{"target 80%", 0.8}};
  c.y_format = ValueFormat::Share;
  c.y_min = 0;
  c.y_max = 1;
  c.series[0].mean = {0.5, 0.7, 0.9, 0.95, 0.8};
  c.series[0].half_width = {0.1, 0.1, 0.1, 0.1, 0.1};
  c.series[0].format = ValueFormat::Share;
  c.series[0].decimals = 3;
  const std::string svg = chart_svg(c);
  EXPECT_NE(svg.find(">100%</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">0%</text>"), std::string::npos);
  EXPECT_NE(chart_table(c).find("<td>50.0% \u00b1 10.0 pp</td>"), std::string::npos);
  // 0.95 ± 0.1 reaches beyond 100%: written with its interval cut there.
  c.series[0].hi = 1.0;
  EXPECT_NE(chart_table(c).find("<td>95.0% (85.0%\u2013100.0%)</td>"), std::string::npos)
      << chart_table(c);
}

TEST(Report, DurationAxisBeyondAnHourTicksInHours) {
  Chart c = sample_chart();
  c.targets.clear();
  c.y_axis = "wait (s)";
  c.y_format = ValueFormat::Duration;
  c.series[0].mean = {3000.0, 9000.0, 15120.0, 12000.0, 600.0};
  c.series[0].half_width.clear();
  c.series[0].format = ValueFormat::Duration;
  const std::string svg = chart_svg(c);
  EXPECT_NE(svg.find(">4 h</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">wait</text>"), std::string::npos) << "no \"(s)\" beside hour ticks";
  EXPECT_NE(chart_table(c).find("<td>4 h 12 min</td>"), std::string::npos);
  EXPECT_NE(chart_table(c).find("<td>600.0 s</td>"), std::string::npos);
}

// A band is drawn cut to the values the quantity can take, and the axis does not stretch to
// impossible ones: a service level of 0.99 ± 0.05 is drawn up to 100%, no further.
TEST(Report, BandsAreCutToPossibleValues) {
  Chart c = sample_chart();
  c.targets.clear();
  c.y_min = std::nullopt;
  c.series[0].mean = {0.99, 0.97, 0.02, 0.5, 0.98};
  c.series[0].half_width = {0.05, 0.05, 0.05, 0.05, 0.05};
  c.series[0].lo = 0.0;
  c.series[0].hi = 1.0;
  const std::string svg = chart_svg(c);
  const double top = attributes(svg, "<rect class=\"plot-area\"", "y").at(0);
  const double height = attributes(svg, "<rect class=\"plot-area\"", "height").at(0);
  for (const std::string& d : paths(svg, "band")) {
    for (double y : path_ys(d)) {
      EXPECT_GE(y, top - 0.05) << d;
      EXPECT_LE(y, top + height + 0.05) << d;
    }
  }
  // The axis ends at 1 (its top tick), not 1.2, and starts at 0, not -0.2.
  EXPECT_NE(svg.find(">1.0</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">1.2</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">-0.2</text>"), std::string::npos);
}

// A second quantity gets a lower panel on the same x positions, never a second y axis.
TEST(Report, SecondQuantityIsALowerPanelSharingTheXAxis) {
  Chart c = sample_chart();
  c.lower_axis = "agents";
  ChartSeries agents;
  agents.name = "agents";
  agents.lower_panel = true;
  agents.mean = {20.0, 24.0, 28.0, 28.0, 22.0};
  c.series.push_back(agents);
  const std::string svg = chart_svg(c);
  EXPECT_EQ(svg.find("rotate(90)"), std::string::npos) << "no right axis title";
  const auto ys = attributes(svg, "<rect class=\"plot-area\"", "y");
  const auto heights = attributes(svg, "<rect class=\"plot-area\"", "height");
  ASSERT_EQ(ys.size(), 2u);
  EXPECT_GT(ys[1], ys[0] + heights[0]) << "the lower panel is under the main one";
  EXPECT_EQ(attributes(svg, "<rect class=\"plot-area\"", "x"), (std::vector<double>{70.0, 70.0}));
  // The agents' dots are in the lower panel, at the x of the main panel's dots.
  const auto dots_y = attributes(svg, "<circle class=\"dot s1\"", "cy");
  ASSERT_EQ(dots_y.size(), 5u);
  for (double y : dots_y) {
    EXPECT_GE(y, ys[1]);
    EXPECT_LE(y, ys[1] + heights[1]);
  }
  EXPECT_EQ(attributes(svg, "<circle class=\"dot s1\"", "cx")[0],
            attributes(svg, "<circle class=\"dot s0\"", "cx")[0]);
  EXPECT_NE(svg.find(">agents</text>"), std::string::npos);
}

TEST(Report, TargetLabelsSitRightOfThePlotNotOverTheData) {
  Chart c = sample_chart();
  c.targets = {{"max ASA 20 s", 20.0}, {"max ASA 21 s", 21.0}};
  const std::string svg = chart_svg(c);
  const double right = attributes(svg, "<rect class=\"plot-area\"", "x").at(0) +
                       attributes(svg, "<rect class=\"plot-area\"", "width").at(0);
  std::vector<double> label_x, label_y;
  for (auto p = svg.find("class=\"target-label\""); p != std::string::npos;
       p = svg.find("class=\"target-label\"", p + 1)) {
    const auto open = svg.rfind("<text", p);
    label_x.push_back(std::stod(svg.substr(svg.find("x=\"", open) + 3)));
    label_y.push_back(std::stod(svg.substr(svg.find("y=\"", open) + 3)));
  }
  ASSERT_EQ(label_x.size(), 2u);
  for (double x : label_x) EXPECT_GT(x, right);
  EXPECT_GE(std::abs(label_y[0] - label_y[1]), 12.0) << "close targets' labels pushed apart";
  EXPECT_LE(right + 6 + 6.3 * 12, 760.0) << "the label fits in the chart";
}

TEST(Report, LegendSwatchesOfOneChartAllDiffer) {
  Chart c = sample_chart();
  for (int k = 0; k < 3; ++k) {
    ChartSeries s = c.series[0];
    s.name = "same colour " + std::to_string(k);
    s.colour = 0;
    c.series.push_back(s);
  }
  const std::string svg = chart_svg(c);
  std::set<std::string> swatches;
  const std::string tag = "<path class=\"legend-line ";
  for (auto p = svg.find(tag); p != std::string::npos; p = svg.find(tag, p + 1)) {
    swatches.insert(svg.substr(p + tag.size(), svg.find('"', p + tag.size()) - p - tag.size()));
  }
  EXPECT_EQ(swatches.size(), 4u) << "colour and dash together tell every line apart";
}

TEST(ScenarioDifferences, ListEveryChangedValueByItsJsonPath) {
  const nlohmann::json base = nlohmann::json::parse(R"({
    "name": "base", "horizon": {"intervals": 3},
    "contact_types": [{"name": "a", "arrivals": {"per_interval": [1, 2, 3, 4, 5, 6, 7]},
                       "patience": {"mean_s": 100}}],
    "agent_groups": [{"name": "g", "skills": ["a"], "staff": {"per_interval": [5, 6, 7]}}]})");
  const nlohmann::json variant = nlohmann::json::parse(R"({
    "name": "base", "horizon": {"intervals": 3, "days": 2},
    "contact_types": [{"name": "a", "arrivals": {"per_interval": [2, 3, 4, 5, 6, 7, 8]},
                       "self_service": {"deflection": 0.1}}],
    "agent_groups": [{"name": "g", "skills": ["a", "b"], "staff": {"per_interval": [5, 9, 7]}}]})");
  const std::vector<ScenarioDifference> d = scenario_differences(base, variant);
  const std::vector<std::vector<std::string>> expected{
      {"agent_groups[0].skills", "[\"a\"]", "[\"a\",\"b\"]"},
      {"agent_groups[0].staff.per_interval[1]", "6", "9"},
      {"contact_types[0].arrivals.per_interval (7 of 7 entries)", "[1,2,3,4,5,6,7]",
       "[2,3,4,5,6,7,8]"},
      {"contact_types[0].patience", "{\"mean_s\":100}", "absent"},
      {"contact_types[0].self_service", "absent", "{\"deflection\":0.1}"},
      {"horizon.days", "absent", "2"}};
  std::vector<std::vector<std::string>> got;
  for (const ScenarioDifference& x : d) got.push_back({x.path, x.base, x.variant});
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(scenario_differences(base, base).empty());
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
