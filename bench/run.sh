#!/usr/bin/env bash
# Side-by-side speed and memory of libreferat and its peers on the same bytes.
#   apt-get install libmd4c-dev libcmark-dev   (the peers; optional)
#   bench/run.sh [MB]        (default 50; input: the corpus repeated, else the sample)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DREFERAT_BUILD_BENCH=ON \
      -DREFERAT_BUILD_TESTS=OFF -DREFERAT_BUILD_PYTHON=OFF -DREFERAT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_parse referat_cli >/dev/null
input=$(mktemp --suffix=.txt)
trap 'rm -f "$input"' EXIT
src=(../shared/corpus/*.txt)
[ -e "${src[0]}" ] || src=(examples/sample.txt)
while [ "$(stat -c %s "$input")" -lt $((mb * 1000000)) ]; do cat "${src[@]}" >> "$input"; done
size=$(stat -c %s "$input")
printf "input: %.1f MB (%s)\n\n" "$(echo "$size / 1000000" | bc -l)" "${src[*]##*/}"
printf "%-22s %9s %9s %8s %12s\n" parser seconds MB/s ratio "max RSS MiB"
base=""
for parser in referat lines md4c cmark; do
  out=$( { /usr/bin/time -f "%M" build-bench/bench/bench_parse $parser "$input" 5 ; } 2>&1 ) || continue
  secs=$(echo "$out" | head -n1); rss=$(echo "$out" | tail -n1)
  [ -n "$base" ] || base=$secs
  printf "%-22s %9.3f %9.1f %7.2fx %12.1f\n" "$parser" "$secs" \
    "$(echo "$size / 1000000 / $secs" | bc -l)" "$(echo "$secs / $base" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)"
done
echo
echo "(RSS includes the input held in memory: $((size / 1048576)) MiB)"
/usr/bin/time -f "referat json (CLI, streaming from the file): %e s, max RSS %M KiB" \
  build-bench/cli/referat json "$input" > /dev/null
/usr/bin/time -f "referat stats (CLI, streaming from the file): %e s, max RSS %M KiB" \
  build-bench/cli/referat stats "$input" > /dev/null
