// Calibration: a scenario (as JSON, valid for `ccsim validate`) estimated from a per-contact
// log, with the fits behind it.
//
// Estimators (each documented at its declaration, in duration_fit.h, patience_fit.h and
// staffing_estimate.h):
//   - arrivals: contacts that reached the agent queue, per interval of their queue entry and
//     per type, ÷ the number of selected days present in the log;
//   - handle time per type: exponential, lognormal and gamma fitted by maximum likelihood, the
//     lowest AIC chosen unless it misfits (fit_durations), then an empirical distribution;
//   - patience per type: exponential, Weibull, lognormal, gamma and a piecewise-constant
//     hazard, by maximum likelihood with censoring, the lowest AIC chosen (fit_patience);
//   - per interval (by queue entry), where the data supports it: the mean handle time, the
//     mean wrap-up time and the mean patience of each type, written as lists of one mean_s per
//     interval with the shape of the type's fit (see TypeCalibration);
//   - priority per type: the median log priority of its contacts that waited;
//   - agents available over the day: from when agents served and when callers waited, then
//     fitted by simulation to the share of callers answered at once (StaffingEstimate),
//     averaged over the days, written as shifts;
//   - one agent group with every type as a skill;
//   - with predict_days (out of sample): everything above is learned on `days` except the
//     arrivals, which are those of the predicted days, and the agents available, which are the
//     predicted days' agents logged in times the ratio of agents available to agents logged in
//     learned on `days`, per interval (DayPrediction).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/measured/contact_log.h"
#include "models/measured/duration_fit.h"
#include "models/measured/patience_fit.h"
#include "models/measured/staffing_estimate.h"

