"""ccsim from Python: the contact-centre simulator's commands as functions.

Every function runs the same C++ code as the program ``ccsim`` inside this process (no program
is started) and returns what the command prints with ``--format json``, parsed::

    import ccsim
    result = ccsim.run("scenarios/erlang_a_check.json", seed=3, replications=4)
    result["totals"]["calls"]["service_level"]   # {"mean": ..., "ci95": ...}

A scenario is a dict, a JSON string (text starting with ``{``) or a path. Relative file paths
inside a dict or a JSON string (arrival traces, forecast and roster files) are read relative to
the current directory; inside a file, relative to the file's folder, as in the program.

A bad scenario raises :class:`ScenarioError` whose ``problems`` list every problem as
``(path, message)``; a bad option raises ``ValueError`` with the program's message; a scenario's
warnings are issued as :class:`ScenarioWarning`. ``frames(result)`` turns a result into pandas
DataFrames (pandas needed for that function only).
"""

import json
import os
import shutil
import tempfile
import warnings
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _ccsim
from .frames import frames

__all__ = [
    "Problem", "ScenarioError", "ScenarioWarning", "run", "validate", "staff", "sweep",
    "compare", "calibrate", "erlang_b", "erlang_c", "erlang_a", "frames",
]

Scenario = Union[Mapping[str, Any], str, "os.PathLike[str]"]


class Problem(NamedTuple):
    """One problem of a scenario: where (a JSON path such as
    ``contact_types[0].handle_time.mean_s``, or a file) and what rule it breaks."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioError(ValueError):
    """A scenario with problems; nothing was run. ``problems``: every Problem, in the order the
    program prints them; ``scenario``: which scenario has them, "scenario" or (``run(...,
    vs=...)``) "vs", which also prefixes the message."""

    def __init__(self, problems: Sequence[Problem], scenario: str = "scenario"):
        self.problems: List[Problem] = list(problems)
        self.scenario = scenario
        prefix = "" if scenario == "scenario" else scenario + ": "
        super().__init__("\n".join(prefix + str(p) for p in self.problems))


class ScenarioWarning(UserWarning):
    """A scenario's warning (e.g. a key that has no effect); the run goes on."""


def _problem(line: str) -> Problem:
    path, sep, message = line.partition(": ")
    return Problem(path, message) if sep else Problem("", line)


def _warn(lines: Sequence[str]) -> None:
    for line in lines:
        warnings.warn(line, ScenarioWarning, stacklevel=3)


# ---- arguments, checked as the program checks its options --------------------------------


def _integer(name: str, value: Any, low: int, high: int, rule: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name}: must be {rule} (got {value!r})")
    return value


def _replications(value: Optional[int]) -> Optional[int]:
    if value is None:
        return None
    return _integer("replications", value, 1, 1_000_000, "an integer from 1 to 1000000")


def _seed(value: Optional[int]) -> Optional[int]:
    if value is None:
        return None
    return _integer("seed", value, 0, 2**63 - 1, "an integer >= 0")


def _threads(value: int) -> int:
    return _integer("threads", value, 0, 4096, "an integer from 0 to 4096")


def _source(scenario: Scenario):
    """(text or path, is_text) for the native reader."""
    if isinstance(scenario, Mapping):
        return json.dumps(scenario), True
    if isinstance(scenario, str) and scenario.lstrip().startswith("{"):
        return scenario, True
    if isinstance(scenario, (str, os.PathLike)):
        return os.fspath(scenario), False
    raise TypeError("scenario: must be a dict, a JSON string or a path "
                    f"(got {type(scenario).__name__})")


def _progress_callback(progress: Any) -> Optional[Callable[[int, int], None]]:
    """`progress` as a callable (done, total): a callable as is; an object with update(n),
    such as a tqdm bar, advanced by each replication finished (its total set when unset)."""
    if progress is None:
        return None
    if hasattr(progress, "update") and not callable(progress):
        seen = [0]

        def advance(done: int, total: int) -> None:
            if getattr(progress, "total", None) is None:
                progress.total = total
            progress.update(done - seen[0])
            seen[0] = done

        return advance
    if not callable(progress):
        raise TypeError("progress: must be a callable (done, total) or have update(n), like tqdm")
    return progress


# ---- run and validate: native ------------------------------------------------------------


