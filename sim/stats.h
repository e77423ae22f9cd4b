// Streaming statistics: accumulators fed one observation at a time, in O(1) memory, and the
// Student-t confidence interval across independent replications.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace sim {

// Count, mean and variance of a stream of observations (Welford's update; mergeable by
// Chan et al.'s pairwise formula).
class Tally {
 public:
  void add(double x) {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }
  void merge(const Tally& other);

  std::uint64_t count() const { return count_; }
  // Mean of the observations; nullopt when there are none.
  std::optional<double> mean() const {
    return count_ == 0 ? std::nullopt : std::optional<double>(mean_);
  }
  // Unbiased sample variance; nullopt with fewer than two observations.
  std::optional<double> variance() const {
    return count_ < 2 ? std::nullopt : std::optional<double>(m2_ / double(count_ - 1));
  }

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

// Count and mean of a stream of observations, by a plain sum: cheaper than Tally where no
// variance is needed (no division per observation). Exact to double rounding of the sum.
class Mean {
 public:
  void add(double x) {
    sum_ += x;
    ++count_;
  }
  void merge(const Mean& other) {
    sum_ += other.sum_;
    count_ += other.count_;
  }
  std::uint64_t count() const { return count_; }
  std::optional<double> mean() const {
    return count_ == 0 ? std::nullopt : std::optional<double>(sum_ / double(count_));
  }

 private:
  double sum_ = 0.0;
  std::uint64_t count_ = 0;
};

// Time-weighted average of a piecewise-constant quantity (e.g. busy agents) over a window.
// The value is set at instants; the integral accumulates value × duration.
class TimeAverage {
 public:
  explicit TimeAverage(double start_s = 0.0, double value = 0.0)
      : last_s_(start_s), value_(value), start_s_(start_s) {}
  // REQUIRES: t_s >= the time of the previous update.
  void update(double t_s, double value) {
    integral_ += value_ * (t_s - last_s_);
    last_s_ = t_s;
    value_ = value;
  }
  // Integral from start to t_s. REQUIRES: t_s >= time of the last update.
  double integral(double t_s) const { return integral_ + value_ * (t_s - last_s_); }
  // Average from start to t_s; nullopt for an empty window.
  std::optional<double> average(double t_s) const {
    return t_s > start_s_ ? std::optional<double>(integral(t_s) / (t_s - start_s_)) : std::nullopt;
  }
  double value() const { return value_; }

 private:
  double last_s_;
  double value_;
  double start_s_;
  double integral_ = 0.0;
};

// Quantiles of non-negative observations from a log-linear histogram: exact buckets of
// 1/16 s below 64 s, then 128 buckets per doubling (relative error below 0.55%). Exact zeros are
// counted apart, so a quantile falling on them is exactly 0. Mergeable, so a total is the merge
// of its intervals.
// Memory: the first kListLimit positive observations keep only their bucket numbers (4 bytes
// each); past that the sketch turns into counts per bucket, allocated up to the largest bucket
// seen. Either way memory is bounded by the largest value, never by the count, and a sketch of
// an interval's few dozen waits costs no histogram.
// Invariant: quantile() depends only on the multiset of buckets, the zeros, min and max, so
// the representation (list or counts, merged in any order) never changes a result.
class QuantileSketch {
 public:
  static constexpr std::size_t kListLimit = 256;

  void add(double x);
  void merge(const QuantileSketch& other);
  std::uint64_t count() const { return count_; }
  // The q-quantile (0 <= q <= 1) by the inverse of the empirical distribution function,
  // reported at the bucket's midpoint (clamped to the observed min and max); nullopt when empty.
  std::optional<double> quantile(double q) const;

 private:
  static std::size_t bucket_of(double x);
  static double bucket_low(std::size_t b);
  static double bucket_high(std::size_t b);
  void add_bucket(std::size_t b);
  void to_counts();
  std::vector<std::uint32_t> listed_;  // buckets of positive observations while few
  std::vector<std::uint64_t> counts_;  // per bucket, once listed_ would pass kListLimit
  bool counting_ = false;              // counts_ in use (listed_ then empty)
  std::uint64_t zeros_ = 0;            // exact zeros (e.g. contacts answered at once), kept apart
  std::uint64_t count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// A KPI across replications: mean and the half-width of its 95% confidence interval.
struct Estimate {
  double mean = 0.0;
  double ci95 = 0.0;    // Student-t half-width; 0 with one observation
  std::uint64_t n = 0;  // replications in which the KPI was defined
};

// Two-sided 95% Student-t quantile t_{0.975, dof}. REQUIRES: dof >= 1.
double student_t_975(std::uint64_t dof);

// Mean and 95% CI of the defined values among `samples` (one per replication); nullopt when
// none is defined.
std::optional<Estimate> estimate(std::span<const std::optional<double>> samples);
std::optional<Estimate> estimate(std::span<const double> samples);

}  // namespace sim
