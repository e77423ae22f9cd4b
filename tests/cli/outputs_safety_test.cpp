// Where outputs go (--out, --log, --report, the sweep file), end to end through the built
// program and through models/io/output_file.h: devices and FIFOs are written in place, links are
// followed, directories and missing folders are refused before any work, an output is never one
// of the inputs or another output, failures say why, long names work, and a killed writer's
// temporary file is removed by the next write.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "models/io/output_file.h"
#include "tests/cli/run_ccsim.h"

namespace {

namespace fs = std::filesystem;
using ccsim::test::files_in;
using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;

constexpr const char* kQuickRun = "run scenarios/erlang_a_check.json --replications 2 --quiet";

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

// A character device like /dev/null at `dir`/null (REQUIRES root).
fs::path make_null_device(const fs::path& dir) {
  const fs::path path = dir / "null";
  EXPECT_EQ(::mknod(path.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  return path;
}

#define SKIP_UNLESS_ROOT() \
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to make a device node (mknod)"

// ---- item 1: devices, FIFOs, links and directories ----

TEST(Outputs, WriteToACharacterDeviceKeepsTheDevice) {
  SKIP_UNLESS_ROOT();
  const fs::path dir = temp_dir("out_chardev");
  const fs::path null = make_null_device(dir);
  const auto r = run_ccsim(std::string(kQuickRun) + " --out " + q(null));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_character_file(null));
  EXPECT_EQ(files_in(dir), std::set<std::string>{"null"});
  fs::remove_all(dir);
}

TEST(Outputs, LogAndReportToACharacterDeviceKeepTheDevice) {
  SKIP_UNLESS_ROOT();
  const fs::path dir = temp_dir("out_chardev_log");
  const fs::path null = make_null_device(dir);
  fs::create_symlink("null", dir / "r.html");  // --report must end in .html
  const auto r = run_ccsim(std::string(kQuickRun) + " --log " + q(null) + " --out " +
                           q(dir / "out.json") + " --report " + q(dir / "r.html"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_character_file(null));
  EXPECT_TRUE(fs::is_symlink(dir / "r.html"));
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"null", "out.json", "r.html"}));
  fs::remove_all(dir);
}

TEST(Outputs, FailedRunKeepsADeviceGivenAsItsLog) {
  // The log of a run whose output cannot be written is not put in place; a device given as the
  // log was once removed then, as root leaving a regular file in place of the device.
  SKIP_UNLESS_ROOT();
  const fs::path dir = temp_dir("out_chardev_failed");
  const fs::path null = make_null_device(dir);
  const auto r = run_ccsim(std::string(kQuickRun) + " --log " + q(null) + " --out /dev/full");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::is_character_file(null));
  fs::remove_all(dir);
}

TEST(Outputs, FailedRunLeavesAnEarlierLogAsItWas) {
  const fs::path dir = temp_dir("out_log_kept");
  write_file(dir, "log.csv", "earlier log\n");
  const auto r =
      run_ccsim(std::string(kQuickRun) + " --log " + q(dir / "log.csv") + " --out /dev/full");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(read_file(dir / "log.csv"), "earlier log\n");
  EXPECT_EQ(files_in(dir), std::set<std::string>{"log.csv"});
  fs::remove_all(dir);
}

TEST(Outputs, WriteToAFifoIsInPlace) {
  const fs::path dir = temp_dir("out_fifo");
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = read_file(fifo); });
  EXPECT_FALSE(ccsim::write_file_atomically(fifo, [](std::ostream& f) { f << "through\n"; }));
  reader.join();
  EXPECT_EQ(received, "through\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(files_in(dir), std::set<std::string>{"pipe"});
  fs::remove_all(dir);
}

