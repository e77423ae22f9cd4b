// Keeps scenarios/scenario.schema.json in step with the validator (scenario_keys(),
// distribution_parameters()) and checks that the example scenarios are valid.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/distribution.h"
#include "models/scenario/scenario_json.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Keys = std::set<std::string>;

const fs::path kScenarios = fs::path(CCSIM_SOURCE_DIR) / "scenarios";

const json& schema() {
  static const json document = [] {
    std::ifstream in(kScenarios / "scenario.schema.json");
    EXPECT_TRUE(in.is_open());
    return json::parse(in);
  }();
  return document;
}

// `node`, or the schema it refers to with a local "$ref": "#/...".
const json& resolve(const json& node) {
  if (!node.contains("$ref")) return node;
  const std::string ref = node.at("$ref").get<std::string>();
  EXPECT_EQ(ref.substr(0, 2), "#/") << ref;
  return schema().at(json::json_pointer(ref.substr(1)));
}

Keys keys_of(const json& object) {
  Keys keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

std::vector<std::string> dist_names() {
  std::vector<std::string> names;
  for (DistKind kind : {DistKind::Exponential, DistKind::Deterministic, DistKind::Uniform,
                        DistKind::Lognormal, DistKind::Gamma, DistKind::Erlang, DistKind::Weibull,
                        DistKind::Empirical, DistKind::PiecewiseHazard}) {
    names.push_back(dist_name(kind));
  }
  return names;
}

// Whether the object schema `node` forbids keys besides its properties.
bool closed(const json& node) {
  return node.contains("additionalProperties") && node.at("additionalProperties") == false;
}

// Calls `visit` on every object in `node` and below, with its JSON pointer.
void walk(const json& node, const std::string& pointer,
          const std::function<void(const json&, const std::string&)>& visit) {
  if (node.is_object()) {
    visit(node, pointer);
    for (const auto& [key, value] : node.items()) walk(value, pointer + "/" + key, visit);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      walk(node[i], pointer + "/" + std::to_string(i), visit);
    }
  }
}

// Where each kind of scenario object sits in the schema (before resolving "$ref").
struct Location {
  const char* pointer;
  const char* kind;
};
const Location kLocations[] = {
    {"", "scenario"},
    {"/properties/horizon", "horizon"},
    {"/properties/simulation", "simulation"},
    {"/properties/contact_types/items", "contact_type"},
    {"/$defs/contact_type/properties/arrivals", "arrivals"},
    {"/$defs/contact_type/properties/handle_time", "distribution"},
    {"/$defs/contact_type/properties/wrap_up", "distribution"},
    {"/$defs/contact_type/properties/patience", "distribution"},
    {"/$defs/contact_type/properties/service_level", "service_level"},
    {"/$defs/contact_type/properties/self_service", "self_service"},
    {"/$defs/contact_type/properties/chatbot", "chatbot"},
    {"/$defs/chatbot/properties/bot_time", "distribution"},
    {"/$defs/chatbot/properties/queue_patience", "distribution"},
    {"/$defs/chatbot/properties/handoff_handle_time", "distribution"},
    {"/$defs/chatbot/properties/handoff_patience", "distribution"},
    {"/$defs/contact_type/properties/callback", "callback"},
    {"/$defs/callback/properties/dial_time", "distribution"},
    {"/$defs/contact_type/properties/retrial", "retrial"},
    {"/$defs/retrial/properties/delay", "distribution"},
    {"/$defs/retrial/properties/blocked_delay", "distribution"},
    {"/$defs/contact_type/properties/balk", "wait_curve"},
    {"/$defs/contact_type/properties/satisfaction", "wait_curve"},
    {"/$defs/contact_type/properties/wait_prediction", "wait_prediction"},
    {"/$defs/contact_type/properties/channel_switch", "channel_switch"},
    {"/$defs/channel_switch/properties/delay", "distribution"},
    {"/$defs/contact_type/properties/transfers/items", "transfer"},
    {"/properties/agent_groups/items", "agent_group"},
    {"/$defs/agent_group/properties/skills/items/oneOf/1", "skill"},
    {"/$defs/agent_group/properties/staff", "staff"},
    {"/$defs/staff/properties/shifts/items", "shift"},
    {"/$defs/agent_group/properties/handle_times/additionalProperties", "distribution"},
    {"/properties/routing", "routing"},
    {"/properties/forecast", "forecast"},
    {"/properties/trunks/items", "trunk"},
    {"/properties/callback_slots/items", "callback_slots"},
    {"/properties/outbound/items", "outbound_campaign"},
    {"/$defs/outbound_campaign/properties/talk_time", "distribution"},
    {"/$defs/outbound_campaign/properties/wrap_up", "distribution"},
    {"/$defs/outbound_campaign/properties/dial_time", "distribution"},
    {"/$defs/contact_type/properties/overflow", "overflow"},
    {"/$defs/contact_type/properties/message", "message"},
    {"/properties/initial_state", "initial_state"},
    {"/$defs/busy_agents/items/oneOf/1", "busy_agent"},
    {"/properties/costs", "costs"},
    {"/$defs/costs/properties/contact_types/additionalProperties", "type_costs"},
    {"/$defs/contact_type/properties/silent_abandonment", "silent_abandonment"},
    {"/$defs/silent_abandonment/properties/detection_time", "distribution"},
};

