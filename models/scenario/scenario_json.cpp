#include "models/scenario/scenario_json.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "models/io/input_file.h"
#include "models/scenario/agent_group_json.h"
#include "models/scenario/callback_slots_json.h"
#include "models/scenario/contact_type_json.h"
#include "models/scenario/costs_json.h"
#include "models/scenario/customer_behaviour_json.h"
#include "models/scenario/forecast_csv.h"
#include "models/scenario/horizon_json.h"
#include "models/scenario/initial_state_json.h"
#include "models/scenario/json_checker.h"
#include "models/scenario/outbound_json.h"
#include "models/scenario/run_size.h"
#include "models/scenario/trunks_json.h"

namespace ccsim {

namespace {

using nlohmann::json;
using reading::Checker;
using reading::element;
using reading::find;
using reading::member;

// What the contact types read tell the agent groups: each type's name as given (even if
// invalid as a name), for skills, and its channel (nullopt when invalid), for the concurrency
// of the groups.
struct TypesRead {
  std::vector<std::optional<std::string>> names;
  std::vector<std::optional<Channel>> channels;
};

void read_contact_types(Checker& in, const json& v, const Horizon* horizon, bool forecast_given,
                        Scenario& scenario, TypesRead& read) {
  if (!in.expect_non_empty_array(v, "contact_types")) return;
  // Every type's name first, for transfers and channel switches to later types.
  std::vector<std::optional<std::string>> all_names;
  for (const json& t : v) all_names.push_back(reading::given_name(t));
  std::map<std::string, std::string> first_path;
  for (std::size_t i = 0; i < v.size(); ++i) {
    ContactType type;
    std::optional<Channel> channel;
    read.names.push_back(reading::read_contact_type(in, v[i], element("contact_types", i), horizon,
                                                    all_names, i, first_path, type, channel,
                                                    forecast_given));
    read.channels.push_back(channel);
    scenario.contact_types.push_back(std::move(type));
  }
}

// Returns whether every group's skills could be read as an array; sets covered[k] for each
// type k some group is skilled for.
bool read_agent_groups(Checker& in, const json& v, const Horizon* horizon, const TypesRead& types,
                       Scenario& scenario, std::vector<bool>& covered) {
  if (!in.expect_non_empty_array(v, "agent_groups")) return false;
  bool skills_known = true;
  std::map<std::string, std::string> first_path;
  for (std::size_t i = 0; i < v.size(); ++i) {
    AgentGroup group;
    skills_known &= reading::read_agent_group(in, v[i], element("agent_groups", i), horizon,
                                              types.names, types.channels, first_path, group);
    for (int skill : group.skills) covered[static_cast<std::size_t>(skill)] = true;
    scenario.agent_groups.push_back(std::move(group));
  }
  return skills_known;
}

// Reports each contact type (named, and not a repeated name) that no agent group is skilled
// for.
void check_skill_coverage(Checker& in, const std::vector<std::optional<std::string>>& names,
                          const std::vector<bool>& covered) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto earlier = names.begin() + static_cast<std::ptrdiff_t>(i);
    const bool repeated = std::find(names.begin(), earlier, names[i]) != earlier;
    if (names[i] && !covered[i] && !repeated) {
      in.error(element("contact_types", i), "no agent group has the skill \"" + *names[i] + "\"");
    }
  }
}

