// ccsim sweep SCENARIO --set PTR=VALUES ...: run a grid of scenario variants, one row per point,
// on every core, resumably (--out FILE.csv / FILE.jsonl), sharded (--shard K/N) or over MPI.
#include <algorithm>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "models/io/input_file.h"
#include "models/io/plural.h"
#include "models/studies/sweep.h"
#include "sim/replicate.h"
#include "tools/cli.h"
#include "tools/json_text.h"
#include "tools/mpi_sweep.h"
#include "tools/options.h"
#include "tools/progress.h"
#include "tools/report_pages.h"
#include "tools/sweep_workbook.h"
#include "tools/table_text.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using nlohmann::json;

namespace ccsim::cli {

namespace {

constexpr const char* kSweepUsage =
    "usage: ccsim sweep SCENARIO --set PTR=VALUES [--set ...] [--zip] [--sweep FILE]\n"
    "                  [--shard K/N] [--report FILE.html] [OPTIONS]\n"
    "Runs every point of a grid of variants of SCENARIO and reports one row per point.\n"
    "  PTR     a JSON pointer into the scenario, e.g. /agent_groups/0/staff/count\n"
    "  VALUES  a list 20,25,30 (JSON values; quote strings as JSON: '\"a\",\"b\"') or a range\n"
    "          start:stop:step, e.g. 0:0.5:0.1 (stop included when on the grid)\n"
    "Several --set make a grid (the last varies fastest); --zip pairs their values instead.\n"
    "--out FILE.csv or FILE.jsonl is resumable: finished points are kept, and running the same\n"
    "command again runs only the missing ones. Under mpirun, points are spread over ranks.\n"
    "--report FILE.html also writes an HTML report: KPI curves against one parameter, heatmaps\n"
    "for a grid of two, and a table of every point.\n";

enum class Output { Table, Json, Csv, JsonLines, Xlsx };

std::string estimate_cell(const json& e, int decimals) {
  if (e.is_null()) return "-";
  return format_number(e.at("mean").get<double>(), decimals) + " ± " +
         format_number(e.at("ci95").get<double>(), decimals);
}

// A compact table of one scope (a contact type, or "all"): the parameters, then the scope's
// main KPIs, then each group's occupancy.
void write_scope_table(std::ostream& out, const SweepSpec& spec, const SweepPlan& plan,
                       const std::map<std::size_t, json>& records, const std::string& scope) {
  const std::vector<std::pair<const char*, int>> kpis{{"offered", 1},       {"answered", 1},
                                                      {"abandon_rate", 3},  {"asa_s", 1},
                                                      {"service_level", 3}, {"wait_p90_s", 1}};
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"point"};
  const std::vector<std::string> names = parameter_names(spec, plan.types, plan.groups);
  head.insert(head.end(), names.begin(), names.end());
  for (const auto& [name, d] : kpis) head.emplace_back(name);
  for (const auto& g : plan.groups) head.push_back("occ " + g);
  rows.push_back(head);
  for (const auto& [point, r] : records) {
    std::vector<std::string> row{std::to_string(point)};
    for (const auto& p : spec.parameters) {
      const json& v = r.at("params").at(p.pointer);
      row.push_back(parameter_text(v));
    }
    for (const auto& [name, d] : kpis) row.push_back(estimate_cell(r["totals"][scope][name], d));
    for (const auto& g : plan.groups) {
      row.push_back(estimate_cell(r["agent_groups"][g]["occupancy"], 3));
    }
    rows.push_back(row);
  }
  out << "Sweep of " << text::plural(plan.points.size(), "point") << " (" << scope
      << " totals; mean ± 95% CI half-width)\n";
  for (std::size_t p = 0; p < names.size(); ++p) {
    out << "  " << names[p] << " = " << spec.parameters[p].pointer << "\n";
  }
  print_table(out, rows);
}

// One table per contact type, then (with several) one of all types, which leaves out what does
// not pool (models/README.md).
void write_sweep_table(std::ostream& out, const SweepSpec& spec, const SweepPlan& plan,
                       const std::map<std::size_t, json>& records) {
  for (const std::string& type : plan.types) {
    if (&type != &plan.types.front()) out << "\n";
    write_scope_table(out, spec, plan, records, type);
  }
  if (plan.types.size() > 1) {
    out << "\n";
    write_scope_table(out, spec, plan, records, "all");
  }
}

// Adds the arrival traces named in `value` (any "trace" key holding a string) to `traces`.
void add_traces(const json& value, std::set<std::string>& traces) {
  if (value.is_array()) {
    for (const json& item : value) add_traces(item, traces);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "trace" && item.is_string()) traces.insert(item.get<std::string>());
      add_traces(item, traces);
    }
  }
}

