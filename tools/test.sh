#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build everything,
# run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
bash tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
