// Every KPI of the contract, defined in one place.
//
// Contact KPIs are computed from ContactStats, which accumulate ContactRecords of one scope
// (an interval × contact type, a contact type over the day, or all types). Contacts belong to
// the interval in which they arrived. Group KPIs come from agent time integrals (GroupStats).
// A KPI whose denominator is empty is undefined (nullopt), never NaN.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "models/contact.h"
#include "sim/stats.h"

namespace ccsim {

enum class Kpi {
  Offered,       // arrivals
  Queued,        // entered the human queue
  Answered,      // reached an agent
  Abandoned,     // left the queue before an agent
  Unserved,      // still waiting when the simulation ended
  AbandonRate,   // abandoned / (answered + abandoned)
  Asa,           // mean wait, queue entry to answer, over answered contacts
  WaitP90,       // 90th percentile of that wait
  ServiceLevel,  // answered within threshold / (answered + abandoned)
  Frt,           // mean arrival to first response (agent answer)
  Aht,           // mean handle time: talk + wrap-up
  Art,           // mean arrival to resolution (end of talk), over answered contacts
  AbandonWait,   // mean time to abandon, over abandoned contacts
  kCount,
};
constexpr std::size_t kKpiCount = static_cast<std::size_t>(Kpi::kCount);

struct KpiInfo {
  Kpi kpi;
  std::string_view name;   // contract key, e.g. "asa_s"
  std::string_view label;  // for tables, e.g. "ASA (s)"
  bool is_count;           // a count of contacts (summed, not averaged, across types)
};
std::span<const KpiInfo> contact_kpis();
const KpiInfo& kpi_info(Kpi kpi);

// Accumulators for one scope of one replication.
class ContactStats {
 public:
  // `sl_threshold_s` is the service-level threshold of the record's contact type.
  void add(const ContactRecord& record, double sl_threshold_s);
  void merge(const ContactStats& other);
  std::optional<double> value(Kpi kpi) const;

 private:
  std::uint64_t offered_ = 0, queued_ = 0, answered_ = 0, abandoned_ = 0, unserved_ = 0;
  std::uint64_t within_threshold_ = 0;
  sim::Tally wait_, frt_, handle_, resolution_, abandon_wait_;
  sim::QuantileSketch wait_sketch_;
};

enum class GroupKpi {
  Occupancy,  // busy agent time / available agent time
  Agents,     // time-average agents available (on duty after shrinkage, plus overtime)
  kCount,
};
constexpr std::size_t kGroupKpiCount = static_cast<std::size_t>(GroupKpi::kCount);
struct GroupKpiInfo {
  GroupKpi kpi;
  std::string_view name;
  std::string_view label;
};
std::span<const GroupKpiInfo> group_kpis();

// Agent time of one group within one window of one replication.
struct GroupStats {
  double busy_agent_s = 0.0;       // integral of busy agents
  double available_agent_s = 0.0;  // integral of agents present (idle or busy)
  double window_s = 0.0;           // length of the window
  std::optional<double> value(GroupKpi kpi) const;
};

}  // namespace ccsim