// The arrival traces any point of the sweep reads: those of the scenario `document` and those
// the parameters set (relative to the scenario's folder).
std::set<std::string> trace_files(const json& document, const SweepSpec& spec) {
  std::set<std::string> traces;
  add_traces(document, traces);
  for (const SweepParameter& p : spec.parameters) {
    for (const json& v : p.values) {
      if (p.pointer.ends_with("/trace") && v.is_string()) traces.insert(v.get<std::string>());
      add_traces(v, traces);
    }
  }
  return traces;
}

// The files a sweep reads: the scenario, its traces and the --sweep file (if given).
std::vector<NamedFile> sweep_inputs(const fs::path& scenario, const json& document,
                                    const SweepSpec& spec, const std::string& sweep_file) {
  std::vector<NamedFile> inputs{{"the scenario", scenario.string()}};
  for (const std::string& trace : trace_files(document, spec)) {
    inputs.push_back({"the arrival trace", (scenario.parent_path() / trace).string()});
  }
  if (!sweep_file.empty()) inputs.push_back({"--sweep", sweep_file});
  return inputs;
}

// Everything a rank needs to run the sweep, built identically on every rank.
struct Job {
  CommonOptions common;
  SweepSpec spec;
  SweepPlan plan;
  SweepHeader header;
  Output output = Output::Table;
  bool resumable = false;
  // The resumable sweep file (models/studies/sweep_file.h): --out itself for .jsonl; beside a
  // .csv, FILE.csv.sweep, so that FILE.csv stays a plain table for people. Empty when not
  // resumable.
  std::string state_file;
  std::vector<std::size_t> pending;              // points this process (or rank 0) still has to run
  std::map<std::size_t, std::string> kept_rows;  // resumable file: rows already there
  std::optional<SweepFile> existing;             // resumable file found at start
  std::vector<std::string> errors, notes;
  std::vector<std::string> sets;  // --set, as given
  std::string sweep_file;         // --sweep, or empty
  std::string report_file;        // --report, or empty
  bool usage_helps = false;       // errors are in the command line: print the usage after them
};

// --shard K/N into the header of `job`.
void read_shard(const std::string& shard, Job& job) {
  const auto slash = shard.find('/');
  const auto k = slash == std::string::npos ? std::nullopt : parse_integer(shard.substr(0, slash));
  const auto n = slash == std::string::npos ? std::nullopt : parse_integer(shard.substr(slash + 1));
  if (!k || !n || *n < 1 || *k < 0 || *k >= *n) {
    job.errors.push_back("--shard: must be K/N with 0 <= K < N (got " + shard + ")");
  } else {
    job.header.shard_index = std::size_t(*k);
    job.header.shard_count = std::size_t(*n);
  }
}

