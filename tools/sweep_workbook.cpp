#include "tools/sweep_workbook.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "models/io/text.h"
#include "models/kpi/kpi.h"
#include "tools/kpi_sheets.h"
#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

using nlohmann::json;

// The keys of a JSON pointer ("/a/0/b" → a, 0, b), unescaped.
std::vector<std::string> pointer_keys(const std::string& pointer) {
  std::vector<std::string> keys;
  std::size_t at = 1;
  while (at <= pointer.size() && !pointer.empty()) {
    const std::size_t end = std::min(pointer.find('/', at), pointer.size());
    std::string key = pointer.substr(at, end - at);
    for (std::size_t p = key.find("~1"); p != std::string::npos; p = key.find("~1", p + 1)) {
      key.replace(p, 2, "/");
    }
    for (std::size_t p = key.find("~0"); p != std::string::npos; p = key.find("~0", p + 1)) {
      key.replace(p, 2, "~");
    }
    keys.push_back(key);
    at = end + 1;
  }
  return keys;
}

struct ParameterName {
  std::string owner;  // the contact type or agent group named, or empty
  std::string rest;   // the other keys joined by '_'
};

ParameterName split_name(const std::string& pointer, const std::vector<std::string>& types,
                         const std::vector<std::string>& groups) {
  const std::vector<std::string> keys = pointer_keys(pointer);
  ParameterName n;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const bool collection = keys[i] == "contact_types" || keys[i] == "agent_groups";
    if (collection && i + 1 < keys.size() && n.owner.empty()) {
      const auto& names = keys[i] == "contact_types" ? types : groups;
      const std::size_t k = std::size_t(std::strtoull(keys[i + 1].c_str(), nullptr, 10));
      n.owner = k < names.size() ? names[k] : keys[i + 1];
      ++i;
      continue;
    }
    n.rest += (n.rest.empty() ? "" : "_") + keys[i];
  }
  return n;
}

Cell value_cell(const json& v) {
  if (v.is_number()) return v.get<double>();
  return parameter_text(v);
}

Cell mean_cell(const json& e) {
  return e.is_object() ? Cell(e.at("mean").get<double>()) : Cell();
}

Cell ci_cell(const json& e) {
  return e.is_object() ? Cell(e.at("ci95").get<double>()) : Cell();
}

// One KPI column of the points sheet: where its estimate is in a record, and its header.
struct KpiColumn {
  std::string section, scope, kpi;
};

std::vector<KpiColumn> kpi_columns(const SweepPlan& plan) {
  std::vector<KpiColumn> columns;
  std::vector<std::string> scopes = plan.types;
  if (plan.types.size() > 1) scopes.emplace_back("all");
  for (const std::string& scope : scopes) {
    for (const KpiInfo& info : contact_kpis()) {
      columns.push_back({"totals", scope, std::string(info.name)});
    }
  }
  for (const std::string& g : plan.groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      columns.push_back({"agent_groups", g, std::string(info.name)});
    }
  }
  return columns;
}

Sheet points_sheet(const SweepSpec& spec, const SweepPlan& plan,
                   const std::map<std::size_t, json>& records) {
  const std::vector<std::string> names = parameter_names(spec, plan.types, plan.groups);
  Sheet s{"points", {{"point", ColumnKind::Integer}}, {}};
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    const bool numeric =
        std::all_of(spec.parameters[p].values.begin(), spec.parameters[p].values.end(),
                    [](const json& v) { return v.is_number(); });
    s.columns.push_back({names[p], numeric ? ColumnKind::Number : ColumnKind::Text, 3});
  }
  const std::vector<KpiColumn> kpis = kpi_columns(plan);
  for (const KpiColumn& k : kpis) s.columns.push_back(kpi_column(k.kpi, k.scope + " " + k.kpi));
  for (const KpiColumn& k : kpis) {
    s.columns.push_back(kpi_column(k.kpi, k.scope + " " + k.kpi + " ci95"));
  }
  for (const auto& [point, r] : records) {
    std::vector<Cell> row{double(point)};
    for (const SweepParameter& p : spec.parameters)
      row.push_back(value_cell(r["params"][p.pointer]));
    for (const KpiColumn& k : kpis) row.push_back(mean_cell(r[k.section][k.scope][k.kpi]));
    for (const KpiColumn& k : kpis) row.push_back(ci_cell(r[k.section][k.scope][k.kpi]));
    s.rows.push_back(std::move(row));
  }
  return s;
}

Sheet parameters_sheet(const SweepSpec& spec, const SweepPlan& plan) {
  const std::vector<std::string> names = parameter_names(spec, plan.types, plan.groups);
  Sheet s{
      "parameters",
      {{"column", ColumnKind::Text}, {"pointer", ColumnKind::Text}, {"values", ColumnKind::Text}},
      {}};
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    std::string values;
    for (const json& v : spec.parameters[p].values) {
      values += (values.empty() ? "" : ", ") + parameter_text(v);
    }
    s.rows.push_back({names[p], spec.parameters[p].pointer, values});
  }
  return s;
}

}  // namespace

std::string sweep_csv(const SweepSpec& spec, const SweepPlan& plan,
                      const std::map<std::size_t, json>& records) {
  std::string out = "point";
  for (const std::string& name : parameter_names(spec, plan.types, plan.groups)) {
    out += "," + text::csv_field(name);
  }
  std::vector<std::string> scopes = plan.types;
  scopes.emplace_back("all");
  std::vector<KpiColumn> kpis;
  for (const std::string& scope : scopes) {
    for (const KpiInfo& info : contact_kpis()) {
      kpis.push_back({"totals", scope, std::string(info.name)});
    }
  }
  for (const std::string& g : plan.groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      kpis.push_back({"agent_groups", g, std::string(info.name)});
    }
  }
  for (const KpiColumn& k : kpis) {
    out += "," + text::csv_field(k.scope + "." + k.kpi + ".mean") + "," +
           text::csv_field(k.scope + "." + k.kpi + ".ci95");
  }
  out += "\n";
  for (const auto& [point, r] : records) {
    out += std::to_string(point);
    for (const SweepParameter& p : spec.parameters) {
      out += "," + text::csv_field(parameter_text(r["params"][p.pointer]));
    }
    for (const KpiColumn& k : kpis) {
      const json& e = r[k.section][k.scope][k.kpi];
      const int d = decimals_for(k.kpi);
      out += e.is_object() ? "," + csv_number(e.at("mean").get<double>(), d) + "," +
                                 csv_number(e.at("ci95").get<double>(), d)
                           : std::string(",,");
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> parameter_names(const SweepSpec& spec,
                                         const std::vector<std::string>& types,
                                         const std::vector<std::string>& groups) {
  std::vector<ParameterName> parts;
  for (const SweepParameter& p : spec.parameters) {
    parts.push_back(split_name(p.pointer, types, groups));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto clashes = std::count_if(parts.begin(), parts.end(), [&](const ParameterName& o) {
      return o.rest == parts[i].rest;
    });
    const bool qualify = !parts[i].owner.empty() && (clashes > 1 || parts[i].rest.empty());
    std::string name = qualify ? parts[i].owner + (parts[i].rest.empty() ? "" : "_") + parts[i].rest
                               : parts[i].rest;
    names.push_back(name.empty() ? spec.parameters[i].pointer : name);
  }
  return names;
}

std::vector<Sheet> sweep_sheets(const SweepSpec& spec, const SweepPlan& plan,
                                const std::map<std::size_t, json>& records) {
  return {points_sheet(spec, plan, records), parameters_sheet(spec, plan)};
}

}  // namespace ccsim::cli
