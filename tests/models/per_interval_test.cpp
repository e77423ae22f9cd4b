// Per-interval means of handle_time, wrap_up and patience, and per-interval shrinkage: how they
// are read (with the exact text of each message), drawn by the simulation, and used by the
// analytic staffing.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/centre/contact_centre.h"
#include "models/centre/experiment.h"
#include "models/centre/state.h"
#include "models/measured/measured.h"
#include "models/planning/staffing.h"
#include "models/scenario/scenario_json.h"
#include "sim/random.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// Two 30-minute intervals, one voice type with every duration, one group.
json two_intervals() {
  return json::parse(R"({
    "name": "per interval",
    "horizon": {"interval_minutes": 30, "intervals": 2},
    "contact_types": [
      {"name": "billing", "arrivals": {"per_interval": [40, 40]},
       "handle_time": {"dist": "lognormal", "mean_s": 180, "cv": 0.8},
       "wrap_up": {"dist": "exponential", "mean_s": 20},
       "patience": {"dist": "exponential", "mean_s": 300}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 5}}]
  })");
}

Lines errors_of(const json& document) {
  return parse_scenario(document, {}).errors;
}

Scenario parsed(const json& document) {
  const ScenarioParse p = parse_scenario(document, {});
  EXPECT_EQ(p.errors, Lines{});
  return p.ok() ? *p.scenario : Scenario{};
}

TEST(PerIntervalMeans, ListsOfHandleWrapUpAndPatienceMeansAreReadWithTheShapeKept) {
  json doc = two_intervals();
  doc["contact_types"][0]["handle_time"]["mean_s"] = {120, 240};
  doc["contact_types"][0]["wrap_up"]["mean_s"] = {10, 30};
  doc["contact_types"][0]["patience"]["mean_s"] = {200, 400};
  const Scenario s = parsed(doc);
  const ContactType& t = s.contact_types.at(0);
  EXPECT_EQ(t.handle_time.mean_s_by_interval, (std::vector<double>{120, 240}));
  EXPECT_EQ(t.handle_time.mean_s, 180);  // the average, for what does not look at intervals
  EXPECT_EQ(t.handle_time.cv, 0.8);
  EXPECT_EQ(t.wrap_up->mean_in(1), 30);
  EXPECT_EQ(t.patience->mean_in(0), 200);
  EXPECT_EQ(mean_agent_time_s(t, 0), 130);
  EXPECT_EQ(mean_agent_time_s(t, 1), 270);
  const Distribution late = t.handle_time.in_interval(1);
  const Distribution direct = Distribution::lognormal(240, 0.8);
  EXPECT_EQ(late.p1, direct.p1);
  EXPECT_EQ(late.p2, direct.p2);
  EXPECT_TRUE(late.mean_s_by_interval.empty());
}

TEST(PerIntervalMeans, WithMeanBuildsEachKindAsItsConstructorDoes) {
  const Distribution kinds[] = {Distribution::exponential(60),    Distribution::deterministic(60),
                                Distribution::lognormal(60, 1.3), Distribution::gamma(60, 0.4),
                                Distribution::erlang(60, 3),      Distribution::weibull(60, 0.7)};
  const Distribution expected[] = {
      Distribution::exponential(90),    Distribution::deterministic(90),
      Distribution::lognormal(90, 1.3), Distribution::gamma(90, 0.4),
      Distribution::erlang(90, 3),      Distribution::weibull(90, 0.7)};
  for (std::size_t i = 0; i < std::size(kinds); ++i) {
    SCOPED_TRACE(dist_name(kinds[i].kind));
    const Distribution d = kinds[i].with_mean(90);
    EXPECT_EQ(d.mean_s, 90);
    EXPECT_EQ(d.p1, expected[i].p1);
    EXPECT_EQ(d.p2, expected[i].p2);
    sim::RandomStream a(1, 0, 0), b(1, 0, 0);
    for (int n = 0; n < 5; ++n) EXPECT_EQ(d.sample(a), expected[i].sample(b));
  }
  // Kinds without mean_s are scaled: the same shape, the mean asked for.
  EXPECT_DOUBLE_EQ(Distribution::uniform(30, 90).with_mean(120).max_s, 180);
  EXPECT_DOUBLE_EQ(Distribution::empirical({10, 30}).with_mean(40).mean_s, 40);
}

