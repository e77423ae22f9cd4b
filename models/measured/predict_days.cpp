#include "models/measured/predict_days.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

namespace ccsim {

namespace {

// A day of the log as messages name it.
std::string day_name(std::int32_t day, LogOrigin origin) {
  return origin == LogOrigin::Midnight ? day_label(day) : "replication " + std::to_string(day);
}

double queue_entry(const LoggedContact& c) {
  return std::isnan(c.queue_s) ? c.arrival_s : c.queue_s;
}

// One day's contacts of the calibrated types that were answered or abandoned: all of them (what
// the staffing estimate reads) and those entering the queue within the horizon (what the
// arrivals count and the staffing fit matches).
struct DayContacts {
  std::vector<const LoggedContact*> staff, used;
};

// The contacts of each day of the log that `selection` selects (a day with any contact is
// present, as for CalibrateOptions::days).
std::map<std::int32_t, DayContacts> contacts_by_day(const PredictionInputs& in,
                                                    const DaySelection& selection,
                                                    const Calibration& cal) {
  std::map<std::int32_t, DayContacts> days;
  const double end = cal.start_s + cal.interval_s * cal.intervals;
  for (const LoggedContact& c : in.log.contacts) {
    if (!selection.contains(c.day, in.log.origin)) continue;
    DayContacts& d = days[c.day];
    if (c.outcome == LoggedOutcome::Other) continue;
    if (std::find(in.order.begin(), in.order.end(), std::size_t(c.type)) == in.order.end()) {
      continue;
    }
    d.staff.push_back(&c);
    const double t = queue_entry(c);
    if (t >= cal.start_s && t < end) d.used.push_back(&c);
  }
  return days;
}

// The arrivals of `days` per scenario type and interval, per day.
std::vector<std::vector<double>> arrivals_of(const PredictionInputs& in, const Calibration& cal,
                                             const std::vector<const DayContacts*>& days) {
  const auto ni = std::size_t(cal.intervals);
  std::vector<std::vector<double>> arrivals(in.order.size(), std::vector<double>(ni, 0.0));
  for (const DayContacts* d : days) {
    for (const LoggedContact* c : d->used) {
      const auto i =
          std::min(ni - 1, std::size_t((queue_entry(*c) - cal.start_s) / cal.interval_s));
      arrivals[std::size_t(in.type_index[std::size_t(c->type)])][i] += 1.0 / double(days.size());
    }
  }
  return arrivals;
}

// Step 1 of the staffing estimate over `days`.
StaffingEstimate activity_of(const PredictionInputs& in, const Calibration& cal,
                             const std::vector<const DayContacts*>& days) {
  std::vector<const LoggedContact*> staff;
  for (const DayContacts* d : days) staff.insert(staff.end(), d->staff.begin(), d->staff.end());
  return estimate_staffing(staff, days.size(), in.order.size(), in.type_index, cal.start_s,
                           cal.interval_s, cal.intervals, in.options.staffing_resolution_s);
}

// Agents available ÷ agents logged in of `est`, per interval; nullopt where nobody was logged
// in.
std::vector<std::optional<double>> ratios(const StaffingEstimate& est) {
  std::vector<std::optional<double>> r(est.logged_in.size());
  for (std::size_t h = 0; h < r.size(); ++h) {
    if (est.logged_in[h] > 0) r[h] = est.available_mean[h] / est.logged_in[h];
  }
  return r;
}

// The ratios of each day learned from, from the full staffing estimate of that day alone.
std::vector<std::vector<std::optional<double>>> daily_ratios(const PredictionInputs& in,
                                                             const Calibration& cal) {
  const std::map<std::int32_t, DayContacts> train = contacts_by_day(in, in.options.days, cal);
  const StaffingFitSettings settings{in.options.staffing, in.options.replications, in.options.seed,
                                     in.options.threads};
  std::vector<std::vector<std::optional<double>>> out;
  for (const auto& [day, contacts] : train) {
    if (contacts.used.empty()) continue;
    const std::vector<const DayContacts*> one{&contacts};
    StaffingEstimate est = activity_of(in, cal, one);
    if (in.options.staffing != StaffingMethod::Activity) {
      const std::vector<std::vector<double>> arrivals = arrivals_of(in, cal, one);
      fit_staffing(
          est, contacts.used, cal.start_s, cal.interval_s, settings,
          [&](const std::vector<double>& profile) { return in.scenario(arrivals, profile); });
    }
    out.push_back(ratios(est));
  }
  return out;
}

// p.ratio (from the estimate over the days learned from) and its day-to-day spread.
void learn_ratios(const PredictionInputs& in, const Calibration& cal, DayPrediction& p) {
  const std::vector<std::optional<double>> pooled = ratios(cal.staffing);
  const std::vector<std::vector<std::optional<double>>> daily = daily_ratios(in, cal);
  const std::size_t ni = pooled.size();
  p.ratio.assign(ni, 1.0);
  p.ratio_sd.assign(ni, 0.0);
  p.ratio_se.assign(ni, 0.0);
  p.ratio_days.assign(ni, 0);
  for (std::size_t h = 0; h < ni; ++h) {
    if (pooled[h]) p.ratio[h] = *pooled[h];
    double n = 0, sum = 0, ss = 0;
    for (const auto& day : daily) {
      if (!day[h]) continue;
      n += 1;
      sum += *day[h];
    }
    p.ratio_days[h] = std::size_t(n);
    if (n < 2) continue;
    for (const auto& day : daily) {
      if (day[h]) ss += (*day[h] - sum / n) * (*day[h] - sum / n);
    }
    p.ratio_sd[h] = std::sqrt(ss / (n - 1));
    p.ratio_se[h] = p.ratio_sd[h] / std::sqrt(n);
  }
}

// The predicted profile per slot (ratio × the predicted days' agents logged in), p.available,
// and p.availability_cv.
std::vector<double> apply_ratios(const StaffingEstimate& seen, DayPrediction& p) {
  const std::size_t ni = p.ratio.size();
  const std::size_t per_slot = seen.logged_in_slots.size() / std::max<std::size_t>(ni, 1);
  std::vector<double> profile(seen.logged_in_slots.size(), 0.0);
  p.available.assign(ni, 0.0);
  double weight = 0, weighted_cv = 0;
  for (std::size_t h = 0; h < ni; ++h) {
    for (std::size_t j = h * per_slot; j < (h + 1) * per_slot; ++j) {
      profile[j] = p.ratio[h] * seen.logged_in_slots[j];
      p.available[h] += profile[j] / double(per_slot);
    }
    double volume = 0;
    for (const std::vector<double>& type : p.arrivals) volume += type[h];
    if (!(p.ratio[h] > 0) || !(volume > 0)) continue;
    const double var =
        p.ratio_se[h] * p.ratio_se[h] +
        p.ratio_sd[h] * p.ratio_sd[h] / double(std::max<std::size_t>(p.days.size(), 1));
    weight += volume;
    weighted_cv += volume * std::sqrt(var) / p.ratio[h];
  }
  p.availability_cv = weight > 0 ? weighted_cv / weight : 0.0;
  return profile;
}

// False (and cal.error) when `test` is empty or shares a day with the days learned from.
bool check_days(const PredictionInputs& in, const std::map<std::int32_t, DayContacts>& test,
                Calibration& cal) {
  cal.error_in = Calibration::ErrorIn::PredictDays;
  if (test.empty()) {
    cal.error = no_contact_on_days(in.log, *in.options.predict_days);
    return false;
  }
  std::vector<std::int32_t> both;
  for (const auto& [day, contacts] : test) {
    if (in.options.days.contains(day, in.log.origin)) both.push_back(day);
  }
  if (!both.empty()) {
    cal.error =
        "must select none of the days learned from (" + day_name(both.front(), in.log.origin) +
        (both.size() > 1 ? " and " + std::to_string(both.size() - 1) + " more are" : " is") +
        " among both)";
    return false;
  }
  cal.error_in = Calibration::ErrorIn::Log;
  return true;
}

}  // namespace

std::vector<double> predict_days(const PredictionInputs& in, Calibration& cal) {
  const std::map<std::int32_t, DayContacts> test =
      contacts_by_day(in, *in.options.predict_days, cal);
  if (!check_days(in, test, cal)) return {};
  DayPrediction p;
  std::vector<const DayContacts*> days;
  for (const auto& [day, contacts] : test) {
    p.days.push_back(day);
    days.push_back(&contacts);
  }
  p.arrivals = arrivals_of(in, cal, days);
  const StaffingEstimate seen = activity_of(in, cal, days);
  p.logged_in = seen.logged_in;
  learn_ratios(in, cal, p);
  std::vector<double> profile = apply_ratios(seen, p);
  cal.prediction = std::move(p);
  return profile;
}

}  // namespace ccsim
