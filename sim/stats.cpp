#include "sim/stats.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/math/distributions/students_t.hpp>

namespace sim {

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double n1 = double(count_), n2 = double(other.count_), n = n1 + n2;
  const double delta = other.mean_ - mean_;
  mean_ += delta * n2 / n;
  m2_ += other.m2_ + delta * delta * n1 * n2 / n;
  count_ += other.count_;
}

namespace {
constexpr double kLinearLimit = 64.0;         // seconds covered by linear buckets
constexpr double kLinearWidth = 1.0 / 16;     // their width
constexpr std::size_t kLinearBuckets = 1024;  // kLinearLimit / kLinearWidth
constexpr std::size_t kPerDoubling = 128;
}  // namespace

std::size_t QuantileSketch::bucket_of(double x) {
  if (x < kLinearLimit) return static_cast<std::size_t>(std::max(0.0, x) / kLinearWidth);
  int exponent = 0;
  const double mantissa = std::frexp(x / kLinearLimit, &exponent);  // in [0.5, 1)
  const auto sub = static_cast<std::size_t>((mantissa - 0.5) * 2.0 * kPerDoubling);
  return kLinearBuckets + static_cast<std::size_t>(exponent - 1) * kPerDoubling +
         std::min(sub, kPerDoubling - 1);
}

double QuantileSketch::bucket_low(std::size_t b) {
  if (b < kLinearBuckets) return double(b) * kLinearWidth;
  const std::size_t k = b - kLinearBuckets;
  const double base = kLinearLimit * std::ldexp(1.0, int(k / kPerDoubling));
  return base * (1.0 + double(k % kPerDoubling) / kPerDoubling);
}

double QuantileSketch::bucket_high(std::size_t b) {
  if (b < kLinearBuckets) return double(b + 1) * kLinearWidth;
  const std::size_t k = b - kLinearBuckets;
  const double base = kLinearLimit * std::ldexp(1.0, int(k / kPerDoubling));
  return base * (1.0 + double(k % kPerDoubling + 1) / kPerDoubling);
}

void QuantileSketch::add(double x) {
  ++count_;
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  if (x <= 0.0) {
    ++zeros_;
    return;
  }
  add_bucket(bucket_of(x));
}

void QuantileSketch::add_bucket(std::size_t b) {
  if (!counting_) {
    if (listed_.size() < kListLimit) {
      listed_.push_back(std::uint32_t(b));
      return;
    }
    to_counts();
  }
  if (b >= counts_.size()) counts_.resize(b + 1, 0);
  ++counts_[b];
}

void QuantileSketch::to_counts() {
  const auto top = std::max_element(listed_.begin(), listed_.end());
  counts_.assign(top == listed_.end() ? 0 : std::size_t(*top) + 1, 0);
  for (std::uint32_t b : listed_) ++counts_[b];
  listed_.clear();
  listed_.shrink_to_fit();
  counting_ = true;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (&other == this) {
    const QuantileSketch copy = other;
    merge(copy);
    return;
  }
  for (std::uint32_t b : other.listed_) add_bucket(b);
  if (other.counting_) {
    if (!counting_) to_counts();
    if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
    for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  }
  count_ += other.count_;
  zeros_ += other.zeros_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::optional<double> QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::nullopt;
  // Smallest bucket whose cumulative count reaches ceil(q * n) (at least 1).
  const auto rank = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * double(count_))));
  if (rank <= zeros_) return 0.0;
  const auto mid = [&](std::size_t b) {
    return std::clamp(0.5 * (bucket_low(b) + bucket_high(b)), min_, max_);
  };
  if (!counting_) {
    const std::uint64_t k = rank - zeros_;  // 1-based rank among the listed buckets
    if (k > listed_.size()) return max_;
    std::vector<std::uint32_t> sorted = listed_;
    const auto nth = sorted.begin() + std::ptrdiff_t(k - 1);
    std::nth_element(sorted.begin(), nth, sorted.end());
    return mid(*nth);
  }
  std::uint64_t cumulative = zeros_;
  for (std::size_t b = 0; b < counts_.size(); ++b) {
    cumulative += counts_[b];
    if (cumulative >= rank) return mid(b);
  }
  return max_;
}

double student_t_975(std::uint64_t dof) {
  // The quantile costs microseconds and a run asks for it once per KPI and scope, always with
  // the same few degrees of freedom: each is computed once (a race computes the same value
  // twice, harmlessly). 0 marks an entry not yet computed.
  static std::array<std::atomic<double>, 1024> known{};
  if (dof < known.size()) {
    const double cached = known[dof].load(std::memory_order_relaxed);
    if (cached != 0.0) return cached;
  }
  boost::math::students_t dist(static_cast<double>(dof));
  const double q = boost::math::quantile(dist, 0.975);
  if (dof < known.size()) known[dof].store(q, std::memory_order_relaxed);
  return q;
}

std::optional<Estimate> estimate(std::span<const std::optional<double>> samples) {
  Tally t;
  for (const auto& s : samples) {
    if (s) t.add(*s);
  }
  if (t.count() == 0) return std::nullopt;
  Estimate e;
  e.n = t.count();
  e.mean = *t.mean();
  if (t.count() >= 2) {
    e.ci95 = student_t_975(t.count() - 1) * std::sqrt(*t.variance() / double(t.count()));
  }
  return e;
}

std::optional<Estimate> estimate(std::span<const double> samples) {
  std::vector<std::optional<double>> v(samples.begin(), samples.end());
  return estimate(std::span<const std::optional<double>>(v));
}

}  // namespace sim
