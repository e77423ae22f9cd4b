#include "models/studies/sweep.h"

#include <gtest/gtest.h>

#include <fstream>

#include "models/centre/experiment.h"
#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Adds the parameter of the assignment `text` (PTR=VALUES) to `spec`; false on any problem.
bool add_assignment(const std::string& text, SweepSpec& spec) {
  std::string error;
  auto parameter = parse_sweep_assignment(text, error);
  return parameter && add_sweep_parameter(std::move(*parameter), spec);
}

std::vector<json> values_of(const std::string& text) {
  std::string error;
  auto v = parse_sweep_values(text, error);
  EXPECT_TRUE(v) << error;
  return v.value_or(std::vector<json>{});
}

TEST(SweepValues, RangeIncludesStopOnTheGridAndKeepsWrittenDecimals) {
  const auto v = values_of("0:0.3:0.1");
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[1].get<double>(), 0.1);
  EXPECT_EQ(v[3].get<double>(), 0.3);            // not 0.30000000000000004
  EXPECT_EQ(values_of("0:0.5:0.2").size(), 3u);  // 0, 0.2, 0.4: 0.5 is off the grid
  EXPECT_EQ(values_of("10:0:-5"), (std::vector<json>{10, 5, 0}));
}

TEST(SweepValues, IntegerRangesAndListsStayIntegers) {
  const auto v = values_of("20:30:5");
  EXPECT_EQ(v, (std::vector<json>{20, 25, 30}));
  EXPECT_TRUE(v[0].is_number_integer());
  EXPECT_TRUE(values_of("20,25")[0].is_number_integer());
  EXPECT_TRUE(values_of("2.5")[0].is_number_float());
}

TEST(SweepValues, ListsHoldJsonStringsArraysAndObjects) {
  const auto v = values_of("\"08:00\", [1,2] ,{\"a\":1,\"b\":2}");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], "08:00");
  EXPECT_EQ(v[1], json::array({1, 2}));
  EXPECT_EQ(v[2], (json{{"a", 1}, {"b", 2}}));
}

TEST(SweepValues, BadValuesAreRefusedWithAReason) {
  std::string error;
  EXPECT_FALSE(parse_sweep_values("erlang", error));
  EXPECT_NE(error.find("quote strings as JSON"), std::string::npos);
  EXPECT_FALSE(parse_sweep_values("0:1:0", error));
  EXPECT_NE(error.find("must not be 0"), std::string::npos);
  EXPECT_FALSE(parse_sweep_values("0:1:-1", error));
  EXPECT_FALSE(parse_sweep_values("1,,2", error));
}

TEST(SweepPoints, GridVariesTheLastParameterFastest) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/a=1,2", spec));
  ASSERT_TRUE(add_assignment("/b=10,20,30", spec));
  std::string error;
  const auto points = sweep_points(spec, error);
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0], (std::vector<json>{1, 10}));
  EXPECT_EQ(points[1], (std::vector<json>{1, 20}));
  EXPECT_EQ(points[3], (std::vector<json>{2, 10}));
}

TEST(SweepPoints, ZipPairsValuesAndNeedsEqualLengths) {
  SweepSpec spec;
  spec.zip = true;
  ASSERT_TRUE(add_assignment("/a=1,2", spec));
  ASSERT_TRUE(add_assignment("/b=10,20", spec));
  std::string error;
  const auto points = sweep_points(spec, error);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1], (std::vector<json>{2, 20}));
  ASSERT_TRUE(add_assignment("/c=1,2,3", spec));
  EXPECT_TRUE(sweep_points(spec, error).empty());
  EXPECT_EQ(error, "zip: every parameter needs the same number of values (/a has 2, /c has 3)");
}

TEST(SweepPoints, NoParameterIsNothingToSweep) {
  std::string error;
  EXPECT_TRUE(sweep_points(SweepSpec{}, error).empty());
  EXPECT_EQ(error, "nothing to sweep: the sweep has no parameter");
}

TEST(SweepPoints, SweepFileKeepsItsParameterOrder) {
  SweepSpec spec;
  const auto doc =
      nlohmann::ordered_json::parse(R"({"set": {"/z": [1, 2], "/a": "5:15:5"}, "zip": false})");
  EXPECT_TRUE(add_sweep_document(doc, spec).empty());
  ASSERT_EQ(spec.parameters.size(), 2u);
  EXPECT_EQ(spec.parameters[0].pointer, "/z");
  EXPECT_EQ(spec.parameters[1].values, (std::vector<json>{5, 10, 15}));
  EXPECT_FALSE(
      add_sweep_document(nlohmann::ordered_json::parse(R"({"set": {"/z": []}})"), spec).empty());
}

json erlang_a_document() {
  std::ifstream f(fs::path(CCSIM_SOURCE_DIR) / "scenarios/erlang_a_check.json");
  json doc = json::parse(f);
  doc["horizon"]["duration_s"] = 5400;
  return doc;
}

