#include "tools/output.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <vector>

#include "models/io/text.h"

namespace ccsim::cli {

std::optional<Format> parse_format(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  return std::nullopt;
}

Format format_of_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".json") return Format::Json;
  if (ext == ".csv") return Format::Csv;
  return Format::Table;
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json estimate_json(const KpiEstimate& e) {
  if (!e) return nullptr;
  return nlohmann::json{{"mean", e->mean}, {"ci95", e->ci95}};
}

namespace {

nlohmann::json contact_kpis_json(const ContactKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const KpiInfo& info : contact_kpis()) o[std::string(info.name)] = estimate_json(k[info.kpi]);
  return o;
}

nlohmann::json group_kpis_json(const GroupKpis& k) {
  nlohmann::json o = nlohmann::json::object();
  for (const GroupKpiInfo& info : group_kpis()) {
    o[std::string(info.name)] = estimate_json(k[info.kpi]);
  }
  return o;
}

std::string type_key(const Results& r, std::size_t k) {
  return k < r.types.size() ? r.types[k] : std::string("all");
}

}  // namespace

nlohmann::json results_json(const Results& r, const Scenario& sc) {
  nlohmann::json j;
  j["scenario"] = r.scenario;
  j["replications"] = r.replications;
  j["seed"] = r.seed;
  nlohmann::json totals = nlohmann::json::object();
  for (std::size_t k = 0; k < r.totals.size(); ++k)
    totals[type_key(r, k)] = contact_kpis_json(r.totals[k]);
  j["totals"] = totals;
  nlohmann::json intervals = nlohmann::json::array();
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    nlohmann::json row;
    row["index"] = i;
    row["start_s"] = r.interval_start_s[i];
    row["start"] = clock_label(sc.horizon.start, r.interval_start_s[i]);
    for (std::size_t k = 0; k < r.intervals[i].size(); ++k) {
      row[type_key(r, k)] = contact_kpis_json(r.intervals[i][k]);
    }
    intervals.push_back(row);
  }
  j["intervals"] = intervals;
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    nlohmann::json gj = group_kpis_json(r.group_totals[g]);
    nlohmann::json per = nlohmann::json::array();
    for (std::size_t i = 0; i < r.group_intervals.size(); ++i) {
      nlohmann::json row = group_kpis_json(r.group_intervals[i][g]);
      row["index"] = i;
      row["scheduled"] = scheduled_agents_in_interval(sc.agent_groups[g], sc.horizon, int(i));
      per.push_back(row);
    }
    gj["intervals"] = per;
    groups[r.groups[g]] = gj;
  }
  j["agent_groups"] = groups;
  return j;
}

namespace {

std::string csv_number(double v) {
  std::ostringstream o;
  o << std::setprecision(17) << v;
  return o.str();
}

}  // namespace

void write_results_csv(std::ostream& out, const Results& r, const Scenario& sc) {
  out << "section,interval,start_s,start,name,kpi,mean,ci95\n";
  auto row = [&](const char* section, std::optional<std::size_t> i, const std::string& name,
                 std::string_view kpi, const KpiEstimate& e) {
    out << section << ',';
    if (i) {
      out << *i << ',' << csv_number(r.interval_start_s[*i]) << ','
          << clock_label(sc.horizon.start, r.interval_start_s[*i]);
    } else {
      out << ",,";
    }
    out << ',' << text::csv_field(name) << ',' << kpi << ',';
    if (e)
      out << csv_number(e->mean) << ',' << csv_number(e->ci95);
    else
      out << ',';
    out << '\n';
  };
  for (std::size_t k = 0; k < r.totals.size(); ++k) {
    for (const KpiInfo& info : contact_kpis()) {
      row("contact_type", std::nullopt, type_key(r, k), info.name, r.totals[k][info.kpi]);
    }
  }
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    for (std::size_t k = 0; k < r.intervals[i].size(); ++k) {
      for (const KpiInfo& info : contact_kpis()) {
        row("contact_type", i, type_key(r, k), info.name, r.intervals[i][k][info.kpi]);
      }
    }
  }
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    for (const GroupKpiInfo& info : group_kpis()) {
      row("agent_group", std::nullopt, r.groups[g], info.name, r.group_totals[g][info.kpi]);
    }
    for (std::size_t i = 0; i < r.group_intervals.size(); ++i) {
      for (const GroupKpiInfo& info : group_kpis()) {
        row("agent_group", i, r.groups[g], info.name, r.group_intervals[i][g][info.kpi]);
      }
    }
  }
}

std::string format_number(double value, int decimals) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(decimals) << value;
  return o.str();
}

int decimals_for(std::string_view kpi_name) {
  if (kpi_name == "abandon_rate" || kpi_name == "service_level" || kpi_name == "occupancy" ||
      kpi_name == "utilisation" || kpi_name == "csat" || kpi_name == "transfer_rate" ||
      kpi_name == "fcr") {
    return 3;
  }
  return 1;
}

std::string cell(const KpiEstimate& e, int decimals) {
  if (!e) return "-";
  return format_number(e->mean, decimals) + " ± " + format_number(e->ci95, decimals);
}

