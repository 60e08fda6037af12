#!/bin/sh
# The document model writes the JSON of `referat json`: for every fixture,
# the bundled sample, the fuzz seeds and regressions and the corpora in
# ../shared (when they are there), `document_json FILE` and `referat json
# FILE` print the same bytes (files the CLI refuses, binary ones, are left out).
# usage: document_json.sh DOCUMENT_JSON REFERAT SOURCE_DIR
set -eu
doc_json=$1 referat=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$src"/tests/fixtures/*.txt "$src"/examples/sample.txt \
         "$src"/fuzz/corpus/* "$src"/fuzz/regressions/* \
         "$src"/../shared/corpus/*.txt "$src"/../shared/corpus-real/*.txt; do
    [ -f "$f" ] || continue
    "$referat" json "$f" >"$tmp/cli.json" 2>/dev/null || continue
    "$doc_json" "$f" >"$tmp/doc.json"
    if ! cmp -s "$tmp/cli.json" "$tmp/doc.json"; then
        echo "differs: $f"
        diff "$tmp/cli.json" "$tmp/doc.json" | head -20
        exit 1
    fi
    n=$((n + 1))
done
[ -d "$src/../shared/corpus" ] || echo "note: ../shared is not there: fixtures and sample only"
echo "$n files: the same JSON"
