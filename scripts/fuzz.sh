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
#   FUZZ_SECONDS_<harness>=N  that harness's own time (FUZZ_SECONDS_fuzz_stream)
#   FUZZ_TRACE_CMP=0      build the library without comparison tracing: about
#                         twice the executions a second (long runs alternate)
#   FUZZ_UTF8PROC=system  link the system's libutf8proc; by default utf8proc is
#                         built from its Debian source package with ASan and
#                         UBSan (scripts/utf8proc_sanitized.sh), so that ASan
#                         sees a read or write past a buffer inside utf8proc
#                         (issue 7's finding 1 was one); when its source cannot
#                         be had, the system's, with a message
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
# utf8proc: instrumented (the default) or the system's. pkg-config finds it
# (PKG_CONFIG_PATH); CMake keeps what it found in its cache, so the cache
# goes when the choice changes.
utf8proc="system"
if [ "${FUZZ_UTF8PROC:-sanitized}" != system ]; then
  rc=0
  if [ -x scripts/utf8proc_sanitized.sh ]; then
    # (UBSan's pointer-overflow check is off in utf8proc: utf8proc 2.8.0's
    # utf8proc_decompose_custom computes `buffer + wpos` with buffer NULL
    # when it measures, utf8proc.c:554; utf8proc_map does that every time)
    scripts/utf8proc_sanitized.sh "$build/utf8proc" -fsanitize=address,undefined \
      -fno-sanitize=pointer-overflow -fno-sanitize-recover=all > "$build/utf8proc.log" 2>&1 || rc=$?
  else
    rc=3
  fi
  if [ "$rc" -eq 0 ]; then
    utf8proc="$PWD/$build/utf8proc"
    [ "${build#/}" != "$build" ] && utf8proc="$build/utf8proc"
    export PKG_CONFIG_PATH="$utf8proc/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  else
    echo "fuzz: utf8proc is the system's, not instrumented (no sanitized build: $build/utf8proc.log)"
    sed 's/^/    /' "$build/utf8proc.log" 2>/dev/null | tail -3 || true
  fi
fi
if [ "$(cat "$build/utf8proc.used" 2>/dev/null)" != "$utf8proc" ]; then
  rm -f "$build/CMakeCache.txt"
  echo "$utf8proc" > "$build/utf8proc.used"
fi
echo "fuzz: utf8proc: $([ "$utf8proc" = system ] && echo "the system's" || echo "$utf8proc (ASan, UBSan)")"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DREFERAT_BUILD_FUZZERS=ON \
  -DREFERAT_BUILD_TESTS=OFF -DREFERAT_BUILD_PYTHON=OFF -DREFERAT_BUILD_EXAMPLES=OFF \
  -DREFERAT_BUILD_CLI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREFERAT_FUZZ_TRACE_CMP="$([ "${FUZZ_TRACE_CMP:-1}" = 0 ] && echo OFF || echo ON)" \
  > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 2; }
if [ "$utf8proc" != system ] && ! grep -q "$utf8proc/lib" "$build/CMakeCache.txt"; then
  echo "fuzz: the build did not pick up $utf8proc (pkg-config)" >&2
  exit 2
fi
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
  seconds_of="FUZZ_SECONDS_$h"
  limit=(-max_total_time="${!seconds_of:-$seconds}")
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
