#include "models/scenario/json_checker.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <system_error>

#include "models/io/plural.h"
#include "models/io/text.h"
#include "models/scenario/scenario_json.h"

namespace ccsim::reading {

namespace {

using text::edit_distance;
using text::lower;

constexpr std::size_t kMaxShownValue = 60;  // characters of a "got" value before "..."

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

std::string shorten(std::string text) {
  if (text.size() <= kMaxShownValue) return text;
  std::size_t cut = kMaxShownValue - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

bool is_identifier(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  });
}

// Parses all of `text` as a double (std::from_chars syntax, an optional leading '+').
bool parse_double(std::string_view text, double& out) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// Whether `path` names a time: its last key ends in _s (an element of a list such as
// values_s[3] included).
bool is_time_path(std::string_view path) {
  while (path.ends_with(']')) {
    const auto open = path.rfind('[');
    if (open == std::string_view::npos) break;
    path = path.substr(0, open);
  }
  return path.ends_with("_s");
}

}  // namespace

// ---- paths and values in messages

std::string member(const std::string& path, std::string_view key) {
  if (!is_identifier(key)) return path + "[" + quoted(key) + "]";
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string number_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string computed_text(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15g", x);
  double rounded = x;
  return parse_double(buffer, rounded) ? number_text(rounded) : number_text(x);
}

std::string show(const json& value) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    return number_text(value.get<double>());
  }
  return shorten(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string quoted(std::string_view text) {
  return shorten(json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string entries(std::size_t n) {
  return text::plural(static_cast<long long>(n), "entry", "entries");
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string hint(std::string_view given, const std::vector<std::string>& candidates) {
  const std::string c = closest(given, candidates);
  return c.empty() ? std::string() : "; did you mean \"" + c + "\"?";
}

const json* find(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// ---- rules

bool Range::contains(double x) const {
  if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
  if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
  return true;
}

std::string Range::rule() const {
  if (lo && hi) {
    return std::string("must be in ") + (lo_open ? "(" : "[") + number_text(*lo) + ", " +
           number_text(*hi) + (hi_open ? ")" : "]");
  }
  if (lo) return std::string("must be ") + (lo_open ? "> " : ">= ") + number_text(*lo);
  if (hi) return std::string("must be ") + (hi_open ? "< " : "<= ") + number_text(*hi);
  return "must be a number";
}

// ---- the checker

void Checker::error(const std::string& path, const std::string& rule) {
  errors_.push_back((path.empty() ? std::string("(top level)") : path) + ": " + rule);
}

void Checker::error(const std::string& path, const std::string& rule, const json& got,
                    const std::string& suffix) {
  error(path, rule + " (got " + show(got) + ")" + suffix);
}

void Checker::warning(const std::string& path, const std::string& message) {
  warnings_.push_back(path + ": " + message);
}

bool Checker::expect_object(const json& value, const std::string& path) {
  if (value.is_object()) return true;
  error(path, "must be an object", value);
  return false;
}

bool Checker::expect_array(const json& value, const std::string& path) {
  if (value.is_array()) return true;
  error(path, "must be an array", value);
  return false;
}

bool Checker::expect_non_empty_array(const json& value, const std::string& path) {
  if (!expect_array(value, path)) return false;
  if (!value.empty()) return true;
  error(path, "must not be empty", value);
  return false;
}

void Checker::check_keys(const json& object, const std::string& path, const std::string& kind) {
  const std::vector<std::string>& known = scenario_keys().at(kind);
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    error(member(path, key), "unknown key" + hint(key, known));
  }
}

bool Checker::expect_choice(const json& value, const std::string& path, const std::string& kind,
                            const std::vector<std::string>& options) {
  if (!expect_object(value, path)) return false;
  check_keys(value, path, kind);
  std::vector<std::string> keys;
  for (const std::string& key : scenario_keys().at(kind)) {
    if (std::find(options.begin(), options.end(), key) == options.end()) keys.push_back(key);
  }
  std::vector<std::string> present;
  for (const std::string& key : keys) {
    if (value.contains(key)) present.push_back(key);
  }
  if (present.size() != 1) {
    error(path, "must have exactly one of " + join(keys) + " (got " +
                    (present.empty() ? std::string("none") : join(present)) + ")");
  }
  return true;
}

bool Checker::ignored_for_email(std::optional<Channel> channel, const std::string& path) {
  if (channel != Channel::Email) return false;
  warning(path, "ignored: email contacts never abandon");
  return true;
}

std::optional<double> Checker::number(const json& value, const std::string& path) {
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

std::optional<double> Checker::number(const json& value, const std::string& path,
                                      const Range& range) {
  const std::optional<double> x = number(value, path);
  if (!x) return std::nullopt;
  if (!range.contains(*x)) {
    error(path, range.rule(), value);
    return std::nullopt;
  }
  return x;
}

std::optional<double> Checker::required_number(const json& object, const std::string& path,
                                               const char* key, const Range& range) {
  if (const json* x = find(object, key)) return number(*x, member(path, key), range);
  error(member(path, key), "is required");
  return std::nullopt;
}

std::optional<double> Checker::time_factor(const json& value, const std::string& path) {
  const std::optional<double> x = number(value, path, Range::above(0));
  if (x && !Range::at_most(kMaxTimeFactor).contains(*x)) {
    error(path, Range::at_most(kMaxTimeFactor).rule(), value);
    return std::nullopt;
  }
  return x;
}

std::optional<long long> Checker::integer(const json& value, const std::string& path, long long min,
                                          long long max) {
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

std::optional<std::string> Checker::string(const json& value, const std::string& path,
                                           bool non_empty) {
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

std::optional<std::size_t> Checker::one_of(const json& value, const std::string& path,
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

bool Checker::expect_interval_list(const json& value, const std::string& path,
                                   const Horizon* horizon) {
  if (!expect_array(value, path)) return false;
  if (horizon && value.size() != static_cast<std::size_t>(horizon->interval_count())) {
    const std::string per_day = horizon->days == 1
                                    ? std::string()
                                    : " (days × intervals = " + std::to_string(horizon->days) +
                                          " × " + std::to_string(horizon->intervals) + ")";
    error(path, "must have exactly " +
                    entries(static_cast<std::size_t>(horizon->interval_count())) +
                    ", one per interval" + per_day + " (got " + entries(value.size()) + ")");
  }
  return true;
}

}  // namespace ccsim::reading
