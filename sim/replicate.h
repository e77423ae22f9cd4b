// Runs independent replications on a pool of threads and returns their results in
// replication order, so that anything computed from them is independent of the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sim {

// Number of hardware threads (at least 1).
inline unsigned hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// The one worker pool: runs `worker` on `threads` threads (0: all hardware threads; 1: on the
// calling thread) and returns when every call has returned. `worker` takes its tasks itself
// (from an atomic counter or a shared queue) and returns when none is left.
// REQUIRES: worker is safe to call concurrently and does not throw.
inline void run_workers(unsigned threads, const std::function<void()>& worker) {
  if (threads == 0) threads = hardware_threads();
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

// Calls `run(r)` for r = 0 .. count-1 on up to `threads` threads (0: all hardware threads) and
// returns the results indexed by r. `on_done(done)` is called after each finished replication,
// serialised, for progress reporting. An exception thrown by `run` or by `on_done` (e.g. a caller
// cancelling the work from its progress callback) starts no further replication and is rethrown
// here after all threads have stopped (the first one thrown, when several are).
// REQUIRES: run is safe to call concurrently for different r.
template <class Result>
std::vector<Result> replicate(std::size_t count, unsigned threads,
                              const std::function<Result(std::size_t)>& run,
                              const std::function<void(std::size_t)>& on_done = {}) {
  std::vector<Result> results(count);
  if (threads == 0) threads = hardware_threads();
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex mutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      const std::size_t r = next.fetch_add(1);
      if (r >= count) return;
      try {
        results[r] = run(r);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        next.store(count);
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (!on_done || error) continue;
      try {
        on_done(done);
      } catch (...) {
        error = std::current_exception();
        next.store(count);
        return;
      }
    }
  };
  run_workers(threads, worker);
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace sim
