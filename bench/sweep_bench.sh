#!/usr/bin/env bash
# Wall time of a 100-point sweep (10 staffing levels x 10 patience means of scenarios/
# erlang_a_check.json, HORIZON_S simulated seconds (default 400 hours) and 2 replications per
# point, ~0.12 s a point by default) on
# 1 thread, 2 threads and `mpirun -np 2` (1 thread per rank). The three are run in turn ROUNDS
# times (default 3) and each figure is the median, which damps the drift of a shared machine.
# Prints seconds, points per second and speed-ups, and checks that every run wrote the
# identical file. Also prints mpirun's fixed start-up and shut-down cost (a 2-point sweep of
# 10 simulated seconds), which a sweep must outlast for ranks to pay.
# usage: bench/sweep_bench.sh [BUILD_DIR [ROUNDS [HORIZON_S]]]   (default: build 3 1440000;
# a longer horizon per point, e.g. 7200000, hides mpirun's start-up further)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-3}
horizon_s=${3:-1440000}
ccsim="$build/ccsim"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
args=(sweep scenarios/erlang_a_check.json --set /horizon/duration_s="$horizon_s"
      --set /agent_groups/0/staff/count=28:37:1 --set /contact_types/0/patience/mean_s=100:1000:100
      --replications 2 --quiet)
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
have_mpi=0
command -v mpirun >/dev/null && have_mpi=1

seconds() {  # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "load before: $(uptime)"
t1s=() t2s=() tms=() sus=()
for ((i = 1; i <= rounds; i++)); do
  rm -f "$dir"/*  # the outputs and their resumable .sweep files
  t1s+=("$(seconds "$ccsim" "${args[@]}" --threads 1 --out "$dir/t1.csv")")
  t2s+=("$(seconds "$ccsim" "${args[@]}" --threads 2 --out "$dir/t2.csv")")
  if [ "$have_mpi" -eq 1 ]; then
    tms+=("$(seconds mpirun -np 2 --oversubscribe "${root[@]}" "$ccsim" "${args[@]}" --threads 1 \
             --out "$dir/mpi.csv")")
    sus+=("$(seconds mpirun -np 2 --oversubscribe "${root[@]}" "$ccsim" sweep \
             scenarios/erlang_a_check.json --set /simulation/warmup_s=0 \
             --set /horizon/duration_s=10 --set /agent_groups/0/staff/count=28,29 \
             --replications 1 --threads 1 --quiet --out "$dir/startup.csv")")
  fi
  printf 'round %d: 1 thread %.2f s, 2 threads %.2f s' "$i" "${t1s[-1]}" "${t2s[-1]}"
  [ "$have_mpi" -eq 1 ] && printf ', mpirun -np 2 %.2f s' "${tms[-1]}"
  echo
done
echo "load after:  $(uptime)"
t1=$(median "${t1s[@]}")
t2=$(median "${t2s[@]}")
echo "medians of $rounds rounds:"
printf '1 thread:      %6.2f s  %6.1f points/s\n' "$t1" "$(echo "100 / $t1" | bc -l)"
printf '2 threads:     %6.2f s  %6.1f points/s  speed-up %.2f\n' "$t2" \
  "$(echo "100 / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
if [ "$have_mpi" -eq 1 ]; then
  tm=$(median "${tms[@]}")
  startup=$(median "${sus[@]}")
  printf 'mpirun -np 2:  %6.2f s  %6.1f points/s  speed-up %.2f\n' "$tm" \
    "$(echo "100 / $tm" | bc -l)" "$(echo "$t1 / $tm" | bc -l)"
  printf 'mpirun start-up and shut-down: %.2f s (speed-up without it %.2f)\n' "$startup" \
    "$(echo "$t1 / ($tm - $startup)" | bc -l)"
  cmp "$dir/t1.csv" "$dir/mpi.csv" && echo "mpirun output identical to 1 thread"
fi
cmp "$dir/t1.csv" "$dir/t2.csv" && echo "2-thread output identical to 1 thread"
