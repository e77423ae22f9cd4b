#include <cmath>
#include <stdexcept>
#include <vector>

#include "models/queueing/erlang.h"
#include "models/queueing/erlang_a_internal.h"

namespace ccsim::erlang {
namespace {

// The birth–death chain of M/M/n+M: birth λ, death min(k, n)μ + max(k − n, 0)θ.
struct Chain {
  int n;
  double lambda, a, n_mu, theta;
  // π_k / π_{k−1}, decreasing in k.
  double ratio(std::size_t k) const {
    return k <= static_cast<std::size_t>(n) ? a / static_cast<double>(k)
                                            : lambda / (n_mu + static_cast<double>(k - n) * theta);
  }
};

// Unnormalised stationary weights w[k] of the chain, built outwards from the mode by their
// ratios (no overflow) and truncated where the remaining tail is below 1e-18 of the queue's
// mass. Throws std::length_error beyond max_states states.
std::vector<double> stationary_weights(const Chain& chain, std::size_t max_states) {
  const int n = chain.n;
  // Mode: the last k with ratio(k) >= 1.
  double mode_d;
  if (chain.a < n) {
    mode_d = std::floor(chain.a);
  } else {
    mode_d = n + std::floor((chain.lambda - chain.n_mu) / chain.theta);
  }
  if (!(mode_d < static_cast<double>(max_states)))
    throw std::length_error("erlang_a_birth_death: more than max_states states needed");
  const auto mode = static_cast<std::size_t>(mode_d);
  const auto n_sz = static_cast<std::size_t>(n);

  std::vector<double> w(mode + 1);
  w[mode] = 1.0;
  for (std::size_t k = mode; k >= 1; --k) w[k - 1] = w[k] / chain.ratio(k);
  long double queue_mass = 0.0L;
  for (std::size_t k = n_sz; k <= mode; ++k) queue_mass += w[k];
  for (std::size_t k = mode;; ++k) {
    if (k >= n_sz) {
      if (queue_mass == 0.0L) break;  // the queue's mass is below the smallest double
      const double q = chain.ratio(k + 1);
      if (q < 1.0 && w[k] * q / (1.0 - q) <= 1e-18 * static_cast<double>(queue_mass)) break;
    }
    if (w.size() >= max_states)
      throw std::length_error("erlang_a_birth_death: more than max_states states needed");
    w.push_back(w[k] * chain.ratio(k + 1));
    if (k + 1 >= n_sz) queue_mass += w[k + 1];
  }
  return w;
}

// Σ_j π_{n+j}·P(served | j)·P(V'_j <= t), unnormalised (in the weights w), by uniformisation
// of the pure-death chain whose level m = j + 1 holds the mixture weight of V'_j and dies at
// rate nμ + mθ. REQUIRES: t > 0.
long double served_by_uniformisation(const Chain& chain, const std::vector<double>& w, double t) {
  const auto n_sz = static_cast<std::size_t>(chain.n);
  const double n_mu = chain.n_mu, theta = chain.theta;
  const std::size_t levels = w.size() - n_sz;
  std::vector<double> u(levels + 2, 0.0);
  for (std::size_t j = 0; j < levels; ++j)
    u[j + 1] = w[n_sz + j] * n_mu / (n_mu + static_cast<double>(j + 1) * theta);
  const double big_lambda = n_mu + static_cast<double>(levels) * theta;
  const double lt = big_lambda * t;
  // P(absorbed by T) = Σ_N Poisson(N; ΛT)·(mass absorbed after N uniformised steps). The
  // Poisson weights are built from the mode by their ratios, relative to the weight at the
  // mode, and normalised by their sum over the window where they exceed 1e-21. Below the
  // window the absorbed mass is smaller than inside it, so the cut is negligible relative to
  // the result; above it, steps continue until the remaining weight times the whole mass is
  // below 1e-18 of the result, so that even a tiny service level keeps its relative accuracy.
  const auto centre = static_cast<std::size_t>(std::floor(lt));
  std::vector<double> down;  // weights of centre−1, centre−2, …
  for (std::size_t k = centre; k > 0; --k) {
    const double next = (down.empty() ? 1.0 : down.back()) * static_cast<double>(k) / lt;
    if (next < 1e-21) break;
    down.push_back(next);
  }
  long double norm = 1.0L;
  for (double v : down) norm += v;
  std::size_t window_end = centre;  // last step of the window
  for (double v = 1.0;;) {
    v *= lt / static_cast<double>(window_end + 1);
    if (v < 1e-21 && static_cast<double>(window_end + 1) > lt) break;
    norm += v;
    ++window_end;
  }
  const std::size_t first = centre - down.size();
  long double u_mass = 0.0L;
  for (std::size_t lv = 1; lv <= levels; ++lv) u_mass += u[lv];
  long double absorbed = 0.0L, acc = 0.0L;
  std::vector<double> death(levels + 2);
  for (std::size_t lv = 1; lv <= levels; ++lv)
    death[lv] = (n_mu + static_cast<double>(lv) * theta) / big_lambda;
  double up_weight = 1.0;  // weight of `step` once step >= centre
  for (std::size_t step = 0;; ++step) {
    if (step >= first) {
      if (step > centre) up_weight *= lt / static_cast<double>(step);
      acc += (step >= centre ? up_weight : down[centre - step - 1]) * absorbed;
      if (step >= window_end) {
        const double r = lt / static_cast<double>(step + 1);  // later weights fall by <= r
        if (up_weight * u_mass / (1.0 - r) <= 1e-18L * acc || up_weight == 0.0) break;
      }
    }
    absorbed += u[1] * death[1];
    for (std::size_t lv = 1; lv <= levels; ++lv)
      u[lv] = u[lv] * (1.0 - death[lv]) + u[lv + 1] * death[lv + 1];
  }
  return acc / norm;
}

}  // namespace

AMetrics erlang_a_birth_death(const Params& p, std::size_t max_states) {
  const int n = p.agents;
  if (n < 1) throw std::invalid_argument("erlang_a_birth_death: agents must be >= 1");
  if (!p.patience_s) throw std::invalid_argument("erlang_a_birth_death: patience_s is required");
  const double patience = *p.patience_s;
  const double lambda = p.arrivals_per_hour / kSecondsPerHour;
  if (lambda == 0.0) return no_traffic_a(p);
  const double a = p.arrivals_per_hour * p.aht_s / kSecondsPerHour;
  const Chain chain{n, lambda, a, n / p.aht_s, 1.0 / patience};
  const double n_mu = chain.n_mu, theta = chain.theta;
  const std::vector<double> w = stationary_weights(chain, max_states);
  const auto n_sz = static_cast<std::size_t>(n);

  long double low = 0.0L;
  for (std::size_t k = 0; k < n_sz; ++k) low += w[k];
  const std::size_t levels = w.size() - n_sz;  // j = 0 .. levels−1 callers waiting on arrival
  long double queue = 0.0L, served_q = 0.0L, aband = 0.0L, ev = 0.0L, mean_wait = 0.0L;
  long double harmonic = 0.0L;
  for (std::size_t j = 0; j < levels; ++j) {
    const long double wj = w[n_sz + j];
    const double rate = n_mu + static_cast<double>(j + 1) * theta;  // nμ + (j+1)θ
    const double served_j = n_mu / rate;
    harmonic += 1.0L / rate;
    queue += wj;
    served_q += wj * served_j;
    aband += wj * (static_cast<double>(j + 1) * theta / rate);
    ev += wj * served_j * harmonic;
    mean_wait += wj * (static_cast<double>(j + 1) / rate);
  }
  const long double total = low + queue;
  AMetrics m;
  const long double p_w0 = low / total;
  m.p_wait = static_cast<double>(queue / total);
  m.p_abandon = static_cast<double>(aband / total);
  const long double p_served = p_w0 + served_q / total;
  m.asa_s = static_cast<double>(ev / total / p_served);
  m.mean_wait_s = static_cast<double>(mean_wait / total);
  m.occupancy = static_cast<double>(a * p_served / n);

  if (p.threshold_s) {
    const double t = *p.threshold_s;
    const long double early = t > 0.0 ? served_by_uniformisation(chain, w, t) : 0.0L;
    m.service_level = static_cast<double>(p_w0 + early / total);
  }
  return m;
}

}  // namespace ccsim::erlang
