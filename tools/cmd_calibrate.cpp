// ccsim calibrate LOG: a scenario estimated from a per-contact log (models/measured/calibrate.h),
// as JSON on stdout or in --out; the fit report on stderr.
#include <array>
#include <cmath>
#include <sstream>

#include "models/io/text.h"
#include "models/measured/calibrate.h"
#include "models/scenario/scenario_json.h"
#include "tools/cli.h"
#include "tools/log_options.h"
#include "tools/options.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kCalibrateUsage =
    "usage: ccsim calibrate LOG [LOG...] [--preset anonymous-bank|ccsim | --columns MAP]\n"
    "                       [--days DAYS]"
    " [--predict-days DAYS] [--interval-minutes M] [--start HH:MM]\n"
    "                       [--end HH:MM] [--week] [OPTIONS]\n";

// The values of --staffing, the default first.
constexpr std::array<Choice<StaffingMethod>, 3> kStaffingMethods{{
    {"answered-at-once", StaffingMethod::AnsweredAtOnce},
    {"throughput", StaffingMethod::Throughput},
    {"activity", StaffingMethod::Activity},
}};

// The values of --patience, the default first (nullopt: the lowest AIC of every family).
constexpr std::array<Choice<std::optional<PatienceFamily>>, 6> kPatienceFamilies{{
    {"best", std::nullopt},
    {"exponential", PatienceFamily::Exponential},
    {"weibull", PatienceFamily::Weibull},
    {"lognormal", PatienceFamily::Lognormal},
    {"gamma", PatienceFamily::Gamma},
    {"piecewise_hazard", PatienceFamily::PiecewiseHazard},
}};

// "HH:MM" (HH up to 24, 24:00 only as an end) as seconds; nullopt if malformed.
std::optional<double> parse_hhmm(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = parse_integer(text.substr(0, 2)), m = parse_integer(text.substr(3, 2));
  if (!h || !m || *h < 0 || *h > 24 || *m < 0 || *m > 59 || (*h == 24 && *m != 0)) {
    return std::nullopt;
  }
  return double(*h * 3600 + *m * 60);
}

// The problem of a calibration, with the option it concerns.
std::string calibration_problem(const Calibration& cal) {
  switch (cal.error_in) {
    case Calibration::ErrorIn::Types:
      return "--types: " + *cal.error;
    case Calibration::ErrorIn::HorizonEnd:
      return "--end: " + *cal.error;
    case Calibration::ErrorIn::PredictDays:
      return "--predict-days: " + *cal.error;
    case Calibration::ErrorIn::Log:
      break;
  }
  return *cal.error;
}

// The options of calibrate besides the common and the log-reading ones, as given.
struct CalibrateArgs {
  std::string interval_minutes, start, end, resolution, types, name, staffing, predict_days,
      patience;
  bool week = false;
};

void add_calibrate_options(po::options_description& desc, CalibrateArgs& a) {
  desc.add_options()("interval-minutes", po::value<std::string>(&a.interval_minutes),
                     "interval length of the scenario, minutes (default 60)")(
      "start", po::value<std::string>(&a.start),
      "horizon start HH:MM (default: the first interval with at least 5% of the busiest interval's "
      "arrivals)")("end", po::value<std::string>(&a.end),
                   "horizon end HH:MM, 24:00 at most (default: the end of the last such interval)")(
      "staffing-resolution-minutes", po::value<std::string>(&a.resolution),
      "resolution of the estimated agent profile, minutes; divides the interval (default 15)")(
      "types", po::value<std::string>(&a.types),
      "only these contact types of the log, comma-separated (default: all)")(
      "name", po::value<std::string>(&a.name), "scenario name (default: from the log)")(
      "staffing", po::value<std::string>(&a.staffing),
      "agents estimator: answered-at-once (default: the activity estimate fitted by simulation "
      "to the share of callers answered at once), throughput (fitted to the share answered) or "
      "activity (agent activity alone)")(
      "patience", po::value<std::string>(&a.patience),
      "patience distribution family: best (default: the lowest AIC of exponential, weibull, "
      "lognormal, gamma and piecewise_hazard) or one of them")(
      "week", po::bool_switch(&a.week),
      "build a week from a Monday, each weekday's arrivals from the log's days of that weekday "
      "(default: one typical day)")(
      "predict-days", po::value<std::string>(&a.predict_days),
      "predict these days (same syntax as --days, none of them in --days): their arrivals and "
      "agents logged in, everything else learned on --days (default: describe --days)");
}

// --interval-minutes and --staffing-resolution-minutes.
void parse_intervals(const CalibrateArgs& a, const po::variables_map& vm, CalibrateOptions& options,
                     std::vector<std::string>& errors) {
  if (vm.count("interval-minutes")) {
    const auto v = parse_double(a.interval_minutes);
    if (!v || *v <= 0 || *v > 1440 || std::fmod(1440.0, *v) != 0) {
      errors.push_back("--interval-minutes: must divide a day of 1440 minutes (got " +
                       a.interval_minutes + ")");
    } else {
      options.interval_s = *v * 60;
    }
  }
  if (vm.count("staffing-resolution-minutes")) {
    const auto v = parse_double(a.resolution);
    if (!v || *v <= 0 || std::fmod(options.interval_s, *v * 60) != 0) {
      errors.push_back("--staffing-resolution-minutes: must be > 0 and divide the interval of " +
                       format_number(options.interval_s / 60, 0) + " minutes (got " + a.resolution +
                       ")");
    } else {
      options.staffing_resolution_s = *v * 60;
    }
  } else if (std::fmod(options.interval_s, options.staffing_resolution_s) != 0) {
    options.staffing_resolution_s = options.interval_s;
  }
}

