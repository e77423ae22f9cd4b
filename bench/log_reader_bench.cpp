// Reading a per-contact log of a million rows: a synthetic log in the format of the Technion SEE
// lab's "Anonymous Bank" files (tab-separated, CRLF, clock times) and one in ccsim's own log
// format, generated once into the temporary folder. Reports rows read per second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/measured/contact_log.h"
#include "sim/random.h"

namespace {

constexpr std::size_t kRows = 1'000'000;

std::string clock(long long s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600 % 24, s / 60 % 60, s % 60);
  return buf;
}

// About 1,500 calls a day over 667 days, 7:00 to 24:00; 10% abandoned, 3% phantom.
const std::filesystem::path& bank_log() {
  static const std::filesystem::path path = [] {
    const auto p = std::filesystem::temp_directory_path() / "ccsim_bench_bank_log.txt";
    std::ofstream f(p, std::ios::binary);
    f << "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\t"
         "q_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\r\n";
    sim::RandomStream rng(1, 0, 0);
    const char* types[] = {"PS", "NW", "NE", "TT"};
    for (std::size_t i = 0; i < kRows; ++i) {
      const long long day = 10957 + static_cast<long long>(i / 1500);  // from 2000-01-01
      const int y = 2000 + int((day - 10957) / 366), m = 1 + int((day / 28) % 12),
                d = 1 + int(day % 28);
      char date[8];
      std::snprintf(date, sizeof date, "%02d%02d%02d", y % 100, m, d);
      const long long vru_exit = 7 * 3600 + static_cast<long long>(rng.uniform() * 17 * 3600);
      const bool queued = rng.uniform() < 0.5;
      const long long wait = queued ? 1 + static_cast<long long>(rng.exponential(60)) : 0;
      const double u = rng.uniform();
      const char* outcome = u < 0.03 ? "PHANTOM" : (queued && u < 0.13) ? "HANG" : "AGENT";
      const long long talk = static_cast<long long>(rng.exponential(180));
      const bool served = outcome[0] == 'A';
      f << "AA0101\t" << i << "\t0\t" << (queued ? 2 : 0) << '\t' << types[i % 4] << '\t' << date
        << '\t' << clock(vru_exit - 8) << '\t' << clock(vru_exit) << "\t8\t"
        << (queued ? clock(vru_exit) : "0:00:00") << '\t'
        << (queued ? clock(vru_exit + wait) : "0:00:00") << '\t' << wait << '\t' << outcome << '\t'
        << (served ? clock(vru_exit + wait) : "0:00:00") << '\t'
        << (served ? clock(vru_exit + wait + talk) : "0:00:00") << '\t' << (served ? talk : 0)
        << '\t' << (served ? "AGENT" + std::to_string(i % 40) : "NO_SERVER") << "\r\n";
    }
    return p;
  }();
  return path;
}

const std::filesystem::path& ccsim_log() {
  static const std::filesystem::path path = [] {
    const auto p = std::filesystem::temp_directory_path() / "ccsim_bench_ccsim_log.csv";
    std::ofstream f(p, std::ios::binary);
    f << ccsim::kCcsimLogColumns << '\n';
    sim::RandomStream rng(2, 0, 0);
    for (std::size_t i = 0; i < kRows; ++i) {
      const double arrival = rng.uniform() * 43200, wait = rng.exponential(30);
      const double talk = rng.exponential(180);
      if (rng.uniform() < 0.1) {
        f << i / 5000 << ',' << i << ",billing,0,abandoned," << arrival << ",,," << arrival << ",,"
          << arrival + wait << ",,,,,0,0,,\n";
      } else {
        f << i / 5000 << ',' << i << ",billing,0,answered," << arrival << ",,," << arrival << ','
          << arrival + wait << ',' << arrival + wait + talk << ',' << talk << ",0,advisers,"
          << i % 50 << ",0,0,,\n";
      }
    }
    return p;
  }();
  return path;
}

void read_log(benchmark::State& state, const std::filesystem::path& path) {
  std::size_t contacts = 0;
  for (auto _ : state) {
    const ccsim::ContactLog log = ccsim::read_contact_log(path, ccsim::LogFormat{});
    if (log.fatal || log.bad != 0) state.SkipWithError("the synthetic log did not read cleanly");
    contacts = log.contacts.size();
    benchmark::DoNotOptimize(contacts);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRows));
  state.counters["contacts"] = double(contacts);
  state.counters["MB"] = double(std::filesystem::file_size(path)) / 1e6;
}

void BM_ReadAnonymousBankLog(benchmark::State& state) {
  read_log(state, bank_log());
}
BENCHMARK(BM_ReadAnonymousBankLog)->Unit(benchmark::kMillisecond);

void BM_ReadCcsimLog(benchmark::State& state) {
  read_log(state, ccsim_log());
}
BENCHMARK(BM_ReadCcsimLog)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
