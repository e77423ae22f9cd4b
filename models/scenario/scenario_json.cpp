#include "models/scenario/scenario_json.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <set>
#include <system_error>
#include <utility>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/scenario/run_size.h"

namespace ccsim {

namespace {

using text::edit_distance;
using text::lower;

using nlohmann::json;
namespace fs = std::filesystem;

constexpr int kMaxErlangPhases = 1000;  // sampling an Erlang draws k uniforms
constexpr int kMaxTraceProblems = 20;   // messages per trace file before a summary line
// Bounds that keep a valid scenario's memory finite (models/README.md "Unstable and absurd
// scenarios").
constexpr long long kMaxAgentsPerGroup = 1'000'000;     // agents of one group on duty at once
constexpr long long kMaxConcurrency = 100;              // chats one agent holds at once
constexpr std::size_t kMaxTraceArrivals = 100'000'000;  // arrival times of one trace (800 MB)
constexpr std::size_t kMaxShownValue = 60;              // characters of a "got" value before "..."
constexpr const char* kEmailNeverAbandons = "ignored: email contacts never abandon";
constexpr int kDefaultMaxAttempts = 3;         // callback.max_attempts
constexpr double kDefaultRetryAfterS = 300.0;  // callback.retry_after_s
constexpr int kDefaultMaxRetrials = 10;        // retrial.max_retrials
// Sums of probabilities may exceed 1 by this much (rounding of decimal inputs, 0.9 + 0.1).
constexpr double kProbabilitySumTolerance = 1e-9;

const DistKind kDistKinds[] = {DistKind::Exponential, DistKind::Deterministic, DistKind::Uniform,
                               DistKind::Lognormal,   DistKind::Gamma,         DistKind::Erlang,
                               DistKind::Weibull,     DistKind::Empirical};
const Channel kChannels[] = {Channel::Voice, Channel::Chat, Channel::Email};
const CallbackMode kCallbackModes[] = {CallbackMode::VirtualHold, CallbackMode::Scheduled};
const WaitPredictor kWaitPredictors[] = {WaitPredictor::QueueLength,
                                         WaitPredictor::LastToEnterService};
const AgentChoice kAgentChoices[] = {AgentChoice::LongestIdle, AgentChoice::FastestGroup};

const std::vector<std::string>& params_of(DistKind kind) {
  return distribution_parameters().at(dist_name(kind));
}

// ---------------------------------------------------------------------------------------------
// Text

// The candidate `given` was most likely meant to be, or "" if none is close: the nearest by
// case-insensitive edit distance when that is at most 2 and at most half the candidate's
// length (first in `candidates` order on ties); otherwise the only candidate that `given`
// starts or is the start of, with the shorter of the two at least 3 characters long.
std::string closest(std::string_view given, const std::vector<std::string>& candidates) {
  const std::string g = lower(given);
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& c : candidates) {
    if (g.size() > c.size() + 2 || c.size() > g.size() + 2) continue;  // distance > 2
    const std::size_t dist = edit_distance(g, lower(c));
    if (dist < best_distance && dist <= c.size() / 2) {
      best = c;
      best_distance = dist;
    }
  }
  if (!best.empty()) return best;
  std::vector<std::string> prefixed;
  for (const std::string& c : candidates) {
    const std::string lc = lower(c);
    if (std::min(lc.size(), g.size()) >= 3 && (lc.starts_with(g) || g.starts_with(lc))) {
      prefixed.push_back(c);
    }
  }
  return prefixed.size() == 1 ? prefixed.front() : std::string();
}

std::string hint(std::string_view given, const std::vector<std::string>& candidates) {
  const std::string c = closest(given, candidates);
  return c.empty() ? std::string() : "; did you mean \"" + c + "\"?";
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Shortest text that reads back as the same double.
std::string number_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string shorten(std::string text) {
  if (text.size() <= kMaxShownValue) return text;
  std::size_t cut = kMaxShownValue - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// A JSON value as written in a message: JSON text, non-finite numbers as inf/-inf/nan, long
// values cut.
std::string show(const json& value) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    return number_text(value.get<double>());
  }
  return shorten(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string quoted(std::string_view text) {
  return shorten(json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace));
}

bool is_identifier(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  });
}

// Path of member `key` of the object at `path` ("" is the top level).
std::string member(const std::string& path, std::string_view key) {
  if (!is_identifier(key)) return path + "[" + quoted(key) + "]";
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Parses all of `text` as a double (std::from_chars syntax, an optional leading '+').
bool parse_double(std::string_view text, double& out) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// The first field of a line of an arrival trace (fields end at ',', ';' or a tab), without
// spaces and double quotes; nullopt for a blank line.
std::optional<std::string_view> trace_field(std::string_view text) {
  std::string_view field = text.substr(0, text.find_first_of(",;\t"));
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!field.empty() && is_space(field.front())) field.remove_prefix(1);
  while (!field.empty() && is_space(field.back())) field.remove_suffix(1);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    field = field.substr(1, field.size() - 2);
  }
  if (field.empty() && text.find_first_not_of(" \t,;") == std::string::npos) return std::nullopt;
  return field;
}

// Whether `field` begins as a number does (a digit, a sign or a decimal point): such a first
// line of a trace is data, never a header.
bool starts_like_number(std::string_view field) {
  return !field.empty() && (std::isdigit(static_cast<unsigned char>(field.front())) ||
                            field.front() == '+' || field.front() == '-' || field.front() == '.');
}

// "1 entry", "3 entries".
std::string entries(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " entry" : " entries");
}

// A computed number (a sum) as written in a message: rounded to 15 significant digits, so that
// 0.9 + 0.3 reads 1.2 and not 1.2000000000000002.
std::string computed_text(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15g", x);
  double rounded = x;
  return parse_double(buffer, rounded) ? number_text(rounded) : number_text(x);
}

bool is_time_of_day(const std::string& s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) ||
      !digit(s[4])) {
    return false;
  }
  return (s[0] - '0') * 10 + (s[1] - '0') <= 23 && s[3] <= '5';
}

// ---------------------------------------------------------------------------------------------
// Numeric rules

// An interval of allowed values; an absent end is unbounded. Its text is the rule, e.g.
// "must be > 0", "must be in [0, 1)".
struct Range {
  std::optional<double> lo;
  bool lo_open = false;
  std::optional<double> hi;
  bool hi_open = false;

  static Range above(double x) { return {x, true, std::nullopt, false}; }
  static Range at_least(double x) { return {x, false, std::nullopt, false}; }
  static Range closed(double a, double b) { return {a, false, b, false}; }
  static Range half_open(double a, double b) { return {a, false, b, true}; }
  static Range left_open(double a, double b) { return {a, true, b, false}; }
  static Range at_most(double x) { return {std::nullopt, false, x, false}; }

  bool contains(double x) const {
    if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
    if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
    return true;
  }
  std::string rule() const {
    if (lo && hi) {
      return std::string("must be in ") + (lo_open ? "(" : "[") + number_text(*lo) + ", " +
             number_text(*hi) + (hi_open ? ")" : "]");
    }
    if (lo) return std::string("must be ") + (lo_open ? "> " : ">= ") + number_text(*lo);
    if (hi) return std::string("must be ") + (hi_open ? "< " : "<= ") + number_text(*hi);
    return "must be a number";
  }
};

// ---------------------------------------------------------------------------------------------
// The validator

class Reader {
 public:
  explicit Reader(fs::path base_dir) : base_dir_(std::move(base_dir)) {}