// --start and --end.
void parse_horizon(const CalibrateArgs& a, const po::variables_map& vm, CalibrateOptions& options,
                   std::vector<std::string>& errors) {
  for (const auto& [key, text, slot] : {std::tuple{"--start", &a.start, &options.start_s},
                                        std::tuple{"--end", &a.end, &options.end_s}}) {
    if (!vm.count(key + 2)) continue;
    const auto v = parse_hhmm(*text);
    if (!v || (slot == &options.start_s && *v >= 86400)) {
      errors.push_back(std::string(key) + ": must be a time of day HH:MM (got " + *text + ")");
    } else {
      *slot = *v;
    }
  }
  if (options.start_s && std::fmod(*options.start_s, 60.0) == 0 && options.end_s &&
      *options.end_s <= *options.start_s) {
    errors.push_back("--end: must be after --start (got " + a.end + ")");
  }
}

// --types, --staffing, --patience and --name.
void parse_scenario_options(const CalibrateArgs& a, const po::variables_map& vm,
                            CalibrateOptions& options, std::vector<std::string>& errors) {
  if (vm.count("types")) {
    std::vector<std::string_view> items;
    std::vector<std::string> storage;
    text::split_fields(a.types, ',', items, storage);
    for (auto t : items) {
      if (t.empty()) {
        errors.push_back("--types: must list contact types separated by commas (got " + a.types +
                         ")");
        break;
      }
      options.types.emplace_back(t);
    }
  }
  if (vm.count("staffing")) {
    if (auto m = parse_choice("--staffing", a.staffing, kStaffingMethods, errors)) {
      options.staffing = *m;
    }
  }
  if (vm.count("patience")) {
    if (auto f = parse_choice("--patience", a.patience, kPatienceFamilies, errors)) {
      options.patience = *f;
    }
  }
  if (vm.count("name")) {
    if (a.name.empty()) {
      errors.push_back("--name: must not be empty (leave --name out for the default name)");
    } else if (!text::is_valid_utf8(a.name)) {
      errors.push_back("--name: must be UTF-8 text (got " + text::valid_utf8(a.name) + ")");
    }
  }
  options.name = a.name;
  options.week = a.week;
  if (vm.count("predict-days")) {
    std::string error;
    if (auto d = DaySelection::parse(a.predict_days, error)) {
      options.predict_days = *d;
    } else {
      errors.push_back("--predict-days: " + error);
    }
    if (a.week) {
      errors.push_back(
          "--predict-days: cannot be combined with --week (a prediction is one typical day of "
          "the days predicted)");
    }
  }
}

// Reads the log, calibrates, and writes the scenario (and the report unless --quiet).
int run_calibration(const CommonOptions& common, const ParsedLogOptions& log_options,
                    bool skip_bad_rows, const CalibrateOptions& options, std::ostream& out,
                    std::ostream& err) {
  std::vector<ContactLog> logs;
  for (const std::string& file : common.positional) {
    logs.push_back(read_contact_log(file, log_options.format));
  }
  const ContactLog log = join_logs(std::move(logs));
  if (log.fatal) {
    err << "error: " << log_problem(log) << "\n";
    return kExitBadInput;
  }
  if (!report_bad_rows(log.errors, log.bad, skip_bad_rows, log.source, err)) {
    return kExitBadInput;
  }
  const Calibration cal = calibrate(log, options);
  if (cal.error) {
    err << "error: " << calibration_problem(cal) << "\n";
    return kExitBadInput;
  }
  // The scenario must read back; anything else is a bug here.
  const std::string text =
      cal.scenario.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  const ScenarioParse check = parse_scenario(nlohmann::json::parse(text), ".");
  if (!check.ok()) {
    for (const auto& e : check.errors) err << "error: calibrated scenario: " << e << "\n";
    err << "ccsim calibrate: internal error: the calibrated scenario is not valid\n";
    return kExitFailure;
  }
  if (!common.quiet) err << calibration_report(cal);
  return emit(common, text, out, err);
}

}  // namespace

int cmd_calibrate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  LogCommandLine line;
  CalibrateArgs own;
  std::vector<std::string> errors;
  const LogCommandParse parsed = parse_log_command(
      args, kCalibrateUsage, [&](po::options_description& d) { add_calibrate_options(d, own); },
      OwnOptions::AfterLogOptions, line, errors, out);
  if (parsed == LogCommandParse::Help) return kExitOk;
  const CommonOptions& common = line.common;
  CalibrateOptions options;
  if (parsed == LogCommandParse::Read) {
    options.days = line.log.days;
    if (common.positional.empty()) errors.push_back("a log file is required");
    if (common.format && *common.format != Format::Json) {
      errors.push_back("--format: calibrate writes a scenario, which is JSON (got " +
                       line.raw.format + ")");
    } else {
      refuse_workbook(common, "calibrate", errors);
    }
    parse_intervals(own, line.vm, options, errors);
    parse_horizon(own, line.vm, options, errors);
    parse_scenario_options(own, line.vm, options, errors);
    options.threads = common.threads;
    options.replications = common.replications.value_or(20);
    options.seed = common.seed.value_or(1);
  }
  if (!errors.empty()) {
    return bad_input(err, errors, kCalibrateUsage);
  }
  std::vector<NamedFile> inputs;
  for (const std::string& file : common.positional) inputs.push_back({"the log", file});
  errors = same_file_errors(given_outputs(common.out), inputs);
  if (!errors.empty()) return bad_input(err, errors);
  return run_calibration(common, line.log, line.log_raw.skip_bad_rows, options, out, err);
}

}  // namespace ccsim::cli