// Objects whose keys are names (not fixed keys): where they sit, and the kind of their values.
const Location kMaps[] = {
    {"/$defs/agent_group/properties/handle_times", "distribution"},
    {"/$defs/initial_state/properties/waiting", "elapsed_list"},
    {"/$defs/initial_state/properties/callbacks", "elapsed_list"},
    {"/$defs/initial_state/properties/busy", "busy_agents"},
    {"/$defs/costs/properties/agent_hour", "amount"},
    {"/$defs/costs/properties/contact_types", "type_costs"},
};

TEST(ScenarioSchema, IsJsonSchemaDraft2020_12) {
  EXPECT_EQ(schema().at("$schema"), "https://json-schema.org/draft/2020-12/schema");
}

TEST(ScenarioSchema, HasAnAbsoluteId) {
  const std::string id = schema().value("$id", "");
  EXPECT_EQ(id, "urn:ccsim:scenario.schema.json");
}

// Every oneOf/anyOf, its parent and each branch have a title, so that a validator's "is not
// valid under any of the given schemas" comes with the choices spelled out.
TEST(ScenarioSchema, EveryExclusiveChoiceNamesItsBranches) {
  int choices = 0;
  walk(schema(), "", [&](const json& node, const std::string& pointer) {
    for (const char* keyword : {"oneOf", "anyOf"}) {
      if (!node.contains(keyword)) continue;
      ++choices;
      const bool negated = pointer.ends_with("/not");  // "none of": the branches name the keys
      if (!negated) {
        EXPECT_FALSE(node.value("title", "").empty()) << pointer << " (" << keyword << ")";
      }
      for (std::size_t i = 0; i < node.at(keyword).size(); ++i) {
        EXPECT_FALSE(node.at(keyword)[i].value("title", "").empty())
            << pointer << "/" << keyword << "/" << i;
      }
    }
  });
  EXPECT_EQ(choices, 14);
}

// A scenario made of the schema's examples of each main object: what an editor offers is
// valid for ccsim too.
TEST(ScenarioSchema, ExamplesOfTheMainObjectsMakeAValidScenario) {
  const json& defs = schema().at("$defs");
  for (const char* kind : {"horizon", "contact_type", "agent_group", "shift"}) {
    EXPECT_GE(defs.at(kind).at("examples").size(), 1u) << kind;
    EXPECT_GE(defs.at(kind).at("defaultSnippets").size(), 1u) << kind;
  }
  for (const json& horizon : defs.at("horizon").at("examples")) {
    SCOPED_TRACE(horizon.dump());
    json doc = {{"name", "examples"},
                {"horizon", horizon},
                {"contact_types", defs.at("contact_type").at("examples")},
                {"agent_groups", defs.at("agent_group").at("examples")}};
    if (!horizon.contains("duration_s")) {
      doc["agent_groups"].push_back({{"name", "shifts"},
                                     {"skills", {"billing"}},
                                     {"staff", {{"shifts", defs.at("shift").at("examples")}}}});
    }
    const ScenarioParse parsed = parse_scenario(doc, {});
    EXPECT_EQ(parsed.errors, std::vector<std::string>{});
  }
  for (const json& example : schema().at("examples")) {
    const ScenarioParse parsed = parse_scenario(example, {});
    EXPECT_EQ(parsed.errors, std::vector<std::string>{}) << example.dump();
  }
}

