// What-if: paired comparison of two scenarios with common random numbers.
#include "models/studies/whatif.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/models/scenario_builder.h"

namespace {

using ccsim::Distribution;
using ccsim::Kpi;
using ccsim::Scenario;

// 600 calls/h, AHT 180 s, patience 300 s, over 4 hours after a 30-minute warm-up.
Scenario queue_with(int agents) {
  Scenario s =
      ccsim::test::stationary_queue(600, Distribution::exponential(180), agents, 16200, 1800);
  s.contact_types[0].patience = Distribution::exponential(300);
  return s;
}

ccsim::RunOptions run_options(int replications, std::uint64_t seed) {
  ccsim::RunOptions o;
  o.replications = replications;
  o.seed = seed;
  o.threads = 1;
  return o;
}

TEST(WhatIf, PairedCiOfOneMoreAgentIsMuchNarrowerThanFromIndependentRuns) {
  const Scenario base = queue_with(31), variant = queue_with(32);
  const ccsim::PairedComparison c = ccsim::compare_paired(base, variant, run_options(20, 1));
  const auto& asa = c.totals[0][Kpi::Asa];
  ASSERT_TRUE(asa.base && asa.variant && asa.difference);
  EXPECT_LT(asa.difference->mean, 0.0);  // one more agent: shorter waits
  EXPECT_NEAR(asa.difference->mean, asa.variant->mean - asa.base->mean, 1e-9);

  // The same difference from independent runs (the variant with another seed).
  const ccsim::Results b = ccsim::run_experiment(base, run_options(20, 1));
  const ccsim::Results v = ccsim::run_experiment(variant, run_options(20, 2));
  const double independent_ci =
      std::hypot(b.totals[0][Kpi::Asa]->ci95, v.totals[0][Kpi::Asa]->ci95);
  EXPECT_LT(asa.difference->ci95, 0.25 * independent_ci)
      << "paired " << asa.difference->ci95 << " vs independent " << independent_ci;
  EXPECT_GT(std::fabs(asa.difference->mean), asa.difference->ci95);  // significant
}

TEST(WhatIf, AScenarioComparedWithItselfDiffersByExactlyZero) {
  const Scenario s = queue_with(31);
  const ccsim::PairedComparison c = ccsim::compare_paired(s, s, run_options(4, 3));
  for (const ccsim::KpiInfo& info : ccsim::contact_kpis()) {
    const auto& d = c.totals[1][info.kpi].difference;  // "all"
    if (!d) continue;
    EXPECT_EQ(d->mean, 0.0) << info.name;
    EXPECT_EQ(d->ci95, 0.0) << info.name;
  }
  EXPECT_EQ(c.group_totals[0][ccsim::GroupKpi::Occupancy].difference->mean, 0.0);
}

TEST(WhatIf, TypesAndGroupsAreMatchedByNameAndOneSidedOnesHaveNoDifference) {
  Scenario base = queue_with(31);
  base.contact_types[0].name = "billing";
  ccsim::ContactType cards = base.contact_types[0];
  cards.name = "cards";
  cards.arrivals.rate_per_hour = 100;
  base.contact_types.push_back(cards);
  base.agent_groups[0].skills = {0, 1};

  Scenario variant = base;  // "sales" replaces "billing", listed after "cards"
  variant.contact_types = {cards, base.contact_types[0]};
  variant.contact_types[1].name = "sales";
  variant.agent_groups[0].name = "team";
  const ccsim::PairedComparison c = ccsim::compare_paired(base, variant, run_options(3, 1));
  EXPECT_EQ(c.types, (std::vector<std::string>{"billing", "cards", "sales"}));
  EXPECT_EQ(c.base_type, (std::vector<int>{0, 1, -1}));
  EXPECT_EQ(c.variant_type, (std::vector<int>{-1, 0, 1}));
  EXPECT_EQ(c.groups, (std::vector<std::string>{"agents", "team"}));

  const auto& billing = c.totals[0][Kpi::Offered];
  EXPECT_TRUE(billing.base && !billing.variant && !billing.difference);
  const auto& sales = c.totals[2][Kpi::Offered];
  EXPECT_TRUE(!sales.base && sales.variant && !sales.difference);
  const auto& cards_offered = c.totals[1][Kpi::Offered];
  ASSERT_TRUE(cards_offered.difference);
  EXPECT_EQ(cards_offered.difference->mean, 0.0);     // same arrivals: named streams
  EXPECT_TRUE(c.totals[3][Kpi::Offered].difference);  // "all" is always compared
  EXPECT_FALSE(c.group_totals[0][ccsim::GroupKpi::Occupancy].difference);
}

TEST(WhatIf, ScenariosWithDifferentHorizonsCannotBeCompared) {
  Scenario a = queue_with(31), b = queue_with(31);
  EXPECT_TRUE(ccsim::comparison_errors(a, b).empty());
  b.horizon.interval_s = 7200;
  const auto errors = ccsim::comparison_errors(a, b);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "horizon: the variant's horizon (1 interval of 7200 s) differs from the base's "
            "(1 interval of 16200 s); a paired comparison needs the same horizon");
}

}  // namespace
