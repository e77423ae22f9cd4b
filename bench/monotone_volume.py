#!/usr/bin/env python3
"""Does more volume ever need fewer agents? Staffs SCENARIO by simulation at volume factor 1 and
at each FACTOR (`ccsim staff --volume-factor`), same seed, and lists the (group, interval)s
whose agents on duty are fewer at the higher volume, and the intervals where all groups
together have fewer; then the agent-hours to schedule of the staffings at the FACTORs, in all,
and their simulations of the day; then the cells fewer between consecutive FACTORs above 1
(two what-ifs, each compared by `staff` with the forecast only). Two staffings run at a time.

usage: bench/monotone_volume.py CCSIM SCENARIO SEEDS FACTORS
  e.g. bench/monotone_volume.py build/ccsim scenarios/realistic_day.json 1,2,3,4,5 0.9,1.05,1.1,1.2

A factor below 1 is compared as factor → 1. A cell is marked "neighbour more" when the interval
before or after it has more agents at the higher volume (the backlog moved between them).
"""
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def staff(ccsim, scenario, seed, factor):
    cmd = [ccsim, "staff", scenario, "--format", "json", "--quiet", "--seed", str(seed)]
    if factor != 1.0:
        cmd += ["--volume-factor", str(factor)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(out.stderr)
    return json.loads(out.stdout)


def on_duty(plan):
    return {name: g["on_duty"] for name, g in plan["agent_groups"].items()}


def iterations(plan):
    """Simulations of the day: the what-if's and, when it was bounded, the forecast's."""
    return plan["iterations"] + plan.get("forecast", {}).get("iterations", 0)


def compare(low, high):
    """(group, interval, agents low, agents high, neighbour more) of the cells with fewer."""
    fewer = []
    for name, lo in low.items():
        hi = high[name]
        for i, (a, b) in enumerate(zip(lo, hi)):
            if b < a:
                near = [j for j in (i - 1, i + 1) if 0 <= j < len(lo)]
                fewer.append((name, i, a, b, any(hi[j] > lo[j] for j in near)))
    return fewer


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    ccsim, scenario = sys.argv[1], sys.argv[2]
    seeds = [int(s) for s in sys.argv[3].split(",")]
    factors = [float(f) for f in sys.argv[4].split(",") if float(f) != 1.0]
    keys = [(s, f) for s in seeds for f in factors + [1.0]]
    with ThreadPoolExecutor(2) as pool:
        outputs = dict(zip(keys, pool.map(lambda k: staff(ccsim, scenario, *k), keys)))
    plans = {k: on_duty(out) for k, out in outputs.items()}
    what_ifs = [out for (s, f), out in outputs.items() if f != 1.0]
    cells = fewer_cells = fewer_totals = 0
    for s in seeds:
        for f in factors:
            lo, hi = (1.0, f) if f > 1 else (f, 1.0)
            low, high = plans[(s, lo)], plans[(s, hi)]
            fewer = compare(low, high)
            n = len(next(iter(low.values())))
            cells += n * len(low)
            fewer_cells += len(fewer)
            totals = [i for i in range(n)
                      if sum(g[i] for g in high.values()) < sum(g[i] for g in low.values())]
            fewer_totals += len(totals)
            text = ", ".join(f"{g}@{i} {a}->{b}" + (" (neighbour more)" if m else "")
                             for g, i, a, b, m in fewer)
            print(f"seed {s}, {lo} -> {hi}: {len(fewer)} of {n * len(low)} fewer"
                  + (f": {text}" if fewer else "")
                  + (f"; all groups fewer at {totals}" if totals else ""))
    print(f"in all: {fewer_cells} of {cells} (group, interval)s fewer at the higher volume; "
          f"{fewer_totals} intervals with fewer agents in all")
    print(f"staffings at the factors: {sum(p['agent_hours'] for p in what_ifs):.2f} agent-hours "
          f"to schedule in all, {sum(iterations(p) for p in what_ifs)} simulations of the day")
    above = sorted(f for f in factors if f > 1)
    between = between_cells = 0
    for s in seeds:
        for lo, hi in zip(above, above[1:]):
            low = plans[(s, lo)]
            between += len(compare(low, plans[(s, hi)]))
            between_cells += len(low) * len(next(iter(low.values())))
    if between_cells:
        print(f"between consecutive factors above 1 (what-if against what-if): {between} of "
              f"{between_cells} (group, interval)s fewer at the higher volume")


main()
