// The report of `ccsim compare`.
#include <algorithm>
#include <functional>

#include "models/io/plural.h"
#include "tools/report_pages.h"
#include "tools/report_series.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

std::string scope_name(const Scenario& sc, int k) {
  return k < int(sc.contact_types.size()) ? sc.contact_types[std::size_t(k)].name : "all types";
}

std::string pct(const std::optional<double>& v) {
  return v ? format_number(100 * *v, 1) + "%" : "\u2013";
}

// A bias of KPI `kpi`: in percentage points for a share, else with `decimals`.
std::string bias_text(const std::optional<double>& bias, Kpi kpi, int decimals) {
  if (!bias) return "\u2013";
  if (kpi_format(kpi) == ValueFormat::Share) {
    return format_value(bias, 3, ValueFormat::SharePoints);
  }
  return format_number(*bias, decimals);
}

// The scenario's summary, the measured data's source, and how the prediction band is read.
void compare_summary(HtmlReport& page, const Scenario& sc, const Results& res,
                     const MeasuredTable& m) {
  page.section("Summary");
  auto facts = scenario_facts(sc);
  facts.insert(facts.begin(), {"name", sc.name});
  facts.emplace_back("measured", m.source + " (" +
                                     (m.kind == "log" ? std::string("per-contact log")
                                                      : std::string("interval report")) +
                                     ", " + text::plural(m.days, "day") + "; counts per day)");
  facts.emplace_back("replications", std::to_string(res.replications));
  facts.emplace_back("seed", std::to_string(res.seed));
  page.facts(facts);
  scenario_tables(page, sc);
  page.paragraph(
      "Prediction band: the 95% prediction interval of a measured figure averaged over D days, "
      "\u00b1pi95 = \u00b1ci95\u00b7\u221a(1 + n/D) for n replications; a measured point outside "
      "it is unlikely under the model. Accuracy figures weigh each interval by its offered "
      "volume.");
  if (has_input_uncertainty(sc)) {
    page.paragraph(
        "Uncertain inputs (availability_cv): predicted with the inputs at their estimates; the "
        "band adds the spread the uncertainty gives the same replications with the inputs drawn "
        "(ci95\u1d64): pi95 = \u221a(ci95\u00b2\u00b7(1 + n/D) + max(0, ci95\u1d64\u00b2 "
        "\u2212 ci95\u00b2)\u00b7n).");
  }
}

// Scopes that have rows, in scenario order with "all" last.
std::vector<int> scopes_with_rows(const Comparison& c) {
  std::vector<int> scopes;
  for (std::size_t k = 0; k < c.simulation.summary.size(); ++k) {
    if (std::any_of(c.simulation.summary[k].begin(), c.simulation.summary[k].end(),
                    [](const KpiSummary& s) { return s.rows > 0; })) {
      scopes.push_back(int(k));
    }
  }
  return scopes;
}

// The accuracy of each KPI of each scope: the simulation's, and Erlang A's when compared.
void accuracy_table(HtmlReport& page, const Scenario& sc, const Comparison& c,
                    const std::vector<int>& scopes) {
  page.section("Accuracy");
  TextTable acc{{"scope", "KPI", "intervals", "MAPE", "bias", "relative bias", "within pi95"}};
  for (const ModelComparison* mc : c.analytic()) {
    for (const char* h : {" MAPE", " bias", " relative bias"}) acc[0].push_back(mc->label + h);
  }
  for (int k : scopes) {
    for (const KpiSummary& s : c.simulation.summary[std::size_t(k)]) {
      if (s.rows == 0) continue;
      const int d = decimals_for(kpi_info(s.kpi).name);
      std::vector<std::string> row{
          scope_name(sc, k), std::string(kpi_info(s.kpi).name), std::to_string(s.rows),
          pct(s.mape),       bias_text(s.bias, s.kpi, d),       pct(s.relative_bias),
          pct(s.within)};
      for (const ModelComparison* mc : c.analytic()) {
        const KpiSummary& e = mc->summary[std::size_t(k)][*measured_index(s.kpi)];
        row.push_back(e.rows > 0 ? pct(e.mape) : "\u2013");
        row.push_back(e.rows > 0 ? bias_text(e.bias, s.kpi, d) : "\u2013");
        row.push_back(e.rows > 0 ? pct(e.relative_bias) : "\u2013");
      }
      acc.push_back(row);
    }
  }
  page.table(acc, "MAPE: weighted mean absolute percentage error; bias: predicted \u2212 measured",
             2);
}

