#include "tools/staff_days.h"

#include <string>
#include <vector>

#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string table_value(const std::optional<double>& value) {
  return value ? format_number(*value, 3) : "-";
}

}  // namespace

nlohmann::json daily_service_level_json(const Scenario& sc, const staffing::Result& result,
                                        std::size_t i) {
  if (i >= result.daily_service_level.size()) return nullptr;
  nlohmann::json by_type = nlohmann::json::object();
  for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
    const staffing::DailySpread& s = result.daily_service_level[i][k];
    nlohmann::json o = {{"p10", optional_json(s.p10)},
                        {"p50", optional_json(s.p50)},
                        {"p90", optional_json(s.p90)}};
    if (s.share_meeting) o["share_meeting"] = *s.share_meeting;
    by_type[sc.contact_types[k].name] = o;
  }
  return by_type;
}

std::vector<std::vector<std::string>> daily_table_rows(const Scenario& sc,
                                                       const staffing::Result& result) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"start"};
  for (const ContactType& ct : sc.contact_types) {
    for (const char* column : {" p10", " p50", " p90"}) head.push_back(ct.name + column);
    if (ct.has_service_level_target) head.push_back(ct.name + " days met");
  }
  rows.push_back(head);
  for (std::size_t i = 0; i < result.daily_service_level.size(); ++i) {
    std::vector<std::string> row{
        clock_label(sc.horizon.start, sc.horizon.interval_start_s(int(i)))};
    for (std::size_t k = 0; k < sc.contact_types.size(); ++k) {
      const staffing::DailySpread& s = result.daily_service_level[i][k];
      row.push_back(table_value(s.p10));
      row.push_back(table_value(s.p50));
      row.push_back(table_value(s.p90));
      if (sc.contact_types[k].has_service_level_target) row.push_back(table_value(s.share_meeting));
    }
    rows.push_back(row);
  }
  return rows;
}

void write_daily_table(std::ostream& out, const Scenario& sc, const staffing::Result& result) {
  if (result.daily_service_level.empty()) return;
  out << "\n" << kDailyTableTitle << "\n";
  print_table(out, daily_table_rows(sc, result));
}

}  // namespace ccsim::cli
