// The outbound campaigns in the report of `ccsim run` (tools/report_outbound.h).
#include "tools/report_outbound.h"

#include "tools/report_series.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

bool is_time(OutboundKpi kpi) {
  return kpi == OutboundKpi::TalkTime || kpi == OutboundKpi::AgentTime;
}

// What calls_left counts for `campaign`: the list left, or the quota calls lost.
std::string calls_left_meaning(const OutboundCampaign& campaign) {
  return campaign.list_size ? "calls left on the list of " + std::to_string(*campaign.list_size)
                            : "quota calls not made (lost)";
}

// "mean 300 s" or, with wrap-up, "mean 300 s + wrap-up 45 s".
std::string talk_text(const OutboundCampaign& c) {
  std::string s = "mean " + duration_text(c.talk_time.mean_s, 0);
  if (c.wrap_up) s += " + wrap-up " + duration_text(c.wrap_up->mean_s, 0);
  return s;
}

std::string calls_text(const OutboundCampaign& c) {
  if (c.list_size) return "list of " + std::to_string(*c.list_size) + " (carried over)";
  long long total = 0;
  for (int n : c.calls_per_interval) total += n;
  return "quota per interval, " + std::to_string(total) + " in all (unmade calls lost)";
}

std::string rule_text(const OutboundCampaign& c) {
  return "keep " + std::to_string(c.reserve_idle) + " idle; no call while an inbound contact " +
         (c.max_inbound_wait_s > 0 ? "has waited over " + duration_text(c.max_inbound_wait_s, 0)
                                   : std::string("waits"));
}

}  // namespace

void outbound_assumptions_table(HtmlReport& page, const Scenario& sc,
                                const std::string& caption_prefix) {
  if (sc.outbound.empty()) return;
  TextTable t{{"campaign", "agent groups", "calls", "connect", "talk time",
               "dial time (no "
               "connect)",
               "blending rule"}};
  for (const OutboundCampaign& c : sc.outbound) {
    std::string groups;
    for (int g : c.groups) groups += (groups.empty() ? "" : ", ") + sc.agent_groups[g].name;
    t.push_back({c.name, groups, calls_text(c), format_value(c.connect_prob, 3, ValueFormat::Share),
                 talk_text(c),
                 c.dial_time ? "mean " + duration_text(c.dial_time->mean_s, 0) : "\u2013",
                 rule_text(c)});
  }
  page.table(t, caption_prefix + "Outbound campaigns: what the scenario assumes", t[0].size());
}

void outbound_totals_table(HtmlReport& page, const Scenario& sc, const Results& r) {
  if (r.campaigns.empty()) return;
  TextTable t{{"campaign"}};
  for (const OutboundKpiInfo& info : outbound_kpis()) {
    // Times are written as durations ("10 h 56 min"), so their label drops its "(s)".
    std::string label(info.label);
    if (is_time(info.kpi)) label = label.substr(0, label.rfind(" ("));
    t[0].push_back(label + " [" + std::string(info.name) + "]");
  }
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    std::vector<std::string> row{r.campaigns[c]};
    for (const OutboundKpiInfo& info : outbound_kpis()) {
      const KpiEstimate& e = r.outbound_totals[c][info.kpi];
      const ValueFormat f = is_time(info.kpi) ? ValueFormat::Duration : ValueFormat::Number;
      row.push_back(e ? format_cell(e->mean, e->ci95, 1, f) : std::string("\u2013"));
    }
    t.push_back(row);
  }
  page.table(t, "Outbound campaigns (mean \u00b1 95% CI)");
  std::string note =
      "Attempts count every call started (connected or not); talk time is that of the connects; "
      "agent time is all time agents spent on the campaign (talk, wrap-up, dialling). Calls "
      "left: ";
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    note += (c == 0 ? "" : "; ") + r.campaigns[c] + ", " + calls_left_meaning(sc.outbound[c]);
  }
  page.paragraph(note + ".");
}

void outbound_charts(HtmlReport& page, const Scenario& sc, const Results& r) {
  if (r.campaigns.empty()) return;
  page.section("Outbound campaigns per interval");
  const std::size_t n = r.outbound_intervals.size();
  for (std::size_t c = 0; c < r.campaigns.size(); ++c) {
    const auto kpi = [&r, c](OutboundKpi q) {
      return [&r, c, q](std::size_t i) { return r.outbound_intervals[i][c][q]; };
    };
    const OutboundCampaign& campaign = sc.outbound[c];
    Chart chart = interval_chart(sc, "Outbound attempts and connects: " + r.campaigns[c],
                                 "calls started per interval");
    chart.series.push_back(estimate_series("attempts", n, kpi(OutboundKpi::Attempts), 1));
    chart.series.push_back(estimate_series("connects", n, kpi(OutboundKpi::Connects), 1));
    chart.lower_axis = campaign.list_size ? "calls left on the list" : "quota calls lost";
    chart.lower_min = 0.0;
    chart.series.push_back(
        estimate_series(campaign.list_size ? "calls left (interval end)" : "calls lost", n,
                        kpi(OutboundKpi::CallsLeft), 1));
    chart.series.back().lower_panel = true;
    for (ChartSeries& s : chart.series) s.lo = 0.0;
    chart.note = "Lower panel: " + calls_left_meaning(campaign) +
                 (campaign.list_size ? ", at the end of each interval." : ", per interval.");
    page.chart(chart);
  }
}

void paired_campaigns_table(HtmlReport& page, const PairedComparison& c) {
  if (c.campaigns.empty()) return;
  TextTable t{{"campaign", "KPI", "base", "variant", "difference (variant \u2212 base)"}};
  const auto cell = [](const KpiEstimate& e, ValueFormat f, bool sign) {
    if (!e) return std::string("\u2013");
    const std::string text = format_cell(e->mean, e->ci95, 1, f);
    return (sign && text[0] != '-' ? "+" : "") + text;
  };
  for (std::size_t k = 0; k < c.campaigns.size(); ++k) {
    std::string name = c.campaigns[k];
    if (c.base_campaign[k] < 0) name += " (variant only)";
    if (c.variant_campaign[k] < 0) name += " (base only)";
    for (const OutboundKpiInfo& info : outbound_kpis()) {
      const PairedEstimate& p = c.campaign_totals[k][info.kpi];
      const ValueFormat f = is_time(info.kpi) ? ValueFormat::Duration : ValueFormat::Number;
      std::string label(info.label);
      if (is_time(info.kpi)) label = label.substr(0, label.rfind(" ("));
      t.push_back({name, label, cell(p.base, f, false), cell(p.variant, f, false),
                   cell(p.difference, f, true)});
    }
  }
  page.table(t, "Outbound campaigns (mean \u00b1 95% CI)", 2);
}

}  // namespace ccsim::cli
