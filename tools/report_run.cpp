// The reports of `ccsim run` and `ccsim run --vs`.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <utility>

#include "models/centre/wait_prediction.h"
#include "models/io/plural.h"
#include "tools/report_outbound.h"
#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/run_costs.h"
#include "tools/run_targets.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

// Whether a totals row is worth showing: core counts always; other KPIs when defined in some
// scope (counts: and not 0 everywhere).
bool worth_showing(const KpiInfo& info, const std::vector<KpiEstimate>& values) {
  if (info.kpi == Kpi::Offered || info.kpi == Kpi::Queued || info.kpi == Kpi::Answered ||
      info.kpi == Kpi::Abandoned) {
    return true;
  }
  return std::any_of(values.begin(), values.end(),
                     [&](const KpiEstimate& e) { return e && (!info.is_count || e->mean != 0.0); });
}

std::string scope_name(const std::vector<std::string>& types, std::size_t k) {
  return k < types.size() ? types[k] : std::string("all types");
}

// The format of a difference of values of `format`: a difference of shares in points.
ValueFormat difference_format(ValueFormat format) {
  return format == ValueFormat::Share ? ValueFormat::SharePoints : format;
}

std::string signed_cell(const KpiEstimate& e, int decimals, ValueFormat format) {
  if (!e) return "\u2013";
  const std::string cell = format_cell(e->mean, e->ci95, decimals, difference_format(format));
  return (cell[0] == '-' ? "" : "+") + cell;
}

std::string plain_cell(const KpiEstimate& e, int decimals,
                       ValueFormat format = ValueFormat::Number) {
  return e ? format_cell(e->mean, e->ci95, decimals, format) : std::string("\u2013");
}

ValueFormat group_format(GroupKpi kpi) {
  return kpi == GroupKpi::Agents ? ValueFormat::Number : ValueFormat::Share;
}

// The contact type whose targets apply to scope k: type k, or the only type for "all"; null
// for "all" of several types.
const ContactType* scope_type(const Scenario& sc, std::size_t k) {
  if (k < sc.contact_types.size()) return &sc.contact_types[k];
  if (sc.contact_types.size() == 1) return &sc.contact_types[0];
  return nullptr;
}

// Whether contacts of scope k can abandon: type k (or, for all types, some type) has a patience
// and is not email.
bool can_abandon(const Scenario& sc, std::size_t k) {
  const auto can = [](const ContactType& ct) {
    return ct.patience.has_value() && ct.channel != Channel::Email;
  };
  if (k < sc.contact_types.size()) return can(sc.contact_types[k]);
  return std::any_of(sc.contact_types.begin(), sc.contact_types.end(), can);
}

std::string sl_title(const Scenario& sc, std::size_t k) {
  const ContactType* type = scope_type(sc, k);
  if (!type) return "Service level";
  return "Service level (answered within " + duration_text(type->service_level.threshold_s, 0) +
         ")";
}

// What the initial state holds, e.g. "billing: 40 waiting (longest 4 min); advisers: 37 busy";
// empty for none.
std::string initial_state_text(const Scenario& sc) {
  const InitialState& st = sc.initial_state;
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const std::string& name = sc.contact_types[k].name;
    if (k < st.waiting_s.size() && !st.waiting_s[k].empty()) {
      const auto& w = st.waiting_s[k];
      add(name + ": " + std::to_string(w.size()) + " waiting (longest " +
          duration_text(*std::max_element(w.begin(), w.end()), 0) + ")");
    }
    if (k < st.callbacks_s.size() && !st.callbacks_s[k].empty()) {
      add(name + ": " + text::plural(static_cast<long long>(st.callbacks_s[k].size()), "callback") +
          " pending");
    }
  }
  for (std::size_t g = 0; g < sc.agent_groups.size() && g < st.busy.size(); ++g) {
    if (!st.busy[g].empty()) {
      add(sc.agent_groups[g].name + ": " + std::to_string(st.busy[g].size()) + " busy");
    }
  }
  return out;
}

