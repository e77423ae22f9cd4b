#include "models/kpi.h"

namespace ccsim {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Answered:
      return "answered";
    case Outcome::Abandoned:
      return "abandoned";
    case Outcome::Unserved:
      return "unserved";
  }
  return "?";
}

namespace {
constexpr std::array<KpiInfo, kKpiCount> kContactKpis{{
    {Kpi::Offered, "offered", "Offered", true},
    {Kpi::Queued, "queued", "Queued", true},
    {Kpi::Answered, "answered", "Answered", true},
    {Kpi::Abandoned, "abandoned", "Abandoned", true},
    {Kpi::Unserved, "unserved", "Unserved", true},
    {Kpi::AbandonRate, "abandon_rate", "Abandon rate", false},
    {Kpi::Asa, "asa_s", "ASA (s)", false},
    {Kpi::WaitP90, "wait_p90_s", "Wait p90 (s)", false},
    {Kpi::ServiceLevel, "service_level", "Service level", false},
    {Kpi::Frt, "frt_s", "FRT (s)", false},
    {Kpi::Aht, "aht_s", "AHT (s)", false},
    {Kpi::Art, "art_s", "ART (s)", false},
    {Kpi::AbandonWait, "abandon_wait_s", "Time to abandon (s)", false},
}};
constexpr std::array<GroupKpiInfo, kGroupKpiCount> kGroupKpis{{
    {GroupKpi::Occupancy, "occupancy", "Occupancy"},
    {GroupKpi::Agents, "agents", "Agents"},
}};

std::optional<double> ratio(std::uint64_t num, std::uint64_t den) {
  return den == 0 ? std::nullopt : std::optional<double>(double(num) / double(den));
}
}  // namespace

std::span<const KpiInfo> contact_kpis() {
  return kContactKpis;
}
const KpiInfo& kpi_info(Kpi kpi) {
  return kContactKpis[static_cast<std::size_t>(kpi)];
}
std::span<const GroupKpiInfo> group_kpis() {
  return kGroupKpis;
}

void ContactStats::add(const ContactRecord& r, double sl_threshold_s) {
  ++offered_;
  ++queued_;
  switch (r.outcome) {
    case Outcome::Answered: {
      ++answered_;
      const double wait = r.answer_s - r.queue_entry_s;
      wait_.add(wait);
      wait_sketch_.add(wait);
      if (wait <= sl_threshold_s) ++within_threshold_;
      frt_.add(r.answer_s - r.arrival_s);
      handle_.add(r.handle_s + r.wrap_s);
      resolution_.add(r.answer_s + r.handle_s - r.arrival_s);
      break;
    }
    case Outcome::Abandoned:
      ++abandoned_;
      abandon_wait_.add(r.end_s - r.queue_entry_s);
      break;
    case Outcome::Unserved:
      ++unserved_;
      break;
  }
}

void ContactStats::merge(const ContactStats& o) {
  offered_ += o.offered_;
  queued_ += o.queued_;
  answered_ += o.answered_;
  abandoned_ += o.abandoned_;
  unserved_ += o.unserved_;
  within_threshold_ += o.within_threshold_;
  wait_.merge(o.wait_);
  frt_.merge(o.frt_);
  handle_.merge(o.handle_);
  resolution_.merge(o.resolution_);
  abandon_wait_.merge(o.abandon_wait_);
  wait_sketch_.merge(o.wait_sketch_);
}

std::optional<double> ContactStats::value(Kpi kpi) const {
  switch (kpi) {
    case Kpi::Offered:
      return double(offered_);
    case Kpi::Queued:
      return double(queued_);
    case Kpi::Answered:
      return double(answered_);
    case Kpi::Abandoned:
      return double(abandoned_);
    case Kpi::Unserved:
      return double(unserved_);
    case Kpi::AbandonRate:
      return ratio(abandoned_, answered_ + abandoned_);
    case Kpi::Asa:
      return wait_.mean();
    case Kpi::WaitP90:
      return wait_sketch_.quantile(0.9);
    case Kpi::ServiceLevel:
      return ratio(within_threshold_, answered_ + abandoned_);
    case Kpi::Frt:
      return frt_.mean();
    case Kpi::Aht:
      return handle_.mean();
    case Kpi::Art:
      return resolution_.mean();
    case Kpi::AbandonWait:
      return abandon_wait_.mean();
    case Kpi::kCount:
      break;
  }
  return std::nullopt;
}

std::optional<double> GroupStats::value(GroupKpi kpi) const {
  switch (kpi) {
    case GroupKpi::Occupancy:
      return available_agent_s > 0 ? std::optional<double>(busy_agent_s / available_agent_s)
                                   : std::nullopt;
    case GroupKpi::Agents:
      return window_s > 0 ? std::optional<double>(available_agent_s / window_s) : std::nullopt;
    case GroupKpi::kCount:
      break;
  }
  return std::nullopt;
}

}  // namespace ccsim
