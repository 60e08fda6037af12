#!/usr/bin/env bash
# Installs the build into a scratch prefix and uses it the way a downstream
# user would: the examples built with pkg-config + cc and with a
# find_package consumer project, the CLI, the Python package, the man page;
# then the .deb and .tar.gz from CPack, with an example built against the
# .deb unpacked by dpkg -x.
# usage: install_test.sh SOURCE_DIR BUILD_DIR PYTHON
set -euo pipefail
src=$1 build=$2 python=${3:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
step() { echo "-- $*"; }

step "install into a scratch prefix"
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name libreferat.so | head -n1)")
export PKG_CONFIG_PATH=$libdir/pkgconfig LD_LIBRARY_PATH=$libdir
version=$(pkg-config --modversion libreferat)

step "examples with pkg-config and cc, linked to the shared library"
for ex in list_items decisions_csv attendance tables_csv; do
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror "$src/examples/$ex.c" \
     $(pkg-config --cflags --libs libreferat) -o "$tmp/$ex"
  "$tmp/$ex" "$src/examples/sample.txt" | cmp - "$src/tests/examples/$ex.out"
done
# (no "| grep -q" under pipefail: grep may exit before ldd has written all)
ldd "$tmp/list_items" > "$tmp/ldd.txt"
grep -q "$libdir/libreferat.so.1" "$tmp/ldd.txt"

step "examples with find_package(referat CONFIG)"
cmake -S "$src/examples/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
"$tmp/consumer/tables_csv" "$src/examples/sample.txt" | cmp - "$src/tests/examples/tables_csv.out"
"$tmp/consumer/stream_stdin" --chunk 3 < "$src/examples/sample.txt" \
  | cmp - "$src/tests/examples/stream_stdin.out"

step "one version everywhere: $version"
test "$("$prefix/bin/referat" --version)" = "referat $version"
grep -q "set(PACKAGE_VERSION \"$version\")" "$libdir/cmake/referat/referatConfigVersion.cmake"
grep -q "#define REFERAT_VERSION_STRING \"$version\"" "$prefix/include/referat/version.h"
pydir=$(dirname "$(find "$prefix" -path '*-packages/referat/__init__.py' | head -n1)")
PYTHONPATH=$(dirname "$pydir") "$python" -c \
  "import referat; assert referat.__version__ == referat.version() == '$version'; \
   print(len(referat.parse_file('$src/examples/sample.txt').meetings[0].items), 'items')"

step "the man page renders"
man -l "$prefix/share/man/man1/referat.1" 2>/dev/null | grep -c "EXIT STATUS" >/dev/null

step "cpack: .deb and .tar.gz"
(cd "$build" && cpack -G "DEB;TGZ" -B "$tmp/pkg" >/dev/null)
deb=$(ls "$tmp"/pkg/*.deb)
tgz=$(ls "$tmp"/pkg/*.tar.gz)
tar -tzf "$tgz" | grep -c "include/referat/referat.h" >/dev/null
dpkg-deb --field "$deb" Version | grep -cx "$version" >/dev/null
dpkg -x "$deb" "$tmp/root"
rootlib=$(dirname "$(find "$tmp/root" -name libreferat.so | head -n1)")
PKG_CONFIG_PATH=$rootlib/pkgconfig pkg-config --cflags libreferat | grep -c "$tmp/root" >/dev/null
# shellcheck disable=SC2046
cc -std=c11 "$src/examples/list_items.c" \
   $(PKG_CONFIG_PATH=$rootlib/pkgconfig pkg-config --cflags --libs libreferat) -o "$tmp/from_deb"
LD_LIBRARY_PATH=$rootlib "$tmp/from_deb" "$src/examples/sample.txt" \
  | cmp - "$src/tests/examples/list_items.out"
if [ -d "$build/bindings/python" ]; then
  step "the wheel installs into a venv"
  cmake --build "$build" --target wheel >/dev/null
  "$python" -m venv --system-site-packages "$tmp/venv"
  "$tmp/venv/bin/pip" install -q --no-index "$build"/dist/referat-"$version"-*.whl
  (cd "$tmp" && "$tmp/venv/bin/python" -c "import referat; assert referat.__version__ == '$version'")
fi
echo "install checks: 9 passed, 0 failed"
