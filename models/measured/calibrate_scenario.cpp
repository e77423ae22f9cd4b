// The calibrated scenario as JSON (calibrate_scenario.h).
#include "models/measured/calibrate_scenario.h"

#include <cmath>
#include <utility>

#include "models/measured/calibrate_text.h"

namespace ccsim {

namespace {

// The staffing profile as shifts: in each slot ⌊x⌋ agents, plus one more for the first
// (x − ⌊x⌋) of the slot, so that the time-average over the slot is x (to the second).
nlohmann::ordered_json shifts_of(const std::vector<double>& slots, double slot_s) {
  struct Piece {
    double a, b;
    int n;
  };
  std::vector<Piece> pieces;
  auto push = [&](double a, double b, int n) {
    if (!(b > a)) return;
    if (!pieces.empty() && pieces.back().n == n && pieces.back().b == a) {
      pieces.back().b = b;
    } else {
      pieces.push_back({a, b, n});
    }
  };
  for (std::size_t j = 0; j < slots.size(); ++j) {
    const double start = double(j) * slot_s, end = start + slot_s;
    const double x = std::max(0.0, slots[j]);
    const int n = int(std::floor(x + 1e-9));
    const double split = start + std::round((x - n) * slot_s);
    push(start, split, n + 1);
    push(split, end, n);
  }
  nlohmann::ordered_json shifts = nlohmann::ordered_json::array();
  for (const Piece& p : pieces) {
    if (p.n <= 0) continue;
    shifts.push_back({{"start_s", p.a}, {"end_s", p.b}, {"count", p.n}});
  }
  return shifts;
}

// `means` each rounded to 0.1 s.
std::vector<double> rounded(const std::vector<double>& means) {
  std::vector<double> out;
  for (double m : means) out.push_back(round_to(m, 1));
  return out;
}

// The distribution `d`; with per-interval `means`, its mean_s is their list.
nlohmann::ordered_json distribution_json(const Distribution& d, const std::vector<double>& means) {
  nlohmann::ordered_json j;
  j["dist"] = dist_name(d.kind);
  switch (d.kind) {
    case DistKind::Lognormal:
    case DistKind::Gamma:
      j["mean_s"] = d.mean_s;
      j["cv"] = d.cv;
      break;
    case DistKind::Weibull:
      j["mean_s"] = d.mean_s;
      j["shape"] = d.shape;
      break;
    case DistKind::Empirical:
      j["values_s"] = d.values_s;
      break;
    case DistKind::PiecewiseHazard:
      j["breakpoints_s"] = d.breakpoints_s;
      j["hazard_per_s"] = d.hazard_per_s;
      break;
    default:
      j["mean_s"] = d.mean_s;
  }
  if (!means.empty() && j.contains("mean_s")) j["mean_s"] = rounded(means);
  return j;
}

}  // namespace

Distribution written_patience(const Distribution& d) {
  switch (d.kind) {
    case DistKind::Weibull:
      return Distribution::weibull(round_to(d.mean_s, 1), round_to(d.shape, 4));
    case DistKind::Lognormal:
      return Distribution::lognormal(round_to(d.mean_s, 1), round_to(d.cv, 4));
    case DistKind::Gamma:
      return Distribution::gamma(round_to(d.mean_s, 1), round_to(d.cv, 4));
    case DistKind::PiecewiseHazard: {
      std::vector<double> b = d.breakpoints_s, h = d.hazard_per_s;
      for (double& x : b) x = round_to(x, 1);
      for (double& x : h) x = round_to(x, 8);
      return Distribution::piecewise_hazard(std::move(b), std::move(h));
    }
    default:
      return Distribution::exponential(round_to(d.mean_s, 1));
  }
}

nlohmann::ordered_json scenario_json(const std::string& name, double interval_s, int intervals,
                                     double start, const CalibrateOptions& options,
                                     const std::vector<TypeCalibration>& types,
                                     const std::vector<double>& profile) {
  nlohmann::ordered_json sc;
  sc["name"] = name;
  sc["horizon"] = {{"interval_minutes", interval_s / 60.0},
                   {"intervals", intervals},
                   {"start", clock_text(std::fmod(start, 86400.0))}};
  sc["simulation"] = {{"replications", options.replications}, {"seed", options.seed}};
  nlohmann::ordered_json cts = nlohmann::ordered_json::array();
  nlohmann::ordered_json skills = nlohmann::ordered_json::array();
  for (const TypeCalibration& t : types) {
    nlohmann::ordered_json ct;
    ct["name"] = t.name;
    ct["channel"] = "voice";
    std::vector<double> per;
    for (double x : t.arrivals) per.push_back(round_to(x, 4));
    ct["arrivals"] = {{"per_interval", per}};
    ct["handle_time"] = distribution_json(t.handle.chosen, t.handle_means_s);
    if (t.wrap) ct["wrap_up"] = distribution_json(t.wrap->chosen, t.wrap_means_s);
    if (t.patience.distribution) {
      ct["patience"] =
          distribution_json(written_patience(*t.patience.distribution), t.patience_means_s);
    }
    ct["priority"] = t.priority;
    cts.push_back(ct);
    skills.push_back(t.name);
  }
  sc["contact_types"] = cts;
  nlohmann::ordered_json group;
  group["name"] = "agents";
  group["skills"] = skills;
  nlohmann::ordered_json shifts = shifts_of(profile, options.staffing_resolution_s);
  if (shifts.empty()) {
    group["staff"] = {{"count", 0}};
  } else {
    group["staff"] = {{"shifts", shifts}};
  }
  sc["agent_groups"] = nlohmann::ordered_json::array({group});
  return sc;
}

}  // namespace ccsim