// The scenario's summary with the run's size.
void run_facts(HtmlReport& page, const Scenario& sc, const Results& r,
               const std::string& scenario_file) {
  page.section("Scenario");
  auto facts = scenario_facts(sc);
  facts.insert(facts.begin(), {"file", scenario_file});
  facts.insert(facts.begin(), {"name", sc.name});
  if (const std::string state = initial_state_text(sc); !state.empty()) {
    facts.emplace_back("starts from", state);
  }
  facts.emplace_back("replications", std::to_string(r.replications));
  facts.emplace_back("seed", std::to_string(r.seed));
  facts.emplace_back(
      "contacts simulated",
      format_number(double(r.contacts) / std::max(1, r.replications), 1) + " per replication");
  page.facts(facts);
  scenario_tables(page, sc);
  outbound_assumptions_table(page, sc);
}

// The totals of the trunk groups and callback slot groups, where the scenario has them.
void limits_totals(HtmlReport& page, const Results& r) {
  if (!r.trunks.empty()) {
    TextTable t{{"trunk group", "lines", "Lines in use", "Line occupancy"}};
    for (std::size_t g = 0; g < r.trunks.size(); ++g) {
      t.push_back({r.trunks[g], std::to_string(r.trunk_lines[g]),
                   plain_cell(r.trunk_totals[g][TrunkKpi::LinesInUse], 1),
                   plain_cell(r.trunk_totals[g][TrunkKpi::LineOccupancy], 3, ValueFormat::Share)});
    }
    page.table(t, "Trunk groups (mean \u00b1 95% CI)");
  }
  if (!r.slot_groups.empty()) {
    TextTable t{
        {"callback slot group", "capacity per interval", "Callbacks booked", "Callback slot use"}};
    for (std::size_t g = 0; g < r.slot_groups.size(); ++g) {
      t.push_back({r.slot_groups[g], std::to_string(r.slot_capacity[g]),
                   plain_cell(r.slot_totals[g][SlotKpi::SlotsUsed], 1),
                   plain_cell(r.slot_totals[g][SlotKpi::SlotUse], 3, ValueFormat::Share)});
    }
    page.table(t, "Callback slots over the horizon (mean \u00b1 95% CI)");
  }
}

// The totals tables: contact KPIs worth showing by scope (none of a flow the scenario does not
// use), and every KPI of each agent group.
void run_totals(HtmlReport& page, const Scenario& sc, const Results& r, std::size_t scopes) {
  page.section(r.days.empty() ? "Totals over the day" : "Totals over the horizon");
  TextTable totals{{"KPI"}};
  for (std::size_t k = 0; k < scopes; ++k) totals[0].push_back(scope_name(r.types, k));
  for (const KpiInfo& info : contact_kpis()) {
    std::vector<KpiEstimate> values;
    for (std::size_t k = 0; k < scopes; ++k) values.push_back(r.totals[k][info.kpi]);
    if (!worth_showing(info, values) || !kpi_used(sc, info.kpi)) continue;
    std::vector<std::string> row{std::string(info.label) + " [" + std::string(info.name) + "]"};
    for (const KpiEstimate& e : values) {
      row.push_back(plain_cell(e, decimals_for(info.name), kpi_format(info.kpi)));
    }
    totals.push_back(row);
  }
  page.table(totals, "Contact KPIs (mean \u00b1 95% CI)");
  TextTable groups{{"agent group"}};
  for (const GroupKpiInfo& info : group_kpis()) groups[0].push_back(std::string(info.label));
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    std::vector<std::string> row{r.groups[g]};
    for (const GroupKpiInfo& info : group_kpis()) {
      row.push_back(
          plain_cell(r.group_totals[g][info.kpi], decimals_for(info.name), group_format(info.kpi)));
    }
    groups.push_back(row);
  }
  page.table(groups, "Agent groups (mean \u00b1 95% CI)");
  limits_totals(page, r);
}

