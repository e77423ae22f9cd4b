"""ccsim.frames: tidy DataFrames of a run, their shapes and types."""

import math

import pandas as pd
import pytest

import ccsim


@pytest.fixture(scope="module")
def day():
    result = ccsim.run("scenarios/bank_weekday.json", replications=3, seed=1)
    return result, ccsim.frames(result)


def test_totals_have_a_row_per_type_and_all_with_ci95_columns(day):
    result, f = day
    assert list(f.totals["contact_type"]) == ["all", "billing", "cards"]
    sl = result["totals"]["billing"]["service_level"]
    row = f.totals.set_index("contact_type").loc["billing"]
    assert row["service_level"] == sl["mean"]
    assert row["service_level_ci95"] == sl["ci95"]
    assert f.totals["offered"].dtype == "float64"


def test_intervals_have_a_row_per_interval_and_type_with_clock_labels(day):
    result, f = day
    assert f.intervals.shape[0] == 24 * 3
    assert list(f.intervals.columns[:4]) == ["interval", "start", "start_s", "contact_type"]
    first = f.intervals[(f.intervals.interval == 0) & (f.intervals.contact_type == "cards")]
    assert first["start"].item() == "08:00"
    assert f.intervals[f.intervals.interval == 1]["start"].iloc[0] == "08:30"
    assert first["asa_s"].item() == result["intervals"][0]["cards"]["asa_s"]["mean"]
    assert f.intervals["asa_s_ci95"].dtype == "float64"


def test_an_undefined_kpi_is_nan():
    result = ccsim.run("scenarios/bank_weekday.json", replications=2, seed=1)
    f = ccsim.frames(result)
    # No callbacks in this scenario: their mean wait is undefined everywhere.
    assert result["totals"]["billing"]["callback_wait_s"] is None
    assert math.isnan(f.totals.set_index("contact_type").loc["billing", "callback_wait_s"])


def test_groups_and_group_intervals(day):
    result, f = day
    assert list(f.groups["agent_group"]) == list(result["agent_groups"])
    assert f.group_intervals.shape[0] == 24 * len(result["agent_groups"])
    assert {"interval", "start", "agent_group", "occupancy", "occupancy_ci95",
            "scheduled"} <= set(f.group_intervals.columns)


def test_targets_list_the_checks_with_their_verdicts(day):
    result, f = day
    assert len(f.targets) == len(result["targets"]) > 0
    assert set(f.targets["verdict"]) <= {"met", "missed", "not_distinguishable"}
    assert {"contact_type", "kpi", "scope", "value", "ci95", "met"} <= set(f.targets.columns)


def test_a_week_has_dates_and_per_day_totals():
    result = ccsim.run("scenarios/contact_week.json", replications=1, seed=1)
    f = ccsim.frames(result)
    days = len(result["days"])
    assert days > 1
    assert pd.api.types.is_datetime64_any_dtype(f.intervals["date"])
    assert f.intervals["day"].nunique() == days
    assert len(f.days) == days * len(result["totals"])
    assert f.days.groupby("contact_type")["offered"].sum().to_dict() == pytest.approx(
        {t: kpis["offered"]["mean"] for t, kpis in result["totals"].items()})


def test_a_paired_comparison_gives_base_variant_and_difference_columns():
    result = ccsim.run("scenarios/erlang_a_check.json", vs="scenarios/erlang_a_check.json",
                       replications=2, seed=1)
    f = ccsim.frames(result)
    assert {"asa_s_base", "asa_s_base_ci95", "asa_s_variant", "asa_s_difference",
            "asa_s_difference_ci95"} <= set(f.totals.columns)
    assert (f.totals["asa_s_difference"] == 0).all()
