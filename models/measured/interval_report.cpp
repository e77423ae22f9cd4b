#include <algorithm>
#include <charconv>
#include <map>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/measured/measured.h"

namespace ccsim {

namespace {

using text::trim;

// Largest count (offered, answered, abandoned) of a row of an interval report.
constexpr double kMaxMeasuredCount = 1e12;

const std::vector<std::string>& report_columns() {
  static const std::vector<std::string> columns{
      "interval",     "contact_type", "offered",       "answered", "abandoned",
      "abandon_rate", "asa_s",        "service_level", "aht_s",    "date"};
  return columns;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The rule a measured figure `x` (the cell `v` of `name`, a KPI of kMeasuredKpis) breaks;
// nullopt if it is good.
std::optional<std::string> figure_problem(Kpi kpi, const std::string& name, std::string_view v,
                                          std::optional<double> x) {
  if (!x) return text::number_range_rule(v).value_or("must be a number");
  if (*x < 0) return "must be >= 0";
  if ((kpi == Kpi::AbandonRate || kpi == Kpi::ServiceLevel) && *x > 1) return "must be in [0, 1]";
  if (kpi_info(kpi).is_count && *x > kMaxMeasuredCount) {
    return "must be <= 1e12, so that totals stay finite";
  }
  if (name.ends_with("_s") && *x > kMaxTimeS) {
    return "must be <= 1e9 s (about 31.7 years), so that totals stay finite";
  }
  return std::nullopt;
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

  // The column of each name of the header line; false (and table.fatal) if it cannot be read.
  bool header(const std::string& line);
  // A data row, line `line_no`: into table.rows, or a problem.
  void row(const std::string& line, std::size_t line_no);

 private:
  void bad(const std::string& message);
  std::string_view cell(const std::string& column) const {
    return trim(fields_[std::size_t(at_.at(column))]);
  }
  std::optional<int> interval(std::string_view iv, std::optional<int> day) const;
  bool day(std::optional<int>& d);
  bool interval(MeasuredRow& row, std::optional<int> d);
  bool contact_type(MeasuredRow& row);
  bool figures(MeasuredRow& row);

  MeasuredTable& table_;
  const Scenario& scenario_;
  std::vector<std::string> type_names_, labels_, clocks_, header_;
  std::map<std::string, int> at_;  // column index of each known column of the header
  std::vector<std::string_view> fields_;
  std::vector<std::string> storage_;
  std::map<std::pair<int, int>, std::size_t> seen_;  // (interval, type) → line
  std::size_t line_no_ = 1;
};

void ReportReader::bad(const std::string& message) {
  ++table_.bad_rows;
  if (table_.bad_rows <= kMaxRowMessages) {
    table_.errors.push_back(table_.source + " line " + std::to_string(line_no_) + ": " + message);
  }
}

bool ReportReader::header(const std::string& line) {
  text::split_fields(line, ',', fields_, storage_);
  for (auto f : fields_) header_.emplace_back(trim(f));
  const std::string& source = table_.source;
  for (std::size_t c = 0; c < header_.size(); ++c) {
    const auto& known = report_columns();
    if (std::find(known.begin(), known.end(), header_[c]) == known.end()) {
      table_.fatal = source + ": column " + quoted_value(header_[c]) + " must be one of " +
                     join(known) + did_you_mean(header_[c], known);
      return false;
    }
    if (at_.count(header_[c])) {
      table_.fatal = source + ": column " + quoted_value(header_[c]) + " appears twice";
      return false;
    }
    at_[header_[c]] = int(c);
  }
  if (!at_.count("interval")) {
    table_.fatal = source + ": must have an interval column (got " + join(header_) + ")";
    return false;
  }
  const std::size_t n_types = scenario_.contact_types.size();
  if (!at_.count("contact_type") && n_types > 1) {
    table_.fatal = source + ": must have a contact_type column: the scenario has " +
                   std::to_string(n_types) + " contact types";
    return false;
  }
  return true;
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
bool ReportReader::day(std::optional<int>& d) {
  if (!at_.count("date")) return true;
  const Horizon& h = scenario_.horizon;
  const std::string date(cell("date"));
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
    const auto x = text::parse_number(v);
    if (auto problem = figure_problem(kMeasuredKpis[q], name, v, x)) {
      bad(name + ": " + *problem + " (got " + quoted_value(v) + ")");
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
  if (!day(d) || !interval(row, d) || !contact_type(row) || !figures(row)) return;
  const auto key = std::make_pair(row.interval, row.type);
  if (const auto it = seen_.find(key); it != seen_.end()) {
    bad("duplicate of line " + std::to_string(it->second) + " (interval " +
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
  return table;
}

}  // namespace ccsim
