"""ccsim from Python gives what the program prints with --format json, for the same seed."""

import json
import math
from pathlib import Path

import pytest

import ccsim
from conftest import program_json

SMALL_DAY = {
    "name": "Small day",
    "horizon": {"interval_minutes": 30, "intervals": 4, "start": "08:00"},
    "simulation": {"replications": 3, "seed": 5},
    "contact_types": [{
        "name": "calls",
        "arrivals": {"per_interval": [40, 60, 70, 50]},
        "handle_time": {"dist": "exponential", "mean_s": 180},
        "patience": {"dist": "exponential", "mean_s": 200},
        "service_level": {"threshold_s": 20, "target": 0.8},
    }],
    "agent_groups": [{"name": "team", "skills": ["calls"],
                      "staff": {"per_interval": [4, 6, 7, 5]}}],
}


def test_contract_command_gives_what_the_program_prints():
    got = ccsim.run("scenarios/erlang_a_check.json", seed=3, replications=4)
    assert got == program_json("run", "scenarios/erlang_a_check.json", "--seed", "3",
                               "--replications", "4")


@pytest.mark.parametrize("scenario,replications", [
    ("scenarios/bank_weekday.json", 3),
    ("scenarios/multiskill_two_groups.json", 2),
    ("scenarios/wfm_export_day.json", 2),         # forecast and roster files beside it
    ("scenarios/bank_day_with_bot_and_callbacks.json", 2),
    ("scenarios/contact_week.json", 1),           # several days, dates
])
def test_run_gives_the_programs_numbers_for_several_scenarios(scenario, replications):
    got = ccsim.run(scenario, replications=replications, seed=11, threads=2)
    assert got == program_json("run", scenario, "--replications", str(replications),
                               "--seed", "11")


def test_a_dict_a_json_string_and_a_path_give_one_result(tmp_path):
    path = tmp_path / "day.json"
    path.write_text(json.dumps(SMALL_DAY))
    from_path = ccsim.run(path)
    assert ccsim.run(SMALL_DAY) == from_path
    assert ccsim.run(json.dumps(SMALL_DAY)) == from_path
    assert ccsim.run(str(path)) == from_path
    assert from_path["replications"] == 3 and from_path["seed"] == 5


def test_results_do_not_depend_on_the_thread_count():
    one = ccsim.run("scenarios/bank_weekday.json", replications=4, seed=2, threads=1)
    assert ccsim.run("scenarios/bank_weekday.json", replications=4, seed=2, threads=3) == one


def test_paired_comparison_is_the_programs():
    got = ccsim.run("scenarios/bank_weekday.json", vs="scenarios/bank_weekday.json",
                    replications=2, seed=4)
    want = program_json("run", "scenarios/bank_weekday.json", "--vs",
                        "scenarios/bank_weekday.json", "--replications", "2", "--seed", "4")
    assert got == want
    difference = got["totals"]["billing"]["service_level"]["difference"]
    assert difference == {"mean": 0.0, "ci95": 0.0}


def test_paired_comparison_of_dicts_names_them_not_temporary_files():
    more = json.loads(json.dumps(SMALL_DAY))
    more["agent_groups"][0]["staff"]["per_interval"] = [5, 7, 8, 6]
    got = ccsim.run(SMALL_DAY, vs=more)
    assert got["base"]["file"] == "<scenario>"
    assert got["variant"]["file"] == "<variant>"
    assert got["totals"]["calls"]["asa_s"]["difference"]["mean"] < 0


def test_staff_is_the_programs():
    got = ccsim.staff("scenarios/erlang_a_check.json", method="erlang")
    assert got == program_json("staff", "scenarios/erlang_a_check.json", "--method", "erlang")
    assert got["agent_groups"]["agents"]["per_interval"]


def test_sweep_is_the_programs():
    got = ccsim.sweep("scenarios/erlang_a_check.json",
                      {"/horizon/duration_s": [7200], "/agent_groups/0/staff/count": [30, 33]},
                      replications=2, seed=1)
    want = program_json("sweep", "scenarios/erlang_a_check.json",
                        "--set", "/horizon/duration_s=7200",
                        "--set", "/agent_groups/0/staff/count=30,33",
                        "--replications", "2", "--seed", "1")
    assert got == want


def test_compare_is_the_programs():
    got = ccsim.compare("tests/data/compare_scenario.json", "tests/data/measured_intervals.csv",
                        replications=3, seed=2)
    assert got == program_json("compare", "tests/data/compare_scenario.json", "--measured",
                               "tests/data/measured_intervals.csv", "--replications", "3",
                               "--seed", "2")


def test_calibrate_is_the_programs_and_its_scenario_runs():
    got = ccsim.calibrate("tests/data/anonymous_bank_sample.txt", preset="anonymous-bank",
                          days="sun-thu")
    assert got == program_json("calibrate", "tests/data/anonymous_bank_sample.txt", "--preset",
                               "anonymous-bank", "--days", "sun-thu")
    assert ccsim.validate(got) == []


def test_calibrate_reads_several_logs_and_predicts_other_days_as_the_program(tmp_path):
    with open("tests/data/anonymous_bank_sample.txt") as f:
        header, *rows = f.read().splitlines()
    on3 = [r for r in rows if "\t990103\t" in r]
    first, third = tmp_path / "first.txt", tmp_path / "third.txt"
    first.write_text("\n".join([header, *[r for r in rows if r not in on3]]) + "\n")
    third.write_text("\n".join([header, *on3]) + "\n")
    got = ccsim.calibrate([first, third], days="1999-01-01", predict_days="1999-01-03&sun",
                          patience="exponential")
    assert got == program_json("calibrate", str(first), str(third), "--days", "1999-01-01",
                               "--predict-days", "1999-01-03&sun", "--patience", "exponential")
    assert got["name"].startswith("Predicted from first.txt + third.txt")


@pytest.mark.parametrize("model,options", [
    ("b", {"arrivals_per_hour": 100, "aht_s": 180, "agents": 8}),
    ("c", {"arrivals_per_hour": 600, "aht_s": 180, "threshold_s": 20, "target_sl": 0.8}),
    ("a", {"arrivals_per_hour": 600, "aht_s": 180, "patience_s": 300, "agents": 32,
           "threshold_s": 20}),
])
def test_erlang_is_the_programs(model, options):
    got = getattr(ccsim, "erlang_" + model)(**options)
    args = []
    for name, value in options.items():
        args += ["--" + name.replace("_", "-"), str(value)]
    assert got == program_json("erlang", "--model", model, *args)


def _erlang_c_service_level(load, agents, aht_s, threshold_s):
    """The textbook Erlang C service level, summed term by term (independent of ccsim)."""
    term, below = 1.0, 0.0
    for k in range(agents):
        below += term
        term *= load / (k + 1)
    waiting = term * agents / (agents - load)
    p_wait = waiting / (below + waiting)
    return 1 - p_wait * math.exp(-(agents - load) * threshold_s / aht_s)


def test_erlang_c_finds_the_fewest_agents_for_80_20():
    got = ccsim.erlang_c(arrivals_per_hour=600, aht_s=180, threshold_s=20, target_sl=0.8)
    n = got["agents"]
    assert _erlang_c_service_level(30.0, n, 180, 20) >= 0.8
    assert _erlang_c_service_level(30.0, n - 1, 180, 20) < 0.8
    assert got["service_level"] == pytest.approx(_erlang_c_service_level(30.0, n, 180, 20),
                                                 rel=1e-9)
