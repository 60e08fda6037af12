#!/usr/bin/env bash
# Runs `referat dump` of a normal (not sanitized) build under valgrind over
# the test fixtures, the shared corpora (../shared/corpus*/, when present),
# the fuzz seed corpus and the fuzz regressions. ASan does not see into the
# uninstrumented Debian libutf8proc; valgrind does. Any valgrind error or
# definite/indirect leak fails the run.
#
# The CLI skips inputs with NUL bytes as binary files, so those go through
# examples/stream_stdin (the library's push API, 7-byte chunks) instead.
#
#   fuzz/valgrind.sh [BUILD_DIR]      (default build; needs BUILD_DIR/cli/referat)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
referat="$build/cli/referat"
stream="$build/examples/stream_stdin"
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: skipped: valgrind is not installed"
  exit 0
fi
[ -x "$referat" ] || { echo "valgrind: $referat not found (build the project first)" >&2; exit 2; }

# 99: a valgrind error (the program's own exit status is not one: a file
# the CLI refuses is not a memory error)
vg=(valgrind --error-exitcode=99 -q --leak-check=full "--errors-for-leak-kinds=definite,indirect")
log="$build/valgrind.log"
shopt -s nullglob
groups=("tests/fixtures/*.txt" "../shared/corpus/*.txt" "../shared/corpus-real/*.txt"
        "fuzz/corpus/*" "fuzz/regressions/*")
failed=0
count=0    # inputs through referat dump
nbinary=0  # inputs with NUL bytes through stream_stdin
binary=()

has_nul() {
  [ "$(tr -d '\000' < "$1" | wc -c)" -ne "$(wc -c < "$1")" ]
}

report() { # FILE: the log of a failed run
  echo "valgrind: FAILS on $1:"
  head -40 "$log" | sed 's/^/    /'
  failed=1
}

for g in "${groups[@]}"; do
  # shellcheck disable=SC2206 # the pattern is meant to expand
  all=($g)
  files=()
  for f in "${all[@]}"; do
    if has_nul "$f"; then binary+=("$f"); else files+=("$f"); fi
  done
  [ ${#files[@]} -gt 0 ] || continue
  count=$((count + ${#files[@]}))
  # one valgrind run a group; on a failure, each file alone says which
  rc=0
  "${vg[@]}" "$referat" dump "${files[@]}" > /dev/null 2> "$log" || rc=$?
  [ "$rc" -ne 99 ] && continue
  for f in "${files[@]}"; do
    rc=0
    "${vg[@]}" "$referat" dump "$f" > /dev/null 2> "$log" || rc=$?
    [ "$rc" -ne 99 ] || report "$f"
  done
done

if [ ${#binary[@]} -gt 0 ]; then
  if [ -x "$stream" ]; then
    for f in "${binary[@]}"; do
      rc=0
      "${vg[@]}" "$stream" --chunk 7 < "$f" > /dev/null 2> "$log" || rc=$?
      [ "$rc" -ne 99 ] || report "$f"
    done
    nbinary=${#binary[@]}
  else
    echo "valgrind: ${#binary[@]} inputs with NUL bytes not run ($stream not built)"
  fi
fi
rm -f "$log"
echo "valgrind: $count inputs through 'referat dump', $nbinary with NUL bytes through stream_stdin: $([ $failed -eq 0 ] && echo clean || echo FAILED)"
exit "$failed"
