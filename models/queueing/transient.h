// The exact time-varying analytic model of one pool of identical agents: the M(t)/M/s(t)+M
// queue, solved as a birth–death chain over time (the "randomization" method that Ingolfsson et
// al. 2007, INFORMS J. on Computing 19(2), use as the exact benchmark for nonstationary
// queues). No simulation: expected values, to the truncation reported.
//
// The model. Time is cut into segments within which everything is constant: arrivals are
// Poisson with rate λ, `agents` = s agents are on duty, an agent's time per contact is
// exponential with rate μ, a waiting contact abandons at rate θ (0: never), FIFO. N(t), the
// number of contacts in the system, is a birth–death chain: birth λ, death d(n) = min(n, s)μ +
// max(n − s, 0)θ. When s falls below the number in service, the chain serves only s of them
// (the others wait again, and may abandon): the usual M(t)/M/s(t) convention. The chain starts
// empty at time 0 (or from a given distribution).
//
// Per segment, its law is carried forward by uniformisation: p(t) = Σ_k Pois(k; Λt)·p₀Pᵏ with
// P = I + Q/Λ; the time integral ∫p dt = Σ_k p₀Pᵏ·P(Pois(Λt) > k)/Λ comes from the same steps,
// so the mean queue, busy agents and the flows (abandonments θ∫Q, completions μ∫busy) are exact.
// Only states whose mass may be reached are stepped (a window that grows with the births a
// segment can hold and shrinks where mass is below 1e-22); all mass dropped is added up and
// reported (`truncated_mass`).
//
// The contacts arriving in a segment (a tagged-customer analysis): by PASTA an arrival finds n
// in system with probability p̄_n, the segment's time average of p(t). If n >= s it waits
// behind j = n − s others; with the segment's rates it moves up at rate sμ + mθ while m are
// ahead and abandons at rate θ, so P(answered | j) = sμ/(sμ + (j+1)θ), E[wait | answered, j] =
// Σ_{m=0..j} 1/(sμ + (m+1)θ), and P(answered within T | j) is the absorption by T of a pure-death
// chain (uniformisation again). This is exact while the rates stay as they are during the wait;
// a contact still waiting when s (or μ, θ) changes is treated as if they had not. Arrival rates
// after it do not matter (FIFO). The size of this approximation is measurable: the abandonments
// of the arrivals (tagged) and the abandonment flow θ∫Q (exact) must agree, and do so exactly
// when no wait spans a change (tests/theory/transient_test.cpp).
//
// After the last segment the chain drains with no arrivals and the last segment's rates; the
// drain's queue time, busy time and flows are exact (first-passage sums over n), so conservation
// (arrivals = answered + abandoned + unserved) and Little's law (Σ waits = ∫Q dt) close over the
// whole run.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace ccsim::transient {

// Constant rates over a stretch of time.
struct Segment {
  double length_s = 0.0;      // > 0
  double arrivals_per_s = 0;  // λ >= 0
  int agents = 0;             // s >= 0
  double service_per_s = 0;   // μ > 0 (1 ÷ mean agent time)
  double abandon_per_s = 0;   // θ >= 0 (1 ÷ mean patience; 0: contacts never abandon)
  double threshold_s = 20;    // T of the service level, >= 0
};

// Expected values for one segment. Figures of "its arrivals" concern the contacts arriving in
// the segment, wherever their wait ends; the rest concern the time of the segment.
struct SegmentResult {
  double arrivals = 0;          // λ × length
  double answered = 0;          // its arrivals answered, at once or after a wait
  double answered_within = 0;   // its arrivals answered within threshold_s
  double answered_wait_s = 0;   // Σ waits of its answered arrivals
  double abandoned = 0;         // its arrivals that abandon
  double abandoned_wait_s = 0;  // Σ times to abandon of its abandoning arrivals
  double unserved = 0;          // its arrivals never served (no agent and no patience)
  double queue_time_s = 0;      // ∫ E[waiting] dt over the segment
  double busy_agent_s = 0;      // ∫ E[min(N, s)] dt over the segment
  double abandonments = 0;      // θ × queue_time_s: abandonments happening in the segment
  double completions = 0;       // μ × busy_agent_s: services ending in the segment
};

// After the last segment: no arrivals, the last segment's rates, until the system is empty.
struct Drain {
  double queue_time_s = 0;  // ∫ E[waiting] dt from the end on
  double busy_agent_s = 0;  // ∫ E[min(N, s)] dt from the end on
  double abandonments = 0;  // θ × queue_time_s
  double completions = 0;   // μ × busy_agent_s
  double stuck = 0;         // E[N] that can never leave (no agent and no patience)
};

struct Solution {
  std::vector<SegmentResult> segments;  // one per segment, in order
  Drain drain;
  double truncated_mass = 0;  // probability mass dropped by the windowing, in all
  double uniformisation_steps = 0;
};

// The chain carried forward one segment at a time, for callers whose next segment depends on
// the state reached (e.g. how many agents are busy when staffing falls).
class Chain {
 public:
  // Starts from `initial`, the law of N (empty: N = 0).
  // REQUIRES: initial non-negative, summing to 1.
  explicit Chain(std::span<const double> initial = {});
  ~Chain();
  Chain(const Chain& other);
  Chain& operator=(const Chain& other);
  Chain(Chain&&) noexcept;
  Chain& operator=(Chain&&) noexcept;

  // Carries the chain over `segment` (valid as documented) and returns its figures (the state
  // at its end: expected()).
  SegmentResult advance(const Segment& segment);
  // E[f(N)] now.
  double expected(const std::function<double(int)>& f) const;
  // What is left after the last segment, `last` (no arrivals; its rates).
  Drain drain(const Segment& last) const;
  double truncated_mass() const;
  double uniformisation_steps() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Solves the chain over `segments`, from `initial` (the law of N at time 0; empty: N = 0).
// REQUIRES: every segment valid as documented; initial (if given) non-negative, summing to 1.
Solution solve(std::span<const Segment> segments, std::span<const double> initial = {});

}  // namespace ccsim::transient
