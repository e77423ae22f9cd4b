// ccsim erlang: the analytic Erlang B / C / A calculator (no simulation).
#include <cctype>
#include <sstream>

#include "models/queueing/erlang.h"
#include "tools/cli.h"
#include "tools/json_text.h"
#include "tools/options.h"
#include "tools/table_text.h"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

constexpr const char* kErlangUsage =
    "usage: ccsim erlang --model b|c|a --arrivals-per-hour X --aht-s Y [--agents N]\n"
    "                    [--patience-s P] [--threshold-s T] [--target-sl S] [--target-asa-s A]\n"
    "                    [--max-abandon R] [--max-block B] [--format table|json|csv] [--out FILE]\n"
    "Without --agents, finds the fewest agents meeting every target given; with --agents and\n"
    "targets, reports whether those agents meet every target (targets_met).\n";

// "arrivals_per_hour: ..." (the model's field names) → "--arrivals-per-hour: ...".
std::string as_option_message(std::string message) {
  const auto colon = message.find(':');
  if (colon == std::string::npos) return message;
  std::string field = message.substr(0, colon);
  for (char& c : field) {
    if (c == '_') c = '-';
  }
  return "--" + field + message.substr(colon);
}

nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// The output of `ccsim erlang` for the KPIs `r` of query `q`; `targets_met` (with --agents and
// targets) says whether those agents meet every target.
std::string erlang_output(Format format, const erlang::Query& q, const erlang::Report& r,
                          std::optional<bool> targets_met) {
  const std::vector<std::pair<const char*, std::optional<double>>> fields{
      {"offered_load", r.offered_load},
      {"p_block", r.p_block},
      {"p_wait", r.p_wait},
      {"asa_s", r.asa_s},
      {"mean_wait_s", r.mean_wait_s},
      {"service_level", r.service_level},
      {"abandon_rate", r.abandon_rate},
      {"occupancy", r.occupancy}};
  std::ostringstream content;
  switch (format) {
    case Format::Json: {
      nlohmann::json j;
      j["model"] = erlang::model_name(r.model);
      j["agents"] = r.agents;
      j["stable"] = r.stable;
      for (const auto& [name, value] : fields) j[name] = optional_json(value);
      if (targets_met) j["targets_met"] = *targets_met;
      content << json_text(j) << "\n";
      break;
    }
    case Format::Csv: {
      content << "model,agents,stable";
      for (const auto& f : fields) content << ',' << f.first;
      if (targets_met) content << ",targets_met";
      content << '\n'
              << erlang::model_name(r.model) << ',' << r.agents << ','
              << (r.stable ? "true" : "false");
      for (const auto& f : fields) {
        content << ',';
        if (f.second) content << csv_number(*f.second, 6);  // as the table shows it
      }
      if (targets_met) content << ',' << (*targets_met ? "true" : "false");
      content << '\n';
      break;
    }
    case Format::Xlsx:  // refused by cmd_erlang
    case Format::Table: {
      std::string name = erlang::model_name(r.model);
      for (char& c : name) c = char(std::toupper(static_cast<unsigned char>(c)));
      content << "Erlang " << name << ": " << q.arrivals_per_hour << " arrivals/h, AHT " << q.aht_s
              << " s";
      if (q.patience_s) content << ", patience " << *q.patience_s << " s";
      content << "\n";
      content << "agents         " << r.agents << "\n";
      content << "stable         " << (r.stable ? "yes" : "no (load >= agents)") << "\n";
      for (const auto& [name, value] : fields) {
        if (!value) continue;
        content << name << std::string(15 - std::string(name).size(), ' ')
                << format_number(*value, 6) << "\n";
      }
      if (targets_met) content << "targets met    " << (*targets_met ? "yes" : "no") << "\n";
      break;
    }
  }
  return content.str();
}

// The options of `ccsim erlang` as given.
struct ErlangArgs {
  CommonOptions common;
  RawCommon raw;
  std::string model, arrivals, aht, agents, patience, threshold, target_sl, target_asa, max_abandon,
      max_block;
};