// The output kind, and whether it is resumable: .csv and .jsonl files are (through the sweep
// file Job::state_file), unless they name a device or FIFO (e.g. /dev/stdout), which is written
// in place, once, at the end.
void choose_output(Job& job) {
  const CommonOptions& common = job.common;
  const std::string ext = fs::path(common.out).extension().string();
  if (common.output_format() == Format::Xlsx) {
    job.output = Output::Xlsx;  // written once, at the end: not resumable
  } else if (common.out.empty()) {
    const Format f = common.output_format();
    job.output = f == Format::Json ? Output::Json : f == Format::Csv ? Output::Csv : Output::Table;
  } else if (common.format) {
    job.output = *common.format == Format::Csv     ? Output::Csv
                 : *common.format == Format::Table ? Output::Table
                 : ext == ".jsonl"                 ? Output::JsonLines
                                                   : Output::Json;
  } else {
    job.output = ext == ".csv"     ? Output::Csv
                 : ext == ".jsonl" ? Output::JsonLines
                 : ext == ".json"  ? Output::Json
                                   : Output::Table;
  }
  OutputTarget target;
  job.resumable = !common.out.empty() &&
                  (job.output == Output::Csv || job.output == Output::JsonLines) &&
                  !resolve_output(common.out, target) && target.kind != OutputKind::InPlace;
  if (job.resumable) {
    job.state_file = job.output == Output::Csv ? common.out + ".sweep" : common.out;
    if (auto e = output_path_error("--out", job.state_file); e && job.state_file != common.out) {
      job.errors.push_back(*e + " (the resumable sweep file beside " + common.out + ")");
    }
  }
}

// Reads the options into `job` (the sweep's parameters are read later, by read_parameters),
// adding their problems to job.errors. Returns -1 after printing the help, kExitBadInput when
// the command line does not parse, else kExitOk.
int read_options(const std::vector<std::string>& args, Job& job, std::ostream& out) {
  RawCommon raw;
  po::options_description desc("options");
  std::string shard;
  desc.add_options()("set", po::value<std::vector<std::string>>(&job.sets)->composing(),
                     "PTR=VALUES: a parameter of the sweep (repeatable)")(
      "zip", po::bool_switch(&job.spec.zip), "pair the values of the --set lists, not a grid")(
      "sweep", po::value<std::string>(&job.sweep_file),
      "FILE: a sweep file {\"set\": {PTR: [values] or \"a:b:c\"}, \"zip\": bool}")(
      "shard", po::value<std::string>(&shard),
      "K/N: run only points i with i % N == K (for job arrays; merge with ccsim merge)");
  add_report_option(desc, job.report_file);
  add_common_options(desc, raw, job.common);
  po::variables_map vm;
  job.errors = parse_options(args, desc, vm, raw, job.common);
  if (job.common.help) {
    out << kSweepUsage << desc;
    return -1;
  }
  job.usage_helps = true;
  if (!job.errors.empty()) return kExitBadInput;
  if (job.common.positional.size() != 1) {
    job.errors.push_back(job.common.positional.empty() ? "a scenario file is required"
                                                       : "exactly one scenario file is expected");
  }
  if (!shard.empty()) read_shard(shard, job);
  choose_output(job);
  if (vm.count("report")) {
    if (auto e = report_path_error(job.report_file)) job.errors.push_back(*e);
  }
  if (job.header.shard_count > 1 && !job.resumable) {
    job.errors.push_back("--shard: needs --out FILE.csv or FILE.jsonl (a sweep file to merge)");
  }
  return kExitOk;
}

// The sweep's parameters: those of the --sweep file, then those of each --set.
void read_parameters(Job& job) {
  if (!job.sweep_file.empty()) {
    std::string text;
    if (auto problem = read_input_file(job.sweep_file, text)) {
      job.errors.push_back(*problem);
    } else {
      const auto doc = parse_json_text<nlohmann::ordered_json>(text, job.sweep_file);
      if (!doc.document) {
        job.errors.push_back(doc.error);
      } else {
        for (const auto& e : add_sweep_document(*doc.document, job.spec)) job.errors.push_back(e);
      }
    }
  }
  for (const auto& s : job.sets) {
    std::string error;
    auto parameter = parse_sweep_assignment(s, error);
    if (!parameter) {
      job.errors.push_back("--set " + s + ": " + error);
      continue;
    }
    const std::string pointer = parameter->pointer;
    if (!add_sweep_parameter(std::move(*parameter), job.spec)) {
      job.errors.push_back("--set " + s + ": " + pointer +
                           " is already swept (by an earlier --set or the sweep file); give its "
                           "values once");
    }
  }
}

