#include "models/measured/contact_log.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>

#include "models/io/input_file.h"
#include "models/io/text.h"

namespace ccsim {

namespace {

using text::edit_distance;
using text::lower;
using text::parse_number;
using text::trim;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDay = 86400.0;
constexpr double kHalfDay = 43200.0;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <class Int>
std::optional<Int> parse_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  Int v{};
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::int32_t> civil_day(int y, unsigned m, unsigned d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// Year, month and day of YYMMDD (69–99: 19xx, else 20xx), YYYYMMDD or YYYY-MM-DD, whether or
// not they make a date; nullopt when `s` has none of these forms.
std::optional<std::array<int, 3>> date_fields(std::string_view s) {
  auto num = [](std::string_view t) { return parse_int<int>(t).value_or(-1); };
  if (s.size() == 6 && all_digits(s)) {
    const int yy = num(s.substr(0, 2));
    return std::array<int, 3>{yy >= 69 ? 1900 + yy : 2000 + yy, num(s.substr(2, 2)),
                              num(s.substr(4, 2))};
  }
  if (s.size() == 8 && all_digits(s)) {
    return std::array<int, 3>{num(s.substr(0, 4)), num(s.substr(4, 2)), num(s.substr(6, 2))};
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
      all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2))) {
    return std::array<int, 3>{num(s.substr(0, 4)), num(s.substr(5, 2)), num(s.substr(8, 2))};
  }
  return std::nullopt;
}

// A date of one of the forms of date_fields, as days since 1970-01-01.
std::optional<std::int32_t> parse_date(std::string_view s) {
  const auto f = date_fields(s);
  if (!f) return std::nullopt;
  return civil_day((*f)[0], unsigned((*f)[1]), unsigned((*f)[2]));
}

// "2024-02-30 is not a valid date" when `s` has the form of a date (date_fields) that does not
// exist; nullopt otherwise.
std::optional<std::string> invalid_date(std::string_view s) {
  if (!date_fields(s) || parse_date(s)) return std::nullopt;
  return std::string(s) + " is not a valid date";
}

// H:MM or H:MM:SS[.fff] (H any number of digits), as seconds.
std::optional<double> parse_clock(std::string_view s) {
  const std::size_t c1 = s.find(':');
  if (c1 == std::string_view::npos || c1 == 0) return std::nullopt;
  const std::string_view h = s.substr(0, c1);
  std::string_view rest = s.substr(c1 + 1);
  const std::size_t c2 = rest.find(':');
  const std::string_view m = rest.substr(0, c2);
  if (!all_digits(h) || m.size() != 2 || !all_digits(m)) return std::nullopt;
  double seconds = 0;
  if (c2 != std::string_view::npos) {
    const std::string_view sec = rest.substr(c2 + 1);
    if (sec.size() < 2 || !all_digits(sec.substr(0, 2))) return std::nullopt;
    if (sec.size() > 2 && (sec[2] != '.' || (sec.size() > 3 && !all_digits(sec.substr(3))))) {
      return std::nullopt;
    }
    const auto v = parse_number(sec);
    if (!v || *v >= 60) return std::nullopt;
    seconds = *v;
  }
  const int hours = parse_int<int>(h).value_or(-1);
  const int minutes = parse_int<int>(m).value_or(60);
  if (hours < 0 || minutes >= 60) return std::nullopt;
  return hours * 3600.0 + minutes * 60.0 + seconds;
}

// A time: a clock time, a number of seconds, or a date and clock time ("YYYY-MM-DD HH:MM:SS",
// 'T' also allowed as separator), whose date is returned in `date`.
std::optional<double> parse_time(std::string_view s, std::optional<std::int32_t>& date) {
  date.reset();
  if (s.size() > 11 && (s[10] == ' ' || s[10] == 'T')) {
    const auto d = parse_date(s.substr(0, 10));
    const auto t = parse_clock(s.substr(11));
    if (!d || !t) return std::nullopt;
    date = d;
    return t;
  }
  if (s.find(':') != std::string_view::npos) return parse_clock(s);
  return parse_number(s);
}

// Empty, or a zero in any spelling ("0", "0.0", "0:00:00").
bool empty_or_zero(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (c != '0' && c != ':' && c != '.') return false;
  }
  return true;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Index = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;

std::int32_t intern(Index& index, std::vector<std::string>& names, std::string_view name) {
  if (auto it = index.find(name); it != index.end()) return it->second;
  const auto id = static_cast<std::int32_t>(names.size());
  names.emplace_back(name);
  index.emplace(std::string(name), id);
  return id;
}

constexpr const char* kTimeRule = "must be a time H:MM:SS or a number of seconds";
constexpr const char* kDurationRule = "must be a duration in seconds or H:MM:SS, >= 0";
constexpr const char* kDateRule = "must be a date YYMMDD, YYYYMMDD or YYYY-MM-DD";
// Larger times and durations in seconds are refused: days since 1970 must fit an int32, and
// Unix times (about 1.7e9 s) stay well inside.
constexpr double kMaxLogSeconds = 1e11;
constexpr const char* kMaxLogSecondsRule = "must be < 1e11 seconds (about 3,000 years)";

// The state of one read: messages, interning, the row being built.
class Reader {
 public:
  Reader(ContactLog& log, std::string file) : log_(log), file_(std::move(file)) {}

