#include <algorithm>
#include <cmath>
#include <map>

#include "models/io/text.h"
#include "models/measured/log_reader.h"
#include "models/measured/log_values.h"

namespace ccsim {

namespace {

using log_values::empty_or_zero;
using log_values::kDay;
using log_values::kNaN;
using text::lower;
using text::trim;

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names{"type",    "date",  "arrival", "queue_entry",
                                              "answer",  "end",   "handle",  "wrap",
                                              "outcome", "agent", "priority"};
  return names;
}

// The problem of one item "field=COLUMN[|COLUMN...]" of a mapping, given the fields mapped so
// far; nullopt if it is good.
std::optional<std::string> mapping_item_problem(const std::string& field, const std::string& column,
                                                const LogFormat& format) {
  const auto& fields = field_names();
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
    std::string all;
    for (const auto& f : fields) all += (all.empty() ? "" : ", ") + f;
    return "field must be one of " + all + " (got " + quoted_value(field) + ")" +
           did_you_mean(field, fields);
  }
  if (column.empty() || column.front() == '|' || column.back() == '|' ||
      column.find("||") != std::string::npos) {
    return field + ": must name a column (got " + quoted_value(column) + ")";
  }
  const bool repeated = std::any_of(format.columns.begin(), format.columns.end(),
                                    [&](const auto& p) { return p.first == field; });
  if (repeated) return field + ": given twice (got " + quoted_value(column) + ")";
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& log_fields() {
  return field_names();
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
    if (auto problem = mapping_item_problem(field, column, format)) {
      errors.push_back(*problem);
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

namespace log_reading {

MappedColumns mapped_columns(const LogFormat& format, const Header& header, ContactLog& log) {
  log.format = "columns";
  MappedColumns mapped;
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
          log.fatal = field + "=" + names + ": " + log.source + " has no column \"" + name + "\"" +
                      did_you_mean(name, header.names());
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
  return mapped;
}

namespace {

enum class OutcomeWord { Answered, Abandoned, Ignored, Other, Unknown };

// A word of the outcome column; beside the words below, every outcome name of a ccsim log
// (outcome_name) but answered and abandoned is Other.
OutcomeWord outcome_word(std::string_view v) {
  static const std::map<std::string, OutcomeWord> words{
      {"answered", OutcomeWord::Answered},   {"answer", OutcomeWord::Answered},
      {"agent", OutcomeWord::Answered},      {"served", OutcomeWord::Answered},
      {"handled", OutcomeWord::Answered},    {"completed", OutcomeWord::Answered},
      {"abandoned", OutcomeWord::Abandoned}, {"abandon", OutcomeWord::Abandoned},
      {"hang", OutcomeWord::Abandoned},      {"hangup", OutcomeWord::Abandoned},
      {"hung_up", OutcomeWord::Abandoned},   {"lost", OutcomeWord::Abandoned},
      {"phantom", OutcomeWord::Ignored},     {"ignore", OutcomeWord::Ignored},
      {"ignored", OutcomeWord::Ignored},     {"other", OutcomeWord::Other},
  };
  const std::string w = lower(trim(v));
  const auto it = words.find(w);
  if (it != words.end()) return it->second;
  return outcome_from_name(w) ? OutcomeWord::Other : OutcomeWord::Unknown;
}

// The rule an unknown outcome word breaks.
const std::string& outcome_rule() {
  static const std::string rule = [] {
    std::string others;
    for (Outcome o : all_outcomes()) {
      if (o == Outcome::Answered || o == Outcome::Abandoned) continue;
      others += (others.empty() ? "" : ", ") + std::string(outcome_name(o));
    }
    return "must be answered (or agent, served, handled, completed), abandoned (or hang, "
           "hangup, lost), ignore (or phantom) or other (or " +
           others + ")";
  }();
  return rule;
}

// One row of a log read through a column mapping. The problems of a row are checked in a fixed
// order (outcome, date, arrival, then the other times, durations, type, priority), since only
// the first is reported.
class MappedRow {
 public:
  MappedRow(RowReader& r, const MappedColumns& col, const Header& header, const Fields& f)
      : r_(r), col_(col), header_(header), f_(f) {}

  // Reads the row into `log`: a contact, an ignored row, or a problem.
  void read(ContactLog& log);

 private:
  bool mapped(Field field) const { return !col_.index[field].empty(); }
  // The first non-empty, non-zero value of a field's columns (else the last non-empty one),
  // with the column it came from.
  std::pair<std::string_view, std::string_view> pick(Field field) const;
  // The outcome column's word; nullopt when the row ends here (ignored, or a problem).
  std::optional<OutcomeWord> outcome(ContactLog& log);
  // Day and arrival of `c_`; false on a problem.
  bool arrival();
  // A time field: NaN when empty or zero; a date-time is taken relative to the arrival's day.
  double time_field(Field field);
  double duration_field(Field field, double otherwise);
  void times();
  std::string_view type_and_priority();
  // The outcome of `c_` from the word (or, without an outcome column, from the answer time), and
  // what it implies for its times.
  void settle(OutcomeWord word);

  RowReader& r_;
  const MappedColumns& col_;
  const Header& header_;
  const Fields& f_;
  LoggedContact c_;
  bool clock_ = false;       // the arrival is a time of day
  double day_offset_ = 0.0;  // seconds subtracted from times without a date
};

std::pair<std::string_view, std::string_view> MappedRow::pick(Field field) const {
  std::string_view value, column;
  for (std::size_t i : col_.index[field]) {
    const std::string_view v = trim(f_[i]);
    if (v.empty()) continue;
    value = v;
    column = header_.names()[i];
    if (!empty_or_zero(v)) break;
  }
  if (column.empty() && mapped(field)) column = header_.names()[col_.index[field][0]];
  return {value, column};
}

std::optional<OutcomeWord> MappedRow::outcome(ContactLog& log) {
  if (!mapped(kOutcome)) return OutcomeWord::Unknown;
  const auto [v, column] = pick(kOutcome);
  const OutcomeWord word = outcome_word(v);
  if (word == OutcomeWord::Unknown) {
    r_.bad(column, outcome_rule(), v);
    return std::nullopt;
  }
  if (word == OutcomeWord::Ignored) {
    ++log.ignored;
    return std::nullopt;
  }
  if (word == OutcomeWord::Other)
    c_.other = outcome_from_name(lower(v)).value_or(Outcome::Unserved);
  return word;
}

bool MappedRow::arrival() {
  std::optional<std::int32_t> day;
  if (mapped(kDate)) {
    const auto [v, column] = pick(kDate);
    day = r_.date(column, v);
  }
  std::optional<std::int32_t> arrival_date;
  double arrival = 0;
  const auto [v, column] = pick(kArrival);
  if (v.empty()) {
    r_.bad(column, "is required", v);
  } else if (auto t = r_.time(column, v, arrival_date)) {
    arrival = *t;
    clock_ = v.find(':') != std::string_view::npos;
  }
  if (!r_.row_ok()) return false;
  if (arrival_date) {
    day = arrival_date;
  } else if (!day) {
    // Without dates, seconds count on across days.
    day = static_cast<std::int32_t>(std::floor(arrival / kDay));
  }
  day_offset_ = arrival_date || mapped(kDate) ? 0.0 : static_cast<double>(*day) * kDay;
  c_.day = *day;
  c_.arrival_s = arrival - day_offset_;
  return true;
}

double MappedRow::time_field(Field field) {
  if (!mapped(field)) return kNaN;
  const auto [v, column] = pick(field);
  if (empty_or_zero(v)) return kNaN;
  std::optional<std::int32_t> date;
  const auto t = r_.time(column, v, date);
  if (!t) return kNaN;
  if (date) return *t + static_cast<double>(*date - c_.day) * kDay;
  return *t - day_offset_;
}

double MappedRow::duration_field(Field field, double otherwise) {
  if (!mapped(field)) return otherwise;
  const auto [v, column] = pick(field);
  if (v.empty()) return otherwise;
  return r_.duration(column, v).value_or(otherwise);
}

void MappedRow::times() {
  c_.queue_s = mapped(kQueue) ? time_field(kQueue) : c_.arrival_s;
  c_.answer_s = time_field(kAnswer);
  c_.end_s = time_field(kEnd);
  c_.handle_s = duration_field(kHandle, kNaN);
  c_.wrap_s = duration_field(kWrap, 0.0);
}

std::string_view MappedRow::type_and_priority() {
  std::string_view type = "calls";
  if (mapped(kType)) {
    const auto [v, column] = pick(kType);
    r_.type_name(column, v);
    type = v;
  }
  if (mapped(kPriority)) {
    const auto [v, column] = pick(kPriority);
    if (!v.empty()) {
      if (auto p = r_.integer(column, v)) c_.priority = *p;
    }
  }
  return type;
}

void MappedRow::settle(OutcomeWord word) {
  switch (word) {
    case OutcomeWord::Answered:
      c_.outcome = LoggedOutcome::Answered;
      break;
    case OutcomeWord::Abandoned:
      c_.outcome = LoggedOutcome::Abandoned;
      break;
    case OutcomeWord::Other:
      c_.outcome = LoggedOutcome::Other;
      break;
    default:  // no outcome column
      c_.outcome = std::isnan(c_.answer_s) ? LoggedOutcome::Abandoned : LoggedOutcome::Answered;
  }
  if (std::isnan(c_.queue_s)) {
    // Answered without queueing: answered at once. Abandoned without queueing: left before
    // the agent queue.
    if (c_.outcome == LoggedOutcome::Answered) c_.queue_s = c_.arrival_s;
    if (c_.outcome == LoggedOutcome::Abandoned) c_.outcome = LoggedOutcome::Other;
  }
  const bool talk_from_times = c_.outcome == LoggedOutcome::Answered && std::isnan(c_.handle_s) &&
                               !std::isnan(c_.end_s) && !std::isnan(c_.answer_s);
  order_times(c_, clock_);
  if (talk_from_times) c_.handle_s = c_.end_s - c_.answer_s;
  if (c_.outcome != LoggedOutcome::Answered) c_.handle_s = kNaN;
}

void MappedRow::read(ContactLog& log) {
  const std::optional<OutcomeWord> word = outcome(log);
  if (!word || !arrival()) return;
  times();
  const std::string_view type = type_and_priority();
  if (!r_.row_ok()) return;
  if (mapped(kAgent)) {
    const auto [v, column] = pick(kAgent);
    if (!v.empty()) c_.agent = r_.agent(v);
  }
  c_.type = r_.type(type);
  settle(*word);
  log.contacts.push_back(c_);
}

}  // namespace

void read_mapped_row(RowReader& r, const MappedColumns& col, const Header& header, const Fields& f,
                     ContactLog& log) {
  MappedRow row(r, col, header, f);
  row.read(log);
}

}  // namespace log_reading

}  // namespace ccsim
