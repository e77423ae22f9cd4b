#include "models/studies/sweep_spec.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <utility>

#include "models/io/input_file.h"
#include "models/io/text.h"

namespace ccsim {

using nlohmann::json;

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Splits at commas outside JSON strings, brackets and braces.
std::vector<std::string> split_top_level(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  text::JsonStringTracker strings;
  for (char c : text) {
    if (!strings.outside(c)) {
      current += c;
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      items.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  items.push_back(current);
  return items;
}

bool is_number_text(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  return errno == 0 && end == s.c_str() + s.size() && std::isfinite(v);
}

bool is_integer_text(const std::string& s) {
  if (!is_number_text(s)) return false;
  return s.find_first_of(".eE") == std::string::npos;
}

// A decimal number as written: mantissa × 10^exponent, the mantissa without trailing zeros.
struct Decimal {
  __int128 mantissa = 0;
  int exponent = 0;
};

constexpr __int128 kDecimalLimit = __int128(1000000000000000000) * 1000000000000000000;  // 10^36

// Reads "[+-]digits[.digits][(e|E)[+-]digits]"; nullopt for other texts (hexadecimal, inf, nan)
// or more than 36 significant digits.
std::optional<Decimal> parse_decimal(const std::string& s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  Decimal d;
  bool any_digit = false, dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      any_digit = true;
      if (d.mantissa == 0 && c == '0') {
        if (dot) --d.exponent;
        continue;
      }
      if (d.mantissa >= kDecimalLimit) return std::nullopt;
      d.mantissa = d.mantissa * 10 + (c - '0');
      if (dot) --d.exponent;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    int e = 0;
    const auto r = std::from_chars(s.data() + i + 1 + (s[i + 1] == '+'), s.data() + s.size(), e);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    d.exponent += e;
  }
  if (d.mantissa == 0) d.exponent = 0;
  while (d.mantissa != 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    ++d.exponent;
  }
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

// x × 10^n, or nullopt when its magnitude would reach 10^36. REQUIRES: n >= 0.
std::optional<__int128> scaled(__int128 x, int n) {
  for (; n > 0 && x != 0; --n) {
    if (x >= kDecimalLimit / 10 || x <= -kDecimalLimit / 10) return std::nullopt;
    x *= 10;
  }
  return x;
}

std::string int128_text(__int128 x) {
  if (x == 0) return "0";
  const bool negative = x < 0;
  std::string digits;
  for (; x != 0; x /= 10) digits += char('0' + int(negative ? -(x % 10) : x % 10));
  if (negative) digits += '-';
  return {digits.rbegin(), digits.rend()};
}

// The JSON number mantissa × 10^exponent: an integer when `integer` and it fits 64 bits, else
// the double nearest to it.
json decimal_value(__int128 mantissa, int exponent, bool integer) {
  if (integer && exponent >= 0) {
    if (const auto v = scaled(mantissa, exponent)) {
      if (*v >= std::numeric_limits<long long>::min() &&
          *v <= std::numeric_limits<long long>::max()) {
        return json(static_cast<long long>(*v));
      }
      if (*v > 0 && *v <= std::numeric_limits<std::uint64_t>::max()) {
        return json(static_cast<std::uint64_t>(*v));
      }
    }
  }
  const std::string text = int128_text(mantissa) + "e" + std::to_string(exponent);
  return json(std::strtod(text.c_str(), nullptr));
}

constexpr std::size_t kMaxValues = 1000000;

// start, start + step, ...: exact decimal sums of the numbers as written, each read as the
// nearest double (so 0:0.3:0.1 gives 0, 0.1, 0.2, 0.3 as written, and 1e69:3e69:1e69 gives
// 1e69, 2e69, 3e69).
std::optional<std::vector<json>> parse_range(const std::vector<std::string>& parts,
                                             std::string& error) {
  const std::string &a = parts[0], &b = parts[1], &c = parts[2];
  const std::optional<Decimal> first = parse_decimal(a), last = parse_decimal(b),
                               delta = parse_decimal(c);
  // The three on one exponent: the smallest of those of the non-zero ones.
  int exponent = std::numeric_limits<int>::max();
  for (const auto& d : {first, last, delta}) {
    if (d && d->mantissa != 0) exponent = std::min(exponent, d->exponent);
  }
  if (exponent == std::numeric_limits<int>::max()) exponent = 0;
  std::optional<__int128> first_m, last_m, delta_m;
  if (first && last && delta) {
    first_m = scaled(first->mantissa, first->exponent - exponent);
    last_m = scaled(last->mantissa, last->exponent - exponent);
    delta_m = scaled(delta->mantissa, delta->exponent - exponent);
  }
  // Each below 10^36, so |first| + (n - 1) × |delta| (n <= 10^6) stays within 128 bits.
  if (!first_m || !last_m || !delta_m) {
    error =
        "a range's start, stop and step must be decimal numbers of at most 36 digits from their "
        "first to their last significant digit together (got " +
        a + ":" + b + ":" + c + ")";
    return std::nullopt;
  }
  if (*delta_m == 0) {
    error = "a range's step must not be 0";
    return std::nullopt;
  }
  const long double steps =
      static_cast<long double>(*last_m - *first_m) / static_cast<long double>(*delta_m);
  if (steps < -1e-9L) {
    error = "a range's step must go from start towards stop";
    return std::nullopt;
  }
  const long double count = std::floor(steps + 1e-9L) + 1.0L;
  if (count > static_cast<long double>(kMaxValues)) {
    error = "a range may hold at most 1000000 values";
    return std::nullopt;
  }
  const auto n = static_cast<std::size_t>(count);
  const bool integer = is_integer_text(a) && is_integer_text(c);
  std::vector<json> values;
  for (std::size_t i = 0; i < n; ++i) {
    values.push_back(decimal_value(*first_m + __int128(i) * *delta_m, exponent, integer));
  }
  return values;
}

}  // namespace

std::optional<std::vector<json>> parse_sweep_values(const std::string& text, std::string& error) {
  const std::string t = trim(text);
  if (t.empty()) {
    error = "no values";
    return std::nullopt;
  }
  if (t.find_first_of("\"[{") == std::string::npos && t.find(':') != std::string::npos) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(t);
    while (std::getline(in, part, ':')) parts.push_back(trim(part));
    if (t.back() == ':') parts.emplace_back();
    if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), is_number_text)) {
      error = "a range is start:stop:step with three numbers (got " + t + ")";
      return std::nullopt;
    }
    return parse_range(parts, error);
  }
  std::vector<json> values;
  for (const std::string& raw : split_top_level(t)) {
    const std::string item = trim(raw);
    if (item.empty()) {
      error = "empty value in list (got " + t + ")";
      return std::nullopt;
    }
    if (auto deep = json_depth_problem(item)) {
      error = "not a JSON value: " + *deep;
      return std::nullopt;
    }
    JsonParse<json> v = parse_json_text<json>(item, "");
    if (!v.document) {
      error = "not a JSON value: " + item + " (quote strings as JSON, e.g. '\"" + item + "\"')";
      return std::nullopt;
    }
    values.push_back(std::move(*v.document));
  }
  if (values.size() > kMaxValues) {
    error = "at most 1000000 values";
    return std::nullopt;
  }
  return values;
}

