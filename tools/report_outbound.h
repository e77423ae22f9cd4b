// The outbound campaigns (Scenario::outbound) in the reports of `ccsim run`: their totals and,
// per campaign, attempts and connects per interval; with --vs, both scenarios' totals.
#pragma once

#include <string>

#include "models/centre/experiment.h"
#include "models/scenario/scenario.h"
#include "models/studies/whatif.h"
#include "tools/report.h"

namespace ccsim::cli {

// What each campaign of `scenario` assumes, as a table captioned `caption_prefix` + "Outbound
// campaigns: what the scenario assumes": its agent groups, calls (list or quota), connect
// probability, talk time (and wrap-up), dial time, and the blending rule (idle agents kept for
// inbound, the longest inbound wait that stops calling). Adds nothing when the scenario has no
// campaign.
void outbound_assumptions_table(HtmlReport& page, const Scenario& scenario,
                                const std::string& caption_prefix = {});

// The totals of every campaign (attempts, connects, talk and agent time, calls left, each mean
// ± 95% CI) as a table with a sentence saying what calls_left means for each campaign's form.
// Adds nothing when the scenario has no campaign.
// REQUIRES: `results` are of `scenario`.
void outbound_totals_table(HtmlReport& page, const Scenario& scenario, const Results& results);

// The section "Outbound campaigns per interval": per campaign a chart of attempts and connects
// per interval with their 95% CI bands, and below, in a second panel, the calls left on the
// list at the interval's end (list form) or the quota calls lost in the interval (per-interval
// form). Adds nothing when the scenario has no campaign.
// REQUIRES: `results` are of `scenario`.
void outbound_charts(HtmlReport& page, const Scenario& scenario, const Results& results);

// `ccsim run --vs`: the totals of the campaigns of either scenario, KPI by KPI: base, variant
// and their paired difference (variant − base) with 95% CIs. Adds nothing when neither
// scenario has a campaign.
void paired_campaigns_table(HtmlReport& page, const PairedComparison& comparison);

}  // namespace ccsim::cli
