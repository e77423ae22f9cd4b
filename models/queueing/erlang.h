// Exact analytic models of one queue of identical agents with Poisson arrivals and exponential
// handle times, as used by `ccsim erlang` and by `ccsim staff --method erlang`:
//
//   Erlang B  M/M/n/n     blocked calls are lost;
//   Erlang C  M/M/n       every caller waits as long as it takes;
//   Erlang A  M/M/n+M     callers abandon after an exponential patience (Palm's model).
//
// Every result is exact (to about 1e-12 relative; the contract asks for 1e-9) for any load and
// for any number of agents up to and beyond 10,000: nothing overflows, nothing is truncated
// except tails below 1e-17 of the quantity computed. (Values below the smallest double, such as
// B(10000, 5000) ≈ 6e-842, come out as 0.)
//
// Units: arrivals per hour, times in seconds, probabilities in [0, 1]. Notation in comments:
// λ arrival rate, μ = 1/AHT, θ = 1/mean patience (all per second), n agents, a = λ/μ the
// offered load in erlangs, ρ = a/n.
//
// KPI definitions follow the contract's simulation KPIs, so that the two can be compared:
//   p_block        P(an arrival finds all n agents busy and is lost)            (B)
//   p_wait         P(an arrival finds all n agents busy), by PASTA             (C, A)
//   asa_s          mean wait of answered (served) calls                        (C, A)
//   mean_wait_s    mean time in queue over all calls, abandoned included        (C, A)
//   service_level  P(answered within threshold_s) = answered within T ÷ offered (C, A)
//   abandon_rate   P(abandon) = abandoned ÷ (answered + abandoned)              (A)
//   occupancy      carried load ÷ n = a(1 − P(lost))/n                         (B, C, A)
//
// With no traffic (arrivals_per_hour = 0) nothing waits and nothing is lost: p_block = p_wait =
// abandon_rate = 0, asa_s = mean_wait_s = 0, service_level = 1, occupancy = 0 (nullopt with no
// agents), and min_agents() is 0.
//
// Edge cases (tests/theory/erlang_edge_test.cpp, and through `ccsim erlang` in
// tests/cli/hardening_test.cpp):
//   n = 0 with traffic   B: p_block = 1. C: unstable, p_wait = 1, asa_s and service_level
//                        nullopt. A: every caller abandons (abandon_rate 1, service_level 0,
//                        mean_wait_s = mean patience), asa_s nullopt. occupancy nullopt.
//   a = n                B finite (B(30, 30) = 0.13246). C unstable: p_wait = 1, occupancy 1,
//                        asa_s and service_level nullopt. A stable and finite at any load.
//   n = 10,000           every model finite, monotone in n, exact to the contract's 1e-9.
// Undefined values are nullopt (null in JSON, empty in CSV), never NaN.
//
// Thread safety: every function is pure and may be called concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::erlang {

// Largest number of agents min_agents() considers unless told otherwise.
inline constexpr int kMaxAgents = 100'000;

// ---------------------------------------------------------------------------------------------
// Erlang B

// Blocking probability of M/M/n/n with offered load a erlangs,
//   B(n, a) = (aⁿ/n!) / Σ_{k=0..n} aᵏ/k!,
// by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), O(n). No term can overflow, and
// the recursion contracts relative errors (each step multiplies an incoming relative error by
// k/(k + a·B(k−1)) < 1), so the result is exact to about n·1e-16 relative in the worst case.
// Results below the smallest double (e.g. B(10000, 5000) ≈ 6e-842) are returned as 0.
// REQUIRES: n >= 0; a >= 0 and finite.
double erlang_b(int n, double a);

// ---------------------------------------------------------------------------------------------
// Erlang C

// Probability of waiting in M/M/n: C(n, a) = n·B / (n − a + a·B) with B = B(n, a) when a < n;
// 1 when a >= n (the queue is unstable and every arrival eventually finds all agents busy).
// REQUIRES: n >= 0; a >= 0 and finite.
double erlang_c(int n, double a);