// Offered contacts of scope k per interval and, in a lower panel on the same x axis, the agents
// that can answer them: the groups skilled for type k, or every group for all types.
Chart offered_chart(const Scenario& sc, const Results& r, std::size_t k, const std::string& name) {
  const std::size_t n = r.intervals.size();
  Chart offered =
      interval_chart(sc, "Offered contacts and agents: " + name, "offered (contacts per interval)");
  offered.lower_axis = "agents available";
  offered.lower_min = 0.0;
  offered.series.push_back(estimate_series(
      "offered", n, [&, k](std::size_t i) { return r.intervals[i][k][Kpi::Offered]; }, 1));
  as_kpi(offered.series.back(), Kpi::Offered);
  ChartSeries agents;
  agents.name = "agents (time-average)";
  agents.lower_panel = true;
  agents.decimals = 1;
  for (std::size_t i = 0; i < n; ++i) {
    double total = 0;
    bool any = false;
    for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
      const auto& skills = sc.agent_groups[g].skills;
      const bool skilled =
          k >= r.types.size() || std::find(skills.begin(), skills.end(), int(k)) != skills.end();
      const KpiEstimate& e = r.group_intervals[i][g][GroupKpi::Agents];
      if (skilled && e) {
        total += e->mean;
        any = true;
      }
    }
    agents.mean.push_back(any ? std::optional<double>(total) : std::nullopt);
  }
  offered.series.push_back(agents);
  offered.note = k < r.types.size()
                     ? "Lower panel: agents available of every group skilled for " + name + "."
                     : "Lower panel: agents available of every group.";
  return offered;
}

// Contacts of scope k that the centre's limits turned away or moved per interval: blocked
// (busy signal or full queue), overflowed, and callbacks not offered for want of a slot, with
// the block rate in a lower panel; nullopt when none was, in any interval.
std::optional<Chart> limits_chart(const Scenario& sc, const Results& r, std::size_t k,
                                  const std::string& name) {
  const std::size_t n = r.intervals.size();
  Chart c = interval_chart(sc, "", "contacts per interval");
  std::vector<std::string> shown;
  for (const auto& [kpi, label] :
       {std::pair{Kpi::Blocked, "blocked"}, std::pair{Kpi::Overflowed, "overflowed"},
        std::pair{Kpi::CallbacksNoSlot, "callbacks refused (no slot)"}}) {
    const Kpi q = kpi;  // a variable, not a structured binding: lambdas capture it (clang < 16)
    const bool any = std::any_of(r.intervals.begin(), r.intervals.end(), [&](const auto& row) {
      return row[k][q] && row[k][q]->mean > 0.0;
    });
    if (!any) continue;
    c.series.push_back(estimate_series(
        label, n, [&, k, q](std::size_t i) { return r.intervals[i][k][q]; }, 1));
    as_kpi(c.series.back(), q);
    shown.emplace_back(label);
  }
  if (shown.empty()) return std::nullopt;
  c.title = shown[0];
  c.title[0] = char(std::toupper(static_cast<unsigned char>(c.title[0])));
  for (std::size_t i = 1; i < shown.size(); ++i) {
    c.title += (i + 1 == shown.size() ? " and " : ", ") + shown[i];
  }
  c.title += ": " + name;
  if (shown[0] == "blocked") {
    c.lower_axis = "block rate (%)";
    c.lower_min = 0.0;
    c.lower_format = ValueFormat::Share;
    c.series.push_back(estimate_series(
        "block rate", n, [&, k](std::size_t i) { return r.intervals[i][k][Kpi::BlockRate]; }, 3));
    as_kpi(c.series.back(), Kpi::BlockRate);
    c.series.back().lower_panel = true;
  }
  c.note =
      "Blocked: a busy signal, or a full queue left neither by overflow nor by a message; "
      "overflowed: moved to another type's queue; callbacks refused: no callback offered, every "
      "callback slot within reach being full.";
  return c;
}

// Per trunk group, its line occupancy per interval (lines in use in a lower panel); per
// callback slot group, the callbacks booked into each interval against its capacity.
void run_limit_charts(HtmlReport& page, const Scenario& sc, const Results& r) {
  const std::size_t n = r.intervals.size();
  if (!r.trunks.empty()) page.section("Trunk groups per interval");
  for (std::size_t t = 0; t < r.trunks.size(); ++t) {
    Chart c = interval_chart(sc, "Line occupancy: " + r.trunks[t], "line occupancy (%)");
    c.y_max = 1;
    c.y_format = ValueFormat::Share;
    c.series.push_back(estimate_series(
        "line occupancy", n,
        [&, t](std::size_t i) { return r.trunk_intervals[i][t][TrunkKpi::LineOccupancy]; }, 3));
    as_share(c.series.back());
    c.lower_axis = "lines in use";
    c.lower_min = 0.0;
    c.lower_max = double(r.trunk_lines[t]);
    c.series.push_back(estimate_series(
        "lines in use", n,
        [&, t](std::size_t i) { return r.trunk_intervals[i][t][TrunkKpi::LinesInUse]; }, 1));
    c.series.back().lower_panel = true;
    c.series.back().lo = 0.0;
    c.series.back().hi = double(r.trunk_lines[t]);
    c.note = text::plural(r.trunk_lines[t], "line") +
             "; a contact holds one from arrival to the end of its talk.";
    page.chart(c);
  }
  if (!r.slot_groups.empty()) page.section("Callback slots per interval");
  for (std::size_t g = 0; g < r.slot_groups.size(); ++g) {
    const double capacity = r.slot_capacity[g];
    Chart c =
        interval_chart(sc, "Callback slots: " + r.slot_groups[g], "callbacks due in the interval");
    c.y_max = capacity;
    c.series.push_back(estimate_series(
        "callbacks booked", n,
        [&, g](std::size_t i) { return r.slot_intervals[i][g][SlotKpi::SlotsUsed]; }, 1));
    c.series.back().lo = 0.0;
    c.series.back().hi = capacity;
    c.targets.push_back({"capacity " + format_number(capacity, 0), capacity});
    page.chart(c);
  }
}

