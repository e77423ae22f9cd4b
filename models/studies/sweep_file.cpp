#include "models/studies/sweep_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <set>
#include <sstream>
#include <utility>

#include "models/io/input_file.h"
#include "models/io/output_file.h"
#include "models/io/text.h"
#include "sim/random.h"

namespace ccsim {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A line of a sweep file as JSON: a discarded value when it is not JSON or is nested deeper
// than kMaxJsonDepth.
json parse_json_line(const std::string& line) {
  JsonParse<json> read = parse_json_text<json>(line, "");
  return read.document ? std::move(*read.document) : json(json::value_t::discarded);
}

std::string csv_number(double v) {
  std::ostringstream o;
  o << std::setprecision(17) << v;
  return o.str();
}

json estimate_record(const KpiEstimate& e) {
  if (!e) return nullptr;
  return json{{"mean", e->mean}, {"ci95", e->ci95}};
}

// {KPI: {"mean", "ci95"} | null} of `estimates`, one key per KPI of `infos`.
template <class Infos, class Estimates>
json estimates_record(const Infos& infos, const Estimates& estimates) {
  json o = json::object();
  for (const auto& info : infos) o[std::string(info.name)] = estimate_record(estimates[info.kpi]);
  return o;
}

void csv_estimate(std::string& row, const json& e) {
  if (e.is_null()) {
    row += ",,";
    return;
  }
  row +=
      ',' + csv_number(e.at("mean").get<double>()) + ',' + csv_number(e.at("ci95").get<double>());
}

std::string shard_text(const SweepHeader& h) {
  return std::to_string(h.shard_index) + "/" + std::to_string(h.shard_count);
}

std::optional<std::size_t> parse_size(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
  if (errno != 0) return std::nullopt;
  return static_cast<std::size_t>(v);
}

bool parse_shard(const std::string& s, SweepHeader& h) {
  const auto slash = s.find('/');
  if (slash == std::string::npos) return false;
  const auto k = parse_size(s.substr(0, slash));
  const auto n = parse_size(s.substr(slash + 1));
  if (!k || !n || *n == 0 || *k >= *n) return false;
  h.shard_index = *k;
  h.shard_count = *n;
  return true;
}

std::optional<SweepHeader> parse_csv_header(const std::string& line) {
  const std::string prefix = "# ccsim sweep v1 ";
  if (line.rfind(prefix, 0) != 0) return std::nullopt;
  SweepHeader h;
  std::istringstream in(line.substr(prefix.size()));
  std::string field;
  std::set<std::string> seen;
  while (in >> field) {
    const auto eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    seen.insert(key);
    if (key == "scenario") {
      h.scenario_hash = value;
    } else if (key == "grid") {
      h.grid_hash = value;
    } else if (key == "seed") {
      h.seed = value;
    } else if (key == "replications") {
      h.replications = value;
    } else if (key == "points") {
      const auto n = parse_size(value);
      if (!n) return std::nullopt;
      h.points = *n;
    } else if (key == "shard") {
      if (!parse_shard(value, h)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  for (const char* k : {"scenario", "grid", "seed", "replications", "points"}) {
    if (!seen.count(k)) return std::nullopt;
  }
  return h;
}

std::optional<SweepHeader> parse_jsonl_header(const std::string& line) {
  const json j = parse_json_line(line);
  if (!j.is_object()) return std::nullopt;
  // Not j.value("ccsim_sweep", 0): it throws when the value is not a number.
  const auto version = j.find("ccsim_sweep");
  if (version == j.end() || !version->is_number_integer() || *version != 1) return std::nullopt;
  SweepHeader h;
  try {
    h.scenario_hash = j.at("scenario").get<std::string>();
    h.grid_hash = j.at("grid").get<std::string>();
    h.seed = j.at("seed").get<std::string>();
    h.replications = j.at("replications").get<std::string>();
    // An integer only: get<std::size_t>() of a float (2.4e104) would convert out of range.
    const json& points = j.at("points");
    if (!points.is_number_unsigned()) return std::nullopt;
    h.points = points.get<std::size_t>();
    if (j.contains("shard") && !parse_shard(j.at("shard").get<std::string>(), h)) {
      return std::nullopt;
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return h;
}

std::optional<std::size_t> row_point(const std::string& line, SweepFormat format) {
  if (format == SweepFormat::Csv) return parse_size(line.substr(0, line.find(',')));
  const json j = parse_json_line(line);
  if (!j.is_object() || !j.contains("point") || !j.at("point").is_number_unsigned()) {
    return std::nullopt;
  }
  return j.at("point").get<std::size_t>();
}

// Number of fields of a CSV line (commas outside quotes, plus one).
std::size_t csv_field_count(const std::string& line) {
  std::size_t n = 1;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++n;
  }
  return n;
}

bool write_all(int fd, const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += std::size_t(n);
  }
  return true;
}

}  // namespace

std::string content_hash(std::string_view text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(sim::stream_hash(text)));
  return buf;
}

std::string grid_hash(const SweepSpec& spec) {
  json j;
  j["zip"] = spec.zip;
  j["set"] = json::array();
  for (const auto& p : spec.parameters) j["set"].push_back({p.pointer, p.values});
  return content_hash(j.dump());
}

std::string header_line(const SweepHeader& h, SweepFormat format) {
  if (format == SweepFormat::JsonLines) {
    nlohmann::ordered_json j;
    j["ccsim_sweep"] = 1;
    j["scenario"] = h.scenario_hash;
    j["grid"] = h.grid_hash;
    j["seed"] = h.seed;
    j["replications"] = h.replications;
    j["points"] = h.points;
    if (h.shard_count > 1) j["shard"] = shard_text(h);
    return j.dump();
  }
  std::string s = "# ccsim sweep v1 scenario=" + h.scenario_hash + " grid=" + h.grid_hash +
                  " seed=" + h.seed + " replications=" + h.replications +
                  " points=" + std::to_string(h.points);
  if (h.shard_count > 1) s += " shard=" + shard_text(h);
  return s;
}

std::vector<std::string> header_differences(const SweepHeader& file, const SweepHeader& expected) {
  std::vector<std::string> d;
  auto check = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) d.push_back(std::string(what) + ": file has " + a + ", this sweep has " + b);
  };
  check("scenario (hash of the scenario file)", file.scenario_hash, expected.scenario_hash);
  check("grid (hash of the parameters, their values and zip)", file.grid_hash, expected.grid_hash);
  check("seed", file.seed, expected.seed);
  check("replications", file.replications, expected.replications);
  check("points", std::to_string(file.points), std::to_string(expected.points));
  check("shard", shard_text(file), shard_text(expected));
  return d;
}

