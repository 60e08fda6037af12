#!/usr/bin/env bash
# The Debian packages (debian/) as a Debian user meets them: builds them with
# dpkg-buildpackage from a scratch copy of the source tree, checks them with
# lintian (errors fail), installs them on this machine (apt-get), uses them
# with no environment set up (the CLI and its man page, pkg-config + cc, the
# CMake package, python3) and removes them again (trap), so the machine is as
# before. The build tree's programs keep using the build tree's library
# (RUNPATH): checked while the packages are installed.
# Needs root (or sudo) and the Debian build tools (scripts/deps.sh);
# exit 77 (skipped) without them.
# usage: package_test.sh SOURCE_DIR [BUILD_DIR]
set -euo pipefail
src=$(cd "$1" && pwd) build=${2:-}
packages=(libreferat1 libreferat-dev referat python3-referat)
step() { echo "-- $*"; }
skip() { echo "skipped: $*"; exit 77; }

for tool in dpkg-buildpackage dh dh_python3 lintian apt-get pkg-config cc cmake; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (scripts/deps.sh installs it)"
done
[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || skip "installing the packages needs root or password-less sudo"
  sudo=(sudo -n)
fi

tmp=$(mktemp -d)
installed=0
cleanup() {
  rc=$?
  if [ "$installed" = 1 ]; then
    echo "-- removing the packages"
    "${sudo[@]}" dpkg --purge "${packages[@]}" >"$tmp/purge.log" 2>&1 || { cat "$tmp/purge.log"; rc=1; }
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "failed (line $LINENO): $BASH_COMMAND"' ERR
start=$SECONDS

step "the symbols file lists the API (abi/libreferat.symbols)"
diff <(sort "$src/abi/libreferat.symbols") \
     <(sed -n 's/^ \([A-Za-z_0-9]*\)@Base .*/\1/p' "$src/debian/libreferat1.symbols" | sort)

step "dpkg-buildpackage -b -us -uc in a scratch copy of the source tree"
# the tree as it is (tracked and new files, not what .gitignore lists: the
# build trees), under a scratch parent: dpkg-buildpackage writes ../*.deb
mkdir "$tmp/src"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$src" && git ls-files -z -c -o --exclude-standard \
     | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
     | tar -cf - --null -T -) | tar -xf - -C "$tmp/src"
else
  tar -C "$src" --exclude='./build*' --exclude='./obj-*' --exclude=./.git -cf - . \
    | tar -xf - -C "$tmp/src"
fi
# The package build's own tests (debian/rules: the C, CLI and Python tests
# of ctest) are the ones ctest runs in the build tree: skipped here (nocheck,
# 40 s less) unless DEB_BUILD_OPTIONS is set, e.g. DEB_BUILD_OPTIONS= (empty)
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS-nocheck} parallel=$(nproc)"
if ! (cd "$tmp/src" && timeout 600 dpkg-buildpackage -b -us -uc) >"$tmp/build.log" 2>&1; then
  tail -n 60 "$tmp/build.log"
  echo "dpkg-buildpackage failed (the last 60 lines above)"
  exit 1
fi
version=$(dpkg-parsechangelog -l "$tmp/src/debian/changelog" -S Version)
upstream=${version%-*}
debs=()
for p in "${packages[@]}"; do
  debs+=("$tmp/${p}_${version}_$(dpkg --print-architecture).deb")
  test -f "${debs[-1]}"
done
echo "built in $((SECONDS - start)) s (DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS): $version"
for d in "${debs[@]}"; do
  echo "  $(dpkg-deb -f "$d" Package): Depends: $(dpkg-deb -f "$d" Depends)"
done

step "lintian (errors fail; warnings are listed)"
lintian_rc=0
lintian --fail-on error --tag-display-limit 0 "$tmp"/libreferat_"${version}"_*.changes \
  >"$tmp/lintian.log" 2>&1 || lintian_rc=$?
grep -v "running with root privileges is not recommended" "$tmp/lintian.log" || true
[ "$lintian_rc" -eq 0 ] || { echo "lintian: errors (exit status $lintian_rc)"; exit 1; }

