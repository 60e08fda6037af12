#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang) if needed, replays the
# regressions and the seed corpus, then fuzzes each harness for SECONDS
# (default 60) with the dictionary on a scratch copy of the seed corpus.
# Prints the executions of each harness; exits 1 on a finding (a crash,
# an invariant violated, a leak, a timeout), 2 when it cannot build.
#
#   scripts/fuzz.sh [SECONDS]
#
# Environment:
#   FUZZ_BUILD=DIR        build directory (default build-fuzz)
#   FUZZ_BUILD_JOBS=N     parallel build jobs (default: nproc)
#   FUZZ_MAX_LEN=N        largest input libFuzzer makes (default 4096)
#   FUZZ_HARNESSES="..."  which harnesses (default "fuzz_parse fuzz_nomem fuzz_stream")
#   FUZZ_KNOWN_OK=1       regressions of known findings that still fail are
#                         reported but do not fail the run
#   FUZZ_KEEP=1           keep the scratch directory (corpus, artifacts, logs)
#   FUZZ_WORK=DIR         use DIR as the scratch directory and keep it: the
#                         corpora grow from run to run (long runs)
#   FUZZ_RUNS=N           run N inputs a harness instead of SECONDS, with
#   FUZZ_RUNS_<harness>=N that harness's own count (FUZZ_RUNS_fuzz_stream)
#   FUZZ_SEED=S           libFuzzer's -seed=S: the same inputs every run
#                         (CI uses both, so that a run that passed passes
#                         again; random long runs find the new findings)
# A finding is kept in $FUZZ_BUILD/findings/ with its log; replay it with
#   $FUZZ_BUILD/fuzz/HARNESS FILE
# and add a minimal reproducer to fuzz/regressions/ (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac
build="${FUZZ_BUILD:-build-fuzz}"
jobs="${FUZZ_BUILD_JOBS:-$(nproc)}"
max_len="${FUZZ_MAX_LEN:-4096}"
harnesses="${FUZZ_HARNESSES:-fuzz_parse fuzz_nomem fuzz_stream}"

# Checks of known findings, skipped while fuzzing and replaying the corpus
# (so that the fuzzer looks for new ones) but not when replaying
# fuzz/regressions/, whose files reproduce them. Take a name out when its
# finding is fixed (fuzz/README.md, "Known findings").
known=""

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: skipped: clang is not installed (the harnesses need libFuzzer)"
  exit 0
fi
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' |
    clang -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1; then
  echo "fuzz: skipped: clang cannot link -fsanitize=fuzzer (install libclang-rt-dev)"
  exit 0
fi