// With python3-jsonschema installed (tools/deps.sh), every example scenario and every example
// in the schema validates against the schema, and a horizon giving both choices fails naming
// them.
TEST(ScenarioSchema, ScenariosAndExamplesValidateAgainstTheSchema) {
  if (std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 with jsonschema not installed (Debian python3-jsonschema)";
  }
  const std::string tag = std::to_string(::getpid());
  const fs::path out = fs::temp_directory_path() / ("ccsim_schema_check_" + tag + ".txt");
  const std::string script = R"(
import glob, json, sys, jsonschema
d = sys.argv[1]
s = json.load(open(d + '/scenario.schema.json'))
jsonschema.Draft202012Validator.check_schema(s)
v = jsonschema.Draft202012Validator(s)
docs = [(f, json.load(open(f))) for f in sorted(glob.glob(d + '/*.json')) if not f.endswith('schema.json')]
docs += [('examples', e) for e in s['examples']]
for kind in ('horizon', 'contact_type', 'agent_group', 'shift'):
    sub = jsonschema.Draft202012Validator({'$ref': '#/$defs/' + kind, '$defs': s['$defs']})
    for e in s['$defs'][kind]['examples']:
        for err in sub.iter_errors(e): print(kind, 'example:', err.message)
for name, doc in docs:
    for err in v.iter_errors(doc): print(name + ':', err.message)
bad = dict(s['examples'][0], horizon={'intervals': 3, 'duration_s': 60})
print('bad horizon:', [e.schema.get('title') for e in v.iter_errors(bad)])
)";
  const fs::path py = fs::temp_directory_path() / ("ccsim_schema_check_" + tag + ".py");
  std::ofstream(py) << script;
  const std::string command =
      "python3 '" + py.string() + "' '" + kScenarios.string() + "' >'" + out.string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(out);
  fs::remove(py);
  EXPECT_EQ(text,
            "bad horizon: ['horizon: exactly one of {interval_minutes + intervals} (a day in "
            "intervals) or {duration_s} (one stationary period)']\n");
}

TEST(ScenarioSchema, EveryKindOfObjectHasALocation) {
  Keys located;
  for (const Location& l : kLocations) located.insert(l.kind);
  EXPECT_EQ(located, keys_of(scenario_keys()));
}

TEST(ScenarioSchema, EachObjectListsExactlyTheKeysTheValidatorAccepts) {
  for (const Location& l : kLocations) {
    SCOPED_TRACE(std::string(l.kind) + " at \"" + l.pointer + "\"");
    const json& object = resolve(schema().at(json::json_pointer(l.pointer)));
    EXPECT_EQ(object.value("type", ""), "object");
    ASSERT_TRUE(object.contains("properties"));
    const std::vector<std::string>& known = scenario_keys().at(l.kind);
    EXPECT_EQ(keys_of(object.at("properties")), Keys(known.begin(), known.end()));
    EXPECT_TRUE(closed(object));
  }
}

TEST(ScenarioSchema, EveryObjectSchemaForbidsAdditionalProperties) {
  int objects = 0;
  walk(schema(), "", [&](const json& node, const std::string& pointer) {
    if (node.value("type", json()) != "object") return;
    const auto map = std::find_if(std::begin(kMaps), std::end(kMaps),
                                  [&](const Location& m) { return pointer == m.pointer; });
    if (map != std::end(kMaps)) return;  // checked by MapsHoldOneKindOfValue
    ++objects;
    EXPECT_TRUE(closed(node)) << pointer;
  });
  EXPECT_EQ(objects, 31);  // the top level and the thirty object $defs
}

