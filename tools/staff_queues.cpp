#include "tools/staff_queues.h"

#include <cmath>

#include "models/io/text.h"
#include "tools/table_text.h"

namespace ccsim::cli {

bool skilled(const AgentGroup& group, std::size_t type) {
  for (int k : group.skills) {
    if (k == int(type)) return true;
  }
  return false;
}

namespace {

nlohmann::json optional_list(const std::vector<std::optional<int>>& values) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& v : values) a.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
  return a;
}

// Agents as a whole number when they are one (staff given per interval or by count), else
// with 2 decimals (an interval some shift starts or ends in).
std::string agents_text(double agents) {
  const double whole = std::round(agents);
  return std::abs(agents - whole) < 1e-9 ? std::to_string((long long)whole)
                                         : format_number(agents, 2);
}

double hours(const std::vector<int>& agents, const Horizon& horizon) {
  return staffing::agent_hours({agents}, horizon);
}

}  // namespace

nlohmann::json contact_types_json(const Scenario& sc, const staffing::QueueStaffing& q) {
  nlohmann::json types = nlohmann::json::object();
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    nlohmann::json t;
    t["per_interval"] = q.net[k];
    t["per_interval_gross"] = q.gross[k];
    t["stand_alone"] = optional_list(q.stand_alone_net[k]);
    t["stand_alone_gross"] = optional_list(q.stand_alone_gross[k]);
    nlohmann::json groups = nlohmann::json::object();
    for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
      if (!skilled(sc.agent_groups[g], k)) continue;
      groups[sc.agent_groups[g].name] = {{"per_interval", q.group_net[k][g]},
                                         {"per_interval_gross", q.group_gross[k][g]}};
    }
    t["agent_groups"] = groups;
    types[sc.contact_types[k].name] = t;
  }
  return types;
}

void write_wfm_csv(std::ostream& out, const Scenario& sc, const staffing::QueueStaffing& q,
                   const std::string& extra_header, const ExtraCells& extra) {
  const Horizon& h = sc.horizon;
  out << "date,interval,queue,agent_group,required_net,required_gross,scheduled" << extra_header
      << "\n";
  for (int i = 0; i < h.interval_count(); ++i) {
    const int d = h.day_of(i);
    const std::string date = h.start_date.empty() ? std::to_string(d) : day_date(h, d);
    const std::string clock = clock_label(h.start, h.interval_start_s(i));
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      for (std::size_t g = 0; g < sc.agent_groups.size(); ++g) {
        const AgentGroup& group = sc.agent_groups[g];
        if (!skilled(group, k)) continue;
        out << date << ',' << clock << ',' << text::csv_field(sc.contact_types[k].name) << ','
            << text::csv_field(group.name) << ',' << q.group_net[k][g][std::size_t(i)] << ','
            << q.group_gross[k][g][std::size_t(i)] << ','
            << agents_text(scheduled_agents_in_interval(group, h, i))
            << (extra ? extra(k, i) : std::string()) << '\n';
      }
    }
  }
}

std::vector<std::vector<std::string>> queue_table_rows(const Scenario& sc,
                                                       const staffing::QueueStaffing& q) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"start"};
  for (const ContactType& ct : sc.contact_types) {
    for (const char* column : {" net", " gross", " alone"}) head.push_back(ct.name + column);
  }
  rows.push_back(head);
  for (int i = 0; i < sc.horizon.interval_count(); ++i) {
    std::vector<std::string> row{interval_label(sc.horizon, i)};
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      const auto& alone = q.stand_alone_net[k][std::size_t(i)];
      row.push_back(std::to_string(q.net[k][std::size_t(i)]));
      row.push_back(std::to_string(q.gross[k][std::size_t(i)]));
      row.push_back(alone ? std::to_string(*alone) : "-");
    }
    rows.push_back(row);
  }
  std::vector<std::string> total{"agent-hours"};
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    std::vector<int> alone;
    for (const auto& a : q.stand_alone_net[k]) alone.push_back(a.value_or(0));
    total.push_back(format_number(hours(q.net[k], sc.horizon), 1));
    total.push_back(format_number(hours(q.gross[k], sc.horizon), 1));
    total.push_back(format_number(hours(alone, sc.horizon), 1));
  }
  rows.push_back(total);
  return rows;
}

}  // namespace ccsim::cli