TEST(Outputs, OutputToStdoutOfAPipeIsWrittenThere) {
  const auto r = run_ccsim(std::string(kQuickRun) + " --out /dev/stdout --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("{\n")) << r.out;
  EXPECT_TRUE(fs::is_symlink("/dev/stdout"));
}

TEST(Outputs, WriteThroughASymlinkReplacesItsTargetAndKeepsTheLink) {
  const fs::path dir = temp_dir("out_symlink");
  fs::create_directories(dir / "real");
  write_file(dir / "real", "target.json", "old\n");
  fs::create_symlink("real/target.json", dir / "link.json");
  const auto r = run_ccsim(std::string(kQuickRun) + " --out " + q(dir / "link.json"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
  EXPECT_EQ(fs::read_symlink(dir / "link.json"), "real/target.json");
  EXPECT_TRUE(read_file(dir / "real" / "target.json").starts_with("{\n"));
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"link.json", "real"}));
  EXPECT_EQ(files_in(dir / "real"), std::set<std::string>{"target.json"});
  fs::remove_all(dir);
}

TEST(Outputs, WriteThroughADanglingSymlinkCreatesItsTarget) {
  const fs::path dir = temp_dir("out_dangling");
  fs::create_directories(dir / "real");
  fs::create_symlink("real/new.csv", dir / "link.csv");
  const auto r = run_ccsim(std::string(kQuickRun) + " --out " + q(dir / "link.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_TRUE(read_file(dir / "real" / "new.csv").starts_with("section,"));
  fs::remove_all(dir);
}

TEST(Outputs, DirectoryAsAnOutputIsRefusedBeforeRunning) {
  const fs::path dir = temp_dir("out_directory");
  fs::create_directories(dir / "d.json");
  const std::string d = (dir / "d.json").string();
  struct Case {
    std::string args, message;
  };
  for (const Case& c : std::vector<Case>{
           {std::string(kQuickRun) + " --out " + q(d), "error: --out: " + d + " is a directory\n"},
           {std::string(kQuickRun) + " --log " + q(d), "error: --log: " + d + " is a directory\n"},
           {"erlang --model c --arrivals-per-hour 100 --aht-s 180 --agents 5 --out " + q(d),
            "error: --out: " + d + " is a directory\n"},
           {"sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,31 --out " +
                q(d),
            "error: --out: " + d + " is a directory\n"}}) {
    const auto r = run_ccsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_TRUE(r.err.starts_with(c.message)) << c.args << "\n" << r.err;
    EXPECT_EQ(files_in(dir), std::set<std::string>{"d.json"}) << c.args;
  }
  fs::remove_all(dir);
}

// ---- item 2: an output is none of the inputs and no other output ----

TEST(Outputs, OutputThatIsTheScenarioIsRefusedAndTheScenarioKept) {
  const fs::path dir = temp_dir("out_is_scenario");
  fs::copy_file(CCSIM_SOURCE_DIR "/scenarios/erlang_a_check.json", dir / "s.json");
  const std::string original = read_file(dir / "s.json");
  fs::create_directories(dir / "sub");
  // The same file under another spelling and through a link.
  fs::create_symlink("s.json", dir / "alias.json");
  for (const fs::path& out : {dir / "s.json", dir / "sub" / ".." / "s.json", dir / "alias.json"}) {
    const auto r = run_ccsim("run " + q(dir / "s.json") + " --quiet --out " + q(out));
    EXPECT_EQ(r.exit_code, 2) << out;
    EXPECT_EQ(r.err, "error: --out: " + out.string() + " is the same file as the scenario " +
                         (dir / "s.json").string() + "\n");
    EXPECT_EQ(read_file(dir / "s.json"), original);
  }
  fs::remove_all(dir);
}

TEST(Outputs, OutputThatIsAnInputIsRefusedForEveryCommand) {
  const fs::path dir = temp_dir("out_is_input");
  const std::string source = CCSIM_SOURCE_DIR;
  fs::copy_file(source + "/scenarios/erlang_a_check.json", dir / "s.json");
  fs::copy_file(source + "/scenarios/erlang_a_check.json", dir / "v.json");
  fs::copy_file(source + "/tests/data/anonymous_bank_sample.txt", dir / "log.txt");
  fs::copy_file(source + "/tests/data/compare_scenario.json", dir / "c.json");
  fs::copy_file(source + "/tests/data/measured_intervals.csv", dir / "m.csv");
  write_file(dir, "t.json", "[]\n");
  write_file(dir, "grid.json", R"({"set": {"/agent_groups/0/staff/count": [30, 31]}})");
  write_file(dir, "shard.csv", "not read\n");
  write_file(dir, "arrivals.csv", "time_s\n10\n20\n30\n");
  write_file(dir, "traced.json", R"({
    "name": "traced", "horizon": {"duration_s": 3600}, "simulation": {"replications": 2},
    "contact_types": [{"name": "calls", "arrivals": {"trace": "arrivals.csv"},
                       "handle_time": {"dist": "exponential", "mean_s": 180}}],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"count": 2}}]})");
  const auto d = [&](const char* name) { return (dir / name).string(); };
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases{
      {"calibrate " + q(d("log.txt")) + " --quiet --out " + q(d("log.txt")),
       "--out: " + d("log.txt") + " is the same file as the log " + d("log.txt")},
      {"run " + q(d("s.json")) + " --vs " + q(d("v.json")) + " --quiet --out " + q(d("v.json")),
       "--out: " + d("v.json") + " is the same file as the variant (--vs) " + d("v.json")},
      {"run " + q(d("traced.json")) + " --quiet --out " + q(d("arrivals.csv")),
       "--out: " + d("arrivals.csv") + " is the same file as the arrival trace of the scenario " +
           d("arrivals.csv")},
      {"sweep " + q(d("traced.json")) + " --set /agent_groups/0/staff/count=2,3 --quiet --out " +
           q(d("arrivals.csv")),
       "--out: " + d("arrivals.csv") + " is the same file as the arrival trace " +
           d("arrivals.csv")},
      {"compare " + q(d("c.json")) + " --measured " + q(d("m.csv")) + " --quiet --out " +
           q(d("m.csv")),
       "--out: " + d("m.csv") + " is the same file as --measured " + d("m.csv")},
      {"staff " + q(d("s.json")) + " --shift-templates " + q(d("t.json")) + " --quiet --out " +
           q(d("t.json")),
       "--out: " + d("t.json") + " is the same file as --shift-templates " + d("t.json")},
      {"sweep " + q(d("s.json")) + " --sweep " + q(d("grid.json")) + " --quiet --out " +
           q(d("grid.json")),
       "--out: " + d("grid.json") + " is the same file as --sweep " + d("grid.json")},
      {"sweep " + q(d("s.json")) + " --set /agent_groups/0/staff/count=30 --quiet --out " +
           q(d("s.json")),
       "--out: " + d("s.json") + " is the same file as the scenario " + d("s.json")},
      {"merge " + q(d("shard.csv")) + " --out " + q(d("shard.csv")),
       "--out: " + d("shard.csv") + " is the same file as the sweep file " + d("shard.csv")},
      {"validate " + q(d("s.json")) + " --out " + q(d("s.json")),
       "--out: " + d("s.json") + " is the same file as the scenario " + d("s.json")},
      {"run " + q(d("s.json")) + " --quiet --out " + q(d("new.csv")) + " --log " + q(d("new.csv")),
       "--log: " + d("new.csv") + " is the same file as --out " + d("new.csv")},
      {"run " + q(d("s.json")) + " --quiet --out " + q(d("new.html")) + " --report " +
           q(d("new.html")),
       "--report: " + d("new.html") + " is the same file as --out " + d("new.html")},
      {"sweep " + q(d("s.json")) + " --set /agent_groups/0/staff/count=30 --quiet --out " +
           q(d("new.html")) + " --report " + q(d("new.html")),
       "--report: " + d("new.html") + " is the same file as --out " + d("new.html")},
  };
  std::map<std::string, std::string> before;
  for (const std::string& name : files_in(dir)) before[name] = read_file(dir / name);
  for (const Case& c : cases) {
    const auto r = run_ccsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_TRUE(r.err.starts_with("error: " + c.message + "\n")) << c.args << "\n" << r.err;
    std::map<std::string, std::string> after;
    for (const std::string& name : files_in(dir)) after[name] = read_file(dir / name);
    EXPECT_EQ(after, before) << c.args;
  }
  fs::remove_all(dir);
}