def run(scenario: Scenario, replications: Optional[int] = None, seed: Optional[int] = None,
        threads: int = 0, vs: Optional[Scenario] = None, progress: Any = None) -> Dict[str, Any]:
    """Simulates `scenario`; returns the dict ``ccsim run --format json`` prints (the same
    numbers for the same seed, whatever `threads`).

    replications, seed: override the scenario's ``simulation`` settings (Default: the
    scenario's). threads: worker threads, 0 (Default) every core. vs: a variant scenario: the
    paired comparison of ``ccsim run BASE --vs VARIANT`` (common random numbers). progress:
    called as ``progress(done, total)`` as replications finish, on the calling thread, or a
    tqdm bar (its ``update``). The GIL is released while simulating; Ctrl-C stops the run after
    the replications under way and raises KeyboardInterrupt (so does an exception raised by
    `progress`, which is raised in turn).
    """
    replications, seed, threads = _replications(replications), _seed(seed), _threads(threads)
    if vs is not None:
        args = ["--replications", str(replications)] if replications is not None else []
        args += ["--seed", str(seed)] if seed is not None else []
        with _Files() as files:
            return files.json_command(["run", files.scenario(scenario), "--vs",
                                       files.scenario(vs, "vs"), "--threads",
                                       str(threads), *args], progress)
    source, is_text = _source(scenario)
    out = _ccsim.run(source, is_text, replications, seed, threads, _progress_callback(progress))
    if out["errors"]:
        raise ScenarioError([_problem(e) for e in out["errors"]])
    _warn(out["warnings"])
    return out["result"]


def validate(scenario: Scenario) -> List[Problem]:
    """Every problem of `scenario` (empty when it is valid), as ``ccsim validate`` lists them;
    its warnings are issued as ScenarioWarning."""
    source, is_text = _source(scenario)
    out = _ccsim.validate(source, is_text)
    _warn(out["warnings"])
    return [_problem(e) for e in out["errors"]]


# ---- the other commands: the program's command functions, in process ----------------------


def _option_args(options: Mapping[str, Any]) -> List[str]:
    """Keyword arguments as the program's options: name_with_underscores=value becomes
    --name-with-underscores VALUE; True a switch alone; False and None left out; a list or
    tuple the option repeated."""
    args: List[str] = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            args.append(flag)
            continue
        for v in value if isinstance(value, (list, tuple)) else [value]:
            args += [flag, os.fspath(v) if isinstance(v, os.PathLike) else str(v)]
    return args


_FILE_KEYS = (("contact_types", "arrivals", "trace"), ("agent_groups", "staff", "file"))


