// The scenario reader (scenario_json.h): routing and the files a scenario names.
#include <gtest/gtest.h>

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
#include "tests/models/scenario_json_support.h"

namespace ccsim {
namespace {

using namespace scenario_json_test;
namespace fs = std::filesystem;
using nlohmann::json;

// ---- routing

TEST(ScenarioJson, RoutingAgentChoiceIsParsed) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", "fastest_group"}};
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->routing.agent_choice, AgentChoice::FastestGroup);
  for (AgentChoice choice : {AgentChoice::Random, AgentChoice::LeastOccupied}) {
    doc["routing"] = {{"agent_choice", agent_choice_name(choice)}};
    const ScenarioParse other = parse_scenario(doc, {});
    ASSERT_EQ(other.errors, Lines{});
    EXPECT_EQ(other.scenario->routing.agent_choice, choice);
  }
  doc["routing"] = json::object();
  const ScenarioParse defaulted = parse_scenario(doc, {});
  ASSERT_EQ(defaulted.errors, Lines{});
  EXPECT_EQ(defaulted.scenario->routing.agent_choice, AgentChoice::LongestIdle);
}

TEST(ScenarioJson, RoutingKeysAreChecked) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", "fastest"}};
  EXPECT_EQ(errors_of(doc), Lines{"routing.agent_choice: must be one of longest_idle, "
                                  "fastest_group, random, least_occupied (got \"fastest\"); "
                                  "did you mean "
                                  "\"fastest_group\"?"});
  doc["routing"] = {{"agent_choise", "longest_idle"}};
  EXPECT_EQ(errors_of(doc),
            Lines{"routing.agent_choise: unknown key; did you mean \"agent_choice\"?"});
  doc["routing"] = "fastest_group";
  EXPECT_EQ(errors_of(doc), Lines{"routing: must be an object (got \"fastest_group\")"});
}

TEST(ScenarioJson, RoutingProblemsComeAfterTheAgentGroups) {
  json doc = minimal();
  doc["routing"] = {{"agent_choice", 1}};
  doc["agent_groups"][0]["speed_factor"] = -1;
  EXPECT_EQ(errors_of(doc), (Lines{
                                "agent_groups[0].speed_factor: must be > 0 (got -1)",
                                "routing.agent_choice: must be a string (got 1)",
                            }));
}

// ---- files

TEST_F(ScenarioFiles, ValidFileIsLoaded) {
  const fs::path file = write("scenario.json", minimal().dump(2));
  const ScenarioParse parsed = load_scenario(file);
  ASSERT_EQ(parsed.errors, Lines{});
  EXPECT_EQ(parsed.scenario->name, "test");
}

TEST_F(ScenarioFiles, MissingFileCannotBeOpened) {
  const fs::path file = dir_ / "absent.json";
  EXPECT_EQ(load_scenario(file).errors, Lines{file.string() + ": cannot open file"});
}

TEST_F(ScenarioFiles, DirectoryCannotBeOpenedAsAFile) {
  EXPECT_EQ(load_scenario(dir_).errors, Lines{dir_.string() + ": is a directory"});
}

TEST_F(ScenarioFiles, SyntaxErrorNamesLineAndColumn) {
  const fs::path file = write("bad.json", "{\n  \"name\": \"x\",\n  oops\n}\n");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 3, column 3: syntax error while parsing object key - "
                  "invalid literal; last read: '\"x\",<U+000A>  o'; expected string literal"});
}

TEST_F(ScenarioFiles, EmptyFileIsInvalidJson) {
  const fs::path file = write("empty.json", "");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 1, column 1: syntax error while parsing value - "
                  "unexpected end of input; expected '[', '{', or a literal"});
}

TEST_F(ScenarioFiles, NumberBeyondDoubleRangeIsInvalidJson) {
  const fs::path file = write("big.json", "{\n  \"name\": 1e400\n}\n");
  EXPECT_EQ(load_scenario(file).errors,
            Lines{file.string() +
                  ": invalid JSON at line 2, column 11: number overflow parsing '1e400'"});
}

TEST_F(ScenarioFiles, DuplicateKeysAreReported) {
  std::string text = minimal().dump(2);
  text.insert(text.find("\"mean_s\""), "\"mean_s\": 60, ");
  text.insert(1, "\"name\": \"first\", ");
  const fs::path file = write("dup.json", text);
  const ScenarioParse parsed = load_scenario(file);
  EXPECT_EQ(parsed.errors, (Lines{
                               "contact_types[0].handle_time.mean_s: duplicate key",
                               "name: duplicate key",
                           }));
  EXPECT_FALSE(parsed.scenario.has_value());
}

TEST_F(ScenarioFiles, DuplicateKeyPathCountsArrayElements) {
  const fs::path file =
      write("dup.json", R"({"agent_groups": [[1, [2]], {"a": {}}, {"name": 1, "name": 2}]})");
  const Lines errors = load_scenario(file).errors;
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], "agent_groups[2].name: duplicate key");
}

}  // namespace
}  // namespace ccsim