  void start_row(std::size_t line) {
    line_ = line;
    row_ok_ = true;
  }
  bool row_ok() const { return row_ok_; }

  // Records the row's first problem; later ones of the same row are not reported.
  void bad(std::string_view column, const std::string& rule, std::string_view value) {
    if (!row_ok_) return;
    row_ok_ = false;
    ++log_.bad;
    if (log_.bad <= kMaxRowMessages) {
      log_.errors.push_back(file_ + " line " + std::to_string(line_) + ": " + std::string(column) +
                            ": " + rule + " (got " + quoted_value(value) + ")");
    }
  }
  void bad_row(const std::string& message) {
    if (!row_ok_) return;
    row_ok_ = false;
    ++log_.bad;
    if (log_.bad <= kMaxRowMessages) {
      log_.errors.push_back(file_ + " line " + std::to_string(line_) + ": " + message);
    }
  }
  void finish() {
    if (log_.bad > kMaxRowMessages) {
      log_.errors.push_back(file_ + ": " + std::to_string(log_.bad - kMaxRowMessages) +
                            " more lines with problems not shown");
    }
  }

  std::optional<double> time(std::string_view column, std::string_view v,
                             std::optional<std::int32_t>& date) {
    auto t = parse_time(v, date);
    if (!t || *t < 0 || *t >= kMaxLogSeconds) {
      std::optional<std::string> wrong_date;
      if (v.size() > 11 && (v[10] == ' ' || v[10] == 'T'))
        wrong_date = invalid_date(v.substr(0, 10));
      bad(column,
          wrong_date ? *wrong_date
          : !t       ? text::number_range_rule(v).value_or(kTimeRule)
          : *t < 0   ? "must be >= 0"
                     : kMaxLogSecondsRule,
          v);
      return std::nullopt;
    }
    return t;
  }
  std::optional<double> duration(std::string_view column, std::string_view v) {
    auto t = v.find(':') != std::string_view::npos ? parse_clock(v) : parse_number(v);
    if (!t || *t < 0 || *t >= kMaxLogSeconds) {
      bad(column,
          t && *t >= kMaxLogSeconds ? kMaxLogSecondsRule
                                    : text::number_range_rule(v).value_or(kDurationRule),
          v);
      return std::nullopt;
    }
    return t;
  }
  std::optional<double> number(std::string_view column, std::string_view v) {
    auto t = parse_number(v);
    if (!t || *t < 0) bad(column, text::number_range_rule(v).value_or("must be a number >= 0"), v);
    return t && *t >= 0 ? t : std::nullopt;
  }
  std::optional<std::int32_t> date(std::string_view column, std::string_view v) {
    auto d = parse_date(v);
    if (!d) bad(column, invalid_date(v).value_or(kDateRule), v);
    return d;
  }
  std::optional<std::int32_t> integer(std::string_view column, std::string_view v) {
    auto i = parse_int<std::int32_t>(v);
    if (!i) bad(column, "must be an integer", v);
    return i;
  }
  // A contact type's name: not empty, and UTF-8 (it becomes a name in JSON output).
  void type_name(std::string_view column, std::string_view v) {
    if (v.empty()) {
      bad(column, "must not be empty", v);
    } else if (!text::is_valid_utf8(v)) {
      bad(column, "must be UTF-8 text", v);
    }
  }
  std::int32_t type(std::string_view name) { return intern(types_, log_.types, name); }
  std::int32_t agent(std::string_view name) { return intern(agents_, log_.agents, name); }

