#include <algorithm>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "models/queueing/erlang.h"
#include "models/queueing/erlang_a_internal.h"

namespace ccsim::erlang {
namespace {

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

// The quantities of M/M/n+M the closed forms are written in (erlang.h). REQUIRES: n >= 1.
struct Palm {
  double patience, theta;
  double a;     // offered load
  double n_mu;  // nμ
  double x;     // nμ/θ
  double y;     // λ/θ
  double rho;   // a/n
  double e;     // B(n, a)
};

Palm palm_of(const Params& p) {
  const int n = p.agents;
  const double patience = *p.patience_s;
  const double lambda = p.arrivals_per_hour / kSecondsPerHour;
  Palm q;
  q.patience = patience;
  q.theta = 1.0 / patience;
  q.a = p.arrivals_per_hour * p.aht_s / kSecondsPerHour;
  q.n_mu = n / p.aht_s;
  q.x = n * patience / p.aht_s;
  q.y = lambda * patience;
  q.rho = q.a / n;
  q.e = erlang_b(n, q.a);
  return q;
}

// The law of the wait on arrival: P(W > 0), P(W = 0), P(Ab | W > 0), P(served | W > 0), and
// the density of V at 0+, π_n·nμ. From A(x, y)'s series in deep underload, else from Boost.
struct WaitLaw {
  bool series = false;
  double p_wait = 0.0, p_w0 = 0.0, p_ab_wait = 0.0, p_served_wait = 0.0;
  double k_flat = 0.0;  // π_n·nμ, the density of V at 0+, when the integrand peaks at v = 0
  double gp_xy = 0.0;   // P(x, y) (Boost branch)
  double a_xy = 0.0;    // A(x, y) (series branch)
};

WaitLaw wait_law(const Palm& q) {
  WaitLaw w;
  const double x = q.x, y = q.y, e = q.e;
  w.series = y < x && (x - y) * (x - y) > 64.0 * y;
  if (w.series) {
    const ASeries s = a_series(x, y);
    w.a_xy = s.a;
    const double den = 1.0 + s.a_minus_1 * e;
    w.p_wait = s.a * e / den;
    w.p_w0 = (1.0 - e) / den;
    w.p_ab_wait = s.s1 / (y * s.a);
    w.p_served_wait = s.a_minus_1 / (q.rho * s.a);
    w.k_flat = w.p_wait * q.n_mu / s.a;
  } else {
    w.gp_xy = reg_p(x, y);
    const double inv_a = boost::math::gamma_p_derivative(x + 1.0, y) / w.gp_xy;  // 1/A(x, y)
    const double den = e + inv_a * (1.0 - e);
    w.p_wait = e / den;
    w.p_w0 = inv_a * (1.0 - e) / den;
    w.p_ab_wait = (q.rho - 1.0 + inv_a) / q.rho;
    w.p_served_wait = reg_p(x + 1.0, y) / (q.rho * w.gp_xy);  // (1 − 1/A)/ρ
    w.k_flat = w.p_wait * q.n_mu * inv_a;
  }
  return w;
}

// The served callers' wait density, K·exp(h(v − v*)) on v > 0 (see density_integral), has
// K = π_n·nμ·e^{ψ(v*)} with ψ(v) = −(nμ+θ)v − y·expm1(−θv). At an interior peak,
// π_n·nμ·e^{ψ(v*)} = P(W>0)·nμ·((x+1)/y)·q(x+1)/P(x, y), q(s) = s^s e^{−s}/Γ(s+1), which
// stays representable when π_n alone underflows.
struct ServedDensity {
  double s1;      // x + 1
  double vstar;   // v*
  double c;       // c of h
  double k_peak;  // K
};

ServedDensity served_density(const Palm& q, const WaitLaw& w) {
  const double s1 = q.x + 1.0;
  ServedDensity d{s1, 0.0, q.y, w.k_flat};
  if (q.y > s1) {  // only in the Boost branch (the series branch has y < x)
    d.vstar = std::log1p((q.y - s1) / s1) / q.theta;
    d.c = s1;
    d.k_peak =
        w.p_wait * q.n_mu * (s1 / q.y) * boost::math::gamma_p_derivative(s1 + 1.0, s1) / w.gp_xy;
  }
  return d;
}

// P(served, W <= t): P(W = 0) plus the served callers who wait up to t, the latter by closed
// forms unless their difference would cancel, then by integrating the served wait density.
double served_within(const Palm& q, const WaitLaw& w, const ServedDensity& d, double p_served,
                     double t) {
  const double theta = q.theta, y = q.y, s1 = d.s1;
  const double z = y * std::exp(-theta * t);
  auto integrated = [&] {
    const double early = t > 0.0 ? d.k_peak * density_integral(theta, s1, d.c, d.vstar, 0, t) : 0.0;
    return w.p_w0 + early;
  };
  if (w.series) {
    // P(served, W > T) = P(W > 0)·x/(x+1)·exp(−(nμ+θ)T − y·expm1(−θT))·A(x+1, z)/A(x, y).
    const double expo = -(s1 - y) * theta * t - y * tilt_gap(theta * t);
    const double late = w.p_wait * (q.x / s1) * std::exp(expo) * a_series(s1, z).a / w.a_xy;
    if (p_served - late >= 1e-2 * p_served) return p_served - late;
    return integrated();  // the difference would cancel
  }
  // P(served, 0 < W <= T) = P(W > 0)·[P(x+1, y) − P(x+1, z)]/(ρ·P(x, y)), unless the
  // difference cancels (z close to y, or both values close in their tail): then the same
  // quantity as ∫_0^T of the served wait density.
  double larger = 0.0;
  const double diff = gamma_p_diff(s1, y, z, &larger);
  if (theta * t >= 1e-3 && diff >= 1e-2 * larger) {
    return w.p_w0 + w.p_wait * diff / (q.rho * w.gp_xy);
  }
  return integrated();
}

}  // namespace

AMetrics no_traffic_a(const Params& p) {
  AMetrics m;
  m.asa_s = 0.0;
  if (p.threshold_s) m.service_level = 1.0;
  if (p.agents > 0) m.occupancy = 0.0;
  return m;
}

AMetrics erlang_a_closed(const Params& p, bool want_asa) {
  if (!p.patience_s) throw std::invalid_argument("erlang_a: patience_s is required");
  const double patience = *p.patience_s;
  if (p.arrivals_per_hour / kSecondsPerHour == 0.0) return no_traffic_a(p);
  AMetrics m;
  if (p.agents == 0) {  // every caller abandons
    m.p_wait = 1.0;
    m.p_abandon = 1.0;
    m.mean_wait_s = patience;
    if (p.threshold_s) m.service_level = 0.0;
    return m;
  }
  const Palm q = palm_of(p);
  const WaitLaw w = wait_law(q);
  m.p_wait = w.p_wait;
  m.p_abandon = w.p_wait * w.p_ab_wait;
  const double p_served = w.p_w0 + w.p_wait * w.p_served_wait;
  m.mean_wait_s = m.p_abandon * patience;
  m.occupancy = std::min(1.0, q.a * p_served / p.agents);  // <= 1 exactly; min() drops an ulp
  const ServedDensity d = served_density(q, w);
  if (p.threshold_s) m.service_level = served_within(q, w, d, p_served, *p.threshold_s);
  if (want_asa) {
    const double inf = std::numeric_limits<double>::infinity();
    m.asa_s = d.k_peak * density_integral(q.theta, d.s1, d.c, d.vstar, 1, inf) / p_served;
  }
  return m;
}

AMetrics erlang_a(const Params& p) {
  return erlang_a_closed(p, true);
}

}  // namespace ccsim::erlang
