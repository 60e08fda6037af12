#!/usr/bin/env bash
# ABI check against the previous release (README, "Versioning and ABI"):
# builds the shared library of the newest release tag (v*, default: the
# newest before HEAD) and of the working tree with debug info, dumps both
# ABIs (abi-dumper) and compares them (abi-compliance-checker). Any binary
# incompatibility must come with a new SONAME (REFERAT_SOVERSION); then it
# passes and says so. Skips with a message when the tools or the tag are
# not there. usage: scripts/abi_check.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in abi-dumper abi-compliance-checker; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 0; }
done
tag="${1:-$(git describe --tags --abbrev=0 --match 'v*' HEAD 2>/dev/null || true)}"
if [ -z "$tag" ] || ! git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "skipped: no release tag to compare with (git fetch --tags)"
  exit 0
fi
out=build-abi
rm -rf "$out"
mkdir -p "$out/old-src"
git archive "$tag" | tar -x -C "$out/old-src"

# build NAME SOURCE: the shared library with the debug info abi-dumper reads
build() {
  cmake -S "$2" -B "$out/$1" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-g -Og" \
    -DREFERAT_BUILD_PYTHON=OFF -DREFERAT_BUILD_TESTS=OFF -DREFERAT_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$out/$1" -j"$(nproc)" --target referat_shared >/dev/null
  lib=$(find "$out/$1" -maxdepth 1 -name 'libreferat.so.*.*' | head -1)
  abi-dumper "$lib" -o "$out/$1.dump" -lver "$1" -public-headers "$2/include" >/dev/null
  soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
  echo "$soname"
}
old_soname=$(build old "$out/old-src")
new_soname=$(build new .)
abi-compliance-checker -l libreferat -old "$out/old.dump" -new "$out/new.dump" \
  -report-path "$out/report.html" >"$out/checker.log" 2>&1 || true
binary=$(sed -n 's/^Binary compatibility: //p' "$out/checker.log")
source=$(sed -n 's/^Source compatibility: //p' "$out/checker.log")
[ -n "$binary" ] || { cat "$out/checker.log"; echo "abi-compliance-checker gave no verdict"; exit 1; }
echo "ABI of $tag ($old_soname) -> this tree ($new_soname): binary $binary, source $source" \
     "compatible (report: $out/report.html)"
if [ "$binary" != "100%" ]; then
  if [ "$old_soname" = "$new_soname" ]; then
    grep -i 'problems' "$out/checker.log" || true
    echo "FAIL: the ABI changed incompatibly but the SONAME is still $new_soname:" \
         "bump REFERAT_SOVERSION (CMakeLists.txt) or keep the ABI"
    exit 1
  fi
  echo "ok: the incompatible change comes with a new SONAME"
fi