TEST(PerIntervalMeans, BadListsAreRefusedNamingTheirPath) {
  json doc = two_intervals();
  doc["contact_types"][0]["handle_time"]["mean_s"] = {120, 240, 360};
  doc["contact_types"][0]["wrap_up"]["mean_s"] = {10, -3};
  doc["contact_types"][0]["patience"]["mean_s"] = {"abc", 2e9};
  doc["agent_groups"][0]["shrinkage"] = {0.1, 1};
  EXPECT_EQ(errors_of(doc),
            (Lines{"contact_types[0].handle_time.mean_s: must have exactly 2 entries, one per "
                   "interval (got 3 entries)",
                   "contact_types[0].wrap_up.mean_s[1]: must be > 0 (got -3)",
                   "contact_types[0].patience.mean_s[0]: must be a number (got \"abc\")",
                   "contact_types[0].patience.mean_s[1]: must be <= 1e9 s (about 31.7 years), "
                   "so that results stay finite (got 2000000000.0)",
                   "agent_groups[0].shrinkage[1]: must be in [0, 1) (got 1)"}));
}

TEST(PerIntervalMeans, ListsOfTheWrongLengthOrEmptyAreRefused) {
  json doc = two_intervals();
  doc["contact_types"][0]["handle_time"]["mean_s"] = json::array();
  doc["agent_groups"][0]["shrinkage"] = {0.1, 0.2, 0.3};
  EXPECT_EQ(errors_of(doc),
            (Lines{"contact_types[0].handle_time.mean_s: must have exactly 2 entries, one per "
                   "interval (got 0 entries)",
                   "agent_groups[0].shrinkage: must have exactly 2 entries, one per interval "
                   "(got 3 entries)"}));
}

TEST(PerIntervalMeans, ListsAreRefusedWhereTheContractAllowsNone) {
  json doc = two_intervals();
  doc["contact_types"][0]["retrial"] =
      json::parse(R"({"prob": 0.1, "delay": {"dist": "exponential", "mean_s": [60, 90]}})");
  doc["contact_types"][0]["chatbot"] = json::parse(
      R"({"containment": 0.2, "bot_time": {"dist": "exponential", "mean_s": [60, 90]}})");
  doc["contact_types"][0]["handle_time"] =
      json::parse(R"({"dist": "empirical", "values_s": [60, 90], "mean_s": [60, 90]})");
  doc["agent_groups"][0]["handle_times"] =
      json::parse(R"({"billing": {"dist": "exponential", "mean_s": [100, 200]}})");
  const std::string rule =
      ": must be a number (a list of one mean per interval is allowed only in a contact type's "
      "handle_time, wrap_up and patience) (got [";
  EXPECT_EQ(errors_of(doc),
            (Lines{"contact_types[0].handle_time.mean_s: not a parameter of the empirical "
                   "distribution",
                   "contact_types[0].chatbot.bot_time.mean_s" + rule + "60,90])",
                   "contact_types[0].retrial.delay.mean_s" + rule + "60,90])",
                   "agent_groups[0].handle_times.billing.mean_s" + rule + "100,200])"}));
}

TEST(PerIntervalShrinkage, EachIntervalHasItsOwnShrinkageWithinAShift) {
  json doc = two_intervals();
  doc["agent_groups"][0]["staff"] =
      json::parse(R"({"shifts": [{"start_s": 900, "end_s": 3600, "count": 10}]})");
  doc["agent_groups"][0]["shrinkage"] = {0.1, 0.5};
  const Scenario s = parsed(doc);
  const std::vector<StaffChange> net = net_staffing_schedule(s.agent_groups[0], s.horizon);
  ASSERT_EQ(net.size(), 3u);
  EXPECT_EQ(net[0].time_s, 0);
  EXPECT_EQ(net[0].agents, 0);
  EXPECT_EQ(net[1].time_s, 900);
  EXPECT_EQ(net[1].agents, 9);
  EXPECT_EQ(net[2].time_s, 1800);
  EXPECT_EQ(net[2].agents, 5);
  EXPECT_DOUBLE_EQ(s.agent_groups[0].shrinkage, 0.3);
}

