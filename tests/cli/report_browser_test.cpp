// A report rendered in a real browser (headless Chromium): the charts draw.
//
// Skipped, with the reason, when /usr/bin/chromium is not installed (tools/deps.sh installs
// it). The screenshot is decoded with the system's zlib (libz.so.1, loaded at run time, so the
// test binary needs no link dependency); without it only the PNG's header is checked.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// Runs headless Chromium on `html` with `mode` (e.g. "--dump-dom"), offline and with a fresh
// profile, for at most 60 s. Returns its exit code; stdout goes to `stdout_file`.
int chromium(const std::string& mode, const fs::path& html, const fs::path& stdout_file,
             const fs::path& profile) {
  const std::string command =
      std::string("timeout 60 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir='" +
      profile.string() + "' " + mode + " 'file://" + html.string() + "' >'" + stdout_file.string() +
      "' 2>/dev/null";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::uint32_t be32(const std::string& s, std::size_t at) {
  return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
         std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint32_t(std::uint8_t(s[at + 3]));
}

struct Image {
  std::uint32_t width = 0, height = 0;
  int channels = 0;
  std::vector<std::uint8_t> pixels;  // rows of width × channels bytes; empty: not decoded
};

// Decodes an 8-bit RGB or RGBA, non-interlaced PNG. Fails the test on anything else.
Image decode_png(const std::string& png) {
  Image image;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << "not a PNG";
  std::string idat;
  int bit_depth = 0, colour_type = 0, interlace = 0;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t length = be32(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (at + 12 + length > png.size()) break;
    if (type == "IHDR") {
      image.width = be32(png, at + 8);
      image.height = be32(png, at + 12);
      bit_depth = std::uint8_t(png[at + 16]);
      colour_type = std::uint8_t(png[at + 17]);
      interlace = std::uint8_t(png[at + 20]);
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, length);
    }
    at += 12 + length;
  }
  EXPECT_EQ(bit_depth, 8);
  EXPECT_TRUE(colour_type == 2 || colour_type == 6) << "colour type " << colour_type;
  EXPECT_EQ(interlace, 0);
  if (bit_depth != 8 || (colour_type != 2 && colour_type != 6) || interlace != 0) return image;
  image.channels = colour_type == 6 ? 4 : 3;

  void* zlib = ::dlopen("libz.so.1", RTLD_NOW);
  if (!zlib) return image;
  using Uncompress = int (*)(unsigned char*, unsigned long*, const unsigned char*, unsigned long);
  const auto uncompress = reinterpret_cast<Uncompress>(::dlsym(zlib, "uncompress"));
  const std::size_t stride = std::size_t(image.width) * std::size_t(image.channels);
  std::vector<std::uint8_t> raw(std::size_t(image.height) * (stride + 1));
  unsigned long raw_size = raw.size();
  const int z = uncompress
                    ? uncompress(raw.data(), &raw_size,
                                 reinterpret_cast<const unsigned char*>(idat.data()), idat.size())
                    : -1;
  ::dlclose(zlib);
  EXPECT_EQ(z, 0) << "zlib could not inflate the image data";
  EXPECT_EQ(raw_size, raw.size());
  if (z != 0 || raw_size != raw.size()) return image;

  // Undo the per-row filters (PNG specification, section 9).
  const std::size_t bpp = std::size_t(image.channels);
  image.pixels.assign(std::size_t(image.height) * stride, 0);
  for (std::size_t y = 0; y < image.height; ++y) {
    const std::uint8_t filter = raw[y * (stride + 1)];
    const std::uint8_t* in = &raw[y * (stride + 1) + 1];
    std::uint8_t* row = &image.pixels[y * stride];
    const std::uint8_t* up = y ? &image.pixels[(y - 1) * stride] : nullptr;
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? row[i - bpp] : 0;
      const int b = up ? up[i] : 0;
      const int c = up && i >= bpp ? up[i - bpp] : 0;
      int predictor = 0;
      switch (filter) {
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          break;
      }
      row[i] = std::uint8_t(in[i] + predictor);
    }
  }
  return image;
}

class ReportInBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kChromium, X_OK) != 0) {
      GTEST_SKIP() << "chromium not installed: " << kChromium
                   << " is absent (Debian package 'chromium'; tools/deps.sh installs it)";
    }
    dir_ = temp_dir("report_browser");
    report_ = dir_ / "run.html";
    const auto r = run_ccsim("run scenarios/bank_weekday.json --replications 3 --quiet --report '" +
                             report_.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path dir_, report_;
};