TEST(Outputs, ResumingASweepThroughItsOwnOutputStillWorks) {
  const fs::path dir = temp_dir("out_sweep_resume");
  const std::string sweep =
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,31 "
      "--replications 2 --quiet --out " +
      q(dir / "s.csv");
  const auto first = run_ccsim(sweep);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string table = read_file(dir / "s.csv");
  const std::string complete = read_file(dir / "s.csv.sweep");  // the resumable sweep file
  // Cut the last row off, as an interrupted run leaves it, and resume.
  std::string cut = complete.substr(0, complete.rfind('\n', complete.size() - 2) + 1);
  write_file(dir, "s.csv.sweep", cut);
  const auto again = run_ccsim(sweep);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(dir / "s.csv.sweep"), complete);
  EXPECT_EQ(read_file(dir / "s.csv"), table);
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"s.csv", "s.csv.sweep"}));
  fs::remove_all(dir);
}

TEST(Outputs, SweepFileThroughASymlinkIsCreatedAtItsTarget) {
  const fs::path dir = temp_dir("out_sweep_symlink");
  fs::create_directories(dir / "real");
  fs::create_symlink("real/s.jsonl", dir / "link.jsonl");
  const auto r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,31 "
      "--replications 2 --quiet --out " +
      q(dir / "link.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.jsonl"));
  EXPECT_TRUE(read_file(dir / "real" / "s.jsonl").starts_with("{")) << r.err;
  EXPECT_EQ(files_in(dir / "real"), std::set<std::string>{"s.jsonl"});
  fs::remove_all(dir);
}