 private:
  ContactLog& log_;
  std::string file_;
  std::size_t line_ = 0;
  bool row_ok_ = true;
  Index types_, agents_;
};

// Puts the times of a contact in order: a clock time more than 12 hours before the arrival is
// on the next day (midnight crossing); then queue >= arrival, answer >= queue, end >= answer.
void order_times(LoggedContact& c, bool clock) {
  for (double* t : {&c.queue_s, &c.answer_s, &c.end_s}) {
    if (clock && !std::isnan(*t) && *t < c.arrival_s - kHalfDay) *t += kDay;
  }
  if (!std::isnan(c.queue_s)) c.queue_s = std::max(c.queue_s, c.arrival_s);
  if (!std::isnan(c.answer_s)) {
    c.answer_s = std::max(c.answer_s, std::isnan(c.queue_s) ? c.arrival_s : c.queue_s);
  }
  if (!std::isnan(c.end_s)) {
    c.end_s =
        std::max(c.end_s, std::isnan(c.answer_s) ? (std::isnan(c.queue_s) ? c.arrival_s : c.queue_s)
                                                 : c.answer_s);
  }
}

// Column lookup by header name.
class Header {
 public:
  explicit Header(const std::vector<std::string_view>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      names_.emplace_back(trim(fields[i]));
      index_.emplace(names_.back(), i);
    }
  }
  std::optional<std::size_t> find(std::string_view name) const {
    const auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::map<std::string, std::size_t> index_;
};

// ---------------------------------------------------------------------------------------------
// Anonymous Bank

struct BankColumns {
  std::size_t type, date, vru_exit, q_start, q_exit, outcome, ser_start, ser_exit, server, priority;
};

const std::array<const char*, 10> kBankRequired{"type",   "date",    "vru_exit",  "q_start",
                                                "q_exit", "outcome", "ser_start", "ser_exit",
                                                "server", "priority"};

void read_bank_row(Reader& r, const BankColumns& col, const std::vector<std::string_view>& f,
                   ContactLog& log) {
  const std::string_view outcome = f[col.outcome];
  const bool agent = outcome == "AGENT", hang = outcome == "HANG";
  if (outcome == "PHANTOM") {
    ++log.ignored;
    return;
  }
  if (!agent && !hang) {
    r.bad("outcome", "must be one of AGENT, HANG, PHANTOM", outcome);
    return;
  }
  LoggedContact c;
  std::optional<std::int32_t> ignore_date;
  const auto day = r.date("date", f[col.date]);
  const bool queued = !empty_or_zero(f[col.q_start]);
  const auto arrival = queued ? r.time("q_start", f[col.q_start], ignore_date)
                              : r.time("vru_exit", f[col.vru_exit], ignore_date);
  const std::string_view type = f[col.type];
  r.type_name("type", type);
  const auto priority = r.integer("priority", f[col.priority]);
  if (!r.row_ok()) return;
  if (hang && !queued) {
    ++log.not_arrived;
    return;
  }
  c.day = *day;
  c.arrival_s = c.queue_s = *arrival;
  c.priority = *priority;
  c.type = r.type(type);
  c.answer_s = c.end_s = c.handle_s = kNaN;
  c.wrap_s = 0;
  std::optional<double> q_exit;
  if (queued) q_exit = r.time("q_exit", f[col.q_exit], ignore_date);
  if (hang) {
    c.outcome = LoggedOutcome::Abandoned;
    if (q_exit) c.end_s = *q_exit;
  } else {
    c.outcome = LoggedOutcome::Answered;
    const std::string_view server = f[col.server];
    if (!server.empty() && server != "NO_SERVER") c.agent = r.agent(server);
    c.answer_s = queued && q_exit ? *q_exit : c.arrival_s;
    // ser_start = ser_exit = 0:00:00 on a few served calls: the service times are unknown.
    if (!(empty_or_zero(f[col.ser_start]) && empty_or_zero(f[col.ser_exit]))) {
      auto s = r.time("ser_start", f[col.ser_start], ignore_date);
      auto e = r.time("ser_exit", f[col.ser_exit], ignore_date);
      if (s && e) {
        if (*s < c.arrival_s - kHalfDay) *s += kDay;
        if (*e < *s - kHalfDay) *e += kDay;
        c.end_s = std::max(*e, c.answer_s);
        c.handle_s = std::max(0.0, *e - *s);
      }
    }
  }
  if (!r.row_ok()) return;
  order_times(c, true);
  log.contacts.push_back(c);
}

// ---------------------------------------------------------------------------------------------
// ccsim

struct CcsimColumns {
  std::size_t replication, type, outcome, arrival, queue, answer, end, handle, wrap, agent,
      callback_accepted;
};

const std::array<const char*, 11> kCcsimRequired{
    "replication", "contact_type", "outcome", "arrival_s", "queue_entry_s",    "answer_s",
    "end_s",       "handle_s",     "wrap_s",  "agent",     "callback_accepted"};

void read_ccsim_row(Reader& r, const CcsimColumns& col, const std::vector<std::string_view>& f,
                    ContactLog& log) {
  LoggedContact c;
  const auto rep = r.integer("replication", f[col.replication]);
  if (rep && *rep < 0) r.bad("replication", "must be >= 0", f[col.replication]);
  const std::string_view outcome = f[col.outcome];
  if (outcome == "answered") {
    c.outcome = LoggedOutcome::Answered;
  } else if (outcome == "abandoned") {
    c.outcome = LoggedOutcome::Abandoned;
  } else if (outcome == "deflected" || outcome == "contained" || outcome == "bot_abandoned" ||
             outcome == "callback_failed" || outcome == "unserved") {
    c.outcome = LoggedOutcome::Other;
  } else {
    r.bad("outcome",
          "must be one of answered, abandoned, deflected, contained, bot_abandoned, "
          "callback_failed, unserved",
          outcome);
  }
  auto optional_number = [&](const char* column, std::size_t i) {
    return f[i].empty() ? std::optional<double>(kNaN) : r.number(column, f[i]);
  };
  const auto arrival = r.number("arrival_s", f[col.arrival]);
  const auto queue = optional_number("queue_entry_s", col.queue);
  const auto answer = optional_number("answer_s", col.answer);
  const auto end = optional_number("end_s", col.end);
  const auto handle = optional_number("handle_s", col.handle);
  const auto wrap = optional_number("wrap_s", col.wrap);
  const std::string_view accepted = f[col.callback_accepted];
  if (!(accepted.empty() || accepted == "0" || accepted == "1")) {
    r.bad("callback_accepted", "must be 0 or 1", accepted);
  }
  const std::string_view type = f[col.type];
  r.type_name("contact_type", type);
  if (!r.row_ok()) return;
  c.day = *rep;
  c.type = r.type(type);
  c.arrival_s = *arrival;
  c.queue_s = *queue;
  c.answer_s = *answer;
  c.end_s = *end;
  c.handle_s = *handle;
  c.wrap_s = std::isnan(*wrap) ? 0.0 : *wrap;
  c.callback = c.outcome == LoggedOutcome::Answered && accepted == "1";
  if (!f[col.agent].empty()) c.agent = r.agent(f[col.agent]);
  order_times(c, false);
  log.contacts.push_back(c);
}

// ---------------------------------------------------------------------------------------------
// Column mapping

enum Field {
  kType,
  kDate,
  kArrival,
  kQueue,
  kAnswer,
  kEnd,
  kHandle,
  kWrap,
  kOutcome,
  kAgent,
  kPriority,
  kFieldCount
};

struct MappedColumns {
  // Per field: the column indices to try in order (empty: not mapped), and their names.
  std::array<std::vector<std::size_t>, kFieldCount> index;
  std::array<std::vector<std::string>, kFieldCount> name;
};

enum class OutcomeWord { Answered, Abandoned, Ignored, Other, Unknown };

OutcomeWord outcome_word(std::string_view v) {
  static const std::map<std::string, OutcomeWord> words{
      {"answered", OutcomeWord::Answered},     {"answer", OutcomeWord::Answered},
      {"agent", OutcomeWord::Answered},        {"served", OutcomeWord::Answered},
      {"handled", OutcomeWord::Answered},      {"completed", OutcomeWord::Answered},
      {"abandoned", OutcomeWord::Abandoned},   {"abandon", OutcomeWord::Abandoned},
      {"hang", OutcomeWord::Abandoned},        {"hangup", OutcomeWord::Abandoned},
      {"hung_up", OutcomeWord::Abandoned},     {"lost", OutcomeWord::Abandoned},
      {"phantom", OutcomeWord::Ignored},       {"ignore", OutcomeWord::Ignored},
      {"ignored", OutcomeWord::Ignored},       {"deflected", OutcomeWord::Other},
      {"contained", OutcomeWord::Other},       {"bot_abandoned", OutcomeWord::Other},
      {"callback_failed", OutcomeWord::Other}, {"unserved", OutcomeWord::Other},
      {"other", OutcomeWord::Other},
  };
  const auto it = words.find(lower(trim(v)));
  return it == words.end() ? OutcomeWord::Unknown : it->second;
}

constexpr const char* kOutcomeRule =
    "must be answered (or agent, served, handled, completed), abandoned (or hang, hangup, "
    "lost), ignore (or phantom) or other (or deflected, contained, bot_abandoned, "
    "callback_failed, unserved)";

void read_mapped_row(Reader& r, const MappedColumns& col, const Header& header,
                     const std::vector<std::string_view>& f, ContactLog& log) {
  // The first non-empty, non-zero value of a field's columns (else the last non-empty one),
  // with the column it came from.
  auto pick = [&](Field field) -> std::pair<std::string_view, std::string_view> {
    std::string_view value, column;
    for (std::size_t i : col.index[field]) {
      const std::string_view v = trim(f[i]);
      if (v.empty()) continue;
      value = v;
      column = header.names()[i];
      if (!empty_or_zero(v)) break;
    }
    if (column.empty() && !col.index[field].empty()) column = header.names()[col.index[field][0]];
    return {value, column};
  };
  LoggedContact c;
  c.queue_s = c.answer_s = c.end_s = c.handle_s = kNaN;
  OutcomeWord word = OutcomeWord::Unknown;
  if (!col.index[kOutcome].empty()) {
    const auto [v, column] = pick(kOutcome);
    word = outcome_word(v);
    if (word == OutcomeWord::Unknown) {
      r.bad(column, kOutcomeRule, v);
      return;
    }
    if (word == OutcomeWord::Ignored) {
      ++log.ignored;
      return;
    }
  }
  std::optional<std::int32_t> day;
  if (!col.index[kDate].empty()) {
    const auto [v, column] = pick(kDate);
    day = r.date(column, v);
  }
  bool clock = false;
  std::optional<std::int32_t> arrival_date;
  double arrival = 0;
  {
    const auto [v, column] = pick(kArrival);
    if (v.empty()) {
      r.bad(column, "is required", v);
    } else if (auto t = r.time(column, v, arrival_date)) {
      arrival = *t;
      clock = v.find(':') != std::string_view::npos;
    }
  }
  if (!r.row_ok()) return;
  if (arrival_date) {
    day = arrival_date;
  } else if (!day) {
    // Without dates, seconds count on across days.
    day = static_cast<std::int32_t>(std::floor(arrival / kDay));
  }
  const double day_offset =
      arrival_date || col.index[kDate].size() ? 0.0 : static_cast<double>(*day) * kDay;
  c.day = *day;
  c.arrival_s = arrival - day_offset;
  // A time field: NaN when empty or zero; a date-time is taken relative to the arrival's day.
  auto time_field = [&](Field field) {
    if (col.index[field].empty()) return kNaN;
    const auto [v, column] = pick(field);
    if (empty_or_zero(v)) return kNaN;
    std::optional<std::int32_t> date;
    const auto t = r.time(column, v, date);
    if (!t) return kNaN;
    if (date) return *t + static_cast<double>(*date - c.day) * kDay;
    return *t - day_offset;
  };
  c.queue_s = col.index[kQueue].empty() ? c.arrival_s : time_field(kQueue);
  c.answer_s = time_field(kAnswer);
  c.end_s = time_field(kEnd);
  if (!col.index[kHandle].empty()) {
    const auto [v, column] = pick(kHandle);
    if (!v.empty()) {
      if (auto d = r.duration(column, v)) c.handle_s = *d;
    }
  }
  c.wrap_s = 0;
  if (!col.index[kWrap].empty()) {
    const auto [v, column] = pick(kWrap);
    if (!v.empty()) {
      if (auto d = r.duration(column, v)) c.wrap_s = *d;
    }
  }
  std::string_view type = "calls";
  if (!col.index[kType].empty()) {
    const auto [v, column] = pick(kType);
    r.type_name(column, v);
    type = v;
  }
  if (!col.index[kPriority].empty()) {
    const auto [v, column] = pick(kPriority);
    if (!v.empty()) {
      if (auto p = r.integer(column, v)) c.priority = *p;
    }
  }
  if (!r.row_ok()) return;
  if (!col.index[kAgent].empty()) {
    const auto [v, column] = pick(kAgent);
    if (!v.empty()) c.agent = r.agent(v);
  }
  c.type = r.type(type);
  switch (word) {
    case OutcomeWord::Answered:
      c.outcome = LoggedOutcome::Answered;
      break;
    case OutcomeWord::Abandoned:
      c.outcome = LoggedOutcome::Abandoned;
      break;
    case OutcomeWord::Other:
      c.outcome = LoggedOutcome::Other;
      break;
    default:  // no outcome column
      c.outcome = std::isnan(c.answer_s) ? LoggedOutcome::Abandoned : LoggedOutcome::Answered;
  }
  if (std::isnan(c.queue_s)) {
    // Answered without queueing: answered at once. Abandoned without queueing: left before
    // the agent queue.
    if (c.outcome == LoggedOutcome::Answered) c.queue_s = c.arrival_s;
    if (c.outcome == LoggedOutcome::Abandoned) c.outcome = LoggedOutcome::Other;
  }
  if (c.outcome == LoggedOutcome::Answered && std::isnan(c.handle_s) && !std::isnan(c.end_s) &&
      !std::isnan(c.answer_s)) {
    order_times(c, clock);
    c.handle_s = c.end_s - c.answer_s;
  } else {
    order_times(c, clock);
  }
  if (c.outcome != LoggedOutcome::Answered) c.handle_s = kNaN;
  log.contacts.push_back(c);
}

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names{"type",    "date",  "arrival", "queue_entry",
                                              "answer",  "end",   "handle",  "wrap",
                                              "outcome", "agent", "priority"};
  return names;
}

