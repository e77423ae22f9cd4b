#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "models/measured/calibrate.h"
#include "models/measured/calibrate_text.h"

namespace ccsim {

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string opt(const std::optional<double>& v, int decimals) {
  return v ? fixed(*v, decimals) : "-";
}

std::string dist_text(const Distribution& d) {
  std::string s = dist_name(d.kind);
  switch (d.kind) {
    case DistKind::Lognormal:
    case DistKind::Gamma:
      return s + " mean " + fixed(d.mean_s, 1) + " s, cv " + fixed(d.cv, 2);
    case DistKind::Weibull:
      return s + " mean " + fixed(d.mean_s, 1) + " s, shape " + fixed(d.shape, 2);
    case DistKind::Empirical:
      return s + " (" + std::to_string(d.values_s.size()) + " values, mean " + fixed(d.mean_s, 1) +
             " s)";
    case DistKind::PiecewiseHazard:
      return s + " (" + std::to_string(d.hazard_per_s.size()) + " pieces, mean " +
             fixed(d.mean_s, 1) + " s)";
    default:
      return s + " mean " + fixed(d.mean_s, 1) + " s";
  }
}

void table(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()), 0);
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const std::string pad(width[c] - rows[i][c].size(), ' ');
      if (c) line += "  ";
      line += c == 0 ? rows[i][c] + pad : pad + rows[i][c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << "\n";
  }
}

// The data used: source, days, what became of the contacts, the horizon.
void report_data(std::ostringstream& out, const Calibration& c) {
  out << "Calibration from " << c.source << " (" << c.format << ")\n";
  if (c.origin == LogOrigin::Midnight) {
    out << "  days: " << c.days.size() << " (" << day_label(c.days.front()) << " to "
        << day_label(c.days.back()) << ")\n";
  } else {
    out << "  days (replications): " << c.days.size() << "\n";
  }
  out << "  contacts used: " << c.used << "; left out: " << c.outside_days << " on other days, "
      << c.outside_horizon << " outside the horizon, " << c.other << " never queued, "
      << c.excluded_types << " of other types; " << c.unknown_service
      << " answered with unknown talk time (left out of the handle-time fits)\n";
  out << "  horizon: " << clock_text(c.start_s) << " to "
      << clock_text(c.start_s + c.interval_s * c.intervals) << ", " << c.intervals
      << " intervals of " << fixed(c.interval_s / 60, 0) << " minutes\n\n";
}

void report_types(std::ostringstream& out, const Calibration& c) {
  out << "Contact types (arrivals per day; priority: median log priority of callers who waited)\n";
  std::vector<std::vector<std::string>> rows{
      {"type", "arrivals/day", "answered", "abandoned", "priority", "handle time"}};
  for (const TypeCalibration& t : c.types) {
    const double per_day = std::accumulate(t.arrivals.begin(), t.arrivals.end(), 0.0);
    rows.push_back({t.name, fixed(per_day, 1), std::to_string(t.answered),
                    std::to_string(t.abandoned), std::to_string(t.priority),
                    dist_text(t.handle.chosen) + (t.handle.pooled ? " (pooled)" : "")});
  }
  table(out, rows);
}

void report_handle_fits(std::ostringstream& out, const Calibration& c) {
  out << "\nHandle-time fits (maximum likelihood; log-likelihood per observation / KS distance;"
         " lowest AIC chosen unless KS > max(0.03, 1.63/sqrt(n)) or its mean is off by > 3%,"
         " then empirical)\n";
  std::vector<std::vector<std::string>> rows{
      {"type", "n", "mean", "cv", "exponential", "lognormal", "gamma", "chosen"}};
  for (const TypeCalibration& t : c.types) {
    std::vector<std::string> r{t.name + (t.handle.pooled ? " (pooled)" : ""),
                               std::to_string(t.handle.n), fixed(t.handle.mean_s, 1),
                               fixed(t.handle.cv, 2)};
    for (DistKind k : {DistKind::Exponential, DistKind::Lognormal, DistKind::Gamma}) {
      const auto it = std::find_if(t.handle.candidates.begin(), t.handle.candidates.end(),
                                   [&](const CandidateFit& f) { return f.kind == k; });
      r.push_back(it == t.handle.candidates.end()
                      ? "-"
                      : fixed(it->log_likelihood / double(t.handle.n), 3) + " / " +
                            fixed(it->ks, 3));
    }
    r.push_back(std::string(dist_name(t.handle.chosen.kind)) +
                (t.handle_means_s.empty() ? "" : ", mean per interval"));
    rows.push_back(r);
  }
  table(out, rows);
}

