#!/usr/bin/env bash
# Installs, with apt-get, whatever ccsim needs to build and test that is not yet installed
# (Debian 12). Run as root (or with sudo available). Does nothing when all is present.
# clang and its runtime build the sanitizer and libFuzzer builds; chromium renders HTML reports
# in the browser test; python3-openpyxl reads workbooks back in the workbook tests; pybind11-dev
# and python3-dev build the Python module, python3-pytest, python3-pandas and python3-matplotlib
# run its tests and example (tools/README.md "Python").
# python3-jsonschema checks scenarios against scenarios/scenario.schema.json.
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config
          libboost-math-dev libboost-program-options-dev libeigen3-dev nlohmann-json3-dev
          librandom123-dev libxlsxwriter-dev libgtest-dev libgmock-dev libbenchmark-dev
          libboost-mpi-dev openmpi-bin libopenmpi-dev
          python3-simpy3 python3-openpyxl
          python3-jsonschema
          pybind11-dev python3-dev python3-pytest python3-pandas python3-matplotlib
          clang libclang-rt-14-dev
          chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "ccsim: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
