#include "tools/log_options.h"

#include "models/io/plural.h"

namespace po = boost::program_options;

namespace ccsim::cli {

void add_log_options(po::options_description& desc, LogOptions& raw) {
  desc.add_options()("preset", po::value<std::string>(&raw.preset),
                     "log format: anonymous-bank (Technion SEE lab Anonymous Bank files) or ccsim "
                     "(ccsim run --log); default: detected from the header")(
      "columns", po::value<std::string>(&raw.columns),
      "map log columns: field=COLUMN[|COLUMN...],... with fields type, date, arrival, "
      "queue_entry, answer, end, handle, wrap, outcome, agent, priority")(
      "days", po::value<std::string>(&raw.days),
      "days of the log to use: weekdays (sun-thu), dates YYYY-MM-DD, ranges A..B, or "
      "replications of a ccsim log (0..9); default: all")(
      "skip-bad-rows", po::bool_switch(&raw.skip_bad_rows),
      "leave malformed rows out (reported as warnings) instead of failing");
}

ParsedLogOptions parse_log_options(const LogOptions& raw, const po::variables_map& vm,
                                   std::vector<std::string>& errors) {
  ParsedLogOptions out;
  if (vm.count("preset") && vm.count("columns")) {
    errors.push_back("--preset and --columns: give one of them, not both");
  } else if (vm.count("preset")) {
    if (auto e = parse_log_preset(raw.preset, out.format)) errors.push_back("--preset: " + *e);
  } else if (vm.count("columns")) {
    for (auto& e : parse_log_columns(raw.columns, out.format)) errors.push_back("--columns: " + e);
  }
  if (vm.count("days")) {
    std::string error;
    if (auto d = DaySelection::parse(raw.days, error)) {
      out.days = *d;
    } else {
      errors.push_back("--days: " + error);
    }
  }
  return out;
}

LogCommandParse parse_log_command(const std::vector<std::string>& args, const char* usage,
                                  const std::function<void(po::options_description&)>& add_own,
                                  OwnOptions own, LogCommandLine& line,
                                  std::vector<std::string>& errors, std::ostream& out) {
  po::options_description desc("options");
  add_common_options(desc, line.raw, line.common);
  if (own == OwnOptions::BeforeLogOptions) add_own(desc);
  add_log_options(desc, line.log_raw);
  if (own == OwnOptions::AfterLogOptions) add_own(desc);
  errors = parse_options(args, desc, line.vm, line.raw, line.common);
  if (line.common.help) {
    out << usage << desc;
    return LogCommandParse::Help;
  }
  if (!errors.empty()) return LogCommandParse::Unreadable;
  line.log = parse_log_options(line.log_raw, line.vm, errors);
  return LogCommandParse::Read;
}

std::string log_problem(const ContactLog& log) {
  switch (log.fatal_in) {
    case ContactLog::FatalIn::Format:
      return *log.fatal + "; give --preset or --columns";
    case ContactLog::FatalIn::Columns:
      return "--columns: " + *log.fatal;
    case ContactLog::FatalIn::File:
      break;
  }
  return *log.fatal;
}

bool report_bad_rows(const std::vector<std::string>& messages, std::size_t bad, bool skip_bad_rows,
                     const std::string& source, std::ostream& err) {
  if (bad == 0) return true;
  const char* level = skip_bad_rows ? "warning: " : "error: ";
  const std::string rows = text::plural(static_cast<long long>(bad), "malformed row");
  for (const std::string& m : messages) err << level << m << "\n";
  if (skip_bad_rows) {
    err << "warning: " << source << ": " << rows << " skipped (--skip-bad-rows)\n";
    return true;
  }
  err << "error: " << source << ": " << rows
      << "; correct them, or give --skip-bad-rows to leave them out\n";
  return false;
}

}  // namespace ccsim::cli