void report_interval_means(std::ostringstream& out, const Calibration& c) {
  std::vector<const TypeCalibration*> listed;
  for (const TypeCalibration& t : c.types) {
    if (!t.handle_means_s.empty() || !t.patience_means_s.empty()) listed.push_back(&t);
  }
  if (listed.empty()) return;
  out << "\nMeans per interval (handle time and patience, s; an interval with fewer than the"
         " minimum of its own talk times or abandonments, marked *, takes the type's mean over"
         " the day)\n";
  std::vector<std::vector<std::string>> rows{{"start"}};
  for (const TypeCalibration* t : listed) {
    rows[0].push_back(t->name + " handle");
    rows[0].push_back(t->name + " patience");
  }
  for (int i = 0; i < c.intervals; ++i) {
    const auto k = std::size_t(i);
    std::vector<std::string> r{clock_text(std::fmod(c.start_s + c.interval_s * i, 86400.0))};
    auto cell = [k](const std::vector<double>& means, const std::vector<std::size_t>& n,
                    std::size_t min_n) {
      if (means.empty()) return std::string("-");
      return fixed(means[k], 1) + (n[k] < min_n ? "*" : "");
    };
    for (const TypeCalibration* t : listed) {
      r.push_back(cell(t->handle_means_s, t->handle_n, c.min_interval_observations));
      r.push_back(cell(t->patience_means_s, t->abandoned_n, c.min_interval_abandonments));
    }
    rows.push_back(r);
  }
  table(out, rows);
}

std::string candidate_parameters(const PatienceCandidate& p) {
  if (p.family == PatienceFamily::PiecewiseHazard) {
    return std::to_string(p.parameters.size()) + " pieces, see below";
  }
  std::string text;
  for (const PatienceParameter& x : p.parameters) {
    if (!text.empty()) text += ", ";
    const int decimals = x.name == "mean_s" ? 1 : 3;
    text += x.name + " " + fixed(x.value, decimals);
    if (x.se) text += " ± " + fixed(*x.se, decimals);
  }
  return text;
}

// The pieces of each type's piecewise-hazard candidate: from, to, hazard ± standard error.
void report_patience_pieces(std::ostringstream& out, const Calibration& c) {
  std::vector<std::vector<std::string>> rows{{"type", "from s", "to s", "hazard per s", "se"}};
  for (const TypeCalibration& t : c.types) {
    if (t.patience.pooled) continue;
    for (const PatienceCandidate& p : t.patience.candidates) {
      if (p.family != PatienceFamily::PiecewiseHazard || p.outcome != FitOutcome::Converged) {
        continue;
      }
      for (std::size_t i = 0; i < p.parameters.size(); ++i) {
        rows.push_back({t.name, i == 0 ? "0" : fixed(p.breakpoints_s[i - 1], 1),
                        i < p.breakpoints_s.size() ? fixed(p.breakpoints_s[i], 1) : "-",
                        fixed(p.parameters[i].value, 5), opt(p.parameters[i].se, 5)});
      }
    }
  }
  if (rows.size() == 1) return;
  out << "\nPatience piecewise hazard (per piece: abandonments ÷ time waited in it)\n";
  table(out, rows);
}

// Each candidate of each type (own fits only): parameters ± SE, mean ± SE, log-likelihood, AIC,
// KS distance from Kaplan–Meier, the choice marked.
void report_patience_candidates(std::ostringstream& out, const Calibration& c) {
  out << "\nPatience candidates (maximum likelihood with censoring; ± one standard error from"
         " the observed information; KS: largest distance of the survival from Kaplan-Meier's;"
         " chosen: lowest AIC, marked *)\n";
  std::vector<std::vector<std::string>> rows{
      {"type", "candidate", "mean", "se", "log-lik", "AIC", "KS vs KM", "parameters"}};
  bool pooled_shown = false;
  for (const TypeCalibration& t : c.types) {
    if (t.patience.pooled && pooled_shown) continue;
    pooled_shown = pooled_shown || t.patience.pooled;
    const std::string type = t.patience.pooled ? "(pooled)" : t.name;
    for (std::size_t i = 0; i < t.patience.candidates.size(); ++i) {
      const PatienceCandidate& p = t.patience.candidates[i];
      const std::string name =
          std::string(family_name(p.family)) + (t.patience.chosen == i ? " *" : "");
      if (p.outcome != FitOutcome::Converged) {
        rows.push_back({type, name,
                        p.outcome == FitOutcome::TooFewAbandonments ? "too few abandonments"
                                                                    : "did not converge"});
        continue;
      }
      rows.push_back({type, name, fixed(p.mean_s, 1), opt(p.mean_se_s, 1),
                      fixed(p.log_likelihood, 1), fixed(p.aic, 1), fixed(p.ks_km, 3),
                      candidate_parameters(p)});
    }
  }
  table(out, rows);
}