echo "fuzz: building the harnesses in $build"
mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DREFERAT_BUILD_FUZZERS=ON \
  -DREFERAT_BUILD_TESTS=OFF -DREFERAT_BUILD_PYTHON=OFF -DREFERAT_BUILD_EXAMPLES=OFF \
  -DREFERAT_BUILD_CLI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 2; }
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $harnesses || exit 2

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
if [ -n "${FUZZ_WORK:-}" ]; then
  work="$FUZZ_WORK"
  mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/referat-fuzz.XXXXXX")"
  [ "${FUZZ_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
findings="$build/findings"
mkdir -p "$findings"
failed=0
known_failing=0

# 1. the regressions, one at a time and with every check
regressions=(fuzz/regressions/*)
[ -e "${regressions[0]}" ] || regressions=()
for h in $harnesses; do
  bin="$build/fuzz/$h"
  for f in "${regressions[@]}"; do
    log="$work/replay-$h-$(basename "$f").log"
    if ! REFERAT_FUZZ_RELAX='' "$bin" "$f" > "$log" 2>&1; then
      echo "fuzz: $h FAILS on $f:"
      { grep -a -m3 -E "INVARIANT VIOLATED|ERROR: [A-Za-z]+Sanitizer|runtime error" "$log" || true; } |
        sed 's/^/    /'
      cp "$log" "$findings/"
      known_failing=$((known_failing + 1))
    fi
  done
done
if [ "$known_failing" -gt 0 ]; then
  echo "fuzz: $known_failing regression replays fail (known findings: fuzz/README.md)"
  [ "${FUZZ_KNOWN_OK:-0}" = 1 ] || failed=1
else
  echo "fuzz: ${#regressions[@]} regressions replayed by each harness: all pass"
fi

# The seeds of a harness: fuzz_stream makes a 384 KiB stream of each input
# (about half a second), so it starts from the hand-written seeds only.
seeds_of() {
  if [ "$1" = fuzz_stream ]; then
    echo fuzz/corpus/syn-*
  else
    echo fuzz/corpus/*
  fi
}

# 2. the seed corpus, all at once (the known findings' checks relaxed)
export REFERAT_FUZZ_RELAX="$known"
for h in $harnesses; do
  # shellcheck disable=SC2046 # the seed names have no spaces
  if ! "$build/fuzz/$h" $(seeds_of "$h") > "$work/replay-$h-corpus.log" 2>&1; then
    echo "fuzz: $h FAILS on the seed corpus:"
    { grep -a -E "^Running: |INVARIANT VIOLATED|ERROR: " "$work/replay-$h-corpus.log" || true; } |
      tail -3 | sed 's/^/    /'
    cp "$work/replay-$h-corpus.log" "$findings/"
    failed=1
  fi
done
echo "fuzz: $(find fuzz/corpus -type f | wc -l) seed files replayed (fuzz_stream: the syn-* ones)"

# 3. fuzzing, one harness after the other
total=0
for h in $harnesses; do
  mkdir -p "$work/corpus-$h" "$work/artifacts-$h"
  rm -f "$work/artifacts-$h"/*
  # shellcheck disable=SC2046
  cp $(seeds_of "$h") "$work/corpus-$h/"
  log="$work/fuzz-$h.log"
  rc=0
  limit=(-max_total_time="$seconds")
  runs_of="FUZZ_RUNS_$h" # a harness's own count (fuzz_stream's inputs are 384 KiB streams)
  runs_here="${!runs_of:-${FUZZ_RUNS:-}}"
  [ -n "$runs_here" ] && limit=(-runs="$runs_here")
  [ -n "${FUZZ_SEED:-}" ] && limit+=(-seed="$FUZZ_SEED")
  started=$SECONDS
  "$build/fuzz/$h" -dict=fuzz/referat.dict -max_len="$max_len" -timeout=25 \
    -rss_limit_mb=2560 "${limit[@]}" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts-$h/" "$work/corpus-$h" > "$log" 2>&1 || rc=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if [ -z "$runs" ]; then # stopped early: the last status line
    runs="$({ grep -a -o '^#[0-9]*' "$log" || true; } | tail -1 | tr -d '#')"
  fi
  took=$((SECONDS - started))
  echo "fuzz: $h: ${runs:-0} executions in ${took} s ($(( ${runs:-0} / (took > 0 ? took : 1) )) exec/s)"
  total=$((total + ${runs:-0}))
  if [ "$rc" -ne 0 ]; then
    failed=1
    echo "fuzz: $h FOUND something (exit $rc):"
    { grep -a -m5 -E "INVARIANT VIOLATED|ERROR: |SUMMARY: |runtime error" "$log" || true; } |
      sed 's/^/    /'
    for a in "$work/artifacts-$h"/*; do
      [ -e "$a" ] || continue
      cp "$a" "$findings/$h-$(basename "$a")"
      echo "    input: $findings/$h-$(basename "$a")"
    done
    cp "$log" "$findings/$h-fuzz.log"
  fi
done
echo "fuzz: $total executions in all"
[ "$failed" -eq 0 ] && echo "fuzz: no findings" || echo "fuzz: findings in $findings"
exit "$failed"
