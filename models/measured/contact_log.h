// Per-contact logs: one row per contact, as a centre's telephony system records them, or as
// `ccsim run --log` writes them. Read into plain values for aggregation (measured.h) and
// calibration (calibrate.h).
//
// Three ways to read a log (LogFormat):
//   - preset "anonymous-bank": the Technion SEE lab's "Anonymous Bank" call log (1999) exactly
//     as distributed: tab-separated, CRLF, 17 fields, clock times H:MM:SS, dates YYMMDD;
//   - preset "ccsim": the log written by `ccsim run --log` (kCcsimLogColumns);
//   - a column mapping (field=COLUMN,...) for any other CSV or TSV log.
// Without either, the format is detected from the header (ccsim, then anonymous-bank).
//
// Times are seconds from the day's origin: midnight of the row's date for dated logs, the
// horizon start for ccsim logs (LogOrigin). A row's "day" is its date (days since 1970-01-01)
// or, for ccsim logs, its replication.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "models/kpi/contact.h"
#include "models/scenario/scenario.h"

namespace ccsim {

enum class LoggedOutcome : std::uint8_t {
  Answered,   // reached an agent
  Abandoned,  // left the agent queue before an agent answered
  Other,      // neither: never reached the agent queue (deflected, contained, ...) or unserved
};

// One contact of a log. Missing times are NaN.
struct LoggedContact {
  std::int32_t day = 0;       // days since 1970-01-01, or the replication (ccsim logs)
  std::int32_t type = 0;      // index into ContactLog::types
  std::int32_t agent = -1;    // index into ContactLog::agents; -1: none or unnamed
  std::int32_t priority = 0;  // the log's priority (larger is served first); 0 without one
  LoggedOutcome outcome = LoggedOutcome::Other;
  // For outcome Other, which: the outcome a ccsim log names (deflected, blocked, overflowed,
  // messaged, ...); Unserved for other logs, which do not say.
  Outcome other = Outcome::Unserved;
  bool callback = false;   // answered by a callback (ccsim logs): left out of waits, as asa_s
  bool repeat = false;     // a redial or retrial (ccsim logs: attempt > 0), not a first contact
  double arrival_s = 0.0;  // arrival: the contact belongs to the interval of this time
  double queue_s = 0.0;    // entry into the agent queue; NaN: never queued
  double answer_s = 0.0;   // agent answered (end of the wait); NaN: not answered, or unknown
  double end_s = 0.0;      // end of talk (answered) or abandonment (abandoned); NaN: unknown
  double handle_s = 0.0;   // talk time; NaN: unknown. The agent talks over [end - handle, end).
  double wrap_s = 0.0;     // after-contact work following talk (0 when the log has none)
};

// The contact as the kpi package's record, so that measured KPIs come from the same
// ContactStats as simulated ones (kpi.h). It carries what a log knows: the outcome (Other
// becomes `other`: of a ccsim log the outcome written, else Unserved: offered, neither
// answered nor abandoned), arrival, queue entry (queued
// unless NaN), answer, end, talk and wrap-up times (NaN where unknown), the agent, and whether
// it was answered by a callback; `type` stays the log's (an index into ContactLog::types).
// Bots, transfers, retrials and predicted waits are not logged: of the KPIs, those a centre
// measures (kMeasuredKpis, measured.h) are the ones such records define.
ContactRecord contact_record(const LoggedContact& contact);

enum class LogOrigin {
  Midnight,      // times are seconds from midnight of the row's date
  HorizonStart,  // times are seconds from the horizon start (ccsim logs)
};

struct ContactLog {
  std::string source;  // the file, for messages
  std::string format;  // "anonymous-bank", "ccsim" or "columns"
  LogOrigin origin = LogOrigin::Midnight;
  std::vector<std::string> types;   // in order of first appearance
  std::vector<std::string> agents;  // in order of first appearance
  std::vector<LoggedContact> contacts;
  bool has_type = false;      // the log names contact types (else one type "calls")
  bool has_agent = false;     // the log names agents
  bool has_priority = false;  // the log has priorities
  // Rows: every data row is exactly one of kept (in contacts), ignored, not_arrived or bad.
  std::size_t rows = 0;
  std::size_t ignored = 0;      // the log marks them to be ignored (e.g. PHANTOM calls)
  std::size_t not_arrived = 0;  // never reached the agent system (hung up in the voice menu)
  std::size_t bad = 0;          // malformed
  // "FILE line N: COLUMN: RULE (got "VALUE")" for the first kMaxRowMessages bad rows, then
  // "FILE: N more lines with problems not shown".
  std::vector<std::string> errors;
  // A problem with the file or the format as a whole (cannot open, unknown format, missing
  // column): nothing was read.
  std::optional<std::string> fatal;
  // What `fatal` concerns, so that a program can tell the user where to act: the file itself;
  // its format, which none of the presets recognises (name one, or map its columns); or the
  // column mapping of LogFormat::columns (the message starts with the field's "field=COLUMN").
  enum class FatalIn { File, Format, Columns };
  FatalIn fatal_in = FatalIn::File;
};

inline constexpr std::size_t kMaxRowMessages = 20;

// How to read a log.
struct LogFormat {
  enum class Kind { Detect, AnonymousBank, Ccsim, Columns };
  Kind kind = Kind::Detect;
  // Kind::Columns: field → column name(s); several columns joined by '|' are tried in order,
  // the first non-empty, non-zero value wins. Fields: type, date, arrival, queue_entry, answer,
  // end, handle, wrap, outcome, agent, priority.
  std::vector<std::pair<std::string, std::string>> columns;
};

// The fields a column mapping may name, in documentation order.
const std::vector<std::string>& log_fields();

// Sets the format of a preset name: "anonymous-bank" or "ccsim". Returns the rule it breaks
// otherwise ("must be one of ... (got "NAME")").
std::optional<std::string> parse_log_preset(const std::string& name, LogFormat& format);
// Sets a column mapping "field=COLUMN[|COLUMN...],...". Returns every problem (unknown field
// with a did-you-mean, missing '=', empty column, field given twice, arrival missing), each the
// rule broken, prefixed by the field when there is one.
std::vector<std::string> parse_log_columns(const std::string& spec, LogFormat& format);

// Reads a whole log. Never throws on bad input: problems are in errors / fatal.
ContactLog read_contact_log(const std::filesystem::path& file, const LogFormat& format);

// Several logs of one centre read as one (calibrate LOG LOG...): the contacts of each in turn,
// their types and agents matched by name (in order of first appearance over the logs), the row
// counts and messages added up; `source` the files joined by " + ". A log with `fatal` set
// makes the result fatal with its message. Otherwise `fatal` (FatalIn::File) when the logs
// cannot be joined: a ccsim log (its days are replications, which would collide), logs of
// different formats, or a day in two logs ("FILE: day D is also in FILE2", D as YYYY-MM-DD):
// its contacts would count twice. REQUIRES: logs not empty.
ContactLog join_logs(std::vector<ContactLog> logs);

// Whether the first line of `file` looks like a per-contact log (a header that a preset
// recognises). False for an unreadable file.
bool looks_like_contact_log(const std::filesystem::path& file);

// Days of a log to use: weekdays ("sun-thu", "mon,wed", "weekdays" is not a name: list them),
// dates (YYYY-MM-DD) and date ranges (YYYY-MM-DD..YYYY-MM-DD), and for ccsim logs
// replication numbers and ranges (0..9); an item may join such terms by '&' to select the days
// all of them select ("1999-01-01..1999-01-14&sun-thu"). A day is selected if any item
// selects it. Empty: all.
class DaySelection {
 public:
  // Parses a comma-separated list; nullopt and the rule it breaks ("must be weekdays ... (got
  // "ITEM")") if malformed.
  static std::optional<DaySelection> parse(std::string_view text, std::string& error);
  bool all() const { return items_.empty(); }
  // Whether `day` (a LoggedContact::day of a log with `origin`) is selected.
  bool contains(std::int32_t day, LogOrigin origin) const;
  const std::string& text() const { return text_; }

