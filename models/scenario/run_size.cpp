#include "models/scenario/run_size.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string_view>

#include "models/io/plural.h"
#include "models/kpi/kpi.h"

namespace ccsim {

namespace {

// A figure for messages: one decimal below a million, else three significant digits.
std::string figure(double x) {
  char buf[64];
  if (std::fabs(x) < 1e6) {
    std::snprintf(buf, sizeof buf, "%.1f", x);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", x);
  }
  return buf;
}

// Bytes as GiB with one decimal.
std::string gib(double bytes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

std::string type_path(std::size_t k) {
  return "contact_types[" + std::to_string(k) + "]";
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

std::string quoted_names(const Scenario& s, const std::vector<std::size_t>& types) {
  std::string out;
  for (std::size_t j = 0; j < types.size(); ++j) {
    if (j > 0) out += ", ";
    out += "\"" + s.contact_types[types[j]].name + "\"";
  }
  return out;
}

double total(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

// 1. The horizon.
std::optional<std::string> horizon_refusal(const Horizon& h, const RunSizeLimits& limits) {
  if (!(h.end_s() > limits.max_horizon_s)) return std::nullopt;
  return "horizon: lasts " + figure(h.end_s() / 86400.0) + " days (" + figure(h.end_s()) +
         " s), more than the limit of " + figure(limits.max_horizon_s / 86400.0) + " days";
}

// 2. Per-interval results. `replications_path` names the replication count in the message.
std::optional<std::string> results_refusal(const Scenario& s, const RunSizeLimits& limits,
                                           std::string_view replications_path) {
  const Horizon& h = s.horizon;
  const double results = results_bytes(s, s.simulation.replications);
  if (!(results > limits.max_memory_bytes)) return std::nullopt;
  const std::string path = h.interval_count() >= s.simulation.replications
                               ? std::string("horizon.intervals")
                               : std::string(replications_path);
  return path + ": the per-interval results of " + text::plural(h.interval_count(), "interval") +
         " × " + text::plural(s.simulation.replications, "replication") + " need ~" + gib(results) +
         " (16 bytes per KPI value and replication, and 768 bytes per KPI value reported), more "
         "than the limit of " +
         gib(limits.max_memory_bytes) + "; use fewer, longer intervals or fewer replications";
}

// Expected first-attempt arrivals of each contact type in each interval: [type][interval].
std::vector<std::vector<double>> arrivals_by_interval(const Scenario& s) {
  std::vector<std::vector<double>> arrivals(s.contact_types.size());
  for (std::size_t k = 0; k < arrivals.size(); ++k) {
    for (int i = 0; i < s.horizon.interval_count(); ++i) {
      arrivals[k].push_back(expected_arrivals(s.contact_types[k], s.horizon, i));
    }
  }
  return arrivals;
}

// The index of the largest of `figures` (the first on a tie) and its value in `largest`.
std::size_t largest_of(const std::vector<double>& figures, double& largest) {
  largest = -1.0;
  std::size_t at = 0;
  for (std::size_t k = 0; k < figures.size(); ++k) {
    if (figures[k] > largest) {
      largest = figures[k];
      at = k;
    }
  }
  return at;
}

// 3. Expected arrivals per replication.
std::optional<std::string> arrivals_refusal(const Scenario& s,
                                            const std::vector<std::vector<double>>& arrivals,
                                            const RunSizeLimits& limits) {
  std::vector<double> per_type;
  double total_arrivals = 0.0;
  for (const std::vector<double>& a : arrivals) {
    per_type.push_back(total(a));
    total_arrivals += per_type.back();
  }
  if (!(total_arrivals > limits.max_arrivals)) return std::nullopt;
  double largest = 0.0;
  const std::size_t k = largest_of(per_type, largest);
  return "contact_types: " + figure(total_arrivals) +
         " expected arrivals per replication, more than the limit of " +
         figure(limits.max_arrivals) + " (most: " + type_path(k) + " \"" + s.contact_types[k].name +
         "\" with " + figure(largest) + ")";
}

// 3b. Contact attempts and callback calls per replication, at their most. Returns false when
// they are refused (which stops the check).
bool check_attempts(const Scenario& s, const std::vector<std::vector<double>>& arrivals,
                    const RunSizeLimits& limits, RunSizeCheck& check) {
  std::vector<double> work;
  double total_work = 0.0;
  for (std::size_t k = 0; k < arrivals.size(); ++k) {
    work.push_back(total(arrivals[k]) * attempts_per_arrival(s.contact_types[k]));
    total_work += work.back();
  }
  if (!(total_work > limits.max_arrivals)) return true;
  double most_work = 0.0;
  const std::size_t most_type = largest_of(work, most_work);
  const bool refused = total_work > limits.max_attempts;
  const ContactType& t = s.contact_types[most_type];
  std::string message =
      "contact_types: up to " + figure(total_work) +
      " contact attempts and callback calls per replication (every retrial and callback "
      "attempt made), more than the limit of " +
      figure(refused ? limits.max_attempts : limits.max_arrivals) +
      " (most: " + type_path(most_type) + " \"" + t.name + "\" with " +
      figure(total(arrivals[most_type])) + " expected arrivals × up to " +
      figure(attempts_per_arrival(t)) + " each)";
  if (refused) {
    check.errors.push_back(message +
                           "; lower retrial.max_retrials or callback.max_attempts, or raise "
                           "callback.reach_prob");
    return false;
  }
  check.warnings.push_back(message + "; a replication may take minutes or more");
  return true;
}

// The agents on duty of every group, after shrinkage.
struct AgentsOnDuty {
  std::vector<std::vector<double>> mean;  // [group][interval]: time-average over the interval
  double peak = 0.0;                      // the peaks of the groups, summed
};

AgentsOnDuty agents_on_duty(const Scenario& s) {
  const Horizon& h = s.horizon;
  AgentsOnDuty agents;
  agents.mean.resize(s.agent_groups.size());
  for (std::size_t g = 0; g < s.agent_groups.size(); ++g) {
    const std::vector<StaffChange> steps = net_staffing_schedule(s.agent_groups[g], h);
    int peak = 0;
    for (const StaffChange& c : steps) peak = std::max(peak, c.agents);
    agents.peak += double(peak);
    for (int i = 0; i < h.interval_count(); ++i) {
      const double lo = h.interval_start_s(i);
      agents.mean[g].push_back(agent_seconds(steps, lo, lo + h.interval_s) / h.interval_s);
    }
  }
  return agents;
}

// The connected components of the skill graph: contact types linked by the groups skilled for
// them.
struct SkillComponents {
  std::vector<std::vector<std::size_t>> types;  // [component]: its types, in order
  std::vector<std::size_t> of_type;             // [type]: its component
};

SkillComponents skill_components(const Scenario& s) {
  const std::size_t n_types = s.contact_types.size();
  std::vector<std::size_t> parent(n_types);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (const AgentGroup& g : s.agent_groups) {
    for (std::size_t j = 1; j < g.skills.size(); ++j) {
      parent[find_root(parent, std::size_t(g.skills[j]))] =
          find_root(parent, std::size_t(g.skills[0]));
    }
  }
  SkillComponents components;
  components.of_type.resize(n_types);
  std::vector<std::optional<std::size_t>> index(n_types);
  for (std::size_t k = 0; k < n_types; ++k) {
    const std::size_t r = find_root(parent, k);
    if (!index[r]) {
      index[r] = components.types.size();
      components.types.emplace_back();
    }
    components.types[*index[r]].push_back(k);
    components.of_type[k] = *index[r];
  }
  return components;
}

// The fluid model of one component over the horizon.
struct FluidLoad {
  std::vector<double> load, capacity;  // [interval]: offered load (Erlangs), capacity (agents)
  double mean_time = 0.0;              // load-weighted mean agent time of a contact
  std::size_t overloaded = 0;          // intervals with load above capacity
  std::size_t worst = 0;               // the interval of the largest excess
  double worst_excess = 0.0;           // load − capacity there
  double peak_backlog = 0.0;           // most work waiting at an interval's end (agent-seconds)
  std::size_t peak_at = 0;             // the interval at whose end it waits
};

FluidLoad fluid_load(const Scenario& s, const SkillComponents& components, std::size_t c,
                     const std::vector<std::vector<double>>& arrivals, const AgentsOnDuty& agents) {
  const auto n_intervals = static_cast<std::size_t>(s.horizon.interval_count());
  const double T = s.horizon.interval_s;
  FluidLoad f;
  f.load.assign(n_intervals, 0.0);
  f.capacity.assign(n_intervals, 0.0);
  double work = 0.0, contacts = 0.0;  // over the horizon, for the mean agent time
  for (std::size_t k : components.types[c]) {
    const ContactType& t = s.contact_types[k];
    const double share = share_to_agents(t);
    for (std::size_t i = 0; i < n_intervals; ++i) {
      const double queued = arrivals[k][i] * share, agent_time = mean_agent_time_s(t, int(i));
      f.load[i] += queued * agent_time / T;
      work += queued * agent_time;
      contacts += queued;
    }
  }
  for (std::size_t g = 0; g < s.agent_groups.size(); ++g) {
    const AgentGroup& group = s.agent_groups[g];
    if (group.skills.empty() || components.of_type[std::size_t(group.skills[0])] != c) continue;
    const double per_agent = double(group.concurrency) / group.speed_factor;
    for (std::size_t i = 0; i < n_intervals; ++i) f.capacity[i] += agents.mean[g][i] * per_agent;
  }
  f.mean_time = contacts > 0.0 ? work / contacts : 0.0;
  double backlog = 0.0;
  for (std::size_t i = 0; i < n_intervals; ++i) {
    const double excess = f.load[i] - f.capacity[i];
    if (excess > 1e-9 * std::max(1.0, f.load[i])) {
      ++f.overloaded;
      if (excess > f.worst_excess) {
        f.worst_excess = excess;
        f.worst = i;
      }
    }
    backlog = std::max(0.0, backlog + excess * T);
    if (backlog > f.peak_backlog) {
      f.peak_backlog = backlog;
      f.peak_at = i;
    }
  }
  return f;
}

// 5. Load against capacity of one component whose types include some that never abandon
// (`patient`): a warning when overloaded, an error when its backlog needs too much memory.
void check_overload(const Scenario& s, const std::vector<std::size_t>& types,
                    const std::vector<std::size_t>& patient, const FluidLoad& f,
                    const RunSizeLimits& limits, RunSizeCheck& check) {
  const Horizon& h = s.horizon;
  const double T = h.interval_s;
  const std::string path = type_path(patient.front());
  const std::string who = patient.size() == 1
                              ? "contacts of type " + quoted_names(s, patient) + " never abandon"
                              : "contacts of types " + quoted_names(s, patient) + " never abandon";
  const std::string together =
      types.size() > 1 ? " (types " + quoted_names(s, types) + " together)" : "";
  const std::string where = h.stationary ? std::string("over the horizon")
                                         : "interval " + interval_label(h, int(f.worst));
  const double peak_contacts = f.peak_backlog / f.mean_time;
  const double peak_bytes = peak_contacts * kBytesPerWaitingContact;
  const std::string peak_where = h.stationary  ? std::string("the end of the horizon")
                                 : h.days == 1 ? clock_label(h.start, double(f.peak_at + 1) * T)
                                               : "the end of " + interval_label(h, int(f.peak_at));
  const std::string overload = path + ": " + where + ": offered load " + figure(f.load[f.worst]) +
                               " Erlangs" + together + " exceeds capacity " +
                               figure(f.capacity[f.worst]) + " agents and " + who;
  if (peak_bytes > limits.max_memory_bytes) {
    check.errors.push_back(overload + "; the queue would reach ~" + figure(peak_contacts) +
                           " contacts at " + peak_where + ", ~" + gib(peak_bytes) + " at " +
                           std::to_string(static_cast<int>(kBytesPerWaitingContact)) +
                           " bytes per contact, more than the limit of " +
                           gib(limits.max_memory_bytes));
    return;
  }
  std::string message = overload + "; the queue grows by ~" +
                        figure(f.worst_excess * T / f.mean_time) + " contacts " +
                        (h.stationary ? "over the horizon" : "in the interval");
  if (!h.stationary) {
    message += " (overloaded in " + std::to_string(f.overloaded) + " of " +
               text::plural(h.interval_count(), "interval") + "; peak backlog ~" +
               figure(peak_contacts) + " contacts at " + peak_where + ")";
  }
  check.warnings.push_back(message);
}

// check_run_size, with `replications_path` naming the replication count in messages.
RunSizeCheck check_run_size_named(const Scenario& s, const RunSizeLimits& limits,
                                  std::string_view replications_path) {
  RunSizeCheck check;
  if (auto refusal = horizon_refusal(s.horizon, limits)) {
    check.errors.push_back(*refusal);
    return check;
  }
  if (auto refusal = results_refusal(s, limits, replications_path)) {
    check.errors.push_back(*refusal);
    return check;
  }
  const std::vector<std::vector<double>> arrivals = arrivals_by_interval(s);
  if (auto refusal = arrivals_refusal(s, arrivals, limits)) {
    check.errors.push_back(*refusal);
    return check;
  }
  if (!check_attempts(s, arrivals, limits, check)) return check;

  // 4. Agents on duty.
  const AgentsOnDuty agents = agents_on_duty(s);
  if (agents.peak * kBytesPerAgent > limits.max_memory_bytes) {
    check.errors.push_back(
        "agent_groups: " + figure(agents.peak) + " agents on duty at the peak need ~" +
        gib(agents.peak * kBytesPerAgent) + " (" +
        std::to_string(static_cast<int>(kBytesPerAgent)) +
        " bytes per agent), more than the limit of " + gib(limits.max_memory_bytes));
  }

  // 5. Load against capacity, per connected component of the skill graph.
  const SkillComponents components = skill_components(s);
  for (std::size_t c = 0; c < components.types.size(); ++c) {
    const std::vector<std::size_t>& types = components.types[c];
    std::vector<std::size_t> patient;  // types that never abandon
    for (std::size_t k : types) {
      if (!queue_patience(s.contact_types[k])) patient.push_back(k);
    }
    if (patient.empty()) continue;  // every type abandons: stable whatever the load
    const FluidLoad f = fluid_load(s, components, c, arrivals, agents);
    if (f.overloaded == 0 || f.mean_time <= 0.0) continue;
    check_overload(s, types, patient, f, limits, check);
  }
  return check;
}

}  // namespace

double results_bytes(const Scenario& scenario, int replications) {
  // The intervals, the horizon and, over several days, each day.
  const Horizon& h = scenario.horizon;
  const double scopes = double(h.interval_count()) + 1.0 + (h.days > 1 ? double(h.days) : 0.0);
  double trunk_groups = double(scenario.trunks.size());
  double slot_groups = double(scenario.callback_slots.size());
  for (const ContactType& t : scenario.contact_types) {
    trunk_groups += t.lines ? 1.0 : 0.0;
    slot_groups += t.callback && t.callback->slot_capacity ? 1.0 : 0.0;
  }
  const double values = (double(scenario.contact_types.size()) + 1.0) * double(kKpiCount) +
                        double(scenario.agent_groups.size()) * double(kGroupKpiCount) +
                        trunk_groups * double(kTrunkKpiCount) +
                        slot_groups * double(kSlotKpiCount) +
                        double(scenario.outbound.size()) * double(kOutboundKpiCount);
  return scopes * values * (double(replications) * kBytesPerKpiValue + kBytesPerReportedValue);
}

double attempts_per_arrival(const ContactType& type) {
  double attempts = 1.0;  // Σ_{j=0..M} p^j: the first attempt and its retrials
  if (type.retrial && type.retrial->prob > 0.0) {
    const double p = type.retrial->prob, m = double(type.retrial->max_retrials);
    attempts = p >= 1.0 ? m + 1.0 : (1.0 - std::pow(p, m + 1.0)) / (1.0 - p);
  }
  double calls = 0.0;  // Σ_{j=0..A-1} (1 - r)^j calls per accepted callback, times accept_prob
  if (type.callback && type.callback->accept_prob > 0.0) {
    const double miss = 1.0 - type.callback->reach_prob, a = double(type.callback->max_attempts);
    calls =
        type.callback->accept_prob * (miss >= 1.0 ? a : (1.0 - std::pow(miss, a)) / (1.0 - miss));
  }
  return attempts * (1.0 + calls);
}

RunSizeCheck check_run_size(const Scenario& scenario, const RunSizeLimits& limits) {
  return check_run_size_named(scenario, limits, "simulation.replications");
}

std::vector<std::string> check_replications_override(const Scenario& scenario, int replications,
                                                     std::string_view replications_path,
                                                     const RunSizeLimits& limits) {
  if (replications == scenario.simulation.replications) return {};
  Scenario run = scenario;
  run.simulation.replications = replications;
  return check_run_size_named(run, limits, replications_path).errors;
}

}  // namespace ccsim
