#include <cmath>

#include "models/measured/log_reader.h"
#include "models/measured/log_values.h"

namespace ccsim::log_reading {

using log_values::empty_or_zero;
using log_values::kDay;
using log_values::kHalfDay;
using log_values::kNaN;

// ---------------------------------------------------------------------------------------------
// Anonymous Bank

BankColumns bank_columns(const Header& header, ContactLog& log) {
  log.format = "anonymous-bank";
  log.has_type = log.has_agent = log.has_priority = true;
  auto column = [&](const char* name) { return require_column(header, name, log); };
  return {column("type"),   column("date"),    column("vru_exit"),  column("q_start"),
          column("q_exit"), column("outcome"), column("ser_start"), column("ser_exit"),
          column("server"), column("priority")};
}

void read_bank_row(RowReader& r, const BankColumns& col, const Fields& f, ContactLog& log) {
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

CcsimColumns ccsim_columns(const Header& header, ContactLog& log) {
  log.format = "ccsim";
  log.origin = LogOrigin::HorizonStart;
  log.has_type = log.has_agent = true;
  auto column = [&](const char* name) { return require_column(header, name, log); };
  return {column("replication"), column("contact_type"),      column("outcome"),
          column("arrival_s"),   column("queue_entry_s"),     column("answer_s"),
          column("end_s"),       column("handle_s"),          column("wrap_s"),
          column("agent"),       column("callback_accepted"), header.find("attempt")};
}

namespace {

// "must be one of answered, abandoned, ...": every outcome `ccsim run --log` writes.
const std::string& ccsim_outcome_rule() {
  static const std::string rule = [] {
    std::string names;
    for (Outcome o : all_outcomes())
      names += (names.empty() ? "" : ", ") + std::string(outcome_name(o));
    return "must be one of " + names;
  }();
  return rule;
}

}  // namespace

void read_ccsim_row(RowReader& r, const CcsimColumns& col, const Fields& f, ContactLog& log) {
  LoggedContact c;
  const auto rep = r.integer("replication", f[col.replication]);
  if (rep && *rep < 0) r.bad("replication", "must be >= 0", f[col.replication]);
  const std::string_view outcome = f[col.outcome];
  if (const std::optional<Outcome> o = outcome_from_name(outcome)) {
    c.outcome = *o == Outcome::Answered    ? LoggedOutcome::Answered
                : *o == Outcome::Abandoned ? LoggedOutcome::Abandoned
                                           : LoggedOutcome::Other;
    c.other = c.outcome == LoggedOutcome::Other ? *o : Outcome::Unserved;
  } else {
    r.bad("outcome", ccsim_outcome_rule(), outcome);
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
  std::optional<std::int32_t> attempt = 0;
  if (col.attempt) attempt = r.integer("attempt", f[*col.attempt]);
  if (attempt && *attempt < 0) r.bad("attempt", "must be >= 0", f[*col.attempt]);
  const std::string_view type = f[col.type];
  r.type_name("contact_type", type);
  if (!r.row_ok()) return;
  c.repeat = *attempt > 0;
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

}  // namespace ccsim::log_reading
