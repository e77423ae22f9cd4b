"""Bad scenarios raise ScenarioError with every problem as (JSON path, message), as the program
prints them; bad options raise ValueError with the program's rule."""

import json

import pytest

import ccsim
from conftest import program

BAD = {
    "name": "Bad",
    "horizon": {"duration_s": 3600},
    "contact_types": [{
        "name": "billing",
        "arrivals": {"rate_per_hour": 10},
        "handle_time": {"dist": "exponential", "mean_s": -3},
    }],
    "agent_groups": [{"name": "team", "skills": ["billing", "biling"], "staff": {"count": 2}}],
}

PROBLEMS = [
    ccsim.Problem("contact_types[0].handle_time.mean_s", "must be > 0 (got -3)"),
    ccsim.Problem("agent_groups[0].skills[1]",
                  'must be the name of a contact type (got "biling"); did you mean "billing"?'),
]


def test_run_of_a_bad_scenario_raises_every_problem_with_its_path():
    with pytest.raises(ccsim.ScenarioError) as raised:
        ccsim.run(BAD)
    assert raised.value.problems == PROBLEMS
    assert str(raised.value) == (
        "contact_types[0].handle_time.mean_s: must be > 0 (got -3)\n"
        "agent_groups[0].skills[1]: "
        'must be the name of a contact type (got "biling"); did you mean "billing"?')


def test_problems_are_the_programs_lines(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(BAD))
    done = program("run", str(path), check_exit=2)
    assert [f"error: {p}" for p in PROBLEMS] == done.stderr.splitlines()


def test_validate_returns_the_problems_and_nothing_for_a_good_scenario():
    assert ccsim.validate(BAD) == PROBLEMS
    assert ccsim.validate("scenarios/bank_weekday.json") == []


@pytest.mark.parametrize("call", [
    lambda s: ccsim.staff(s, method="erlang"),
    lambda s: ccsim.sweep(s, {"/agent_groups/0/staff/count": [2, 3]}),
    lambda s: ccsim.run(s, vs=s),
])
def test_every_command_raises_scenario_error_for_a_bad_scenario(call):
    with pytest.raises(ccsim.ScenarioError) as raised:
        call(BAD)
    assert PROBLEMS[0] in raised.value.problems


def test_a_missing_file_is_a_problem_naming_it():
    with pytest.raises(ccsim.ScenarioError) as raised:
        ccsim.run("no/such/scenario.json")
    assert raised.value.problems[0].path == "no/such/scenario.json"


def test_malformed_json_text_names_line_and_column():
    with pytest.raises(ccsim.ScenarioError) as raised:
        ccsim.run('{"name": "x",\n "horizon": }')
    assert raised.value.problems[0].path == "<scenario>"
    assert raised.value.problems[0].message.startswith("invalid JSON at line 2, column 13: ")


def test_a_bad_variant_is_named_as_the_variant():
    with pytest.raises(ccsim.ScenarioError) as raised:
        ccsim.run("scenarios/erlang_a_check.json", vs=BAD)
    assert raised.value.scenario == "vs"
    assert raised.value.problems == PROBLEMS
    assert str(raised.value).startswith("vs: contact_types[0].handle_time.mean_s: ")


@pytest.mark.parametrize("kwargs,message", [
    ({"replications": 0}, "replications: must be an integer from 1 to 1000000 (got 0)"),
    ({"seed": -1}, "seed: must be an integer >= 0 (got -1)"),
    ({"threads": 5000}, "threads: must be an integer from 0 to 4096 (got 5000)"),
])
def test_bad_run_options_raise_value_error_with_the_rule(kwargs, message):
    with pytest.raises(ValueError) as raised:
        ccsim.run("scenarios/erlang_a_check.json", **kwargs)
    assert str(raised.value) == message
    assert not isinstance(raised.value, ccsim.ScenarioError)


def test_an_unknown_command_option_raises_value_error():
    with pytest.raises(ValueError) as raised:
        ccsim.staff("scenarios/erlang_a_check.json", methd="erlang")
    assert not isinstance(raised.value, ccsim.ScenarioError)
    assert str(raised.value) == "unrecognised option '--methd'"


def test_a_scenario_of_the_wrong_type_raises_type_error():
    with pytest.raises(TypeError):
        ccsim.run(42)


OVERLOADED = {
    "name": "Overloaded",
    "horizon": {"duration_s": 3600},
    "simulation": {"replications": 2},
    "contact_types": [{
        "name": "calls",
        "arrivals": {"rate_per_hour": 100},
        "handle_time": {"dist": "exponential", "mean_s": 180},
    }],
    "agent_groups": [{"name": "team", "skills": ["calls"], "staff": {"count": 2}}],
}


def test_a_scenarios_warning_is_a_scenario_warning_and_the_run_goes_on(tmp_path):
    path = tmp_path / "overloaded.json"
    path.write_text(json.dumps(OVERLOADED))
    printed = [line[len("warning: "):] for line in program("run", str(path), "--quiet")
               .stderr.splitlines() if line.startswith("warning: ")]
    assert printed and "exceeds capacity" in printed[0]
    with pytest.warns(ccsim.ScenarioWarning) as caught:
        result = ccsim.run(path)
    assert [str(w.message) for w in caught] == printed
    assert result["replications"] == 2
