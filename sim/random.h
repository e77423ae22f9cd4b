// Reproducible, independent random streams built on the Philox4x64 counter-based generator
// (Random123, Salmon et al., SC'11).
//
// A stream is named by four numbers: (seed, replication, stream id, substream). Philox maps a
// key (seed, replication) and a counter (block, substream, stream id, 0) to 256 random bits, so
//   - every name gives the same numbers on any thread, in any order of creation;
//   - distinct names give independent numbers (distinct counters of a bijection);
//   - creating a stream costs nothing: there is no state to seed or to skip ahead.
// Variates: exponential and normal by the ziggurat (Marsaglia & Tsang 2000, as Boost.Random
// implements it: exact in distribution, tails included), 1.03 (exponential) and 1.04 (normal)
// 64-bit words a draw on average; uniforms from the top 53 bits of a word.
// A model derives stream ids from what a random number is *for* (e.g. "patience of contact
// 1234 of type billing"), so two variants of a scenario draw the same numbers wherever the
// same thing happens in both: common random numbers.
#pragma once

#include <Random123/philox.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace sim {

// SplitMix64 finaliser: a bijective mixing of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// 64-bit FNV-1a followed by mix64: a stable hash for naming streams after things.
constexpr std::uint64_t stream_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

// Combines two stream ids into one; the order matters.
constexpr std::uint64_t stream_combine(std::uint64_t a, std::uint64_t b) {
  return mix64(a ^ mix64(b + 0x9e3779b97f4a7c15ULL));
}

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id,
               std::uint64_t substream = 0)
      : key_{{seed, replication}}, counter_{{0, substream, stream_id, 0}} {}

  // A UniformRandomBitGenerator of 64-bit words, for the variates below.
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type(0); }
  result_type operator()() { return next_u64(); }

  // Uniform 64 random bits.
  std::uint64_t next_u64() {
    if (used_ == 4) refill();
    return block_[used_++];
  }

  // Uniform on the open interval (0, 1): never 0, never 1, so log() is always finite.
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }

  // Exponential with the given mean. REQUIRES: mean_s > 0.
  double exponential(double mean_s) {
    return mean_s * boost::random::exponential_distribution<double>(1.0)(*this);
  }

  // Standard normal.
  double normal() { return boost::random::normal_distribution<double>(0.0, 1.0)(*this); }

  // Bernoulli trial: true with probability p.
  bool bernoulli(double p) { return uniform() < p; }

 private:
  void refill() {
    r123::Philox4x64 philox;
    const auto out = philox(counter_, key_);
    for (int i = 0; i < 4; ++i) block_[i] = out[i];
    ++counter_[0];
    used_ = 0;
  }

  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type counter_;
  std::uint64_t block_[4] = {0, 0, 0, 0};
  int used_ = 4;
};

}  // namespace sim