TEST(SweepPlanTest, BadPointIsNamedWithItsValues) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=5,-1", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt);
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0],
            "point 1 (/agent_groups/0/staff/count=-1): agent_groups[0].staff.count: must be >= 0 "
            "(got -1)");
}

TEST(SweepPlanTest, ManyBadPointsListTheFirstTwentyAndCountTheRest) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=-30:-1:1", spec));
  ASSERT_TRUE(add_assignment("/contact_types/0/patience/mean_s=100,200", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt);
  ASSERT_EQ(plan.errors.size(), 21u);
  EXPECT_EQ(plan.errors[19],
            "point 19 (/agent_groups/0/staff/count=-21, /contact_types/0/patience/mean_s=200): "
            "agent_groups[0].staff.count: must be >= 0 (got -21)");
  EXPECT_EQ(plan.errors[20],
            "... and 40 more points with errors (60 of 60 points are bad; the first 20 are "
            "listed)");
}

TEST(SweepPlanTest, ReplicationsOptionIsCheckedAtEveryPoint) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=30,34", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2000000000, std::nullopt);
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_TRUE(plan.errors[1].starts_with(
      "point 1 (/agent_groups/0/staff/count=34): replications: the per-interval results of "))
      << plan.errors[1];
}

// 5,000 points, more than one block of checks: 1,000 of them bad (a negative patience mean) and
// 10 with a seed of their own. Checked on 1 or 3 threads, the plan is the same: the first 20 bad
// points listed in point order, the count of the rest, and each good point's seed.
TEST(SweepPlanTest, ManyPointsCheckedOnThreadsGiveThePlanOfOneThread) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=1:500:1", spec));
  ASSERT_TRUE(add_assignment("/contact_types/0/patience/mean_s=-1,100,200,300,400", spec));
  ASSERT_TRUE(add_assignment("/simulation/seed=1,2", spec));
  const SweepPlan one = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt, 1);
  const SweepPlan three = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt, 3);
  ASSERT_EQ(one.points.size(), 5000u);
  ASSERT_EQ(one.errors.size(), 21u);
  EXPECT_TRUE(
      one.errors[0].starts_with("point 0 (/agent_groups/0/staff/count=1, "
                                "/contact_types/0/patience/mean_s=-1, "
                                "/simulation/seed=1): contact_types[0].patience.mean_s"))
      << one.errors[0];
  EXPECT_EQ(one.errors[20],
            "... and 980 more points with errors (1000 of 5000 points are bad; the first 20 are "
            "listed)");
  EXPECT_EQ(three.errors, one.errors);
  EXPECT_EQ(three.warnings, one.warnings);

  SweepSpec good;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=1:500:1", good));
  ASSERT_TRUE(add_assignment("/simulation/seed=1:10:1", good));
  const SweepPlan g1 = plan_sweep(erlang_a_document(), ".", good, std::nullopt, std::nullopt, 1);
  const SweepPlan g3 = plan_sweep(erlang_a_document(), ".", good, std::nullopt, std::nullopt, 3);
  ASSERT_TRUE(g1.errors.empty()) << g1.errors[0];
  ASSERT_EQ(g1.seeds.size(), 5000u);
  EXPECT_EQ(g1.seeds[4999], 10u);
  EXPECT_EQ(g3.seeds, g1.seeds);
  EXPECT_EQ(g3.replications, g1.replications);
  EXPECT_EQ(g3.types, g1.types);
}

TEST(SweepPlanTest, SeedRangeGivesEachPointItsSeed) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/simulation/seed=1:3:1", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt);
  ASSERT_TRUE(plan.errors.empty()) << plan.errors[0];
  EXPECT_EQ(plan.seeds, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(SweepPlanTest, ScenarioOfAPointIsTheDocumentWithItsValues) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=30,34", spec));
  ASSERT_TRUE(add_assignment("/horizon/duration_s=5400,7200", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt);
  ASSERT_TRUE(plan.errors.empty()) << plan.errors[0];
  ASSERT_EQ(plan.points.size(), 4u);
  const Scenario third = plan.scenario(2);  // staff 34, 5400 s
  EXPECT_EQ(third.agent_groups[0].staff.count, 34);
  EXPECT_EQ(third.horizon.end_s(), 5400);
  const Scenario second = plan.scenario(1);  // staff 30, 7200 s
  EXPECT_EQ(second.agent_groups[0].staff.count, 30);
  EXPECT_EQ(second.horizon.end_s(), 7200);
}

TEST(SweepPlanTest, NewKeyOfAnExistingObjectIsAllowedButNotAMissingParent) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/shrinkage=0,0.1", spec));
  const SweepPlan ok = plan_sweep(erlang_a_document(), ".", spec, 2, std::nullopt);
  EXPECT_TRUE(ok.errors.empty()) << ok.errors[0];
  EXPECT_EQ(ok.seeds.size(), 2u);

  SweepSpec missing;
  ASSERT_TRUE(add_assignment("/agent_groups/0/nothing/count=1", missing));
  const SweepPlan bad = plan_sweep(erlang_a_document(), ".", missing, 2, std::nullopt);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].rfind("parameter /agent_groups/0/nothing/count: no such location", 0),
            0u);
}

