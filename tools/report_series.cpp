// Labels, series, targets and charts shared by the report builders (tools/report_series.h).
#include "tools/report_series.h"

#include "models/io/plural.h"
#include "tools/table_text.h"

namespace ccsim::cli {

std::vector<std::string> interval_labels(const Scenario& sc) {
  std::vector<std::string> labels;
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    labels.push_back(interval_label(sc.horizon, i));
  }
  return labels;
}

ChartSeries estimate_series(const std::string& name, std::size_t count,
                            const std::function<KpiEstimate(std::size_t)>& value, int decimals) {
  ChartSeries s;
  s.name = name;
  s.decimals = decimals;
  for (std::size_t i = 0; i < count; ++i) {
    const KpiEstimate e = value(i);
    s.mean.push_back(e ? std::optional<double>(e->mean) : std::nullopt);
    s.half_width.push_back(e ? std::optional<double>(e->ci95) : std::nullopt);
  }
  return s;
}

Chart interval_chart(const Scenario& sc, std::string title, std::string y_axis) {
  Chart c;
  c.title = std::move(title);
  c.x_axis = kIntervalAxis;
  c.x_column = "start";
  c.x_labels = interval_labels(sc);
  c.y_axis = std::move(y_axis);
  c.y_min = 0.0;
  return c;
}

std::string kpi_axis(Kpi kpi) {
  switch (kpi) {
    case Kpi::Asa:
      return "ASA (s)";
    case Kpi::WaitP90:
      return "wait p90 (s)";
    case Kpi::ServiceLevel:
      return "service level (share)";
    case Kpi::AbandonRate:
      return "abandon rate (share)";
    case Kpi::Aht:
      return "AHT (s)";
    case Kpi::Offered:
      return "offered (contacts per interval)";
    case Kpi::Answered:
      return "answered (contacts per interval)";
    case Kpi::Abandoned:
      return "abandoned (contacts per interval)";
    default: {
      const KpiInfo& info = kpi_info(kpi);
      return std::string(info.label.empty() ? info.name : info.label);
    }
  }
}

std::vector<std::pair<std::string, std::string>> scenario_facts(const Scenario& sc) {
  std::vector<std::pair<std::string, std::string>> f;
  const Horizon& h = sc.horizon;
  if (h.stationary) {
    f.emplace_back("horizon", "one stationary period of " + format_number(h.end_s(), 0) + " s");
  } else {
    f.emplace_back("horizon", text::plural(h.intervals, "interval") + " of " +
                                  format_number(h.interval_s / 60.0, h.interval_s < 60 ? 2 : 0) +
                                  " min, " + h.start + " to " +
                                  clock_label(h.start, h.interval_s * h.intervals) +
                                  (h.days > 1 ? ", " + std::to_string(h.days) + " days" : "") +
                                  (h.start_date.empty() ? "" : " from " + h.start_date));
  }
  std::string types;
  for (const ContactType& ct : sc.contact_types) {
    if (!types.empty()) types += "; ";
    types += ct.name + " (" + channel_name(ct.channel) + ")";
  }
  f.emplace_back("contact types", types);
  std::string groups;
  for (const AgentGroup& g : sc.agent_groups) {
    if (!groups.empty()) groups += "; ";
    groups += g.name + ": ";
    for (std::size_t s = 0; s < g.skills.size(); ++s) {
      groups += (s ? ", " : "") + sc.contact_types[std::size_t(g.skills[s])].name;
    }
    if (g.concurrency > 1) groups += " (" + std::to_string(g.concurrency) + " at once)";
    if (!g.shrinkage_by_interval.empty()) {
      groups += ", shrinkage per interval (average " + format_number(g.shrinkage, 2) + ")";
    } else if (g.shrinkage > 0) {
      groups += ", shrinkage " + format_number(g.shrinkage, 2);
    }
  }
  f.emplace_back("agent groups (skills)", groups);
  std::string targets;
  for (const ContactType& ct : sc.contact_types) {
    std::string t;
    if (ct.has_service_level_target) {
      t += "service level \u2265 " + format_number(ct.service_level.target, 2) + " within " +
           format_number(ct.service_level.threshold_s, 0) + " s";
    }
    if (ct.max_abandon_rate) {
      t += (t.empty() ? "" : ", ") + std::string("abandon rate \u2264 ") +
           format_number(*ct.max_abandon_rate, 3);
    }
    if (ct.max_asa_s) {
      t += (t.empty() ? "" : ", ") + std::string("ASA \u2264 ") + format_number(*ct.max_asa_s, 0) +
           " s";
    }
    if (t.empty()) continue;
    if (!targets.empty()) targets += "; ";
    targets += ct.name + ": " + t;
  }
  for (const AgentGroup& g : sc.agent_groups) {
    if (!g.max_occupancy) continue;
    if (!targets.empty()) targets += "; ";
    targets += g.name + ": occupancy \u2264 " + format_number(*g.max_occupancy, 2);
  }
  f.emplace_back("targets", targets.empty() ? std::string("none") : targets);
  return f;
}