json point_record(std::size_t index, const SweepSpec& spec, const std::vector<json>& values,
                  const Results& results) {
  json r;
  r["point"] = index;
  json params = json::object();
  for (std::size_t k = 0; k < values.size(); ++k) params[spec.parameters[k].pointer] = values[k];
  r["params"] = params;
  json totals = json::object();
  for (std::size_t k = 0; k < results.totals.size(); ++k) {
    totals[k < results.types.size() ? results.types[k] : std::string("all")] =
        estimates_record(contact_kpis(), results.totals[k]);
  }
  r["totals"] = totals;
  json groups = json::object();
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    groups[results.groups[g]] = estimates_record(group_kpis(), results.group_totals[g]);
  }
  r["agent_groups"] = groups;
  return r;
}

std::string csv_columns(const SweepSpec& spec, const std::vector<std::string>& types,
                        const std::vector<std::string>& groups) {
  std::string s = "point";
  for (const auto& p : spec.parameters) s += "," + text::csv_field(p.pointer);
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const auto& t : scopes) {
    for (const KpiInfo& info : contact_kpis()) {
      const std::string base = t + "." + std::string(info.name);
      s += "," + text::csv_field(base + ".mean") + "," + text::csv_field(base + ".ci95");
    }
  }
  for (const auto& g : groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      const std::string base = g + "." + std::string(info.name);
      s += "," + text::csv_field(base + ".mean") + "," + text::csv_field(base + ".ci95");
    }
  }
  return s;
}

std::string csv_row(const json& record, const SweepSpec& spec,
                    const std::vector<std::string>& types, const std::vector<std::string>& groups) {
  std::string row = std::to_string(record.at("point").get<std::size_t>());
  for (const auto& p : spec.parameters)
    row += "," + text::csv_field(parameter_text(record["params"][p.pointer]));
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const auto& t : scopes) {
    const json& o = record.at("totals").at(t);
    for (const KpiInfo& info : contact_kpis()) csv_estimate(row, o.at(std::string(info.name)));
  }
  for (const auto& g : groups) {
    const json& o = record.at("agent_groups").at(g);
    for (const GroupKpiInfo& info : group_kpis()) csv_estimate(row, o.at(std::string(info.name)));
  }
  return row;
}