TEST_F(ReportInBrowser, DomAfterLoadHasEveryChartWithItsPaths) {
  const fs::path dom = dir_ / "dom.html";
  ASSERT_EQ(chromium("--dump-dom", report_, dom, dir_ / "profile-dom"), 0)
      << "chromium failed or took over 60 s";
  const std::string html = read_file(dom);
  // The browser parsed the inline SVG into elements: 3 scopes × 4 charts, then 2 group charts.
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 14u) << html.substr(0, 2000);
  EXPECT_GE(count(html, "<path class=\"mean s0\" d=\"M"), 14u);
  EXPECT_GE(count(html, "<path class=\"band s0\" d=\"M"), 14u);
  EXPECT_GE(count(html, "<path class=\"target\""), 8u);
  EXPECT_GE(count(html, "<circle class=\"dot s0\""), 14u * 20u);
}

TEST_F(ReportInBrowser, ScreenshotShowsDrawnChartsNotABlankPage) {
  const fs::path png = dir_ / "shot.png";
  const fs::path log = dir_ / "shot.log";
  ASSERT_EQ(chromium("--screenshot='" + png.string() + "' --window-size=1200,1600", report_, log,
                     dir_ / "profile-shot"),
            0)
      << "chromium failed or took over 60 s";
  ASSERT_TRUE(fs::exists(png));
  const Image image = decode_png(read_file(png));
  EXPECT_EQ(image.width, 1200u);
  EXPECT_EQ(image.height, 1600u);
  if (image.pixels.empty()) {
    if (::testing::Test::HasFailure()) return;
    GTEST_SKIP() << "libz.so.1 not loadable: the screenshot's pixels were not checked";
  }
  std::set<std::uint32_t> colours;
  std::size_t inked = 0, chart_blue = 0;
  const std::size_t n = std::size_t(image.width) * image.height;
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint8_t* px = &image.pixels[p * std::size_t(image.channels)];
    const int r = px[0], g = px[1], b = px[2];
    colours.insert(std::uint32_t(r) << 16 | std::uint32_t(g) << 8 | std::uint32_t(b));
    if (r < 200 || g < 200 || b < 200) ++inked;
    // The first series' colour, #1f5fa8, where the charts' lines and dots are drawn.
    if (b - r > 90 && b > 120 && g < 150) ++chart_blue;
  }
  EXPECT_GE(colours.size(), 64u) << "a blank or flat page";
  EXPECT_GT(double(inked) / double(n), 0.02) << "almost nothing drawn";
  EXPECT_GE(chart_blue, 500u) << "no chart line in the first screen";
}

// Every report, as a user makes it: (file stem, ccsim arguments writing it to REPORT).
struct ReportCase {
  std::string name, args;
};