// The threads of this process: --threads, or when 0 every hardware thread, shared among the
// ranks mpirun starts on this node.
unsigned process_threads(const CommonOptions& common) {
  unsigned threads = common.threads;
#ifdef CCSIM_WITH_MPI
  if (mpirun_world_size() > 1 && threads == 0) {
    threads = std::max(1u, sim::hardware_threads() / unsigned(mpirun_local_size()));
  }
#endif
  return threads;
}

// Reads the scenario and validates every point of the sweep on the process's threads; fills in
// the header. Returns the exit status.
int plan_points(Job& job) {
  const CommonOptions& common = job.common;
  const fs::path scenario_path = common.positional[0];
  std::string scenario_text;
  if (auto problem = read_input_file(scenario_path, scenario_text)) {
    job.errors.push_back(*problem);
    return kExitBadInput;
  }
  const auto document = parse_json_text<json>(scenario_text, scenario_path.string());
  if (!document.document) {
    job.errors.push_back(document.error);
    return kExitBadInput;
  }
  if (job.spec.parameters.empty()) {
    job.errors.push_back("nothing to sweep: give --set PTR=VALUES or --sweep FILE");
    return kExitBadInput;
  }
  job.plan = plan_sweep(*document.document, scenario_path.parent_path(), job.spec,
                        common.replications, common.seed, process_threads(common));
  if (!job.plan.errors.empty()) {
    job.errors = job.plan.errors;
    return kExitBadInput;
  }
  std::vector<NamedFile> outputs = given_outputs(common.out, job.report_file);
  if (!job.state_file.empty() && job.state_file != common.out) {
    outputs.push_back({"the sweep file of --out", job.state_file});
  }
  job.errors = same_file_errors(
      outputs, sweep_inputs(scenario_path, *document.document, job.spec, job.sweep_file));
  if (!job.errors.empty()) return kExitBadInput;
  job.header.scenario_hash = content_hash(scenario_text);
  job.header.grid_hash = grid_hash(job.spec);
  if (common.seed) job.header.seed = std::to_string(*common.seed);
  if (common.replications) job.header.replications = std::to_string(*common.replications);
  job.header.points = job.plan.points.size();
  return kExitOk;
}

// Parses the command line and validates every point. Returns the exit status (-1: the help was
// printed).
int prepare(const std::vector<std::string>& args, Job& job, std::ostream& out) {
  if (const int status = read_options(args, job, out); status != kExitOk) return status;
  read_parameters(job);
  if (!job.errors.empty()) return kExitBadInput;
  job.usage_helps = false;
  return plan_points(job);
}

