// ccsim run and validate with wait predictors (wait_prediction), end to end: the accuracy
// KPIs in JSON and CSV, the error distribution in the report, and bad values.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/run_ccsim.h"

namespace {

using ccsim::test::read_file;
using ccsim::test::run_ccsim;
using nlohmann::json;

TEST(WaitPredictionCommand, EveryPredictedTypeHasItsAccuracyKpisPerIntervalAndInTotal) {
  const auto r = run_ccsim("run scenarios/wait_predictions.json --replications 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json out = json::parse(r.out);
  for (const char* type : {"sales", "support", "web_chat"}) {
    const json& t = out["totals"][type];
    const double rmse = t["wait_prediction_rmse_s"]["mean"].get<double>();
    const double bias = t["wait_prediction_bias_s"]["mean"].get<double>();
    const double mae = t["wait_prediction_mae_s"]["mean"].get<double>();
    const double within = t["wait_prediction_within_20pct"]["mean"].get<double>();
    // |bias| <= MAE <= RMSE for the errors of one replication, so for their means too.
    EXPECT_LE(std::abs(bias), mae + 1e-9) << type;
    EXPECT_LE(mae, rmse + 1e-9) << type;
    EXPECT_GE(within, 0.0) << type;
    EXPECT_LE(within, 1.0) << type;
    EXPECT_TRUE(out["intervals"][3][type]["wait_prediction_rmse_s"].is_object()) << type;
  }
  // Voice and chat: durations are not pooled, the share is.
  EXPECT_TRUE(out["totals"]["all"]["wait_prediction_rmse_s"].is_null());
  EXPECT_TRUE(out["totals"]["all"]["wait_prediction_within_20pct"].is_object());
}

TEST(WaitPredictionCommand, TypeWithoutPredictionsHasNullAccuracyKpis) {
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json t = json::parse(r.out)["totals"]["calls"];
  EXPECT_TRUE(t["wait_prediction_rmse_s"].is_null());
  EXPECT_TRUE(t["wait_prediction_bias_s"].is_null());
  EXPECT_TRUE(t["wait_prediction_within_20pct"].is_null());
}

TEST(WaitPredictionCommand, CsvHasTheAccuracyColumns) {
  const auto r = run_ccsim("run scenarios/wait_predictions.json --replications 2 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* kpi :
       {"wait_prediction_rmse_s", "wait_prediction_bias_s", "wait_prediction_within_20pct"}) {
    EXPECT_NE(r.out.find(kpi), std::string::npos) << kpi;
  }
}

TEST(WaitPredictionCommand, ReportDrawsTheErrorDistributionOfEachPredictedType) {
  const auto dir = ccsim::test::temp_dir("wait_prediction_report");
  const auto report = dir / "report.html";
  const auto r =
      run_ccsim("run scenarios/wait_predictions.json --replications 2 --quiet --report '" +
                report.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(report);
  EXPECT_NE(html.find("Wait prediction errors (predicted − actual wait)"), std::string::npos);
  EXPECT_NE(html.find("sales (queue_length_with_abandonment)"), std::string::npos);
  EXPECT_NE(html.find("support (head_of_line)"), std::string::npos);
  EXPECT_NE(html.find("web_chat (last_to_enter_service)"), std::string::npos);
  EXPECT_NE(html.find("−10 s to 10 s"), std::string::npos);
}

TEST(WaitPredictionCommand, ReportWithoutPredictionsHasNoErrorChart) {
  const auto dir = ccsim::test::temp_dir("wait_prediction_no_report");
  const auto report = dir / "report.html";
  const auto r = run_ccsim("run scenarios/erlang_a_check.json --replications 2 --quiet --report '" +
                           report.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(report).find("Wait prediction errors"), std::string::npos);
}

TEST(WaitPredictionCommand, BadPredictorExitsTwoNamingItsPathAndWritesNothing) {
  const auto dir = ccsim::test::temp_dir("wait_prediction_bad");
  const auto file = ccsim::test::write_file(dir, "bad.json", R"({
    "name": "bad", "horizon": {"duration_s": 3600},
    "contact_types": [{"name": "calls", "wait_prediction": {"predictor": "head_of_queue"},
      "callback": {"offer_when_expected_wait_over_s": 60, "accept_prob": 0.5, "predictor": 3},
      "arrivals": {"rate_per_hour": 10}, "handle_time": {"dist": "exponential", "mean_s": 60}}],
    "agent_groups": [{"name": "a", "skills": ["calls"], "staff": {"count": 1}}]
  })");
  const auto out = dir / "out.json";
  const auto r = run_ccsim("run '" + file.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("contact_types[0].wait_prediction.predictor: must be one of queue_length, "
                       "last_to_enter_service, head_of_line, queue_length_with_abandonment (got "
                       "\"head_of_queue\")"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("contact_types[0].callback.predictor: must be a string (got 3)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
