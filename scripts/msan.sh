#!/usr/bin/env bash
# MemorySanitizer over the fuzz inputs: builds the library with
# clang -fsanitize=memory (origins tracked) against a utf8proc built with the
# same flags from its Debian source package (scripts/utf8proc_sanitized.sh:
# MSan reports false positives unless every linked library is instrumented),
# links the libFuzzer harnesses of fuzz/ with it, and replays
# fuzz/regressions/ and the seed corpus fuzz/corpus/
# (fuzz_stream: the syn-* seeds, as scripts/fuzz.sh does) through each one.
# Any use of an uninitialised value stops the run with its stack and origin.
#
#   scripts/msan.sh [FILE_OR_DIR...]   # default: fuzz/regressions and fuzz/corpus
#
# Environment:
#   MSAN_BUILD=DIR        build directory (default build-msan)
#   MSAN_BUILD_JOBS=N     parallel build jobs (default: nproc)
#   MSAN_HARNESSES="..."  which harnesses (default "fuzz_parse fuzz_nomem fuzz_stream")
#   MSAN_RUNS=N           then fuzz N more inputs a harness from the seeds
#                         (with MSAN_SEED, default 1: the same inputs every
#                         run; default 0: replay only)
#   MSAN_REQUIRED=1       fail (exit 2) instead of skipping when clang's
#                         MemorySanitizer or the utf8proc source is missing
#   UTF8PROC_SRC=PATH     the utf8proc source (see scripts/utf8proc_sanitized.sh)
# Exit status: 0 clean or skipped (the reason is printed), 1 a report,
# 2 cannot build.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${MSAN_BUILD:-build-msan}"
jobs="${MSAN_BUILD_JOBS:-$(nproc)}"
harnesses="${MSAN_HARNESSES:-fuzz_parse fuzz_nomem fuzz_stream}"
runs="${MSAN_RUNS:-0}"
seed="${MSAN_SEED:-1}"
msan_flags=(-fsanitize=memory -fsanitize-memory-track-origins=2 -fno-omit-frame-pointer)

skip() {
  if [ "${MSAN_REQUIRED:-0}" = 1 ]; then
    echo "msan: cannot run: $*" >&2
    exit 2
  fi
  echo "msan: skipped: $*"
  exit 0
}

command -v clang >/dev/null 2>&1 || skip "clang is not installed"
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' |
    clang -x c -fsanitize=fuzzer,memory -o /dev/null - >/dev/null 2>&1; then
  skip "clang cannot link -fsanitize=fuzzer,memory (install libclang-rt-dev)"
fi

# 1. utf8proc with the same flags
mkdir -p "$build"
rc=0
scripts/utf8proc_sanitized.sh "$build/utf8proc" "${msan_flags[@]}" || rc=$?
case "$rc" in
  0) ;;
  3) skip "no utf8proc source to build an instrumented utf8proc from (MSan needs one)" ;;
  *) echo "msan: building utf8proc failed" >&2; exit 2 ;;
esac
export PKG_CONFIG_PATH="$PWD/$build/utf8proc/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# 2. the library, instrumented (and with coverage for libFuzzer, so that
#    MSAN_RUNS can fuzz), static
echo "msan: building the library in $build/lib"
cmake -S . -B "$build/lib" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUILD_SHARED_LIBS=OFF -DREFERAT_BUILD_TESTS=OFF -DREFERAT_BUILD_PYTHON=OFF \
  -DREFERAT_BUILD_EXAMPLES=OFF -DREFERAT_BUILD_CLI=OFF -DREFERAT_BUILD_FUZZERS=OFF \
  -DCMAKE_C_FLAGS="${msan_flags[*]} -fsanitize=fuzzer-no-link" \
  > "$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 2; }
# the library must have found the instrumented utf8proc, not the system's
if ! grep -q "$PWD/$build/utf8proc" "$build/lib/CMakeCache.txt"; then
  echo "msan: $build/lib does not use $build/utf8proc (a cached pkg-config result?); remove $build/lib" >&2
  exit 2
fi
cmake --build "$build/lib" -j"$jobs" --target referat_static > "$build/build.log" 2>&1 ||
  { tail -30 "$build/build.log"; exit 2; }

