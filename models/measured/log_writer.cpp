#include <charconv>

#include "models/io/text.h"
#include "models/measured/contact_log.h"

namespace ccsim {

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