void declare_erlang_options(po::options_description& desc, ErlangArgs& a) {
  desc.add_options()("model", po::value<std::string>(&a.model),
                     "b (Erlang B), c (Erlang C) or a (Erlang A)")(
      "arrivals-per-hour", po::value<std::string>(&a.arrivals), "arrival rate per hour")(
      "aht-s", po::value<std::string>(&a.aht), "average handle time, seconds")(
      "agents", po::value<std::string>(&a.agents),
      "agents; omit to find the fewest meeting the targets")(
      "patience-s", po::value<std::string>(&a.patience), "mean patience, seconds (model a)")(
      "threshold-s", po::value<std::string>(&a.threshold), "service-level threshold, seconds")(
      "target-sl", po::value<std::string>(&a.target_sl), "service-level target in [0, 1]")(
      "target-asa-s", po::value<std::string>(&a.target_asa), "ASA target, seconds")(
      "max-abandon", po::value<std::string>(&a.max_abandon), "abandonment target (model a)")(
      "max-block", po::value<std::string>(&a.max_block), "blocking target (model b)");
  add_common_options(desc, a.raw, a.common);
}

// The query the options ask; adds each problem with them (or, when there is none, with the
// query itself) to `errors`.
erlang::Query erlang_query(const po::variables_map& vm, const ErlangArgs& a,
                           std::vector<std::string>& errors) {
  erlang::Query q;
  if (a.model.empty()) {
    errors.push_back("--model: is required (b, c or a)");
  } else if (auto m = erlang::parse_model(a.model)) {
    q.model = *m;
  } else {
    errors.push_back("--model: must be one of b, c, a (got " + a.model + ")");
  }
  auto number = [&](const char* name, const std::string& text, bool required, auto assign) {
    if (!vm.count(name)) {
      if (required) errors.push_back(std::string("--") + name + ": is required");
      return;
    }
    if (const auto v = parse_double(text)) {
      assign(*v);
    } else {
      errors.push_back(std::string("--") + name + ": must be a number (got " + text + ")");
    }
  };
  number("arrivals-per-hour", a.arrivals, true, [&](double v) { q.arrivals_per_hour = v; });
  number("aht-s", a.aht, true, [&](double v) { q.aht_s = v; });
  number("patience-s", a.patience, false, [&](double v) { q.patience_s = v; });
  number("threshold-s", a.threshold, false, [&](double v) { q.threshold_s = v; });
  number("target-sl", a.target_sl, false, [&](double v) { q.target_sl = v; });
  number("target-asa-s", a.target_asa, false, [&](double v) { q.target_asa_s = v; });
  number("max-abandon", a.max_abandon, false, [&](double v) { q.max_abandon = v; });
  number("max-block", a.max_block, false, [&](double v) { q.max_block = v; });
  if (vm.count("agents")) {
    const auto v = parse_integer(a.agents);
    if (!v || *v < 0 || *v > erlang::kMaxAgents) {
      errors.push_back("--agents: must be an integer from 0 to " +
                       std::to_string(erlang::kMaxAgents) + " (got " + a.agents + ")");
    } else {
      q.agents = int(*v);
    }
  }
  if (errors.empty()) {
    for (const std::string& e : erlang::validate(q)) errors.push_back(as_option_message(e));
  }
  return q;
}

}  // namespace

int cmd_erlang(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ErlangArgs a;
  po::options_description desc("options");
  declare_erlang_options(desc, a);
  po::variables_map vm;
  std::vector<std::string> errors = parse_options(args, desc, vm, a.raw, a.common);
  if (a.common.help) {
    out << kErlangUsage << desc;
    return kExitOk;
  }
  if (errors.empty() && !a.common.positional.empty()) {
    errors.push_back("unexpected argument '" + a.common.positional[0] + "'");
  }
  if (errors.empty()) {
    refuse_options(vm, {"replications", "seed", "threads"},
                   "to erlang, which computes exactly (no simulation)", errors);
    refuse_workbook(a.common, "erlang", errors);
  }
  erlang::Query q;
  if (errors.empty()) q = erlang_query(vm, a, errors);
  if (!errors.empty()) {
    return bad_input(err, errors, kErlangUsage);
  }

  // With --agents and targets, the output says whether those agents meet the targets.
  std::optional<bool> targets_met;
  if (!q.agents) {
    q.agents = erlang::min_agents(q);
    if (!q.agents) {
      err << "error: no number of agents up to " << erlang::kMaxAgents
          << " meets the targets given\n";
      return kExitBadInput;
    }
  }
  const erlang::Report r = erlang::evaluate(q);
  if (vm.count("agents") && erlang::has_target(q)) targets_met = erlang::meets_targets(q, r);

  return emit(a.common, erlang_output(a.common.output_format(), q, r, targets_met), out, err);
}

}  // namespace ccsim::cli
