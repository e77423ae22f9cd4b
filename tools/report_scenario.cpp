// What a scenario assumes, as report tables, and what differs between two scenario files
// (tools/report_series.h).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "tools/report_series.h"
#include "tools/table_text.h"

using nlohmann::json;

namespace ccsim::cli {

namespace {

std::string percent(double share) {
  return format_value(share, 3, ValueFormat::Share);
}

// "240 s" or, with per-interval means, "240 s (per interval 200 s–280 s)".
std::string mean_text(const Distribution& d) {
  std::string s = duration_text(d.mean_s, 0);
  if (!d.mean_s_by_interval.empty()) {
    const auto [lo, hi] =
        std::minmax_element(d.mean_s_by_interval.begin(), d.mean_s_by_interval.end());
    s += " (per interval " + duration_text(*lo, 0) + "\u2013" + duration_text(*hi, 0) + ")";
  }
  return s;
}

// Expected arrivals of type `ct` in each interval of the horizon.
std::vector<double> interval_volumes(const Scenario& sc, const ContactType& ct) {
  const Horizon& h = sc.horizon;
  const auto n = std::size_t(h.interval_count());
  std::vector<double> v(n, 0.0);
  switch (ct.arrivals.kind) {
    case Arrivals::Kind::PerInterval:
      for (std::size_t i = 0; i < n && i < ct.arrivals.per_interval.size(); ++i) {
        v[i] = ct.arrivals.per_interval[i] * ct.arrivals.volume_factor;
      }
      break;
    case Arrivals::Kind::RatePerHour:
      std::fill(v.begin(), v.end(),
                ct.arrivals.rate_per_hour * h.interval_s / 3600.0 * ct.arrivals.volume_factor);
      break;
    case Arrivals::Kind::Trace:
      for (double t : ct.arrivals.trace_times_s) v[std::size_t(h.interval_at(t))] += 1.0;
      break;
  }
  return v;
}

// "1,234 per day; peak 98 at 10:30" (a flat rate: "... ; 40 in every interval").
std::string volume_text(const Scenario& sc, const ContactType& ct) {
  const std::vector<double> v = interval_volumes(sc, ct);
  double total = 0;
  for (double x : v) total += x;
  const int days = sc.horizon.days;
  std::string s = format_number(total / days, 0) + (days > 1 ? " per day" : "");
  const auto peak = std::max_element(v.begin(), v.end());
  if (peak != v.end() && v.size() > 1) {
    const bool flat = std::all_of(v.begin(), v.end(), [&](double x) { return x == *peak; });
    s += flat ? "; " + format_number(*peak, 1) + " in every interval"
              : "; peak " + format_number(*peak, 1) + " at " +
                    interval_label(sc.horizon, int(peak - v.begin()));
  }
  if (ct.arrivals.kind == Arrivals::Kind::Trace) s += " (trace)";
  if (ct.arrivals.volume_cv > 0)
    s += "; forecast error cv " + format_number(ct.arrivals.volume_cv, 2);
  return s;
}

std::string aht_text(const ContactType& ct) {
  std::string s = mean_text(ct.handle_time);
  if (ct.wrap_up) s += " + wrap-up " + mean_text(*ct.wrap_up);
  return s;
}

std::string patience_text(const ContactType& ct) {
  if (ct.channel == Channel::Email || !ct.patience) return "none (never abandons)";
  return "mean " + mean_text(*ct.patience);
}

std::string targets_text(const ContactType& ct) {
  std::string t;
  const auto add = [&t](const std::string& s) { t += (t.empty() ? "" : "; ") + s; };
  if (ct.has_service_level_target) {
    add(percent(ct.service_level.target) + " within " +
        duration_text(ct.service_level.threshold_s, 0));
  }
  if (ct.max_abandon_rate) add("abandon \u2264 " + percent(*ct.max_abandon_rate));
  if (ct.max_asa_s) add("ASA \u2264 " + duration_text(*ct.max_asa_s, 0));
  return t.empty() ? std::string("none") : t;
}

std::string callback_text(const ContactType& ct) {
  if (!ct.callback) return "none";
  const Callback& cb = *ct.callback;
  std::string s = std::string(callback_mode_name(cb.mode)) + " when the predicted wait > " +
                  duration_text(cb.offer_when_expected_wait_over_s, 0) + ", " +
                  percent(cb.accept_prob) + " accept";
  if (cb.reach_prob < 1) s += ", " + percent(cb.reach_prob) + " reached";
  s += ", \u2264 " + std::to_string(cb.max_attempts) + " attempts";
  return s;
}

// The table of contact types; a column only for flows some type uses.
TextTable type_rows(const Scenario& sc) {
  const auto any = [&](auto used) {
    return std::any_of(sc.contact_types.begin(), sc.contact_types.end(), used);
  };
  const bool deflection = any([](const ContactType& c) { return c.self_service.has_value(); });
  const bool bot = any([](const ContactType& c) { return c.chatbot.has_value(); });
  const bool callback = any([](const ContactType& c) { return c.callback.has_value(); });
  const bool retrial = any([](const ContactType& c) { return c.retrial.has_value(); });
  TextTable t{{"contact type", "channel", "volume", "AHT", "patience"}};
  if (deflection) t[0].push_back("deflection (self-service)");
  if (bot) t[0].push_back("containment (chatbot)");
  if (callback) t[0].push_back("callback");
  if (retrial) t[0].push_back("retrials");
  t[0].push_back("targets");
  for (const ContactType& ct : sc.contact_types) {
    std::vector<std::string> row{ct.name, channel_name(ct.channel), volume_text(sc, ct),
                                 aht_text(ct), patience_text(ct)};
    if (deflection) row.push_back(ct.self_service ? percent(ct.self_service->deflection) : "none");
    if (bot) {
      row.push_back(ct.chatbot ? percent(ct.chatbot->containment) + " (bot " +
                                     mean_text(ct.chatbot->bot_time) + ")"
                               : "none");
    }
    if (callback) row.push_back(callback_text(ct));
    if (retrial) {
      row.push_back(ct.retrial
                        ? percent(ct.retrial->prob) + " after " + mean_text(ct.retrial->delay)
                        : "none");
    }
    row.push_back(targets_text(ct));
    t.push_back(row);
  }
  return t;
}

// "30" (a constant count) or "12–40, mean 25.3 (per interval)" / "(shifts)" / "(roster.csv)".
std::string staff_text(const Scenario& sc, const AgentGroup& g) {
  std::vector<double> v;
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    v.push_back(scheduled_agents_in_interval(g, sc.horizon, i));
  }
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  if (*lo == *hi) return format_number(*lo, 0);
  std::string s = format_number(*lo, 0) + "\u2013" + format_number(*hi, 0) + ", mean " +
                  format_number(sum / double(v.size()), 1);
  if (!g.staff.file.empty()) return s + " (" + g.staff.file + ")";
  return s + (g.staff.kind == Staffing::Kind::Shifts ? " (shifts)" : " (per interval)");
}

std::string shrinkage_text(const AgentGroup& g) {
  if (g.shrinkage_by_interval.empty()) return percent(g.shrinkage);
  const auto [lo, hi] =
      std::minmax_element(g.shrinkage_by_interval.begin(), g.shrinkage_by_interval.end());
  return percent(*lo) + "\u2013" + percent(*hi) + " (per interval)";
}

// The table of agent groups; a column only where some group differs from the default.
TextTable group_rows(const Scenario& sc) {
  const auto any = [&](auto used) {
    return std::any_of(sc.agent_groups.begin(), sc.agent_groups.end(), used);
  };
  const bool concurrency = any([](const AgentGroup& g) { return g.concurrency > 1; });
  const bool occupancy = any([](const AgentGroup& g) { return g.max_occupancy.has_value(); });
  const bool speed = any([](const AgentGroup& g) { return g.speed_factor != 1.0; });
  const bool uncertain = any([](const AgentGroup& g) { return g.availability_cv > 0.0; });
  TextTable t{{"agent group", "skills", "staff (scheduled)", "shrinkage"}};
  if (concurrency) t[0].push_back("concurrency");
  if (occupancy) t[0].push_back("max occupancy");
  if (speed) t[0].push_back("speed factor");
  if (uncertain) t[0].push_back("agents on duty");
  for (const AgentGroup& g : sc.agent_groups) {
    std::string skills;
    for (int k : g.skills) {
      skills += (skills.empty() ? "" : ", ") + sc.contact_types[std::size_t(k)].name;
    }
    std::vector<std::string> row{g.name, skills, staff_text(sc, g), shrinkage_text(g)};
    if (concurrency) row.push_back(std::to_string(g.concurrency) + " at once");
    if (occupancy) row.push_back(g.max_occupancy ? percent(*g.max_occupancy) : "none");
    if (speed) row.push_back("\u00d7 " + format_number(g.speed_factor, 2));
    if (uncertain) {
      row.push_back(g.availability_cv > 0.0
                        ? "uncertain, cv " + format_number(g.availability_cv, 3) + " per day"
                        : "as scheduled");
    }
    t.push_back(row);
  }
  return t;
}

// `value` as compact JSON, shortened to about 60 characters.
std::string json_text(const json& value) {
  std::string s = value.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "\u2026";
  return s;
}

// A list of numbers (or other scalars) with more entries changed than this is one difference.
constexpr std::size_t kMostEntryRows = 5;

void diff(const json& a, const json& b, const std::string& path,
          std::vector<ScenarioDifference>& out) {
  if (a == b) return;
  if (a.is_object() && b.is_object()) {
    const auto key_path = [&](const std::string& k) { return path.empty() ? k : path + "." + k; };
    for (const auto& [k, v] : a.items()) {
      if (b.contains(k)) {
        diff(v, b[k], key_path(k), out);
      } else {
        out.push_back({key_path(k), json_text(v), "absent"});
      }
    }
    for (const auto& [k, v] : b.items()) {
      if (!a.contains(k)) out.push_back({key_path(k), "absent", json_text(v)});
    }
    return;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    std::size_t scalar_changes = 0;
    bool scalars = true;
    for (std::size_t i = 0; i < a.size(); ++i) {
      scalars = scalars && a[i].is_primitive() && b[i].is_primitive();
      scalar_changes += a[i] != b[i];
    }
    if (scalars && scalar_changes > kMostEntryRows) {
      out.push_back({path + " (" + std::to_string(scalar_changes) + " of " +
                         std::to_string(a.size()) + " entries)",
                     json_text(a), json_text(b)});
      return;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      diff(a[i], b[i], path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  out.push_back({path, json_text(a), json_text(b)});
}

}  // namespace

void scenario_tables(HtmlReport& page, const Scenario& sc, const std::string& caption_prefix) {
  const TextTable types = type_rows(sc), groups = group_rows(sc);
  page.table(types, caption_prefix + "Contact types: what the scenario assumes", types[0].size());
  page.table(groups, caption_prefix + "Agent groups", groups[0].size());
}

std::vector<ScenarioDifference> scenario_differences(const json& base, const json& variant) {
  std::vector<ScenarioDifference> out;
  diff(base, variant, "", out);
  return out;
}

std::optional<std::vector<ScenarioDifference>> scenario_file_differences(
    const std::string& base_file, const std::string& variant_file) {
  const auto parse = [](const std::string& file) -> std::optional<json> {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  };
  const auto base = parse(base_file), variant = parse(variant_file);
  if (!base || !variant) return std::nullopt;
  return scenario_differences(*base, *variant);
}

}  // namespace ccsim::cli
