// join_logs (contact_log.h): several logs of one centre read as one.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/measured/contact_log.h"

namespace ccsim {

namespace {

// The index of `name` in `names`, appended when absent.
std::int32_t index_of(const std::string& name, std::vector<std::string>& names,
                      std::map<std::string, std::int32_t>& index) {
  const auto [it, added] = index.emplace(name, std::int32_t(names.size()));
  if (added) names.push_back(name);
  return it->second;
}

// The problem that forbids joining `log` to the logs before it (whose days are `seen`, by the
// file that has them), or nullopt.
std::optional<std::string> join_problem(const ContactLog& log, const ContactLog& first,
                                        const std::map<std::int32_t, std::string>& seen) {
  if (log.origin == LogOrigin::HorizonStart) {
    return log.source +
           ": a ccsim log cannot be joined to other logs (its days are replications, which "
           "would collide)";
  }
  if (log.format != first.format) {
    return log.source + ": the logs to join must have one format (" + first.source + " is " +
           first.format + ", this one " + log.format + ")";
  }
  for (const LoggedContact& c : log.contacts) {
    if (const auto it = seen.find(c.day); it != seen.end()) {
      return log.source + ": day " + day_label(c.day) + " is also in " + it->second +
             " (its contacts would count twice)";
    }
  }
  return std::nullopt;
}

}  // namespace

ContactLog join_logs(std::vector<ContactLog> logs) {
  if (logs.size() == 1) return std::move(logs.front());
  ContactLog out;
  out.format = logs.front().format;
  out.origin = logs.front().origin;
  std::map<std::string, std::int32_t> types, agents;
  std::map<std::int32_t, std::string> seen;
  for (ContactLog& log : logs) {
    out.source += (out.source.empty() ? "" : " + ") + log.source;
    if (log.fatal) {
      out.fatal = log.fatal;
      out.fatal_in = log.fatal_in;
      return out;
    }
    if (auto problem = join_problem(log, logs.front(), seen)) {
      out.fatal = std::move(problem);
      out.fatal_in = ContactLog::FatalIn::File;
      return out;
    }
    std::vector<std::int32_t> type_map, agent_map;
    for (const std::string& t : log.types) type_map.push_back(index_of(t, out.types, types));
    for (const std::string& a : log.agents) agent_map.push_back(index_of(a, out.agents, agents));
    for (LoggedContact c : log.contacts) {
      seen.emplace(c.day, log.source);
      c.type = type_map[std::size_t(c.type)];
      if (c.agent >= 0) c.agent = agent_map[std::size_t(c.agent)];
      out.contacts.push_back(c);
    }
    out.has_type |= log.has_type;
    out.has_agent |= log.has_agent;
    out.has_priority |= log.has_priority;
    out.rows += log.rows;
    out.ignored += log.ignored;
    out.not_arrived += log.not_arrived;
    out.bad += log.bad;
    out.errors.insert(out.errors.end(), log.errors.begin(), log.errors.end());
  }
  return out;
}

}  // namespace ccsim
