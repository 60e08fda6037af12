#!/usr/bin/env bash
# Installs what building and testing libreferat needs, from Debian packages.
# Skips the install when everything is there already. Writes nothing to
# stdout: apt-get's output goes to stderr (scripts print only their result).
set -euo pipefail
packages=(build-essential cmake pkg-config libutf8proc-dev libcmocka-dev
          python3 python3-dev swig python3-pytest python3-pandas
          python3-wheel python3-venv
          debhelper dh-python python3-all-dev lintian
          doxygen man-db groff-base dpkg-dev file gcovr
          python3-dask python3-distributed libsqlite3-dev sqlite3 libpoppler-glib-dev poppler-utils
          abi-dumper abi-compliance-checker)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
