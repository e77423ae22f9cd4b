// A sweep asked to stop (tools/progress.h ProgressObserver::stop_requested, as the Python module
// asks on Ctrl-C) hands out no further point, keeps the points run in its resumable file, writes
// no output, and the same command again resumes it.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run_ccsim.h"
#include "tools/cli.h"
#include "tools/progress.h"

namespace {

using ccsim::test::temp_dir;

// Asks to stop once the first point is done.
class StopAfterFirstPoint : public ccsim::cli::ProgressObserver {
 public:
  void update(std::size_t done, std::size_t, std::string_view) override {
    if (done >= 1) stop_ = true;
  }
  bool stop_requested() const override { return stop_.load(); }

 private:
  std::atomic<bool> stop_{false};
};

std::size_t lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

TEST(SweepStop, AStopRequestEndsTheSweepEarlyAndTheSameCommandResumesIt) {
  const auto dir = temp_dir("sweep_stop");
  const std::string out = (dir / "s.jsonl").string();
  const std::vector<std::string> args{"sweep",
                                      "scenarios/erlang_a_check.json",
                                      "--set",
                                      "/agent_groups/0/staff/count=20:59:1",
                                      "--threads",
                                      "1",
                                      "--replications",
                                      "2",
                                      "--quiet",
                                      "--out",
                                      out};
  StopAfterFirstPoint observer;
  std::ostringstream o, e;
  int code = 0;
  {
    ccsim::cli::ObserveProgress observe(&observer);
    code = ccsim::cli::run_command_line(args, o, e);
  }
  EXPECT_EQ(code, 1);
  EXPECT_NE(e.str().find("error: the sweep was stopped after 1 point of 40; the same command "
                         "again resumes it"),
            std::string::npos)
      << e.str();
  EXPECT_EQ(lines_of(out), 2u);  // the header and the one point run
  std::ostringstream o2, e2;
  EXPECT_EQ(ccsim::cli::run_command_line(args, o2, e2), 0) << e2.str();
  EXPECT_EQ(lines_of(out), 41u);
}

}  // namespace