// A map (e.g. handle_times: contact type name → distribution) allows any non-empty key and
// requires each value to be of its kind; the keys themselves are checked by the validator.
TEST(ScenarioSchema, MapsHoldOneKindOfValue) {
  int maps = 0;
  walk(schema(), "", [&](const json& node, const std::string& pointer) {
    if (node.value("type", json()) != "object" || closed(node)) return;
    ++maps;
    const auto map = std::find_if(std::begin(kMaps), std::end(kMaps),
                                  [&](const Location& m) { return pointer == m.pointer; });
    ASSERT_NE(map, std::end(kMaps)) << pointer;
    EXPECT_FALSE(node.contains("properties")) << pointer;
    EXPECT_EQ(node.at("propertyNames"), json({{"minLength", 1}})) << pointer;
    EXPECT_EQ(node.at("additionalProperties"),
              json({{"$ref", std::string("#/$defs/") + map->kind}}))
        << pointer;
  });
  EXPECT_EQ(maps, static_cast<int>(std::size(kMaps)));
}

TEST(ScenarioSchema, EveryKeyHasADescription) {
  walk(schema(), "", [&](const json& node, const std::string& pointer) {
    if (!node.contains("properties") || pointer.ends_with("/if")) return;
    for (const auto& [key, property] : node.at("properties").items()) {
      EXPECT_FALSE(property.value("description", "").empty()) << pointer << "/properties/" << key;
    }
  });
}

TEST(ScenarioSchema, DistEnumListsEveryDistribution) {
  const json& dist = schema().at(json::json_pointer("/$defs/distribution/properties/dist"));
  EXPECT_EQ(dist.at("enum").get<std::vector<std::string>>(), dist_names());
  const std::vector<std::string> names = dist_names();
  EXPECT_EQ(keys_of(distribution_parameters()), Keys(names.begin(), names.end()));
}

TEST(ScenarioSchema, EachDistributionAllowsExactlyItsParameters) {
  const json& rules = schema().at(json::json_pointer("/$defs/distribution/allOf"));
  Keys covered;
  for (const json& rule : rules) {
    const std::string name = rule.at("if").at("properties").at("dist").at("const");
    SCOPED_TRACE(name);
    covered.insert(name);
    const std::vector<std::string>& params = distribution_parameters().at(name);
    EXPECT_EQ(rule.at("then").at("required").get<std::vector<std::string>>(), params);
    std::vector<std::string> allowed = {"dist"};
    allowed.insert(allowed.end(), params.begin(), params.end());
    EXPECT_EQ(rule.at("then").at("propertyNames").at("enum").get<std::vector<std::string>>(),
              allowed);
  }
  EXPECT_EQ(covered, keys_of(distribution_parameters()));
}

TEST(ScenarioSchema, EnumsListEveryValueTheValidatorAccepts) {
  auto enum_at = [](const char* pointer) {
    return schema().at(json::json_pointer(pointer)).at("enum").get<std::vector<std::string>>();
  };
  EXPECT_EQ(enum_at("/$defs/contact_type/properties/channel"),
            (std::vector<std::string>{channel_name(Channel::Voice), channel_name(Channel::Chat),
                                      channel_name(Channel::Email)}));
  EXPECT_EQ(enum_at("/$defs/callback/properties/mode"),
            (std::vector<std::string>{callback_mode_name(CallbackMode::VirtualHold),
                                      callback_mode_name(CallbackMode::Scheduled)}));
  const std::vector<std::string> predictors{
      wait_predictor_name(WaitPredictor::QueueLength),
      wait_predictor_name(WaitPredictor::LastToEnterService),
      wait_predictor_name(WaitPredictor::HeadOfLine),
      wait_predictor_name(WaitPredictor::QueueLengthAbandonment)};
  EXPECT_EQ(enum_at("/$defs/callback/properties/predictor"), predictors);
  EXPECT_EQ(enum_at("/$defs/wait_prediction/properties/predictor"), predictors);
  EXPECT_EQ(
      enum_at("/$defs/routing/properties/agent_choice"),
      (std::vector<std::string>{
          agent_choice_name(AgentChoice::LongestIdle), agent_choice_name(AgentChoice::FastestGroup),
          agent_choice_name(AgentChoice::Random), agent_choice_name(AgentChoice::LeastOccupied)}));
}