TEST(SweepRun, PointResultsEqualRunExperimentWhateverTheThreads) {
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=30,34", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 3, std::uint64_t{5});
  ASSERT_TRUE(plan.errors.empty());
  RunOptions options;
  options.replications = 3;
  options.seed = 5;
  options.threads = 1;
  const Results expected = run_experiment(plan.scenario(1), options);
  const json expected_record = point_record(1, spec, plan.points[1], expected);
  for (unsigned threads : {1u, 3u}) {
    std::size_t next = 0;
    std::map<std::size_t, json> records;
    run_sweep_points(
        plan, threads,
        [&]() -> std::optional<std::size_t> {
          if (next == plan.points.size()) return std::nullopt;
          return next++;
        },
        [&](std::size_t p, const Results& r) {
          records.emplace(p, point_record(p, spec, plan.points[p], r));
        });
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1], expected_record) << threads << " threads";
  }
}

TEST(SweepFileTest, LineOfARecordReadsBackAsTheRecord) {
  // A string parameter with a comma and a quote, and a number parameter.
  SweepSpec spec;
  ASSERT_TRUE(add_assignment("/name=\"a, \\\"b\\\"\",\"c\"", spec));
  ASSERT_TRUE(add_assignment("/agent_groups/0/staff/count=30", spec));
  const SweepPlan plan = plan_sweep(erlang_a_document(), ".", spec, 2, std::uint64_t{3});
  ASSERT_TRUE(plan.errors.empty()) << plan.errors[0];
  ASSERT_EQ(plan.points[0][0], "a, \"b\"");
  RunOptions options;
  options.replications = 2;
  options.seed = 3;
  options.threads = 1;
  const Results results = run_experiment(plan.scenario(0), options);
  const json record = point_record(0, spec, plan.points[0], results);
  for (SweepFormat format : {SweepFormat::Csv, SweepFormat::JsonLines}) {
    const std::string line = record_line(record, format, spec, plan.types, plan.groups);
    const auto back = record_of_line(line, format, spec, plan.types, plan.groups);
    ASSERT_TRUE(back) << line;
    EXPECT_EQ(*back, record) << line;
  }
  EXPECT_FALSE(record_of_line("0,1,2", SweepFormat::Csv, spec, plan.types, plan.groups));
  EXPECT_FALSE(record_of_line("{\"x\":1}", SweepFormat::JsonLines, spec, plan.types, plan.groups));
}

TEST(SweepFileTest, IncompleteLastLineIsDroppedAndRowsAreKept) {
  const fs::path path = fs::temp_directory_path() / "ccsim_sweep_file_test.csv";
  SweepHeader header;
  header.scenario_hash = content_hash("scenario");
  header.grid_hash = "0123456789abcdef";
  header.points = 3;
  const std::string complete =
      sweep_file_text(SweepFormat::Csv, header, "point,/a,x.mean", {{2, "2,7,1.5"}, {0, "0,5,1"}});
  std::ofstream(path, std::ios::binary) << complete << "1,6,";
  std::string error;
  const auto file = read_sweep_file(path, error);
  ASSERT_TRUE(file) << error;
  EXPECT_TRUE(file->partial_tail);
  EXPECT_EQ(file->complete_bytes, complete.size());
  EXPECT_EQ(file->header, header);
  ASSERT_EQ(file->rows.size(), 2u);
  EXPECT_EQ(file->rows.at(2), "2,7,1.5");

  SweepAppender appender;
  ASSERT_FALSE(appender.reopen(path, file->complete_bytes));
  ASSERT_FALSE(appender.append("1,6,2"));
  appender.close();
  const auto again = read_sweep_file(path, error);
  ASSERT_TRUE(again) << error;
  EXPECT_FALSE(again->partial_tail);
  EXPECT_EQ(again->rows.size(), 3u);
  fs::remove(path);
}

TEST(SweepFileTest, MalformedRowInTheMiddleIsAnError) {
  const fs::path path = fs::temp_directory_path() / "ccsim_sweep_file_bad.jsonl";
  SweepHeader header;
  header.points = 2;
  std::ofstream(path, std::ios::binary)
      << header_line(header, SweepFormat::JsonLines) << "\n{\"point\": 0}\nnot json\n";
  std::string error;
  EXPECT_FALSE(read_sweep_file(path, error));
  EXPECT_NE(error.find(":3: malformed row"), std::string::npos) << error;
  fs::remove(path);
}

TEST(SweepFileTest, HeaderDifferencesNameWhatChanged) {
  SweepHeader a, b;
  a.points = b.points = 4;
  b.seed = "9";
  const auto d = header_differences(a, b);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], "seed: file has scenario, this sweep has 9");
}

}  // namespace
}  // namespace ccsim
