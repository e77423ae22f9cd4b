// More volume never needs fewer agents (issue #18, item 2): the simulation method's staffing of
// a morning of four hours with two groups at 10% more volume needs at least as many agents in
// every (group, interval), and groups sharing a contact type at least as many in all, the
// arrivals being coupled across volumes (models/centre/arrivals.h) and the search comparing
// staffings on the same contacts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/planning/staffing.h"
#include "models/scenario/scenario.h"

namespace {

using ccsim::Scenario;
using ccsim::staffing::Method;
using ccsim::staffing::Options;

// Four hours of quarter-hours: "billing" calls rising to a peak and falling, "cards" calls
// flatter. With `blended`, "generalists" take both (billing first) and "specialists" only cards,
// so the two groups share cards; else "generalists" take billing only. 80/20 and at most 5%
// abandoned for both types; exponential patience, lognormal handle times; 25% shrinkage.
Scenario two_group_morning(double volume_factor, bool blended) {
  Scenario s;
  s.name = "two-group morning";
  s.horizon.interval_s = 900;
  s.horizon.intervals = 16;
  s.simulation.replications = 20;
  const std::vector<std::vector<double>> volumes{
      {20, 30, 45, 60, 75, 85, 90, 88, 80, 70, 62, 55, 50, 48, 45, 40},
      {15, 18, 22, 26, 30, 33, 35, 35, 34, 32, 30, 28, 26, 25, 24, 22}};
  const char* names[] = {"billing", "cards"};
  for (std::size_t k = 0; k < 2; ++k) {
    ccsim::ContactType ct;
    ct.name = names[k];
    ct.arrivals.kind = ccsim::Arrivals::Kind::PerInterval;
    ct.arrivals.per_interval = volumes[k];
    ct.arrivals.volume_factor = volume_factor;
    ct.handle_time = ccsim::Distribution::lognormal(k == 0 ? 270 : 210, 0.9);
    ct.patience = ccsim::Distribution::exponential(k == 0 ? 200 : 240);
    ct.has_service_level_target = true;
    ct.service_level = {20.0, 0.8};
    ct.max_abandon_rate = 0.05;
    s.contact_types.push_back(ct);
  }
  ccsim::AgentGroup generalists;
  generalists.name = "generalists";
  generalists.skills = blended ? std::vector<int>{0, 1} : std::vector<int>{0};
  generalists.staff.count = 20;
  generalists.shrinkage = 0.25;
  s.agent_groups.push_back(generalists);
  ccsim::AgentGroup specialists;
  specialists.name = "specialists";
  specialists.skills = {1};
  specialists.staff.count = 6;
  specialists.shrinkage = 0.25;
  s.agent_groups.push_back(specialists);
  return s;
}

Options options(std::uint64_t seed) {
  Options o;
  o.method = Method::Simulation;
  o.replications = 20;
  o.seed = seed;
  o.threads = 2;
  return o;
}

// The staffing of the morning at `volume_factor` with options `o`, every target met.
ccsim::staffing::Result staffing_of(double volume_factor, bool blended, const Options& o) {
  const auto out = ccsim::staffing::staff(two_group_morning(volume_factor, blended), o);
  EXPECT_TRUE(out.result && out.result->misses.empty()) << "factor " << volume_factor;
  return out.result ? *out.result : ccsim::staffing::Result{};
}

// net[g][i] of the staffing of the morning at `volume_factor`, unbounded.
std::vector<std::vector<int>> staffed(double volume_factor, bool blended, std::uint64_t seed) {
  return staffing_of(volume_factor, blended, options(seed)).net;
}

double agent_hours(const ccsim::staffing::Result& r) {
  return ccsim::staffing::agent_hours(r.scheduled, two_group_morning(1.0, false).horizon);
}

// Checked to fail with arrivals that are not coupled (the forecast's rates × the factor, drawn
// by one inversion stream): 9 (group, interval)s of seeds 1-6 need fewer (6 at 5% more, 3 at
// 10%).
TEST(MonotoneStaffing, FiveAndTenPercentMoreVolumeNeedAtLeastAsManyAgentsInEveryGroupAndInterval) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    const auto base = staffed(1.0, false, seed);
    for (const double factor : {1.05, 1.1}) {
      const auto more = staffed(factor, false, seed);
      ASSERT_EQ(base.size(), 2u);
      ASSERT_EQ(more.size(), 2u);
      int rises = 0;
      for (std::size_t g = 0; g < 2; ++g) {
        for (std::size_t i = 0; i < 16; ++i) {
          EXPECT_GE(more[g][i], base[g][i])
              << "seed " << seed << ", factor " << factor << ", group " << g << ", interval " << i;
          rises += more[g][i] > base[g][i];
        }
      }
      EXPECT_GT(rises, 4) << "seed " << seed << ", factor " << factor << ": more volume needs more";
    }
  }
}