// The summary of every target: one line per contact type (or group) and target.
void run_targets(HtmlReport& page, const Scenario& sc, const std::vector<TargetCheck>& checks,
                 std::string_view heading = "Targets") {
  if (checks.empty()) return;
  page.section(heading);
  for (std::span<const TargetCheck> t : checks_by_target(checks)) {
    page.paragraph(target_summary(t, sc.horizon, 16));
  }
  page.paragraph(
      "Missed: the whole 95% confidence interval is on the wrong side of the target; not "
      "distinguishable: the interval straddles the target. Intervals where the KPI is "
      "undefined (no contact answered or abandoned, no agent) are not counted. Charts mark "
      "missed intervals with a dot.");
}

// Marks on `chart` the intervals where the KPI `kpi` of `owner` missed its target, or could
// not be told from it, as two dot series at the KPI's value (prefixed `prefix`).
void mark_verdicts(Chart& chart, const std::vector<TargetCheck>& checks, bool of_group,
                   std::size_t owner, std::string_view kpi, int decimals,
                   const std::string& prefix = {}) {
  const std::size_t n = chart.x_labels.size();
  ChartSeries missed, unclear;
  missed.name = prefix + "target missed";
  unclear.name = prefix + "not distinguishable";
  for (ChartSeries* s : {&missed, &unclear}) {
    s->style = ChartSeries::Style::Points;
    s->decimals = decimals;
    s->mean.assign(n, std::nullopt);
  }
  for (const TargetCheck& c : checks) {
    if (c.of_group != of_group || c.owner != owner || c.kpi != kpi) continue;
    if (c.scope != TargetScope::Interval || std::size_t(c.index) >= n) continue;
    if (c.verdict == Verdict::Missed) missed.mean[std::size_t(c.index)] = c.value;
    if (c.verdict == Verdict::NotDistinguishable) unclear.mean[std::size_t(c.index)] = c.value;
  }
  for (ChartSeries* s : {&missed, &unclear}) {
    if (std::any_of(s->mean.begin(), s->mean.end(), [](auto v) { return v.has_value(); })) {
      chart.series.push_back(*s);
    }
  }
}

// The charts of scope k per interval: offered and agents, waiting time, service level,
// abandonment; intervals that miss a target of type k marked.
void run_scope_charts(HtmlReport& page, const Scenario& sc, const Results& r, std::size_t k,
                      const std::vector<TargetCheck>& checks) {
  const std::string name = scope_name(r.types, k);
  const ContactType* type = scope_type(sc, k);
  page.section("Per interval: " + name);
  page.chart(offered_chart(sc, r, k, name));
  Chart wait = waiting_time_chart(sc, r, k, name, type);
  Chart sl = service_level_chart(sc, r, k, sl_title(sc, k) + ": " + name, type);
  Chart abandon = abandonment_chart(sc, r, k, name, type);
  if (type) {
    const std::size_t owner = std::size_t(type - sc.contact_types.data());
    mark_verdicts(wait, checks, false, owner, "asa_s", 1, "ASA: ");
    mark_verdicts(sl, checks, false, owner, "service_level", 3);
    mark_verdicts(abandon, checks, false, owner, "abandon_rate", 3);
  }
  // All types pooled: waits and service level only where they have one meaning.
  const bool all = k >= r.types.size();
  const PoolingBasis basis = pooling_basis(sc);
  const bool waits = !all || pooled_in_all(Kpi::Asa, basis);
  const bool service = !all || pooled_in_all(Kpi::ServiceLevel, basis);
  if (waits) page.chart(wait);
  if (service) page.chart(sl);
  if (can_abandon(sc, k)) page.chart(abandon);
  if (const auto limits = limits_chart(sc, r, k, name)) page.chart(*limits);
  if (!waits || !service) {
    page.paragraph(std::string(waits ? "The service level is" : "Waits and the service level are") +
                   " not pooled over these contact types (their channels or thresholds differ: "
                   "an average of them would describe no customer); see each type's charts.");
  }
}