# 3. the harnesses (fuzz/CMakeLists.txt builds them with ASan; MSan cannot
#    be combined with it, so they are linked here)
read -r -a utf8proc_cflags <<< "$(pkg-config --cflags libutf8proc)"
for h in $harnesses; do
  clang -std=c11 -O1 -g "${msan_flags[@]}" -fsanitize=fuzzer "${utf8proc_cflags[@]}" \
    -Iinclude -I"$build/lib/include" "fuzz/$h.c" fuzz/check.c \
    "$build/lib/libreferat.a" "$build/utf8proc/lib/libutf8proc.a" -lm -o "$build/$h" ||
    { echo "msan: linking $h failed" >&2; exit 2; }
done

export MSAN_OPTIONS="halt_on_error=1:print_stats=0${MSAN_OPTIONS:+:$MSAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# The checks of the open findings (`known` in scripts/fuzz.sh) are relaxed,
# on the regressions too: scripts/fuzz.sh reports those; this looks for
# uninitialised reads.
known="$(sed -n 's/^known="\(.*\)"$/\1/p' scripts/fuzz.sh)"
mkdir -p "$build/logs"
failed=0

# files of the arguments, or the regressions and seeds
inputs_of() { # HARNESS -> the inputs, one a line
  if [ $# -gt 1 ]; then
    shift
    find "$@" -type f | sort
  elif [ "$1" = fuzz_stream ]; then
    # a 384 KiB stream of each input: the hand-written seeds only
    { find fuzz/regressions -type f; find fuzz/corpus -name 'syn-*'; } | sort
  else
    find fuzz/regressions fuzz/corpus -type f | sort
  fi
}

# 4. replay: each input once (libFuzzer given files runs each one)
total=0
for h in $harnesses; do
  mapfile -t files < <(inputs_of "$h" "$@")
  log="$build/logs/replay-$h.log"
  started=$SECONDS
  rc=0
  REFERAT_FUZZ_RELAX="$known" "$build/$h" -runs=1 "${files[@]}" > "$log" 2>&1 || rc=$?
  n="$(grep -a -c '^Executed ' "$log" || true)"
  total=$((total + n))
  if [ "$rc" -ne 0 ]; then
    failed=1
    echo "msan: $h FAILS (exit $rc) on $(grep -a '^Running: ' "$log" | tail -1 | sed 's/^Running: //'):"
    { grep -a -m8 -E "WARNING: MemorySanitizer|INVARIANT VIOLATED|ERROR: |SUMMARY: |runtime error|^    #[0-9] " "$log" || true; } |
      sed 's/^/    /'
    echo "    log: $log"
  else
    echo "msan: $h: ${#files[@]} inputs replayed, clean ($((SECONDS - started)) s)"
  fi
done

# 5. optionally a fixed number of new inputs a harness (fixed seed)
if [ "$runs" -gt 0 ] && [ "$failed" -eq 0 ]; then
  for h in $harnesses; do
    corpus="$build/corpus-$h"
    rm -rf "$corpus" "$build/artifacts-$h"
    mkdir -p "$corpus" "$build/artifacts-$h"
    if [ "$h" = fuzz_stream ]; then cp fuzz/corpus/syn-* "$corpus/"; else cp fuzz/corpus/* "$corpus/"; fi
    log="$build/logs/fuzz-$h.log"
    started=$SECONDS
    rc=0
    r="$runs"
    [ "$h" = fuzz_stream ] && r=$(( runs / 100 > 0 ? runs / 100 : 1 ))
    REFERAT_FUZZ_RELAX="$known" "$build/$h" -runs="$r" -seed="$seed" -dict=fuzz/referat.dict \
      -max_len=4096 -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts-$h/" "$corpus" > "$log" 2>&1 || rc=$?
    n="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    echo "msan: $h: ${n:-0} executions (seed $seed) in $((SECONDS - started)) s"
    if [ "$rc" -ne 0 ]; then
      failed=1
      echo "msan: $h FOUND something (exit $rc):"
      { grep -a -m8 -E "WARNING: MemorySanitizer|INVARIANT VIOLATED|ERROR: |SUMMARY: |runtime error|^    #[0-9] " "$log" || true; } |
        sed 's/^/    /'
      find "$build/artifacts-$h" -type f | sed 's/^/    input: /'
    fi
  done
fi
[ "$failed" -eq 0 ] && echo "msan: clean" || echo "msan: reports above; logs in $build/logs"
exit "$failed"