// Groups sharing a contact type: their agents in all rise with volume in every interval, unless
// the queue carried over explains it: an interval may need fewer only where the one before it
// needs at least as many more (its agents clear the backlog the next would have inherited).
// How they split between the groups is not guaranteed (staffing.h).
// With arrivals not coupled (and the random numbers before the ziggurat) 4 intervals of seeds 1-6
// needed fewer (3 at 5% more, 1 at 10%); with coupled arrivals 1 does, explained so, and at most
// 2 of the 192 may.
TEST(MonotoneStaffing, MoreVolumeNeedsAtLeastAsManyAgentsInAllOfGroupsSharingATypePerInterval) {
  int explained = 0;
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    const auto base = staffed(1.0, true, seed);
    for (const double factor : {1.05, 1.1}) {
      const auto more = staffed(factor, true, seed);
      ASSERT_EQ(base.size(), 2u);
      ASSERT_EQ(more.size(), 2u);
      const auto rise = [&](std::size_t i) {
        return more[0][i] + more[1][i] - base[0][i] - base[1][i];
      };
      for (std::size_t i = 0; i < 16; ++i) {
        if (rise(i) >= 0) continue;
        ++explained;
        EXPECT_TRUE(i > 0 && rise(i - 1) >= -rise(i))
            << "seed " << seed << ", factor " << factor << ", interval " << i << ": " << rise(i)
            << " agents, not explained by the interval before";
      }
    }
  }
  EXPECT_LE(explained, 2) << "intervals needing fewer at more volume";
}

// The what-if of `staff --volume-factor` (staffing.h: bounded_by_forecast): groups sharing a
// contact type, where the unbounded searches may cross (above), never need fewer agents in any
// (group, interval) at more volume, meet every target, and cost little more than the unbounded
// search (the bound costs only the agents the backlog moved).
TEST(MonotoneStaffing,
     AWhatIfOfMoreVolumeNeverNeedsFewerAgentsThanTheForecastInAnyGroupOrInterval) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    const auto forecast = staffing_of(1.0, true, options(seed));
    for (const double factor : {1.05, 1.1}) {
      const Options bounded =
          ccsim::staffing::bounded_by_forecast(options(seed), forecast.net, factor);
      const auto what_if = staffing_of(factor, true, bounded);
      const auto free = staffing_of(factor, true, options(seed));
      ASSERT_EQ(what_if.net.size(), 2u);
      for (std::size_t g = 0; g < 2; ++g) {
        for (std::size_t i = 0; i < 16; ++i) {
          EXPECT_GE(what_if.net[g][i], forecast.net[g][i])
              << "seed " << seed << ", factor " << factor << ", group " << g << ", interval " << i;
        }
      }
      EXPECT_LE(agent_hours(what_if), 1.02 * agent_hours(free))
          << "seed " << seed << ", factor " << factor;
    }
  }
}

// Less volume: the forecast's plan is the ceiling, and the what-if still meets every target at
// little more cost than the unbounded search.
TEST(MonotoneStaffing, AWhatIfOfLessVolumeNeverNeedsMoreAgentsThanTheForecast) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    const auto forecast = staffing_of(1.0, true, options(seed));
    const Options bounded = ccsim::staffing::bounded_by_forecast(options(seed), forecast.net, 0.9);
    const auto what_if = staffing_of(0.9, true, bounded);
    ASSERT_EQ(what_if.net.size(), 2u);
    int fewer = 0;
    for (std::size_t g = 0; g < 2; ++g) {
      for (std::size_t i = 0; i < 16; ++i) {
        EXPECT_LE(what_if.net[g][i], forecast.net[g][i])
            << "seed " << seed << ", group " << g << ", interval " << i;
        fewer += what_if.net[g][i] < forecast.net[g][i];
      }
    }
    EXPECT_GT(fewer, 4) << "seed " << seed << ": less volume needs fewer";
    EXPECT_LE(agent_hours(what_if), 1.02 * agent_hours(staffing_of(0.9, true, options(seed))))
        << "seed " << seed;
  }
}

// The Erlang method needs no bound: each interval's servers are the fewest meeting its targets
// for its own load, which rise with it, and the split and rounding keep the order.
TEST(MonotoneStaffing, ErlangStaffingNeverNeedsFewerAgentsAtMoreVolume) {
  Options o = options(1);
  o.method = Method::Erlang;
  const auto erlang = [&o](double factor) {
    return ccsim::staffing::staff(two_group_morning(factor, true), o).result.value();
  };
  const auto base = erlang(1.0);
  for (const double factor : {1.02, 1.05, 1.1, 1.2}) {
    const auto more = erlang(factor);
    ASSERT_EQ(more.net.size(), 2u);
    for (std::size_t g = 0; g < 2; ++g) {
      for (std::size_t i = 0; i < 16; ++i) {
        EXPECT_GE(more.net[g][i], base.net[g][i])
            << "factor " << factor << ", group " << g << ", interval " << i;
      }
    }
  }
}

TEST(MonotoneStaffing, ABoundOfTheWrongShapeIsAnError) {
  Options o = options(1);
  o.at_least = {{1, 2, 3}};
  o.at_most = std::vector<std::vector<int>>(2, std::vector<int>(16, -1));
  const auto out = ccsim::staffing::staff(two_group_morning(1.0, true), o);
  EXPECT_FALSE(out.result);
  EXPECT_EQ(out.errors, (std::vector<std::string>{
                            "options.at_least: must give agents >= 0 for each of 2 agent groups "
                            "in each of 16 intervals",
                            "options.at_most: must give agents >= 0 for each of 2 agent groups "
                            "in each of 16 intervals"}));
}

}  // namespace