// Occupancy and available agents of each group per interval.
void run_group_charts(HtmlReport& page, const Scenario& sc, const Results& r,
                      const std::vector<TargetCheck>& checks) {
  page.section("Agent groups per interval");
  Chart occupancy = occupancy_chart(sc, r, "occupancy (% of available time busy)");
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    mark_verdicts(occupancy, checks, true, g, "occupancy", 3, r.groups[g] + ": ");
  }
  page.chart(occupancy);
  Chart staffed = interval_chart(sc, "Agents available", "agents (time-average)");
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    staffed.series.push_back(estimate_series(
        r.groups[g], r.intervals.size(),
        [&, g](std::size_t i) { return r.group_intervals[i][g][GroupKpi::Agents]; }, 1));
    staffed.series.back().lo = 0.0;
  }
  page.chart(staffed);
}

// A bin edge of the wait prediction errors as a person reads it: "-10 min", "30 s".
std::string error_edge_text(double edge_s) {
  const double magnitude = std::abs(edge_s);
  const std::string sign = edge_s < 0 ? "−" : "";
  if (magnitude < 60) return sign + report_number(magnitude, 0) + " s";
  return sign + report_number(magnitude / 60.0, 0) + " min";
}

// The distribution of each predicted type's wait prediction errors over the horizon (types
// without scored predictions left out); nothing when no type has any.
void prediction_error_chart(HtmlReport& page, const Scenario& sc, const Results& r) {
  Chart chart;
  chart.title = "Wait prediction errors (predicted − actual wait)";
  chart.x_axis = "error of the predicted wait";
  const auto& edges = kPredictionErrorEdges_s;
  chart.x_labels.push_back("below " + error_edge_text(edges.front()));
  for (std::size_t b = 1; b < edges.size(); ++b) {
    chart.x_labels.push_back(error_edge_text(edges[b - 1]) + " to " + error_edge_text(edges[b]));
  }
  chart.x_labels.push_back(error_edge_text(edges.back()) + " and above");
  chart.y_axis = "share of predictions";
  chart.y_format = ValueFormat::Share;
  chart.y_min = 0.0;
  for (std::size_t k = 0; k < r.prediction_errors.size() && k < sc.contact_types.size(); ++k) {
    const std::vector<KpiEstimate>& bins = r.prediction_errors[k];
    if (std::none_of(bins.begin(), bins.end(), [](const KpiEstimate& e) { return e; })) continue;
    const char* predictor = wait_predictor_name(centre::wait_predictor_of(sc.contact_types[k]));
    ChartSeries series = estimate_series(
        r.types[k] + " (" + predictor + ")", bins.size(),
        [&bins](std::size_t b) { return bins[b]; }, 3);
    chart.series.push_back(as_share(series));
  }
  if (chart.series.empty()) return;
  chart.note =
      "Over the contacts answered without a callback, each bin [from, to): a positive "
      "error is a wait announced longer than it was.";
  page.section("Wait predictions");
  page.chart(chart);
}

}  // namespace

std::string run_report(const Scenario& sc, const Results& r, const std::string& scenario_file) {
  HtmlReport page("Simulation report: " + sc.name, text::plural(r.replications, "replication") +
                                                       ", seed " + std::to_string(r.seed) +
                                                       "; figures are means with 95% confidence "
                                                       "intervals across replications");
  const std::size_t types = r.types.size();
  const std::size_t scopes = types == 1 ? 1 : types + 1;
  const std::vector<TargetCheck> checks = check_targets(r, sc);
  run_targets(page, sc, checks);
  run_facts(page, sc, r, scenario_file);
  run_totals(page, sc, r, scopes);
  outbound_totals_table(page, sc, r);
  for (std::size_t k = 0; k < scopes; ++k) run_scope_charts(page, sc, r, k, checks);
  run_group_charts(page, sc, r, checks);
  run_limit_charts(page, sc, r);
  prediction_error_chart(page, sc, r);
  outbound_charts(page, sc, r);
  cost_report_section(page, sc, r);
  return page.html();
}