step "the package contents"
# (no "| grep -q" under pipefail: grep may exit before the writer is done)
has() { grep -q -e "$1" <<<"$2" || { echo "not found: $1"; exit 1; }; }
has "libreferat.so.1 -> " "$(dpkg-deb -c "${debs[0]}")"
has "^activate-noawait ldconfig$" "$(dpkg-deb -I "${debs[0]}" triggers)"
has "^libreferat 1 libreferat1 " "$(dpkg-deb -I "${debs[0]}" shlibs)"
has "libreferat1 (= $version)" "$(dpkg-deb -f "${debs[1]}" Depends)"
has "libutf8proc-dev" "$(dpkg-deb -f "${debs[1]}" Depends)"
has "usr/share/man/man1/referat.1.gz" "$(dpkg-deb -c "${debs[2]}")"
has "usr/lib/python3/dist-packages/referat/__init__.py" "$(dpkg-deb -c "${debs[3]}")"
for d in "${debs[@]}"; do
  has "usr/share/doc/$(dpkg-deb -f "$d" Package)/copyright" "$(dpkg-deb -c "$d")"
done

# machine-wide: one package test at a time on this machine (several build trees)
exec 9>/tmp/libreferat-package-test.lock
flock -w 300 9
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ]; then
    skip "$p is installed on this machine already: not touching it"
  fi
done

step "apt-get install ./*.deb"
installed=1
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
     --no-install-recommends -o DPkg::Lock::Timeout=300 "${debs[@]}" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  exit 1
fi

# what follows runs with no environment of ours: no PATH additions,
# PKG_CONFIG_PATH, LD_LIBRARY_PATH, PYTHONPATH
clean() { env -i PATH=/usr/bin:/bin HOME="$tmp" LC_ALL=C.UTF-8 "$@"; }
expected=$src/tests/examples

step "referat --version; the man page"
test "$(clean referat --version)" = "referat $upstream"
test "$(clean sh -c 'command -v referat')" = /usr/bin/referat
clean referat json "$src/examples/sample.txt" >/dev/null
test "$(clean man -w referat)" = /usr/share/man/man1/referat.1.gz

step "pkg-config --cflags --libs libreferat"
flags=$(clean pkg-config --cflags --libs libreferat)
echo "$flags"
test "$(clean pkg-config --modversion libreferat)" = "$upstream"

step "a C example with cc and pkg-config, linked to /usr's library"
mkdir "$tmp/use" && cd "$tmp/use"
# shellcheck disable=SC2086
clean cc -std=c11 -Wall -Wextra -Werror "$src/examples/list_items.c" $flags -o list_items
clean ./list_items "$src/examples/sample.txt" | cmp - "$expected/list_items.out"
clean ldd ./list_items >ldd.txt
grep -q "libreferat.so.1 => \(/usr\)\?/lib/.*/libreferat.so.1 " ldd.txt || { cat ldd.txt; exit 1; }
# and static: the archive of libreferat-dev
# shellcheck disable=SC2046
clean cc -std=c11 "$src/examples/tables_csv.c" $(clean pkg-config --cflags libreferat) \
  -l:libreferat.a $(clean pkg-config --libs libutf8proc) -o tables_csv
clean ./tables_csv "$src/examples/sample.txt" | cmp - "$expected/tables_csv.out"

step "find_package(referat) with the examples of libreferat-dev"
clean cmake -S /usr/share/doc/libreferat-dev/examples/consumer -B consumer >/dev/null
clean cmake --build consumer >/dev/null
clean consumer/stream_stdin --chunk 3 < "$src/examples/sample.txt" | cmp - "$expected/stream_stdin.out"

step "/usr/bin/python3 -c 'import referat'"
out=$(clean /usr/bin/python3 -c 'import referat; print(referat.__version__)')
echo "$out"
test "$out" = "$upstream"
clean /usr/bin/python3 -c "import referat, sys
assert referat.__file__.startswith('/usr/lib/python3/dist-packages/'), referat.__file__
assert referat.version() == '$upstream'
print(len(referat.parse_file('$src/examples/sample.txt').meetings[0].items), 'items')"

if [ -n "$build" ] && [ -x "$build/examples/list_items" ]; then
  step "the build tree's programs still use the build tree's library"
  ldd "$build/examples/list_items" >"$tmp/ldd-build.txt"
  grep -q "libreferat.so.1 => $(cd "$build" && pwd -P)/libreferat.so.1" "$tmp/ldd-build.txt" || {
    cat "$tmp/ldd-build.txt"; exit 1; }
fi

echo "package checks passed in $((SECONDS - start)) s"