bool header_has(const Header& h, std::initializer_list<const char*> names) {
  return std::all_of(names.begin(), names.end(), [&](const char* n) { return h.find(n); });
}

}  // namespace

// ---------------------------------------------------------------------------------------------

ContactRecord contact_record(const LoggedContact& c) {
  ContactRecord r;
  r.type = c.type;
  switch (c.outcome) {
    case LoggedOutcome::Answered:
      r.outcome = Outcome::Answered;
      break;
    case LoggedOutcome::Abandoned:
      r.outcome = Outcome::Abandoned;
      break;
    case LoggedOutcome::Other:
      r.outcome = Outcome::Unserved;
      break;
  }
  r.arrival_s = r.journey_start_s = c.arrival_s;
  r.queued = !std::isnan(c.queue_s);
  r.queue_entry_s = c.queue_s;
  r.answer_s = c.answer_s;
  r.end_s = c.end_s;
  r.handle_s = c.handle_s;
  r.wrap_s = c.wrap_s;
  r.agent = c.agent;
  r.callback_accepted = c.callback;
  return r;
}

std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates) {
  const std::string g = lower(given);
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& c : candidates) {
    if (g.size() > c.size() + 2 || c.size() > g.size() + 2) continue;
    const std::size_t d = edit_distance(g, lower(c));
    if (d < best_distance && d <= c.size() / 2) {
      best = c;
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : "; did you mean \"" + best + "\"?";
}

std::string quoted_value(std::string_view value) {
  std::string v(value);
  if (v.size() > 40) v = v.substr(0, 37) + "...";
  return "\"" + v + "\"";
}

const std::vector<std::string>& log_fields() {
  return field_names();
}

std::optional<std::string> parse_log_preset(const std::string& name, LogFormat& format) {
  if (name == "anonymous-bank") {
    format.kind = LogFormat::Kind::AnonymousBank;
  } else if (name == "ccsim") {
    format.kind = LogFormat::Kind::Ccsim;
  } else {
    return "must be one of anonymous-bank, ccsim (got " + quoted_value(name) + ")" +
           did_you_mean(name, {"anonymous-bank", "ccsim"});
  }
  return std::nullopt;
}

std::vector<std::string> parse_log_columns(const std::string& spec, LogFormat& format) {
  std::vector<std::string> errors;
  format.kind = LogFormat::Kind::Columns;
  format.columns.clear();
  std::vector<std::string_view> items;
  std::vector<std::string> storage;
  text::split_fields(spec, ',', items, storage);
  for (std::string_view item : items) {
    item = trim(item);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      errors.push_back("must be field=COLUMN (got " + quoted_value(item) + ")");
      continue;
    }
    const std::string field(trim(item.substr(0, eq)));
    const std::string column(trim(item.substr(eq + 1)));
    const auto& fields = field_names();
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      std::string all;
      for (const auto& f : fields) all += (all.empty() ? "" : ", ") + f;
      errors.push_back("field must be one of " + all + " (got " + quoted_value(field) + ")" +
                       did_you_mean(field, fields));
      continue;
    }
    if (column.empty() || column.front() == '|' || column.back() == '|' ||
        column.find("||") != std::string::npos) {
      errors.push_back(field + ": must name a column (got " + quoted_value(column) + ")");
      continue;
    }
    const bool repeated = std::any_of(format.columns.begin(), format.columns.end(),
                                      [&](const auto& p) { return p.first == field; });
    if (repeated) {
      errors.push_back(field + ": given twice (got " + quoted_value(column) + ")");
      continue;
    }
    format.columns.emplace_back(field, column);
  }
  const bool has_arrival = std::any_of(format.columns.begin(), format.columns.end(),
                                       [](const auto& p) { return p.first == "arrival"; });
  if (errors.empty() && !has_arrival) {
    errors.push_back("must map the field arrival (got " + quoted_value(spec) + ")");
  }
  return errors;
}

