#include "tools/compare_workbook.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

#include "tools/kpi_sheets.h"
#include "tools/run_workbook.h"

namespace ccsim::cli {

namespace {

std::string scope_name(const Scenario& sc, int k) {
  return k < int(sc.contact_types.size()) ? sc.contact_types[std::size_t(k)].name : "all";
}

Cell optional_cell(const std::optional<double>& v) {
  return v ? Cell(*v) : Cell();
}

std::vector<const ModelComparison*> models(const Comparison& c) {
  std::vector<const ModelComparison*> all{&c.simulation};
  for (const ModelComparison* m : c.analytic()) all.push_back(m);
  return all;
}

Sheet accuracy_sheet(const Scenario& sc, const Comparison& c) {
  Sheet s{"accuracy",
          {{"model", ColumnKind::Text},
           {"contact_type", ColumnKind::Text},
           {"kpi", ColumnKind::Text},
           {"intervals", ColumnKind::Integer},
           {"weight", ColumnKind::Number, 1},
           {"mape", ColumnKind::Percent, 1},
           {"bias", ColumnKind::Number, 3},
           {"relative_bias", ColumnKind::Percent, 1},
           {"share_within_pi95", ColumnKind::Percent, 1}},
          {}};
  for (const ModelComparison* m : models(c)) {
    for (std::size_t k = 0; k < m->summary.size(); ++k) {
      for (const KpiSummary& q : m->summary[k]) {
        if (q.rows == 0) continue;
        s.rows.push_back({m->model, scope_name(sc, int(k)), std::string(kpi_info(q.kpi).name),
                          double(q.rows), q.weight, optional_cell(q.mape), optional_cell(q.bias),
                          optional_cell(q.relative_bias), optional_cell(q.within)});
      }
    }
  }
  return s;
}

Sheet intervals_sheet(const Scenario& sc, const Comparison& c) {
  Sheet s{"intervals", {{"model", ColumnKind::Text}}, {}};
  for (Column& col : interval_columns(sc.horizon)) s.columns.push_back(std::move(col));
  s.columns.push_back({"contact_type", ColumnKind::Text});
  const std::size_t lead = s.columns.size();
  // The measured KPIs, in kMeasuredKpis order: those of every interval report (offered to
  // aht_s), and the outcome counts (blocked, ...) only when some model compares them; at[q]:
  // the place of kMeasuredKpis[q].
  std::vector<Kpi> kpis;
  std::array<std::size_t, kMeasuredKpis.size()> at{};
  const std::vector<const ModelComparison*> ms = models(c);
  for (std::size_t q = 0; q < kMeasuredKpis.size(); ++q) {
    const auto compared = [&](const ModelComparison* m) {
      return std::any_of(m->rows.begin(), m->rows.end(),
                         [&](const ComparisonRow& r) { return r.kpi == kMeasuredKpis[q]; });
    };
    if (q > *measured_index(Kpi::Aht) && !std::any_of(ms.begin(), ms.end(), compared)) continue;
    at[q] = kpis.size();
    kpis.push_back(kMeasuredKpis[q]);
  }
  for (Kpi q : kpis) {
    const std::string name(kpi_info(q).name);
    s.columns.push_back(kpi_column(name, name + " predicted"));
    s.columns.push_back(kpi_column(name, name + " measured"));
    s.columns.push_back(kpi_column(name, name + " pi95"));
  }
  for (const ModelComparison* m : ms) {
    std::map<std::pair<int, int>, std::size_t> row_of;  // (interval, scope) -> row in s.rows
    for (const ComparisonRow& r : m->rows) {
      auto [it, added] = row_of.try_emplace({r.interval, r.type}, s.rows.size());
      if (added) {
        std::vector<Cell> row{m->model};
        for (Cell& cell : interval_cells(sc.horizon, r.interval)) row.push_back(std::move(cell));
        row.emplace_back(scope_name(sc, r.type));
        row.resize(s.columns.size());
        s.rows.push_back(std::move(row));
      }
      std::vector<Cell>& row = s.rows[it->second];
      const std::size_t col = lead + 3 * at[*measured_index(r.kpi)];
      row[col] = r.predicted;
      row[col + 1] = r.measured;
      row[col + 2] = optional_cell(r.pi95);
    }
  }
  return s;
}

}  // namespace

std::vector<Sheet> comparison_sheets(const Scenario& scenario, const Comparison& comparison) {
  return {accuracy_sheet(scenario, comparison), intervals_sheet(scenario, comparison)};
}

}  // namespace ccsim::cli
