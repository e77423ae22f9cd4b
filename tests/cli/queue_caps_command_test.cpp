// ccsim run and validate with queue caps (overflow and messages), end to end.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using nlohmann::json;

double mean(const json& totals, const char* type, const char* kpi) {
  return totals[type][kpi]["mean"].get<double>();
}

TEST(QueueCapsCommand, OverflowsAndMessagesArriveOnTheirTypesOneForOne) {
  const auto r = run_ccsim("run scenarios/queue_caps.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json t = json::parse(r.out)["totals"];
  EXPECT_GT(mean(t, "billing", "overflowed"), 0.0);
  EXPECT_EQ(mean(t, "billing", "overflowed"), mean(t, "billing_backup", "overflow_in"));
  EXPECT_GT(mean(t, "sales", "messages"), 0.0);
  EXPECT_EQ(mean(t, "sales", "messages"), mean(t, "voicemail", "messages_in"));
  EXPECT_EQ(mean(t, "all", "overflowed"), mean(t, "billing", "overflowed"));
}

TEST(QueueCapsCommand, MaxWaitWithoutAPlaceToGoExitsTwo) {
  const auto dir = ccsim::test::temp_dir("queue_caps_bad");
  const auto file = ccsim::test::write_file(dir, "bad.json", R"({
    "name": "bad", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "max_wait_s": 60, "max_queue": 1.5,
      "arrivals": {"rate_per_hour": 10}, "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 1}}]
  })");
  const auto r =
      run_ccsim("run '" + file.string() + "' --out '" + (dir / "out.json").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contact_types[0].max_queue: must be an integer (got 1.5)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("contact_types[0].max_wait_s: needs overflow or message: where a caller "
                       "goes after waiting that long"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
}

}  // namespace