std::optional<json> record_of_line(const std::string& line, SweepFormat format,
                                   const SweepSpec& spec, const std::vector<std::string>& types,
                                   const std::vector<std::string>& groups) {
  if (format == SweepFormat::JsonLines) {
    json j = parse_json_line(line);
    if (!j.is_object() || !j.contains("point")) return std::nullopt;
    return j;
  }
  std::vector<std::string_view> f;
  std::vector<std::string> storage;
  text::split_fields(line, ',', f, storage);
  const std::size_t expected =
      1 + spec.parameters.size() +
      2 * (kKpiCount * (types.size() + 1) + kGroupKpiCount * groups.size());
  if (f.size() != expected) return std::nullopt;
  const auto point = parse_size(std::string(f[0]));
  if (!point) return std::nullopt;
  json r;
  r["point"] = *point;
  std::size_t at = 1;
  for (const SweepParameter& p : spec.parameters) {
    const std::string text(f[at++]);
    json value = text;
    for (const json& v : p.values) {
      if (parameter_text(v) == text) value = v;
    }
    r["params"][p.pointer] = value;
  }
  auto estimate = [&]() -> json {
    const auto m = text::parse_number(f[at]);
    const auto h = text::parse_number(f[at + 1]);
    at += 2;
    if (!m) return nullptr;
    return {{"mean", *m}, {"ci95", h.value_or(0.0)}};
  };
  std::vector<std::string> scopes = types;
  scopes.emplace_back("all");
  for (const std::string& t : scopes) {
    for (const KpiInfo& info : contact_kpis()) r["totals"][t][std::string(info.name)] = estimate();
  }
  for (const std::string& g : groups) {
    for (const GroupKpiInfo& info : group_kpis()) {
      r["agent_groups"][g][std::string(info.name)] = estimate();
    }
  }
  return r;
}

std::string record_line(const json& record, SweepFormat format, const SweepSpec& spec,
                        const std::vector<std::string>& types,
                        const std::vector<std::string>& groups) {
  return format == SweepFormat::Csv ? csv_row(record, spec, types, groups) : record.dump();
}

std::optional<SweepFile> read_sweep_file(const fs::path& path, std::string& error) {
  std::string text;
  if (auto problem = read_input_file(path, text)) {
    error = *problem;
    return std::nullopt;
  }
  SweepFile file;
  std::size_t pos = 0, line_no = 0;
  std::optional<std::size_t> expected_fields;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      file.partial_tail = true;
      break;
    }
    const std::string line = text.substr(pos, nl - pos);
    ++line_no;
    const std::string where = path.string() + ":" + std::to_string(line_no) + ": ";
    if (line_no == 1) {
      std::optional<SweepHeader> h;
      if (line.rfind("#", 0) == 0) {
        file.format = SweepFormat::Csv;
        h = parse_csv_header(line);
      } else {
        file.format = SweepFormat::JsonLines;
        h = parse_jsonl_header(line);
      }
      if (!h) {
        error = where + "not a ccsim sweep file (no valid sweep header line)";
        return std::nullopt;
      }
      file.header = *h;
    } else if (line_no == 2 && file.format == SweepFormat::Csv) {
      if (line.rfind("point,", 0) != 0) {
        error = where + "expected the column names (point,...)";
        return std::nullopt;
      }
      file.columns = line;
      expected_fields = csv_field_count(line);
    } else {
      const auto point = row_point(line, file.format);
      if (!point || (expected_fields && csv_field_count(line) != *expected_fields)) {
        error = where + "malformed row";
        return std::nullopt;
      }
      if (*point >= file.header.points ||
          *point % file.header.shard_count != file.header.shard_index) {
        error = where + "point " + std::to_string(*point) + " does not belong to this sweep" +
                (file.header.shard_count > 1 ? " shard" : "");
        return std::nullopt;
      }
      if (!file.rows.emplace(*point, line).second) {
        error = where + "point " + std::to_string(*point) + " appears twice";
        return std::nullopt;
      }
    }
    pos = nl + 1;
    file.complete_bytes = pos;
  }
  if (line_no == 0 || (file.format == SweepFormat::Csv && line_no < 2)) {
    // A file cut short before its header lines were complete holds nothing worth keeping.
    error = path.string() + ": not a ccsim sweep file (incomplete header)";
    return std::nullopt;
  }
  return file;
}

