#!/usr/bin/env python3
"""Held-out accuracy on the Anonymous Bank log (Technion SEE lab; Brown et al. 2005).

For each split, `ccsim calibrate JAN FEB --days TRAIN --predict-days TEST` writes the scenario
that predicts TEST, and `ccsim compare ... --measured LOG --days TEST --erlang-a` sets it beside
the measured hours, with per-interval Erlang A on the same inputs. Prints, per split and KPI,
the hourly MAPE and relative bias (all types, weights = calls) of the simulation and of Erlang A,
their ratio, and the share of hours within the 95% prediction interval.

usage: tools/heldout_accuracy.py CCSIM DATA_DIR [--json OUT] [extra calibrate options...]
"""
import json
import os
import subprocess
import sys
import tempfile

SPLITS = [
    ("Jan 1st half -> 2nd half", "1999-01-01..1999-01-14&sun-thu", "1999-01-15..1999-01-31&sun-thu"),
    ("Feb 1st half -> 2nd half", "1999-02-01..1999-02-14&sun-thu", "1999-02-15..1999-02-28&sun-thu"),
    ("Jan -> Feb", "1999-01-01..1999-01-31&sun-thu", "1999-02-01..1999-02-28&sun-thu"),
    ("Feb -> Jan", "1999-02-01..1999-02-28&sun-thu", "1999-01-01..1999-01-31&sun-thu"),
]
KPIS = ["asa_s", "abandon_rate", "service_level"]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    ccsim, data = argv[1], argv[2]
    rest = argv[3:]
    out_json = None
    if rest[:1] == ["--json"]:
        out_json, rest = rest[1], rest[2:]
    logs = [os.path.join(data, "anonymous_bank_1999_01.txt"),
            os.path.join(data, "anonymous_bank_1999_02.txt")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, train, test in SPLITS:
            scenario = os.path.join(tmp, "predicted.json")
            subprocess.run([ccsim, "calibrate", *logs, "--days", train, "--predict-days", test,
                            "--out", scenario, "--quiet", *rest], check=True)
            measured = logs[0] if test.startswith("1999-01") else logs[1]
            done = subprocess.run([ccsim, "compare", scenario, "--measured", measured, "--days",
                                   test, "--erlang-a", "--format", "json", "--quiet"],
                                  check=True, capture_output=True, text=True)
            summary = json.loads(done.stdout)["summary"]
            for kpi in KPIS:
                sim = summary["simulation"]["all"][kpi]
                erl = summary["erlang_a"]["all"][kpi]
                results.append({"split": name, "kpi": kpi, "simulation_mape": sim["mape"],
                                "simulation_relative_bias": sim["relative_bias"],
                                "erlang_a_mape": erl["mape"],
                                "erlang_a_relative_bias": erl["relative_bias"],
                                "ratio": sim["mape"] / erl["mape"] if erl["mape"] else None,
                                "within_pi95": sim["within_pi95"]})
    print("| TRAIN -> TEST | KPI | simulation MAPE (bias) | Erlang A MAPE (bias) | ratio | within PI |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print("| {split} | {kpi} | {s:.1f}% ({sb:+.1f}%) | {e:.1f}% ({eb:+.1f}%) | {ratio:.2f} | "
              "{w:.0f}% |".format(split=r["split"], kpi=r["kpi"], s=100 * r["simulation_mape"],
                                  sb=100 * r["simulation_relative_bias"],
                                  e=100 * r["erlang_a_mape"],
                                  eb=100 * r["erlang_a_relative_bias"], ratio=r["ratio"],
                                  w=100 * r["within_pi95"]))
    if out_json:
        with open(out_json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main(sys.argv)
