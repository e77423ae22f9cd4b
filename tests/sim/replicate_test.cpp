#include "sim/replicate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "sim/random.h"

namespace {

std::vector<double> run(unsigned threads) {
  return sim::replicate<double>(50, threads, [](std::size_t r) {
    sim::RandomStream rng(5, r, 1);
    double sum = 0.0;
    for (int i = 0; i < 1000; ++i) sum += rng.exponential(1.0);
    return sum;
  });
}

TEST(Replicate, ResultsAreInReplicationOrderWhateverTheThreadCount) {
  const auto one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(7));
  EXPECT_EQ(one.size(), 50u);
}

TEST(Replicate, ExceptionInAReplicationIsRethrown) {
  EXPECT_THROW(sim::replicate<int>(10, 2,
                                   [](std::size_t r) -> int {
                                     if (r == 3) throw std::runtime_error("boom");
                                     return int(r);
                                   }),
               std::runtime_error);
}

TEST(Replicate, ProgressCountsEveryReplication) {
  std::size_t last = 0;
  sim::replicate<int>(
      12, 3, [](std::size_t r) { return int(r); }, [&](std::size_t done) { last = done; });
  EXPECT_EQ(last, 12u);
}

TEST(Replicate, ExceptionFromProgressStartsNoFurtherReplicationAndIsRethrown) {
  for (unsigned threads : {1u, 3u}) {
    std::atomic<int> started{0};
    EXPECT_THROW(sim::replicate<int>(
                     1000, threads,
                     [&](std::size_t r) {
                       ++started;
                       return int(r);
                     },
                     [](std::size_t done) {
                       if (done == 4) throw std::runtime_error("cancelled");
                     }),
                 std::runtime_error);
    // The four finished, plus at most one in flight on each other thread.
    EXPECT_LE(started.load(), 4 + int(threads) - 1);
  }
}

}  // namespace