namespace {

// Both scenarios' summaries, the comparison's size, and every value the variant's file
// changes.
void paired_facts(HtmlReport& page, const Scenario& base, const Scenario& variant,
                  const PairedComparison& c, const PairedFiles& files) {
  page.section("Scenarios");
  page.facts({{"base", c.base_name + " (" + files.base + ")"},
              {"variant", c.variant_name + " (" + files.variant + ")"},
              {"horizon", scenario_facts(base)[0].second},
              {"replications", std::to_string(c.replications) + " of each, paired"},
              {"seed", std::to_string(c.seed)}});
  page.subsection("What the variant changes");
  if (!files.differences) {
    page.paragraph("The two files could not be compared as JSON.");
  } else if (files.differences->empty()) {
    page.paragraph("Nothing: the two files hold the same scenario.");
  } else {
    TextTable t{{"JSON path", "base", "variant"}};
    for (const ScenarioDifference& d : *files.differences) t.push_back({d.path, d.base, d.variant});
    page.table(t,
               std::to_string(files.differences->size()) +
                   (files.differences->size() == 1 ? " value differs" : " values differ") +
                   " between the files (base \u2192 variant)",
               3);
  }
  page.subsection("Base");
  page.facts(scenario_facts(base));
  scenario_tables(page, base, "Base: ");
  outbound_assumptions_table(page, base, "Base: ");
  page.subsection("Variant");
  page.facts(scenario_facts(variant));
  scenario_tables(page, variant, "Variant: ");
  outbound_assumptions_table(page, variant, "Variant: ");
}

// The totals tables: base, variant and difference of the main contact KPIs by scope, and of
// every KPI of each agent group.
void paired_totals(HtmlReport& page, const PairedComparison& c, std::size_t scopes) {
  page.section("Totals over the day");
  const std::vector<Kpi> table_kpis{Kpi::Offered,      Kpi::Answered, Kpi::Abandoned,
                                    Kpi::AbandonRate,  Kpi::Asa,      Kpi::WaitP90,
                                    Kpi::ServiceLevel, Kpi::Aht,      Kpi::Art};
  for (std::size_t k = 0; k < scopes; ++k) {
    TextTable t{{"KPI", "base", "variant", "difference (variant \u2212 base)"}};
    for (Kpi q : table_kpis) {
      const PairedEstimate& p = c.totals[k][q];
      const KpiInfo& info = kpi_info(q);
      const int d = decimals_for(info.name);
      const ValueFormat f = kpi_format(q);
      t.push_back({std::string(info.label), plain_cell(p.base, d, f), plain_cell(p.variant, d, f),
                   signed_cell(p.difference, d, f)});
    }
    page.table(t, scope_name(c.types, k) + " (mean \u00b1 95% CI)");
  }
  TextTable gt{{"agent group", "KPI", "base", "variant", "difference"}};
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      const PairedEstimate& p = c.group_totals[g][info.kpi];
      const int d = decimals_for(info.name);
      const ValueFormat f = group_format(info.kpi);
      gt.push_back({c.groups[g], std::string(info.label), plain_cell(p.base, d, f),
                    plain_cell(p.variant, d, f), signed_cell(p.difference, d, f)});
    }
  }
  page.table(gt, "Agent groups (mean \u00b1 95% CI)", 2);
}

