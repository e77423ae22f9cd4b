// What every part of the scenario reader (scenario_json.h) shares: the paths of JSON values
// ("contact_types[0].handle_time.mean_s"), values and numbers as messages show them, the rules
// a number must meet (Range), and the Checker, which reads a value at a path, checks it and
// collects every problem it finds as one line "PATH: RULE (got VALUE)".
//
// A Checker never throws on bad input: a value that breaks a rule is reported and read as
// nullopt, so that a reader carries on and reports every other problem too.
#pragma once

#include <climits>
#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::reading {

using nlohmann::json;

// ---- paths and values in messages

// Path of member `key` of the object at `path` ("" is the top level): path.key, or
// path["key"] when the key is not an identifier.
std::string member(const std::string& path, std::string_view key);
// Path of element `index` of the array at `path`: path[index].
std::string element(const std::string& path, std::size_t index);

// Shortest text that reads back as the same double; inf, -inf, nan when not finite.
std::string number_text(double x);
// A computed number (a sum) as written in a message: rounded to 15 significant digits, so that
// 0.9 + 0.3 reads 1.2 and not 1.2000000000000002.
std::string computed_text(double x);
// A JSON value as written in a message: JSON text, non-finite numbers as inf/-inf/nan, long
// values cut to 60 characters ending in "...".
std::string show(const json& value);
// `text` as a JSON string, cut as show() cuts.
std::string quoted(std::string_view text);
// "1 entry", "3 entries".
std::string entries(std::size_t n);
// The items separated by `separator`.
std::string join(const std::vector<std::string>& items, const char* separator = ", ");
// "; did you mean \"CANDIDATE\"?" for the candidate `given` was most likely meant to be, or ""
// when none is close (case-insensitive edit distance at most 2 and at most half the
// candidate's length, else the only candidate that `given` starts or is the start of).
std::string hint(std::string_view given, const std::vector<std::string>& candidates);

// Member `key` of `object`, or nullptr. REQUIRES: object is an object.
const json* find(const json& object, const char* key);

// ---- rules

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

  bool contains(double x) const;
  std::string rule() const;
};

// Sums of probabilities may exceed 1 by this much (rounding of decimal inputs, 0.9 + 0.1).
inline constexpr double kProbabilitySumTolerance = 1e-9;

// ---- the checker

// Reads the values of one scenario document and collects its problems, in the order they are
// found. `base_dir` resolves the relative paths the document names (arrival traces).
class Checker {
 public:
  explicit Checker(std::filesystem::path base_dir) : base_dir_(std::move(base_dir)) {}

  const std::filesystem::path& base_dir() const { return base_dir_; }
  std::vector<std::string> take_errors() { return std::move(errors_); }
  std::vector<std::string> take_warnings() { return std::move(warnings_); }
  bool has_errors() const { return !errors_.empty(); }

  // "PATH: RULE" ("(top level)" for the empty path), and "PATH: RULE (got VALUE)SUFFIX".
  void error(const std::string& path, const std::string& rule);
  void error(const std::string& path, const std::string& rule, const json& got,
             const std::string& suffix = "");
  void warning(const std::string& path, const std::string& message);

  // Whether `value` has the shape; reports it when not.
  bool expect_object(const json& value, const std::string& path);
  bool expect_array(const json& value, const std::string& path);
  bool expect_non_empty_array(const json& value, const std::string& path);

  // Reports every key of `object` that is not a key of `kind` (scenario_keys()) as "unknown
  // key", with a hint.
  void check_keys(const json& object, const std::string& path, const std::string& kind);
  // An object of `kind` that gives exactly one of the keys of `kind` (arrivals, staff) other
  // than `options` (keys that may come beside the choice, e.g. arrivals' volume_cv): reports
  // unknown keys and unless exactly one is present. Returns whether it is an object.
  bool expect_choice(const json& value, const std::string& path, const std::string& kind,
                     const std::vector<std::string>& options = {});
  // Reports `name` at `path` when it was named before: `first_path` maps each name to the path
  // that named it first (and learns `name` when it is new). Returns whether it was new.
  template <class Name>
  bool unique(const Name& name, const json& got, const std::string& path,
              std::map<Name, std::string>& first_path) {
    const auto [first, inserted] = first_path.emplace(name, path);
    if (!inserted) error(path, "must be unique, duplicate of " + first->second, got);
    return inserted;
  }

  // A finite number; a time (a path whose last key ends in _s) at most kMaxTimeS.
  std::optional<double> number(const json& value, const std::string& path);
  // A number within `range`.
  std::optional<double> number(const json& value, const std::string& path, const Range& range);
  // The number at `key` of `object` (at `path`) within `range`; "is required" when absent.
  std::optional<double> required_number(const json& object, const std::string& path,
                                        const char* key, const Range& range);
  // A factor of handle times: > 0 and at most kMaxTimeFactor.
  std::optional<double> time_factor(const json& value, const std::string& path);
  // An integer (a number with no fractional part, 3.0 included) in [min, max].
  std::optional<long long> integer(const json& value, const std::string& path,
                                   long long min = INT_MIN, long long max = INT_MAX);
  // A string, non-empty unless `non_empty` is false.
  std::optional<std::string> string(const json& value, const std::string& path,
                                    bool non_empty = true);
  // The index of the one of `names` that `value` equals, with a hint when close to one.
  std::optional<std::size_t> one_of(const json& value, const std::string& path,
                                    const std::vector<std::string>& names);
  // The one of `values` whose name(value) `value` equals, with a hint when close to one.
  template <class Enum, std::size_t N>
  std::optional<Enum> one_of(const json& value, const std::string& path, const Enum (&values)[N],
                             const char* (*name)(Enum)) {
    std::vector<std::string> names;
    for (Enum each : values) names.push_back(name(each));
    const std::optional<std::size_t> index = one_of(value, path, names);
    return index ? std::optional<Enum>(values[*index]) : std::nullopt;
  }
  // Whether `channel` is email, for a key at `path` that applies only to contacts that abandon:
  // then the key is ignored, with a warning (email contacts never abandon).
  bool ignored_for_email(std::optional<Channel> channel, const std::string& path);
  // `value`, read at `path`, or nullopt when ignored_for_email(channel, path).
  template <class T>
  std::optional<T> unless_email(std::optional<T> value, std::optional<Channel> channel,
                                const std::string& path) {
    if (ignored_for_email(channel, path)) return std::nullopt;
    return value;
  }
  // A list of one entry per interval: exactly horizon->intervals entries (when the horizon is
  // known), each read by `read_entry` (json, path → optional value, nullopt when invalid); the
  // valid ones are appended to `out`.
  template <class T, class ReadEntry>
  void per_interval(const json& value, const std::string& path, const Horizon* horizon,
                    const ReadEntry& read_entry, std::vector<T>& out) {
    if (!expect_interval_list(value, path, horizon)) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (const auto x = read_entry(value[i], element(path, i))) out.push_back(static_cast<T>(*x));
    }
  }

 private:
  // Whether `value` is an array; reports it when not, and when its length is not the horizon's
  // number of intervals.
  bool expect_interval_list(const json& value, const std::string& path, const Horizon* horizon);

  std::filesystem::path base_dir_;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

}  // namespace ccsim::reading