// Kaplan–Meier survival beside the chosen fit's at the report times.
void report_patience_survival(std::ostringstream& out, const Calibration& c) {
  out << "\nPatience survival: Kaplan-Meier beside the chosen fit\n";
  std::vector<std::vector<std::string>> rows{{"type", "chosen"}};
  for (double t : patience_report_times_s()) {
    rows[0].push_back("KM S(" + fixed(t, 0) + ")");
    rows[0].push_back("fit S(" + fixed(t, 0) + ")");
  }
  for (const TypeCalibration& t : c.types) {
    if (!t.patience.chosen) continue;
    const PatienceCandidate& p = t.patience.candidates[*t.patience.chosen];
    std::vector<std::string> r{t.name, family_name(p.family)};
    for (std::size_t i = 0; i < t.patience.km_survival.size(); ++i) {
      r.push_back(opt(t.patience.km_survival[i], 3));
      r.push_back(i < p.survival.size() ? opt(p.survival[i], 3) : "-");
    }
    rows.push_back(r);
  }
  table(out, rows);
}

void report_patience(std::ostringstream& out, const Calibration& c) {
  out << "\nPatience (maximum likelihood with censoring: answered callers' patience exceeds their"
         " wait; the candidate of lowest AIC is chosen and written, see the candidates below; a"
         " piecewise hazard gives way to the next best where patience is written per interval;"
         " naive mean:"
         " the mean wait of abandoners, biased low)\n";
  std::vector<std::vector<std::string>> rows{
      {"type", "queued", "abandoned", "written", "chosen mean", "se", "naive mean", "KM median"}};
  for (const TypeCalibration& t : c.types) {
    rows.push_back({t.name + (t.patience.pooled ? " (pooled)" : ""),
                    std::to_string(t.patience.queued), std::to_string(t.patience.abandoned),
                    t.patience.distribution ? dist_text(*t.patience.distribution) : "-",
                    opt(t.patience.mean_s, 1), opt(t.patience.se_s, 1),
                    opt(t.patience.naive_mean_s, 1), opt(t.patience.km_median_s, 0)});
  }
  table(out, rows);
  report_patience_candidates(out, c);
  report_patience_pieces(out, c);
  report_patience_survival(out, c);
}

// One interval's row of the agents table.
std::vector<std::string> agents_row(const Calibration& c, std::size_t k, bool fitted) {
  double arrivals = 0;
  for (const TypeCalibration& t : c.types) arrivals += t.arrivals[k];
  const double avail = c.staffing.available_mean[k];
  std::vector<std::string> row{clock_text(std::fmod(c.start_s + c.interval_s * int(k), 86400.0)),
                               fixed(arrivals, 1),
                               fixed(avail, 2),
                               fixed(c.staffing.busy[k], 2),
                               avail > 0 ? fixed(c.staffing.busy[k] / avail, 3) : "-",
                               fixed(c.staffing.logged_in[k], 2),
                               fixed(c.staffing.distinct[k], 2),
                               fixed(c.staffing.busy_while_waiting[k], 2)};
  if (fitted) {
    row.push_back(fixed(c.staffing.activity[k], 2));
    row.push_back(opt(c.staffing.at_once_measured[k], 3));
    row.push_back(
        k < c.staffing.at_once_simulated.size() ? fixed(c.staffing.at_once_simulated[k], 3) : "-");
  }
  return row;
}