namespace {

std::optional<std::string> read_whole_file(const std::filesystem::path& file, std::string& text) {
  if (auto problem = read_input_file(file, text)) return problem;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return std::nullopt;
}

char delimiter_of(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) return '\t';
  if (header.find(',') == std::string_view::npos && header.find(';') != std::string_view::npos) {
    return ';';
  }
  return ',';
}

LogFormat::Kind detect(const Header& h) {
  if (header_has(h, {"replication", "contact_type", "arrival_s", "outcome"})) {
    return LogFormat::Kind::Ccsim;
  }
  if (header_has(h, {"vru_exit", "q_start", "ser_start", "outcome"})) {
    return LogFormat::Kind::AnonymousBank;
  }
  return LogFormat::Kind::Detect;
}

}  // namespace

bool looks_like_contact_log(const std::filesystem::path& file) {
  InputFile in(file);
  std::string line;
  if (!in.getline(line)) return false;
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
  text::split_fields(line, delimiter_of(line), fields, storage);
  return detect(Header(fields)) != LogFormat::Kind::Detect;
}

ContactLog read_contact_log(const std::filesystem::path& file, const LogFormat& format) {
  ContactLog log;
  log.source = file.string();
  std::string text;
  if (auto error = read_whole_file(file, text)) {
    log.fatal = *error;
    return log;
  }
  std::string_view rest(text);
  const std::size_t header_end = rest.find('\n');
  const std::string_view header_line = rest.substr(0, header_end);
  rest.remove_prefix(header_end == std::string_view::npos ? rest.size() : header_end + 1);
  if (trim(header_line).empty()) {
    log.fatal = log.source + ": must start with a header line naming the columns";
    return log;
  }
  const char delimiter = delimiter_of(header_line);
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
  text::split_fields(header_line, delimiter, fields, storage);
  const Header header(fields);

  LogFormat::Kind kind = format.kind;
  if (kind == LogFormat::Kind::Detect) {
    kind = detect(header);
    if (kind == LogFormat::Kind::Detect) {
      log.fatal = log.source +
                  ": not a log ccsim recognises (neither the ccsim nor the anonymous-bank "
                  "header)";
      log.fatal_in = ContactLog::FatalIn::Format;
      return log;
    }
  }
  auto column = [&](const char* name) -> std::size_t {
    const auto i = header.find(name);
    if (!i && !log.fatal) {
      log.fatal = log.source + ": no column \"" + name + "\" in the header" +
                  did_you_mean(name, header.names());
    }
    return i.value_or(0);
  };
  BankColumns bank{};
  CcsimColumns ccsim{};
  MappedColumns mapped{};
  switch (kind) {
    case LogFormat::Kind::AnonymousBank:
      log.format = "anonymous-bank";
      for (const char* name : kBankRequired) column(name);
      bank = {column("type"),   column("date"),    column("vru_exit"),  column("q_start"),
              column("q_exit"), column("outcome"), column("ser_start"), column("ser_exit"),
              column("server"), column("priority")};
      log.has_type = log.has_agent = log.has_priority = true;
      break;
    case LogFormat::Kind::Ccsim:
      log.format = "ccsim";
      log.origin = LogOrigin::HorizonStart;
      for (const char* name : kCcsimRequired) column(name);
      ccsim = {column("replication"), column("contact_type"),     column("outcome"),
               column("arrival_s"),   column("queue_entry_s"),    column("answer_s"),
               column("end_s"),       column("handle_s"),         column("wrap_s"),
               column("agent"),       column("callback_accepted")};
      log.has_type = log.has_agent = true;
      break;
    case LogFormat::Kind::Columns:
      log.format = "columns";
      for (const auto& [field, names] : format.columns) {
        const auto f = static_cast<std::size_t>(
            std::find(field_names().begin(), field_names().end(), field) - field_names().begin());
        if (f >= kFieldCount) continue;
        std::string_view list(names);
        while (!list.empty()) {
          const std::size_t bar = list.find('|');
          const std::string name(trim(list.substr(0, bar)));
          list.remove_prefix(bar == std::string_view::npos ? list.size() : bar + 1);
          const auto i = header.find(name);
          if (!i) {
            if (!log.fatal) {
              log.fatal = field + "=" + names + ": " + log.source + " has no column \"" + name +
                          "\"" + did_you_mean(name, header.names());
              log.fatal_in = ContactLog::FatalIn::Columns;
            }
            continue;
          }
          mapped.index[f].push_back(*i);
          mapped.name[f].push_back(name);
        }
      }
      log.has_type = !mapped.index[kType].empty();
      log.has_agent = !mapped.index[kAgent].empty();
      log.has_priority = !mapped.index[kPriority].empty();
      break;
    case LogFormat::Kind::Detect:
      break;
  }
  if (log.fatal) return log;

  log.contacts.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1);
  Reader reader(log, log.source);
  std::size_t line_no = 1;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++line_no;
    if (trim(line).empty()) continue;
    ++log.rows;
    text::split_fields(line, delimiter, fields, storage);
    reader.start_row(line_no);
    if (fields.size() != header.size()) {
      reader.bad_row("must have " + std::to_string(header.size()) +
                     " fields like the header (got " + std::to_string(fields.size()) + ")");
      continue;
    }
    switch (kind) {
      case LogFormat::Kind::AnonymousBank:
        read_bank_row(reader, bank, fields, log);
        break;
      case LogFormat::Kind::Ccsim:
        read_ccsim_row(reader, ccsim, fields, log);
        break;
      case LogFormat::Kind::Columns:
        read_mapped_row(reader, mapped, header, fields, log);
        break;
      case LogFormat::Kind::Detect:
        break;
    }
  }
  reader.finish();
  if (!log.has_type && log.types.empty()) log.types.push_back("calls");
  return log;
}

