#include "models/io/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace ccsim::text {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

NumberRead read_number(std::string_view s) {
  if (s.size() > 1 && s.front() == '+' && s[1] != '-') s.remove_prefix(1);
  NumberRead out;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out.value);
  if (s.empty() || r.ptr != s.data() + s.size()) return NumberRead{};
  if (r.ec == std::errc()) {
    out.kind = NumberKind::Number;
  } else if (r.ec == std::errc::result_out_of_range) {
    // strtod gives 0 or a subnormal on underflow, HUGE_VAL on overflow.
    const std::string copy(s);
    out.kind = std::fabs(std::strtod(copy.c_str(), nullptr)) < 1 ? NumberKind::Underflow
                                                                 : NumberKind::Overflow;
    out.value = 0;
  }
  return out;
}

std::optional<std::string> number_range_rule(std::string_view s) {
  const NumberKind kind = read_number(s).kind;
  if (kind != NumberKind::Overflow && kind != NumberKind::Underflow) return std::nullopt;
  return std::string("must be within the range of a double: ") +
         (kind == NumberKind::Overflow ? "overflow" : "underflow");
}

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 if there is none. REQUIRES: i < size.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the byte after the lead byte
  if (c < 0x80) {
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() - i <= n) return 0;  // cut short
  for (std::size_t k = 1; k <= n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return n + 1;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

void split_fields(std::string_view line, char delimiter, std::vector<std::string_view>& fields,
                  std::vector<std::string>& storage) {
  fields.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Views into `storage` must survive the line: storage may not reallocate while it is split.
  // Each quoted field starts with a quote, so there are at most that many of them.
  if (delimiter != '\t') {
    storage.reserve(static_cast<std::size_t>(std::count(line.begin(), line.end(), '"')));
  }
  std::size_t quoted = 0;
  std::size_t i = 0;
  for (;;) {
    if (delimiter != '\t' && i < line.size() && line[i] == '"') {
      if (storage.size() <= quoted) storage.emplace_back();
      std::string& s = storage[quoted++];
      s.clear();
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            s += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        s += line[i++];
      }
      // Anything between the closing quote and the delimiter is kept as it is.
      const std::size_t next = line.find(delimiter, i);
      if (next == std::string_view::npos) {
        s.append(line.substr(i));
        fields.emplace_back(s);
        return;
      }
      s.append(line.substr(i, next - i));
      fields.emplace_back(s);
      i = next + 1;
      continue;
    }
    const std::size_t next = line.find(delimiter, i);
    if (next == std::string_view::npos) {
      fields.push_back(line.substr(i));
      return;
    }
    fields.push_back(line.substr(i, next - i));
    i = next + 1;
  }
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ccsim::text
