#!/usr/bin/env bash
# First command of the README: install what is missing, build, run an example scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
bash tools/build.sh --target ccsim
./build/ccsim run scenarios/bank_weekday.json --replications 10
