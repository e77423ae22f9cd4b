// ccsim sweep and ccsim merge, run as a user would.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

// A small sweep: 2 staffing levels × 2 patience means of a 2-hour M/M/n+M queue.
const std::string kSweep =
    "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=7200 "
    "--set /agent_groups/0/staff/count=30,33 --set /contact_types/0/patience/mean_s=200:300:100 "
    "--replications 3 --quiet";

// Why the tests under mpirun cannot run here, or empty.
std::string mpi_unavailable() {
#ifndef CCSIM_WITH_MPI
  return "ccsim was built without MPI (CCSIM_WITH_MPI=OFF)";
#else
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) return "mpirun is not installed";
  return "";
#endif
}

// mpirun starting 2 ranks on this machine, as this user may.
std::string mpirun_two_ranks() {
  return std::string("mpirun -np 2 --oversubscribe") +
         (::geteuid() == 0 ? " --allow-run-as-root" : "");
}

// The sweep the kill tests interrupt, to be followed by its output file: 8 points of about
// 0.3 s each on one thread, so that a kill lands mid-sweep.
const std::string kLongSweep =
    "sweep scenarios/erlang_a_check.json --set /horizon/duration_s=1800000 "
    "--set /agent_groups/0/staff/count=30:37:1 --replications 2 --threads 1 --quiet --out ";

// Starts `command` (shell syntax) in the source directory, replacing the shell with its first
// program; returns its pid, or -1.
pid_t start_command(const std::string& command) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(CCSIM_SOURCE_DIR) != 0) ::_exit(126);
    const std::string line = "exec " + command;
    ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

std::size_t count_lines(const std::string& s) {
  return std::size_t(std::count(s.begin(), s.end(), '\n'));
}

