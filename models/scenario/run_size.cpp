#include "models/scenario/run_size.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string_view>

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

}  // namespace

double results_bytes(const Scenario& scenario, int replications) {
  const double scopes = double(scenario.horizon.intervals) + 1.0;
  const double values = (double(scenario.contact_types.size()) + 1.0) * double(kKpiCount) +
                        double(scenario.agent_groups.size()) * double(kGroupKpiCount);
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

RunSizeCheck check_run_size(const Scenario& s, const RunSizeLimits& limits) {
  RunSizeCheck check;
  const Horizon& h = s.horizon;

  // 1. The horizon.
  if (h.end_s() > limits.max_horizon_s) {
    check.errors.push_back("horizon: lasts " + figure(h.end_s() / 86400.0) + " days (" +
                           figure(h.end_s()) + " s), more than the limit of " +
                           figure(limits.max_horizon_s / 86400.0) + " days");
    return check;
  }

  // 2. Per-interval results.
  const double results = results_bytes(s, s.simulation.replications);
  if (results > limits.max_memory_bytes) {
    const std::string path =
        h.intervals >= s.simulation.replications ? "horizon.intervals" : "simulation.replications";
    check.errors.push_back(
        path + ": the per-interval results of " + std::to_string(h.intervals) + " intervals × " +
        std::to_string(s.simulation.replications) + " replications need ~" + gib(results) +
        " (16 bytes per KPI value and replication, and 768 bytes per KPI value reported), more "
        "than the limit of " +
        gib(limits.max_memory_bytes) + "; use fewer, longer intervals or fewer replications");
    return check;
  }

  // 3. Expected arrivals per replication.
  const std::size_t n_types = s.contact_types.size();
  std::vector<std::vector<double>> arrivals(n_types);
  double total_arrivals = 0.0, largest = -1.0;
  std::size_t largest_type = 0;
  for (std::size_t k = 0; k < n_types; ++k) {
    for (int i = 0; i < h.intervals; ++i) {
      arrivals[k].push_back(expected_arrivals(s.contact_types[k], h, i));
    }
    const double sum = std::accumulate(arrivals[k].begin(), arrivals[k].end(), 0.0);
    total_arrivals += sum;
    if (sum > largest) {
      largest = sum;
      largest_type = k;
    }
  }
  if (total_arrivals > limits.max_arrivals) {
    check.errors.push_back("contact_types: " + figure(total_arrivals) +
                           " expected arrivals per replication, more than the limit of " +
                           figure(limits.max_arrivals) + " (most: " + type_path(largest_type) +
                           " \"" + s.contact_types[largest_type].name + "\" with " +
                           figure(largest) + ")");
    return check;
  }

  // 3b. Contact attempts and callback calls per replication, at their most.
  double total_work = 0.0, most_work = -1.0;
  std::size_t most_type = 0;
  for (std::size_t k = 0; k < n_types; ++k) {
    const double sum = std::accumulate(arrivals[k].begin(), arrivals[k].end(), 0.0);
    const double work = sum * attempts_per_arrival(s.contact_types[k]);
    total_work += work;
    if (work > most_work) {
      most_work = work;
      most_type = k;
    }
  }
  if (total_work > limits.max_arrivals) {
    const bool refused = total_work > limits.max_attempts;
    const ContactType& t = s.contact_types[most_type];
    std::string message =
        "contact_types: up to " + figure(total_work) +
        " contact attempts and callback calls per replication (every retrial and callback "
        "attempt made), more than the limit of " +
        figure(refused ? limits.max_attempts : limits.max_arrivals) +
        " (most: " + type_path(most_type) + " \"" + t.name + "\" with " +
        figure(std::accumulate(arrivals[most_type].begin(), arrivals[most_type].end(), 0.0)) +
        " expected arrivals × up to " + figure(attempts_per_arrival(t)) + " each)";
    if (refused) {
      check.errors.push_back(message +
                             "; lower retrial.max_retrials or callback.max_attempts, or raise "
                             "callback.reach_prob");
      return check;
    }
    check.warnings.push_back(message + "; a replication may take minutes or more");
  }

  // 4. Agents on duty.
  std::vector<std::vector<double>> agents(s.agent_groups.size());
  double peak_agents = 0.0;
  for (std::size_t g = 0; g < s.agent_groups.size(); ++g) {
    const std::vector<StaffChange> steps = net_staffing_schedule(s.agent_groups[g], h);
    int peak = 0;
    for (const StaffChange& c : steps) peak = std::max(peak, c.agents);
    peak_agents += double(peak);
    for (int i = 0; i < h.intervals; ++i) {
      const double lo = double(i) * h.interval_s;
      agents[g].push_back(agent_seconds(steps, lo, lo + h.interval_s) / h.interval_s);
    }
  }
  if (peak_agents * kBytesPerAgent > limits.max_memory_bytes) {
    check.errors.push_back(
        "agent_groups: " + figure(peak_agents) + " agents on duty at the peak need ~" +
        gib(peak_agents * kBytesPerAgent) + " (" +
        std::to_string(static_cast<int>(kBytesPerAgent)) +
        " bytes per agent), more than the limit of " + gib(limits.max_memory_bytes));
  }

  // 5. Load against capacity, per connected component of the skill graph.
  std::vector<std::size_t> parent(n_types);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (const AgentGroup& g : s.agent_groups) {
    for (std::size_t j = 1; j < g.skills.size(); ++j) {
      parent[find_root(parent, std::size_t(g.skills[j]))] =
          find_root(parent, std::size_t(g.skills[0]));
    }
  }
  std::vector<std::vector<std::size_t>> components;
  std::vector<std::size_t> component_of(n_types);
  {
    std::vector<std::optional<std::size_t>> index(n_types);
    for (std::size_t k = 0; k < n_types; ++k) {
      const std::size_t r = find_root(parent, k);
      if (!index[r]) {
        index[r] = components.size();
        components.emplace_back();
      }
      components[*index[r]].push_back(k);
      component_of[k] = *index[r];
    }
  }
  const auto n_intervals = static_cast<std::size_t>(h.intervals);
  const double T = h.interval_s;
  for (std::size_t c = 0; c < components.size(); ++c) {
    const std::vector<std::size_t>& types = components[c];
    std::vector<std::size_t> patient;  // types that never abandon
    for (std::size_t k : types) {
      if (!queue_patience(s.contact_types[k])) patient.push_back(k);
    }
    if (patient.empty()) continue;  // every type abandons: stable whatever the load

    std::vector<double> load(n_intervals, 0.0), capacity(n_intervals, 0.0);
    double work = 0.0, contacts = 0.0;  // over the horizon, for the mean agent time
    for (std::size_t k : types) {
      const ContactType& t = s.contact_types[k];
      const double share = share_to_agents(t), agent_time = mean_agent_time_s(t);
      for (std::size_t i = 0; i < n_intervals; ++i) {
        const double queued = arrivals[k][i] * share;
        load[i] += queued * agent_time / T;
        work += queued * agent_time;
        contacts += queued;
      }
    }
    for (std::size_t g = 0; g < s.agent_groups.size(); ++g) {
      const AgentGroup& group = s.agent_groups[g];
      if (group.skills.empty() || component_of[std::size_t(group.skills[0])] != c) continue;
      const double per_agent = double(group.concurrency) / group.speed_factor;
      for (std::size_t i = 0; i < n_intervals; ++i) capacity[i] += agents[g][i] * per_agent;
    }
    const double mean_time = contacts > 0.0 ? work / contacts : 0.0;

    std::size_t overloaded = 0, worst = 0, peak_at = 0;
    double worst_excess = 0.0, backlog = 0.0, peak_backlog = 0.0;
    for (std::size_t i = 0; i < n_intervals; ++i) {
      const double excess = load[i] - capacity[i];
      if (excess > 1e-9 * std::max(1.0, load[i])) {
        ++overloaded;
        if (excess > worst_excess) {
          worst_excess = excess;
          worst = i;
        }
      }
      backlog = std::max(0.0, backlog + excess * T);
      if (backlog > peak_backlog) {
        peak_backlog = backlog;
        peak_at = i;
      }
    }
    if (overloaded == 0 || mean_time <= 0.0) continue;

    const std::string path = type_path(patient.front());
    const std::string who =
        patient.size() == 1 ? "contacts of type " + quoted_names(s, patient) + " never abandon"
                            : "contacts of types " + quoted_names(s, patient) + " never abandon";
    const std::string together =
        types.size() > 1 ? " (types " + quoted_names(s, types) + " together)" : "";
    const std::string where = h.stationary ? std::string("over the horizon")
                                           : "interval " + clock_label(h.start, double(worst) * T);
    const double peak_contacts = peak_backlog / mean_time;
    const double peak_bytes = peak_contacts * kBytesPerWaitingContact;
    const std::string peak_where = h.stationary ? std::string("the end of the horizon")
                                                : clock_label(h.start, double(peak_at + 1) * T);
    if (peak_bytes > limits.max_memory_bytes) {
      check.errors.push_back(
          path + ": " + where + ": offered load " + figure(load[worst]) + " Erlangs" + together +
          " exceeds capacity " + figure(capacity[worst]) + " agents and " + who +
          "; the queue would reach ~" + figure(peak_contacts) + " contacts at " + peak_where +
          ", ~" + gib(peak_bytes) + " at " +
          std::to_string(static_cast<int>(kBytesPerWaitingContact)) +
          " bytes per contact, more than the limit of " + gib(limits.max_memory_bytes));
      continue;
    }
    std::string message = path + ": " + where + ": offered load " + figure(load[worst]) +
                          " Erlangs" + together + " exceeds capacity " + figure(capacity[worst]) +
                          " agents and " + who + "; the queue grows by ~" +
                          figure(worst_excess * T / mean_time) + " contacts " +
                          (h.stationary ? "over the horizon" : "in the interval");
    if (!h.stationary) {
      message += " (overloaded in " + std::to_string(overloaded) + " of " +
                 std::to_string(n_intervals) + " intervals; peak backlog ~" +
                 figure(peak_contacts) + " contacts at " + peak_where + ")";
    }
    check.warnings.push_back(message);
  }
  return check;
}

std::vector<std::string> check_replications_override(const Scenario& scenario, int replications,
                                                     const RunSizeLimits& limits) {
  if (replications == scenario.simulation.replications) return {};
  Scenario run = scenario;
  run.simulation.replications = replications;
  std::vector<std::string> errors = check_run_size(run, limits).errors;
  constexpr std::string_view kOwn = "simulation.replications: ";
  for (std::string& e : errors) {
    if (e.starts_with(kOwn)) e.replace(0, kOwn.size() - 2, "--replications");
  }
  return errors;
}

}  // namespace ccsim
