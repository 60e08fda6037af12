#!/usr/bin/env bash
# The main job on the bundled sample: build, then print the sample minutes
# as JSON. Usage: scripts/sample.sh [referat arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
# build the bindings for Debian's python3 (it has python3-pandas), not a
# python3 that happens to come first on PATH
PYTHON_HINT=()
[ -x /usr/bin/python3 ] && PYTHON_HINT=(-DPython3_EXECUTABLE=/usr/bin/python3)
cmake -S . -B build "${PYTHON_HINT[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ $# -eq 0 ]; then set -- json examples/sample.txt; fi
build/cli/referat "$@"