// ---------------------------------------------------------------------------------------------
// Days

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

std::optional<DaySelection> DaySelection::parse(std::string_view text, std::string& error) {
  DaySelection sel;
  sel.text_ = std::string(text);
  const std::string rule =
      "must be weekdays (sun-thu, mon,wed), dates YYYY-MM-DD, date ranges "
      "YYYY-MM-DD..YYYY-MM-DD, or replications (0..9) for ccsim logs, separated by commas";
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
    auto fail = [&] {
      error = rule + " (got " + quoted_value(item) + ")";
      return std::nullopt;
    };
    if (const std::size_t dots = item.find(".."); dots != std::string_view::npos) {
      const std::string_view a = item.substr(0, dots), b = item.substr(dots + 2);
      if (all_digits(a) && all_digits(b) && a.size() < 9 && b.size() < 9) {
        const auto x = parse_int<std::int32_t>(a), y = parse_int<std::int32_t>(b);
        if (!x || !y || *y < *x) return fail();
        sel.items_.push_back({Item::Kind::Replications, *x, *y});
        continue;
      }
      constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::min();
      const std::int32_t x = a.size() == 10 ? parse_date(a).value_or(kNone) : kNone;
      const std::int32_t y = b.size() == 10 ? parse_date(b).value_or(kNone) : kNone;
      if (x == kNone || y == kNone || y < x) return fail();
      sel.items_.push_back({Item::Kind::Dates, x, y});
      continue;
    }
    if (auto w = parse_weekday(item)) {
      sel.items_.push_back({Item::Kind::Weekdays, *w, *w});
      continue;
    }
    if (const std::size_t dash = item.find('-');
        dash != std::string_view::npos && item.size() < 20 && item.size() != 10) {
      const auto x = parse_weekday(item.substr(0, dash));
      const auto y = parse_weekday(item.substr(dash + 1));
      if (!x || !y) return fail();
      sel.items_.push_back({Item::Kind::Weekdays, *x, *y});
      continue;
    }
    if (item.size() == 10) {
      if (const auto d = parse_date(item)) {
        sel.items_.push_back({Item::Kind::Dates, *d, *d});
        continue;
      }
      return fail();
    }
    if (all_digits(item) && item.size() < 9) {
      const auto r = parse_int<std::int32_t>(item);
      sel.items_.push_back({Item::Kind::Replications, *r, *r});
      continue;
    }
    return fail();
  }
  return sel;
}

