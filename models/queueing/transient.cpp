#include "models/queueing/transient.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <memory>

namespace ccsim::transient {
namespace {

using Eigen::ArrayXd;
using Index = Eigen::Index;

// Mass below this in a state at a window's edge is dropped (and added to the truncation).
constexpr double kDrop = 1e-22;
// Poisson weights below this (relative to the mode's) are left out; those kept are normalised.
constexpr double kPoissonCut = 1e-20;

// Poisson(k; m) for k in [first, first + w.size()), normalised over that window, and the
// survival function P(Pois > k) for the same k.
struct PoissonWindow {
  std::size_t first = 0;
  std::vector<double> w;
  std::vector<double> survival;
  std::size_t last() const { return first + w.size() - 1; }
  // P(Pois > k) for any k >= 0: 1 below the window, 0 above it.
  double survival_at(std::size_t k) const {
    if (k < first) return 1.0;
    return k > last() ? 0.0 : survival[k - first];
  }
};

// REQUIRES: m >= 0 and finite.
PoissonWindow poisson_window(double m) {
  PoissonWindow p;
  const auto mode = static_cast<std::size_t>(std::floor(m));
  std::vector<double> below;  // weights of mode−1, mode−2, … relative to the mode's
  double x = 1.0;
  for (std::size_t k = mode; k > 0; --k) {
    x *= static_cast<double>(k) / m;
    if (x < kPoissonCut) break;
    below.push_back(x);
  }
  p.first = mode - below.size();
  p.w.assign(below.rbegin(), below.rend());
  p.w.push_back(1.0);
  x = 1.0;
  for (std::size_t k = mode + 1;; ++k) {
    x *= m / static_cast<double>(k);
    if (x < kPoissonCut) break;
    p.w.push_back(x);
  }
  double sum = 0.0;
  for (double v : p.w) sum += v;
  for (double& v : p.w) v /= sum;
  p.survival.assign(p.w.size(), 0.0);
  double tail = 0.0;  // summed from the top: no cancellation
  for (std::size_t i = p.w.size(); i-- > 0;) {
    p.survival[i] = tail;
    tail += p.w[i];
  }
  return p;
}

// The law of N as an array over states 0..size−1; mass only within [lo, hi].
struct Law {
  ArrayXd p;
  Index lo = 0, hi = 0;
};

double death_rate(const Segment& s, Index n) {
  const double busy = static_cast<double>(std::min<Index>(n, s.agents));
  const double waiting = static_cast<double>(std::max<Index>(n - s.agents, 0));
  return busy * s.service_per_s + waiting * s.abandon_per_s;
}

// Grows `a` (zero-filled) to at least `size` entries.
void grow(ArrayXd& a, Index size) {
  if (a.size() >= size) return;
  const Index old = a.size();
  a.conservativeResize(size);
  a.tail(size - old).setZero();
}

// Drops the mass of states at the edges of [lo, hi] that hold less than kDrop.
void trim(ArrayXd& v, Index& lo, Index& hi, double& dropped) {
  while (lo < hi && v(lo) < kDrop) dropped += v(lo), v(lo++) = 0.0;
  while (hi > lo && v(hi) < kDrop) dropped += v(hi), v(hi--) = 0.0;
}

// next[i] = stay[i]·v[i] + up·v[i − 1] + down[i]·v[i + 1] for i in [0, len): the inner loop of
// the whole model, compiled twice (AVX2 with FMA, and the baseline) and chosen when the program
// starts, so that the build stays portable.
__attribute__((target_clones("arch=x86-64-v3", "default"))) void step_states(
    const double* stay, const double* down, double up, const double* v, double* next, Index len) {
  for (Index i = 0; i < len; ++i) next[i] = stay[i] * v[i] + up * v[i - 1] + down[i] * v[i + 1];
}

// One uniformised step of the chain over 0..top: the coefficients of P = I + Q/Λ. Arrays are
// padded: state n is at position n + 1, and positions 0 and top + 2 hold no mass.
struct Step {
  Index top = 0;
  double big_lambda = 0, up = 0;
  ArrayXd down, stay;  // down(n + 1): death from n; stay(n + 1) = 1 − up − down (no birth at top)

