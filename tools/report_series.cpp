// Labels, series, targets and charts shared by the report builders (tools/report_series.h).
#include "tools/report_series.h"

#include <algorithm>

#include "models/centre/wait_prediction.h"
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
      return "service level (%)";
    case Kpi::AbandonRate:
      return "abandon rate (%)";
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

ValueFormat kpi_format(Kpi kpi) {
  switch (kpi) {
    case Kpi::AbandonRate:
    case Kpi::ServiceLevel:
    case Kpi::Csat:
    case Kpi::TransferRate:
    case Kpi::Fcr:
    case Kpi::BlockRate:
    case Kpi::WaitPredictionIn20:
      return ValueFormat::Share;
    case Kpi::Asa:
    case Kpi::WaitP90:
    case Kpi::Frt:
    case Kpi::Aht:
    case Kpi::Art:
    case Kpi::AbandonWait:
    case Kpi::CallbackWait:
    case Kpi::WaitPredictionMae:
    case Kpi::WaitPredictionRmse:
    case Kpi::WaitPredictionBias:
    case Kpi::SilentAgentTime:
      return ValueFormat::Duration;
    default:
      return ValueFormat::Number;
  }
}

ValueFormat kpi_format(std::string_view name) {
  for (const KpiInfo& info : contact_kpis()) {
    if (info.name == name) return kpi_format(info.kpi);
  }
  return ValueFormat::Number;
}

bool kpi_used(const Scenario& sc, Kpi kpi) {
  const auto any = [&](auto uses) {
    return std::any_of(sc.contact_types.begin(), sc.contact_types.end(), uses);
  };
  const auto transfers = [](const ContactType& c) { return !c.transfers.empty(); };
  switch (kpi) {
    case Kpi::FirstAttempts:
    case Kpi::Retrials:
      return any([&](const ContactType& c) {
        return c.retrial.has_value() || c.channel_switch.has_value() || transfers(c);
      });
    case Kpi::Deflected:
      return any([](const ContactType& c) { return c.self_service.has_value(); });
    case Kpi::Contained:
    case Kpi::BotAbandoned:
      return any([](const ContactType& c) { return c.chatbot.has_value(); });
    case Kpi::CallbacksOffered:
    case Kpi::CallbacksAccepted:
    case Kpi::CallbacksCompleted:
    case Kpi::CallbacksFailed:
    case Kpi::CallbackWait:
      return any([](const ContactType& c) { return c.callback.has_value(); });
    case Kpi::BlockRate:  // blocked only by lines or a full queue
      return !sc.trunks.empty() || any([](const ContactType& c) {
        return c.lines || c.max_queue || c.max_expected_wait_s;
      });
    case Kpi::CallbacksNoSlot:
      return !sc.callback_slots.empty() || any([](const ContactType& c) {
        return c.callback && c.callback->slot_capacity.has_value();
      });
    case Kpi::Transfers:
    case Kpi::TransfersIn:
    case Kpi::TransferRate:
    case Kpi::Fcr:
      return any(transfers);
    case Kpi::Balked:
      return any([](const ContactType& c) { return c.balk.has_value(); });
    case Kpi::Csat:
      return any([](const ContactType& c) { return c.satisfaction.has_value(); });
    case Kpi::SilentAbandoned:
    case Kpi::SilentAgentTime:
      return any([](const ContactType& c) { return c.silent_abandonment.has_value(); });
    case Kpi::WaitPredictionMae:
    case Kpi::WaitPredictionRmse:
    case Kpi::WaitPredictionBias:
    case Kpi::WaitPredictionIn20:
      return any([](const ContactType& c) { return centre::wait_is_predicted(c); });
    default:
      return true;
  }
}

ChartSeries& as_share(ChartSeries& series) {
  series.format = ValueFormat::Share;
  series.lo = 0.0;
  series.hi = 1.0;
  return series;
}

ChartSeries& as_kpi(ChartSeries& series, Kpi kpi) {
  series.format = kpi_format(kpi);
  series.lo = 0.0;
  if (series.format == ValueFormat::Share) series.hi = 1.0;
  return series;
}

