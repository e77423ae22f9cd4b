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

}  // namespace
}  // namespace ccsim::test