  ScenarioParse run(const json& document) {
    ScenarioParse result;
    Scenario scenario;
    read_scenario(document, scenario);
    result.errors = std::move(errors_);
    result.warnings = std::move(warnings_);
    if (result.errors.empty()) result.scenario = std::move(scenario);
    return result;
  }

 private:
  // ---- messages

  void error(const std::string& path, const std::string& rule) {
    errors_.push_back((path.empty() ? std::string("(top level)") : path) + ": " + rule);
  }
  void error(const std::string& path, const std::string& rule, const json& got,
             const std::string& suffix = "") {
    error(path, rule + " (got " + show(got) + ")" + suffix);
  }
  void warning(const std::string& path, const std::string& message) {
    warnings_.push_back(path + ": " + message);
  }

  // ---- shapes

  static const json* find(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  bool expect_object(const json& value, const std::string& path) {
    if (value.is_object()) return true;
    error(path, "must be an object", value);
    return false;
  }

  bool expect_array(const json& value, const std::string& path) {
    if (value.is_array()) return true;
    error(path, "must be an array", value);
    return false;
  }

  bool expect_non_empty_array(const json& value, const std::string& path) {
    if (!expect_array(value, path)) return false;
    if (!value.empty()) return true;
    error(path, "must not be empty", value);
    return false;
  }

  // Reports every key of `object` that is not a key of `kind` as "unknown key", with a hint.
  void check_keys(const json& object, const std::string& path, const std::string& kind) {
    const std::vector<std::string>& known = scenario_keys().at(kind);
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      error(member(path, key), "unknown key" + hint(key, known));
    }
  }

  // Reports unless exactly one of `keys` is present in `object`.
  void exactly_one(const json& object, const std::string& path,
                   const std::vector<std::string>& keys) {
    std::vector<std::string> present;
    for (const std::string& key : keys) {
      if (object.contains(key)) present.push_back(key);
    }
    if (present.size() == 1) return;
    error(path, "must have exactly one of " + join(keys) + " (got " +
                    (present.empty() ? std::string("none") : join(present)) + ")");
  }

  // ---- scalars

  std::optional<double> number(const json& value, const std::string& path) {
    if (!value.is_number()) {
      error(path, "must be a number", value);
      return std::nullopt;
    }
    const double x = value.get<double>();
    if (!std::isfinite(x)) {
      error(path, "must be a finite number", value);
      return std::nullopt;
    }
    if (is_time_path(path) && x > kMaxTimeS) {
      error(path, "must be <= 1e9 s (about 31.7 years), so that results stay finite", value);
      return std::nullopt;
    }
    return x;
  }

  // A factor of handle times: > 0 and at most kMaxTimeFactor.
  std::optional<double> time_factor(const json& value, const std::string& path) {
    const std::optional<double> x = number(value, path, Range::above(0));
    if (x && !Range::at_most(kMaxTimeFactor).contains(*x)) {
      error(path, Range::at_most(kMaxTimeFactor).rule(), value);
      return std::nullopt;
    }
    return x;
  }

  // Whether `path` names a time: its last key ends in _s (an element of a list such as
  // values_s[3] included).
  static bool is_time_path(std::string_view path) {
    while (path.ends_with(']')) {
      const auto open = path.rfind('[');
      if (open == std::string_view::npos) break;
      path = path.substr(0, open);
    }
    return path.ends_with("_s");
  }

  std::optional<double> number(const json& value, const std::string& path, const Range& range) {
    const std::optional<double> x = number(value, path);
    if (!x) return std::nullopt;
    if (!range.contains(*x)) {
      error(path, range.rule(), value);
      return std::nullopt;
    }
    return x;
  }

  // An integer (a number with no fractional part, 3.0 included) in [min, max].
  std::optional<long long> integer(const json& value, const std::string& path,
                                   long long min = INT_MIN, long long max = INT_MAX) {
    long long x = 0;
    if (value.is_number_unsigned()) {
      const auto u = value.get<std::uint64_t>();
      x = u > std::uint64_t(LLONG_MAX) ? LLONG_MAX : static_cast<long long>(u);
    } else if (value.is_number_integer()) {
      x = value.get<long long>();
    } else if (value.is_number_float()) {
      const double d = value.get<double>();
      if (!std::isfinite(d) || std::floor(d) != d) {
        error(path, "must be an integer", value);
        return std::nullopt;
      }
      x = d >= 9.2e18 ? LLONG_MAX : d <= -9.2e18 ? LLONG_MIN : static_cast<long long>(d);
    } else {
      error(path, "must be an integer", value);
      return std::nullopt;
    }
    if (x < min) {
      error(path, "must be >= " + std::to_string(min), value);
      return std::nullopt;
    }
    if (x > max) {
      error(path, "must be <= " + std::to_string(max), value);
      return std::nullopt;
    }
    return x;
  }

  std::optional<std::string> string(const json& value, const std::string& path,
                                    bool non_empty = true) {
    if (!value.is_string()) {
      error(path, "must be a string", value);
      return std::nullopt;
    }
    std::string s = value.get<std::string>();
    if (non_empty && s.empty()) {
      error(path, "must not be empty", value);
      return std::nullopt;
    }
    return s;
  }

  // One of `names` (a string equal to one of them), with a hint when close to one.
  std::optional<std::size_t> one_of(const json& value, const std::string& path,
                                    const std::vector<std::string>& names) {
    if (!value.is_string()) {
      error(path, "must be a string", value);
      return std::nullopt;
    }
    const std::string s = value.get<std::string>();
    const auto it = std::find(names.begin(), names.end(), s);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    error(path, "must be one of " + join(names), value, hint(s, names));
    return std::nullopt;
  }

  // ---- scenario

  void read_scenario(const json& document, Scenario& scenario) {
    if (!expect_object(document, "")) return;
    check_keys(document, "", "scenario");

    if (const json* v = find(document, "$schema")) string(*v, "$schema", false);

    if (const json* v = find(document, "name")) {
      if (auto s = string(*v, "name")) scenario.name = *s;
    } else {
      error("name", "is required");
    }

    std::optional<Horizon> horizon;
    if (const json* v = find(document, "horizon")) {
      horizon = read_horizon(*v, "horizon");
      if (horizon) scenario.horizon = *horizon;
    } else {
      error("horizon", "is required");
    }
    const Horizon* h = horizon ? &*horizon : nullptr;

    if (const json* v = find(document, "simulation")) {
      read_simulation(*v, "simulation", h, scenario.simulation);
    }

    // Names of the contact types, as given (even if invalid as a name), for skills, and their
    // channels (absent when invalid), for the concurrency of the groups.
    std::vector<std::optional<std::string>> type_names;
    std::vector<std::optional<Channel>> type_channels;
    if (const json* v = find(document, "contact_types")) {
      if (expect_non_empty_array(*v, "contact_types")) {
        // Every type's name first, for transfers and channel switches to later types.
        std::vector<std::optional<std::string>> all_names;
        for (const json& t : *v) all_names.push_back(given_name(t));
        std::map<std::string, std::string> first_path;
        for (std::size_t i = 0; i < v->size(); ++i) {
          const std::string path = element("contact_types", i);
          ContactType type;
          std::optional<Channel> channel;
          type_names.push_back(
              read_contact_type((*v)[i], path, h, all_names, i, first_path, type, channel));
          type_channels.push_back(channel);
          scenario.contact_types.push_back(std::move(type));
        }
      }
    } else {
      error("contact_types", "is required");
    }

    bool skills_known = true;  // every group's skills could be read as an array
    std::vector<bool> covered(type_names.size(), false);
    if (const json* v = find(document, "agent_groups")) {
      if (expect_non_empty_array(*v, "agent_groups")) {
        std::map<std::string, std::string> first_path;
        for (std::size_t i = 0; i < v->size(); ++i) {
          AgentGroup group;
          skills_known &= read_agent_group((*v)[i], element("agent_groups", i), h, type_names,
                                           type_channels, first_path, group);
          for (int skill : group.skills) covered[static_cast<std::size_t>(skill)] = true;
          scenario.agent_groups.push_back(std::move(group));
        }
      } else {
        skills_known = false;
      }
    } else {
      error("agent_groups", "is required");
      skills_known = false;
    }

    if (skills_known) {
      for (std::size_t i = 0; i < type_names.size(); ++i) {
        const auto earlier = type_names.begin() + static_cast<std::ptrdiff_t>(i);
        const bool repeated = std::find(type_names.begin(), earlier, type_names[i]) != earlier;
        if (type_names[i] && !covered[i] && !repeated) {
          error(element("contact_types", i),
                "no agent group has the skill \"" + *type_names[i] + "\"");
        }
      }
    }

    if (const json* v = find(document, "routing")) read_routing(*v, "routing", scenario.routing);
  }

