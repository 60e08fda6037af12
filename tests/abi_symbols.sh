#!/bin/sh
# The shared library exports exactly the symbols listed in
# abi/libreferat.symbols (the public API, nothing internal). A symbol added
# to the API is added to the list in the same change; one removed or renamed
# is an ABI break (README, "Versions and ABI").
# usage: abi_symbols.sh LIBRARY SYMBOLS_FILE
set -eu
lib="$1"
want="$2"
got="$(mktemp)"
trap 'rm -f "$got"' EXIT
# (symbols of instrumentation runtimes, such as gcov's __gcov_*, aside)
nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' |
  grep -v '^__' | sort > "$got"
if ! diff -u "$want" "$got"; then
  echo "exported symbols differ from $want (- listed, + exported)"
  exit 1
fi
echo "$(wc -l < "$got") exported symbols, as listed"
