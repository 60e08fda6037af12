#!/usr/bin/env bash
# The main job on the bundled sample: build, then print the sample minutes
# as JSON. Usage: scripts/sample.sh [referat arguments...]
# Only referat's output goes to stdout (set-up and build output: stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh >&2
# build the bindings for Debian's python3 (it has python3-pandas), not a
# python3 that happens to come first on PATH
PYTHON_HINT=()
[ -x /usr/bin/python3 ] && PYTHON_HINT=(-DPython3_EXECUTABLE=/usr/bin/python3)
cmake -S . -B build "${PYTHON_HINT[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
cmake --build build -j"$(nproc)" >&2
if [ $# -eq 0 ]; then set -- json examples/sample.txt; fi
build/cli/referat "$@"
