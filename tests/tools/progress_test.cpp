// The progress bar of long work (tools/progress.h), and when ccsim draws it.
#include "tools/progress.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/run_ccsim.h"

namespace ccsim::cli {
namespace {

TEST(Progress, LineShowsBarCountRateAndTimeLeft) {
  const std::string line = progress_line(45, 100, "replications", 3.0, {}, 20);
  EXPECT_EQ(line.substr(0, 22), "[#########...........]");
  EXPECT_NE(line.find("45/100 replications"), std::string::npos) << line;
  EXPECT_NE(line.find("15.0/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 3.7 s"), std::string::npos) << line;
}

TEST(Progress, LineSaysDoneAndHowLongWhenComplete) {
  const std::string line = progress_line(8, 8, "points", 2.0, "last note", 8);
  EXPECT_EQ(line.substr(0, 10), "[########]");
  EXPECT_NE(line.find("done in 2.0 s"), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
  EXPECT_NE(line.find("last note"), std::string::npos) << line;
}

TEST(Progress, LineGivesLongTimesInMinutesAndHours) {
  EXPECT_NE(progress_line(1, 101, "", 72.0).find("ETA 2.0 h"), std::string::npos);
  EXPECT_NE(progress_line(1, 50, "", 2.0).find("ETA 1.6 min"), std::string::npos);
}

TEST(Progress, DisabledBarWritesNothing) {
  std::ostringstream out;
  {
    ProgressBar bar(false, "replications", out);
    bar.update(1, 2);
    bar.update(2, 2);
  }
  EXPECT_TRUE(out.str().empty());
}

struct Recorder : ProgressObserver {
  std::vector<std::string> seen;
  void update(std::size_t done, std::size_t total, std::string_view unit) override {
    seen.push_back(std::to_string(done) + "/" + std::to_string(total) + " " + std::string(unit));
  }
};

TEST(Progress, ObserverSeesTheBarsOfItsThreadWhileInstalledEvenWhenDisabled) {
  std::ostringstream out;
  Recorder recorder;
  {
    ObserveProgress observe(&recorder);
    ProgressBar bar(false, "iterations", out);
    bar.update(1, 3);
    bar.update(3, 3);
    std::thread([&] {
      ProgressBar other(false, "points", out);  // built on another thread: not observed
      other.update(1, 1);
    }).join();
  }
  ProgressBar after(false, "points", out);  // built after the observer was removed
  after.update(1, 1);
  EXPECT_EQ(recorder.seen, (std::vector<std::string>{"1/3 iterations", "3/3 iterations"}));
  EXPECT_TRUE(out.str().empty());
}

TEST(Progress, BarRedrawsInPlaceAndEndsItsLineWhenDone) {
  std::ostringstream out;
  ProgressBar bar(true, "replications", out);
  bar.update(1, 3);
  bar.update(2, 3);  // within 0.1 s of the last drawing: skipped
  bar.update(3, 3);
  const std::string s = out.str();
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), '\r');
  EXPECT_EQ(s.back(), '\n');
  EXPECT_EQ(std::count(s.begin(), s.end(), '\r'), 2) << s;
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 1) << s;
  EXPECT_NE(s.find("3/3 replications"), std::string::npos) << s;
  EXPECT_EQ(s.find("2/3"), std::string::npos) << s;
  bar.finish();  // nothing more: the line has ended
  EXPECT_EQ(out.str(), s);
}

TEST(Progress, FinishEndsAnUnfinishedLine) {
  std::ostringstream out;
  {
    ProgressBar bar(true, "iterations", out);
    bar.update(3, 100, "trim");
  }
  EXPECT_EQ(out.str().back(), '\n');
  EXPECT_NE(out.str().find("3/100 iterations"), std::string::npos);
  EXPECT_NE(out.str().find("trim"), std::string::npos);
}

TEST(Progress, WorkEndingBeforeItsBudgetEndsTheBarAsDone) {
  std::ostringstream out;
  ProgressBar bar(true, "iterations", out);
  bar.update(13, 100, "trim");
  bar.complete(13, "13 simulations");
  const std::string s = out.str();
  const std::string last = s.substr(s.rfind('\r'));
  EXPECT_NE(last.find("13/13 iterations"), std::string::npos) << s;
  EXPECT_NE(last.find("done in"), std::string::npos) << s;
  EXPECT_NE(last.find("13 simulations"), std::string::npos) << s;
  EXPECT_EQ(last.find("ETA"), std::string::npos) << s;
  EXPECT_EQ(s.back(), '\n');
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 1) << s;
  bar.finish();  // the line has ended: nothing more
  EXPECT_EQ(out.str(), s);
}

TEST(Progress, BarIsSafeToUpdateFromManyThreads) {
  std::ostringstream out;
  {
    ProgressBar bar(true, "points", out);
    std::vector<std::thread> threads;
    std::atomic<std::size_t> done{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 250; ++i) bar.update(++done, 1000);
      });
    }
    for (auto& t : threads) t.join();
  }
  const std::string s = out.str();
  EXPECT_EQ(s.back(), '\n');
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 1);
}

TEST(Progress, CcsimDrawsNoProgressWhenStderrIsNotATerminal) {
  const auto r = test::run_ccsim("run scenarios/erlang_a_check.json --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("replications  "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
}

// Runs `ccsim ARGS` under script(1), whose pseudo-terminal makes stderr a terminal; returns
// what the terminal showed.
std::optional<std::string> run_in_terminal(const std::string& args) {
  if (::access("/usr/bin/script", X_OK) != 0) return std::nullopt;
  const auto dir = test::temp_dir("progress_tty");
  const auto typescript = dir / "typescript";
  const std::string command = std::string("cd '") + CCSIM_SOURCE_DIR +
                              "' && timeout 120 script -qec \"'" + CCSIM_BINARY + "' " + args +
                              " >/dev/null\" '" + typescript.string() + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return std::string();
  return test::read_file(typescript);
}

TEST(Progress, CcsimDrawsABarOnATerminalAndNoneWithQuiet) {
  const auto shown = run_in_terminal("run scenarios/erlang_a_check.json --replications 4");
  if (!shown) GTEST_SKIP() << "script(1) is not installed: cannot give ccsim a terminal";
  EXPECT_NE(shown->find("4/4 replications"), std::string::npos) << *shown;
  EXPECT_NE(shown->find("[#"), std::string::npos) << *shown;
  const auto quiet = run_in_terminal("run scenarios/erlang_a_check.json --replications 4 --quiet");
  ASSERT_TRUE(quiet);
  EXPECT_EQ(quiet->find("4/4 replications"), std::string::npos) << *quiet;
  EXPECT_EQ(quiet->find("[#"), std::string::npos) << *quiet;
}

}  // namespace
}  // namespace ccsim::cli