std::string sweep_file_text(const SweepFormat format, const SweepHeader& header,
                            const std::string& columns,
                            const std::map<std::size_t, std::string>& rows) {
  std::string s = header_line(header, format) + "\n";
  if (format == SweepFormat::Csv) s += columns + "\n";
  for (const auto& [point, line] : rows) s += line + "\n";
  return s;
}

SweepAppender::~SweepAppender() {
  close();
}

void SweepAppender::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::optional<std::string> SweepAppender::create(const fs::path& path,
                                                 const std::string& initial_text) {
  close();
  if (auto error = write_file_atomically(path, [&](std::ostream& f) { f << initial_text; })) {
    return error;
  }
  return reopen(path, initial_text.size());
}

std::optional<std::string> SweepAppender::reopen(const fs::path& path, std::uintmax_t keep_bytes) {
  close();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) return path.string() + ": cannot open for appending (" + std::strerror(errno) + ")";
  if (::ftruncate(fd_, off_t(keep_bytes)) != 0 || ::lseek(fd_, off_t(keep_bytes), SEEK_SET) < 0) {
    const std::string reason = std::strerror(errno);
    close();
    return path.string() + ": cannot truncate an incomplete last line (" + reason + ")";
  }
  path_ = path;
  return std::nullopt;
}

std::optional<std::string> SweepAppender::append(const std::string& line) {
  if (fd_ < 0) return "sweep file not open";
  if (!write_all(fd_, line + "\n") || ::fsync(fd_) != 0) {
    return path_.string() + ": cannot write file (" + std::strerror(errno) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> merge_sweep_files(const std::vector<fs::path>& files,
                                             std::vector<std::string>& errors) {
  if (files.empty()) {
    errors.push_back("no sweep files to merge");
    return std::nullopt;
  }
  std::vector<SweepFile> read;
  for (const auto& f : files) {
    std::string error;
    auto file = read_sweep_file(f, error);
    if (!file) {
      errors.push_back(error);
      continue;
    }
    if (file->partial_tail) {
      errors.push_back(f.string() +
                       ": the last line is incomplete (the sweep was interrupted; run it again "
                       "to finish it first)");
      continue;
    }
    read.push_back(std::move(*file));
  }
  if (!errors.empty()) return std::nullopt;
  SweepHeader merged = read[0].header;
  merged.shard_index = 0;
  merged.shard_count = 1;
  std::map<std::size_t, std::string> rows;
  std::map<std::size_t, std::size_t> origin;
  for (std::size_t i = 0; i < read.size(); ++i) {
    SweepHeader h = read[i].header;
    h.shard_index = 0;
    h.shard_count = 1;
    if (read[i].format != read[0].format) {
      errors.push_back(files[i].string() + ": a different format from " + files[0].string());
      continue;
    }
    for (const auto& d : header_differences(h, merged)) {
      errors.push_back(files[i].string() + ": not the same sweep as " + files[0].string() + " (" +
                       d + ")");
    }
    if (read[i].columns != read[0].columns) {
      errors.push_back(files[i].string() + ": different columns from " + files[0].string());
    }
    for (const auto& [point, line] : read[i].rows) {
      const auto [it, fresh] = origin.emplace(point, i);
      if (!fresh) {
        errors.push_back("point " + std::to_string(point) + " appears in both " +
                         files[it->second].string() + " and " + files[i].string());
        continue;
      }
      rows.emplace(point, line);
    }
  }
  if (!errors.empty()) return std::nullopt;
  std::vector<std::size_t> missing;
  for (std::size_t p = 0; p < merged.points; ++p) {
    if (!rows.count(p)) missing.push_back(p);
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 20; ++k) {
      list += (k ? ", " : "") + std::to_string(missing[k]);
    }
    if (missing.size() > 20) list += ", ...";
    errors.push_back(std::to_string(missing.size()) + " of " + std::to_string(merged.points) +
                     " points missing: " + list);
    return std::nullopt;
  }
  return sweep_file_text(read[0].format, merged, read[0].columns, rows);
}

}  // namespace ccsim
