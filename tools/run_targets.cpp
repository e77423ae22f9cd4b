#include "tools/run_targets.h"

#include <sstream>

#include "tools/run_results.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

// The value of a check as tables show it: 3 decimals for shares, 1 for seconds.
std::string value_text(const TargetCheck& c) {
  const int decimals = c.kpi == "asa_s" ? 1 : 3;
  std::string s = format_number(c.value, decimals);
  if (c.ci95 > 0.0) s += " ± " + format_number(c.ci95, decimals);
  return s;
}

// Interval labels of `checks`, the weekday or day written only when it changes ("Mon 08:15,
// 08:30, Tue 08:00"), at most `listed` then "...".
std::string interval_list(const std::vector<const TargetCheck*>& checks, const Horizon& h,
                          std::size_t listed) {
  std::string out, last_day;
  for (std::size_t n = 0; n < checks.size(); ++n) {
    if (n == listed) return out + ", ...";
    std::string label = interval_label(h, checks[n]->index);
    const auto space = label.find(' ');
    if (space != std::string::npos) {
      const std::string day = label.substr(0, space);
      if (day == last_day) label = label.substr(space + 1);
      last_day = day;
    }
    out += (n ? ", " : "") + label;
  }
  return out;
}

// "Tue 2026-12-08" or "D2" for day d.
std::string day_name(const Horizon& h, int d) {
  const std::string label = interval_label(h, d * h.intervals);
  const auto space = label.find(' ');
  return space == std::string::npos ? label : label.substr(0, space);
}

}  // namespace

std::string_view verdict_words(Verdict verdict) {
  return verdict == Verdict::NotDistinguishable ? "not distinguishable" : verdict_name(verdict);
}

nlohmann::json targets_json(const std::vector<TargetCheck>& checks, const Horizon& horizon) {
  nlohmann::json out = nlohmann::json::array();
  for (const TargetCheck& c : checks) {
    nlohmann::json row;
    row[c.of_group ? "agent_group" : "contact_type"] = c.owner_name;
    row["kpi"] = c.kpi;
    row["target"] = c.target;
    if (c.kpi == "service_level") row["threshold_s"] = c.threshold_s;
    row["scope"] = target_scope_name(c.scope);
    if (c.scope == TargetScope::Interval) {
      row["index"] = c.index;
      add_interval_day(row, horizon, c.index);
    }
    if (c.scope == TargetScope::Day) add_interval_day(row, horizon, c.index * horizon.intervals);
    row["value"] = c.value;
    row["ci95"] = c.ci95;
    row["met"] = c.verdict == Verdict::NotDistinguishable
                     ? nlohmann::json(nullptr)
                     : nlohmann::json(c.verdict == Verdict::Met);
    row["verdict"] = verdict_name(c.verdict);
    out.push_back(row);
  }
  return out;
}

std::vector<std::span<const TargetCheck>> checks_by_target(const std::vector<TargetCheck>& checks) {
  std::vector<std::span<const TargetCheck>> out;
  std::size_t begin = 0;
  for (std::size_t n = 1; n <= checks.size(); ++n) {
    const bool same = n < checks.size() && checks[n].of_group == checks[begin].of_group &&
                      checks[n].owner == checks[begin].owner && checks[n].kpi == checks[begin].kpi;
    if (same) continue;
    out.emplace_back(checks.data() + begin, n - begin);
    begin = n;
  }
  return out;
}

std::string target_summary(std::span<const TargetCheck> checks, const Horizon& h,
                           std::size_t listed) {
  std::vector<const TargetCheck*> missed, unclear, missed_days, unclear_days;
  std::size_t intervals = 0;
  const TargetCheck* total = nullptr;
  for (const TargetCheck& c : checks) {
    const bool interval = c.scope == TargetScope::Interval;
    if (c.scope == TargetScope::Total) total = &c;
    if (interval) ++intervals;
    if (c.scope == TargetScope::Total) continue;
    if (c.verdict == Verdict::Missed) (interval ? missed : missed_days).push_back(&c);
    if (c.verdict == Verdict::NotDistinguishable) (interval ? unclear : unclear_days).push_back(&c);
  }
  std::ostringstream o;
  o << checks.front().owner_name << ": " << target_label(checks.front());
  if (intervals > 0) {
    if (missed.empty()) {
      o << (unclear.empty() ? " met in all " : " missed in none of ") << intervals
        << (intervals == 1 ? " interval" : " intervals");
    } else {
      o << " missed in " << missed.size() << " of " << intervals
        << (intervals == 1 ? " interval (" : " intervals (") << interval_list(missed, h, listed)
        << ")";
    }
    if (!unclear.empty()) {
      o << "; not distinguishable in " << unclear.size() << " ("
        << interval_list(unclear, h, listed) << ")";
    }
  }
  auto days = [&](const char* what, const std::vector<const TargetCheck*>& list) {
    if (list.empty()) return;
    o << "; " << what << " on";
    for (const TargetCheck* c : list)
      o << (c == list.front() ? " " : ", ") << day_name(h, c->index);
  };
  days("missed", missed_days);
  days("not distinguishable", unclear_days);
  if (total) {
    o << (intervals > 0 ? "; total " : " ") << verdict_words(total->verdict) << " ("
      << value_text(*total) << ")";
  }
  return o.str();
}

void write_targets_section(std::ostream& out, const std::vector<TargetCheck>& checks,
                           const Horizon& horizon, std::string_view title) {
  if (checks.empty()) return;
  out << "\n"
      << title << " (✗ missed, ? not distinguishable at 95%: the CI straddles the target)\n";
  for (std::span<const TargetCheck> t : checks_by_target(checks)) {
    out << "  " << target_summary(t, horizon) << "\n";
  }
}

TargetLookup::TargetLookup(const std::vector<TargetCheck>& checks) {
  for (const TargetCheck& c : checks) {
    const std::string kpi(c.kpi);
    checks_[Key{c.of_group, c.owner, kpi, int(c.scope), c.index}] = &c;
    targets_[{c.of_group, c.owner, kpi}] = true;
  }
}

bool TargetLookup::has_target(bool of_group, std::size_t owner, std::string_view kpi) const {
  return targets_.contains({of_group, owner, std::string(kpi)});
}

bool TargetLookup::has_any_target(bool of_group, std::size_t owner) const {
  const auto it = targets_.lower_bound({of_group, owner, std::string()});
  return it != targets_.end() && std::get<0>(it->first) == of_group &&
         std::get<1>(it->first) == owner;
}

const TargetCheck* TargetLookup::find(bool of_group, std::size_t owner, std::string_view kpi,
                                      TargetScope scope, int index) const {
  const auto it = checks_.find(Key{of_group, owner, std::string(kpi), int(scope), index});
  return it == checks_.end() ? nullptr : it->second;
}

std::string TargetLookup::mark(bool of_group, std::size_t owner, std::string_view kpi,
                               TargetScope scope, int index) const {
  if (!has_target(of_group, owner, kpi)) return "";
  const TargetCheck* c = find(of_group, owner, kpi, scope, index);
  if (c && c->verdict == Verdict::Missed) return " ✗";
  if (c && c->verdict == Verdict::NotDistinguishable) return " ?";
  return "  ";
}

}  // namespace ccsim::cli
