// What the scenario reader's tests share: a minimal valid scenario, helpers to vary it, and a
// fixture with a fresh directory per test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim::scenario_json_test {

namespace fs = std::filesystem;
using nlohmann::json;
using Lines = std::vector<std::string>;

// A valid scenario with only the required keys: two 30-minute intervals, one contact type,
// one group.
inline json minimal() {
  return json::parse(R"({
    "name": "test",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 100},
       "handle_time": {"dist": "exponential", "mean_s": 180}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
  })");
}

// `doc` with a second contact type, "web_chat" on channel chat, in the skills of its first group.
inline json with_chat_type(json doc) {
  doc["contact_types"].push_back(json::parse(R"({
    "name": "web_chat", "channel": "chat", "arrivals": {"rate_per_hour": 60},
    "handle_time": {"dist": "exponential", "mean_s": 400}
  })"));
  doc["agent_groups"][0]["skills"].push_back("web_chat");
  return doc;
}

// minimal() with `value` at key `key` of its contact type.
inline json with_type_key(const char* key, const json& value) {
  json doc = minimal();
  doc["contact_types"][0][key] = value;
  return doc;
}

inline Lines errors_of(const json& document, const fs::path& base_dir = {}) {
  return parse_scenario(document, base_dir).errors;
}

// The distribution parsed from `handle_time`, which must be valid.
inline Distribution handle_time_of(const json& handle_time) {
  json doc = minimal();
  doc["contact_types"][0]["handle_time"] = handle_time;
  const ScenarioParse parsed = parse_scenario(doc, {});
  EXPECT_EQ(parsed.errors, Lines{});
  return parsed.ok() ? parsed.scenario->contact_types[0].handle_time : Distribution{};
}

inline void expect_same_distribution(const Distribution& actual, const Distribution& expected) {
  EXPECT_EQ(actual.kind, expected.kind);
  EXPECT_EQ(actual.mean_s, expected.mean_s);
  EXPECT_EQ(actual.cv, expected.cv);
  EXPECT_EQ(actual.min_s, expected.min_s);
  EXPECT_EQ(actual.max_s, expected.max_s);
  EXPECT_EQ(actual.k, expected.k);
  EXPECT_EQ(actual.shape, expected.shape);
  EXPECT_EQ(actual.values_s, expected.values_s);
  EXPECT_EQ(actual.p1, expected.p1);
  EXPECT_EQ(actual.p2, expected.p2);
  EXPECT_EQ(actual.p3, expected.p3);
}

// A fresh directory per test, removed afterwards.
class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim_scenario_json_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path file = dir_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  // minimal() with the arrivals of its contact type read from `trace`.
  ScenarioParse parse_with_trace(const std::string& trace) {
    json doc = minimal();
    doc["contact_types"][0]["arrivals"] = {{"trace", trace}};
    return parse_scenario(doc, dir_);
  }

  fs::path dir_;
};

}  // namespace ccsim::scenario_json_test