// The queue being modelled. patience_s is used by Erlang A only (mean of the exponential
// patience); threshold_s is the service-level threshold T (no service level without it).
struct Params {
  int agents = 0;
  double arrivals_per_hour = 0.0;
  double aht_s = 0.0;
  std::optional<double> patience_s;
  std::optional<double> threshold_s;
};

struct CMetrics {
  bool stable = true;   // a < n (or no traffic)
  double p_wait = 0.0;  // C(n, a); 1 when unstable
  // Mean wait of all calls (all are answered): C/(nμ − λ). nullopt when unstable.
  std::optional<double> asa_s;
  // P(W <= T) = 1 − C·e^{−(nμ−λ)T}. nullopt when unstable or without threshold_s.
  std::optional<double> service_level;
  // a/n; 1 when unstable (all agents busy for ever); nullopt when n = 0.
  std::optional<double> occupancy;
};

// Erlang C KPIs. patience_s is ignored.
// REQUIRES: agents >= 0; arrivals_per_hour >= 0 and finite; aht_s > 0 and finite;
// threshold_s, if given, >= 0 and finite.
CMetrics erlang_c_metrics(const Params& p);

// ---------------------------------------------------------------------------------------------
// Erlang A

struct AMetrics {
  double p_wait = 0.0;     // P(an arrival finds all agents busy)
  double p_abandon = 0.0;  // P(an arrival abandons before reaching an agent)
  // Mean wait of served calls, E[W | served]; nullopt when nobody is served (n = 0).
  std::optional<double> asa_s;
  // Mean time in queue over all calls, E[min(V, patience)] = p_abandon/θ (V: offered wait).
  double mean_wait_s = 0.0;
  // P(served and W <= T), i.e. answered within T ÷ offered; nullopt without threshold_s.
  std::optional<double> service_level;
  // a(1 − p_abandon)/n; nullopt when n = 0.
  std::optional<double> occupancy;
};

// Erlang A KPIs by closed forms (Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with
// applications to call centers", 2007; Garnett, Mandelbaum & Reiman, MSOM 4(3), 2002).
// With x = nμ/θ, y = λ/θ, E = B(n, a), P(s, z) the regularised lower incomplete gamma function
// (Boost.Math gamma_p) and
//   A(x, y) = Σ_{j≥0} yʲ / ((x+1)(x+2)…(x+j)) = x·e^y·y^{−x}·γ(x, y) = P(x, y) / p(x, y),
//   p(x, y) = y^x e^{−y} / Γ(x+1)  (= gamma_p_derivative(x+1, y)):
//   P(W > 0)          = A·E / (1 + (A − 1)·E)
//   P(Ab)             = P(W > 0)·(1 − 1/ρ + 1/(ρA))
//   P(served, W <= T) = P(W = 0) + P(W > 0)·[P(x+1, y) − P(x+1, y·e^{−θT})] / (ρ·P(x, y))
//   E[min(V, τ)]      = P(Ab)/θ
// These follow from the density of the offered wait V (the wait of a caller with infinite
// patience; derived from the chain by PASTA, cf. Mandelbaum & Zeltyn):
//   f_V(v) = π_n·nμ·exp(−nμv + y(1 − e^{−θv})) on v > 0, π_n = P(W > 0)/A,
// a caller being served iff its patience exceeds V (probability e^{−θv}). So
//   E[W | served] = ∫ v·e^{−θv} f_V(v) dv / P(served),
// integrated by Gauss–Legendre quadrature on pieces around the integrand's peak (no closed form
// is known). The service level uses the same integral over [0, T] instead of the difference of
// incomplete gamma functions where that difference would cancel (θT < 1e-3, or the two values
// within 1% of each other).
// Numerics: every quantity is formed without overflow (1/A instead of A, the density's peak value
// in closed form when π_n underflows). In deep underload (y < x and (x − y)² > 64y), where P(x, y)
// may underflow and 1 − 1/ρ + 1/(ρA) would cancel, A comes from its series (geometric there) and
// P(Ab | W > 0) = Σ j·Tⱼ / (y·A) with Tⱼ the series' terms. For x >= 1e7 the incomplete gamma
// functions are evaluated by Temme's uniform expansion (Boost.Math fails beyond about 1e10).
// Checked against erlang_a_birth_death() to <= 1.5e-12 relative over n = 1..10,000, loads 0.01n
// to 5n, patience 0.01 to 10,000 AHT and T = 0 to 300 s (tests/theory/erlang_test.cpp).
// Cost: O(n) for B(n, a), O(1) for the incomplete gamma functions, some hundreds of evaluations
// of the integrand for asa_s; in deep underload with a very long patience, the series adds
// O(min(x/(x − y), √x)) terms (about 1 ms at x = 1e8).
// REQUIRES: agents >= 0; arrivals_per_hour >= 0 and finite; aht_s > 0 and finite; patience_s
// given (else std::invalid_argument), > 0 and finite; threshold_s, if given, >= 0 and finite.
AMetrics erlang_a(const Params& p);

