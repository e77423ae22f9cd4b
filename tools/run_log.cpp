#include "tools/run_log.h"

#include <algorithm>
#include <exception>

#include "models/measured/contact_log.h"
#include "sim/replicate.h"
#include "tools/output_files.h"

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

}  // namespace ccsim::cli