// The rows of `rows` of scope k and KPI q within the horizon's `n` intervals, by interval.
void for_each_row(const std::vector<ComparisonRow>& rows, int k, Kpi q, std::size_t n,
                  const std::function<void(std::size_t, const ComparisonRow&)>& visit) {
  for (const ComparisonRow& r : rows) {
    if (r.type != k || r.kpi != q || r.interval < 0 || std::size_t(r.interval) >= n) continue;
    visit(std::size_t(r.interval), r);
  }
}

// KPI q of scope k per interval: the simulation's prediction with its 95% CI, the prediction
// band, the measured points, and Erlang A's prediction when compared.
Chart comparison_chart(const Scenario& sc, const Results& res, const Comparison& c, int k, Kpi q) {
  const std::size_t n = std::size_t(sc.horizon.interval_count());
  const int d = decimals_for(kpi_info(q).name);
  Chart chart =
      interval_chart(sc, std::string(kpi_info(q).label) + ": " + scope_name(sc, k), kpi_axis(q));
  chart.y_format = kpi_format(q);
  if (q == Kpi::ServiceLevel) {
    chart.y_min = 0;
    chart.y_max = 1;
  }
  const std::size_t scope_index = std::size_t(k);
  ChartSeries predicted = estimate_series(
      "predicted (simulation)", n, [&](std::size_t i) { return res.intervals[i][scope_index][q]; },
      d);
  ChartSeries band;
  band.name = "prediction band";
  band.style = ChartSeries::Style::Band;
  band.band_name = "95% prediction interval";
  band.decimals = d;
  band.colour = 0;
  ChartSeries measured;
  measured.name = "measured";
  measured.style = ChartSeries::Style::Points;
  measured.decimals = d;
  band.mean.assign(n, std::nullopt);
  band.half_width.assign(n, std::nullopt);
  measured.mean.assign(n, std::nullopt);
  for_each_row(c.simulation.rows, k, q, n, [&](std::size_t i, const ComparisonRow& r) {
    band.mean[i] = r.predicted;
    band.half_width[i] = r.pi95;
    measured.mean[i] = r.measured;
  });
  predicted.colour = 0;
  measured.colour = 4;
  chart.series = {band, predicted, measured};
  for (ChartSeries& s : chart.series) as_kpi(s, q);
  int colour = 2;  // Erlang A, then the transient model
  for (const ModelComparison* mc : c.analytic()) {
    ChartSeries analytic;
    analytic.name = mc->label;
    analytic.decimals = d;
    analytic.colour = colour++;
    analytic.mean.assign(n, std::nullopt);
    bool any = false;
    for_each_row(mc->rows, k, q, n, [&](std::size_t i, const ComparisonRow& r) {
      analytic.mean[i] = r.predicted;
      any = true;
    });
    if (any) chart.series.push_back(as_kpi(analytic, q));
  }
  chart.note =
      "Line: the simulation's mean with its 95% CI; wide band: the 95% prediction "
      "interval of the measured figure; dots: measured.";
  return chart;
}

}  // namespace

std::string compare_report(const Scenario& sc, const Results& res, const MeasuredTable& m,
                           const Comparison& c) {
  HtmlReport page("Predicted vs measured: " + sc.name,
                  text::plural(res.replications, "replication") + ", seed " +
                      std::to_string(res.seed) + "; measured: " + m.source);
  compare_summary(page, sc, res, m);
  const std::vector<int> scopes = scopes_with_rows(c);
  accuracy_table(page, sc, c, scopes);
  for (int k : scopes) {
    page.section("Per interval: " + scope_name(sc, k));
    for (Kpi q : kMeasuredKpis) {
      const bool has_rows =
          std::any_of(c.simulation.rows.begin(), c.simulation.rows.end(),
                      [&](const ComparisonRow& r) { return r.type == k && r.kpi == q; });
      if (has_rows) page.chart(comparison_chart(sc, res, c, k, q));
    }
  }
  return page.html();
}

}  // namespace ccsim::cli