TEST(SweepCommand, OutputIsIdenticalForAnyThreadCountAndForMergedShards) {
  const fs::path dir = temp_dir("sweep_identical");
  const auto one = run_ccsim(kSweep + " --threads 1 --out " + (dir / "t1.csv").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto two = run_ccsim(kSweep + " --threads 2 --out " + (dir / "t2.csv").string());
  ASSERT_EQ(two.exit_code, 0) << two.err;
  for (int k = 0; k < 2; ++k) {
    const auto shard = run_ccsim(kSweep + " --threads 2 --shard " + std::to_string(k) +
                                 "/2 --out " + (dir / ("s" + std::to_string(k) + ".csv")).string());
    ASSERT_EQ(shard.exit_code, 0) << shard.err;
  }
  // The shards' sweep files (beside their CSVs) merge into the sweep file of one run.
  const auto merged =
      run_ccsim("merge " + (dir / "s1.csv.sweep").string() + " " + (dir / "s0.csv.sweep").string() +
                " --out " + (dir / "m.csv.sweep").string());
  ASSERT_EQ(merged.exit_code, 0) << merged.err;

  const std::string reference = read_file(dir / "t1.csv.sweep");
  EXPECT_EQ(count_lines(reference), 2u + 4u);  // header, columns, 4 points
  EXPECT_EQ(read_file(dir / "t2.csv.sweep"), reference);
  EXPECT_EQ(read_file(dir / "m.csv.sweep"), reference);
  EXPECT_NE(read_file(dir / "s0.csv.sweep"), reference);       // a shard alone is not the sweep
  EXPECT_EQ(count_lines(read_file(dir / "t1.csv")), 1u + 4u);  // the table: header, 4 points
  EXPECT_EQ(read_file(dir / "t2.csv"), read_file(dir / "t1.csv"));
  // Resuming from the merged sweep file runs nothing and writes the whole table.
  const auto table = run_ccsim(kSweep + " --out " + (dir / "m.csv").string());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(read_file(dir / "m.csv"), read_file(dir / "t1.csv"));
  fs::remove_all(dir);
}

TEST(SweepCommand, MpirunWithTwoRanksGivesTheSameOutputAsOneProcess) {
  if (const std::string why = mpi_unavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path dir = temp_dir("sweep_mpi");
  const auto one = run_ccsim(kSweep + " --threads 1 --out " + (dir / "one.csv").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const std::string command = "cd '" CCSIM_SOURCE_DIR "' && " + mpirun_two_ranks() +
                              " '" CCSIM_BINARY "' " + kSweep + " --threads 1 --out " +
                              (dir / "mpi.csv").string() + " >'" + (dir / "log.txt").string() +
                              "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << read_file(dir / "log.txt");
  EXPECT_EQ(read_file(dir / "mpi.csv"), read_file(dir / "one.csv"));
  fs::remove_all(dir);
}

TEST(SweepCommand, MpirunKeepsThePointToPointLayerTheUserChose) {
  // On one node ccsim picks Open MPI's ob1 layer unless the user chose one: a choice given to
  // mpirun (here one that does not exist) must reach MPI, which then refuses to start, where
  // with ob1 the sweep would run. (Open MPI's message naming the layer is not checked: with
  // another mpirun running at the same time it is sometimes lost.)
  if (const std::string why = mpi_unavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path dir = temp_dir("sweep_mpi_pml");
  const std::string command = "cd '" CCSIM_SOURCE_DIR "' && timeout 120 " + mpirun_two_ranks() +
                              " --mca pml no_such_layer '" CCSIM_BINARY "' " + kSweep +
                              " --threads 1 --out " + (dir / "mpi.csv").string() + " >'" +
                              (dir / "log.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const std::string log = read_file(dir / "log.txt");
  ASSERT_TRUE(WIFEXITED(status)) << log;
  EXPECT_NE(WEXITSTATUS(status), 0) << log;
  EXPECT_NE(WEXITSTATUS(status), 124) << log;
  EXPECT_FALSE(fs::exists(dir / "mpi.csv"));
  fs::remove_all(dir);
}

TEST(SweepCommand, MpirunWithAMissingOutputFolderIsRefusedOnEveryRank) {
  if (const std::string why = mpi_unavailable(); !why.empty()) GTEST_SKIP() << why;
  // Every rank checks --out before any point runs and they agree on exit 2; none may wait for
  // ever (timeout guards the test).
  const fs::path dir = temp_dir("sweep_mpi_fail");
  const std::string command = "cd '" CCSIM_SOURCE_DIR "' && timeout 120 " + mpirun_two_ranks() +
                              " '" CCSIM_BINARY "' " + kSweep + " --threads 1 --out " +
                              (dir / "missing" / "mpi.csv").string() + " >'" +
                              (dir / "log.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << read_file(dir / "log.txt");
  EXPECT_EQ(WEXITSTATUS(status), 2) << read_file(dir / "log.txt");  // not 124: no hang
  EXPECT_NE(read_file(dir / "log.txt")
                .find("error: --out: folder " + (dir / "missing").string() + " does not exist"),
            std::string::npos)
      << read_file(dir / "log.txt");
  EXPECT_FALSE(fs::exists(dir / "missing"));
  fs::remove_all(dir);
}

// The pid of the process whose command line contains `needle` and whose environment holds
// `variable` (e.g. "OMPI_COMM_WORLD_RANK=1"), or -1.
pid_t find_process(const std::string& needle, const std::string& variable) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = read_file(entry.path() / "cmdline");
    std::string environ = read_file(entry.path() / "environ");
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    std::replace(environ.begin(), environ.end(), '\0', '\n');
    if (cmdline.find(needle) != std::string::npos &&
        ("\n" + environ).find("\n" + variable + "\n") != std::string::npos) {
      return pid_t(std::stol(name));
    }
  }
  return -1;
}

TEST(SweepCommand, MpirunEndsEveryRankWhenAWorkerRankDiesAndTheSweepResumes) {
  if (const std::string why = mpi_unavailable(); !why.empty()) GTEST_SKIP() << why;
  // Rank 1 is killed once rank 0 has written a point; rank 0, waiting for rank 1's records,
  // must not wait for ever, and the points written must resume to the uninterrupted result.
  const fs::path dir = temp_dir("sweep_mpi_kill");
  const auto reference = run_ccsim(kLongSweep + (dir / "full.csv").string());
  ASSERT_EQ(reference.exit_code, 0) << reference.err;

  const fs::path out = dir / "killed.csv";
  const fs::path state = dir / "killed.csv.sweep";  // the resumable sweep file
  const pid_t pid =
      start_command("timeout 120 " + mpirun_two_ranks() + " '" CCSIM_BINARY "' " + kLongSweep +
                    out.string() + " >'" + (dir / "log.txt").string() + "' 2>&1");
  ASSERT_GE(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  pid_t worker = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    if (count_lines(read_file(state)) >= 3) {  // header, columns and a point
      worker = find_process(out.string(), "OMPI_COMM_WORLD_RANK=1");
      if (worker > 0) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(worker, 0) << "no point written, or rank 1 not found";
  ::kill(worker, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string log = read_file(dir / "log.txt");
  ASSERT_TRUE(WIFEXITED(status)) << log;
  EXPECT_NE(WEXITSTATUS(status), 0) << log;
  EXPECT_NE(WEXITSTATUS(status), 124) << "mpirun hung until the timeout\n" << log;
  const std::string partial = read_file(state);
  ASSERT_LT(count_lines(partial), count_lines(read_file(dir / "full.csv.sweep"))) << log;
  EXPECT_FALSE(fs::exists(out));  // the table is written when the sweep completes

  const auto resumed = run_ccsim(kLongSweep + out.string());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(read_file(out), read_file(dir / "full.csv"));
  fs::remove_all(dir);
}

TEST(SweepCommand, SweepKilledWithSigkillResumesToTheUninterruptedResult) {
  const fs::path dir = temp_dir("sweep_kill");
  const auto reference = run_ccsim(kLongSweep + (dir / "full.csv").string());
  ASSERT_EQ(reference.exit_code, 0) << reference.err;

  const fs::path out = dir / "killed.csv";
  const fs::path state = dir / "killed.csv.sweep";  // the resumable sweep file
  const pid_t pid = start_command("'" CCSIM_BINARY "' " + kLongSweep + out.string());
  ASSERT_GE(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::size_t lines = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    lines = count_lines(read_file(state));
    if (lines >= 4) break;  // header, columns and at least 2 points
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep finished before it could be killed";
  ASSERT_GE(lines, 4u);
  const std::string partial = read_file(state);
  ASSERT_LT(count_lines(partial), count_lines(read_file(dir / "full.csv.sweep")));
  EXPECT_FALSE(fs::exists(out));  // the table is written when the sweep completes
  {                               // a write cut short: the start of a row without its newline
    std::ofstream f(state, std::ios::app | std::ios::binary);
    f << "7,37,600.5,1";
  }
  const auto resumed = run_ccsim(kLongSweep + out.string());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(read_file(out), read_file(dir / "full.csv"));
  EXPECT_EQ(read_file(state), read_file(dir / "full.csv.sweep"));
  fs::remove_all(dir);
}

TEST(SweepCommand, CsvIsAPlainTableWithReadableParameterNames) {
  const fs::path dir = temp_dir("sweep_plain_csv");
  const auto r = run_ccsim(kSweep + " --threads 2 --out " + (dir / "s.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_file(dir / "s.csv");
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_TRUE(
      header.starts_with("point,horizon_duration_s,staff_count,patience_mean_s,"
                         "calls.offered.mean,calls.offered.ci95,"))
      << header;
  // Figures at the decimals of the tables: a count or time with 1, a share with 3.
  const std::string first = csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1));
  EXPECT_TRUE(first.starts_with("0,7200,30,200,")) << first;
  const auto stdout_csv = run_ccsim(kSweep + " --format csv");
  ASSERT_EQ(stdout_csv.exit_code, 0) << stdout_csv.err;
  EXPECT_EQ(stdout_csv.out, csv);
  std::size_t most_decimals = 0;  // after any '.' of a number in the rows
  for (std::size_t at = csv.find('\n'); (at = csv.find('.', at + 1)) != std::string::npos;) {
    std::size_t n = 0;
    while (at + 1 + n < csv.size() && std::isdigit(static_cast<unsigned char>(csv[at + 1 + n])))
      ++n;
    most_decimals = std::max(most_decimals, n);
  }
  EXPECT_EQ(most_decimals, 3u);
  // The table names the parameters as the CSV does, each with its pointer above it.
  const auto table = run_ccsim(kSweep);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\n  staff_count = /agent_groups/0/staff/count\n"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("\npoint  horizon_duration_s  staff_count  patience_mean_s "),
            std::string::npos)
      << table.out;
  // The resumable sweep file keeps every digit, under its own header line.
  EXPECT_TRUE(read_file(dir / "s.csv.sweep").starts_with("# ccsim sweep v1 "));
  fs::remove_all(dir);
}

TEST(SweepCommand, ResumingWithDifferentSettingsIsRefusedAndKeepsTheFile) {
  const fs::path dir = temp_dir("sweep_mismatch");
  const fs::path out = dir / "s.jsonl";
  ASSERT_EQ(run_ccsim(kSweep + " --out " + out.string()).exit_code, 0);
  const std::string before = read_file(out);
  const auto other = run_ccsim(kSweep + " --seed 7 --out " + out.string());
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("holds a different sweep"), std::string::npos) << other.err;
  EXPECT_NE(other.err.find("seed: file has scenario, this sweep has 7"), std::string::npos)
      << other.err;
  EXPECT_EQ(read_file(out), before);
  fs::remove_all(dir);
}

TEST(SweepCommand, BadSetValueExitsTwoNamingThePointAndWritesNothing) {
  const fs::path dir = temp_dir("sweep_bad");
  const auto r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,-1 --out " +
      (dir / "s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("point 1 (/agent_groups/0/staff/count=-1): agent_groups[0].staff.count: "
                       "must be >= 0 (got -1)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "s.csv"));
  fs::remove_all(dir);
}

TEST(SweepCommand, NoParameterExitsTwoNamingTheOptions) {
  const auto r = run_ccsim("sweep scenarios/erlang_a_check.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: nothing to sweep: give --set PTR=VALUES or --sweep FILE\n");
}

TEST(SweepCommand, PointerNotInTheScenarioExitsTwoNamingThePointer) {
  const auto r = run_ccsim("sweep scenarios/erlang_a_check.json --set /agent_groups/3/staff=1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("parameter /agent_groups/3/staff: no such location"), std::string::npos)
      << r.err;
  const auto range = run_ccsim("sweep scenarios/erlang_a_check.json --set /horizon/duration_s=1:2");
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_NE(range.err.find("--set /horizon/duration_s=1:2: a range is start:stop:step"),
            std::string::npos)
      << range.err;
}

TEST(SweepCommand, PointEqualsRunOfItsVariant) {
  const fs::path dir = temp_dir("sweep_vs_run");
  const auto sweep = run_ccsim(kSweep + " --format json");
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const auto points = nlohmann::json::parse(sweep.out);
  ASSERT_EQ(points.size(), 4u);
  const nlohmann::json& point = points[3];  // staff 33, patience 300
  EXPECT_EQ(point["params"]["/agent_groups/0/staff/count"], 33);
  EXPECT_EQ(point["params"]["/contact_types/0/patience/mean_s"], 300);

  auto scenario = nlohmann::json::parse(
      read_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios/erlang_a_check.json"));
  scenario["horizon"]["duration_s"] = 7200;
  scenario["agent_groups"][0]["staff"]["count"] = 33;
  scenario["contact_types"][0]["patience"]["mean_s"] = 300;
  scenario.erase("$schema");
  std::ofstream(dir / "variant.json") << scenario.dump(2);
  const auto run =
      run_ccsim("run " + (dir / "variant.json").string() + " --replications 3 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto results = nlohmann::json::parse(run.out);
  EXPECT_EQ(point["totals"], results["totals"]);
  EXPECT_EQ(point["agent_groups"]["agents"]["occupancy"],
            results["agent_groups"]["agents"]["occupancy"]);
  fs::remove_all(dir);
}

TEST(SweepCommand, MergeRefusesMissingAndDuplicatedPoints) {
  const fs::path dir = temp_dir("sweep_merge");
  for (int k = 0; k < 2; ++k) {
    ASSERT_EQ(run_ccsim(kSweep + " --shard " + std::to_string(k) + "/2 --out " +
                        (dir / ("s" + std::to_string(k) + ".csv")).string())
                  .exit_code,
              0);
  }
  const auto missing = run_ccsim("merge " + (dir / "s0.csv.sweep").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("2 of 4 points missing: 1, 3"), std::string::npos) << missing.err;
  const auto twice =
      run_ccsim("merge " + (dir / "s0.csv.sweep").string() + " " + (dir / "s1.csv.sweep").string() +
                " " + (dir / "s0.csv.sweep").string());
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("point 0 appears in both"), std::string::npos) << twice.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ccsim::test
