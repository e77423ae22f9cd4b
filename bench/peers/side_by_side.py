#!/usr/bin/python3
"""Runs ccsim and the SimPy model of the same Erlang-A queue one after the other, single
threaded, and prints customers per second of each, their ratio, and the KPIs of both.

Usage (from the project root, after building): bench/peers/side_by_side.py [CCSIM] [REPS]
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CCSIM = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "ccsim")
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
SCENARIO = os.path.join(HERE, "erlang_a_190.json")
HORIZON_S, WARMUP_S = 100000, 1000

start = time.perf_counter()
out = subprocess.run([CCSIM, "run", SCENARIO, "--replications", str(REPS), "--threads", "1",
                      "--quiet", "--format", "json"], check=True, capture_output=True, text=True)
ccsim_wall = time.perf_counter() - start
ccsim = json.loads(out.stdout)["totals"]["all"]
# Offered counts customers after warm-up; the whole horizon was simulated.
ccsim_customers = REPS * HORIZON_S * 1.0
ccsim_rate = ccsim_customers / ccsim_wall

out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "erlang_a_simpy.py"),
                      str(HORIZON_S), "1", str(WARMUP_S)], check=True, capture_output=True,
                     text=True)
simpy = json.loads(out.stdout)

print(f"ccsim: {REPS} replications x {HORIZON_S} s, {ccsim_customers:.0f} expected customers "
      f"in {ccsim_wall:.2f} s: {ccsim_rate:,.0f} customers/s")
print(f"SimPy: 1 replication x {HORIZON_S} s, {simpy['customers']} customers in "
      f"{simpy['wall_s']:.2f} s: {simpy['customers_per_s']:,.0f} customers/s")
print(f"ratio ccsim / SimPy: {ccsim_rate / simpy['customers_per_s']:.1f}x")
print()
print(f"{'KPI':15} {'ccsim (mean ± 95% CI)':>26} {'SimPy (batch means ± 95% CI)':>32}  agree?")
for kpi in ("abandon_rate", "asa_s", "service_level"):
    c, p = ccsim[kpi], simpy[kpi]
    # Independent estimates agree when their difference is within the combined half-widths.
    agree = abs(c["mean"] - p["mean"]) <= (c["ci95"] ** 2 + p["ci95"] ** 2) ** 0.5
    print(f"{kpi:15} {c['mean']:>16.5f} ± {c['ci95']:.5f} {p['mean']:>20.5f} ± {p['ci95']:.5f}"
          f"  {'yes' if agree else 'NO'}")
