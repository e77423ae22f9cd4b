// The native part of the Python package `ccsim` (tools/python/ccsim/__init__.py is its face):
// the same functions as the program, called in process.
//
//   run(source, is_text, replications, seed, threads, progress) -> {"result", "errors",
//       "warnings"}: reads the scenario as `ccsim run` does, simulates it with the GIL released,
//       and gives results_json (tools/run_results.h) as Python objects; "result" is None when
//       the scenario has errors.
//   validate(source, is_text) -> {"errors", "warnings"}: the problems load_scenario reports.
//   command(args, progress) -> (exit_code, stdout, stderr): `ccsim ARGS...` run in process on a
//       thread of its own (GIL released), its progress bars' counts given to `progress`.
//
// A scenario given as text is read as the file would be, relative paths (traces, forecast and
// roster files) resolving against the current directory.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "models/centre/experiment.h"
#include "models/scenario/run_size.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"
#include "tools/progress.h"
#include "tools/run_results.h"

namespace py = pybind11;

namespace {

using ccsim::Results;
using ccsim::RunOptions;
using ccsim::Scenario;
using ccsim::ScenarioParse;

// Thrown from the progress callback of the simulation when Python asked to stop.
struct Cancelled {};

// `j` as Python objects: objects as dicts (keys in the order the program prints them), arrays as
// lists, numbers as int or float (the same doubles the program prints), null as None.
py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(j.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list list(j.size());
      std::size_t i = 0;
      for (const auto& v : j) list[i++] = to_python(v);
      return list;
    }
    case nlohmann::json::value_t::object: {
      py::dict dict;
      for (const auto& [key, value] : j.items()) dict[py::str(key)] = to_python(value);
      return dict;
    }
    default:  // binary and discarded values: never in the program's output
      return py::none();
  }
}

// The scenario `source`: its text (is_text) or a file path, read as `ccsim run` reads it;
// with `replications`, its run-size refusals as well (named "replications").
ScenarioParse read(const std::string& source, bool is_text, std::optional<int> replications) {
  ScenarioParse parsed =
      is_text ? ccsim::parse_scenario_text(source, "<scenario>", std::filesystem::current_path())
              : ccsim::load_scenario(source);
  if (parsed.ok() && replications) {
    std::vector<std::string> errors =
        ccsim::check_replications_override(*parsed.scenario, *replications, "replications");
    if (!errors.empty()) {
      parsed.errors = std::move(errors);
      parsed.scenario.reset();
    }
  }
  return parsed;
}

py::dict problems(const ScenarioParse& parsed) {
  py::dict d;
  d["errors"] = py::cast(parsed.errors);
  d["warnings"] = py::cast(parsed.warnings);
  return d;
}

// What the working thread and the calling (Python) thread share.
struct Supervision {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t done = 0;
  std::size_t total = 0;
  bool finished = false;
  std::atomic<bool> cancel{false};
  std::exception_ptr error;

  // Records a count (the highest seen) and wakes the calling thread. Thread-safe.
  void report(std::size_t count, std::size_t of) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = std::max(done, count);
      total = of;
    }
    changed.notify_all();
  }
};

// Runs `work` on a thread of its own while the calling thread, holding the GIL only between
// waits, checks for signals (Ctrl-C) and calls `progress(done, total)` when the count moved.
// On a Python exception (KeyboardInterrupt, or one raised by `progress`) `s.cancel` is set, the
// work is waited for (it stops at its next report that may throw Cancelled) and the exception
// raised; else an exception of `work` is raised here.
void supervise(Supervision& s, const std::function<void()>& work, const py::object& progress) {
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      s.error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(s.mutex);
    s.finished = true;
    s.changed.notify_all();
  });
  std::size_t reported = 0;
  for (bool finished = false; !finished;) {
    std::size_t done = 0, total = 0;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(s.mutex);
      s.changed.wait_for(lock, std::chrono::milliseconds(50),
                         [&] { return s.finished || s.done != reported; });
      finished = s.finished;
      done = s.done;
      total = s.total;
    }
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none() && done != reported) progress(done, total);
      reported = done;
    } catch (py::error_already_set&) {
      s.cancel.store(true);
      py::gil_scoped_release release;
      worker.join();
      throw;
    }
  }
  worker.join();
  if (!s.error) return;
  try {
    std::rethrow_exception(s.error);
  } catch (const Cancelled&) {
    throw std::logic_error("ccsim: the work stopped without a request");
  }
}

// Simulates `scenario` under supervise(); a cancel stops it between replications.
Results simulate(const Scenario& scenario, RunOptions options, const py::object& progress) {
  Supervision s;
  s.total = std::size_t(options.replications);
  options.progress = [&s](std::size_t done, std::size_t total) {
    s.report(done, total);
    if (s.cancel.load()) throw Cancelled{};
  };
  Results results;
  supervise(
      s, [&] { results = ccsim::run_experiment(scenario, options); }, progress);
  return results;
}

// The progress bars of a command, seen by supervise(). A cancel stops replications and
// staffing iterations at their next count; a sweep's points are counted on its worker threads,
// where nothing may be thrown: a sweep asks stop_requested() before each point instead, and
// stops once the points under way finish.
class CommandObserver : public ccsim::cli::ProgressObserver {
 public:
  explicit CommandObserver(Supervision& s) : s_(s) {}
  void update(std::size_t done, std::size_t total, std::string_view unit) override {
    s_.report(done, total);
    if (s_.cancel.load() && unit != "points") throw Cancelled{};
  }
  bool stop_requested() const override { return s_.cancel.load(); }

 private:
  Supervision& s_;
};

py::dict run(const std::string& source, bool is_text, std::optional<int> replications,
             std::optional<std::uint64_t> seed, unsigned threads, const py::object& progress) {
  ScenarioParse parsed;
  {
    py::gil_scoped_release release;
    parsed = read(source, is_text, replications);
  }
  py::dict out = problems(parsed);
  out["result"] = py::none();
  if (!parsed.ok()) return out;
  const Scenario& scenario = *parsed.scenario;
  RunOptions options;
  options.replications = replications.value_or(scenario.simulation.replications);
  options.seed = seed.value_or(scenario.simulation.seed);
  options.threads = threads;
  const Results results = simulate(scenario, options, progress);
  nlohmann::json j;
  {
    py::gil_scoped_release release;
    j = ccsim::cli::results_json(results, scenario);
  }
  out["result"] = to_python(j);
  return out;
}

py::dict validate(const std::string& source, bool is_text) {
  ScenarioParse parsed;
  {
    py::gil_scoped_release release;
    parsed = read(source, is_text, std::nullopt);
  }
  return problems(parsed);
}

py::tuple command(const std::vector<std::string>& args, const py::object& progress) {
  std::ostringstream out, err;
  int code = 0;
  Supervision s;
  CommandObserver observer(s);
  supervise(
      s,
      [&] {
        ccsim::cli::ObserveProgress observe(&observer);
        code = ccsim::cli::run_command_line(args, out, err);
      },
      progress);
  return py::make_tuple(code, py::bytes(out.str()), py::str(err.str()));
}

}  // namespace

PYBIND11_MODULE(_ccsim, m) {
  m.doc() = "ccsim's native core (use the package ccsim, not this module)";
  m.def("run", &run, py::arg("source"), py::arg("is_text"), py::arg("replications"),
        py::arg("seed"), py::arg("threads"), py::arg("progress"));
  m.def("validate", &validate, py::arg("source"), py::arg("is_text"));
  m.def("command", &command, py::arg("args"), py::arg("progress"));
}
