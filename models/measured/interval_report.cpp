#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/measured/measured.h"
#include "models/scenario/interval_csv.h"

namespace ccsim {

namespace {

using text::trim;

// Largest count (offered, answered, abandoned) of a row of an interval report.
constexpr double kMaxMeasuredCount = 1e12;

// A column of an interval report: its name as documented and the other names WFM exports give
// it (normalised as reading::normalised_column_name: lower case, '_' for spaces and hyphens, a
// trailing "(unit)" dropped).
struct ReportColumnSpec {
  std::string name;
  std::vector<std::string> synonyms;
};

const std::vector<ReportColumnSpec>& report_columns() {
  static const std::vector<ReportColumnSpec> columns{
      {"interval", {"interval_start", "start", "start_time", "time", "period", "half_hour"}},
      {"date", {"day", "report_date"}},
      {"contact_type", {"queue", "skill", "split", "type", "queue_name", "skill_name"}},
      {"offered",
       {"calls_offered", "contacts_offered", "offered_calls", "offered_contacts", "volume", "calls",
        "contacts"}},
      {"answered",
       {"handled", "calls_answered", "calls_handled", "contacts_handled", "answered_calls",
        "handled_calls", "acd_calls"}},
      {"abandoned",
       {"abandon", "abandons", "aban", "abn", "calls_abandoned", "abandoned_calls",
        "contacts_abandoned"}},
      {"abandon_rate", {"abandonment_rate", "aban_rate", "abn_rate"}},
      {"asa_s",
       {"asa", "avg_speed_of_answer", "average_speed_of_answer", "speed_of_answer", "avg_asa"}},
      {"service_level", {"sl", "svc_level", "service_lvl", "svc_lvl"}},
      {"aht_s", {"aht", "avg_handle_time", "average_handle_time", "handle_time"}},
  };
  return columns;
}

std::vector<std::string> column_names() {
  std::vector<std::string> names;
  for (const auto& c : report_columns()) names.push_back(c.name);
  return names;
}

// Every accepted spelling, for "did you mean".
std::vector<std::string> column_spellings() {
  std::vector<std::string> names;
  for (const auto& c : report_columns()) {
    names.push_back(c.name);
    names.insert(names.end(), c.synonyms.begin(), c.synonyms.end());
  }
  return names;
}

// The column a header cell names, and whether it marks percentages ('%' anywhere in it: "SL %",
// "% Abandoned", "Abandon Rate (%)"); a '%' count of abandoned contacts is abandon_rate. Empty
// name: no column.
struct HeaderCell {
  std::string name;
  bool percent = false;
};

HeaderCell header_cell(std::string_view text) {
  std::string plain(text);
  HeaderCell cell;
  cell.percent = plain.find('%') != std::string::npos;
  plain.erase(std::remove(plain.begin(), plain.end(), '%'), plain.end());
  const std::string key = reading::normalised_column_name(plain);
  for (const auto& c : report_columns()) {
    if (c.name == key || std::find(c.synonyms.begin(), c.synonyms.end(), key) != c.synonyms.end()) {
      cell.name = c.name;
    }
  }
  if (cell.percent && cell.name == "abandoned") cell.name = "abandon_rate";
  return cell;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool is_share(Kpi kpi) {
  return kpi == Kpi::AbandonRate || kpi == Kpi::ServiceLevel || kpi == Kpi::BlockRate;
}

// The value of a measured figure of `kpi`, the cell `v` (not empty) of column `name`, or the rule
// it breaks. A share is a number in [0, 1] or a percentage ("81.3%"; in a column whose header
// holds '%', "81.3" too); a time is seconds or a duration mm:ss / h:mm:ss.
std::optional<double> figure(Kpi kpi, const std::string& name, std::string_view v, bool percent,
                             std::string& rule) {
  std::string_view number = v;
  const bool sign = number.ends_with('%');
  if (sign) number = trim(number.substr(0, number.size() - 1));
  std::optional<double> x;
  if (name.ends_with("_s") && number.find(':') != std::string_view::npos) {
    x = reading::parse_duration(number);
    if (!x) rule = "must be seconds or a duration mm:ss or h:mm:ss";
  } else {
    x = text::parse_number(number);
    if (!x) rule = text::number_range_rule(number).value_or("must be a number");
  }
  if (!x) return std::nullopt;
  if (sign && !is_share(kpi)) {
    rule = "must be a number, not a percentage";
    return std::nullopt;
  }
  if (sign || (percent && is_share(kpi))) *x /= 100;
  if (*x < 0) rule = "must be >= 0";
  if (is_share(kpi) && *x > 1) {
    rule = percent || sign ? "must be a percentage from 0% to 100%"
                           : "must be in [0, 1], or a percentage written with %";
  }
  if (kpi_info(kpi).is_count && *x > kMaxMeasuredCount) {
    rule = "must be <= 1e12, so that totals stay finite";
  }
  if (name.ends_with("_s") && *x > kMaxTimeS) {
    rule = "must be <= 1e9 s (about 31.7 years), so that totals stay finite";
  }
  if (!rule.empty()) return std::nullopt;
  return x;
}

// The weight of a day's ratio figure when days are pooled: the contacts it is a share of
// (service_level, abandon_rate: answered + abandoned; block_rate: offered) or a mean over
// (asa_s, aht_s: answered), else the day's offered, else 1.
double pooling_weight(const MeasuredRow& day, Kpi kpi) {
  const auto ans = day.get(Kpi::Answered), ab = day.get(Kpi::Abandoned);
  if (kpi == Kpi::BlockRate) return day.get(Kpi::Offered).value_or(1.0);
  if (is_share(kpi) && ans && ab) return *ans + *ab;
  if (!is_share(kpi) && ans) return *ans;
  return day.get(Kpi::Offered).value_or(1.0);
}

// The figures of a typical day from the rows of several measured days (rows of the same interval
// and type, in file order; the first keeps its line): a count is its mean over the days that give
// it; a ratio or mean time its mean over those days weighted by pooling_weight, so that it
// equals the ratio of the pooled counts (e.g. abandoned ÷ (answered + abandoned) of all days).
std::vector<MeasuredRow> pool_days(const std::vector<MeasuredRow>& rows) {
  std::vector<MeasuredRow> pooled;
  std::map<std::pair<int, int>, std::vector<const MeasuredRow*>> days;
  for (const MeasuredRow& r : rows) {
    auto& list = days[{r.interval, r.type}];
    if (list.empty()) pooled.push_back(r);
    list.push_back(&r);
  }
  for (MeasuredRow& p : pooled) {
    const auto& list = days[{p.interval, p.type}];
    for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
      const Kpi kpi = kMeasuredKpis[q];
      double sum = 0, weight = 0;
      for (const MeasuredRow* d : list) {
        if (!d->value[q]) continue;
        const double w = kpi_info(kpi).is_count ? 1.0 : pooling_weight(*d, kpi);
        sum += w * *d->value[q];
        weight += w;
      }
      p.value[q] = weight > 0 ? std::optional<double>(sum / weight) : std::nullopt;
    }
  }
  return pooled;
}

// One read of an interval report into `table`.
class ReportReader {
 public:
  ReportReader(MeasuredTable& table, const Scenario& scenario)
      : table_(table), scenario_(scenario) {
    for (const auto& ct : scenario.contact_types) type_names_.push_back(ct.name);
    const Horizon& h = scenario.horizon;
    for (int i = 0; i < h.interval_count(); ++i) {
      labels_.push_back(interval_label(h, i));
      clocks_.push_back(clock_label(h.start, double(i % h.intervals) * h.interval_s));
    }
  }