def _absolute_files(document: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of `document` whose relative file paths are made absolute against the current
    directory, so that the scenario reads the same files from a temporary folder."""
    doc = json.loads(json.dumps(document))

    def fix(holder: Any, key: str) -> None:
        if isinstance(holder, dict) and isinstance(holder.get(key), str):
            holder[key] = os.path.abspath(holder[key])

    for listed, inner, key in _FILE_KEYS:
        for item in doc.get(listed, []) if isinstance(doc.get(listed), list) else []:
            if isinstance(item, dict):
                fix(item.get(inner), key)
    fix(doc.get("forecast"), "file")
    return doc


class _Files:
    """Scenarios given as dicts or JSON text written to a temporary folder for the program's
    command functions, which read files; removed on exit."""

    def __init__(self) -> None:
        self.dir: Optional[str] = None
        self.names: Dict[str, str] = {}

    def __enter__(self) -> "_Files":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def scenario(self, scenario: Scenario, role: str = "scenario") -> str:
        """A path to `scenario` for the program's reader. Raises ScenarioError, naming `role`,
        when the scenario has problems, before any command runs."""
        source, is_text = _source(scenario)
        checked = _ccsim.validate(source, is_text)
        if checked["errors"]:
            raise ScenarioError([_problem(e) for e in checked["errors"]], role)
        if not is_text:
            return source
        try:
            document = json.loads(source)
        except ValueError:
            document = None
        text = json.dumps(_absolute_files(document)) if isinstance(document, dict) else source
        if self.dir is None:
            self.dir = tempfile.mkdtemp(prefix="ccsim-")
        path = os.path.join(self.dir, role + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.names[path] = "<variant>" if role == "vs" else "<scenario>"
        return path

    def _named(self, text: str) -> str:
        for path, name in self.names.items():
            text = text.replace(path, name)
        return text

    def json_command(self, args: List[str], progress: Any = None) -> Dict[str, Any]:
        code, out, err = _ccsim.command([*args, "--format", "json", "--quiet"],
                                        _progress_callback(progress))
        lines = self._named(err).splitlines()
        _warn([l[len("warning: "):] for l in lines if l.startswith("warning: ")])
        errors = [l[len("error: "):] for l in lines if l.startswith("error: ")]
        if code == 2:  # the scenarios were valid (scenario()): a bad option or input file
            raise ValueError("\n".join(errors) if errors else self._named(err).strip())
        if code != 0:
            raise RuntimeError(self._named(err).strip() or f"ccsim {args[0]} failed ({code})")
        result = json.loads(out.decode("utf-8"))
        if isinstance(result, dict):
            for key in ("file",):
                if isinstance(result.get(key), str):
                    result[key] = self._named(result[key])
            for role in ("base", "variant"):
                if isinstance(result.get(role), dict) and isinstance(result[role].get("file"), str):
                    result[role]["file"] = self._named(result[role]["file"])
        return result


def _common(replications: Optional[int], seed: Optional[int], threads: int) -> Dict[str, Any]:
    return {"replications": _replications(replications), "seed": _seed(seed),
            "threads": _threads(threads) or None}  # 0, the program's default: left out


def staff(scenario: Scenario, replications: Optional[int] = None, seed: Optional[int] = None,
          threads: int = 0, progress: Any = None, **options: Any) -> Dict[str, Any]:
    """Required agents per interval and group: the dict of ``ccsim staff --format json``.
    `options` are the command's options by name, e.g. ``method="erlang"``, ``sl="0.9/20"``,
    ``volume_factor=1.1`` (tools/README.md, "Staffing"). progress: as run's, counting the
    search's iterations (of at most its budget; with ``volume_factor`` the forecast's search
    is counted first, then the what-if's); Ctrl-C stops the search between two."""
    with _Files() as files:
        args = _option_args({**_common(replications, seed, threads), **options})
        return files.json_command(["staff", files.scenario(scenario), *args], progress)


def _sweep_values(values: Any) -> str:
    if isinstance(values, str):  # a range "a:b:c" or the program's own list text
        return values
    return ",".join(json.dumps(v) for v in values)


def sweep(scenario: Scenario, parameters: Mapping[str, Any], replications: Optional[int] = None,
          seed: Optional[int] = None, threads: int = 0, progress: Any = None,
          **options: Any) -> Dict[str, Any]:
    """A grid of variants: ``ccsim sweep --format json`` with one ``--set POINTER=VALUES`` per
    entry of `parameters` ({JSON pointer: list of values, or a range text "a:b:c"}), in order
    (the last varies fastest). `options`: the command's other options, e.g. ``zip=True``.
    progress: as run's, counting points. Ctrl-C (or an exception from `progress`) stops the
    sweep once the points under way finish, and raises; with a resumable ``out`` file
    (``.csv`` or ``.jsonl``) the same call again resumes it."""
    sets = [f"{pointer}={_sweep_values(values)}" for pointer, values in parameters.items()]
    with _Files() as files:
        args = _option_args({**_common(replications, seed, threads), "set": sets, **options})
        return files.json_command(["sweep", files.scenario(scenario), *args], progress)


def compare(scenario: Scenario, measured: Union[str, "os.PathLike[str]"],
            replications: Optional[int] = None, seed: Optional[int] = None, threads: int = 0,
            progress: Any = None, **options: Any) -> Dict[str, Any]:
    """Predicted against measured KPIs: ``ccsim compare SCENARIO --measured FILE --format
    json``; `options` as the command's (e.g. ``days="sun-thu"``); progress and Ctrl-C as
    run's."""
    with _Files() as files:
        args = _option_args({**_common(replications, seed, threads), "measured": measured,
                             **options})
        return files.json_command(["compare", files.scenario(scenario), *args], progress)


def calibrate(log: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]],
              **options: Any) -> Dict[str, Any]:
    """A scenario built from a per-contact log, or several read as one (a list of paths):
    ``ccsim calibrate LOG [LOG...] --format json``; `options` as the command's (e.g.
    ``preset="anonymous-bank"``, ``days="sun-thu"``, ``predict_days="..."``)."""
    logs = [log] if isinstance(log, (str, os.PathLike)) else list(log)
    with _Files() as files:
        return files.json_command(["calibrate", *map(os.fspath, logs), *_option_args(options)])


def _erlang(model: str, options: Mapping[str, Any]) -> Dict[str, Any]:
    with _Files() as files:
        return files.json_command(["erlang", "--model", model, *_option_args(options)])


def erlang_b(**options: Any) -> Dict[str, Any]:
    """Erlang B: ``ccsim erlang --model b --format json`` with the options by name, e.g.
    ``erlang_b(arrivals_per_hour=100, aht_s=180, agents=8)``."""
    return _erlang("b", options)


def erlang_c(**options: Any) -> Dict[str, Any]:
    """Erlang C: e.g. ``erlang_c(arrivals_per_hour=600, aht_s=180, threshold_s=20,
    target_sl=0.8)`` finds the fewest agents meeting 80/20."""
    return _erlang("c", options)


def erlang_a(**options: Any) -> Dict[str, Any]:
    """Erlang A (with abandonment): e.g. ``erlang_a(arrivals_per_hour=600, aht_s=180,
    patience_s=120, agents=32)``."""
    return _erlang("a", options)
