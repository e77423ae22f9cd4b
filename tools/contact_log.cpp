#include "tools/contact_log.h"

#include <algorithm>
#include <exception>

#include "sim/replicate.h"
#include "tools/output_files.h"

namespace po = boost::program_options;

namespace ccsim::cli {

std::optional<std::string> stage_experiment_with_log(const Scenario& scenario,
                                                     const RunOptions& options, StagedFile& log,
                                                     const std::filesystem::path& path,
                                                     Results& results) {
  const auto count = std::size_t(options.replications);
  const unsigned threads = options.threads ? options.threads : sim::hardware_threads();
  std::vector<ReplicationKpis> reps(count);
  std::exception_ptr failure;
  struct Batch {
    ReplicationKpis kpis;
    std::string text;
  };
  const auto error = log.stage(path, [&](std::ostream& f) {
    try {
      f << kCcsimLogColumns << '\n';
      std::size_t done = 0;
      for (std::size_t first = 0; first < count && f; first += threads) {
        const std::size_t n = std::min<std::size_t>(threads, count - first);
        std::vector<Batch> batch = sim::replicate<Batch>(n, threads, [&](std::size_t j) {
          const std::size_t r = first + j;
          std::vector<ContactRecord> records;
          Batch b;
          b.kpis = replication_kpis(simulate_replication(
              scenario, options.seed, r,
              [&records](const ContactRecord& record) { records.push_back(record); }));
          std::sort(records.begin(), records.end(),
                    [](const ContactRecord& a, const ContactRecord& b) { return a.id < b.id; });
          for (const ContactRecord& record : records) append_log_row(b.text, scenario, r, record);
          return b;
        });
        for (std::size_t j = 0; j < n; ++j) {
          f << batch[j].text;
          reps[first + j] = std::move(batch[j].kpis);
          if (options.progress) options.progress(++done, count);
        }
      }
    } catch (...) {
      failure = std::current_exception();
      f.setstate(std::ios::badbit);
    }
  });
  if (failure) std::rethrow_exception(failure);
  if (error) return error;
  results = summarise(scenario, reps, options.seed);
  return std::nullopt;
}

std::optional<std::string> run_experiment_with_log(const Scenario& scenario,
                                                   const RunOptions& options,
                                                   const std::filesystem::path& log,
                                                   Results& results) {
  StagedFile staged;
  Results staged_results;
  if (auto error = stage_experiment_with_log(scenario, options, staged, log, staged_results)) {
    return error;
  }
  if (auto error = staged.commit()) return error;
  results = std::move(staged_results);
  return std::nullopt;
}

void add_log_options(po::options_description& desc, LogOptions& raw) {
  desc.add_options()("preset", po::value<std::string>(&raw.preset),
                     "log format: anonymous-bank (Technion SEE lab Anonymous Bank files) or ccsim "
                     "(ccsim run --log); default: detected from the header")(
      "columns", po::value<std::string>(&raw.columns),
      "map log columns: field=COLUMN[|COLUMN...],... with fields type, date, arrival, "
      "queue_entry, answer, end, handle, wrap, outcome, agent, priority")(
      "days", po::value<std::string>(&raw.days),
      "days of the log to use: weekdays (sun-thu), dates YYYY-MM-DD, ranges A..B, or "
      "replications of a ccsim log (0..9); default: all")(
      "skip-bad-rows", po::bool_switch(&raw.skip_bad_rows),
      "leave malformed rows out (reported as warnings) instead of failing");
}

ParsedLogOptions parse_log_options(const LogOptions& raw, const po::variables_map& vm,
                                   std::vector<std::string>& errors) {
  ParsedLogOptions out;
  if (vm.count("preset") && vm.count("columns")) {
    errors.push_back("--preset and --columns: give one of them, not both");
  } else if (vm.count("preset")) {
    if (auto e = parse_log_preset(raw.preset, out.format)) errors.push_back(*e);
  } else if (vm.count("columns")) {
    for (auto& e : parse_log_columns(raw.columns, out.format)) errors.push_back(e);
  }
  if (vm.count("days")) {
    std::string error;
    if (auto d = DaySelection::parse(raw.days, error)) {
      out.days = *d;
    } else {
      errors.push_back(error);
    }
  }
  return out;
}

bool report_bad_rows(const std::vector<std::string>& messages, std::size_t bad, bool skip_bad_rows,
                     const std::string& source, std::ostream& err) {
  if (bad == 0) return true;
  const char* level = skip_bad_rows ? "warning: " : "error: ";
  const char* rows = bad == 1 ? " malformed row" : " malformed rows";
  for (const std::string& m : messages) err << level << m << "\n";
  if (skip_bad_rows) {
    err << "warning: " << source << ": " << bad << rows << " skipped (--skip-bad-rows)\n";
    return true;
  }
  err << "error: " << source << ": " << bad << rows
      << "; correct them, or give --skip-bad-rows to leave them out\n";
  return false;
}

}  // namespace ccsim::cli