void add_service_level_target(Chart& chart, const ContactType& type) {
  if (!type.has_service_level_target) return;
  chart.targets.push_back(
      {"target " + format_number(type.service_level.target, 2), type.service_level.target});
}

void add_abandon_target(Chart& chart, const ContactType& type) {
  if (!type.max_abandon_rate) return;
  chart.targets.push_back(
      {"max " + format_number(*type.max_abandon_rate, 3), *type.max_abandon_rate});
}

void add_asa_target(Chart& chart, const ContactType& type) {
  if (!type.max_asa_s) return;
  chart.targets.push_back({"max ASA " + format_number(*type.max_asa_s, 0) + " s", *type.max_asa_s});
}

void add_occupancy_target(Chart& chart, const AgentGroup& group) {
  if (!group.max_occupancy) return;
  chart.targets.push_back(
      {group.name + " max " + format_number(*group.max_occupancy, 2), *group.max_occupancy});
}

namespace {

// The estimates of KPI `kpi` of scope `k` of `results`, by interval.
std::function<KpiEstimate(std::size_t)> scope_kpi(const Results& results, std::size_t k, Kpi kpi) {
  return [&results, k, kpi](std::size_t i) { return results.intervals[i][k][kpi]; };
}

}  // namespace

Chart waiting_time_chart(const Scenario& sc, const Results& results, std::size_t k,
                         const std::string& name, const ContactType* type) {
  const std::size_t n = results.intervals.size();
  Chart c = interval_chart(sc, "Waiting time: " + name, "wait (s)");
  c.series.push_back(estimate_series("ASA", n, scope_kpi(results, k, Kpi::Asa), 1));
  c.series.push_back(estimate_series("wait p90", n, scope_kpi(results, k, Kpi::WaitP90), 1));
  if (type) add_asa_target(c, *type);
  return c;
}

Chart service_level_chart(const Scenario& sc, const Results& results, std::size_t k,
                          std::string title, const ContactType* type) {
  const std::size_t n = results.intervals.size();
  Chart c = interval_chart(sc, std::move(title), "service level (share)");
  c.y_min = 0;
  c.y_max = 1;
  c.series.push_back(
      estimate_series("service level", n, scope_kpi(results, k, Kpi::ServiceLevel), 3));
  if (type) add_service_level_target(c, *type);
  return c;
}

Chart abandonment_chart(const Scenario& sc, const Results& results, std::size_t k,
                        const std::string& name, const ContactType* type) {
  const std::size_t n = results.intervals.size();
  Chart c = interval_chart(sc, "Abandonment: " + name, "abandon rate (share)");
  c.series.push_back(
      estimate_series("abandon rate", n, scope_kpi(results, k, Kpi::AbandonRate), 3));
  if (type) add_abandon_target(c, *type);
  return c;
}

Chart occupancy_chart(const Scenario& sc, const Results& results, std::string y_axis) {
  Chart c = interval_chart(sc, "Occupancy", std::move(y_axis));
  c.y_min = 0;
  c.y_max = 1;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    c.series.push_back(estimate_series(
        sc.agent_groups[g].name, results.intervals.size(),
        [&results, g](std::size_t i) { return results.group_intervals[i][g][GroupKpi::Occupancy]; },
        3));
    add_occupancy_target(c, sc.agent_groups[g]);
  }
  return c;
}

}  // namespace ccsim::cli
