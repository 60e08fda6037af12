#!/usr/bin/env bash
# Runs `referat dump` of a normal (not sanitized) build under valgrind over
# the test fixtures, the shared corpora (../shared/corpus*/, when present),
# the fuzz seed corpus and the fuzz regressions. ASan does not see into the
# uninstrumented Debian libutf8proc; valgrind does. Any valgrind error or
# definite leak, or a dump that fails, fails the run.
#
#   fuzz/valgrind.sh [BUILD_DIR]      (default build; needs BUILD_DIR/cli/referat)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
referat="$build/cli/referat"
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: skipped: valgrind is not installed"
  exit 0
fi
[ -x "$referat" ] || { echo "valgrind: $referat not found (build the project first)" >&2; exit 2; }

vg=(valgrind --error-exitcode=1 -q --leak-check=full "--errors-for-leak-kinds=definite,indirect")
shopt -s nullglob
groups=("tests/fixtures/*.txt" "../shared/corpus/*.txt" "../shared/corpus-real/*.txt"
        "fuzz/corpus/*" "fuzz/regressions/*")
failed=0
count=0
for g in "${groups[@]}"; do
  # shellcheck disable=SC2206 # the pattern is meant to expand
  files=($g)
  [ ${#files[@]} -gt 0 ] || continue
  count=$((count + ${#files[@]}))
  # one valgrind run a group; on a failure, each file alone says which
  if "${vg[@]}" "$referat" dump "${files[@]}" > /dev/null 2> "$build/valgrind.log"; then
    continue
  fi
  for f in "${files[@]}"; do
    if ! "${vg[@]}" "$referat" dump "$f" > /dev/null 2> "$build/valgrind.log"; then
      echo "valgrind: FAILS on $f:"
      head -40 "$build/valgrind.log" | sed 's/^/    /'
      failed=1
    fi
  done
done
rm -f "$build/valgrind.log"
echo "valgrind: $count files through '$referat dump': $([ $failed -eq 0 ] && echo clean || echo FAILED)"
exit "$failed"
