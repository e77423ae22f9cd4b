// Reading the rows of a per-contact log, shared by the readers of each format: the state of one
// read (RowReader: the row's first problem, interned names), the columns of the header, and the
// times of a contact put in order. Each format sets up its columns from the header (the first
// missing column is ContactLog::fatal), then reads each row into ContactLog::contacts, counts
// it as ignored or not arrived, or reports its first problem. Internal to models/measured.
//
// The formats: the presets anonymous-bank and ccsim (log_presets.cpp), and a column mapping
// (log_columns.cpp). read_contact_log (contact_log.h) detects or takes the format and drives
// them.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/measured/contact_log.h"

namespace ccsim::log_reading {

// Column lookup by header name.
class Header {
 public:
  explicit Header(const std::vector<std::string_view>& fields);
  std::optional<std::size_t> find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }
  bool has_all(std::initializer_list<const char*> names) const;

 private:
  std::vector<std::string> names_;
  std::map<std::string, std::size_t> index_;
};

// The column `name` of `header`; when it is missing, 0, and log.fatal names it (unless an
// earlier problem is there already).
std::size_t require_column(const Header& header, const char* name, ContactLog& log);

// The state of one read of `log`: messages, interning of type and agent names.
class RowReader {
 public:
  RowReader(ContactLog& log, std::string file) : log_(log), file_(std::move(file)) {}

  void start_row(std::size_t line) {
    line_ = line;
    row_ok_ = true;
  }
  bool row_ok() const { return row_ok_; }

  // Records the row's first problem, "FILE line N: COLUMN: RULE (got "VALUE")"; later ones of
  // the same row are not reported. At most kMaxRowMessages messages, then finish() counts the
  // rest.
  void bad(std::string_view column, const std::string& rule, std::string_view value);
  void bad_row(const std::string& message);
  void finish();

  // The cell `v` of `column` as a value of its kind; nullopt (and the row's problem) if it is
  // not one. time: a time of day or a number of seconds, or a date and time (its date in
  // `date`); duration: seconds or H:MM:SS, >= 0; number: >= 0.
  std::optional<double> time(std::string_view column, std::string_view v,
                             std::optional<std::int32_t>& date);
  std::optional<double> duration(std::string_view column, std::string_view v);
  std::optional<double> number(std::string_view column, std::string_view v);
  std::optional<std::int32_t> date(std::string_view column, std::string_view v);
  std::optional<std::int32_t> integer(std::string_view column, std::string_view v);
  // A contact type's name: not empty, and UTF-8 (it becomes a name in JSON output).
  void type_name(std::string_view column, std::string_view v);
  // The index of a type or agent name, in order of first appearance.
  std::int32_t type(std::string_view name) { return intern(types_, log_.types, name); }
  std::int32_t agent(std::string_view name) { return intern(agents_, log_.agents, name); }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;
  static std::int32_t intern(Index& index, std::vector<std::string>& names, std::string_view name);

  ContactLog& log_;
  std::string file_;
  std::size_t line_ = 0;
  bool row_ok_ = true;
  Index types_, agents_;
};

// Puts the times of a contact in order: with `clock` (times of day), a time more than 12 hours
// before the arrival is on the next day (midnight crossing); then queue >= arrival,
// answer >= queue, end >= answer.
void order_times(LoggedContact& c, bool clock);

using Fields = std::vector<std::string_view>;

// ---------------------------------------------------------------------------------------------
// The anonymous-bank preset (log_presets.cpp).

struct BankColumns {
  std::size_t type, date, vru_exit, q_start, q_exit, outcome, ser_start, ser_exit, server, priority;
};
// Sets what the log has and finds its columns.
BankColumns bank_columns(const Header& header, ContactLog& log);
void read_bank_row(RowReader& r, const BankColumns& col, const Fields& f, ContactLog& log);

// ---------------------------------------------------------------------------------------------
// The ccsim preset (log_presets.cpp).

struct CcsimColumns {
  std::size_t replication, type, outcome, arrival, queue, answer, end, handle, wrap, agent,
      callback_accepted;
  std::optional<std::size_t> attempt;  // optional: logs written before it had none
};
// Sets what the log has (times from the horizon start) and finds its columns.
CcsimColumns ccsim_columns(const Header& header, ContactLog& log);
void read_ccsim_row(RowReader& r, const CcsimColumns& col, const Fields& f, ContactLog& log);

// ---------------------------------------------------------------------------------------------
// A column mapping (log_columns.cpp).

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
// Sets what the log has and finds the columns of `format`'s mapping (a missing one: log.fatal,
// concerning the columns).
MappedColumns mapped_columns(const LogFormat& format, const Header& header, ContactLog& log);
void read_mapped_row(RowReader& r, const MappedColumns& col, const Header& header, const Fields& f,
                     ContactLog& log);

}  // namespace ccsim::log_reading