bool DaySelection::contains(std::int32_t day, LogOrigin origin) const {
  if (items_.empty()) return true;
  for (const Item& item : items_) {
    switch (item.kind) {
      case Item::Kind::Replications:
        if (origin == LogOrigin::HorizonStart && day >= item.from && day <= item.to) return true;
        break;
      case Item::Kind::Dates:
        if (origin == LogOrigin::Midnight && day >= item.from && day <= item.to) return true;
        break;
      case Item::Kind::Weekdays: {
        if (origin != LogOrigin::Midnight) break;
        const int w = weekday_of(day);
        const bool in = item.from <= item.to ? (w >= item.from && w <= item.to)
                                             : (w >= item.from || w <= item.to);
        if (in) return true;
        break;
      }
    }
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

// ---------------------------------------------------------------------------------------------
// Writing ccsim logs

namespace {

void append_number(std::string& out, double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
  char* end = r.ptr;
  while (end > buf && end[-1] == '0') --end;
  if (end > buf && end[-1] == '.') --end;
  out.append(buf, end);
}

}  // namespace

void append_log_row(std::string& out, const Scenario& scenario, std::uint64_t replication,
                    const ContactRecord& r) {
  const bool answered = r.outcome == Outcome::Answered;
  out += std::to_string(replication);
  out += ',';
  out += std::to_string(r.id);
  out += ',';
  out += text::csv_field(scenario.contact_types[std::size_t(r.type)].name);
  out += ',';
  out += std::to_string(r.attempt);
  out += ',';
  out += outcome_name(r.outcome);
  out += ',';
  append_number(out, r.arrival_s);
  out += ',';
  if (r.used_bot) append_number(out, r.bot_start_s);
  out += ',';
  if (r.used_bot) append_number(out, r.bot_end_s);
  out += ',';
  if (r.queued) append_number(out, r.queue_entry_s);
  out += ',';
  if (answered) append_number(out, r.answer_s);
  out += ',';
  append_number(out, r.end_s);
  out += ',';
  if (answered) append_number(out, r.handle_s);
  out += ',';
  if (answered) append_number(out, r.wrap_s);
  out += ',';
  if (answered && r.group >= 0)
    out += text::csv_field(scenario.agent_groups[std::size_t(r.group)].name);
  out += ',';
  if (answered && r.agent >= 0) out += std::to_string(r.agent);
  out += ',';
  out += r.callback_offered ? '1' : '0';
  out += ',';
  out += r.callback_accepted ? '1' : '0';
  out += ',';
  if (r.call_attempts > 0) append_number(out, r.first_call_s);
  out += ',';
  if (r.has_prediction) append_number(out, r.predicted_wait_s);
  out += '\n';
}

}  // namespace ccsim