// KPI q of scope k per interval: base and variant together, then (but for offered contacts,
// whose difference is noise: arrivals are paired draws) their difference with its paired CI.
void paired_kpi_charts(HtmlReport& page, const Scenario& base, const PairedComparison& c,
                       std::size_t k, Kpi q) {
  const std::size_t n = c.intervals.size();
  const std::string name = scope_name(c.types, k);
  const KpiInfo& info = kpi_info(q);
  const int d = decimals_for(info.name);
  const std::string axis = kpi_axis(q);
  Chart both = interval_chart(base, std::string(info.label) + ": base and variant, " + name, axis);
  both.series.push_back(estimate_series(
      "base", n, [&, k, q](std::size_t i) { return c.intervals[i][k][q].base; }, d));
  both.series.push_back(estimate_series(
      "variant", n, [&, k, q](std::size_t i) { return c.intervals[i][k][q].variant; }, d));
  for (ChartSeries& s : both.series) as_kpi(s, q);
  both.y_format = kpi_format(q);
  const ContactType* type = scope_type(base, k);
  if (q == Kpi::ServiceLevel) {
    both.y_min = 0;
    both.y_max = 1;
    if (type) add_service_level_target(both, *type);
  }
  if (q == Kpi::AbandonRate && type) add_abandon_target(both, *type);
  page.chart(both);
  if (q == Kpi::Offered) return;
  const std::string diff_axis =
      kpi_format(q) == ValueFormat::Share ? axis.substr(0, axis.rfind(" (")) + " (pp)" : axis;
  Chart diff = interval_chart(base, std::string(info.label) + ": difference, " + name,
                              "difference in " + diff_axis);
  diff.series.push_back(estimate_series(
      "variant \u2212 base", n,
      [&, k, q](std::size_t i) { return c.intervals[i][k][q].difference; }, d));
  diff.y_min = std::nullopt;
  diff.y_format = difference_format(kpi_format(q));
  diff.series.back().format = diff.y_format;
  diff.series.back().band_name = "paired 95% CI";
  diff.targets.push_back({"no difference", 0.0});
  diff.note =
      "Where the band excludes 0, the variant's effect in that interval is "
      "significant at the 5% level.";
  page.chart(diff);
}

// Occupancy of each agent group per interval: base, variant and their difference.
void paired_group_charts(HtmlReport& page, const Scenario& base, const PairedComparison& c) {
  const std::size_t n = c.intervals.size();
  page.section("Agent groups per interval");
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    const auto occupancy = [&c, g](std::size_t i) -> const PairedEstimate& {
      return c.group_intervals[i][g][GroupKpi::Occupancy];
    };
    Chart occ = interval_chart(base, "Occupancy: " + c.groups[g], "occupancy (%)");
    occ.y_max = 1;
    occ.y_format = ValueFormat::Share;
    occ.series.push_back(estimate_series(
        "base", n, [&](std::size_t i) { return occupancy(i).base; }, 3));
    occ.series.push_back(estimate_series(
        "variant", n, [&](std::size_t i) { return occupancy(i).variant; }, 3));
    for (ChartSeries& s : occ.series) as_share(s);
    page.chart(occ);
    Chart diff = interval_chart(base, "Occupancy: difference, " + c.groups[g],
                                "difference in occupancy (pp)");
    diff.y_min = std::nullopt;
    diff.y_format = ValueFormat::SharePoints;
    diff.series.push_back(estimate_series(
        "variant \u2212 base", n, [&](std::size_t i) { return occupancy(i).difference; }, 3));
    diff.series.back().format = ValueFormat::SharePoints;
    diff.series.back().band_name = "paired 95% CI";
    diff.targets.push_back({"no difference", 0.0});
    page.chart(diff);
  }
}

}  // namespace

std::string paired_report(const Scenario& base, const Scenario& variant, const PairedComparison& c,
                          const PairedFiles& files) {
  HtmlReport page("What-if report: " + c.variant_name + " vs " + c.base_name,
                  text::plural(c.replications, "paired replication") + ", seed " +
                      std::to_string(c.seed) +
                      " (common random numbers); difference = variant \u2212 base with its paired "
                      "95% confidence interval");
  const std::size_t types = c.types.size();
  const std::size_t scopes = types == 1 ? 1 : types + 1;
  run_targets(page, variant, c.variant_targets, "Targets of the variant");
  run_targets(page, base, c.base_targets, "Targets of the base");
  paired_facts(page, base, variant, c, files);
  paired_totals(page, c, scopes);
  paired_campaigns_table(page, c);
  paired_cost_report_section(page, base, c);
  const std::vector<Kpi> charted{Kpi::Offered, Kpi::Asa, Kpi::WaitP90, Kpi::ServiceLevel,
                                 Kpi::AbandonRate};
  for (std::size_t k = 0; k < scopes; ++k) {
    page.section("Per interval: " + scope_name(c.types, k));
    for (Kpi q : charted) paired_kpi_charts(page, base, c, k, q);
  }
  paired_group_charts(page, base, c);
  return page.html();
}

}  // namespace ccsim::cli