  // The column of each name of the header line; false (and table.fatal, and with several
  // problems table.errors) if it cannot be read.
  bool header(const std::string& line);
  // A data row, line `line_no`: into table.rows, or a problem.
  void row(const std::string& line, std::size_t line_no);
  // Once every row is read: with dates on a one-day horizon, each date is a measured day, and
  // table.rows become the figures of the typical day (pool_days); `days` (the caller's count of
  // days) must then be 1.
  void finish(int days);

 private:
  std::vector<std::string> header_problems();
  void bad(const std::string& message);
  std::string_view cell(const std::string& column) const {
    return trim(fields_[std::size_t(at_.at(column))]);
  }
  std::optional<int> interval(std::string_view iv, std::optional<int> day) const;
  bool day(std::optional<int>& d, int& sample);
  bool interval(MeasuredRow& row, std::optional<int> d);
  bool contact_type(MeasuredRow& row);
  bool figures(MeasuredRow& row);

  MeasuredTable& table_;
  const Scenario& scenario_;
  std::vector<std::string> type_names_, labels_, clocks_, header_;
  std::map<std::string, int> at_;                // column index of each known column of the header
  std::map<std::string, std::string> given_as_;  // each known column's header as written
  std::set<std::string> percent_;                // the columns whose header holds '%'
  std::vector<std::string_view> fields_;
  std::vector<std::string> storage_;
  // (interval, type, measured day) → line; the day is the date's index among dates_ (a one-day
  // horizon), else 0.
  std::map<std::tuple<int, int, int>, std::size_t> seen_;
  std::map<std::string, int> dates_;  // a one-day horizon: each date read → its index
  std::vector<int> row_date_;         // [row of table.rows]: its date's index
  std::size_t line_no_ = 1;
};

void ReportReader::bad(const std::string& message) {
  ++table_.bad_rows;
  if (table_.bad_rows <= kMaxRowMessages) {
    table_.errors.push_back(table_.source + " line " + std::to_string(line_no_) + ": " + message);
  }
}

std::vector<std::string> ReportReader::header_problems() {
  std::vector<std::string> problems;
  const std::string& source = table_.source;
  for (std::size_t c = 0; c < header_.size(); ++c) {
    const HeaderCell cell = header_cell(header_[c]);
    const std::string given = quoted_value(header_[c]);
    if (cell.name.empty()) {
      problems.push_back(
          source + " line 1: column " + given + " must be one of " + join(column_names()) +
          " or a synonym of one" +
          did_you_mean(reading::normalised_column_name(header_[c]), column_spellings()));
      continue;
    }
    if (cell.percent && cell.name != "service_level" && cell.name != "abandon_rate") {
      problems.push_back(source + " line 1: column " + given + " is " + cell.name +
                         ", which is not a percentage; only service_level and abandon_rate may "
                         "be given in %");
      continue;
    }
    if (auto it = given_as_.find(cell.name); it != given_as_.end()) {
      problems.push_back(source + " line 1: column " + given +
                         (it->second == header_[c] ? " appears twice"
                                                   : " is " + cell.name + ", as column " +
                                                         quoted_value(it->second) + " is"));
      continue;
    }
    at_[cell.name] = int(c);
    given_as_[cell.name] = header_[c];
    if (cell.percent) percent_.insert(cell.name);
  }
  if (!at_.count("interval")) {
    problems.push_back(source + ": must have an interval column (got " + join(header_) + ")");
  }
  const std::size_t n_types = scenario_.contact_types.size();
  if (!at_.count("contact_type") && n_types > 1) {
    problems.push_back(source + ": must have a contact_type column: the scenario has " +
                       std::to_string(n_types) + " contact types");
  }
  return problems;
}

bool ReportReader::header(const std::string& line) {
  text::split_fields(line, ',', fields_, storage_);
  for (auto f : fields_) header_.emplace_back(trim(f));
  const std::vector<std::string> problems = header_problems();
  if (problems.empty()) return true;
  if (problems.size() == 1) {
    table_.fatal = problems.front();
  } else {
    table_.errors = problems;
    table_.fatal = table_.source + ": the header has " + std::to_string(problems.size()) +
                   " problems; nothing was read";
  }
  return false;
}

// A 0-based index, or the start HH:MM of an interval (leading zero optional); with a day (a
// date column), of that day's intervals; without, of the horizon's (HH:MM: one day only).
std::optional<int> ReportReader::interval(std::string_view iv, std::optional<int> day) const {
  const Horizon& h = scenario_.horizon;
  const int first = day ? *day * h.intervals : 0;
  const int count = day ? h.intervals : h.interval_count();
  if (iv.find(':') != std::string_view::npos) {
    if (!day && h.days > 1) return std::nullopt;
    std::string label(iv);
    if (label.size() == 4 && label[1] == ':') label.insert(0, 1, '0');
    const auto begin = clocks_.begin() + first, end = begin + count;
    const auto it = std::find(begin, end, label);
    if (it != end) return int(it - clocks_.begin());
    return std::nullopt;
  }
  int v = -1;
  const auto r = std::from_chars(iv.data(), iv.data() + iv.size(), v);
  if (r.ec == std::errc() && r.ptr == iv.data() + iv.size() && v >= 0 && v < count) {
    return first + v;
  }
  return std::nullopt;
}

// The day of the row's date (a date column), matched against the horizon's start_date; false
// (and a problem) when it is not a day of the horizon.
// The row's date (a date column): over several days, the day of the horizon it is (`d`), matched
// against the horizon's start_date; on a one-day horizon, one of the measured days of the
// typical day (`sample`, its index among the dates read). False (and a problem) when it is
// neither.
bool ReportReader::day(std::optional<int>& d, int& sample) {
  if (!at_.count("date")) return true;
  const Horizon& h = scenario_.horizon;
  const std::string date(cell("date"));
  if (h.days == 1) {
    if (!is_calendar_date(date)) {
      bad("date: must be a calendar date YYYY-MM-DD (got " + quoted_value(date) + ")");
      return false;
    }
    sample = dates_.try_emplace(date, int(dates_.size())).first->second;
    return true;
  }
  if (h.start_date.empty()) {
    bad("date: the scenario's horizon has no start_date to match dates against (got " +
        quoted_value(date) + ")");
    return false;
  }
  for (int k = 0; k < h.days; ++k) {
    if (day_date(h, k) == date) {
      d = k;
      return true;
    }
  }
  bad("date: must be a date of the horizon, " + h.start_date + " to " + day_date(h, h.days - 1) +
      " (got " + quoted_value(date) + ")");
  return false;
}

bool ReportReader::interval(MeasuredRow& row, std::optional<int> d) {
  const std::string_view iv = cell("interval");
  const std::optional<int> i = interval(iv, d);
  if (i) {
    row.interval = *i;
    return true;
  }
  const Horizon& h = scenario_.horizon;
  if (!d && h.days > 1) {
    bad("interval: must be an interval index from 0 to " + std::to_string(h.interval_count() - 1) +
        "; a start HH:MM needs a date column over several days (got " + quoted_value(iv) + ")");
    return false;
  }
  const int first = d ? *d * h.intervals : 0,
            last = first + (d ? h.intervals : h.interval_count()) - 1;
  bad("interval: must be an interval index from 0 to " + std::to_string(last - first) +
      " or the start HH:MM of one (" + clocks_[std::size_t(first)] + " to " +
      clocks_[std::size_t(last)] + ") (got " + quoted_value(iv) + ")");
  return false;
}

bool ReportReader::contact_type(MeasuredRow& row) {
  row.type = 0;
  if (!at_.count("contact_type")) return true;
  const std::size_t n_types = type_names_.size();
  const std::string_view name = cell("contact_type");
  const auto it = std::find(type_names_.begin(), type_names_.end(), name);
  if (it != type_names_.end()) {
    row.type = int(it - type_names_.begin());
  } else if (name == "all") {
    row.type = int(n_types);
  } else if (name.empty() && n_types == 1) {
    row.type = 0;
  } else {
    std::vector<std::string> candidates = type_names_;
    candidates.push_back("all");
    bad("contact_type: must be a contact type of the scenario (" + join(type_names_) +
        ") or all (got " + quoted_value(name) + ")" + did_you_mean(name, candidates));
    return false;
  }
  return true;
}

bool ReportReader::figures(MeasuredRow& row) {
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
    const std::string name(kpi_info(kMeasuredKpis[q]).name);
    if (!at_.count(name)) continue;
    const std::string_view v = cell(name);
    if (v.empty()) continue;
    std::string rule;
    const auto x = figure(kMeasuredKpis[q], name, v, percent_.count(name) > 0, rule);
    if (!x) {
      bad(given_as_.at(name) + ": " + rule + " (got " + quoted_value(v) + ")");
      return false;
    }
    row.value[q] = *x;
  }
  return true;
}

void ReportReader::row(const std::string& line, std::size_t line_no) {
  line_no_ = line_no;
  ++table_.rows_read;
  text::split_fields(line, ',', fields_, storage_);
  if (fields_.size() != header_.size()) {
    bad("must have " + std::to_string(header_.size()) + " fields like the header (got " +
        std::to_string(fields_.size()) + ")");
    return;
  }
  MeasuredRow row;
  row.line = line_no;
  std::optional<int> d;
  int sample = 0;
  if (!day(d, sample) || !interval(row, d) || !contact_type(row) || !figures(row)) return;
  const auto key = std::make_tuple(row.interval, row.type, sample);
  if (const auto it = seen_.find(key); it != seen_.end()) {
    bad("duplicate of line " + std::to_string(it->second) + " (" +
        (dates_.empty() ? "" : "date " + std::string(cell("date")) + ", ") + "interval " +
        labels_[std::size_t(row.interval)] + ", contact type " +
        quoted_value(std::size_t(row.type) < type_names_.size() ? type_names_[std::size_t(row.type)]
                                                                : "all") +
        ")");
    return;
  }
  seen_[key] = line_no;
  if (!row.get(Kpi::AbandonRate)) {
    const auto ans = row.get(Kpi::Answered), ab = row.get(Kpi::Abandoned);
    if (ans && ab && *ans + *ab > 0)
      row.value[*measured_index(Kpi::AbandonRate)] = *ab / (*ans + *ab);
  }
  table_.rows.push_back(row);
  row_date_.push_back(sample);
}

void ReportReader::finish(int days) {
  if (dates_.empty()) return;
  if (days != 1) {
    table_.fatal = table_.source + ": its date column gives the measured days (" +
                   std::to_string(dates_.size()) + "), so no number of days (" +
                   std::to_string(days) + ") may be given besides";
    return;
  }
  table_.days = int(dates_.size());
  table_.rows = pool_days(table_.rows);
}

}  // namespace

MeasuredTable read_measured_csv(const std::filesystem::path& file, const Scenario& scenario,
                                int days) {
  MeasuredTable table;
  table.source = file.string();
  table.kind = "intervals";
  table.days = days;
  InputFile in(file);
  std::string line;
  if (in.problem() || !in.getline(line) || trim(line).empty()) {
    table.fatal = in.problem()
                      ? in.message()
                      : table.source + ": must start with a header line naming the columns";
    return table;
  }
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  ReportReader reader(table, scenario);
  if (!reader.header(line)) return table;
  std::size_t line_no = 1;
  while (in.getline(line)) {
    ++line_no;
    if (!trim(line).empty()) reader.row(line, line_no);
  }
  if (in.problem()) {
    table.fatal = in.message();
    return table;
  }
  if (table.bad_rows > kMaxRowMessages) {
    table.errors.push_back(table.source + ": " + std::to_string(table.bad_rows - kMaxRowMessages) +
                           " more lines with problems not shown");
  }
  if (table.rows_read == 0) table.fatal = table.source + ": has no data rows";
  if (!table.fatal) reader.finish(days);
  return table;
}

}  // namespace ccsim