void report_agents(std::ostringstream& out, const Calibration& c) {
  out << "\nAgents per interval (averages over the days). available: the estimate used (agents"
         " serving, or idle since the last caller they could serve stopped waiting); busy: a"
         " lower bound; logged in: first to last service, an upper bound; distinct: agents who"
         " served in the interval; busy while waiting: agents serving while callers waited\n";
  const bool fitted = !c.staffing.activity.empty();
  if (fitted) {
    out << "Agents fitted to the share of callers " << c.staffing.fit_target << " ("
        << c.staffing.fit_iterations
        << " simulation rounds): available = the activity estimate shifted per interval until"
           " the simulated share matches the measured one\n";
  }
  std::vector<std::vector<std::string>> rows{{"start", "arrivals/day", "available", "busy",
                                              "occupancy", "logged in", "distinct",
                                              "busy while waiting"}};
  if (fitted) {
    rows[0].push_back("activity");
    rows[0].push_back(c.staffing.fit_target + " measured");
    rows[0].push_back(c.staffing.fit_target + " simulated");
  }
  for (int i = 0; i < c.intervals; ++i) rows.push_back(agents_row(c, std::size_t(i), fitted));
  table(out, rows);
}

// The days `days` of a log with `origin`, listed.
std::string days_text(const std::vector<std::int32_t>& days, LogOrigin origin) {
  std::string s;
  for (std::int32_t d : days) {
    if (!s.empty()) s += ", ";
    s += origin == LogOrigin::Midnight ? day_label(d) : std::to_string(d);
  }
  return s;
}

// The per-interval talk-time means learned, ± their standard errors.
void report_handle_se(std::ostringstream& out, const Calibration& c) {
  std::vector<std::vector<std::string>> rows{{"start"}};
  std::vector<const TypeCalibration*> listed;
  for (const TypeCalibration& t : c.types) {
    if (t.handle_means_s.empty() || t.handle_se_s.size() != std::size_t(c.intervals)) continue;
    listed.push_back(&t);
    rows[0].push_back(t.name + " handle");
    rows[0].push_back("se");
  }
  if (listed.empty()) return;
  out << "Handle time per interval learned (mean and standard error, s; * the type's mean over"
         " the day)\n";
  for (int i = 0; i < c.intervals; ++i) {
    const auto k = std::size_t(i);
    std::vector<std::string> r{clock_text(std::fmod(c.start_s + c.interval_s * i, 86400.0))};
    for (const TypeCalibration* t : listed) {
      const bool own = t->handle_n[k] >= c.min_interval_observations;
      r.push_back(fixed(t->handle_means_s[k], 1) + (own ? "" : "*"));
      r.push_back(own ? fixed(t->handle_se_s[k], 1) : "-");
    }
    rows.push_back(r);
  }
  table(out, rows);
}

// What a prediction of other days learned and applies (DayPrediction).
void report_prediction(std::ostringstream& out, const Calibration& c) {
  const DayPrediction& p = *c.prediction;
  out << "\nPrediction of other days\n  learned from " << c.days.size()
      << " days: " << days_text(c.days, c.origin) << "\n  predicted " << p.days.size()
      << " days: " << days_text(p.days, c.origin)
      << "\n  arrivals: the predicted days' average; handle times, patience and priorities:"
         " learned (above); agents available = r x the predicted days' agents logged in, per"
         " interval, where r = agents available / agents logged in over the days learned from;"
         " r sd: its day-to-day standard deviation (each day learned from fitted alone; days:"
         " how many), r se = r sd / sqrt(days)\n";
  std::vector<std::vector<std::string>> rows{
      {"start", "arrivals/day", "logged in", "r", "r sd", "r se", "days", "available"}};
  for (int i = 0; i < c.intervals; ++i) {
    const auto k = std::size_t(i);
    double arrivals = 0;
    for (const std::vector<double>& type : p.arrivals) arrivals += type[k];
    rows.push_back({clock_text(std::fmod(c.start_s + c.interval_s * i, 86400.0)),
                    fixed(arrivals, 1), fixed(p.logged_in[k], 2), fixed(p.ratio[k], 3),
                    fixed(p.ratio_sd[k], 3), fixed(p.ratio_se[k], 3),
                    std::to_string(p.ratio_days[k]), fixed(p.available[k], 2)});
  }
  table(out, rows);
  out << "  relative uncertainty of the agents available on the predicted days (cv, weighted by"
         " arrivals; sqrt(r se^2 + r sd^2 / predicted days) / r): "
      << fixed(p.availability_cv, 3) << "\n";
  report_handle_se(out, c);
}

}  // namespace

std::string calibration_report(const Calibration& c) {
  std::ostringstream out;
  report_data(out, c);
  report_types(out, c);
  report_handle_fits(out, c);
  report_patience(out, c);
  report_interval_means(out, c);
  report_agents(out, c);
  if (c.prediction) report_prediction(out, c);
  for (const std::string& w : c.warnings) out << "warning: " << w << "\n";
  return out.str();
}

}  // namespace ccsim