// The "default" of each optional key in the schema is what the validator fills in.
TEST(ScenarioSchema, DefaultsAreTheValidatorsDefaults) {
  const json doc = json::parse(R"({
    "name": "defaults",
    "horizon": {"duration_s": 3600},
    "contact_types": [{
      "name": "web_chat", "channel": "chat", "arrivals": {"rate_per_hour": 10},
      "handle_time": {"dist": "exponential", "mean_s": 300},
      "chatbot": {"containment": 0.3, "bot_time": {"dist": "exponential", "mean_s": 60}},
      "callback": {"offer_when_expected_wait_over_s": 60, "accept_prob": 0.5},
      "retrial": {"prob": 0.1, "delay": {"dist": "exponential", "mean_s": 60}}
    }],
    "agent_groups": [{"name": "team", "skills": ["web_chat"], "staff": {"count": 1}}]
  })");
  const ScenarioParse parsed = parse_scenario(doc, {});
  ASSERT_EQ(parsed.errors, std::vector<std::string>{});
  const Scenario& s = *parsed.scenario;
  auto default_at = [](const char* pointer) {
    return schema().at(json::json_pointer(pointer)).at("default");
  };
  EXPECT_EQ(default_at("/$defs/simulation/properties/replications"), s.simulation.replications);
  EXPECT_EQ(default_at("/$defs/simulation/properties/seed"), s.simulation.seed);
  EXPECT_EQ(default_at("/$defs/simulation/properties/warmup_s"), s.simulation.warmup_s);
  const ContactType& t = s.contact_types[0];
  EXPECT_EQ(default_at("/$defs/contact_type/properties/priority"), t.priority);
  EXPECT_EQ(default_at("/$defs/contact_type/properties/priority_per_minute_waited"),
            t.priority_per_minute_waited);
  EXPECT_EQ(default_at("/$defs/chatbot/properties/abandon_prob"), t.chatbot->abandon_prob);
  EXPECT_EQ(default_at("/$defs/callback/properties/mode"), callback_mode_name(t.callback->mode));
  EXPECT_EQ(default_at("/$defs/callback/properties/reach_prob"), t.callback->reach_prob);
  EXPECT_EQ(default_at("/$defs/callback/properties/max_attempts"), t.callback->max_attempts);
  EXPECT_EQ(default_at("/$defs/callback/properties/retry_after_s"), t.callback->retry_after_s);
  EXPECT_EQ(default_at("/$defs/callback/properties/predictor"),
            wait_predictor_name(t.callback->predictor));
  EXPECT_EQ(default_at("/$defs/retrial/properties/max_retrials"), t.retrial->max_retrials);
  const AgentGroup& g = s.agent_groups[0];
  EXPECT_EQ(default_at("/$defs/agent_group/properties/concurrency"), g.concurrency);
  EXPECT_EQ(default_at("/$defs/agent_group/properties/shrinkage"), g.shrinkage);
  EXPECT_EQ(default_at("/$defs/agent_group/properties/speed_factor"), g.speed_factor);
  EXPECT_EQ(default_at("/$defs/routing/properties/agent_choice"),
            agent_choice_name(s.routing.agent_choice));
}

TEST(ScenarioSchema, ExampleScenariosAreValid) {
  int examples = 0;
  for (const auto& entry : fs::directory_iterator(kScenarios)) {
    const fs::path file = entry.path();
    if (file.extension() != ".json" || file.filename() == "scenario.schema.json") continue;
    SCOPED_TRACE(file.string());
    ++examples;
    const ScenarioParse parsed = load_scenario(file);
    EXPECT_EQ(parsed.errors, std::vector<std::string>{});
    EXPECT_EQ(parsed.warnings, std::vector<std::string>{});
    std::ifstream in(file);
    EXPECT_EQ(json::parse(in).value("$schema", ""), "scenario.schema.json");
  }
  EXPECT_GE(examples, 8);
}

}  // namespace
}  // namespace ccsim