TEST(Outputs, SweepToADeviceIsWrittenOnceNotResumed) {
  SKIP_UNLESS_ROOT();
  const fs::path dir = temp_dir("out_sweep_device");
  const fs::path null = make_null_device(dir);
  const auto r = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30,31 "
      "--replications 2 --quiet --format csv --out " +
      q(null));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_character_file(null));
  EXPECT_EQ(files_in(dir), std::set<std::string>{"null"});
  fs::remove_all(dir);
}

// ---- item 3: output paths are checked before running ----

TEST(Outputs, MissingOutputFolderIsRefusedBeforeRunning) {
  const fs::path dir = temp_dir("out_missing_folder");
  const std::string no = (dir / "no").string();
  struct Case {
    std::string args, message;
  };
  for (const Case& c : std::vector<Case>{
           {std::string(kQuickRun) + " --out " + q(dir / "no" / "x.json"),
            "error: --out: folder " + no + " does not exist (got " + no + "/x.json)\n"},
           {std::string(kQuickRun) + " --log " + q(dir / "no" / "x.csv"),
            "error: --log: folder " + no + " does not exist (got " + no + "/x.csv)\n"},
           {"merge " + q(dir / "a.csv") + " --out " + q(dir / "no" / "m.csv"),
            "error: --out: folder " + no + " does not exist (got " + no + "/m.csv)\n"},
           {"sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30 --out " +
                q(dir / "no" / "s.csv"),
            "error: --out: folder " + no + " does not exist (got " + no + "/s.csv)\n"}}) {
    const auto r = run_ccsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_TRUE(r.err.starts_with(c.message)) << c.args << "\n" << r.err;
    EXPECT_TRUE(files_in(dir).empty()) << c.args;
  }
  fs::remove_all(dir);
}

// ---- item 4: a failure says why ----

TEST(Outputs, FullDiskSaysWhyTheFileCannotBeWritten) {
  const std::string reason = "/dev/full: cannot write file (No space left on device)\n";
  const auto out = run_ccsim(std::string(kQuickRun) + " --out /dev/full");
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.err, "error: " + reason);
  const auto log = run_ccsim(std::string(kQuickRun) + " --log /dev/full");
  EXPECT_EQ(log.exit_code, 1);
  EXPECT_EQ(log.err, "error: " + reason);
  // --report must end in .html: a link to /dev/full.
  const fs::path dir = temp_dir("out_full_report");
  fs::create_symlink("/dev/full", dir / "r.html");
  const auto report = run_ccsim(std::string(kQuickRun) + " --report " + q(dir / "r.html"));
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_EQ(report.err, "error: --report: " + (dir / "r.html").string() +
                            ": cannot write file (No space left on device)\n");
  fs::remove_all(dir);
  const auto sweep = run_ccsim(
      "sweep scenarios/erlang_a_check.json --set /agent_groups/0/staff/count=30 "
      "--replications 2 --quiet --format csv --out /dev/full");
  EXPECT_EQ(sweep.exit_code, 1);
  EXPECT_EQ(sweep.err, "error: " + reason);
  EXPECT_EQ(ccsim::write_file_atomically("/dev/full", [](std::ostream& f) { f << "x"; }),
            "/dev/full: cannot write file (No space left on device)");
}

// ---- item 5: long names ----

TEST(Outputs, LongestOutputNameCanBeWritten) {
  const fs::path dir = temp_dir("out_long_name");
  const std::string name = std::string(250, 'a') + ".json";  // 255 bytes, the most allowed
  const auto r = run_ccsim(std::string(kQuickRun) + " --out " + q(dir / name));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(files_in(dir), std::set<std::string>{name});
  fs::remove_all(dir);
}

TEST(Outputs, TemporaryNameIsShortAndRecognisable) {
  const std::string name = ccsim::temporary_name(std::string(250, 'a') + ".json");
  EXPECT_LT(name.size(), 140u);
  EXPECT_TRUE(name.starts_with("." + std::string(64, 'a') + ".ccsim-")) << name;
  EXPECT_TRUE(name.ends_with(".tmp")) << name;
  // A cut never splits a UTF-8 character: 63 'a' then "é" (2 bytes) keeps 63 bytes.
  const std::string utf8 = ccsim::temporary_name(std::string(63, 'a') + "\xC3\xA9" + "x.csv");
  EXPECT_TRUE(utf8.starts_with("." + std::string(63, 'a') + ".ccsim-")) << utf8;
}

// ---- item 6: empty names ----

