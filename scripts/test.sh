#!/usr/bin/env bash
# Every test: a warnings-as-errors build with ctest (C, CLI, conformance,
# Python, examples, install and packages),
# the API reference, then everything again under AddressSanitizer +
# UndefinedBehaviorSanitizer (the install and Python tests run in the first
# build only: label nosan).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
# build the bindings for Debian's python3 (it has python3-pandas), not a
# python3 that happens to come first on PATH
PYTHON_HINT=()
[ -x /usr/bin/python3 ] && PYTHON_HINT=(-DPython3_EXECUTABLE=/usr/bin/python3)
jobs="$(nproc)"

echo "== build (warnings are errors) and test"
cmake -S . -B build "${PYTHON_HINT[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREFERAT_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== API reference (Doxygen; any warning fails)"
cmake --build build --target docs

echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan "${PYTHON_HINT[@]}" -DCMAKE_BUILD_TYPE=Debug -DREFERAT_WERROR=ON -DREFERAT_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE nosan

echo "== ThreadSanitizer over the parsers-on-threads test and referat --jobs"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DREFERAT_WERROR=ON -DREFERAT_BUILD_PYTHON=OFF \
  -DREFERAT_BUILD_EXAMPLES=OFF -DCMAKE_C_FLAGS="-fsanitize=thread" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$jobs" --target test_api referat_cli
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/test_api
# and the CLI's parallel parses (--jobs)
TSAN_OPTIONS=halt_on_error=1 build-tsan/cli/referat json -j3 tests/fixtures/*.txt examples/sample.txt >/dev/null

echo "== ABI against the previous release (abi-compliance-checker; a break needs a new SONAME)"
scripts/abi_check.sh

echo "== branch coverage of lib/ (gcovr; fails below the floor)"
# The floor is the coverage the tests reach today; raise it as tests are added.
COVERAGE_FLOOR=88
cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug -DREFERAT_BUILD_PYTHON=OFF \
  -DCMAKE_C_FLAGS="--coverage" -DCMAKE_EXE_LINKER_FLAGS="--coverage" \
  -DCMAKE_SHARED_LINKER_FLAGS="--coverage" >/dev/null
cmake --build build-cov -j"$jobs"
find build-cov -name '*.gcda' -delete
# (abi_symbols is left out: gcov's runtime adds exported symbols of its own)
ctest --test-dir build-cov -j"$jobs" -LE nosan -E "python|abi_symbols" >/dev/null || \
  ctest --test-dir build-cov --output-on-failure -LE nosan -E "python|abi_symbols" --rerun-failed
gcovr -r . build-cov --filter 'lib/' --branches --print-summary --gcov-ignore-parse-errors \
  --fail-under-branch "$COVERAGE_FLOOR" | tail -4

# ---- fuzzing and valgrind (fuzz/README.md) --------------------------------------
# CI fuzzes a fixed number of inputs with a fixed seed (FUZZ_RUNS, FUZZ_SEED):
# the same inputs every run, so a landing is not decided by chance; long
# random runs (scripts/fuzz.sh SECONDS) look for new findings.
echo "== valgrind: referat dump over the fixtures, corpora and fuzz seeds"
if command -v valgrind >/dev/null 2>&1; then
  fuzz/valgrind.sh build
else
  echo "skipped: valgrind is not installed"
fi
echo "== fuzzing: replay fuzz/regressions and fuzz/corpus, then ${FUZZ_RUNS:=6000} inputs a harness (seed ${FUZZ_SEED:=1})"
if command -v clang >/dev/null 2>&1; then
  FUZZ_BUILD_JOBS="$jobs" FUZZ_RUNS="$FUZZ_RUNS" FUZZ_SEED="$FUZZ_SEED" \
    FUZZ_RUNS_fuzz_stream="${FUZZ_RUNS_fuzz_stream:-60}" scripts/fuzz.sh 60
else
  echo "skipped: clang is not installed (the libFuzzer harnesses need it)"
fi

# ---- MemorySanitizer over the fuzz inputs (scripts/msan.sh, fuzz/README.md) ----
# The library and the harnesses with -fsanitize=memory, linked against a
# utf8proc built with the same flags from its Debian source package
# (scripts/utf8proc_sanitized.sh: MSan needs every linked library
# instrumented); skips with a message when clang's MSan or that source cannot
# be had. The regressions and seeds, then a fixed number of inputs a harness
# with a fixed seed (3.5 minutes on 2 cores, one of them busy, the build included).
echo "== MemorySanitizer: replay fuzz/regressions and fuzz/corpus, then ${MSAN_RUNS:=5000} inputs a harness (seed ${MSAN_SEED:=1})"
MSAN_BUILD_JOBS="$jobs" MSAN_RUNS="$MSAN_RUNS" MSAN_SEED="$MSAN_SEED" scripts/msan.sh