// Rank 0 (or the only process): reads a resumable file left by an earlier run and decides
// which points remain. Returns the exit status.
int plan_resume(Job& job) {
  const std::size_t n = job.plan.points.size();
  const SweepFormat format = job.output == Output::Csv ? SweepFormat::Csv : SweepFormat::JsonLines;
  std::error_code ec;
  if (job.resumable && fs::exists(job.state_file, ec)) {
    std::string error;
    auto file = read_sweep_file(job.state_file, error);
    if (!file) {
      job.errors.push_back(error + " (not resuming; remove the file or choose another --out)");
      return kExitBadInput;
    }
    if (file->format != format) {
      job.errors.push_back(job.state_file +
                           ": holds a sweep in another format; remove it or choose another --out");
      return kExitBadInput;
    }
    const auto diffs = header_differences(file->header, job.header);
    if (!diffs.empty()) {
      job.errors.push_back(job.state_file +
                           ": holds a different sweep; remove it or choose another --out to "
                           "start afresh:");
      for (const auto& d : diffs) job.errors.push_back("  " + d);
      return kExitBadInput;
    }
    if (format == SweepFormat::Csv &&
        file->columns != csv_columns(job.spec, job.plan.types, job.plan.groups)) {
      job.errors.push_back(job.state_file +
                           ": its columns differ from this sweep's; remove it or choose another "
                           "--out");
      return kExitBadInput;
    }
    if (file->partial_tail) {
      job.notes.push_back("note: " + job.state_file +
                          ": discarding an incomplete last line (a write cut short)");
    }
    job.kept_rows = file->rows;
    job.existing = std::move(file);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (i % job.header.shard_count != job.header.shard_index) continue;
    if (!job.kept_rows.count(i)) job.pending.push_back(i);
  }
  if (!job.kept_rows.empty()) {
    job.notes.push_back("note: resuming " + job.state_file + ": " +
                        text::plural(job.kept_rows.size(), "point") + " done, " +
                        std::to_string(job.pending.size()) + " to run");
  }
  return kExitOk;
}

// Rank 0 (or the only process): receives finished points, appends them to the resumable file
// and keeps their lines (not their records, which take some 40 times the memory) for the final
// output. Thread-safe.
class Collector {
 public:
  Collector(Job& job, ProgressBar& progress) : job_(job), progress_(progress) {
    format_ = job.output == Output::Csv ? SweepFormat::Csv : SweepFormat::JsonLines;
  }

  std::optional<std::string> open() {
    if (!job_.resumable) return std::nullopt;
    if (job_.existing) return appender_.reopen(job_.state_file, job_.existing->complete_bytes);
    return appender_.create(job_.state_file, sweep_file_text(format_, job_.header, columns(), {}));
  }

  void add(const json& record) {
    const auto point = record.at("point").get<std::size_t>();
    std::lock_guard<std::mutex> lock(mutex_);
    if (failed_) return;
    std::string line = record_line(record, format_, job_.spec, job_.plan.types, job_.plan.groups);
    if (job_.resumable) {
      if (auto e = appender_.append(line)) {
        error_ = *e;
        failed_ = true;
        return;
      }
    }
    rows_.emplace(point, std::move(line));
    progress_.update(rows_.size(), job_.pending.size());
  }