 private:
  struct Item {
    enum class Kind { Weekdays, Dates, Replications } kind;
    std::int32_t from, to;  // inclusive; weekdays 0 = Sunday .. 6, may wrap (fri-sun)
    bool contains(std::int32_t day, LogOrigin origin) const;
  };
  static std::optional<Item> parse_item(std::string_view term);
  // A day is selected when, for some entry, every item of the entry selects it.
  std::vector<std::vector<Item>> items_;
  std::string text_;
};

// Day number (days since 1970-01-01) as YYYY-MM-DD.
std::string day_label(std::int32_t day);
// 0 = Sunday .. 6 = Saturday.
int weekday_of(std::int32_t day);

// Contacts of `log` on the selected days (all when `days.all()`), and the distinct days they
// cover, sorted.
struct DaySubset {
  std::vector<const LoggedContact*> contacts;
  std::vector<std::int32_t> days;
};
DaySubset select_days(const ContactLog& log, const DaySelection& days);
// "FILE: no contact on the days selected (DAYS)": the problem of a selection that keeps no
// contact of `log` (DAYS: the selection's text, left out when every day is selected).
std::string no_contact_on_days(const ContactLog& log, const DaySelection& days);

// ---------------------------------------------------------------------------------------------
// Text helpers shared by the readers of logs and measured tables.

// "; did you mean "X"?" for the candidate within 2 edits (case-insensitive, at most half its
// length) of `given`, else "".
std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates);
// `value` as shown in messages: in double quotes, cut to 40 characters with "...".
std::string quoted_value(std::string_view value);

// ---------------------------------------------------------------------------------------------
// The log written by `ccsim run --log`: CSV with this header, one row per contact record, by
// replication then id. Empty cells: not applicable. Times in seconds from the horizon start.
inline constexpr std::string_view kCcsimLogColumns =
    "replication,id,contact_type,attempt,outcome,arrival_s,bot_start_s,bot_end_s,"
    "queue_entry_s,answer_s,end_s,handle_s,wrap_s,group,agent,callback_offered,"
    "callback_accepted,first_call_s,predicted_wait_s";

// Appends one row (with its '\n') for `record` of `replication` to `out`.
void append_log_row(std::string& out, const Scenario& scenario, std::uint64_t replication,
                    const ContactRecord& record);

}  // namespace ccsim