// The same KPIs computed directly from the birth–death chain (states k = 0, 1, …; birth λ,
// death min(k, n)μ + max(k − n, 0)θ), independently of erlang_a(), as a reference:
//   - stationary weights are built outwards from the mode by their ratios (no overflow) and
//     truncated where the remaining tail is below 1e-18 of the queue's mass;
//   - by PASTA an arrival finds j callers waiting with probability π_{n+j}; it then reaches an
//     agent after Vⱼ = a sum of j+1 independent exponentials with rates nμ+jθ, …, nμ+θ, nμ, and
//     is served iff its own patience exceeds Vⱼ: P(served | j) = E[e^{−θVⱼ}] = nμ/(nμ+(j+1)θ),
//     E[Vⱼ; served] = P(served | j)·Σ_{k=1..j+1} 1/(nμ+kθ);
//   - P(served, Vⱼ <= T) = P(served | j)·P(V'ⱼ <= T), V'ⱼ with rates nμ+(j+1)θ, …, nμ+θ
//     (exponential tilting: e^{−θv}·f_{Vⱼ}(v) = E[e^{−θVⱼ}]·f_{V'ⱼ}(v)). The mixture over j of
//     the V'ⱼ is the absorption time of a pure-death chain with rates nμ + mθ at level m, whose
//     transient law at T is computed by uniformisation: sums of non-negative terms only, with
//     Poisson weights built from their mode by ratios and normalised by their sum, and steps
//     continued until the remaining weight is below 1e-18 of the result (so that a tiny service
//     level keeps its relative accuracy too).
// All sums are accumulated in long double.
// Cost: O(states × (Λ·T + O(√(Λ·T)))) with Λ = nμ + (states above n)·θ; e.g. 10 ms for n =
// 10,000, a = 12,000, patience = AHT, T = 20 s.
// REQUIRES: as erlang_a(), and agents >= 1 (else std::invalid_argument). Throws
// std::length_error if more than max_states states would be needed (e.g. an overloaded queue
// with a very long patience).
AMetrics erlang_a_birth_death(const Params& p, std::size_t max_states = 20'000'000);

// ---------------------------------------------------------------------------------------------
// Calculator entry point (used by `ccsim erlang` and staffing)

enum class Model { B, C, A };

// "b", "c" or "a".
const char* model_name(Model model);
// Parses "b", "c", "a" (either case); nullopt otherwise.
std::optional<Model> parse_model(std::string_view name);

// One question to the calculator. Field names are the CLI's option names.
//   agents        evaluate at this many agents; without it, min_agents() searches.
//   patience_s    mean patience; required by model A, rejected by B and C.
//   threshold_s   T of the service level; C and A (required with target_sl).
//   target_sl     service_level >= target_sl (C, A).
//   target_asa_s  asa_s <= target_asa_s (C, A).
//   max_abandon   abandon_rate <= max_abandon (A). For model B, whose only lost calls are the
//                 blocked ones, it is the largest acceptable p_block.
//   max_block     p_block <= max_block (B only; same meaning as max_abandon there).
struct Query {
  Model model = Model::C;
  double arrivals_per_hour = 0.0;
  double aht_s = 0.0;
  std::optional<int> agents;
  std::optional<double> patience_s;
  std::optional<double> threshold_s;
  std::optional<double> target_sl;
  std::optional<double> target_asa_s;
  std::optional<double> max_abandon;
  std::optional<double> max_block;
};

