// Measured KPIs: a centre's own figures per interval and contact type, from an interval report
// (CSV) or aggregated from a per-contact log, and their comparison with predictions (the
// simulation's, and optionally a per-interval Erlang A model's).
//
// Definitions follow kpi.h, so that a measured figure and a predicted one mean the same thing:
// a contact belongs to the interval of its arrival; counts are per day (a log of D days gives
// totals ÷ D); ratios and means are pooled over the days (e.g. asa_s is the mean wait of every
// answered contact of the interval over all D days).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/centre/experiment.h"
#include "models/kpi/kpi.h"
#include "models/measured/contact_log.h"
#include "models/scenario/scenario.h"

namespace ccsim {

// The KPIs a centre measures, in column order of the measured CSV. A log measures blocked and
// block_rate only for types with lines or a queue cap, overflowed and messages only for types
// that overflow or take messages (aggregate_log).
inline constexpr std::array<Kpi, 11> kMeasuredKpis{
    Kpi::Offered, Kpi::Answered, Kpi::Abandoned, Kpi::AbandonRate, Kpi::Asa,     Kpi::ServiceLevel,
    Kpi::Aht,     Kpi::Blocked,  Kpi::BlockRate, Kpi::Overflowed,  Kpi::Messages};
// Position of `kpi` in kMeasuredKpis; nullopt if it is not measured.
std::optional<std::size_t> measured_index(Kpi kpi);

struct MeasuredRow {
  int interval = 0;
  int type = 0;  // index into the scenario's contact types; == number of types: all types
  std::array<std::optional<double>, kMeasuredKpis.size()> value{};
  std::size_t line = 0;  // line of the interval report (0 for aggregated logs)
  std::optional<double> get(Kpi kpi) const;
};

struct MeasuredTable {
  std::string source;  // the file
  std::string kind;    // "intervals" (a report) or "log"
  int days = 1;        // days each figure averages over
  std::vector<MeasuredRow> rows;
  // Rows of the file and what became of them.
  std::size_t rows_read = 0;
  std::size_t bad_rows = 0;
  // Problems: a non-empty `fatal` or any error means bad input. Row errors read
  // "FILE line N: COLUMN: RULE (got "VALUE")"; at most kMaxRowMessages, then a count.
  std::optional<std::string> fatal;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  // Log aggregation only: contacts left out.
  std::size_t outside_days = 0;     // on days not selected
  std::size_t outside_horizon = 0;  // arrived before the horizon start or after its end
  std::size_t unknown_type = 0;     // of a contact type the scenario does not have
};

// Reads an interval report: a CSV with a header, columns
//   interval,date,contact_type,offered,answered,abandoned,abandon_rate,asa_s,service_level,aht_s
// of which only `interval` is required (contact_type too when the scenario has several types),
// in any order, named as WFM exports name them: case-insensitively, spaces or hyphens for '_',
// a trailing "(unit)" dropped, and synonyms ("Calls Offered", "Handled", "ASA", "SL %", ...:
// report_columns in interval_report.cpp, listed in tools/README.md). `interval` is a 0-based
// index or the HH:MM start of an interval of the scenario; contact_type a type of the scenario
// or "all"; an empty cell is not measured. A share (service_level, abandon_rate) is in [0, 1] or
// a percentage ("81.3%", or any number under a header holding '%'); a time (asa_s, aht_s) is
// seconds or mm:ss / h:mm:ss.
// `date` ("YYYY-MM-DD"): over a horizon of several days, the day of the horizon (matched from
// its start_date); on a one-day horizon, one measured day of the typical day: the rows of every
// date are pooled (pool_days: counts averaged, ratios weighted by their contacts) and `days` is
// the number of dates (then `days` given must be 1). Without dates each figure is taken to
// average over `days` days. abandon_rate, when absent, is derived from answered and abandoned.
// Header problems are reported all at once: one in `fatal`, several in `errors` with a summary
// in `fatal`.
MeasuredTable read_measured_csv(const std::filesystem::path& file, const Scenario& scenario,
                                int days);

// Aggregates the contacts of `log` on the selected days into the scenario's intervals (by
// arrival; the horizon starts at the scenario's start clock time for dated logs, at 0 for ccsim
// logs), per contact type of the scenario (matched by name; a log with one type and a scenario
// with one type match whatever their names) and for all types when the scenario has several.
// The figures are the kpi package's, from the contacts' records (contact_record) accumulated
// in ContactStats as the simulation's are: one definition for both (kpi.h; so answered
// contacts with an unknown wait are left out of asa_s and service_level, those with an unknown
// talk time out of aht_s, callbacks out of asa_s and service_level). `threshold` of
// service_level: each type's service_level.threshold_s.
MeasuredTable aggregate_log(const ContactLog& log, const Scenario& scenario,
                            const DaySelection& days);

// One predicted figure beside its measured value.
struct ComparisonRow {
  int interval = 0;
  int type = 0;  // as MeasuredRow::type
  Kpi kpi = Kpi::Offered;
  double predicted = 0.0;
  std::optional<double> ci95;  // half-width of the 95% CI of the predicted mean (simulation)
  // Half-width of the 95% prediction interval of the measured figure, an average over D days
  // against n replications: ci95 × √(1 + n/D) (the CI of the mean would only cover the
  // measured value if the centre's days had no randomness); with uncertain inputs, wider
  // (prediction_half_width).
  std::optional<double> pi95;
  double measured = 0.0;
  double weight = 0.0;         // measured offered (else predicted offered) of the interval
  std::optional<bool> within;  // |predicted − measured| <= pi95
  double error() const { return predicted - measured; }
};

// Accuracy of one KPI over the rows of one scope, weighted by offered volume (so that an
// interval with 3 calls cannot dominate): with weights w, errors e = predicted − measured,
//   mape          = Σ w|e|/|measured| ÷ Σ w   over rows whose measured value is not 0
//   bias          = Σ w e ÷ Σ w                (in the KPI's unit)
//   relative_bias = Σ w e ÷ Σ w·measured
//   within        = Σ w·[measured within pi95] ÷ Σ w   (simulation only)
// rows counts every compared row; within_rows the rows within their interval.
struct KpiSummary {
  Kpi kpi = Kpi::Offered;
  std::size_t rows = 0;
  std::size_t within_rows = 0;
  double weight = 0.0;
  std::optional<double> mape, bias, relative_bias, within;
};

struct ModelComparison {
  std::string model;  // "simulation", "erlang_a" or "transient"
  std::string label;  // for tables and charts: "simulation", "Erlang A", "transient"
  std::vector<ComparisonRow> rows;
  // summary[k][q]: scope k (a type; k == types: all) and KPI kMeasuredKpis[q].
  std::vector<std::array<KpiSummary, kMeasuredKpis.size()>> summary;
};

struct Comparison {
  ModelComparison simulation;
  std::optional<ModelComparison> erlang_a;
  std::optional<ModelComparison> transient;
  // The analytic models compared (no confidence intervals), in this order: Erlang A, transient.
  std::vector<const ModelComparison*> analytic() const;
};

// Per interval, the Erlang A (M/M/n+M) model of the whole scenario as one queue: arrivals of
// every type pooled; AHT their arrival-weighted mean (handle + wrap-up); abandonment rate 1/θ
// the arrival-weighted mean of the types' 1/patience means (types without patience count 0);
// n the time-average of the agents on duty after shrinkage over the interval, fractional n
// interpolated linearly between ⌊n⌋ and ⌊n⌋+1 agents; service-level threshold that of the first
// type. Flows (self-service, bot, callbacks, retrials) are not modelled.
struct ErlangInterval {
  double arrivals_per_hour = 0.0;
  double aht_s = 0.0;
  std::optional<double> patience_s;  // nullopt: nobody abandons (Erlang C)
  double agents = 0.0;
  double offered = 0.0, answered = 0.0, abandoned = 0.0;
  std::optional<double> abandon_rate, asa_s, service_level;
};
std::vector<ErlangInterval> erlang_a_by_interval(const Scenario& scenario);
// Erlang A of contact type k alone, served by the groups skilled for it; nullopt when one of
// them is skilled for another type too (blended agents: no stand-alone queue).
std::optional<std::vector<ErlangInterval>> erlang_a_of_type(const Scenario& scenario, int k);

// Half-width of the 95% prediction interval of a figure measured as the average of D days,
// predicted by the mean of n replications with the inputs at their estimates (95% CI
// half-width `ci95`), when the same replications with the inputs drawn from their uncertainty
// (AgentGroup::availability_cv) have `ci95_uncertain`. With s₀² the replications' variance and
// s² that with uncertain inputs, the measured average differs from the prediction by the
// day-to-day noise s₀²/D, the inputs' error s² − s₀² (the same on every measured day, so not
// divided by D) and the prediction's own s₀²/n; in CI units:
//   √(ci95² · (1 + n/D) + max(0, ci95_uncertain² − ci95²) · n).
// Certain inputs (equal CIs) give ci95 · √(1 + n/D).
// REQUIRES: n >= 1, days >= 1.
double prediction_half_width(double ci95, double ci95_uncertain, std::size_t n, double days);

// Compares `results` (of `scenario`) with `measured`, and Erlang A when asked (each type its
// own agents serve alone, and "all" but for what it does not pool), and the transient model's
// results when given (every scope, as the simulation's: models/planning/transient_model.h).
// With uncertain inputs (has_input_uncertainty), `results` are those of the scenario with its
// inputs at their estimates (without_input_uncertainty) and `uncertain_inputs` those of the
// scenario itself, same replications: the prediction is the former, and its prediction
// intervals add the spread of the latter (prediction_half_width); without, the inputs are
// taken as certain.
Comparison compare_with_measured(const Scenario& scenario, const Results& results,
                                 const MeasuredTable& measured, bool with_erlang_a,
                                 const Results* transient = nullptr,
                                 const Results* uncertain_inputs = nullptr);

}  // namespace ccsim
