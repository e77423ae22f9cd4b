#include "tools/staff_overrides.h"

#include "models/scenario/run_size.h"
#include "tools/options.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

// Largest --volume-factor: beyond it a day's load is no longer a what-if of the forecast.
constexpr double kMaxVolumeFactor = 100.0;

// A share written as a number in [0, 1] or as a percentage "80%".
std::optional<double> parse_share(const std::string& text) {
  if (!text.empty() && text.back() == '%') {
    const auto p = parse_double(text.substr(0, text.size() - 1));
    if (p && *p >= 0.0 && *p <= 100.0) return *p / 100.0;
    return std::nullopt;
  }
  const auto p = parse_double(text);
  if (p && *p >= 0.0 && *p <= 1.0) return *p;
  return std::nullopt;
}

std::optional<ServiceLevelTarget> parse_service_level(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto target = parse_share(text.substr(0, slash));
  const auto threshold = parse_double(text.substr(slash + 1));
  if (!target || !threshold || *threshold < 0.0 || *threshold > kMaxTimeS) return std::nullopt;
  return ServiceLevelTarget{*threshold, *target};
}

// The value of option `name` when given: a number for which `valid` holds, else an error
// "--NAME: must be RULE (got TEXT)".
std::optional<double> checked_number(const po::variables_map& vm, const char* name,
                                     const std::string& text, bool (*valid)(double),
                                     const char* rule, std::vector<std::string>& errors) {
  if (!vm.count(name)) return std::nullopt;
  const auto x = parse_double(text);
  if (x && valid(*x)) return x;
  errors.push_back(std::string("--") + name + ": must be " + rule + " (got " + text + ")");
  return std::nullopt;
}

}  // namespace

void declare_override_options(po::options_description& desc, StaffOverrideArgs& a) {
  desc.add_options()("sl", po::value<std::string>(&a.sl),
                     "TARGET/THRESHOLD_S, e.g. 0.8/20 or 80%/20: service level target of every "
                     "contact type, replacing the scenario's")(
      "asa-s", po::value<std::string>(&a.asa_s),
      "most average speed of answer (seconds) of every contact type")(
      "max-abandon", po::value<std::string>(&a.max_abandon),
      "most share abandoned, in (0, 1], of every contact type")(
      "max-occupancy", po::value<std::string>(&a.max_occupancy),
      "most occupancy, in (0, 1], of every agent group")(
      "max-utilisation", po::value<std::string>(&a.max_utilisation),
      "X in (0, 1]: cap every group's utilisation (share of contact slots in use, what a chat "
      "cap means) at X, replacing the scenario's max_utilisation")(
      "volume-factor", po::value<std::string>(&a.volume_factor),
      "multiplies every contact type's volume (e.g. 1.1 for 10% more), in (0, 100]");
}

StaffOverrides check_overrides(const po::variables_map& vm, const StaffOverrideArgs& a,
                               std::vector<std::string>& errors) {
  StaffOverrides o;
  if (vm.count("sl")) {
    o.service_level = parse_service_level(a.sl);
    if (!o.service_level) {
      errors.push_back(
          "--sl: must be TARGET/THRESHOLD_S with TARGET a share in [0, 1] (or a percentage, "
          "80%) and THRESHOLD_S seconds >= 0, e.g. 0.8/20 (got " +
          a.sl + ")");
    }
  }
  o.max_asa_s = checked_number(
      vm, "asa-s", a.asa_s, [](double x) { return x > 0.0 && x <= kMaxTimeS; },
      "a number of seconds > 0", errors);
  o.max_abandon_rate = checked_number(
      vm, "max-abandon", a.max_abandon, [](double x) { return x > 0.0 && x <= 1.0; },
      "a share in (0, 1]", errors);
  o.max_occupancy = checked_number(
      vm, "max-occupancy", a.max_occupancy, [](double x) { return x > 0.0 && x <= 1.0; },
      "a share in (0, 1]", errors);
  o.max_utilisation = checked_number(
      vm, "max-utilisation", a.max_utilisation, [](double x) { return x > 0.0 && x <= 1.0; },
      "a number in (0, 1]", errors);
  o.volume_factor = checked_number(
      vm, "volume-factor", a.volume_factor,
      [](double x) { return x > 0.0 && x <= kMaxVolumeFactor; }, "a number in (0, 100]", errors);
  return o;
}