TEST(Outputs, EmptyOutputNameIsRefused) {
  struct Case {
    std::string args, message;
  };
  for (const Case& c : std::vector<Case>{
           {std::string(kQuickRun) + " --out ''", "error: --out: a file is required\n"},
           {std::string(kQuickRun) + " --log ''", "error: --log: a file is required\n"},
           {std::string(kQuickRun) + " --report ''",
            "error: --report: a file is required (FILE.html)\n"},
           {"erlang --model c --arrivals-per-hour 100 --aht-s 180 --agents 5 --out ''",
            "error: --out: a file is required\n"},
           {"merge a.csv --out ''", "error: --out: a file is required\n"},
           {"validate scenarios/erlang_a_check.json --out ''",
            "error: --out: a file is required\n"}}) {
    const auto r = run_ccsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_TRUE(r.out.empty()) << c.args;
    EXPECT_TRUE(r.err.starts_with(c.message)) << c.args << "\n" << r.err;
  }
}

// ---- item 7: temporary files of killed writers ----

// The pid of a process that has ended.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

// `name` (a temporary name of this process) as process `pid` would have made it.
std::string as_written_by(std::string name, pid_t pid) {
  const std::string own = "-" + std::to_string(::getpid()) + "-";
  name.replace(name.rfind(own), own.size(), "-" + std::to_string(pid) + "-");
  return name;
}

TEST(Outputs, StaleTemporaryFileOfTheSameTargetIsRemovedOnTheNextWrite) {
  const fs::path dir = temp_dir("out_stale");
  const std::string stale = as_written_by(ccsim::temporary_name("out.json"), dead_pid());
  const std::string live = as_written_by(ccsim::temporary_name("out.json"), 1);  // init
  const std::string other = as_written_by(ccsim::temporary_name("other.json"), dead_pid());
  for (const std::string& name :
       {stale, live, other, std::string(".out.json.tmp123"), std::string("notes.txt")}) {
    write_file(dir, name, "x");
  }
  EXPECT_FALSE(ccsim::write_file_atomically(dir / "out.json", [](std::ostream& f) { f << "1"; }));
  EXPECT_EQ(files_in(dir),
            (std::set<std::string>{"out.json", live, other, ".out.json.tmp123", "notes.txt"}));
  fs::remove_all(dir);
}

TEST(Outputs, RunAfterAKilledRunRemovesItsTemporaryLog) {
  const fs::path dir = temp_dir("out_killed_then_run");
  // A long run killed with SIGKILL while writing its log leaves the log's temporary file.
  const std::string command =
      "cd '" CCSIM_SOURCE_DIR "' && sh -c \"'" + std::string(CCSIM_BINARY) +
      "' run scenarios/bank_weekday.json --replications 20000 --threads 1 --quiet --log '" +
      (dir / "log.csv").string() + "' & pid=\\$!; sleep 1; kill -KILL \\$pid; wait \\$pid\"";
  (void)std::system(command.c_str());
  ASSERT_EQ(files_in(dir).size(), 1u);
  EXPECT_TRUE(files_in(dir).begin()->starts_with(".log.csv.ccsim-")) << *files_in(dir).begin();
  const auto r = run_ccsim(std::string(kQuickRun) + " --log " + q(dir / "log.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(files_in(dir), std::set<std::string>{"log.csv"});
  fs::remove_all(dir);
}

// ---- identity ----

TEST(Outputs, FileIdentityComparesFilesNotSpellings) {
  const fs::path dir = temp_dir("out_identity");
  write_file(dir, "a.txt", "a");
  fs::create_directories(dir / "sub");
  fs::create_hard_link(dir / "a.txt", dir / "hard.txt");
  fs::create_symlink("missing.txt", dir / "dangling.txt");
  const auto id = [](const fs::path& p) { return ccsim::file_identity(p); };
  EXPECT_EQ(id(dir / "a.txt"), id(dir / "sub" / ".." / "a.txt"));
  EXPECT_EQ(id(dir / "a.txt"), id(dir / "hard.txt"));
  EXPECT_NE(id(dir / "a.txt"), id(dir / "sub"));
  // Files not there yet: the same folder and name, however reached.
  EXPECT_EQ(id(dir / "new.txt"), id(dir / "sub" / ".." / "new.txt"));
  EXPECT_EQ(id(dir / "dangling.txt"), id(dir / "missing.txt"));
  EXPECT_NE(id(dir / "new.txt"), id(dir / "missing.txt"));
  EXPECT_FALSE(id(dir / "no" / "x.txt"));
  fs::remove_all(dir);
}

}  // namespace