  Step(const Segment& seg, Index top_state) : top(top_state) {
    big_lambda = seg.arrivals_per_s + death_rate(seg, top);
    up = seg.arrivals_per_s / big_lambda;
    down = ArrayXd::Zero(top + 3);
    stay = ArrayXd::Zero(top + 3);
    for (Index n = 0; n <= top + 1; ++n) down(n + 1) = death_rate(seg, n) / big_lambda;
    for (Index n = 0; n <= top; ++n) stay(n + 1) = 1.0 - up - down(n + 1);
  }

  // next = v·P over the states [lo − 1, hi + 1] ∩ [0, top] (padded arrays, zero outside
  // [lo, hi]); births out of `top` are dropped and counted.
  void apply(const ArrayXd& v, ArrayXd& next, Index& lo, Index& hi, double& dropped) const {
    if (hi == top) dropped += up * v(top + 1);
    const Index nlo = std::max<Index>(lo - 1, 0), nhi = std::min<Index>(hi + 1, top);
    const Index len = nhi - nlo + 1;
    step_states(stay.data() + nlo + 1, down.data() + nlo + 2, up, v.data() + nlo + 1,
                next.data() + nlo + 1, len);
    lo = nlo, hi = nhi;
  }
};

// ∫ p dt over a stretch of h seconds with constant rates, from the laws at its two ends: by the
// Kolmogorov equation p(h) − p(0) = (∫ p dt)·Q, i.e. for the birth–death chain with x = ∫ p dt
// and B_n = Σ_{m<=n} (p_n(h) − p_n(0)): d(n+1)·x_{n+1} − λ·x_n = B_n, with Σ x = h. The
// recursion is run outwards from the state where λ = d(n+1) (down below it, up above it), so
// every step multiplies errors by at most 1, and the one free constant (a multiple of the
// stationary weights) is fixed by Σ x = h. States [a, z] hold all mass during the stretch.
void add_integral(const ArrayXd& p0, const ArrayXd& p1, Index a, Index z, const Segment& seg,
                  double h, ArrayXd& integral) {
  const double lambda = seg.arrivals_per_s;
  const Index len = z - a + 1;
  ArrayXd below(len), above(len);  // B_n from the bottom; −Σ_{m>n} from the top (same values)
  double sum = 0.0;
  for (Index i = 0; i < len; ++i) sum += p1(a + i) - p0(a + i), below(i) = sum;
  sum = 0.0;
  for (Index i = len - 1; i >= 0; --i) above(i) = -sum, sum += p1(a + i) - p0(a + i);
  Index pivot = a;  // the first state whose death rate (to the one below) reaches λ
  if (lambda > 0.0) {
    while (pivot < z && death_rate(seg, pivot + 1) < lambda) ++pivot;
  }
  ArrayXd x = ArrayXd::Zero(len), w = ArrayXd::Zero(len);  // particular and homogeneous parts
  w(pivot - a) = 1.0;
  for (Index n = pivot; n < z; ++n) {  // up: x_{n+1} = (B_n + λ x_n) / d(n+1)
    const double d = death_rate(seg, n + 1);
    x(n + 1 - a) = (above(n - a) + lambda * x(n - a)) / d;
    w(n + 1 - a) = lambda * w(n - a) / d;
  }
  for (Index n = pivot - 1; n >= a; --n) {  // down: x_n = (d(n+1) x_{n+1} − B_n) / λ
    const double d = death_rate(seg, n + 1);
    x(n - a) = (d * x(n + 1 - a) - below(n - a)) / lambda;
    w(n - a) = d * w(n + 1 - a) / lambda;
  }
  const double c = (h - x.sum()) / w.sum();
  integral.segment(a, len) += (x + c * w).max(0.0);
}

// Runs the uniformised steps of `seg` for h seconds over states 0..top from `law`: returns the
// law at h (mass beyond top, and below kDrop at the window's edges, dropped: `dropped_top`,
// `dropped`), and the states visited in [a, z].
ArrayXd uniformise(const Law& law, const Segment& seg, double h, Index top, Index& a, Index& z,
                   double& dropped_top, double& dropped, double& steps) {
  const Step step(seg, top);
  const PoissonWindow pw = poisson_window(step.big_lambda * h);
  ArrayXd v = ArrayXd::Zero(top + 3), next = ArrayXd::Zero(top + 3), acc = ArrayXd::Zero(top + 3);
  Index lo = law.lo, hi = law.hi;
  v.segment(lo + 1, hi - lo + 1) = law.p.segment(lo, hi - lo + 1);
  a = lo, z = hi;
  for (std::size_t k = 0;; ++k) {
    if (k >= pw.first)
      acc.segment(lo + 1, hi - lo + 1) += pw.w[k - pw.first] * v.segment(lo + 1, hi - lo + 1);
    if (k == pw.last()) break;
    step.apply(v, next, lo, hi, dropped_top);
    v.swap(next);
    // Both buffers are zero outside [lo, hi]: what the window drops is cleared in both.
    while (lo < hi && v(lo + 1) < kDrop) dropped += v(lo + 1), v(lo + 1) = next(lo + 1) = 0.0, ++lo;
    while (hi > lo && v(hi + 1) < kDrop) dropped += v(hi + 1), v(hi + 1) = next(hi + 1) = 0.0, --hi;
    a = std::min(a, lo), z = std::max(z, hi);
  }
  steps += static_cast<double>(pw.last() + 1);
  return acc.segment(1, top + 1);
}

// Carries `law` over `h` seconds of `seg`'s rates. Adds ∫ p dt over them to `integral` (same
// indexing as law.p) and the mass dropped to `dropped`; returns the steps taken.
double advance(Law& law, const Segment& seg, double h, ArrayXd& integral, double& dropped) {
  const double births = seg.arrivals_per_s * h;
  const Index len0 = law.hi - law.lo + 1;
  if ((births == 0.0 && law.hi == 0) || seg.arrivals_per_s + death_rate(seg, law.hi + 1) == 0.0) {
    grow(integral, law.p.size());
    integral.segment(law.lo, len0) += h * law.p.segment(law.lo, len0);  // nothing can move
    return 0.0;
  }
  // The states above hi that the mass may reach: a margin that is usually enough, else (when
  // more than 1e-18 would leave through the top) the bound of the births in h.
  Index margin = static_cast<Index>(std::ceil(2.0 * std::sqrt(births) + 20.0));
  const Index most = static_cast<Index>(std::ceil(births + 10.0 * std::sqrt(births) + 40.0));
  double steps = 0.0;
  for (;;) {
    const Index top = law.hi + margin;
    grow(law.p, top + 2);
    grow(integral, top + 2);
    Index a = 0, z = 0;
    double dropped_top = 0.0, dropped_edges = 0.0;
    ArrayXd p1 = uniformise(law, seg, h, top, a, z, dropped_top, dropped_edges, steps);
    if (dropped_top > 1e-18 && margin < most) {
      margin = std::min(most, 4 * margin);
      continue;
    }
    dropped += dropped_top + dropped_edges;
    add_integral(law.p.head(top + 1), p1, a, z, seg, h, integral);
    law.p.head(top + 1) = p1;
    law.lo = a, law.hi = z;
    trim(law.p, law.lo, law.hi, dropped);
    return steps;
  }
}

// P(answered within T) of the arrivals that wait, given u(m) for m = 1..M: the share of arrivals
// that find m − 1 waiting ahead and are eventually answered. Their wait, given answered, is the
// absorption time of a pure-death chain started at level m with rate sμ + m'θ at level m'
// (exponential tilting; erlang.h, erlang_a_birth_death), carried to T by uniformisation.
double answered_within_after_wait(const ArrayXd& u, const Segment& seg) {
  const Index levels = u.size() - 1;  // u(0) unused
  if (levels <= 0 || seg.threshold_s <= 0.0) return 0.0;
  const double s_mu = seg.agents * seg.service_per_s;
  const double big_lambda = s_mu + static_cast<double>(levels) * seg.abandon_per_s;
  ArrayXd move(levels + 1);  // probability of moving down one level in a step
  for (Index m = 0; m <= levels; ++m) move(m) = (s_mu + m * seg.abandon_per_s) / big_lambda;
  const PoissonWindow pw = poisson_window(big_lambda * seg.threshold_s);
  ArrayXd v = u, next = ArrayXd::Zero(levels + 1);
  v(0) = 0.0;
  double absorbed = 0.0, within = 0.0;
  for (std::size_t k = 0;; ++k) {
    if (k >= pw.first) within += pw.w[k - pw.first] * absorbed;
    if (k == pw.last()) break;
    // Level m keeps 1 − move(m) of its mass and receives move(m + 1) of level m + 1's; level 1
    // passes move(1) of its mass to the absorbing level 0 (answered).
    absorbed += move(1) * v(1);
    next.segment(1, levels) = (1.0 - move.segment(1, levels)) * v.segment(1, levels);
    if (levels > 1) {
      next.segment(1, levels - 1) += move.segment(2, levels - 1) * v.segment(2, levels - 1);
    }
    v.swap(next);
  }
  return within;
}

// The arrivals of `seg`, finding the law `pbar` (the segment's time average of p), answered or
// not, their waits and the service level (the contacts' figures of SegmentResult).
void tag_arrivals(const ArrayXd& pbar, Index lo, Index hi, const Segment& seg, SegmentResult& r) {
  const double lambda_t = r.arrivals, s_mu = seg.agents * seg.service_per_s;
  const double theta = seg.abandon_per_s;
  const Index s = seg.agents;
  double answered = 0, wait = 0, abandoned = 0, abandon_wait = 0, unserved = 0, at_once = 0;
  ArrayXd u = ArrayXd::Zero(std::max<Index>(hi - s + 2, 1));
  double harmonic = 0.0;  // Σ_{m=0..j} 1/(sμ + (m+1)θ)
  for (Index n = std::min(lo, s); n <= hi; ++n) {
    const double q = n >= lo ? pbar(n) : 0.0;
    if (n < s) {
      at_once += q;
      continue;
    }
    const Index j = n - s;
    if (s_mu == 0.0) {  // no agent: abandon after the own patience, or wait for ever
      if (theta > 0.0)
        abandoned += q, abandon_wait += q / theta;
      else
        unserved += q;
      continue;
    }
    const double r_j = s_mu + static_cast<double>(j + 1) * theta;
    harmonic += 1.0 / r_j;
    const double p_answer = s_mu / r_j;
    answered += q * p_answer;
    wait += q * p_answer * harmonic;
    abandoned += q * (1.0 - p_answer);
    abandon_wait += q * (static_cast<double>(j + 1) / r_j - p_answer * harmonic);
    u(j + 1) = q * p_answer;
  }
  const double within = at_once + (s_mu > 0.0 ? answered_within_after_wait(u, seg) : 0.0);
  r.answered = lambda_t * (at_once + answered);
  r.answered_within = lambda_t * within;
  r.answered_wait_s = lambda_t * wait;
  r.abandoned = lambda_t * abandoned;
  r.abandoned_wait_s = lambda_t * abandon_wait;
  r.unserved = lambda_t * unserved;
}

// Σ_n p_n·f(n) with f(n) = Σ_{m=1..n} g(m)/d(m): the expected integral of g(N) until N reaches
// 0 with no arrivals (first-passage sums of the pure-death chain).
double drain_integral(const Law& law, const Segment& seg, double (*g)(const Segment&, Index)) {
  double f = 0.0, total = 0.0;
  for (Index n = 1; n <= law.hi; ++n) {
    f += g(seg, n) / death_rate(seg, n);
    if (n >= law.lo) total += law.p(n) * f;
  }
  return total;
}

double waiting_in(const Segment& seg, Index n) {
  return static_cast<double>(std::max<Index>(n - seg.agents, 0));
}
double busy_in(const Segment& seg, Index n) {
  return static_cast<double>(std::min<Index>(n, seg.agents));
}

Drain drain(const Law& law, const Segment& last) {
  Drain d;
  if (last.agents == 0 && last.abandon_per_s == 0.0) {  // nothing ever leaves
    for (Index n = law.lo; n <= law.hi; ++n) d.stuck += static_cast<double>(n) * law.p(n);
    return d;
  }
  d.queue_time_s = drain_integral(law, last, waiting_in);
  d.busy_agent_s = drain_integral(law, last, busy_in);
  d.abandonments = last.abandon_per_s * d.queue_time_s;
  d.completions = last.service_per_s * d.busy_agent_s;
  return d;
}

// The segment's time figures from ∫p dt over it.
void time_figures(const ArrayXd& integral, const Segment& seg, SegmentResult& r) {
  for (Index n = 0; n < integral.size(); ++n) {
    if (integral(n) == 0.0) continue;
    r.queue_time_s += waiting_in(seg, n) * integral(n);
    r.busy_agent_s += busy_in(seg, n) * integral(n);
  }
  r.abandonments = seg.abandon_per_s * r.queue_time_s;
  r.completions = seg.service_per_s * r.busy_agent_s;
}

// Births a sub-step may hold: long segments are cut so that the window of reachable states
// stays close to where the mass is.
constexpr double kBirthsPerSubstep = 20000.0;

}  // namespace

struct Chain::State {
  Law law;
  double truncated_mass = 0.0, steps = 0.0;
};

Chain::Chain(std::span<const double> initial) : state_(std::make_unique<State>()) {
  Law& law = state_->law;
  if (initial.empty()) {
    law.p = ArrayXd::Zero(2);
    law.p(0) = 1.0;
    return;
  }
  law.p = ArrayXd::Zero(static_cast<Index>(initial.size()) + 1);
  law.p.head(static_cast<Index>(initial.size())) =
      Eigen::Map<const ArrayXd>(initial.data(), static_cast<Index>(initial.size()));
  law.hi = static_cast<Index>(initial.size()) - 1;
  trim(law.p, law.lo, law.hi, state_->truncated_mass);
}

Chain::~Chain() = default;
Chain::Chain(const Chain& other) : state_(std::make_unique<State>(*other.state_)) {}
Chain& Chain::operator=(const Chain& other) {
  if (this != &other) state_ = std::make_unique<State>(*other.state_);
  return *this;
}
Chain::Chain(Chain&&) noexcept = default;
Chain& Chain::operator=(Chain&&) noexcept = default;

SegmentResult Chain::advance(const Segment& segment) {
  SegmentResult r;
  Law& law = state_->law;
  r.arrivals = segment.arrivals_per_s * segment.length_s;
  const auto pieces = std::max(1.0, std::ceil(r.arrivals / kBirthsPerSubstep));
  const double h = segment.length_s / pieces;
  ArrayXd integral = ArrayXd::Zero(law.p.size());
  for (int i = 0; i < static_cast<int>(pieces); ++i) {
    state_->steps += transient::advance(law, segment, h, integral, state_->truncated_mass);
  }
  time_figures(integral, segment, r);
  Index lo = 0, hi = integral.size() - 1;
  while (hi > 0 && integral(hi) == 0.0) --hi;
  while (lo < hi && integral(lo) == 0.0) ++lo;
  const ArrayXd pbar = integral / segment.length_s;
  tag_arrivals(pbar, lo, hi, segment, r);
  return r;
}

double Chain::expected(const std::function<double(int)>& f) const {
  const Law& law = state_->law;
  double sum = 0.0;
  for (Index n = law.lo; n <= law.hi; ++n) sum += law.p(n) * f(static_cast<int>(n));
  return sum;
}

Drain Chain::drain(const Segment& last) const {
  return transient::drain(state_->law, last);
}
double Chain::truncated_mass() const {
  return state_->truncated_mass;
}
double Chain::uniformisation_steps() const {
  return state_->steps;
}

Solution solve(std::span<const Segment> segments, std::span<const double> initial) {
  Solution out;
  Chain chain(initial);
  out.segments.reserve(segments.size());
  for (const Segment& seg : segments) out.segments.push_back(chain.advance(seg));
  if (!segments.empty()) out.drain = chain.drain(segments.back());
  out.truncated_mass = chain.truncated_mass();
  out.uniformisation_steps = chain.uniformisation_steps();
  return out;
}

}  // namespace ccsim::transient
