#!/usr/bin/env bash
# Writes what ccsim prints for every example scenario into one folder, one file per command,
# format and scenario, so that two builds can be compared byte for byte:
#
#   tools/snapshot_outputs.sh build/ccsim /tmp/before     # on the old code
#   tools/snapshot_outputs.sh build/ccsim /tmp/after      # on the new code
#   diff -r /tmp/before /tmp/after && echo identical
#
# Covered: validate (table, json), run (table, json, csv), staff with both methods (table,
# json, csv), a sweep (table, json, csv), compare against an interval report and a contact log
# (table, json, csv, and --erlang-a), calibrate of the bank sample log, and erlang. Replications
# are few (the point is identity, not precision); the exit code of each command is kept too.
# Files written besides stdout (--log) are kept as well. The folder is emptied first.
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 CCSIM OUTDIR" >&2
  exit 2
fi
ccsim=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"

# snap NAME ARGS...: stdout to NAME, stderr (with the exit code) to NAME.err.
snap() {
  local name=$1
  shift
  "$ccsim" "$@" --quiet >"$out/$name" 2>"$out/$name.err"
  echo "exit $?" >>"$out/$name.err"
}
# snap_noquiet: the same for commands without --quiet.
snap_noquiet() {
  local name=$1
  shift
  "$ccsim" "$@" >"$out/$name" 2>"$out/$name.err"
  echo "exit $?" >>"$out/$name.err"
}

for path in scenarios/*.json tests/data/compare_scenario.json; do
  s=$(basename "$path" .json)
  [ "$s" = scenario.schema ] && continue
  for f in table json; do
    snap_noquiet "$s.validate.$f" validate "$path" --format "$f"
  done
  for f in table json csv; do
    snap "$s.run.$f" run "$path" --replications 3 --seed 7 --format "$f"
    snap "$s.staff-erlang.$f" staff "$path" --method erlang --format "$f"
    snap "$s.staff-simulation.$f" staff "$path" --method simulation --replications 2 --seed 7 \
      --max-iterations 6 --format "$f"
    snap "$s.sweep.$f" sweep "$path" --set /simulation/seed=1:2:1 --replications 2 --format "$f"
  done
done

for f in table json csv; do
  snap "compare-intervals.$f" compare tests/data/compare_scenario.json \
    --measured tests/data/measured_intervals.csv --replications 3 --seed 7 --format "$f"
  snap "compare-log.$f" compare scenarios/bank_weekday.json \
    --measured tests/data/anonymous_bank_sample.txt --preset anonymous-bank --replications 3 \
    --seed 7 --erlang-a --format "$f"
done
snap "calibrate-bank-sample" calibrate tests/data/anonymous_bank_sample.txt \
  --preset anonymous-bank --replications 2 --seed 7
snap "run-log" run scenarios/email_team.json --replications 2 --seed 7 --log "$out/run-log.csv"
for f in table json csv; do
  snap_noquiet "erlang-a.$f" erlang --model a --arrivals-per-hour 600 --aht-s 180 \
    --patience-s 120 --threshold-s 20 --target-sl 0.8 --format "$f"
  snap_noquiet "erlang-c.$f" erlang --model c --arrivals-per-hour 600 --aht-s 180 \
    --agents 35 --threshold-s 20 --format "$f"
done
echo "$(find "$out" -type f | wc -l) files in $out" >&2