TEST(PerIntervalShrinkage, AListEqualInEveryIntervalGivesTheScalarsSchedule) {
  json doc = two_intervals();
  doc["agent_groups"][0]["staff"] = json::parse(
      R"({"shifts": [{"start_s": 0, "end_s": 2700, "count": 7},
                     {"start_s": 900, "end_s": 3600, "count": 4}]})");
  doc["agent_groups"][0]["shrinkage"] = 0.15;
  const Scenario scalar = parsed(doc);
  doc["agent_groups"][0]["shrinkage"] = {0.15, 0.15};
  const Scenario list = parsed(doc);
  const auto a = net_staffing_schedule(scalar.agent_groups[0], scalar.horizon);
  const auto b = net_staffing_schedule(list.agent_groups[0], list.horizon);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].time_s, b[i].time_s);
    EXPECT_EQ(a[i].agents, b[i].agents);
  }
}

TEST(PerIntervalMeans, TheWaitPredictorUsesTheMeanAgentTimeOfTheArrivalInterval) {
  json doc = two_intervals();
  doc["contact_types"][0]["handle_time"]["mean_s"] = {100, 300};
  doc["contact_types"][0]["wrap_up"]["mean_s"] = {10, 30};
  const Scenario s = parsed(doc);
  const auto services = centre::make_services(s);
  const auto types = centre::make_type_states(s, services);
  const auto groups = centre::make_group_states(s);
  EXPECT_EQ(centre::wait_view(types, groups, 0, 0).mean_agent_time_s, 110);
  EXPECT_EQ(centre::wait_view(types, groups, 0, 1).mean_agent_time_s, 330);
  // The draws of a contact come from its arrival interval's distribution.
  const Distribution& late = centre::in_arrival_interval(
      types[0].handle_by_interval, s.contact_types[0].handle_time, s.horizon, 1800.0);
  EXPECT_EQ(late.mean_s, 300);
  EXPECT_EQ(&centre::in_arrival_interval({}, s.contact_types[0].handle_time, s.horizon, 1800.0),
            &s.contact_types[0].handle_time);
}

// Hourly intervals, many agents (nobody waits): the handle time of interval i is exactly the
// draws of its contacts.
TEST(PerIntervalMeans, SimulatedHandleTimeOfEachIntervalMatchesItsMean) {
  json doc = json::parse(R"({
    "name": "afternoon is slower",
    "horizon": {"interval_minutes": 60, "intervals": 3},
    "contact_types": [
      {"name": "billing", "arrivals": {"rate_per_hour": 120},
       "handle_time": {"dist": "gamma", "mean_s": [120, 240, 480], "cv": 0.7},
       "wrap_up": {"dist": "deterministic", "mean_s": [10, 20, 40]}}
    ],
    "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 60}}]
  })");
  const Scenario s = parsed(doc);
  RunOptions o;
  o.replications = 20;
  o.seed = 7;
  o.threads = 1;
  const Results r = run_experiment(s, o);
  const double expected[] = {130, 260, 520};
  for (std::size_t i = 0; i < 3; ++i) {
    const KpiEstimate& aht = r.intervals[i][0][Kpi::Aht];
    ASSERT_TRUE(aht);
    EXPECT_NEAR(aht->mean, expected[i], aht->ci95) << "interval " << i;
    EXPECT_LT(aht->ci95, 0.05 * expected[i]);
  }
}

// Nobody on duty: every contact abandons after exactly its patience, the one of the interval
// it arrived in, even when it waits into the next interval.
TEST(PerIntervalMeans, EachContactWaitsThePatienceOfItsArrivalInterval) {
  json doc = two_intervals();
  doc["contact_types"][0]["patience"] =
      json::parse(R"({"dist": "deterministic", "mean_s": [1500, 60]})");
  doc["agent_groups"][0]["staff"]["count"] = 0;
  const Scenario s = parsed(doc);
  int checked = 0;
  simulate_replication(s, 3, 0, [&](const ContactRecord& r) {
    ASSERT_EQ(r.outcome, Outcome::Abandoned);
    const double expected = r.arrival_s < 1800 ? 1500 : 60;
    EXPECT_NEAR(r.end_s - r.queue_entry_s, expected, 1e-6);
    ++checked;
  });
  EXPECT_GT(checked, 40);
}

