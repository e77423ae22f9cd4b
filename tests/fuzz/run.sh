#!/usr/bin/env bash
# Runs libFuzzer targets of a CCSIM_FUZZ build over their seed corpora (README.md here).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     (default: every target; names without
#                                                        the fuzz_ prefix, e.g. scenario)
# Environment: CCSIM_FUZZ_JOBS targets run at once (default 1); CCSIM_FUZZ_NICE a nice level.
#
# New inputs go to BUILD_DIR/fuzz-corpus/TARGET (kept between runs, so a later run starts
# where the last stopped); crashes, leaks, timeouts and out-of-memory inputs to
# BUILD_DIR/fuzz-artifacts/TARGET/ as crash-*, leak-*, timeout-*, oom-*. Exit status: 0 when
# every target ran its time without a finding, else 1 (each target's log is printed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -lt 2 ]; then
  echo "usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(scenario trace forecast measured contact_log sweep); fi
jobs="${CCSIM_FUZZ_JOBS:-1}"
nice_level="${CCSIM_FUZZ_NICE:-0}"

# Seeds of each target beyond its committed corpus/TARGET/: the repository's own inputs.
seeds() {
  case "$1" in
    scenario) echo "$root/scenarios" ;;  # *.json (the schema too: still JSON)
    forecast) echo "$root/scenarios/wfm_export_day_forecast.csv" ;;
    measured) echo "$root/tests/data/measured_intervals.csv $root/tests/data/measured_bad.csv" ;;
    contact_log)
      echo "$root/tests/data/anonymous_bank_sample.txt $root/tests/data/anonymous_bank_bad_rows.txt"
      ;;
    *) ;;
  esac
}

run_one() {
  local target="$1"
  local binary="$build/fuzz/fuzz_$target"
  local corpus="$build/fuzz-corpus/$target" artifacts="$build/fuzz-artifacts/$target"
  local seed_dir="$build/fuzz-seeds/$target" log="$build/fuzz-logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$seed_dir" "$(dirname "$log")"
  cp "$here/corpus/$target"/* "$seed_dir"/ 2>/dev/null || true
  for s in $(seeds "$target"); do
    if [ -d "$s" ]; then cp "$s"/* "$seed_dir"/; else cp "$s" "$seed_dir"/; fi
  done
  local dict=()
  if [ -f "$here/$target.dict" ]; then dict=(-dict="$here/$target.dict"); fi
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: 2 GB is an out-of-memory finding
  # (ccsim refuses runs needing more than 2 GiB, models/scenario/run_size.h); -max_len: 256 KiB inputs,
  # room for the deep-nesting seeds (70,000 levels of brackets, 140 KB).
  if nice -n "$nice_level" "$binary" "$corpus" "$seed_dir" "${dict[@]}" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    echo "fuzz_$target: ok, $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" |
      grep -Eo '[0-9]+$') runs in ${seconds}s, $(grep -Eo 'cov: [0-9]+' "$log" | tail -1)"
  else
    echo "fuzz_$target: FAILED (log: $log)" >&2
    tail -n 60 "$log" >&2
    return 1
  fi
}

status=0
pids=()
for target in "${targets[@]}"; do
  if [ ! -x "$build/fuzz/fuzz_$target" ]; then
    echo "fuzz_$target: not built in $build (configure with -DCCSIM_FUZZ=ON)" >&2
    exit 2
  fi
  run_one "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
