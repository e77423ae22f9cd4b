"""The cost of calling ccsim from Python: one replication of a 48-interval day
(scenarios/realistic_day.json) by ccsim.run against the same work inside the program.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [ROUNDS]

The program's work is `ccsim run SCENARIO --replications 1 --threads 1 --format json --quiet`
(read, simulate, JSON text) less the start of the process (`ccsim --version`), both timed as
the median of ROUNDS runs (Default: 40); Python's is ccsim.run(SCENARIO, replications=1,
threads=1) (read, simulate, the result as Python objects), the median of ROUNDS calls. Runs are
interleaved so that a change in the machine's load touches both. Prints the medians and the
overhead of Python in per cent.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import ccsim

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = str(ROOT / "scenarios" / "realistic_day.json")
BINARY = os.environ.get("CCSIM_BINARY", str(ROOT / "build" / "ccsim"))


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    program_run = [BINARY, "run", SCENARIO, "--replications", "1", "--threads", "1",
                   "--format", "json", "--quiet"]
    program_start = [BINARY, "--version"]
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    python_calls, program_runs, program_starts = [], [], []
    ccsim.run(SCENARIO, replications=1, threads=1)  # warm caches once
    for _ in range(rounds):
        python_calls.append(timed(lambda: ccsim.run(SCENARIO, replications=1, threads=1)))
        program_runs.append(timed(lambda: subprocess.run(program_run, **quiet)))
        program_starts.append(timed(lambda: subprocess.run(program_start, **quiet)))
    py = statistics.median(python_calls)
    run = statistics.median(program_runs)
    start = statistics.median(program_starts)
    inside = run - start
    print(f"{rounds} rounds, {SCENARIO}")
    print(f"python ccsim.run(replications=1):      {py * 1e3:8.2f} ms")
    print(f"program run --replications 1:          {run * 1e3:8.2f} ms")
    print(f"program start (--version):             {start * 1e3:8.2f} ms")
    print(f"program work (run - start):            {inside * 1e3:8.2f} ms")
    print(f"python over the program's work:        {(py / inside - 1) * 100:+8.1f} %")


if __name__ == "__main__":
    main()