std::vector<ReportCase> every_report(const fs::path& dir) {
  nlohmann::json variant =
      nlohmann::json::parse(read_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios/bank_weekday.json"));
  variant["name"] = "Faster billing";
  variant["contact_types"][0]["handle_time"]["mean_s"] = 240;
  std::ofstream(dir / "faster.json") << variant.dump(2);
  const std::string erlang_a =
      "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 ";
  return {
      {"run", "run scenarios/bank_weekday.json --replications 3"},
      {"run_flows", "run scenarios/bank_day_with_bot_and_callbacks.json --replications 3"},
      {"run_email", "run scenarios/email_team.json --replications 3"},
      {"run_vs", "run scenarios/bank_weekday.json --vs '" + (dir / "faster.json").string() +
                     "' --replications 3"},
      {"staff", "staff scenarios/bank_weekday.json --method erlang --replications 2"},
      {"sweep_one", erlang_a + "--set /agent_groups/0/staff/count=30,32,34 --replications 2"},
      {"sweep_grid", erlang_a +
                         "--set /agent_groups/0/staff/count=30,33 "
                         "--set /contact_types/0/patience/mean_s=200:400:100 --replications 2"},
      {"compare",
       "compare tests/data/compare_scenario.json --measured tests/data/measured_intervals.csv "
       "--erlang-a"},
  };
}

// The numbers of attribute `name` of the elements of `svg` whose text starts with `tag`.
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

// What can be checked of each chart of a report without looking: no second y axis, every CI
// band within the plot areas, every target label right of the plot, no two legend swatches
// alike, and percent ticks on share axes.
void expect_honest_charts(const std::string& html, const std::string& name) {
  EXPECT_EQ(html.find("rotate(90)"), std::string::npos) << name << ": a right axis title";
  std::size_t charts = 0;
  for (auto at = html.find("<svg class=\"chart\""); at != std::string::npos;
       at = html.find("<svg class=\"chart\"", at + 1)) {
    ++charts;
    const std::string svg = html.substr(at, html.find("</svg>", at) - at);
    const std::string title = svg.substr(svg.find("<title>") + 7, 80);
    SCOPED_TRACE(name + ": " + title);
    const auto tops = attributes(svg, "<rect class=\"plot-area\"", "y");
    const auto heights = attributes(svg, "<rect class=\"plot-area\"", "height");
    const auto lefts = attributes(svg, "<rect class=\"plot-area\"", "x");
    const auto widths = attributes(svg, "<rect class=\"plot-area\"", "width");
    ASSERT_FALSE(tops.empty());
    ASSERT_LE(tops.size(), 2u);
    const double lowest = tops.back() + heights.back();
    const std::regex number("[MLHV ]([-0-9.]+) ([-0-9.]+)");
    for (auto p = svg.find("<path class=\"band"); p != std::string::npos;
         p = svg.find("<path class=\"band", p + 1)) {
      const auto d0 = svg.find("d=\"", p) + 3;
      const std::string d = svg.substr(d0, svg.find('"', d0) - d0);
      for (auto it = std::sregex_iterator(d.begin(), d.end(), number); it != std::sregex_iterator();
           ++it) {
        const double y = std::stod((*it)[2].str());
        EXPECT_GE(y, tops.front() - 0.05) << d;
        EXPECT_LE(y, lowest + 0.05) << d;
      }
    }
    const double right = lefts.front() + widths.front();
    for (auto p = svg.find("class=\"target-label\""); p != std::string::npos;
         p = svg.find("class=\"target-label\"", p + 1)) {
      const auto open = svg.rfind("<text", p);
      EXPECT_GT(std::stod(svg.substr(svg.find("x=\"", open) + 3)), right);
    }
    std::set<std::string> swatches;
    std::size_t lines = 0;
    const std::string swatch = "<path class=\"legend-line ";
    for (auto p = svg.find(swatch); p != std::string::npos; p = svg.find(swatch, p + 1)) {
      ++lines;
      swatches.insert(svg.substr(p, svg.find('"', p + swatch.size()) - p));
    }
    EXPECT_EQ(swatches.size(), lines) << "two legend lines alike";
    if (svg.find("(%)</text>") != std::string::npos) {
      EXPECT_NE(svg.find("%</text>"), std::string::npos) << "a share axis without percent ticks";
    }
  }
  EXPECT_GE(charts + std::size_t(html.find("<svg class=\"heatmap\"") != std::string::npos), 1u)
      << name;
}

// Renders every report at a laptop's 1400 px and at print width (800 px), and once to PDF,
// keeping the images under the build folder (report_screenshots/NAME-WIDTH.png, run.pdf) for a
// person to look at; checks the charts' drawing rules on each report's SVG.
TEST(ReportScreenshots, EveryReportRendersAtLaptopAndPrintWidth) {
  if (::access(kChromium, X_OK) != 0) {
    GTEST_SKIP() << "chromium not installed: " << kChromium
                 << " is absent (Debian package 'chromium'; tools/deps.sh installs it)";
  }
  const fs::path dir = temp_dir("report_screenshots");
  const fs::path shots = fs::path(CCSIM_BINARY).parent_path() / "report_screenshots";
  fs::create_directories(shots);
  for (const ReportCase& c : every_report(dir)) {
    SCOPED_TRACE(c.name);
    const fs::path report = dir / (c.name + ".html");
    const auto r = run_ccsim(c.args + " --quiet --report '" + report.string() + "'");
    ASSERT_TRUE(r.exit_code == 0 || (c.name == "staff" && r.exit_code == 1)) << r.err;
    expect_honest_charts(read_file(report), c.name);
    for (int width : {1400, 800}) {
      const fs::path png = shots / (c.name + "-" + std::to_string(width) + ".png");
      fs::remove(png);
      ASSERT_EQ(chromium("--hide-scrollbars --screenshot='" + png.string() +
                             "' --window-size=" + std::to_string(width) + ",2400",
                         report, dir / "shot.log", dir / ("profile-" + c.name)),
                0)
          << "chromium failed or took over 60 s";
      const Image image = decode_png(read_file(png));
      EXPECT_EQ(image.width, std::uint32_t(width));
      std::set<std::uint32_t> colours;
      for (std::size_t p = 0; p + 2 < image.pixels.size(); p += std::size_t(image.channels)) {
        colours.insert(std::uint32_t(image.pixels[p]) << 16 |
                       std::uint32_t(image.pixels[p + 1]) << 8 | image.pixels[p + 2]);
      }
      if (!image.pixels.empty()) {
        EXPECT_GE(colours.size(), 32u) << png << ": a blank page";
      }
    }
  }
  const fs::path pdf = shots / "run.pdf";
  fs::remove(pdf);
  ASSERT_EQ(chromium("--print-to-pdf='" + pdf.string() + "' --no-pdf-header-footer",
                     dir / "run.html", dir / "pdf.log", dir / "profile-pdf"),
            0);
  const std::string bytes = read_file(pdf);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_GT(bytes.size(), 20000u) << "a PDF of the charts, not an empty page";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ccsim::test
