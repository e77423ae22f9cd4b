// Per-interval means and shrinkage through the program: a list equal in every interval gives
// exactly the output of the single number; a bad list is bad input (exit 2, its path named).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace ccsim::test {
namespace {

using nlohmann::json;

// `scenario` (a file of scenarios/) with every handle_time, wrap_up and patience mean_s, and
// every shrinkage, written as a list of its value in each interval.
json as_lists(const std::string& scenario) {
  json doc =
      json::parse(read_file(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios" / scenario));
  const int n = doc.at("horizon").at("intervals").get<int>();
  int lists = 0;
  for (json& type : doc.at("contact_types")) {
    for (const char* key : {"handle_time", "wrap_up", "patience"}) {
      if (type.contains(key) && type[key].contains("mean_s")) {
        type[key]["mean_s"] = json(std::vector<double>(std::size_t(n), type[key]["mean_s"]));
        ++lists;
      }
    }
  }
  for (json& group : doc.at("agent_groups")) {
    if (group.contains("shrinkage")) {
      group["shrinkage"] = json(std::vector<double>(std::size_t(n), group["shrinkage"]));
      ++lists;
    }
  }
  EXPECT_GT(lists, 3);
  return doc;
}

// `staff --format json` output without the groups' shrinkage (which echoes the list as given).
json staffing_of(const std::string& out) {
  json j = json::parse(out);
  for (auto& [name, group] : j.at("agent_groups").items()) group.erase("shrinkage");
  return j;
}

TEST(PerIntervalCommands, ListsEqualInEveryIntervalRunExactlyAsTheSingleNumbers) {
  // Callbacks with the queue-length predictor, a chatbot, retrials, shrinkage.
  const auto dir = temp_dir("per_interval_run");
  const auto lists = write_file(dir, "lists.json", as_lists("realistic_day.json").dump());
  const std::string options = " --replications 3 --seed 11 --format json --quiet";
  const CommandResult scalar = run_ccsim("run scenarios/realistic_day.json" + options);
  const CommandResult listed = run_ccsim("run '" + lists.string() + "'" + options);
  ASSERT_EQ(scalar.exit_code, 0) << scalar.err;
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, scalar.out);
}

TEST(PerIntervalCommands, ListsEqualInEveryIntervalStaffExactlyAsTheSingleNumbers) {
  const auto dir = temp_dir("per_interval_staff");
  const auto lists = write_file(dir, "lists.json", as_lists("bank_weekday.json").dump());
  for (const char* method : {"erlang", "simulation"}) {
    SCOPED_TRACE(method);
    const std::string options =
        std::string(" --method ") + method + " --replications 3 --format json --quiet";
    const CommandResult scalar = run_ccsim("staff scenarios/bank_weekday.json" + options);
    const CommandResult listed = run_ccsim("staff '" + lists.string() + "'" + options);
    ASSERT_EQ(scalar.exit_code, 0) << scalar.err;
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_EQ(staffing_of(listed.out), staffing_of(scalar.out));
    EXPECT_EQ(json::parse(listed.out)["agent_groups"]["advisers"]["shrinkage"],
              json(std::vector<double>(24, 0.1)));
  }
}

TEST(PerIntervalCommands, ABadListIsBadInputNamingItsPath) {
  const auto dir = temp_dir("per_interval_bad");
  json doc = as_lists("bank_weekday.json");
  doc["contact_types"][1]["handle_time"]["mean_s"][3] = 0;
  doc["agent_groups"][0]["shrinkage"].erase(0);
  const auto file = write_file(dir, "bad.json", doc.dump());
  const auto out = dir / "out.json";
  for (const std::string command : {"validate", "run", "staff"}) {
    SCOPED_TRACE(command);
    const CommandResult r =
        run_ccsim(command + " '" + file.string() + "' --quiet --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2);
    const std::string said = r.out + r.err;  // validate prints its report on stdout
    EXPECT_NE(said.find("contact_types[1].handle_time.mean_s[3]: must be > 0 (got 0)"),
              std::string::npos)
        << said;
    EXPECT_NE(said.find("agent_groups[0].shrinkage: must have exactly 24 entries, one per "
                        "interval (got 23 entries)"),
              std::string::npos)
        << said;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
}

}  // namespace
}  // namespace ccsim::test
