#include "models/queueing/erlang.h"

#include <algorithm>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace ccsim::erlang {
namespace {

constexpr double kSecondsPerHour = 3600.0;

// g(t) = t + e^{−t} − 1 = Σ_{k≥2} (−t)^k / k!  (>= 0), without the cancellation of the direct
// formula near t = 0.
double tilt_gap(double t) {
  if (std::fabs(t) >= 0.5) return t + std::expm1(-t);
  double term = t * t / 2.0;
  double sum = term;
  for (int k = 3; k < 40; ++k) {
    term *= -t / k;
    sum += term;
    if (std::fabs(term) <= 1e-18 * sum) break;
  }
  return sum;
}

// The series A(s, z) = Σ_{j≥0} Tⱼ, Tⱼ = zʲ / ((s+1)…(s+j)), with A − 1 = Σ_{j≥1} Tⱼ and
// S1 = Σ_{j≥1} j·Tⱼ, all summed without cancellation.
// REQUIRES: 0 <= z < s + 1 (then the ratios z/(s+j) are < 1 and decrease).
struct ASeries {
  double a = 1.0;
  double a_minus_1 = 0.0;
  double s1 = 0.0;
};

ASeries a_series(double s, double z) {
  long double t = 1.0L, am1 = 0.0L, s1 = 0.0L;
  for (long j = 1; z > 0.0; ++j) {
    t *= z / (s + static_cast<double>(j));
    am1 += t;
    s1 += static_cast<long double>(j) * t;
    // Later terms: T_{k+1}/T_k <= r and (k+1)T_{k+1}/(k T_k) <= q for k >= j.
    const double r = z / (s + static_cast<double>(j + 1));
    const double q = r * static_cast<double>(j + 2) / static_cast<double>(j + 1);
    if (q < 1.0) {
      const long double tail_a = t * r / (1.0 - r);
      const long double tail_s1 = static_cast<long double>(j + 1) * t * r / (1.0 - q);
      if (tail_a <= 1e-18L * (1.0L + am1) && tail_s1 <= 1e-18L * s1) break;
    }
  }
  return {static_cast<double>(1.0L + am1), static_cast<double>(am1), static_cast<double>(s1)};
}

// Boost.Math's incomplete gamma functions fail for very large parameters (beyond about 1e10 it
// gives up on series near the transition z ≈ s), so from kTemmeFrom on they are evaluated here
// by Temme's uniform asymptotic expansion (DLMF 8.12.8–8.12.9; N. M. Temme, "The asymptotic
// expansion of the incomplete gamma functions", SIAM J. Math. Anal. 10, 1979):
//   Q(s, z) = ½·erfc(η·√(s/2)) + e^{−sη²/2}/√(2πs)·(c₀(η) + c₁(η)/s + …),
//   η = sign(z − s)·√(2(λ − 1 − ln λ)), λ = z/s,
// with c₀, c₁ by their Taylor series in η (coefficients as tabulated by Temme). Wherever the
// result is representable, |η| <= 27.3·√(2/s) < 0.013, where the truncated series are exact to
// about 1e-16 relative (checked against 40-digit series sums); further out, e^{−sη²/2} and erfc
// underflow to 0 and the result is exactly 0 or 1. (Boost, by comparison, loses up to 3e-10
// relative in the far tails at s = 5e9.)
constexpr double kTemmeFrom = 1e7;

// The smaller tail: Q(s, z) when z >= s, else P(s, z). REQUIRES: s >= kTemmeFrom, z >= 0.
double temme_small_tail(double s, double z) {
  const double phi = -boost::math::log1pmx((z - s) / s);  // λ − 1 − ln λ
  const double eta = (z < s ? -1.0 : 1.0) * std::sqrt(2.0 * phi);
  const double c0 =
      -1.0 / 3.0 +
      eta * (1.0 / 12.0 +
             eta * (-2.0 / 135.0 +
                    eta * (1.0 / 864.0 +
                           eta * (1.0 / 2835.0 + eta * (-139.0 / 777600.0 +
                                                        eta * (0.39192631785224378e-4 +
                                                               eta * -0.21854485106799922e-5))))));
  const double c1 =
      -1.0 / 540.0 +
      eta * (-1.0 / 288.0 + eta * (1.0 / 378.0 + eta * (-77.0 / 77760.0 + eta * (1.0 / 4860.0))));
  const double r = std::exp(-s * phi) / std::sqrt(2.0 * std::numbers::pi * s) * (c0 + c1 / s);
  // Q = ½erfc(η√(s/2)) + r for η >= 0; P = ½erfc(−η√(s/2)) − r for η < 0.
  return 0.5 * std::erfc(std::fabs(eta) * std::sqrt(s / 2.0)) + (z < s ? -r : r);
}

// log of an upper bound of P(s, z) for 0 < z < s + 1: P = p·A(s, z) with p = z^s e^{−z}/Γ(s+1)
// and A(s, z) <= (s + 1)/(s + 1 − z).
double log_p_bound(double s, double z) {
  return s * std::log(z) - z - boost::math::lgamma(s + 1.0) + std::log((s + 1.0) / (s + 1.0 - z));
}

// Regularised lower incomplete gamma P(s, z), s > 0, z >= 0.
double reg_p(double s, double z) {
  if (z <= 0.0) return 0.0;
  if (s >= kTemmeFrom) return z < s ? temme_small_tail(s, z) : 1.0 - temme_small_tail(s, z);
  // Far below the transition Boost may overflow in Γ(s+1) on its way to an underflowing result.
  if (z < s && log_p_bound(s, z) < -745.0) return 0.0;
  return boost::math::gamma_p(s, z);
}

// Regularised upper incomplete gamma Q(s, z) = 1 − P(s, z), s > 0, z >= 0.
double reg_q(double s, double z) {
  if (z <= 0.0) return 1.0;
  if (s >= kTemmeFrom) return z < s ? 1.0 - temme_small_tail(s, z) : temme_small_tail(s, z);
  if (z < s && log_p_bound(s, z) < -745.0) return 1.0;
  return boost::math::gamma_q(s, z);
}

// P(s, y) − P(s, z) for 0 <= z <= y, taken from the tail in which both values are small, so
// that the difference does not cancel needlessly; *larger gets the larger of the two values
// subtracted (the difference is exact to about 1e-16·*larger).
double gamma_p_diff(double s, double y, double z, double* larger) {
  if (z >= y) {
    *larger = 0.0;
    return 0.0;
  }
  if (z >= s) {
    *larger = reg_q(s, z);
    return *larger - reg_q(s, y);
  }
  *larger = reg_p(s, y);
  return *larger - reg_p(s, z);
}

// The density of the offered wait V of M/M/n+M, restricted to callers who are served, is
// e^{−θv}·f_V(v) = K·exp(h(v − v*)) on v > 0, with
//   h(w) = −(s − c)·θw − c·g(θw)   (s = x + 1; concave, h(0) = 0 = max),
// peak v* = ln(y/s)/θ and c = s when y > s, else v* = 0 and c = y.
// density_integral() returns ∫_0^upper v^power·exp(h(v − v*)) dv (power 0 or 1, upper > 0, may
// be +∞). The range is cut where h falls 80 below its largest value on [0, upper] (the parts
// cut off are below 1e-33 of the integral, h being concave), then split into pieces over which h
// changes by at most 10 and no wider than 4 peak widths, each integrated by 30-point
// Gauss–Legendre; e^h is analytic, so each piece is exact to rounding (Gauss error below
// 1e-22 for such pieces). The number of pieces is bounded (a few dozen), with no recursion.
// Where the whole range lies more than 800 below the peak (e^h < 1e-347) the result is 0.
double density_integral(double theta, double s, double c, double vstar, int power, double upper) {
  auto h = [&](double w) {
    const double t = theta * w;
    return -(s - c) * t - c * tilt_gap(t);
  };
  auto slope = [&](double w) { return std::fabs(theta * (c * std::exp(-theta * w) - s)); };
  double scale = 1.0 / (theta * std::sqrt(c));  // 1 / sqrt(−h''(0))
  if (s - c > 0.0) scale = std::min(scale, 1.0 / (theta * (s - c)));
  constexpr double kCut = 80.0;
  const double w_limit = upper - vstar;  // +∞ for the whole range
  double hi = w_limit;
  if (w_limit > 0.0) {
    double wr = scale;
    while (wr < w_limit && h(wr) > -kCut) wr *= 2.0;
    hi = std::min(wr, w_limit);
  }
  const double top = std::min(hi, 0.0);  // where h is largest on the range
  const double h_top = h(top);
  if (h_top < -800.0) return 0.0;  // below 1e-347 of the density's peak: nothing to integrate
  double reach = std::min(scale, 1.0 / slope(top));
  while (top - reach > -vstar && h(top - reach) > h_top - kCut) reach *= 2.0;
  const double lo = std::max(-vstar, top - reach);
  auto f = [&](double w) {
    const double e = std::exp(h(w));
    return power == 0 ? e : (vstar + w) * e;
  };
  double sum = 0.0;
  for (double w = lo; w < hi;) {
    double width = std::min(4.0 * scale, hi - w);
    while (std::max(slope(w), slope(w + width)) * width > 10.0) width /= 2.0;
    const double next = hi - (w + width) < 1e-12 * width ? hi : w + width;
    if (!(next > w)) break;  // no progress possible in double precision
    sum += boost::math::quadrature::gauss<double, 30>::integrate(f, w, next);
    w = next;
  }
  return sum;
}

AMetrics no_traffic_a(const Params& p) {
  AMetrics m;
  m.asa_s = 0.0;
  if (p.threshold_s) m.service_level = 1.0;
  if (p.agents > 0) m.occupancy = 0.0;
  return m;
}

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

double erlang_b(int n, double a) {
  double b = 1.0;
  for (int k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(int n, double a) {
  if (a >= n) return 1.0;
  const double b = erlang_b(n, a);
  return n * b / ((n - a) + a * b);
}

CMetrics erlang_c_metrics(const Params& p) {
  const int n = p.agents;
  const double a = p.arrivals_per_hour * p.aht_s / kSecondsPerHour;
  CMetrics m;
  if (a == 0.0) {
    m.asa_s = 0.0;
    if (p.threshold_s) m.service_level = 1.0;
    if (n > 0) m.occupancy = 0.0;
    return m;
  }
  if (a >= n) {
    m.stable = false;
    m.p_wait = 1.0;
    if (n > 0) m.occupancy = 1.0;
    return m;
  }
  const double c = erlang_c(n, a);
  m.p_wait = c;
  m.asa_s = c * p.aht_s / (n - a);
  if (p.threshold_s) m.service_level = 1.0 - c * std::exp(-(n - a) * *p.threshold_s / p.aht_s);
  m.occupancy = a / n;
  return m;
}

// ---------------------------------------------------------------------------------------------
// Erlang A, closed forms.

namespace {

AMetrics erlang_a_closed(const Params& p, bool want_asa) {
  if (!p.patience_s) throw std::invalid_argument("erlang_a: patience_s is required");
  const int n = p.agents;
  const double patience = *p.patience_s;
  const double lambda = p.arrivals_per_hour / kSecondsPerHour;
  const double theta = 1.0 / patience;
  if (lambda == 0.0) return no_traffic_a(p);
  AMetrics m;
  if (n == 0) {  // every caller abandons
    m.p_wait = 1.0;
    m.p_abandon = 1.0;
    m.mean_wait_s = patience;
    if (p.threshold_s) m.service_level = 0.0;
    return m;
  }
  const double a = p.arrivals_per_hour * p.aht_s / kSecondsPerHour;
  const double n_mu = n / p.aht_s;
  const double x = n * patience / p.aht_s;  // nμ/θ
  const double y = lambda * patience;       // λ/θ
  const double rho = a / n;
  const double e = erlang_b(n, a);
  const std::optional<double> t_s = p.threshold_s;

  double p_wait, p_w0, p_ab_wait, p_served_wait;  // p_served_wait = P(served | W > 0)
  double k_flat;       // π_n·nμ, the density of V at 0+, when the integrand peaks at v = 0
  double gp_xy = 0.0;  // P(x, y) (Boost branch)
  double a_xy = 0.0;   // A(x, y) (series branch)
  const bool series = y < x && (x - y) * (x - y) > 64.0 * y;
  if (series) {
    const ASeries s = a_series(x, y);
    a_xy = s.a;
    const double den = 1.0 + s.a_minus_1 * e;
    p_wait = s.a * e / den;
    p_w0 = (1.0 - e) / den;
    p_ab_wait = s.s1 / (y * s.a);
    p_served_wait = s.a_minus_1 / (rho * s.a);
    k_flat = p_wait * n_mu / s.a;
  } else {
    gp_xy = reg_p(x, y);
    const double inv_a = boost::math::gamma_p_derivative(x + 1.0, y) / gp_xy;  // 1/A(x, y)
    const double den = e + inv_a * (1.0 - e);
    p_wait = e / den;
    p_w0 = inv_a * (1.0 - e) / den;
    p_ab_wait = (rho - 1.0 + inv_a) / rho;
    p_served_wait = reg_p(x + 1.0, y) / (rho * gp_xy);  // (1 − 1/A)/ρ
    k_flat = p_wait * n_mu * inv_a;
  }
  m.p_wait = p_wait;
  m.p_abandon = p_wait * p_ab_wait;
  const double p_served = p_w0 + p_wait * p_served_wait;
  m.mean_wait_s = m.p_abandon * patience;
  m.occupancy = std::min(1.0, a * p_served / n);  // <= 1 exactly; min() drops a rounding ulp

  // The served callers' wait density, K·exp(h(v − v*)) on v > 0 (see density_integral), has
  // K = π_n·nμ·e^{ψ(v*)} with ψ(v) = −(nμ+θ)v − y·expm1(−θv). At an interior peak,
  // π_n·nμ·e^{ψ(v*)} = P(W>0)·nμ·((x+1)/y)·q(x+1)/P(x, y), q(s) = s^s e^{−s}/Γ(s+1), which
  // stays representable when π_n alone underflows.
  const double s1 = x + 1.0;
  double vstar = 0.0, c = y, k_peak = k_flat;
  if (y > s1) {  // only in the Boost branch (the series branch has y < x)
    vstar = std::log1p((y - s1) / s1) / theta;
    c = s1;
    k_peak = p_wait * n_mu * (s1 / y) * boost::math::gamma_p_derivative(s1 + 1.0, s1) / gp_xy;
  }

  if (t_s) {
    const double t = *t_s;
    const double z = y * std::exp(-theta * t);
    if (series) {
      // P(served, W > T) = P(W > 0)·x/(x+1)·exp(−(nμ+θ)T − y·expm1(−θT))·A(x+1, z)/A(x, y).
      const double expo = -(s1 - y) * theta * t - y * tilt_gap(theta * t);
      const double late = p_wait * (x / s1) * std::exp(expo) * a_series(s1, z).a / a_xy;
      if (p_served - late >= 1e-2 * p_served) {
        m.service_level = p_served - late;
      } else {  // the difference would cancel: integrate the served wait density over [0, T]
        const double early = t > 0.0 ? k_peak * density_integral(theta, s1, c, vstar, 0, t) : 0.0;
        m.service_level = p_w0 + early;
      }
    } else {
      // P(served, 0 < W <= T) = P(W > 0)·[P(x+1, y) − P(x+1, z)]/(ρ·P(x, y)), unless the
      // difference cancels (z close to y, or both values close in their tail): then the same
      // quantity as ∫_0^T of the served wait density.
      double larger = 0.0;
      const double d = gamma_p_diff(s1, y, z, &larger);
      if (theta * t >= 1e-3 && d >= 1e-2 * larger) {
        m.service_level = p_w0 + p_wait * d / (rho * gp_xy);
      } else {
        const double early = t > 0.0 ? k_peak * density_integral(theta, s1, c, vstar, 0, t) : 0.0;
        m.service_level = p_w0 + early;
      }
    }
  }

  if (want_asa) {
    const double inf = std::numeric_limits<double>::infinity();
    m.asa_s = k_peak * density_integral(theta, s1, c, vstar, 1, inf) / p_served;
  }
  return m;
}

}  // namespace

AMetrics erlang_a(const Params& p) {
  return erlang_a_closed(p, true);
}

// ---------------------------------------------------------------------------------------------
// Erlang A from the birth–death chain.

AMetrics erlang_a_birth_death(const Params& p, std::size_t max_states) {
  const int n = p.agents;
  if (n < 1) throw std::invalid_argument("erlang_a_birth_death: agents must be >= 1");
  if (!p.patience_s) throw std::invalid_argument("erlang_a_birth_death: patience_s is required");
  const double patience = *p.patience_s;
  const double lambda = p.arrivals_per_hour / kSecondsPerHour;
  if (lambda == 0.0) return no_traffic_a(p);
  const double a = p.arrivals_per_hour * p.aht_s / kSecondsPerHour;
  const double n_mu = n / p.aht_s;
  const double theta = 1.0 / patience;
  // π_k / π_{k−1}, decreasing in k.
  auto ratio = [&](std::size_t k) {
    return k <= static_cast<std::size_t>(n) ? a / static_cast<double>(k)
                                            : lambda / (n_mu + static_cast<double>(k - n) * theta);
  };
  // Mode: the last k with ratio(k) >= 1.
  double mode_d;
  if (a < n) {
    mode_d = std::floor(a);
  } else {
    mode_d = n + std::floor((lambda - n_mu) / theta);
  }
  if (!(mode_d < static_cast<double>(max_states)))
    throw std::length_error("erlang_a_birth_death: more than max_states states needed");
  const auto mode = static_cast<std::size_t>(mode_d);
  const auto n_sz = static_cast<std::size_t>(n);

  std::vector<double> w(mode + 1);
  w[mode] = 1.0;
  for (std::size_t k = mode; k >= 1; --k) w[k - 1] = w[k] / ratio(k);
  long double queue_mass = 0.0L;
  for (std::size_t k = n_sz; k <= mode; ++k) queue_mass += w[k];
  for (std::size_t k = mode;; ++k) {
    if (k >= n_sz) {
      if (queue_mass == 0.0L) break;  // the queue's mass is below the smallest double
      const double q = ratio(k + 1);
      if (q < 1.0 && w[k] * q / (1.0 - q) <= 1e-18 * static_cast<double>(queue_mass)) break;
    }
    if (w.size() >= max_states)
      throw std::length_error("erlang_a_birth_death: more than max_states states needed");
    w.push_back(w[k] * ratio(k + 1));
    if (k + 1 >= n_sz) queue_mass += w[k + 1];
  }

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
    long double early = 0.0L;  // Σ_j π_{n+j}·P(served | j)·P(V'_j <= T), unnormalised
    if (t > 0.0) {
      // Level m = j + 1 holds the mixture weight of V'_j; level m dies at rate nμ + mθ.
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
      early = acc / norm;
    }
    m.service_level = static_cast<double>(p_w0 + early / total);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Calculator.

const char* model_name(Model model) {
  switch (model) {
    case Model::B:
      return "b";
    case Model::C:
      return "c";
    case Model::A:
      return "a";
  }
  return "?";
}

std::optional<Model> parse_model(std::string_view name) {
  if (name == "b" || name == "B") return Model::B;
  if (name == "c" || name == "C") return Model::C;
  if (name == "a" || name == "A") return Model::A;
  return std::nullopt;
}

bool has_target(const Query& q) {
  return q.target_sl || q.target_asa_s || q.max_abandon || q.max_block;
}

namespace {

void require_valid(const Query& q) {
  const std::vector<std::string> problems = validate(q);
  if (problems.empty()) return;
  std::string msg;
  for (const std::string& pr : problems) msg += (msg.empty() ? "" : "; ") + pr;
  throw std::invalid_argument(msg);
}

Params params_of(const Query& q, int agents) {
  return Params{agents, q.arrivals_per_hour, q.aht_s, q.patience_s, q.threshold_s};
}

// REQUIRES: q valid.
Report evaluate_at(const Query& q, int n, bool want_asa) {
  Report r;
  r.model = q.model;
  r.agents = n;
  r.offered_load = q.arrivals_per_hour * q.aht_s / kSecondsPerHour;
  const double a = r.offered_load;
  switch (q.model) {
    case Model::B: {
      const double b = a == 0.0 ? 0.0 : erlang_b(n, a);
      r.p_block = b;
      if (n > 0) r.occupancy = a * (1.0 - b) / n;
      break;
    }
    case Model::C: {
      const CMetrics c = erlang_c_metrics(params_of(q, n));
      r.stable = c.stable;
      r.p_wait = c.p_wait;
      r.asa_s = c.asa_s;
      r.mean_wait_s = c.asa_s;
      r.service_level = c.service_level;
      r.occupancy = c.occupancy;
      break;
    }
    case Model::A: {
      const AMetrics m = erlang_a_closed(params_of(q, n), want_asa);
      r.p_wait = m.p_wait;
      r.asa_s = m.asa_s;
      r.mean_wait_s = m.mean_wait_s;
      r.service_level = m.service_level;
      r.abandon_rate = m.p_abandon;
      r.occupancy = m.occupancy;
      break;
    }
  }
  return r;
}

}  // namespace

std::vector<std::string> validate(const Query& q) {
  std::vector<std::string> out;
  const char* model = model_name(q.model);
  auto bad = [&](const std::string& field, const std::string& what, double got) {
    out.push_back(field + ": " + what + " (got " + format_number(got) + ")");
  };
  auto unused = [&](const std::string& field, const std::string& hint) {
    out.push_back(field + ": not used by model " + model + hint);
  };
  if (!(q.arrivals_per_hour >= 0.0 && std::isfinite(q.arrivals_per_hour)))
    bad("arrivals_per_hour", "must be >= 0 and finite", q.arrivals_per_hour);
  if (!(q.aht_s > 0.0 && std::isfinite(q.aht_s))) bad("aht_s", "must be > 0 and finite", q.aht_s);
  if (q.agents && *q.agents < 0) bad("agents", "must be >= 0", *q.agents);
  if (q.patience_s) {
    if (q.model != Model::A)
      unused("patience_s", " (abandonment is modelled by model a)");
    else if (!(*q.patience_s > 0.0 && std::isfinite(*q.patience_s)))
      bad("patience_s", "must be > 0 and finite", *q.patience_s);
  } else if (q.model == Model::A) {
    out.push_back("patience_s: required by model a");
  }
  if (q.threshold_s) {
    if (q.model == Model::B)
      unused("threshold_s", "");
    else if (!(*q.threshold_s >= 0.0 && std::isfinite(*q.threshold_s)))
      bad("threshold_s", "must be >= 0 and finite", *q.threshold_s);
  }
  if (q.target_sl) {
    if (q.model == Model::B)
      unused("target_sl", " (use max_block)");
    else if (!(*q.target_sl >= 0.0 && *q.target_sl <= 1.0))
      bad("target_sl", "must be in [0, 1]", *q.target_sl);
    else if (!q.threshold_s)
      out.push_back("target_sl: needs threshold_s");
  }
  if (q.target_asa_s) {
    if (q.model == Model::B)
      unused("target_asa_s", " (use max_block)");
    else if (!(*q.target_asa_s > 0.0 && std::isfinite(*q.target_asa_s)))
      bad("target_asa_s", "must be > 0 and finite", *q.target_asa_s);
  }
  if (q.max_abandon) {
    if (q.model == Model::C)
      unused("max_abandon", " (no abandonment in Erlang C; use model a)");
    else if (!(*q.max_abandon >= 0.0 && *q.max_abandon <= 1.0))
      bad("max_abandon", "must be in [0, 1]", *q.max_abandon);
  }
  if (q.max_block) {
    if (q.model != Model::B)
      unused("max_block", "");
    else if (!(*q.max_block >= 0.0 && *q.max_block <= 1.0))
      bad("max_block", "must be in [0, 1]", *q.max_block);
  }
  if (!q.agents && !has_target(q)) out.push_back("agents: give agents or at least one target");
  return out;
}

Report evaluate(const Query& q) {
  require_valid(q);
  if (!q.agents) throw std::invalid_argument("agents: required to evaluate");
  return evaluate_at(q, *q.agents, true);
}

bool meets_targets(const Query& q, const Report& r) {
  if (q.target_sl && !(r.service_level && *r.service_level >= *q.target_sl)) return false;
  if (q.target_asa_s && !(r.asa_s && *r.asa_s <= *q.target_asa_s)) return false;
  if (q.max_abandon) {
    const std::optional<double>& lost = q.model == Model::B ? r.p_block : r.abandon_rate;
    if (!(lost && *lost <= *q.max_abandon)) return false;
  }
  if (q.max_block && !(r.p_block && *r.p_block <= *q.max_block)) return false;
  return true;
}

std::optional<int> min_agents(const Query& q, int max_agents) {
  require_valid(q);
  if (!has_target(q)) throw std::invalid_argument("min_agents: no target given");
  if (max_agents < 0) throw std::invalid_argument("min_agents: max_agents must be >= 0");
  const double a = q.arrivals_per_hour * q.aht_s / kSecondsPerHour;
  if (a == 0.0) return 0;

  if (q.model == Model::B) {
    double limit = 1.0;
    if (q.max_abandon) limit = std::min(limit, *q.max_abandon);
    if (q.max_block) limit = std::min(limit, *q.max_block);
    double b = 1.0;  // B(0, a)
    for (int n = 0;; ++n) {
      if (n > 0) b = a * b / (n + a * b);
      if (b <= limit) return n;
      if (n == max_agents) return std::nullopt;
    }
  }

  // Proven lower bound: every n < lower fails a target.
  double lower_d = 0.0;
  if (q.model == Model::C) lower_d = std::floor(a) + 1.0;  // stability needs n > a
  if (q.model == Model::A) {
    // Carried load a(1 − P(Ab)) <= n, and SL <= P(served) = 1 − P(Ab).
    if (q.target_sl) lower_d = std::max(lower_d, std::floor(*q.target_sl * a));
    if (q.max_abandon) lower_d = std::max(lower_d, std::floor((1.0 - *q.max_abandon) * a));
  }
  if (lower_d > max_agents) return std::nullopt;
  const int lower = static_cast<int>(lower_d);
  const bool want_asa = q.target_asa_s.has_value();
  auto ok = [&](int n) { return meets_targets(q, evaluate_at(q, n, want_asa)); };

  // Gallop up from the lower bound, then bisect (lo fails, hi meets).
  int lo = lower - 1;
  int hi = -1;
  long long probe = lower;
  long long step = 1;
  for (;;) {
    if (probe > max_agents) probe = max_agents;
    if (ok(static_cast<int>(probe))) {
      hi = static_cast<int>(probe);
      break;
    }
    if (probe == max_agents) return std::nullopt;
    lo = static_cast<int>(probe);
    probe += step;
    step *= 2;
  }
  while (hi - lo > 1) {
    const int mid = lo + (hi - lo) / 2;
    if (ok(mid))
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

std::optional<int> min_agents_c(double arrivals_per_hour, double aht_s, const Targets& targets,
                                int max_agents) {
  Query q;
  q.model = Model::C;
  q.arrivals_per_hour = arrivals_per_hour;
  q.aht_s = aht_s;
  q.threshold_s = targets.threshold_s;
  q.target_sl = targets.target_sl;
  q.target_asa_s = targets.target_asa_s;
  q.max_abandon = targets.max_abandon;
  return min_agents(q, max_agents);
}

std::optional<int> min_agents_a(double arrivals_per_hour, double aht_s, double patience_s,
                                const Targets& targets, int max_agents) {
  Query q;
  q.model = Model::A;
  q.arrivals_per_hour = arrivals_per_hour;
  q.aht_s = aht_s;
  q.patience_s = patience_s;
  q.threshold_s = targets.threshold_s;
  q.target_sl = targets.target_sl;
  q.target_asa_s = targets.target_asa_s;
  q.max_abandon = targets.max_abandon;
  return min_agents(q, max_agents);
}

std::optional<int> min_agents_b(double arrivals_per_hour, double aht_s, double max_block,
                                int max_agents) {
  Query q;
  q.model = Model::B;
  q.arrivals_per_hour = arrivals_per_hour;
  q.aht_s = aht_s;
  q.max_block = max_block;
  return min_agents(q, max_agents);
}

}  // namespace ccsim::erlang