void read_scenario(Checker& in, const json& document, Scenario& scenario) {
  if (!in.expect_object(document, "")) return;
  in.check_keys(document, "", "scenario");
  if (const json* v = find(document, "$schema")) in.string(*v, "$schema", false);
  if (const json* v = find(document, "name")) {
    if (auto s = in.string(*v, "name")) scenario.name = *s;
  } else {
    in.error("name", "is required");
  }

  std::optional<Horizon> horizon;
  if (const json* v = find(document, "horizon")) {
    horizon = reading::read_horizon(in, *v, "horizon");
    if (horizon) scenario.horizon = *horizon;
  } else {
    in.error("horizon", "is required");
  }
  const Horizon* h = horizon ? &*horizon : nullptr;
  if (const json* v = find(document, "simulation")) {
    reading::read_simulation(in, *v, "simulation", h, scenario.simulation);
  }

  TypesRead types;
  if (const json* v = find(document, "contact_types")) {
    read_contact_types(in, *v, h, find(document, "forecast") != nullptr, scenario, types);
  } else {
    in.error("contact_types", "is required");
  }
  if (scenario.contact_types.size() == types.names.size()) {
    reading::check_message_targets(in, scenario);
  }
  std::vector<bool> covered(types.names.size(), false);
  if (const json* v = find(document, "agent_groups")) {
    if (read_agent_groups(in, *v, h, types, scenario, covered)) {
      check_skill_coverage(in, types.names, covered);
    }
  } else {
    in.error("agent_groups", "is required");
  }

  if (h) {
    reading::DateAnchor anchor = reading::date_anchor(*h);
    if (const json* v = find(document, "forecast")) {
      reading::read_forecast_key(in, *v, "forecast", find(document, "contact_types"), anchor,
                                 scenario);
    }
    reading::read_rosters(in, anchor, scenario);
  }
  if (const json* v = find(document, "routing")) {
    reading::read_routing(in, *v, "routing", scenario.routing);
  }
  if (const json* v = find(document, "trunks")) {
    reading::read_trunks(in, *v, "trunks", types.names, types.channels, scenario);
  }
  if (const json* v = find(document, "callback_slots")) {
    reading::read_callback_slots(in, *v, "callback_slots", types.names, scenario);
  }
  reading::check_slots_ahead(in, scenario);
  if (const json* v = find(document, "outbound")) {
    reading::read_outbound(in, *v, "outbound", h, scenario);
  }
  if (const json* v = find(document, "initial_state")) {  // on-duty counts need valid staffing
    reading::read_initial_state(in, *v, "initial_state", scenario, h && !in.has_errors(),
                                scenario.initial_state);
  }
  if (const json* v = find(document, "costs")) {
    std::vector<std::optional<std::string>> group_names;
    for (const AgentGroup& g : scenario.agent_groups) {
      group_names.push_back(g.name.empty() ? std::nullopt : std::optional<std::string>(g.name));
    }
    reading::read_costs(in, *v, "costs", types.names, group_names, scenario);
  }
  finish_interval_means(scenario);
}

ScenarioParse read_document(const json& document, const std::filesystem::path& base_dir) {
  Checker in(base_dir);
  Scenario scenario;
  read_scenario(in, document, scenario);
  ScenarioParse result;
  result.errors = in.take_errors();
  result.warnings = in.take_warnings();
  if (result.errors.empty()) result.scenario = std::move(scenario);
  return result;
}

// Duplicate keys (which nlohmann::json silently collapses), found while parsing.
class DuplicateKeyFinder {
 public:
  // A parser callback: keeps the current path and reports keys repeated within one object.
  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    (void)depth;
    switch (event) {
      case json::parse_event_t::object_start:
        open(false);
        break;
      case json::parse_event_t::array_start:
        open(true);
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) duplicates_.push_back(path() + ": duplicate key");
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        finish_value();
        break;
      case json::parse_event_t::value:
        finish_value();
        break;
    }
    return true;
  }

  std::vector<std::string> take() { return std::move(duplicates_); }

 private:
  struct Frame {
    bool is_array = false;
    std::size_t index = 0;
    std::string key;
    std::set<std::string> keys;
  };

  void open(bool is_array) { frames_.push_back(Frame{is_array, 0, {}, {}}); }
  void finish_value() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  std::string path() const {
    std::string p;
    for (const Frame& f : frames_) p = f.is_array ? element(p, f.index) : member(p, f.key);
    return p;
  }

  std::vector<Frame> frames_;
  std::vector<std::string> duplicates_;
};

}  // namespace