// Reported KPIs. A KPI the model does not define, or that is undefined at this point (e.g.
// Erlang C when a >= n), is nullopt. B: p_block, occupancy. C: p_wait, asa_s, mean_wait_s,
// service_level (with threshold_s), occupancy. A: p_wait, asa_s, mean_wait_s, service_level
// (with threshold_s), abandon_rate, occupancy.
struct Report {
  Model model = Model::C;
  int agents = 0;
  double offered_load = 0.0;  // a = λ·AHT, erlangs
  bool stable = true;         // false only for Erlang C with traffic and a >= n
  std::optional<double> p_block;
  std::optional<double> p_wait;
  std::optional<double> asa_s;
  std::optional<double> mean_wait_s;
  std::optional<double> service_level;
  std::optional<double> abandon_rate;
  std::optional<double> occupancy;
};

// Every problem of q, one message each, as "field: problem (got value)"; empty if q is valid.
// Checks ranges (arrivals_per_hour >= 0, aht_s > 0, agents >= 0, patience_s > 0, threshold_s >=
// 0, targets in [0, 1], target_asa_s > 0, all finite), which fields each model accepts, that
// target_sl comes with threshold_s, and that agents or at least one target is given.
std::vector<std::string> validate(const Query& q);

// KPIs of q.model at q.agents agents (targets are ignored).
// REQUIRES: validate(q) is empty and q.agents is given; throws std::invalid_argument otherwise.
Report evaluate(const Query& q);

// True iff q has at least one target (target_sl, target_asa_s, max_abandon, max_block).
bool has_target(const Query& q);

// True iff r meets every target of q (a target on a KPI that r leaves undefined is not met).
bool meets_targets(const Query& q, const Report& r);

// The fewest agents n <= max_agents at which every target of q is met (q.agents is ignored);
// nullopt if even max_agents agents do not meet them. 0 when there is no traffic.
// Search: starts from a proven lower bound (C: n > a for stability; A: n >= target_sl·a and
// n >= (1 − max_abandon)·a, because the carried load a(1 − P(Ab)) cannot exceed n), gallops
// upwards and bisects, with O(log n) evaluations. It relies on every KPI being monotone in n
// (p_block, p_wait, asa_s, abandon_rate non-increasing and service_level non-decreasing, which
// holds for these models and is checked by tests/theory/erlang_test.cpp); the result n meets
// every target and n − 1 does not. Model B scans n upwards with the B recursion, O(n).
// REQUIRES: validate(q) is empty, q has at least one target, max_agents >= 0; throws
// std::invalid_argument otherwise.
std::optional<int> min_agents(const Query& q, int max_agents = kMaxAgents);

// ---------------------------------------------------------------------------------------------
// Staffing helpers (thin wrappers of min_agents() with the model fixed)

struct Targets {
  std::optional<double> threshold_s;
  std::optional<double> target_sl;
  std::optional<double> target_asa_s;
  std::optional<double> max_abandon;  // A only
};

// Fewest agents for Erlang C meeting the SL and/or ASA targets. REQUIRES as min_agents().
std::optional<int> min_agents_c(double arrivals_per_hour, double aht_s, const Targets& targets,
                                int max_agents = kMaxAgents);
// Fewest agents for Erlang A meeting the SL, ASA and/or abandonment targets.
std::optional<int> min_agents_a(double arrivals_per_hour, double aht_s, double patience_s,
                                const Targets& targets, int max_agents = kMaxAgents);
// Fewest agents for Erlang B with p_block <= max_block.
std::optional<int> min_agents_b(double arrivals_per_hour, double aht_s, double max_block,
                                int max_agents = kMaxAgents);

}  // namespace ccsim::erlang
