// Heatmap colours (tools/report.h, heatmap_colour): by the verdict against a target and the
// distance to it, or a neutral scale from 0; never a map's own range.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tools/report.h"

namespace ccsim::cli {
namespace {

struct Rgb {
  int r, g, b;
};
Rgb rgb(const std::string& css) {
  const auto channel = [&](int at) {
    return int(std::strtol(css.substr(at, 2).c_str(), nullptr, 16));
  };
  return {channel(1), channel(3), channel(5)};
}
int max_channel_gap(Rgb a, Rgb b) {
  return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

Heatmap share_map(std::optional<double> target, TargetSense sense) {
  Heatmap m;
  m.values = {{0.661, 0.663, 0.941, 0.2}};
  m.target = target;
  m.sense = sense;
  m.scale_max = 1.0;
  return m;
}

TEST(HeatmapColour, CloseValuesGetCloseColoursWithoutATarget) {
  const Heatmap m = share_map(std::nullopt, TargetSense::AtLeast);
  const Rgb a = rgb(heatmap_colour(m, 0.661, 0.002)), b = rgb(heatmap_colour(m, 0.663, 0.002));
  EXPECT_LE(max_channel_gap(a, b), 2);
  // Darker for higher, one hue: no verdict on a figure without a target.
  const Rgb low = rgb(heatmap_colour(m, 0.2, 0.0)), high = rgb(heatmap_colour(m, 0.9, 0.0));
  EXPECT_GT(low.r + low.g + low.b, high.r + high.g + high.b);
}

TEST(HeatmapColour, ServiceLevelWellAboveItsTargetIsMetBlue) {
  const Heatmap m = share_map(0.8, TargetSense::AtLeast);
  const Rgb met = rgb(heatmap_colour(m, 0.941, 0.01));
  EXPECT_GT(met.b, met.r);
  const Rgb missed = rgb(heatmap_colour(m, 0.661, 0.01));
  EXPECT_GT(missed.r, missed.b);
  // Further from the target, darker.
  const Rgb near_miss = rgb(heatmap_colour(m, 0.77, 0.01));
  EXPECT_GT(near_miss.r + near_miss.g + near_miss.b, missed.r + missed.g + missed.b);
}

TEST(HeatmapColour, CiStraddlingTheTargetIsNeitherHue) {
  const Heatmap m = share_map(0.8, TargetSense::AtLeast);
  const Rgb unclear = rgb(heatmap_colour(m, 0.805, 0.02));
  EXPECT_EQ(unclear.r, unclear.b);
  EXPECT_EQ(unclear.g, unclear.b);
}

TEST(HeatmapColour, CapIsMetBelowAndMissedAbove) {
  Heatmap m = share_map(0.05, TargetSense::AtMost);
  const Rgb met = rgb(heatmap_colour(m, 0.02, 0.005)), missed = rgb(heatmap_colour(m, 0.09, 0.005));
  EXPECT_GT(met.b, met.r);
  EXPECT_GT(missed.r, missed.b);
}

TEST(HeatmapColour, HeatmapWithATargetSaysWhatTheColoursMean) {
  Heatmap m = share_map(0.8, TargetSense::AtLeast);
  m.x_labels = {"a", "b", "c", "d"};
  m.y_labels = {"r"};
  m.value_name = "service level (share)";
  const std::string svg = heatmap_svg(m);
  EXPECT_NE(svg.find("service level (share): target at least 0.8"), std::string::npos);
  EXPECT_NE(svg.find("blue: target met, orange: missed (at 95%)"), std::string::npos);
  m.target.reset();
  EXPECT_NE(heatmap_svg(m).find("darker is higher (no target)"), std::string::npos);
}

}  // namespace
}  // namespace ccsim::cli
