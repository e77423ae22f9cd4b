#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <limits>

#include "models/io/text.h"
#include "models/measured/contact_log.h"
#include "models/measured/log_values.h"

namespace ccsim {

using log_values::all_digits;
using log_values::parse_date;
using log_values::parse_int;
using text::lower;
using text::trim;

namespace {

const std::array<const char*, 7> kWeekdays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
const std::array<const char*, 7> kWeekdayNames{"sunday",   "monday", "tuesday", "wednesday",
                                               "thursday", "friday", "saturday"};

std::optional<int> parse_weekday(std::string_view s) {
  const std::string l = lower(s);
  for (int i = 0; i < 7; ++i) {
    if (l == kWeekdays[std::size_t(i)] || l == kWeekdayNames[std::size_t(i)]) return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DaySelection::Item> DaySelection::parse_item(std::string_view item) {
  if (const std::size_t dots = item.find(".."); dots != std::string_view::npos) {
    const std::string_view a = item.substr(0, dots), b = item.substr(dots + 2);
    if (all_digits(a) && all_digits(b) && a.size() < 9 && b.size() < 9) {
      const auto x = parse_int<std::int32_t>(a), y = parse_int<std::int32_t>(b);
      if (!x || !y || *y < *x) return std::nullopt;
      return Item{Item::Kind::Replications, *x, *y};
    }
    constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::min();
    const std::int32_t x = a.size() == 10 ? parse_date(a).value_or(kNone) : kNone;
    const std::int32_t y = b.size() == 10 ? parse_date(b).value_or(kNone) : kNone;
    if (x == kNone || y == kNone || y < x) return std::nullopt;
    return Item{Item::Kind::Dates, x, y};
  }
  if (auto w = parse_weekday(item)) return Item{Item::Kind::Weekdays, *w, *w};
  if (const std::size_t dash = item.find('-');
      dash != std::string_view::npos && item.size() < 20 && item.size() != 10) {
    const auto x = parse_weekday(item.substr(0, dash));
    const auto y = parse_weekday(item.substr(dash + 1));
    if (!x || !y) return std::nullopt;
    return Item{Item::Kind::Weekdays, *x, *y};
  }
  if (item.size() == 10) {
    if (const auto d = parse_date(item)) return Item{Item::Kind::Dates, *d, *d};
    return std::nullopt;
  }
  if (all_digits(item) && item.size() < 9) {
    const auto r = parse_int<std::int32_t>(item);
    return Item{Item::Kind::Replications, *r, *r};
  }
  return std::nullopt;
}

std::optional<DaySelection> DaySelection::parse(std::string_view text, std::string& error) {
  DaySelection sel;
  sel.text_ = std::string(text);
  const std::string rule =
      "must be weekdays (sun-thu, mon,wed), dates YYYY-MM-DD, date ranges "
      "YYYY-MM-DD..YYYY-MM-DD, or replications (0..9) for ccsim logs, separated by commas, "
      "each item possibly the days two or more such terms all select, joined by & "
      "(1999-01-01..1999-01-14&sun-thu)";
  if (trim(text).empty()) {
    error = rule + " (got \"\")";
    return std::nullopt;
  }
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = text.find(',', pos);
    const std::string_view item = trim(
        text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    pos = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    std::vector<Item> all_of;
    std::size_t start = 0;
    while (start <= item.size()) {
      const std::size_t amp = item.find('&', start);
      const std::string_view term = trim(
          item.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start));
      start = amp == std::string_view::npos ? item.size() + 1 : amp + 1;
      const auto parsed = parse_item(term);
      if (!parsed) {
        error = rule + " (got " + quoted_value(term) + ")";
        return std::nullopt;
      }
      all_of.push_back(*parsed);
    }
    sel.items_.push_back(std::move(all_of));
  }
  return sel;
}

bool DaySelection::Item::contains(std::int32_t day, LogOrigin origin) const {
  switch (kind) {
    case Kind::Replications:
      return origin == LogOrigin::HorizonStart && day >= from && day <= to;
    case Kind::Dates:
      return origin == LogOrigin::Midnight && day >= from && day <= to;
    case Kind::Weekdays: {
      if (origin != LogOrigin::Midnight) return false;
      const int w = weekday_of(day);
      return from <= to ? (w >= from && w <= to) : (w >= from || w <= to);
    }
  }
  return false;
}

bool DaySelection::contains(std::int32_t day, LogOrigin origin) const {
  if (items_.empty()) return true;
  for (const std::vector<Item>& all_of : items_) {
    bool in = true;
    for (const Item& term : all_of) in = in && term.contains(day, origin);
    if (in) return true;
  }
  return false;
}

int weekday_of(std::int32_t day) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((static_cast<std::int64_t>(day) + 4) % 7 + 7) % 7);
}

std::string day_label(std::int32_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::string no_contact_on_days(const ContactLog& log, const DaySelection& days) {
  return log.source + ": no contact on the days selected" +
         (days.all() ? std::string() : " (" + days.text() + ")");
}

DaySubset select_days(const ContactLog& log, const DaySelection& days) {
  DaySubset out;
  out.contacts.reserve(log.contacts.size());
  for (const LoggedContact& c : log.contacts) {
    if (!days.contains(c.day, log.origin)) continue;
    out.contacts.push_back(&c);
    out.days.push_back(c.day);
  }
  std::sort(out.days.begin(), out.days.end());
  out.days.erase(std::unique(out.days.begin(), out.days.end()), out.days.end());
  return out;
}

}  // namespace ccsim
