// The prediction of days not learned from (CalibrateOptions::predict_days, DayPrediction).
// Internal to models/measured: calibrate() calls it once the days learned from are fitted.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "models/measured/calibrate.h"

namespace ccsim {

// The calibrated scenario (as JSON) with arrivals per scenario type and interval (per day) and
// an agent profile (per slot).
using ScenarioWithArrivals = std::function<nlohmann::ordered_json(
    const std::vector<std::vector<double>>&, const std::vector<double>&)>;

// What the prediction takes from the calibration of the days learned from.
struct PredictionInputs {
  const ContactLog& log;
  const CalibrateOptions& options;  // REQUIRES: predict_days set
  // Scenario type k is log type order[k]; type_index maps a log type to its scenario type.
  const std::vector<std::size_t>& order;
  const std::vector<int>& type_index;
  ScenarioWithArrivals scenario;
};

// Sets cal.prediction from the days learned from (cal.days, cal.staffing fitted over them, the
// horizon of cal) and the predicted days of the log, and returns the predicted profile of agents
// available (per slot of options.staffing_resolution_s). On bad input (a predicted day among
// those learned from; no contact of the log on the predicted days) sets cal.error (ErrorIn::
// PredictDays) and returns an empty profile.
std::vector<double> predict_days(const PredictionInputs& in, Calibration& cal);

}  // namespace ccsim
