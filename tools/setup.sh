#!/usr/bin/env bash
# First command of the README: install what is missing, build the program and the Python module,
# make `import ccsim` work for the system python3 (a .pth file naming build/python in its
# site-packages folder), run an example scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
bash tools/build.sh --target ccsim
if grep -q "^CCSIM_PYTHON:BOOL=ON" build/CMakeCache.txt; then
  bash tools/build.sh --target ccsim_python
  bash tools/python/install_pth.sh
fi
./build/ccsim run scenarios/bank_weekday.json --replications 10
