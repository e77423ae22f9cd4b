#include "models/queueing/erlang.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "models/queueing/erlang_a_internal.h"

namespace ccsim::erlang {
namespace {

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Erlang B and C.

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
