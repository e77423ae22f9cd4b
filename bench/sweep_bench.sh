#!/usr/bin/env bash
# Wall time of a 100-point sweep (10 staffing levels x 10 patience means of scenarios/
# erlang_a_check.json, 200 simulated hours and 2 replications per point, ~0.1 s a point) on
# 1 thread, 2 threads and `mpirun -np 2` (1 thread per rank). Prints seconds, points per second
# and speed-ups, and checks that every run wrote the identical file. Also prints mpirun's fixed
# start-up and shut-down cost (a 2-point sweep of 10 simulated seconds), which a sweep must
# outlast for ranks to pay.
# usage: bench/sweep_bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
ccsim="$build/ccsim"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
args=(sweep scenarios/erlang_a_check.json --set /horizon/duration_s=720000
      --set /agent_groups/0/staff/count=28:37:1 --set /contact_types/0/patience/mean_s=100:1000:100
      --replications 2 --quiet)

seconds() {  # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

echo "load before: $(uptime)"
t1=$(seconds "$ccsim" "${args[@]}" --threads 1 --out "$dir/t1.csv")
t2=$(seconds "$ccsim" "${args[@]}" --threads 2 --out "$dir/t2.csv")
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
tm=""
if command -v mpirun >/dev/null; then
  tm=$(seconds mpirun -np 2 --oversubscribe "${root[@]}" "$ccsim" "${args[@]}" --threads 1 \
       --out "$dir/mpi.csv")
fi
startup=""
if command -v mpirun >/dev/null; then
  startup=$(seconds mpirun -np 2 --oversubscribe "${root[@]}" "$ccsim" sweep \
            scenarios/erlang_a_check.json --set /simulation/warmup_s=0 \
            --set /horizon/duration_s=10 --set /agent_groups/0/staff/count=28,29 \
            --replications 1 --threads 1 --quiet --out "$dir/startup.csv")
fi
echo "load after:  $(uptime)"
printf '1 thread:      %6.2f s  %6.1f points/s\n' "$t1" "$(echo "100 / $t1" | bc -l)"
printf '2 threads:     %6.2f s  %6.1f points/s  speed-up %.2f\n' "$t2" \
  "$(echo "100 / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
if [ -n "$tm" ]; then
  printf 'mpirun -np 2:  %6.2f s  %6.1f points/s  speed-up %.2f\n' "$tm" \
    "$(echo "100 / $tm" | bc -l)" "$(echo "$t1 / $tm" | bc -l)"
  printf 'mpirun start-up and shut-down: %.2f s\n' "$startup"
  cmp "$dir/t1.csv" "$dir/mpi.csv" && echo "mpirun output identical to 1 thread"
fi
cmp "$dir/t1.csv" "$dir/t2.csv" && echo "2-thread output identical to 1 thread"
