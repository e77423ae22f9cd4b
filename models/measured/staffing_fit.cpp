#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "models/centre/contact_centre.h"
#include "models/measured/measured.h"
#include "models/measured/staffing_estimate.h"
#include "models/queueing/erlang.h"
#include "models/scenario/scenario_json.h"
#include "sim/replicate.h"

namespace ccsim {

namespace {

// A caller answered within this time of entering the queue was answered at once (logs in whole
// seconds record 0; simulated waits are exact).
constexpr double kAtOnceS = 0.5;

// Per interval of the horizon: callers (answered or abandoned) per day, and the share of them
// answered at once.
void simulated_share(const Scenario& sc, int replications, std::uint64_t seed, unsigned threads,
                     bool answered_at_all, std::vector<double>& share) {
  const auto ni = std::size_t(sc.horizon.intervals);
  const double L = sc.horizon.interval_s, end = sc.horizon.end_s();
  using Counts = std::vector<std::array<double, 2>>;
  const std::vector<Counts> reps =
      sim::replicate<Counts>(std::size_t(replications), threads, [&](std::size_t r) {
        Counts c(ni, {0.0, 0.0});
        simulate_replication(sc, seed, r, [&](const ContactRecord& rec) {
          if (rec.outcome != Outcome::Answered && rec.outcome != Outcome::Abandoned) return;
          if (!(rec.arrival_s >= 0 && rec.arrival_s < end)) return;
          auto& cell = c[std::min(ni - 1, std::size_t(rec.arrival_s / L))];
          cell[0] += 1;
          if (rec.outcome == Outcome::Answered &&
              (answered_at_all ||
               (!rec.on_callback() && rec.answer_s - rec.queue_entry_s < kAtOnceS))) {
            cell[1] += 1;
          }
        });
        return c;
      });
  share.assign(ni, 0.0);
  for (std::size_t i = 0; i < ni; ++i) {
    double callers = 0, at_once = 0;
    for (const Counts& c : reps) {
      callers += c[i][0];
      at_once += c[i][1];
    }
    share[i] = callers > 0 ? at_once / callers : 0.0;
  }
}

// The callers of the log per interval, and the share of them answered at once (or answered),
// into est.at_once_measured; returns the callers per interval and sets `n_days`.
std::vector<double> measured_share(StaffingEstimate& est,
                                   const std::vector<const LoggedContact*>& used, double start,
                                   double L, bool throughput, double& n_days) {
  const std::size_t ni = est.busy.size();
  std::vector<double> callers(ni, 0.0), at_once(ni, 0.0);
  std::set<std::int32_t> days;
  for (const LoggedContact* c : used) {
    days.insert(c->day);
    const double entry = std::isnan(c->queue_s) ? c->arrival_s : c->queue_s;
    const auto i = std::min(ni - 1, std::size_t((entry - start) / L));
    callers[i] += 1;
    if (c->outcome == LoggedOutcome::Answered &&
        (throughput ||
         (!c->callback && !std::isnan(c->answer_s) && c->answer_s - entry < kAtOnceS))) {
      at_once[i] += 1;
    }
  }
  n_days = double(std::max<std::size_t>(days.size(), 1));
  est.at_once_measured.assign(ni, std::nullopt);
  for (std::size_t i = 0; i < ni; ++i) {
    if (callers[i] > 0) est.at_once_measured[i] = at_once[i] / callers[i];
  }
  return callers;
}

// The agents by which to shift interval i: a Newton step towards the measured share `diff` away,
// with the slope of Erlang A's share per agent at the interval's `mean` agents (at least 0.02),
// at most 1.5 agents, and never below the busy agents.
double newton_shift(const StaffingEstimate& est, std::size_t i, double diff, double mean,
                    const ErlangInterval& model, bool throughput) {
  erlang::Params p;
  p.arrivals_per_hour = model.arrivals_per_hour;
  p.aht_s = model.aht_s;
  p.patience_s = model.patience_s.value_or(1e9);
  p.agents = int(std::floor(mean));
  auto success = [&](const erlang::AMetrics& m) {
    return 1 - (throughput ? m.p_abandon : m.p_wait);
  };
  const double p0 = success(erlang::erlang_a(p));
  ++p.agents;
  const double p1 = success(erlang::erlang_a(p));
  const double step = std::clamp(diff / std::max(p1 - p0, 0.02), -1.5, 1.5);
  return std::max(step, est.busy[i] - mean);
}

}  // namespace

void fit_staffing(StaffingEstimate& est, const std::vector<const LoggedContact*>& used,
                  double start, double L, const StaffingFitSettings& settings,
                  const ScenarioWithProfile& scenario) {
  const std::size_t ni = est.busy.size();
  const auto per_slot = std::size_t(std::llround(L / est.slot_s));
  const bool throughput = settings.method == StaffingMethod::Throughput;
  double n_days = 1;
  const std::vector<double> callers = measured_share(est, used, start, L, throughput, n_days);
  est.activity = est.available_mean;
  est.fit_target = throughput ? "answered" : "answered at once";
  std::vector<double> simulated;
  for (est.fit_iterations = 0; est.fit_iterations < 15; ++est.fit_iterations) {
    const nlohmann::ordered_json j = scenario(est.available);
    const ScenarioParse parsed = parse_scenario(nlohmann::json::parse(j.dump()), ".");
    if (!parsed.ok()) return;
    const Scenario& sc = *parsed.scenario;
    simulated_share(sc, settings.replications, settings.seed, settings.threads, throughput,
                    simulated);
    est.at_once_simulated.assign(simulated.begin(), simulated.end());
    const std::vector<ErlangInterval> model = erlang_a_by_interval(sc);
    double worst = 0;
    for (std::size_t i = 0; i < ni; ++i) {
      if (callers[i] / n_days < 2.0 || !est.at_once_measured[i]) continue;
      const double diff = *est.at_once_measured[i] - simulated[i];
      worst = std::max(worst, std::abs(diff));
      const double mean = mean_available(est, i, per_slot);
      const double shift = newton_shift(est, i, diff, mean, model[i], throughput);
      for (std::size_t j = 0; j < per_slot; ++j) {
        double& x = est.available[i * per_slot + j];
        x = std::max(0.0, x + shift);
      }
    }
    if (worst < 0.005) break;
  }
  for (std::size_t i = 0; i < ni; ++i) est.available_mean[i] = mean_available(est, i, per_slot);
}

}  // namespace ccsim