std::optional<SweepParameter> parse_sweep_assignment(const std::string& text, std::string& error) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    error = "expected PTR=VALUES";
    return std::nullopt;
  }
  const std::string pointer = trim(text.substr(0, eq));
  if (pointer.empty() || pointer[0] != '/') {
    error = "the path must be a JSON pointer starting with '/' (got " + pointer + ")";
    return std::nullopt;
  }
  // The pointer is written into JSON (the grid hash, point records), which must be UTF-8.
  if (!ccsim::text::is_valid_utf8(pointer)) {
    error = "the path must be UTF-8 text";
    return std::nullopt;
  }
  auto values = parse_sweep_values(text.substr(eq + 1), error);
  if (!values) return std::nullopt;
  return SweepParameter{pointer, std::move(*values)};
}

bool add_sweep_parameter(SweepParameter parameter, SweepSpec& spec) {
  for (const auto& p : spec.parameters) {
    if (p.pointer == parameter.pointer) return false;
  }
  spec.parameters.push_back(std::move(parameter));
  return true;
}

std::vector<std::string> add_sweep_document(const nlohmann::ordered_json& document,
                                            SweepSpec& spec) {
  std::vector<std::string> errors;
  if (!document.is_object()) return {"sweep file: must be an object with \"set\""};
  for (const auto& [key, value] : document.items()) {
    if (key != "set" && key != "zip" && key != "$schema") {
      errors.push_back("sweep file: " + key + ": unknown key (expected set, zip)");
    }
  }
  if (document.contains("zip")) {
    if (!document.at("zip").is_boolean()) {
      errors.push_back("sweep file: zip: must be true or false (got " + document.at("zip").dump() +
                       ")");
    } else {
      spec.zip = spec.zip || document.at("zip").get<bool>();
    }
  }
  if (!document.contains("set") || !document.at("set").is_object() || document.at("set").empty()) {
    errors.push_back("sweep file: set: must be an object {\"/pointer\": values, ...}");
    return errors;
  }
  for (const auto& [pointer, value] : document.at("set").items()) {
    const std::string where = "sweep file: set." + pointer;
    if (pointer.empty() || pointer[0] != '/') {
      errors.push_back(where + ": must be a JSON pointer starting with '/'");
      continue;
    }
    std::vector<json> values;
    if (value.is_string()) {
      std::string error;
      auto parsed = parse_sweep_values(value.get<std::string>(), error);
      if (!parsed) {
        errors.push_back(where + ": " + error);
        continue;
      }
      values = std::move(*parsed);
    } else if (value.is_array() && !value.empty()) {
      for (const auto& v : value) values.push_back(json::parse(v.dump()));
    } else {
      errors.push_back(where +
                       ": must be a non-empty array of values or a \"start:stop:step\" "
                       "or \"v1,v2\" string (got " +
                       value.dump() + ")");
      continue;
    }
    if (!add_sweep_parameter({pointer, std::move(values)}, spec)) {
      errors.push_back(where + ": is already swept; give its values once");
    }
  }
  return errors;
}