namespace ccsim {

struct CalibrateOptions {
  DaySelection days;
  StaffingMethod staffing = StaffingMethod::AnsweredAtOnce;
  // The family of the patience distributions (fit_patience). Default: nullopt (the lowest AIC
  // of every family).
  std::optional<PatienceFamily> patience;
  unsigned threads = 0;  // for the simulations of the fit (0: all cores)
  double interval_s = 3600.0;
  // Horizon bounds in seconds from the day's origin (midnight; the horizon start for ccsim logs).
  // Default for dated logs: from the first to the end of the last interval (aligned on
  // midnight) with at least 5% of the arrivals of the busiest interval; for ccsim logs from 0 to
  // the end of the last interval with an arrival. end - start must be a multiple of interval_s.
  std::optional<double> start_s, end_s;
  double staffing_resolution_s = 900.0;  // slot of the agent profile (divides interval_s)
  std::vector<std::string> types;        // only these types (empty: every type of the log)
  std::string name;                      // scenario name (empty: "Calibrated from FILE")
  int replications = SimulationSettings{}.replications;  // Default: the scenario's default
  std::uint64_t seed = SimulationSettings{}.seed;        // Default: the scenario's default
  std::size_t min_handle_observations = 50;              // fewer: the pooled handle-time fit
  std::size_t min_abandonments = 10;                     // fewer: the pooled patience fit
  // Per-interval means: an interval with fewer talk times (wrap-up times) of a type than this
  // takes the type's mean. Default: 50.
  std::size_t min_interval_observations = 50;
  // Per-interval patience: an interval with fewer abandonments of a type than this takes the
  // type's mean. Default: 30.
  std::size_t min_interval_abandonments = 30;
  // A week (horizon.days 7 from a Monday, start_date set) instead of one typical day: each
  // weekday's arrivals are the average over the selected log days of that weekday (none on a
  // weekday without such a day), and the typical day's agents are on duty on each weekday the
  // log has; handle times and patience are fitted over every day. Dated logs only.
  // Default: false (one typical day).
  bool week = false;
  // The days to predict (out of sample): the scenario has their arrivals and their agents
  // logged in times the ratio learned on `days` (DayPrediction); everything else is learned on
  // `days`. REQUIRES: not with `week`. Must select at least one day of the log and none of
  // `days`. Default: none (the scenario describes `days` themselves).
  std::optional<DaySelection> predict_days;
};

struct TypeCalibration {
  std::string name;
  std::vector<double> arrivals;  // expected per interval (per day)
  std::size_t answered = 0, abandoned = 0;
  DurationFit handle;
  std::optional<DurationFit> wrap;  // when the log has wrap-up times
  PatienceFit patience;
  int priority = 0;
  // Means per interval, written as the mean_s list of handle_time, wrap_up and patience: each
  // interval's own mean (talk times; wrap-up times; the chosen patience shape with its scale
  // refitted to the interval, fit_patience_scale) where it has at
  // least min_interval_observations (min_interval_abandonments) of the type, else the type's
  // mean over the day (sample mean; patience fit). Empty (one mean for the day) unless at
  // least two intervals have their own and one of them is more than 3 standard errors from the
  // day's mean (so a constant mean stays one number), and always for a pooled fit and a mean
  // of 0. An
  // empirical fit, which has no mean_s, is replaced by its parametric candidate of lowest AIC
  // (its shape, cv) when the means are kept, if that candidate's KS distance is at most 0.1
  // (else the empirical fit stays, without per-interval means). A piecewise-hazard patience,
  // which has no mean_s, is likewise replaced by its parametric candidate of lowest AIC when the
  // means are kept (patience.distribution is then that candidate).
  std::vector<double> handle_means_s, wrap_means_s, patience_means_s;
  // Observations behind each interval's own mean (talk times; abandonments), per interval.
  std::vector<std::size_t> handle_n, abandoned_n;
  // Standard error of each interval's mean talk time (0 for an interval with fewer than 2 talk
  // times); per interval, set whenever handle_n is.
  std::vector<double> handle_se_s;
};

// The agents available on days predicted out of sample (CalibrateOptions::predict_days), per
// interval h: available_h = r_h × logged_in_h, where r_h = (agents available ÷ agents logged in)
// of the staffing estimate over the days learned from, and logged_in_h the predicted days'
// agents logged in (first to last service; applied per slot of the profile). An interval with
// nobody logged in on the days learned from has r_h = 1.
struct DayPrediction {
  std::vector<std::int32_t> days;  // the predicted days present in the log
  // Per scenario type (in the order of Calibration::types), per interval: the predicted days'
  // arrivals, per day.
  std::vector<std::vector<double>> arrivals;
  // Per interval:
  std::vector<double> logged_in;  // the predicted days' agents logged in (day average)
  std::vector<double> ratio;      // r_h
  // Day-to-day standard deviation of r_h, from the staffing estimate of each day learned from
  // alone (days with agents logged in in the interval), and the standard error of r_h
  // (sd ÷ √days); 0 with fewer than 2 such days.
  std::vector<double> ratio_sd, ratio_se;
  std::vector<std::size_t> ratio_days;  // the days behind ratio_sd
  std::vector<double> available;        // the predicted agents available (time-average)
  // Relative uncertainty of the predicted agents available: per interval
  // sqrt(se² + sd² ÷ predicted days) ÷ r_h, the error of the learned ratio plus the predicted
  // days' own deviation from it averaged over their number, averaged over the intervals
  // weighted by the predicted arrivals.
  double availability_cv = 0.0;
};

struct Calibration {
  std::optional<std::string> error;  // bad input (e.g. nothing on the selected days)
  // What `error` concerns: the log, or an option of CalibrateOptions (`types`; `end_s`, or
  // the end derived from the log; `predict_days`), whose value breaks the rule `error` states;
  // a program adds the name under which the user gave it.
  enum class ErrorIn { Log, Types, HorizonEnd, PredictDays };
  ErrorIn error_in = ErrorIn::Log;
  nlohmann::ordered_json scenario;  // keys in documentation order
  std::string source, format;
  std::vector<std::int32_t> days;  // the selected days present in the log (learned from)
  LogOrigin origin = LogOrigin::Midnight;
  double start_s = 0.0, interval_s = 3600.0;
  int intervals = 0;
  std::vector<TypeCalibration> types;
  StaffingEstimate staffing;                // over `days` (the days learned from)
  std::optional<DayPrediction> prediction;  // with CalibrateOptions::predict_days
  // Contacts of the log and what became of them.
  std::size_t used = 0;             // reached the agent queue within the horizon, on the days
  std::size_t outside_days = 0;     // on days not selected
  std::size_t outside_horizon = 0;  // before the horizon start or after its end
  std::size_t other = 0;            // never reached the agent queue (deflected, ...)
  std::size_t excluded_types = 0;   // of a type not in options.types
  std::size_t unknown_service = 0;  // answered with unknown talk time (left out of the fits)
  std::vector<std::string> warnings;
  // The thresholds of the per-interval means (CalibrateOptions), for the report.
  std::size_t min_interval_observations = 0, min_interval_abandonments = 0;
};

Calibration calibrate(const ContactLog& log, const CalibrateOptions& options);

// The fit report as text (for stderr): data used, horizon, per type arrivals, handle-time
// candidates and choice, patience, priority, and per interval the staffing estimates.
std::string calibration_report(const Calibration& c);

}  // namespace ccsim