std::vector<std::pair<std::string, std::string>> scenario_facts(const Scenario& sc) {
  std::vector<std::pair<std::string, std::string>> f;
  const Horizon& h = sc.horizon;
  if (h.stationary) {
    f.emplace_back("horizon", "one stationary period of " + duration_text(h.end_s(), 0));
  } else {
    f.emplace_back("horizon", text::plural(h.intervals, "interval") + " of " +
                                  format_number(h.interval_s / 60.0, h.interval_s < 60 ? 2 : 0) +
                                  " min, " + h.start + " to " +
                                  clock_label(h.start, h.interval_s * h.intervals) +
                                  (h.days > 1 ? ", " + std::to_string(h.days) + " days" : "") +
                                  (h.start_date.empty() ? "" : " from " + h.start_date));
  }
  if (sc.routing.agent_choice != AgentChoice::LongestIdle) {
    f.emplace_back("routing",
                   std::string("agent choice: ") + agent_choice_name(sc.routing.agent_choice));
  }
  if (sc.simulation.volume_cv > 0) {
    f.emplace_back("forecast error", "every type's volume × one factor of cv " +
                                         format_number(sc.simulation.volume_cv, 2) + " per day");
  }
  for (const DataFileRead& d : sc.data_files) {
    f.emplace_back(d.kind == DataFileRead::Kind::Forecast ? "forecast file" : "roster file",
                   d.file + " (" + std::to_string(d.rows) + " rows)");
  }
  return f;
}

void add_service_level_target(Chart& chart, const ContactType& type) {
  if (!type.has_service_level_target) return;
  chart.targets.push_back(
      {"target " + format_value(type.service_level.target, 3, ValueFormat::Share),
       type.service_level.target});
}

void add_abandon_target(Chart& chart, const ContactType& type) {
  if (!type.max_abandon_rate) return;
  chart.targets.push_back({"max " + format_value(*type.max_abandon_rate, 3, ValueFormat::Share),
                           *type.max_abandon_rate});
}

void add_asa_target(Chart& chart, const ContactType& type) {
  if (!type.max_asa_s) return;
  chart.targets.push_back({"max ASA " + duration_text(*type.max_asa_s, 0), *type.max_asa_s});
}

void add_occupancy_target(Chart& chart, const AgentGroup& group) {
  if (!group.max_occupancy) return;
  chart.targets.push_back(
      {group.name + " max " + format_value(*group.max_occupancy, 3, ValueFormat::Share),
       *group.max_occupancy});
}

namespace {

// The estimates of KPI `kpi` of scope `k` of `results`, by interval.
std::function<KpiEstimate(std::size_t)> scope_kpi(const Results& results, std::size_t k, Kpi kpi) {
  return [&results, k, kpi](std::size_t i) { return results.intervals[i][k][kpi]; };
}

// The series of KPI `kpi` of scope `k` per interval, named `name`, in the KPI's format.
ChartSeries kpi_series(const std::string& name, const Results& results, std::size_t k, Kpi kpi,
                       int decimals) {
  ChartSeries s =
      estimate_series(name, results.intervals.size(), scope_kpi(results, k, kpi), decimals);
  return as_kpi(s, kpi);
}

}  // namespace

Chart waiting_time_chart(const Scenario& sc, const Results& results, std::size_t k,
                         const std::string& name, const ContactType* type) {
  Chart c = interval_chart(sc, "Waiting time: " + name, "wait (s)");
  c.y_format = ValueFormat::Duration;
  c.series.push_back(kpi_series("ASA", results, k, Kpi::Asa, 1));
  c.series.push_back(kpi_series("wait p90", results, k, Kpi::WaitP90, 1));
  if (type) add_asa_target(c, *type);
  return c;
}

Chart service_level_chart(const Scenario& sc, const Results& results, std::size_t k,
                          std::string title, const ContactType* type) {
  Chart c = interval_chart(sc, std::move(title), "service level (%)");
  c.y_min = 0;
  c.y_max = 1;
  c.y_format = ValueFormat::Share;
  c.series.push_back(kpi_series("service level", results, k, Kpi::ServiceLevel, 3));
  if (type) add_service_level_target(c, *type);
  return c;
}

Chart abandonment_chart(const Scenario& sc, const Results& results, std::size_t k,
                        const std::string& name, const ContactType* type) {
  Chart c = interval_chart(sc, "Abandonment: " + name, "abandon rate (%)");
  c.y_format = ValueFormat::Share;
  c.series.push_back(kpi_series("abandon rate", results, k, Kpi::AbandonRate, 3));
  if (type) add_abandon_target(c, *type);
  return c;
}

Chart occupancy_chart(const Scenario& sc, const Results& results, std::string y_axis) {
  Chart c = interval_chart(sc, "Occupancy", std::move(y_axis));
  c.y_min = 0;
  c.y_max = 1;
  c.y_format = ValueFormat::Share;
  for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
    c.series.push_back(estimate_series(
        sc.agent_groups[g].name, results.intervals.size(),
        [&results, g](std::size_t i) { return results.group_intervals[i][g][GroupKpi::Occupancy]; },
        3));
    as_share(c.series.back());
    add_occupancy_target(c, sc.agent_groups[g]);
  }
  return c;
}

}  // namespace ccsim::cli
