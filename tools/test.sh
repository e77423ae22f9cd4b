#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build everything,
# run the whole test suite; then the hardening checks (tests/README.md "Hardening"): the suite once more
# under AddressSanitizer + UndefinedBehaviorSanitizer (clang, build-asan/), and a short run of
# every fuzz target. Any failure, sanitizer report or fuzz finding fails the script.
#
# Environment: CCSIM_FUZZ_SECONDS (default 30) per fuzz target; CCSIM_SKIP_HARDENING=1 stops
# after the Release suite (for a quick local check; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
bash tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
if [ "${CCSIM_SKIP_HARDENING:-0}" = 1 ]; then exit 0; fi

# Sanitizer build: clang -O1 with ASan + UBSan (any undefined behaviour is fatal), and the
# libFuzzer targets, which need clang and share its instrumented libraries. Only what is run is
# built (no benchmarks). MPI is off: see tests/README.md "Hardening"; so is the Python module (an
# ASan-instrumented extension cannot be loaded by an uninstrumented python3).
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f build-asan/CMakeCache.txt ]; then
  cmake -S . -B build-asan "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCCSIM_FUZZ=ON \
    -DCCSIM_BUILD_BENCH=OFF -DCCSIM_WITH_MPI=OFF -DCCSIM_PYTHON=OFF >/dev/null
fi
fuzz_targets=(fuzz_scenario fuzz_trace fuzz_forecast fuzz_measured fuzz_contact_log fuzz_sweep)
cmake --build build-asan --parallel "$(nproc)" --target ccsim ccsim_tests "${fuzz_targets[@]}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" --timeout 900

# Every fuzz target for a short, bounded time over its corpus, two at a time.
CCSIM_FUZZ_JOBS="$(nproc)" tests/fuzz/run.sh build-asan "${CCSIM_FUZZ_SECONDS:-30}"
