#!/usr/bin/env bash
# The main job on the bundled sample: build, then print the sample minutes
# as JSON. Usage: scripts/sample.sh [referat arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ $# -eq 0 ]; then set -- json examples/sample.txt; fi
build/cli/referat "$@"