  bool failed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failed_;
  }

  // Writes the final output. Returns the exit status.
  // Whether every pending point has its row (after the points have run).
  bool all_done() const { return failed_ || rows_.size() == job_.pending.size(); }

  // The sweep stopped on request before its last point: the points run so far stay in the sweep
  // file (a resumable run continues from them); no output is written. Returns kExitFailure.
  int stopped(std::ostream& err) {
    progress_.finish();
    appender_.close();
    err << "error: the sweep was stopped after " << text::plural(rows_.size(), "point") << " of "
        << job_.pending.size()
        << (job_.resumable ? "; the same command again resumes it" : "; nothing was written")
        << "\n";
    return kExitFailure;
  }

  int finish(std::ostream& out, std::ostream& err) {
    progress_.finish();
    appender_.close();
    if (failed_) {
      err << "error: " << error_ << "\n";
      return kExitFailure;
    }
    rows_.insert(job_.kept_rows.begin(), job_.kept_rows.end());  // no point is in both
    std::ostringstream content;
    if (job_.output == Output::JsonLines) {
      content << sweep_file_text(format_, job_.header, columns(), rows_);
    } else if (job_.output == Output::Csv) {
      if (job_.resumable) {  // the sweep file beside it, in point order
        const std::string text = sweep_file_text(format_, job_.header, columns(), rows_);
        if (auto e = write_file_atomically(job_.state_file, [&](std::ostream& f) { f << text; })) {
          err << "error: " << *e << "\n";
          return kExitFailure;
        }
      }
      content << sweep_csv(job_.spec, job_.plan, records());
    } else if (job_.output == Output::Xlsx) {
      content << workbook_bytes(sweep_sheets(job_.spec, job_.plan, records()));
    } else if (job_.output == Output::Json) {
      json array = json::array();
      for (auto& [p, r] : records()) array.push_back(std::move(r));
      content << json_text(array) << "\n";
    } else {
      write_sweep_table(content, job_.spec, job_.plan, records());
    }
    return emit_with_report(
        job_.common, content.str(), job_.report_file,
        [&] { return sweep_report(job_.common.positional[0], job_.spec, job_.plan, records()); },
        out, err);
  }

 private:
  // The records of the rows: the points of this run and those kept from a resumed sweep file.
  // record_of_line reads back exactly what record_line wrote.
  std::map<std::size_t, json> records() const {
    std::map<std::size_t, json> all;
    for (const auto& [point, line] : rows_) {
      if (auto r = record_of_line(line, format_, job_.spec, job_.plan.types, job_.plan.groups)) {
        all.emplace(point, std::move(*r));
      }
    }
    return all;
  }

  std::string columns() const {
    return format_ == SweepFormat::Csv ? csv_columns(job_.spec, job_.plan.types, job_.plan.groups)
                                       : std::string();
  }

  Job& job_;
  ProgressBar& progress_;
  SweepFormat format_;
  SweepAppender appender_;
  mutable std::mutex mutex_;
  bool failed_ = false;
  std::string error_;
  std::map<std::size_t, std::string> rows_;  // point → its line
};

// Hands out the pending points in order; none once the collector has failed.
class PointQueue {
 public:
  PointQueue(const std::vector<std::size_t>& pending, const Collector& collector)
      : pending_(pending), collector_(collector) {}
  std::optional<std::size_t> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (next_ >= pending_.size() || collector_.failed()) return std::nullopt;
    return pending_[next_++];
  }
  // Hands out no more points.
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    next_ = pending_.size();
  }

 private:
  const std::vector<std::size_t>& pending_;
  const Collector& collector_;
  std::mutex mutex_;
  std::size_t next_ = 0;
};

void print_messages(const Job& job, std::ostream& err) {
  for (const auto& e : job.errors) err << "error: " << e << "\n";
}

#ifdef CCSIM_WITH_MPI
// Every rank learns whether every rank prepared the sweep; a rank that failed says why (rank 0
// for all when it failed too). Returns the exit status when the ranks stop here (a failure, or
// --help), else nullopt.
std::optional<int> agree_to_run(MpiSweep& mpi, const Job& job, int status, std::ostream& err) {
  const int rank = mpi.rank();
  const bool help = job.common.help;
  const auto [worst, root] = mpi.agree(status);
  if (worst == kExitOk && !help) return std::nullopt;
  if (rank == 0 || root == kExitOk) {
    if (rank != 0) err << "rank " << rank << ": ";
    print_messages(job, err);
    if (rank == 0 && status == kExitOk && !help) err << "error: another rank failed\n";
  }
  if (status == kExitBadInput && rank == 0 && job.usage_helps) err << kSweepUsage;
  return worst;
}

// From the start of the runs on, the ranks exchange points, and a rank that stopped on its own
// would leave the others waiting: a failure ends every rank (exit 1); the finished points are
// in --out.
[[noreturn]] void abort_all(MpiSweep& mpi, const char* what, std::ostream& err) {
  err << "ccsim sweep: rank " << mpi.rank() << ": internal error: " << what << "\n" << std::flush;
  mpi.abort(kExitFailure);
}