// Erlang staffing of a day whose handle time doubles in the afternoon: each interval gets the
// agents of a day with its own handle time throughout.
TEST(PerIntervalMeans, ErlangStaffingUsesEachIntervalsOwnHandleTimeAndShrinkage) {
  auto day = [](const json& mean_s, const json& shrinkage) {
    json doc = json::parse(R"({
      "name": "day", "horizon": {"interval_minutes": 30, "intervals": 4},
      "contact_types": [
        {"name": "billing", "arrivals": {"per_interval": [100, 100, 100, 100]},
         "handle_time": {"dist": "exponential", "mean_s": 200},
         "patience": {"dist": "exponential", "mean_s": 240},
         "service_level": {"threshold_s": 20, "target": 0.8}}
      ],
      "agent_groups": [{"name": "team", "skills": ["billing"], "staff": {"count": 10}}]
    })");
    doc["contact_types"][0]["handle_time"]["mean_s"] = mean_s;
    doc["agent_groups"][0]["shrinkage"] = shrinkage;
    const ScenarioParse p = parse_scenario(doc, {});
    EXPECT_TRUE(p.ok());
    return *p.scenario;
  };
  const Scenario varying = day({200, 200, 400, 400}, {0.1, 0.1, 0.3, 0.3});
  const Scenario morning = day(200, 0.1), afternoon = day(400, 0.3);
  staffing::Options o;
  o.method = staffing::Method::Erlang;
  o.replications = 2;
  o.threads = 1;
  auto scheduled = [&o](const Scenario& s) {
    return staffing::staff(s, o).result->scheduled.at(0);
  };
  const std::vector<int> got = scheduled(varying);
  const std::vector<int> early = scheduled(morning), late = scheduled(afternoon);
  EXPECT_EQ(got, (std::vector<int>{early[0], early[1], late[2], late[3]}));
  EXPECT_GT(late[2], early[0]);
  for (int i = 0; i < 4; ++i) {
    const Scenario& own = i < 2 ? morning : afternoon;
    EXPECT_EQ(staffing::analytic_servers(varying, 0, i), staffing::analytic_servers(own, 0, i));
  }
}

// Calls that never abandon: only the afternoon, whose handle time is ten times the morning's,
// is beyond the agents.
TEST(PerIntervalMeans, TheRunSizeCheckWeighsEachIntervalsOwnLoad) {
  json doc = two_intervals();
  doc["contact_types"][0].erase("patience");
  doc["contact_types"][0].erase("wrap_up");
  doc["contact_types"][0]["arrivals"]["per_interval"] = {60, 60};
  doc["contact_types"][0]["handle_time"]["mean_s"] = {60, 600};
  const ScenarioParse p = parse_scenario(doc, {});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].rfind("contact_types[0]: interval 00:30: offered load 20", 0), 0u)
      << p.warnings[0];
  EXPECT_NE(p.warnings[0].find("(overloaded in 1 of 2 intervals;"), std::string::npos)
      << p.warnings[0];
}

TEST(PerIntervalMeans, CompareErlangAUsesEachIntervalsOwnMeans) {
  auto day = [](const json& handle, const json& patience) {
    json doc = two_intervals();
    doc["contact_types"][0]["handle_time"]["mean_s"] = handle;
    doc["contact_types"][0]["patience"]["mean_s"] = patience;
    return parsed(doc);
  };
  const auto varying = erlang_a_by_interval(day({120, 240}, {200, 400}));
  const auto early = erlang_a_by_interval(day(120, 200));
  const auto late = erlang_a_by_interval(day(240, 400));
  ASSERT_EQ(varying.size(), 2u);
  EXPECT_EQ(varying[0].aht_s, early[0].aht_s);
  EXPECT_EQ(varying[0].patience_s, early[0].patience_s);
  EXPECT_EQ(varying[0].asa_s, early[0].asa_s);
  EXPECT_EQ(varying[1].aht_s, late[1].aht_s);
  EXPECT_EQ(varying[1].patience_s, late[1].patience_s);
  EXPECT_EQ(varying[1].asa_s, late[1].asa_s);
}

}  // namespace
}  // namespace ccsim
