// ccsim calibrate writes the patience distribution chosen by AIC, here on a log that ccsim run
// --log simulated with Weibull patience.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::temp_dir;
using ccsim::test::write_file;

TEST(CalibrateCommand, ASimulatedWeibullPatienceIsWrittenAsWeibull) {
  const auto dir = temp_dir("calibrate_patience");
  const auto scenario = write_file(dir, "weibull.json", R"({
    "name": "weibull patience",
    "horizon": { "interval_minutes": 60, "intervals": 4, "start": "09:00" },
    "simulation": { "replications": 10, "seed": 5 },
    "contact_types": [ { "name": "calls", "arrivals": { "rate_per_hour": 300 },
      "handle_time": { "dist": "exponential", "mean_s": 180 },
      "patience": { "dist": "weibull", "mean_s": 200, "shape": 0.5 } } ],
    "agent_groups": [ { "name": "agents", "skills": ["calls"], "staff": { "count": 14 } } ]
  })");
  const auto log = dir / "log.csv";
  const auto run = run_ccsim("run '" + scenario.string() + "' --log '" + log.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto r = run_ccsim("calibrate '" + log.string() + "' --preset ccsim --staffing activity");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto patience = nlohmann::json::parse(r.out)["contact_types"][0]["patience"];
  EXPECT_EQ(patience["dist"], "weibull");
  EXPECT_NEAR(patience["shape"].get<double>(), 0.5, 0.05);
  // The report lists every candidate and marks the choice.
  EXPECT_NE(r.err.find("weibull *"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("piecewise_hazard"), std::string::npos);
  EXPECT_NE(r.err.find("KM S(60)"), std::string::npos);
}

}  // namespace