std::vector<std::string> apply_overrides(const StaffOverrides& o, Scenario& scenario) {
  std::vector<std::string> errors;
  for (ContactType& ct : scenario.contact_types) {
    if (o.service_level) {
      ct.service_level = *o.service_level;
      ct.has_service_level_target = true;
    }
    if (o.max_asa_s) ct.max_asa_s = o.max_asa_s;
    if (o.max_abandon_rate) ct.max_abandon_rate = o.max_abandon_rate;
    if (!o.volume_factor) continue;
    switch (ct.arrivals.kind) {
      case Arrivals::Kind::RatePerHour:
      case Arrivals::Kind::PerInterval:
        ct.arrivals.volume_factor *= *o.volume_factor;  // coupled: the forecast's contacts and more
        break;
      case Arrivals::Kind::Trace:
        errors.push_back("--volume-factor: contact type \"" + ct.name +
                         "\" replays an arrival trace, which a factor cannot scale (give its "
                         "arrivals as per_interval or rate_per_hour)");
        break;
    }
  }
  if (o.max_occupancy) {
    for (AgentGroup& g : scenario.agent_groups) g.max_occupancy = o.max_occupancy;
  }
  if (o.max_utilisation) {
    for (AgentGroup& g : scenario.agent_groups) g.max_utilisation = o.max_utilisation;
  }
  if (o.volume_factor && errors.empty()) {
    for (const std::string& e : check_run_size(scenario).errors) {
      errors.push_back("--volume-factor " + format_number(*o.volume_factor, 3) + ": " + e);
    }
  }
  return errors;
}

std::vector<std::string> override_texts(const StaffOverrides& o) {
  std::vector<std::string> t;
  if (o.service_level) {
    t.push_back("service level " + format_number(o.service_level->target, 3) + " within " +
                format_number(o.service_level->threshold_s, 0) +
                " s for every contact type (--sl)");
  }
  if (o.max_asa_s) {
    t.push_back("ASA at most " + format_number(*o.max_asa_s, 1) +
                " s for every contact type (--asa-s)");
  }
  if (o.max_abandon_rate) {
    t.push_back("abandonment at most " + format_number(*o.max_abandon_rate, 3) +
                " for every contact type (--max-abandon)");
  }
  if (o.max_occupancy) {
    t.push_back("occupancy at most " + format_number(*o.max_occupancy, 3) +
                " for every agent group (--max-occupancy)");
  }
  if (o.max_utilisation) {
    t.push_back("utilisation at most " + format_number(*o.max_utilisation, 3) +
                " for every agent group (--max-utilisation)");
  }
  if (o.volume_factor) {
    t.push_back("volume × " + format_number(*o.volume_factor, 3) +
                " for every contact type (--volume-factor)");
  }
  return t;
}

nlohmann::json overrides_json(const StaffOverrides& o) {
  nlohmann::json j = nlohmann::json::object();
  if (o.service_level) {
    j["service_level"] = {{"target", o.service_level->target},
                          {"threshold_s", o.service_level->threshold_s}};
  }
  if (o.max_asa_s) j["max_asa_s"] = *o.max_asa_s;
  if (o.max_abandon_rate) j["max_abandon_rate"] = *o.max_abandon_rate;
  if (o.max_occupancy) j["max_occupancy"] = *o.max_occupancy;
  if (o.max_utilisation) j["max_utilisation"] = *o.max_utilisation;
  if (o.volume_factor) j["volume_factor"] = *o.volume_factor;
  return j;
}

}  // namespace ccsim::cli