// A rank other than 0: runs the points rank 0 hands out and sends their records back.
int run_worker_rank(MpiSweep& mpi, const Job& job, unsigned threads, std::ostream& err) {
  try {
    mpi.start_worker(threads);
    run_sweep_points(
        job.plan, threads, [&] { return mpi.request_point(); },
        [&](std::size_t p, const Results& results) {
          mpi.send_record(point_record(p, job.spec, job.plan.points[p], results).dump());
        });
    mpi.finish_worker();
  } catch (const std::exception& e) {
    abort_all(mpi, e.what(), err);
  }
  return kExitOk;
}

// Rank 0: runs points on `threads` threads while handing points out to the other ranks and
// collecting their records.
void run_root_rank(MpiSweep& mpi, const Job& job, unsigned threads, PointQueue& queue,
                   Collector& collector,
                   const std::function<void(std::size_t, const Results&)>& local_done,
                   std::ostream& err) {
  std::exception_ptr local_error;
  std::thread local([&] {
    try {
      run_sweep_points(
          job.plan, threads, [&] { return queue.take(); }, local_done);
    } catch (...) {
      local_error = std::current_exception();
      queue.stop();  // the other ranks finish their points, then every rank ends
    }
  });
  try {
    mpi.serve([&] { return queue.take(); },
              [&](const std::string& record) { collector.add(json::parse(record)); });
    local.join();
    if (local_error) std::rethrow_exception(local_error);
  } catch (const std::exception& e) {
    abort_all(mpi, e.what(), err);
  }
}
#endif

}  // namespace

int cmd_sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
#ifdef CCSIM_WITH_MPI
  std::unique_ptr<MpiSweep> mpi;
  if (mpirun_world_size() > 1) mpi = std::make_unique<MpiSweep>();
  const int rank = mpi ? mpi->rank() : 0;
#else
  const int rank = 0;
#endif
  Job job;
  std::ostringstream discard;
  int status = prepare(args, job, rank == 0 ? out : discard);
  if (status == -1) status = kExitOk;  // --help
  const bool help = job.common.help;
  if (status == kExitOk && !help && rank == 0) status = plan_resume(job);
#ifdef CCSIM_WITH_MPI
  if (mpi) {
    if (const auto stop = agree_to_run(*mpi, job, status, err)) return *stop;
  }
#endif
  if (help) return kExitOk;
  if (status != kExitOk) {
    print_messages(job, err);
    if (job.usage_helps) err << kSweepUsage;
    return status;
  }
  for (const auto& w : job.plan.warnings) {
    if (rank == 0) err << "warning: " << w << "\n";
  }

  const unsigned threads = process_threads(job.common);
#ifdef CCSIM_WITH_MPI
  if (mpi && rank != 0) return run_worker_rank(*mpi, job, threads, err);
#endif
  if (!job.common.quiet) {
    for (const auto& n : job.notes) err << n << "\n";
  }
  ProgressBar progress(show_progress(job.common), "points", std::cerr);
  Collector collector(job, progress);
  if (auto e = collector.open()) {
    err << "error: " << *e << "\n";
#ifdef CCSIM_WITH_MPI
    // The other ranks are already asking for points: tell them there are none, so they stop.
    if (mpi) {
      mpi->serve([]() -> std::optional<std::size_t> { return std::nullopt; },
                 [](const std::string&) {});
    }
#endif
    return kExitFailure;
  }
  PointQueue queue(job.pending, collector);
  auto local_done = [&](std::size_t p, const Results& results) {
    collector.add(point_record(p, job.spec, job.plan.points[p], results));
  };
#ifdef CCSIM_WITH_MPI
  if (mpi) {
    run_root_rank(*mpi, job, threads, queue, collector, local_done, err);
    return collector.finish(out, err);
  }
#endif
  run_sweep_points(
      job.plan, threads,
      [&]() -> std::optional<std::size_t> {
        if (progress.stop_requested()) return std::nullopt;
        return queue.take();
      },
      local_done);
  if (!collector.all_done()) return collector.stopped(err);
  return collector.finish(out, err);
}

}  // namespace ccsim::cli
