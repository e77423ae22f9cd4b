// Small text helpers shared by the readers of scenarios, measured reports and logs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::text {

// Follows JSON text one character at a time and tells which characters stand outside its
// strings (quotes included in the string, backslash escapes honoured). Used by scans that
// must not look inside strings: the nesting depth check, splitting at top-level commas.
class JsonStringTracker {
 public:
  // Takes the next character of the text; true when it is outside every string.
  bool outside(char c) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      return false;
    }
    if (c == '"') {
      in_string_ = true;
      return false;
    }
    return true;
  }

 private:
  bool in_string_ = false;
  bool escaped_ = false;
};

// Lower-case copy (ASCII).
std::string lower(std::string_view s);

// `s` without leading and trailing spaces and carriage returns.
std::string_view trim(std::string_view s);

// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The whole of `s` as a finite number (an optional leading '+'); nullopt otherwise.
std::optional<double> parse_number(std::string_view s);

// What the text of a number holds (read_number).
enum class NumberKind {
  Number,      // a double (inf and nan included, when spelt so)
  NotANumber,  // not the syntax of a number
  Overflow,    // the syntax of a number too large for a double (1e400)
  Underflow,   // the syntax of a nonzero number too close to 0 for a double (1e-400)
};
struct NumberRead {
  NumberKind kind = NumberKind::NotANumber;
  double value = 0;  // when kind is Number
};

// The whole of `s` (std::from_chars syntax, an optional leading '+') as a double, or why not.
NumberRead read_number(std::string_view s);

// "must be within the range of a double: underflow" (or overflow) when `s` has the syntax of a
// number a double cannot hold (read_number); nullopt otherwise.
std::optional<std::string> number_range_rule(std::string_view s);

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF), as nlohmann::json requires of every string it writes.
bool is_valid_utf8(std::string_view s);

// `s` with each byte that does not belong to well-formed UTF-8 replaced by U+FFFD (as nlohmann's
// error_handler_t::replace writes it), e.g. for a file name put into JSON.
std::string valid_utf8(std::string_view s);

// Splits one CSV/TSV line into fields: with ',' as delimiter, fields may be double-quoted
// ("" inside stands for "); with a tab, fields are taken as they are. A trailing '\r' is
// dropped. `storage` holds unquoted copies; the views point into `line` or `storage`.
void split_fields(std::string_view line, char delimiter, std::vector<std::string_view>& fields,
                  std::vector<std::string>& storage);

// A CSV field (RFC 4180): in double quotes, with each " doubled, when it holds a comma, a quote
// or a line break; else as it is.
std::string csv_field(std::string_view field);

}  // namespace ccsim::text
