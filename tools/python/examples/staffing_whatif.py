# %% [markdown]
# # Staffing what-if: the volume comes in 10% above forecast. Which intervals no longer meet
# # 80/20, and what do two more agents there buy?
#
# Cells (`# %%`) for Jupyter, VS Code or Spyder; also runs as a script:
#     /usr/bin/python3 tools/python/examples/staffing_whatif.py
# It simulates the retail bank weekday with 10% more contacts than forecast, on the planned
# staff and with two more agents in every interval whose service level is not met (missed, or
# not distinguishable at 95%), and plots the service level per interval of both against the
# target. The figure is written to staffing_whatif.png (or to the file named by the environment
# variable CCSIM_EXAMPLE_OUT).

# %%
import copy
import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; remove this line in a notebook to see figures inline
import matplotlib.pyplot as plt

import ccsim

# The source folder: three folders above this file; in a notebook, the current folder.
ROOT = Path(__file__).resolve().parents[3] if "__file__" in globals() else Path.cwd()
OUT = Path(os.environ.get("CCSIM_EXAMPLE_OUT", "staffing_whatif.png"))
with open(ROOT / "scenarios" / "bank_weekday.json") as f:
    plan = json.load(f)

# %% The planned staff, 10% more contacts than forecast
for contact_type in plan["contact_types"]:
    arrivals = contact_type["arrivals"]["per_interval"]
    contact_type["arrivals"]["per_interval"] = [round(1.1 * n, 1) for n in arrivals]
base = ccsim.run(plan, replications=10, seed=1)
frames = ccsim.frames(base)
sl = frames.intervals[frames.intervals.contact_type == "billing"].set_index("interval")
t = frames.targets
short = t[(t.scope == "interval") & (t.kpi == "service_level") & (t.verdict != "met")]
missed = sorted(set(short["index"].astype(int)))
print(f"service level not met in {len(missed)} of {len(sl)} intervals:",
      ", ".join(base["intervals"][i]["start"] for i in missed))

# %% What-if: two more agents in every interval that does not meet its service level
more = copy.deepcopy(plan)
staff = more["agent_groups"][0]["staff"]["per_interval"]
for i in missed:
    staff[i] += 2
whatif = ccsim.run(more, replications=10, seed=1)  # same seed: common random numbers
sl_more = ccsim.frames(whatif).intervals
sl_more = sl_more[sl_more.contact_type == "billing"].set_index("interval")
extra_hours = 2 * len(missed) * plan["horizon"]["interval_minutes"] / 60
print(f"+{extra_hours:g} agent-hours: total service level "
      f"{base['totals']['billing']['service_level']['mean']:.3f} -> "
      f"{whatif['totals']['billing']['service_level']['mean']:.3f}")

# %% Plot: service level per interval with its 95% CI, against the target
target = plan["contact_types"][0]["service_level"]["target"]
fig, ax = plt.subplots(figsize=(10, 4))
curves = (("planned staff, volume +10%", sl), (f"+2 agents in {len(missed)} intervals", sl_more))
for label, df in curves:
    ax.plot(df["start"], df["service_level"], marker="o", label=label)
    ax.fill_between(df["start"], df["service_level"] - df["service_level_ci95"],
                    df["service_level"] + df["service_level_ci95"], alpha=0.2)
ax.axhline(target, color="grey", linestyle="--", label=f"target {target:.0%}")
ax.set_ylabel("billing: service level (20 s)")
ax.set_xlabel("interval start")
ax.tick_params(axis="x", rotation=90)
ax.legend()
fig.tight_layout()
fig.savefig(OUT, dpi=100)
print(f"wrote {OUT}")