std::vector<std::vector<json>> sweep_points(const SweepSpec& spec, std::string& error) {
  std::vector<std::vector<json>> points;
  if (spec.parameters.empty()) {
    error = "nothing to sweep: the sweep has no parameter";
    return points;
  }
  if (spec.zip) {
    const std::size_t n = spec.parameters[0].values.size();
    for (const auto& p : spec.parameters) {
      if (p.values.size() != n) {
        error = "zip: every parameter needs the same number of values (" +
                spec.parameters[0].pointer + " has " + std::to_string(n) + ", " + p.pointer +
                " has " + std::to_string(p.values.size()) + ")";
        return points;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<json> point;
      for (const auto& p : spec.parameters) point.push_back(p.values[i]);
      points.push_back(std::move(point));
    }
    return points;
  }
  double total = 1.0;
  for (const auto& p : spec.parameters) total *= double(p.values.size());
  if (total > double(kMaxValues)) {
    error = "the grid has more than 1000000 points";
    return points;
  }
  std::vector<std::size_t> at(spec.parameters.size(), 0);
  for (std::size_t n = 0; n < static_cast<std::size_t>(total); ++n) {
    std::vector<json> point;
    for (std::size_t k = 0; k < at.size(); ++k) point.push_back(spec.parameters[k].values[at[k]]);
    points.push_back(std::move(point));
    for (std::size_t k = at.size(); k-- > 0;) {
      if (++at[k] < spec.parameters[k].values.size()) break;
      at[k] = 0;
    }
  }
  return points;
}

std::string point_label(const SweepSpec& spec, const std::vector<json>& values) {
  std::string s;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k) s += ", ";
    s += spec.parameters[k].pointer + "=" + values[k].dump();
  }
  return s;
}

std::string parameter_text(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace ccsim