const std::map<std::string, std::vector<std::string>>& scenario_keys() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"scenario",
       {"$schema", "name", "horizon", "simulation", "contact_types", "agent_groups", "forecast",
        "routing", "trunks", "callback_slots", "outbound", "initial_state", "costs"}},
      {"horizon", {"interval_minutes", "intervals", "duration_s", "start", "days", "start_date"}},
      {"simulation", {"replications", "seed", "warmup_s", "volume_cv"}},
      {"contact_type",
       {"name",
        "channel",
        "arrivals",
        "handle_time",
        "wrap_up",
        "patience",
        "service_level",
        "max_abandon_rate",
        "max_asa_s",
        "priority",
        "priority_per_minute_waited",
        "levels_after_s",
        "self_service",
        "chatbot",
        "callback",
        "balk",
        "retrial",
        "channel_switch",
        "transfers",
        "satisfaction",
        "lines",
        "max_queue",
        "max_expected_wait_s",
        "max_wait_s",
        "overflow",
        "message",
        "silent_abandonment",
        "wait_prediction"}},
      {"silent_abandonment", {"share", "detection_time"}},
      {"arrivals", {"rate_per_hour", "per_interval", "trace", "volume_cv"}},
      {"service_level", {"threshold_s", "target"}},
      {"distribution",
       {"dist", "mean_s", "cv", "min_s", "max_s", "k", "shape", "values_s", "breakpoints_s",
        "hazard_per_s"}},
      {"self_service", {"deflection"}},
      {"chatbot",
       {"containment", "bot_time", "max_sessions", "queue_patience", "abandon_prob",
        "handoff_handle_time", "handoff_patience"}},
      {"callback",
       {"mode", "offer_when_expected_wait_over_s", "accept_prob", "reach_prob", "max_attempts",
        "retry_after_s", "dial_time", "predictor", "delay_s", "at_interval_start_after",
        "slot_capacity", "max_slots_ahead"}},
      {"retrial", {"prob", "delay", "max_retrials", "blocked_prob", "blocked_delay"}},
      {"trunk", {"name", "lines", "contact_types"}},
      {"callback_slots", {"name", "capacity", "contact_types"}},
      {"outbound_campaign",
       {"name", "groups", "calls_per_interval", "list_size", "connect_prob", "talk_time", "wrap_up",
        "dial_time", "reserve_idle", "max_inbound_wait_s"}},
      {"overflow", {"to"}},
      {"message", {"accept_prob", "handled_as"}},
      {"wait_curve", {"curve"}},
      {"wait_prediction", {"predictor"}},
      {"channel_switch", {"to", "prob", "delay"}},
      {"transfer", {"to", "prob"}},
      {"agent_group",
       {"name", "skills", "staff", "concurrency", "concurrency_slowdown", "shrinkage",
        "max_occupancy", "max_utilisation", "speed_factor", "handle_times", "availability_cv"}},
      {"skill", {"type", "level"}},
      {"staff", {"count", "per_interval", "shifts", "file"}},
      {"shift", {"start_s", "end_s", "start", "end", "days", "count"}},
      {"routing", {"agent_choice"}},
      {"forecast", {"file"}},
      {"initial_state", {"waiting", "callbacks", "busy"}},
      {"busy_agent", {"elapsed_s", "remaining_s", "type"}},
      {"costs", {"agent_hour", "contact_types"}},
      {"type_costs",
       {"abandoned", "blocked", "balked", "per_minute_waited", "revenue_per_answered"}},
  };
  return table;
}

ScenarioParse parse_scenario(const nlohmann::json& document,
                             const std::filesystem::path& base_dir) {
  ScenarioParse parsed = read_document(document, base_dir);
  if (!parsed.ok()) return parsed;
  // A valid scenario may still be one no run can carry out (models/scenario/run_size.h).
  RunSizeCheck size = check_run_size(*parsed.scenario);
  parsed.warnings.insert(parsed.warnings.end(), size.warnings.begin(), size.warnings.end());
  if (!size.errors.empty()) {
    parsed.errors = std::move(size.errors);
    parsed.scenario.reset();
  }
  return parsed;
}

ScenarioParse load_scenario(const std::filesystem::path& file) {
  ScenarioParse failed;
  std::string text;
  if (auto problem = read_input_file(file, text)) {
    failed.errors.push_back(*problem);
    return failed;
  }
  return parse_scenario_text(text, file.string(), file.parent_path());
}

ScenarioParse parse_scenario_text(const std::string& text, const std::string& name,
                                  const std::filesystem::path& base_dir) {
  ScenarioParse failed;
  DuplicateKeyFinder duplicates;
  JsonParse<json> read = parse_json_text<json>(text, name, std::ref(duplicates));
  if (!read.document) {
    failed.errors.push_back(read.error);
    return failed;
  }
  const json& document = *read.document;
  ScenarioParse parsed = parse_scenario(document, base_dir);
  std::vector<std::string> errors = duplicates.take();
  if (!errors.empty()) {
    errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
    parsed.errors = std::move(errors);
    parsed.scenario.reset();
  }
  return parsed;
}

}  // namespace ccsim
