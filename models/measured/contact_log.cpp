#include "models/measured/contact_log.h"

#include <algorithm>
#include <cmath>

#include "models/io/input_file.h"
#include "models/io/text.h"
#include "models/measured/log_reader.h"

namespace ccsim {

namespace {

using log_reading::Header;
using text::edit_distance;
using text::lower;
using text::trim;

}  // namespace

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
      r.outcome = c.other;
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
  if (h.has_all({"replication", "contact_type", "arrival_s", "outcome"})) {
    return LogFormat::Kind::Ccsim;
  }
  if (h.has_all({"vru_exit", "q_start", "ser_start", "outcome"})) {
    return LogFormat::Kind::AnonymousBank;
  }
  return LogFormat::Kind::Detect;
}

// The columns of a log in the format `kind`, found in its header.
struct FormatColumns {
  LogFormat::Kind kind = LogFormat::Kind::Detect;
  log_reading::BankColumns bank{};
  log_reading::CcsimColumns ccsim{};
  log_reading::MappedColumns mapped{};
};

// Sets what `log` has in the format `kind` and finds its columns (a problem: log.fatal).
FormatColumns format_columns(LogFormat::Kind kind, const LogFormat& format, const Header& header,
                             ContactLog& log) {
  FormatColumns columns;
  columns.kind = kind;
  switch (kind) {
    case LogFormat::Kind::AnonymousBank:
      columns.bank = log_reading::bank_columns(header, log);
      break;
    case LogFormat::Kind::Ccsim:
      columns.ccsim = log_reading::ccsim_columns(header, log);
      break;
    case LogFormat::Kind::Columns:
      columns.mapped = log_reading::mapped_columns(format, header, log);
      break;
    case LogFormat::Kind::Detect:
      break;
  }
  return columns;
}

// Reads the data rows `rest` (after the header line, which is line 1) into `log`.
void read_rows(std::string_view rest, char delimiter, const Header& header,
               const FormatColumns& columns, ContactLog& log) {
  log.contacts.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1);
  log_reading::RowReader reader(log, log.source);
  std::vector<std::string_view> fields;
  std::vector<std::string> storage;
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
    switch (columns.kind) {
      case LogFormat::Kind::AnonymousBank:
        log_reading::read_bank_row(reader, columns.bank, fields, log);
        break;
      case LogFormat::Kind::Ccsim:
        log_reading::read_ccsim_row(reader, columns.ccsim, fields, log);
        break;
      case LogFormat::Kind::Columns:
        log_reading::read_mapped_row(reader, columns.mapped, header, fields, log);
        break;
      case LogFormat::Kind::Detect:
        break;
    }
  }
  reader.finish();
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
  LogFormat::Kind kind = format.kind == LogFormat::Kind::Detect ? detect(header) : format.kind;
  if (kind == LogFormat::Kind::Detect) {
    log.fatal = log.source +
                ": not a log ccsim recognises (neither the ccsim nor the anonymous-bank header)";
    log.fatal_in = ContactLog::FatalIn::Format;
    return log;
  }
  const FormatColumns columns = format_columns(kind, format, header, log);
  if (log.fatal) return log;
  read_rows(rest, delimiter, header, columns, log);
  if (!log.has_type && log.types.empty()) log.types.push_back("calls");
  return log;
}

}  // namespace ccsim
