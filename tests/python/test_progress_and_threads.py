"""Progress callbacks, stopping a run (Ctrl-C, an exception from the callback), and runs from
several Python threads at once."""

import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import ccsim
from conftest import SOURCE_DIR

LONG_RUN = textwrap.dedent("""
    import sys, ccsim
    def progress(done, total):
        print(done, total, flush=True)
    try:
        ccsim.run("scenarios/erlang_a_check.json", replications=100000, threads=2,
                  progress=progress)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(3)
    print("finished", flush=True)
""")


def test_progress_is_called_on_the_calling_thread_up_to_the_total():
    calls = []
    ccsim.run("scenarios/erlang_a_check.json", replications=6, threads=2,
              progress=lambda done, total: calls.append((done, total, threading.get_ident())))
    assert calls[-1][:2] == (6, 6)
    assert [done for done, _, _ in calls] == sorted({done for done, _, _ in calls})
    assert {ident for _, _, ident in calls} == {threading.get_ident()}


class FakeTqdm:
    """What ccsim uses of a tqdm bar: total and update(n)."""

    def __init__(self):
        self.total = None
        self.n = 0

    def update(self, n):
        self.n += n


def test_a_tqdm_bar_is_advanced_to_the_replications():
    bar = FakeTqdm()
    ccsim.run("scenarios/erlang_a_check.json", replications=5, threads=2, progress=bar)
    assert (bar.total, bar.n) == (5, 5)


def test_an_exception_from_progress_stops_the_run_and_is_raised():
    calls = []

    def progress(done, total):
        calls.append(done)
        if done >= 2:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        ccsim.run("scenarios/erlang_a_check.json", replications=100000, threads=2,
                  progress=progress)
    assert calls[-1] >= 2 and len(calls) == len(set(calls))
    # The module is usable afterwards, with the same numbers as before.
    assert ccsim.run("scenarios/erlang_a_check.json", replications=2, seed=1) == ccsim.run(
        "scenarios/erlang_a_check.json", replications=2, seed=1, threads=1)


def test_ctrl_c_stops_a_long_run_with_keyboard_interrupt():
    child = subprocess.Popen([sys.executable, "-c", LONG_RUN], cwd=SOURCE_DIR,
                             stdout=subprocess.PIPE, text=True)
    try:
        first = child.stdout.readline().split()  # the run is under way
        assert first and first[1] == "100000"
        child.send_signal(signal.SIGINT)
        rest, _ = child.communicate(timeout=300)
    finally:
        child.kill()
    assert child.returncode == 3
    lines = rest.splitlines()
    assert lines[-1] == "interrupted"
    done = [int(line.split()[0]) for line in lines[:-1]] or [int(first[0])]
    assert done[-1] < 100000


def test_two_python_threads_run_at_once_with_the_numbers_of_one_at_a_time():
    jobs = [("scenarios/bank_weekday.json", 7), ("scenarios/multiskill_two_groups.json", 8)]
    alone = [ccsim.run(s, replications=3, seed=seed, threads=1) for s, seed in jobs]
    together = [None, None]

    def work(k):
        s, seed = jobs[k]
        together[k] = ccsim.run(s, replications=3, seed=seed, threads=1)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone


def test_a_run_and_a_sweep_from_two_threads():
    sweep_args = ("scenarios/erlang_a_check.json", {"/agent_groups/0/staff/count": [31, 32]})
    want_sweep = ccsim.sweep(*sweep_args, replications=2, seed=1)
    want_run = ccsim.run("scenarios/bank_weekday.json", replications=2, seed=1)
    got = {}
    t = threading.Thread(target=lambda: got.update(
        sweep=ccsim.sweep(*sweep_args, replications=2, seed=1)))
    t.start()
    got["run"] = ccsim.run("scenarios/bank_weekday.json", replications=2, seed=1)
    t.join()
    assert got == {"sweep": want_sweep, "run": want_run}


def test_commands_report_their_progress():
    points = []
    ccsim.sweep("scenarios/erlang_a_check.json", {"/agent_groups/0/staff/count": [30, 31, 32]},
                replications=2, progress=lambda done, total: points.append((done, total)))
    assert points[-1] == (3, 3)
    replications = []
    ccsim.compare("tests/data/compare_scenario.json", "tests/data/measured_intervals.csv",
                  replications=4, progress=lambda done, total: replications.append((done, total)))
    assert replications[-1] == (4, 4)


def test_an_exception_from_progress_stops_a_staffing_search():
    iterations = []

    def progress(done, total):
        iterations.append(done)
        raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        ccsim.staff("scenarios/bank_weekday.json", replications=2, progress=progress)
    assert len(iterations) == 1