  void read_routing(const json& v, const std::string& path, Routing& routing) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "routing");
    if (const json* c = find(v, "agent_choice")) {
      std::vector<std::string> names;
      for (AgentChoice each : kAgentChoices) names.push_back(agent_choice_name(each));
      if (const auto index = one_of(*c, member(path, "agent_choice"), names)) {
        routing.agent_choice = kAgentChoices[*index];
      }
    }
  }

  // The name of contact type `v` as given, when it is a non-empty string (valid as a name or
  // not).
  static std::optional<std::string> given_name(const json& v) {
    if (!v.is_object()) return std::nullopt;
    const json* n = find(v, "name");
    if (!n || !n->is_string() || n->get_ref<const std::string&>().empty()) return std::nullopt;
    return n->get<std::string>();
  }

  std::optional<Horizon> read_horizon(const json& v, const std::string& path) {
    if (!expect_object(v, path)) return std::nullopt;
    check_keys(v, path, "horizon");
    const json* minutes = find(v, "interval_minutes");
    const json* intervals = find(v, "intervals");
    const json* duration = find(v, "duration_s");

    const bool by_intervals = minutes && intervals && !duration;
    const bool by_duration = duration && !minutes && !intervals;
    if (!by_intervals && !by_duration) {
      std::vector<std::string> present;
      for (const char* key : {"interval_minutes", "intervals", "duration_s"}) {
        if (v.contains(key)) present.push_back(key);
      }
      error(path, "must have either interval_minutes and intervals, or duration_s (got " +
                      (present.empty() ? std::string("none") : join(present)) + ")");
    }

    std::optional<double> minutes_value, duration_value;
    std::optional<long long> intervals_value;
    if (minutes)
      minutes_value = number(*minutes, member(path, "interval_minutes"), Range::above(0));
    if (intervals) intervals_value = integer(*intervals, member(path, "intervals"), 1);
    if (duration) duration_value = number(*duration, member(path, "duration_s"), Range::above(0));

    // A bad start is reported but keeps the horizon (with the default label), so that the
    // lengths of per_interval lists are still checked against it.
    Horizon horizon;
    if (const json* start = find(v, "start")) {
      const std::string start_path = member(path, "start");
      if (auto s = string(*start, start_path, false)) {
        if (is_time_of_day(*s)) {
          horizon.start = *s;
        } else {
          error(start_path, "must be a time of day \"HH:MM\" from 00:00 to 23:59", *start);
        }
      }
    }
    if (!by_intervals && !by_duration) return std::nullopt;
    if (by_intervals) {
      if (!minutes_value || !intervals_value) return std::nullopt;
      horizon.interval_s = *minutes_value * 60.0;
      horizon.intervals = static_cast<int>(*intervals_value);
      horizon.stationary = false;
    } else {
      if (!duration_value) return std::nullopt;
      horizon.interval_s = *duration_value;
      horizon.intervals = 1;
      horizon.stationary = true;
    }
    if (!std::isfinite(horizon.end_s())) {
      error(path, "must end at a finite time (got interval_minutes × 60 × intervals = " +
                      number_text(horizon.end_s()) + ")");
      return std::nullopt;
    }
    return horizon;
  }

  void read_simulation(const json& v, const std::string& path, const Horizon* horizon,
                       SimulationSettings& settings) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "simulation");
    if (const json* r = find(v, "replications")) {
      if (auto x = integer(*r, member(path, "replications"), 1)) {
        settings.replications = static_cast<int>(*x);
      }
    }
    if (const json* s = find(v, "seed")) read_seed(*s, member(path, "seed"), settings);
    if (const json* w = find(v, "warmup_s")) {
      const std::string warmup_path = member(path, "warmup_s");
      if (auto x = number(*w, warmup_path, Range::at_least(0))) {
        if (horizon && !(*x < horizon->end_s())) {
          error(warmup_path, "must be < horizon end = " + number_text(horizon->end_s()), *w);
        } else {
          settings.warmup_s = *x;
        }
      }
    }
  }

  // seed: an integer in [0, 2^64 - 1].
  void read_seed(const json& v, const std::string& path, SimulationSettings& settings) {
    if (v.is_number_unsigned()) {
      settings.seed = v.get<std::uint64_t>();
      return;
    }
    if (v.is_number_integer()) {  // signed: built in code (e.g. a sweep's range), not parsed
      if (v.get<long long>() < 0) {
        error(path, "must be >= 0", v);
      } else {
        settings.seed = static_cast<std::uint64_t>(v.get<long long>());
      }
      return;
    }
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (std::isfinite(d) && std::floor(d) == d) {
        if (d < 0) {
          error(path, "must be >= 0", v);
        } else if (d >= 18446744073709551616.0) {
          error(path, "must be <= 18446744073709551615", v);
        } else if (d >= 9007199254740992.0) {
          // Beyond 2^53 a double no longer holds every integer: the text may name another seed.
          error(path,
                "must be written without a decimal point or exponent from 2^53 = "
                "9007199254740992 on (such a number is rounded when read)");
        } else {
          settings.seed = static_cast<std::uint64_t>(d);
        }
        return;
      }
    }
    error(path, "must be an integer", v);
  }

  // Returns the type's name as given when it is a non-empty string (for skills), whether or
  // not it is valid as a name. Sets `valid_channel` to the type's channel unless it is invalid.
  // `type_names` are the names of every contact type as given (given_name()); this one is
  // type_names[self].
  std::optional<std::string> read_contact_type(
      const json& v, const std::string& path, const Horizon* horizon,
      const std::vector<std::optional<std::string>>& type_names, std::size_t self,
      std::map<std::string, std::string>& first_path, ContactType& type,
      std::optional<Channel>& valid_channel) {
    valid_channel.reset();
    if (!expect_object(v, path)) return std::nullopt;
    check_keys(v, path, "contact_type");

    std::optional<std::string> name_given;
    if (const json* n = find(v, "name")) {
      const std::string name_path = member(path, "name");
      if (auto s = string(*n, name_path)) {
        name_given = *s;
        type.name = *s;
        if (*s == "all") {
          error(name_path, "must not be \"all\", which names the total of all contact types", *n);
        } else if (auto [it, inserted] = first_path.emplace(*s, name_path); !inserted) {
          error(name_path, "must be unique, duplicate of " + it->second, *n);
        }
      }
    } else {
      error(member(path, "name"), "is required");
    }

    std::optional<Channel> channel = Channel::Voice;
    if (const json* c = find(v, "channel")) {
      std::vector<std::string> names;
      for (Channel ch : kChannels) names.push_back(channel_name(ch));
      const auto index = one_of(*c, member(path, "channel"), names);
      channel = index ? std::optional<Channel>(kChannels[*index]) : std::nullopt;
      if (channel) type.channel = *channel;
    }
    valid_channel = channel;

    if (const json* a = find(v, "arrivals")) {
      read_arrivals(*a, member(path, "arrivals"), horizon, type.arrivals);
    } else {
      error(member(path, "arrivals"), "is required");
    }

    if (const json* d = find(v, "handle_time")) {
      if (auto dist = read_distribution(*d, member(path, "handle_time"))) type.handle_time = *dist;
    } else {
      error(member(path, "handle_time"), "is required");
    }
    if (const json* d = find(v, "wrap_up"))
      type.wrap_up = read_distribution(*d, member(path, "wrap_up"));
    if (const json* d = find(v, "patience")) {
      const std::string patience_path = member(path, "patience");
      type.patience = read_distribution(*d, patience_path);
      if (channel == Channel::Email) {
        warning(patience_path, kEmailNeverAbandons);
        type.patience.reset();
      }
    }

    if (const json* s = find(v, "service_level")) {
      const std::string sl_path = member(path, "service_level");
      if (expect_object(*s, sl_path)) {
        check_keys(*s, sl_path, "service_level");
        if (const json* t = find(*s, "threshold_s")) {
          if (auto x = number(*t, member(sl_path, "threshold_s"), Range::at_least(0))) {
            type.service_level.threshold_s = *x;
          }
        } else {
          error(member(sl_path, "threshold_s"), "is required");
        }
        if (const json* t = find(*s, "target")) {
          if (auto x = number(*t, member(sl_path, "target"), Range::closed(0, 1))) {
            type.service_level.target = *x;
          }
        } else {
          error(member(sl_path, "target"), "is required");
        }
        type.has_service_level_target = true;
      }
    }

    if (const json* m = find(v, "max_abandon_rate")) {
      type.max_abandon_rate = number(*m, member(path, "max_abandon_rate"), Range::closed(0, 1));
    }
    if (const json* m = find(v, "max_asa_s")) {
      type.max_asa_s = number(*m, member(path, "max_asa_s"), Range::above(0));
    }
    if (const json* p = find(v, "priority")) {
      if (auto x = integer(*p, member(path, "priority"))) type.priority = static_cast<int>(*x);
    }

    if (const json* s = find(v, "self_service")) {
      read_self_service(*s, member(path, "self_service"), type);
    }
    if (const json* c = find(v, "chatbot")) {
      read_chatbot(*c, member(path, "chatbot"), channel, type);
    }
    if (const json* c = find(v, "callback")) {
      read_callback(*c, member(path, "callback"), channel, type);
    }
    if (const json* b = find(v, "balk")) {
      const std::string balk_path = member(path, "balk");
      type.balk = read_wait_curve(*b, balk_path);
      if (channel == Channel::Email) {
        warning(balk_path, kEmailNeverAbandons);
        type.balk.reset();
      }
    }
    if (const json* r = find(v, "retrial")) {
      read_retrial(*r, member(path, "retrial"), channel, type);
    }
    if (const json* s = find(v, "channel_switch")) {
      read_channel_switch(*s, member(path, "channel_switch"), channel, type_names, self, type);
    }
    if (const json* t = find(v, "transfers")) {
      read_transfers(*t, member(path, "transfers"), type_names, self, type);
    }
    if (const json* s = find(v, "satisfaction")) {
      type.satisfaction = read_wait_curve(*s, member(path, "satisfaction"));
    }
    return name_given;
  }

  // ---- flows of a contact type

  // The number at `key` of `object` (at `path`), checked against `range`; "is required" when
  // absent.
  std::optional<double> required_number(const json& object, const std::string& path,
                                        const char* key, const Range& range) {
    if (const json* x = find(object, key)) return number(*x, member(path, key), range);
    error(member(path, key), "is required");
    return std::nullopt;
  }

  std::optional<Distribution> required_distribution(const json& object, const std::string& path,
                                                    const char* key) {
    if (const json* d = find(object, key)) return read_distribution(*d, member(path, key));
    error(member(path, key), "is required");
    return std::nullopt;
  }

  std::optional<Distribution> optional_distribution(const json& object, const std::string& path,
                                                    const char* key) {
    if (const json* d = find(object, key)) return read_distribution(*d, member(path, key));
    return std::nullopt;
  }

  void read_self_service(const json& v, const std::string& path, ContactType& type) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "self_service");
    SelfService self_service;
    if (auto x = required_number(v, path, "deflection", Range::closed(0, 1))) {
      self_service.deflection = *x;
    }
    type.self_service = self_service;
  }

  void read_chatbot(const json& v, const std::string& path, std::optional<Channel> channel,
                    ContactType& type) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "chatbot");
    Chatbot bot;
    const auto containment = required_number(v, path, "containment", Range::closed(0, 1));
    if (containment) bot.containment = *containment;
    if (auto d = required_distribution(v, path, "bot_time")) bot.bot_time = *d;
    const json* sessions = find(v, "max_sessions");
    if (sessions) {
      if (auto x = integer(*sessions, member(path, "max_sessions"), 1)) {
        bot.max_sessions = static_cast<int>(*x);
      }
    }
    if (const json* q = find(v, "queue_patience")) {
      const std::string queue_path = member(path, "queue_patience");
      bot.queue_patience = read_distribution(*q, queue_path);
      if (!sessions) {
        warning(queue_path, "ignored: the bot has unlimited sessions");
        bot.queue_patience.reset();
      }
    }
    std::optional<double> abandon = 0.0;
    if (const json* a = find(v, "abandon_prob")) {
      abandon = number(*a, member(path, "abandon_prob"), Range::closed(0, 1));
      if (abandon) bot.abandon_prob = *abandon;
    }
    bot.handoff_handle_time = optional_distribution(v, path, "handoff_handle_time");
    if (const json* p = find(v, "handoff_patience")) {
      const std::string patience_path = member(path, "handoff_patience");
      bot.handoff_patience = read_distribution(*p, patience_path);
      if (channel == Channel::Email) {
        warning(patience_path, kEmailNeverAbandons);
        bot.handoff_patience.reset();
      }
    }
    if (containment && abandon && *containment + *abandon > 1.0 + kProbabilitySumTolerance) {
      error(path, "containment + abandon_prob must be <= 1 (got " +
                      computed_text(*containment + *abandon) + ")");
    }
    type.chatbot = std::move(bot);
  }

  void read_callback(const json& v, const std::string& path, std::optional<Channel> channel,
                     ContactType& type) {
    if (!expect_object(v, path)) return;
    if (channel == Channel::Email) error(path, "not available for channel email");
    check_keys(v, path, "callback");
    Callback callback;
    callback.max_attempts = kDefaultMaxAttempts;
    callback.retry_after_s = kDefaultRetryAfterS;

    std::optional<CallbackMode> mode = CallbackMode::VirtualHold;
    if (const json* m = find(v, "mode")) {
      std::vector<std::string> names;
      for (CallbackMode each : kCallbackModes) names.push_back(callback_mode_name(each));
      const auto index = one_of(*m, member(path, "mode"), names);
      mode = index ? std::optional<CallbackMode>(kCallbackModes[*index]) : std::nullopt;
      if (mode) callback.mode = *mode;
    }
    if (auto x = required_number(v, path, "offer_when_expected_wait_over_s", Range::at_least(0))) {
      callback.offer_when_expected_wait_over_s = *x;
    }
    if (auto x = required_number(v, path, "accept_prob", Range::closed(0, 1))) {
      callback.accept_prob = *x;
    }
    if (const json* r = find(v, "reach_prob")) {
      if (auto x = number(*r, member(path, "reach_prob"), Range::closed(0, 1))) {
        callback.reach_prob = *x;
      }
    }
    if (const json* a = find(v, "max_attempts")) {
      if (auto x = integer(*a, member(path, "max_attempts"), 1)) {
        callback.max_attempts = static_cast<int>(*x);
      }
    }
    if (const json* r = find(v, "retry_after_s")) {
      if (auto x = number(*r, member(path, "retry_after_s"), Range::at_least(0))) {
        callback.retry_after_s = *x;
      }
    }
    callback.dial_time = optional_distribution(v, path, "dial_time");
    if (const json* p = find(v, "predictor")) {
      std::vector<std::string> names;
      for (WaitPredictor each : kWaitPredictors) names.push_back(wait_predictor_name(each));
      if (const auto index = one_of(*p, member(path, "predictor"), names)) {
        callback.predictor = kWaitPredictors[*index];
      }
    }

    // When to call back: for mode scheduled only, and then exactly one of the two.
    const json* delay = find(v, "delay_s");
    const json* at_start = find(v, "at_interval_start_after");
    if (mode == CallbackMode::VirtualHold) {
      if (delay) error(member(path, "delay_s"), "only for mode scheduled");
      if (at_start) error(member(path, "at_interval_start_after"), "only for mode scheduled");
    } else {
      if (delay) {
        if (auto x = number(*delay, member(path, "delay_s"), Range::at_least(0))) {
          callback.delay_s = *x;
        }
      }
      if (at_start) {
        if (auto x = integer(*at_start, member(path, "at_interval_start_after"), 1)) {
          callback.at_interval_start_after = static_cast<int>(*x);
        }
      }
      if (mode == CallbackMode::Scheduled && (delay == nullptr) == (at_start == nullptr)) {
        error(path,
              std::string("must have exactly one of delay_s, at_interval_start_after for mode "
                          "scheduled (got ") +
                  (delay ? "delay_s, at_interval_start_after" : "none") + ")");
      }
    }
    type.callback = std::move(callback);
  }

  void read_retrial(const json& v, const std::string& path, std::optional<Channel> channel,
                    ContactType& type) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "retrial");
    Retrial retrial;
    retrial.max_retrials = kDefaultMaxRetrials;
    if (auto x = required_number(v, path, "prob", Range::closed(0, 1))) retrial.prob = *x;
    if (auto d = required_distribution(v, path, "delay")) retrial.delay = *d;
    if (const json* m = find(v, "max_retrials")) {
      if (auto x = integer(*m, member(path, "max_retrials"), 0)) {
        retrial.max_retrials = static_cast<int>(*x);
      }
    }
    if (channel == Channel::Email) {
      warning(path, kEmailNeverAbandons);
      return;
    }
    type.retrial = std::move(retrial);
  }

  // ---- customer behaviour

  // {"curve": [[wait_s, prob], ...]}: at least one point; wait_s >= 0 and strictly increasing;
  // prob in [0, 1].
  std::optional<WaitCurve> read_wait_curve(const json& v, const std::string& path) {
    if (!expect_object(v, path)) return std::nullopt;
    check_keys(v, path, "wait_curve");
    const json* c = find(v, "curve");
    const std::string curve_path = member(path, "curve");
    if (!c) {
      error(curve_path, "is required");
      return std::nullopt;
    }
    if (!expect_non_empty_array(*c, curve_path)) return std::nullopt;
    WaitCurve curve;
    bool ok = true;
    // wait_s of the previous point, when it is a valid wait (whether or not in order).
    double previous = 0.0;
    bool has_previous = false;
    for (std::size_t i = 0; i < c->size(); ++i) {
      const json& point = (*c)[i];
      const std::string point_path = element(curve_path, i);
      if (!expect_array(point, point_path)) {
        ok = false;
        has_previous = false;
        continue;
      }
      if (point.size() != 2) {
        error(point_path,
              "must have exactly 2 entries, [wait_s, prob] (got " + entries(point.size()) + ")");
        ok = false;
        has_previous = false;
        continue;
      }
      const std::string wait_path = element(point_path, 0);
      const std::optional<double> wait = number(point[0], wait_path, Range::at_least(0));
      bool point_ok = wait.has_value();
      if (wait && has_previous && !(*wait > previous)) {
        error(wait_path, "must be > " + number_text(previous) + ", the previous wait_s", point[0]);
        point_ok = false;
      }
      const auto prob = number(point[1], element(point_path, 1), Range::closed(0, 1));
      point_ok &= prob.has_value();
      if (point_ok) curve.points.emplace_back(*wait, *prob);
      ok &= point_ok;
      has_previous = wait.has_value();
      if (wait) previous = *wait;
    }
    if (!ok) return std::nullopt;
    return curve;
  }

  // The index of the contact type named by `v` (at `path`), which must be another type than
  // type_names[self].
  std::optional<int> other_type(const json& v, const std::string& path,
                                const std::vector<std::optional<std::string>>& type_names,
                                std::size_t self) {
    const auto name = string(v, path);
    if (!name) return std::nullopt;
    const auto it = std::find(type_names.begin(), type_names.end(), *name);
    if (it == type_names.end()) {
      std::vector<std::string> others;
      for (std::size_t i = 0; i < type_names.size(); ++i) {
        if (type_names[i] && i != self) others.push_back(*type_names[i]);
      }
      error(path, "must be the name of a contact type", v, hint(*name, others));
      return std::nullopt;
    }
    if (type_names[self] == *name) {
      error(path, "must name another contact type", v);
      return std::nullopt;
    }
    return static_cast<int>(it - type_names.begin());
  }

  void read_channel_switch(const json& v, const std::string& path, std::optional<Channel> channel,
                           const std::vector<std::optional<std::string>>& type_names,
                           std::size_t self, ContactType& type) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "channel_switch");
    ChannelSwitch channel_switch;
    bool ok = true;
    if (const json* t = find(v, "to")) {
      const auto to = other_type(*t, member(path, "to"), type_names, self);
      if (to) channel_switch.to = *to;
      ok &= to.has_value();
    } else {
      error(member(path, "to"), "is required");
      ok = false;
    }
    const auto prob = required_number(v, path, "prob", Range::closed(0, 1));
    if (prob) channel_switch.prob = *prob;
    const auto delay = required_distribution(v, path, "delay");
    if (delay) channel_switch.delay = *delay;
    ok &= prob && delay;
    if (channel == Channel::Email) {
      warning(path, kEmailNeverAbandons);
      return;
    }
    if (ok) type.channel_switch = std::move(channel_switch);
  }

  // [{"to": TYPE, "prob": p}, ...]: each `to` another type, at most once; p in (0, 1]; the
  // probabilities sum to <= 1.
  void read_transfers(const json& v, const std::string& path,
                      const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                      ContactType& type) {
    if (!expect_array(v, path)) return;
    std::map<int, std::string> seen;  // target type → first path naming it
    double sum = 0.0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& t = v[i];
      const std::string transfer_path = element(path, i);
      if (!expect_object(t, transfer_path)) continue;
      check_keys(t, transfer_path, "transfer");
      std::optional<int> to;
      const std::string to_path = member(transfer_path, "to");
      if (const json* x = find(t, "to")) {
        to = other_type(*x, to_path, type_names, self);
        if (to) {
          if (auto [first, inserted] = seen.emplace(*to, to_path); !inserted) {
            error(to_path, "must be unique, duplicate of " + first->second, *x);
            to.reset();
          }
        }
      } else {
        error(to_path, "is required");
      }
      const auto prob = required_number(t, transfer_path, "prob", Range::left_open(0, 1));
      if (prob) sum += *prob;
      if (to && prob) type.transfers.push_back({*to, *prob});
    }
    if (sum > 1.0 + kProbabilitySumTolerance) {
      error(path, "probabilities must sum to <= 1 (got " + computed_text(sum) + ")");
    }
  }

  // A list of exactly horizon->intervals entries (when the horizon is known), each checked by
  // `read_entry`; true if every entry was valid.
  bool per_interval(const json& v, const std::string& path, const Horizon* horizon,
                    const std::function<bool(const json&, const std::string&)>& read_entry) {
    if (!expect_array(v, path)) return false;
    bool ok = true;
    if (horizon && v.size() != static_cast<std::size_t>(horizon->intervals)) {
      error(path, "must have exactly " + entries(static_cast<std::size_t>(horizon->intervals)) +
                      ", one per interval (got " + entries(v.size()) + ")");
      ok = false;
    }
    for (std::size_t i = 0; i < v.size(); ++i) ok &= read_entry(v[i], element(path, i));
    return ok;
  }

  void read_arrivals(const json& v, const std::string& path, const Horizon* horizon,
                     Arrivals& arrivals) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "arrivals");
    exactly_one(v, path, scenario_keys().at("arrivals"));
    if (const json* r = find(v, "rate_per_hour")) {
      arrivals.kind = Arrivals::Kind::RatePerHour;
      if (auto x = number(*r, member(path, "rate_per_hour"), Range::at_least(0))) {
        arrivals.rate_per_hour = *x;
      }
    }
    if (const json* p = find(v, "per_interval")) {
      arrivals.kind = Arrivals::Kind::PerInterval;
      per_interval(*p, member(path, "per_interval"), horizon,
                   [&](const json& entry, const std::string& entry_path) {
                     const auto x = number(entry, entry_path, Range::at_least(0));
                     if (x) arrivals.per_interval.push_back(*x);
                     return x.has_value();
                   });
    }
    if (const json* t = find(v, "trace")) {
      arrivals.kind = Arrivals::Kind::Trace;
      const std::string trace_path = member(path, "trace");
      if (auto s = string(*t, trace_path)) {
        arrivals.trace_path = *s;
        read_trace(*s, trace_path, horizon, arrivals.trace_times_s);
      }
    }
  }

  // Arrival times from the CSV file `trace` (relative to base_dir_): the first field of each
  // non-blank line; a first line whose first field does not start like a number is a header.
  // Lines end in LF or CRLF; a CR alone is refused.
  void read_trace(const std::string& trace, const std::string& path, const Horizon* horizon,
                  std::vector<double>& times) {
    InputFile in(base_dir_ / fs::path(trace));
    if (in.problem()) {
      error(path, input_file_message(trace, *in.problem()));
      return;
    }
    int problems = 0;
    auto problem = [&](int line, const std::string& rule, const std::string& got) {
      if (++problems <= kMaxTraceProblems) {
        error(path, trace + " line " + std::to_string(line) + ": " + rule + " (got " + got + ")");
      }
    };
    std::string line;
    int line_number = 0;
    bool first = true;
    while (in.getline(line)) {
      ++line_number;
      std::string_view text(line);
      if (line_number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
      if (text.ends_with('\r')) text.remove_suffix(1);
      if (text.find('\r') != std::string_view::npos) {
        error(path, trace + " line " + std::to_string(line_number) +
                        ": has a carriage return (CR) inside the line: lines must end in LF or "
                        "CRLF (CR-only line ends are not supported)");
        return;
      }
      const std::optional<std::string_view> field = trace_field(text);
      if (!field) continue;
      const text::NumberRead read = text::read_number(*field);
      const double t = read.value;
      if (first) {
        first = false;
        if (read.kind == text::NumberKind::NotANumber && !starts_like_number(*field)) continue;
      }
      if (read.kind == text::NumberKind::NotANumber) {
        problem(line_number, "must be a number", quoted(*field));
      } else if (read.kind != text::NumberKind::Number) {
        problem(line_number,
                std::string("must be within the range of a double: ") +
                    (read.kind == text::NumberKind::Overflow ? "overflow" : "underflow"),
                std::string(*field));
      } else if (!std::isfinite(t)) {
        problem(line_number, "must be a finite number", std::string(*field));
      } else if (t < 0) {
        problem(line_number, "must be >= 0", std::string(*field));
      } else if (horizon && !(t < horizon->end_s())) {
        problem(line_number, "must be < horizon end = " + number_text(horizon->end_s()),
                std::string(*field));
      } else if (times.size() == kMaxTraceArrivals) {
        error(path, trace + ": must hold at most " + std::to_string(kMaxTraceArrivals) +
                        " arrival times (line " + std::to_string(line_number) + " is one more)");
        return;
      } else {
        times.push_back(t);
      }
    }
    if (in.problem()) {
      error(path, input_file_message(trace, *in.problem()));
      return;
    }
    if (problems > kMaxTraceProblems) {
      error(path, trace + ": " + std::to_string(problems - kMaxTraceProblems) +
                      " more lines with problems not shown");
    }
    if (problems == 0 && times.empty()) {
      error(path, trace + ": must contain at least one arrival time");
    }
    std::sort(times.begin(), times.end());
  }

  std::optional<Distribution> read_distribution(const json& v, const std::string& path) {
    if (!expect_object(v, path)) return std::nullopt;
    check_keys(v, path, "distribution");

    std::vector<std::string> names;
    for (DistKind kind : kDistKinds) names.push_back(dist_name(kind));
    const json* dist = find(v, "dist");
    std::optional<DistKind> kind;
    if (dist && dist->is_string()) {
      const auto it = std::find(names.begin(), names.end(), dist->get<std::string>());
      if (it != names.end()) kind = kDistKinds[it - names.begin()];
    }
    if (kind) {
      const std::vector<std::string>& own = params_of(*kind);
      for (const auto& [key, value] : v.items()) {
        const std::vector<std::string>& all = scenario_keys().at("distribution");
        if (key == "dist" || std::find(all.begin(), all.end(), key) == all.end()) continue;
        if (std::find(own.begin(), own.end(), key) == own.end()) {
          error(member(path, key),
                std::string("not a parameter of the ") + dist_name(*kind) + " distribution");
        }
      }
    }
    if (!dist) {
      error(member(path, "dist"), "is required");
      return std::nullopt;
    }
    if (!kind) {
      one_of(*dist, member(path, "dist"), names);
      return std::nullopt;
    }

    // Each parameter of the kind, required.
    auto param = [&](const char* key) -> const json* {
      const json* p = find(v, key);
      if (!p) error(member(path, key), "is required");
      return p;
    };
    auto positive = [&](const char* key) -> std::optional<double> {
      const json* p = param(key);
      return p ? number(*p, member(path, key), Range::above(0)) : std::nullopt;
    };

    std::optional<Distribution> d;
    switch (*kind) {
      case DistKind::Exponential:
      case DistKind::Deterministic: {
        const auto mean = positive("mean_s");
        if (mean) {
          d = *kind == DistKind::Exponential ? Distribution::exponential(*mean)
                                             : Distribution::deterministic(*mean);
        }
        break;
      }
      case DistKind::Uniform: {
        const json* min_json = param("min_s");
        const json* max_json = param("max_s");
        std::optional<double> min, max;
        if (min_json) min = number(*min_json, member(path, "min_s"), Range::at_least(0));
        if (max_json) {
          const std::string max_path = member(path, "max_s");
          max = number(*max_json, max_path);
          if (max && min && *max < *min) {
            error(max_path, "must be >= min_s = " + number_text(*min), *max_json);
            max.reset();
          } else if (max && !(*max > 0)) {
            error(max_path, "must be > 0", *max_json);
            max.reset();
          }
        }
        if (min && max) d = Distribution::uniform(*min, *max);
        break;
      }
      case DistKind::Lognormal:
      case DistKind::Gamma: {
        const auto mean = positive("mean_s");
        const auto cv = positive("cv");
        if (mean && cv) {
          d = *kind == DistKind::Lognormal ? Distribution::lognormal(*mean, *cv)
                                           : Distribution::gamma(*mean, *cv);
        }
        break;
      }
      case DistKind::Erlang: {
        const auto mean = positive("mean_s");
        const json* k_json = param("k");
        std::optional<long long> k;
        if (k_json) k = integer(*k_json, member(path, "k"), 1, kMaxErlangPhases);
        if (mean && k) d = Distribution::erlang(*mean, static_cast<int>(*k));
        break;
      }
      case DistKind::Weibull: {
        const auto mean = positive("mean_s");
        const auto shape = positive("shape");
        if (mean && shape) d = Distribution::weibull(*mean, *shape);
        break;
      }
      case DistKind::Empirical: {
        const json* values_json = param("values_s");
        if (!values_json) break;
        const std::string values_path = member(path, "values_s");
        if (!expect_non_empty_array(*values_json, values_path)) break;
        std::vector<double> values;
        bool ok = true;
        for (std::size_t i = 0; i < values_json->size(); ++i) {
          const auto x = number((*values_json)[i], element(values_path, i), Range::at_least(0));
          if (x) values.push_back(*x);
          ok &= x.has_value();
        }
        if (!ok) break;
        if (std::none_of(values.begin(), values.end(), [](double x) { return x > 0; })) {
          error(values_path, "must have at least one value > 0", *values_json);
          break;
        }
        d = Distribution::empirical(std::move(values));
        break;
      }
    }
    if (d && !numerically_sane(*d)) {
      error(path, "parameters out of numerical range", v);
      return std::nullopt;
    }
    return d;
  }

  // Whether the sampler's derived parameters, the mean and the cv are finite (and the scale
  // parameters positive), so that sampling gives the distribution asked for.
  static bool numerically_sane(const Distribution& d) {
    if (!std::isfinite(d.mean_s) || !(d.mean_s > 0)) return false;
    if (!std::isfinite(d.p1) || !std::isfinite(d.p2) || !std::isfinite(d.exact_cv())) return false;
    switch (d.kind) {
      case DistKind::Gamma:
        return d.p1 > 0 && d.p2 > 0;
      case DistKind::Erlang:
      case DistKind::Weibull:
        return d.p1 > 0;
      default:
        return true;
    }
  }

  // Returns false if the group's skills could not be read as an array (so coverage of the
  // contact types by skills is unknown).
  bool read_agent_group(const json& v, const std::string& path, const Horizon* horizon,
                        const std::vector<std::optional<std::string>>& type_names,
                        const std::vector<std::optional<Channel>>& type_channels,
                        std::map<std::string, std::string>& first_path, AgentGroup& group) {
    if (!expect_object(v, path)) return false;
    check_keys(v, path, "agent_group");

    if (const json* n = find(v, "name")) {
      const std::string name_path = member(path, "name");
      if (auto s = string(*n, name_path)) {
        group.name = *s;
        if (auto [it, inserted] = first_path.emplace(*s, name_path); !inserted) {
          error(name_path, "must be unique, duplicate of " + it->second, *n);
        }
      }
    } else {
      error(member(path, "name"), "is required");
    }

    bool skills_read = false;
    if (const json* s = find(v, "skills")) {
      const std::string skills_path = member(path, "skills");
      if (expect_non_empty_array(*s, skills_path)) {
        skills_read = true;
        std::vector<std::string> names;
        for (const auto& n : type_names) {
          if (n) names.push_back(*n);
        }
        std::map<int, std::string> seen;  // type index → first skills path naming it
        for (std::size_t i = 0; i < s->size(); ++i) {
          const std::string skill_path = element(skills_path, i);
          const auto name = string((*s)[i], skill_path);
          if (!name) continue;
          const auto it = std::find(type_names.begin(), type_names.end(), *name);
          if (it == type_names.end()) {
            error(skill_path, "must be the name of a contact type", (*s)[i], hint(*name, names));
            continue;
          }
          const int index = static_cast<int>(it - type_names.begin());
          if (auto [first, inserted] = seen.emplace(index, skill_path); !inserted) {
            error(skill_path, "must be unique, duplicate of " + first->second, (*s)[i]);
            continue;
          }
          group.skills.push_back(index);
        }
      }
    } else {
      error(member(path, "skills"), "is required");
    }

    if (const json* s = find(v, "staff")) {
      read_staff(*s, member(path, "staff"), horizon, group.staff);
    } else {
      error(member(path, "staff"), "is required");
    }

    std::optional<long long> concurrency = 1;
    if (const json* c = find(v, "concurrency")) {
      const std::string concurrency_path = member(path, "concurrency");
      concurrency = integer(*c, concurrency_path, 1, kMaxConcurrency);
      if (concurrency) group.concurrency = static_cast<int>(*concurrency);
      // Several contacts at once: chats only. Names the first skill of another channel.
      if (concurrency && *concurrency > 1) {
        for (int skill : group.skills) {
          const auto index = static_cast<std::size_t>(skill);
          if (type_channels[index] && *type_channels[index] != Channel::Chat) {
            error(concurrency_path, "must be 1 unless every skill is a chat contact type (got " +
                                        show(*c) + "; " + show(json(*type_names[index])) + " is " +
                                        channel_name(*type_channels[index]) + ")");
            break;
          }
        }
      }
    }
    if (const json* s = find(v, "concurrency_slowdown")) {
      const std::string slowdown_path = member(path, "concurrency_slowdown");
      if (expect_array(*s, slowdown_path)) {
        if (concurrency && s->size() != static_cast<std::size_t>(*concurrency)) {
          error(slowdown_path, "must have exactly " +
                                   entries(static_cast<std::size_t>(*concurrency)) +
                                   ", one per concurrent chat (got " + entries(s->size()) + ")");
        }
        for (std::size_t i = 0; i < s->size(); ++i) {
          if (auto x = time_factor((*s)[i], element(slowdown_path, i))) {
            group.concurrency_slowdown.push_back(*x);
          }
        }
      }
    }
    if (const json* s = find(v, "shrinkage")) {
      if (auto x = number(*s, member(path, "shrinkage"), Range::half_open(0, 1))) {
        group.shrinkage = *x;
      }
    }
    if (const json* m = find(v, "max_occupancy")) {
      const std::string occupancy_path = member(path, "max_occupancy");
      auto x = number(*m, occupancy_path, Range::above(0));
      if (x && !Range::at_most(1).contains(*x)) {
        error(occupancy_path, Range::at_most(1).rule(), *m);
        x.reset();
      }
      group.max_occupancy = x;
    }
    if (const json* s = find(v, "speed_factor")) {
      if (auto x = time_factor(*s, member(path, "speed_factor"))) {
        group.speed_factor = *x;
      }
    }
    if (const json* h = find(v, "handle_times")) {
      read_handle_times(*h, member(path, "handle_times"), type_names, skills_read, group);
    }
    return skills_read;
  }

  // {TYPE NAME: distribution, ...}: each name one of the group's skills (checked only when the
  // skills could be read). Stored in the order of the group's skills.
  void read_handle_times(const json& v, const std::string& path,
                         const std::vector<std::optional<std::string>>& type_names,
                         bool skills_read, AgentGroup& group) {
    if (!expect_object(v, path)) return;
    std::vector<std::string> names;
    for (const auto& n : type_names) {
      if (n) names.push_back(*n);
    }
    std::map<int, Distribution> by_type;
    for (const auto& [key, value] : v.items()) {
      const std::string entry_path = member(path, key);
      const auto it = std::find(type_names.begin(), type_names.end(), key);
      std::optional<int> index;
      if (it == type_names.end()) {
        error(entry_path, "must be the name of a contact type" + hint(key, names));
      } else if (const int i = static_cast<int>(it - type_names.begin());
                 !skills_read ||
                 std::find(group.skills.begin(), group.skills.end(), i) != group.skills.end()) {
        index = i;
      } else {
        error(entry_path, "must be a skill of this group");
      }
      const auto dist = read_distribution(value, entry_path);
      if (index && dist) by_type.emplace(*index, *dist);
    }
    for (int skill : group.skills) {
      if (const auto it = by_type.find(skill); it != by_type.end()) {
        group.handle_times.emplace_back(skill, it->second);
      }
    }
  }

  void read_staff(const json& v, const std::string& path, const Horizon* horizon, Staffing& staff) {
    if (!expect_object(v, path)) return;
    check_keys(v, path, "staff");
    exactly_one(v, path, scenario_keys().at("staff"));
    if (const json* c = find(v, "count")) {
      staff.kind = Staffing::Kind::Count;
      if (auto x = integer(*c, member(path, "count"), 0, kMaxAgentsPerGroup)) {
        staff.count = static_cast<int>(*x);
      }
    }
    if (const json* p = find(v, "per_interval")) {
      staff.kind = Staffing::Kind::PerInterval;
      per_interval(*p, member(path, "per_interval"), horizon,
                   [&](const json& entry, const std::string& entry_path) {
                     const auto x = integer(entry, entry_path, 0, kMaxAgentsPerGroup);
                     if (x) staff.per_interval.push_back(static_cast<int>(*x));
                     return x.has_value();
                   });
    }
    if (const json* s = find(v, "shifts")) {
      staff.kind = Staffing::Kind::Shifts;
      const std::string shifts_path = member(path, "shifts");
      if (expect_non_empty_array(*s, shifts_path)) {
        for (std::size_t i = 0; i < s->size(); ++i) {
          if (auto shift = read_shift((*s)[i], element(shifts_path, i), horizon)) {
            staff.shifts.push_back(*shift);
          }
        }
        // Agents on duty at once: the peak of the sum over overlapping shifts.
        std::vector<std::pair<double, long long>> changes;
        for (const Shift& shift : staff.shifts) {
          changes.emplace_back(shift.start_s, shift.count);
          changes.emplace_back(shift.end_s, -static_cast<long long>(shift.count));
        }
        std::sort(changes.begin(), changes.end());
        long long level = 0, peak = 0;
        for (const auto& [t, d] : changes) {
          level += d;
          peak = std::max(peak, level);
        }
        if (peak > kMaxAgentsPerGroup) {
          error(shifts_path, "must have at most " + std::to_string(kMaxAgentsPerGroup) +
                                 " agents on duty at once (got " + std::to_string(peak) + ")");
        }
      }
    }
  }

  std::optional<Shift> read_shift(const json& v, const std::string& path, const Horizon* horizon) {
    if (!expect_object(v, path)) return std::nullopt;
    check_keys(v, path, "shift");
    Shift shift;
    bool ok = true;
    std::optional<double> start;
    if (const json* s = find(v, "start_s")) {
      const std::string start_path = member(path, "start_s");
      start = number(*s, start_path, Range::at_least(0));
      if (start && horizon && !(*start < horizon->end_s())) {
        error(start_path, "must be < horizon end = " + number_text(horizon->end_s()), *s);
        ok = false;
      }
      if (start) shift.start_s = *start;
    } else {
      error(member(path, "start_s"), "is required");
    }
    ok &= start.has_value();
    if (const json* e = find(v, "end_s")) {
      const std::string end_path = member(path, "end_s");
      const auto end = number(*e, end_path);
      if (end && start && !(*end > *start)) {
        error(end_path, "must be > start_s = " + number_text(*start), *e);
        ok = false;
      } else if (end && !start && !(*end > 0)) {
        error(end_path, "must be > 0", *e);
        ok = false;
      }
      if (end) shift.end_s = *end;
      ok &= end.has_value();
    } else {
      error(member(path, "end_s"), "is required");
      ok = false;
    }
    if (const json* c = find(v, "count")) {
      const auto count = integer(*c, member(path, "count"), 0, kMaxAgentsPerGroup);
      if (count) shift.count = static_cast<int>(*count);
      ok &= count.has_value();
    } else {
      error(member(path, "count"), "is required");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return shift;
  }

  fs::path base_dir_;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

// ---------------------------------------------------------------------------------------------
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
       {"$schema", "name", "horizon", "simulation", "contact_types", "agent_groups", "routing"}},
      {"horizon", {"interval_minutes", "intervals", "duration_s", "start"}},
      {"simulation", {"replications", "seed", "warmup_s"}},
      {"contact_type",
       {"name", "channel", "arrivals", "handle_time", "wrap_up", "patience", "service_level",
        "max_abandon_rate", "max_asa_s", "priority", "self_service", "chatbot", "callback", "balk",
        "retrial", "channel_switch", "transfers", "satisfaction"}},
      {"arrivals", {"rate_per_hour", "per_interval", "trace"}},
      {"service_level", {"threshold_s", "target"}},
      {"distribution", {"dist", "mean_s", "cv", "min_s", "max_s", "k", "shape", "values_s"}},
      {"self_service", {"deflection"}},
      {"chatbot",
       {"containment", "bot_time", "max_sessions", "queue_patience", "abandon_prob",
        "handoff_handle_time", "handoff_patience"}},
      {"callback",
       {"mode", "offer_when_expected_wait_over_s", "accept_prob", "reach_prob", "max_attempts",
        "retry_after_s", "dial_time", "predictor", "delay_s", "at_interval_start_after"}},
      {"retrial", {"prob", "delay", "max_retrials"}},
      {"wait_curve", {"curve"}},
      {"channel_switch", {"to", "prob", "delay"}},
      {"transfer", {"to", "prob"}},
      {"agent_group",
       {"name", "skills", "staff", "concurrency", "concurrency_slowdown", "shrinkage",
        "max_occupancy", "speed_factor", "handle_times"}},
      {"staff", {"count", "per_interval", "shifts"}},
      {"shift", {"start_s", "end_s", "count"}},
      {"routing", {"agent_choice"}},
  };
  return table;
}

const std::map<std::string, std::vector<std::string>>& distribution_parameters() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {dist_name(DistKind::Exponential), {"mean_s"}},
      {dist_name(DistKind::Deterministic), {"mean_s"}},
      {dist_name(DistKind::Uniform), {"min_s", "max_s"}},
      {dist_name(DistKind::Lognormal), {"mean_s", "cv"}},
      {dist_name(DistKind::Gamma), {"mean_s", "cv"}},
      {dist_name(DistKind::Erlang), {"mean_s", "k"}},
      {dist_name(DistKind::Weibull), {"mean_s", "shape"}},
      {dist_name(DistKind::Empirical), {"values_s"}},
  };
  return table;
}

ScenarioParse parse_scenario(const nlohmann::json& document,
                             const std::filesystem::path& base_dir) {
  ScenarioParse parsed = Reader(base_dir).run(document);
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