namespace {
// Width of a UTF-8 string in terminal columns (every code point one column).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& s = rows[r][c];
      const std::string pad(width[c] - display_width(s), ' ');
      if (c > 0) line += "  ";
      line += c == 0 ? s + pad : pad + s;  // first column left, numbers right
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    if (r == 0) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
      out << std::string(total, '-') << '\n';
    }
  }
}

void write_results_table(std::ostream& out, const Results& r, const Scenario& sc) {
  out << "Scenario: " << r.scenario << "\n"
      << r.replications << " replications, seed " << r.seed
      << "; every figure is mean ± 95% CI half-width across replications\n\n";

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"KPI"};
  for (std::size_t k = 0; k < r.totals.size(); ++k) header.push_back(type_key(r, k));
  rows.push_back(header);
  for (const KpiInfo& info : contact_kpis()) {
    // Rows of flows the scenario does not use (undefined, or counts that are 0 everywhere)
    // are left out of the table; JSON and CSV keep every KPI.
    const bool core = info.kpi == Kpi::Offered || info.kpi == Kpi::Queued ||
                      info.kpi == Kpi::Answered || info.kpi == Kpi::Abandoned;
    // Transfer shares mean something only where contacts are transferred.
    const Kpi evidence =
        info.kpi == Kpi::TransferRate || info.kpi == Kpi::Fcr ? Kpi::Transfers : info.kpi;
    const bool evidence_is_count = evidence != info.kpi || info.is_count;
    bool shown = core;
    for (const ContactKpis& t : r.totals) {
      const KpiEstimate& e = t[evidence];
      if (e && (!evidence_is_count || e->mean != 0.0)) shown = true;
    }
    if (!shown) continue;
    std::vector<std::string> row{std::string(info.name)};
    for (const ContactKpis& t : r.totals) row.push_back(cell(t[info.kpi], decimals_for(info.name)));
    rows.push_back(row);
  }
  out << "Totals over the day\n";
  print_table(out, rows);

  rows.clear();
  rows.push_back({"agent group", "occupancy", "utilisation", "agents"});
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    rows.push_back({r.groups[g], cell(r.group_totals[g][GroupKpi::Occupancy], 3),
                    cell(r.group_totals[g][GroupKpi::Utilisation], 3),
                    cell(r.group_totals[g][GroupKpi::Agents], 1)});
  }
  out << "\nAgent groups\n";
  print_table(out, rows);

  const std::vector<Kpi> columns{Kpi::Offered, Kpi::Answered,     Kpi::Abandoned, Kpi::AbandonRate,
                                 Kpi::Asa,     Kpi::ServiceLevel, Kpi::WaitP90,   Kpi::Aht};
  for (std::size_t k = 0; k < r.totals.size(); ++k) {
    if (r.types.size() == 1 && k == 1) break;  // "all" repeats the only type
    rows.clear();
    std::vector<std::string> head{"start"};
    for (Kpi q : columns) head.emplace_back(kpi_info(q).name);
    for (const std::string& g : r.groups) head.push_back("occ " + g);
    rows.push_back(head);
    for (std::size_t i = 0; i < r.intervals.size(); ++i) {
      std::vector<std::string> row{clock_label(sc.horizon.start, r.interval_start_s[i])};
      for (Kpi q : columns) {
        row.push_back(cell(r.intervals[i][k][q], decimals_for(kpi_info(q).name)));
      }
      for (std::size_t g = 0; g < r.groups.size(); ++g) {
        row.push_back(cell(r.group_intervals[i][g][GroupKpi::Occupancy], 3));
      }
      rows.push_back(row);
    }
    out << "\nPer interval: " << type_key(r, k) << "\n";
    print_table(out, rows);
  }
}

std::optional<std::string> output_path_error(std::string_view option, const std::string& file) {
  OutputTarget target;
  if (auto problem = resolve_output(file, target)) return std::string(option) + ": " + *problem;
  return std::nullopt;
}

std::vector<NamedFile> given_outputs(const std::string& out, const std::string& report) {
  std::vector<NamedFile> outputs;
  if (!out.empty()) outputs.push_back({"--out", out});
  if (!report.empty()) outputs.push_back({"--report", report});
  return outputs;
}

std::vector<std::string> same_file_errors(const std::vector<NamedFile>& outputs,
                                          const std::vector<NamedFile>& inputs) {
  std::vector<std::string> errors;
  std::vector<std::pair<const NamedFile*, FileIdentity>> seen;  // inputs, then outputs
  for (const NamedFile& f : inputs) {
    if (auto id = file_identity(f.path); id && id->name.empty()) seen.emplace_back(&f, *id);
  }
  for (const NamedFile& f : outputs) {
    OutputTarget target;
    if (resolve_output(f.path, target) || target.kind == OutputKind::InPlace) continue;
    const std::optional<FileIdentity> id = file_identity(f.path);
    if (!id) continue;
    for (const auto& [other, other_id] : seen) {
      if (other_id == *id) {
        errors.push_back(f.role + ": " + f.path + " is the same file as " + other->role + " " +
                         other->path);
        break;
      }
    }
    seen.emplace_back(&f, *id);
  }
  return errors;
}

}  // namespace ccsim::cli
