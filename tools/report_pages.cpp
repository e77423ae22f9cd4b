// The --report option, and the helpers shared by the report builders.
#include "tools/report_pages.h"

#include <cctype>
#include <filesystem>

#include "tools/cli.h"
#include "tools/output_files.h"
#include "tools/report_series.h"
#include "tools/table_text.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ccsim::cli {

void add_report_option(po::options_description& desc, std::string& file) {
  desc.add_options()("report", po::value<std::string>(&file),
                     "also write an HTML report (charts and tables; self-contained, printable) "
                     "to FILE.html");
}

std::optional<std::string> report_path_error(const std::string& file) {
  if (file.empty()) return "--report: a file is required (FILE.html)";
  const fs::path path(file);
  std::string ext = path.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".html" && ext != ".htm") {
    return "--report: the file must end in .html or .htm (got " + file + ")";
  }
  return output_path_error("--report", file);
}

int emit_with_report(const CommonOptions& common, const std::string& content,
                     const std::string& report_file, const std::function<std::string()>& html,
                     std::ostream& out, std::ostream& err) {
  // The report is staged first and put in place only once the output is written, so a failure
  // of either leaves both paths as they were.
  StagedFile report;
  if (!report_file.empty()) {
    const std::string page = html();
    if (auto error = report.stage(report_file, [&](std::ostream& f) { f << page; })) {
      err << "error: --report: " << *error << "\n";
      return kExitFailure;
    }
  }
  const int code = emit(common, content, out, err);
  if (code != kExitOk || report_file.empty()) return code;
  if (auto error = report.commit()) {
    err << "error: --report: " << *error << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

std::vector<std::string> interval_labels(const Scenario& sc) {
  std::vector<std::string> labels;
  for (int i = 0; i < sc.horizon.intervals; ++i) {
    labels.push_back(clock_label(sc.horizon.start, double(i) * sc.horizon.interval_s));
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
    f.emplace_back("horizon", std::to_string(h.intervals) + " intervals of " +
                                  format_number(h.interval_s / 60.0, h.interval_s < 60 ? 2 : 0) +
                                  " min, " + h.start + " to " + clock_label(h.start, h.end_s()));
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
    if (g.shrinkage > 0) groups += ", shrinkage " + format_number(g.shrinkage, 2);
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

}  // namespace ccsim::cli
