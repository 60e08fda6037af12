#!/usr/bin/env bash
# Builds a static utf8proc with sanitizer flags, from the Debian source
# package of the utf8proc that is installed (the same version as the
# library's headers), for the sanitizer builds: MemorySanitizer needs every
# linked library instrumented, and AddressSanitizer sees overruns inside
# utf8proc only when it is instrumented too.
#
#   scripts/utf8proc_sanitized.sh OUTDIR CFLAGS...
#   e.g. scripts/utf8proc_sanitized.sh build-msan/utf8proc -fsanitize=memory -fsanitize-memory-track-origins
#
# Makes OUTDIR/lib/libutf8proc.a, OUTDIR/include/utf8proc.h and
# OUTDIR/lib/pkgconfig/libutf8proc.pc; a build with
#   PKG_CONFIG_PATH=OUTDIR/lib/pkgconfig
# in its environment links it instead of the system's libutf8proc
# (the top-level CMakeLists.txt finds utf8proc with pkg-config).
# Rebuilds only when the flags or the source change.
#
# The source, in this order:
#   UTF8PROC_SRC=PATH   a utf8proc source tree (with utf8proc.c), an
#                       .orig.tar.gz / .tar.gz of one, or a Debian .dsc
#   OUTDIR/src          the source fetched by an earlier run
#   apt-get source      `apt-get source --download-only utf8proc=VERSION`;
#                       when apt has no deb-src entry and we are root, a
#                       deb-src entry for the same archive is added first
#                       (/etc/apt/sources.list.d/referat-deb-src.sources,
#                       UTF8PROC_DEB_SRC=0 turns that off)
#
# Environment: CC (default clang), UTF8PROC_SRC, UTF8PROC_DEB_SRC.
# Exit status: 0 built (or up to date), 3 no source to be had (callers
# skip with the message), 2 the build failed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/utf8proc_sanitized.sh OUTDIR CFLAGS..." >&2; exit 2; }
out="$1"
shift
cflags=("$@")
cc="${CC:-clang}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
say() { echo "utf8proc_sanitized: $*"; }

# The version to fetch: the installed one (its header is what the
# library was written against); any when dpkg does not know it.
version=""
if command -v dpkg-query >/dev/null 2>&1; then
  version="$(dpkg-query -W -f='${Version}' libutf8proc-dev 2>/dev/null || true)"
fi

# A deb-src entry for each deb entry of the Debian archive(s) apt uses.
enable_deb_src() {
  local list=/etc/apt/sources.list.d/referat-deb-src.sources
  [ "${UTF8PROC_DEB_SRC:-1}" != 0 ] || { say "UTF8PROC_DEB_SRC=0: not adding a deb-src entry"; return 1; }
  [ "$(id -u)" = 0 ] || { say "not root: cannot add a deb-src entry to apt"; return 1; }
  [ -d /etc/apt/sources.list.d ] || return 1
  local tmp
  tmp="$(mktemp)"
  # deb822 files: every stanza of Types: deb becomes one of Types: deb-src
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    if [ ! -e "$f" ] || [ "$f" = "$list" ]; then continue; fi
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         /(^|\n)Types:[^\n]*deb([ \n]|$)/ && !/deb-src/ && /debian/ {
           sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" >> "$tmp"
  done
  # one-line lists: deb URI SUITE COMPONENTS
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    sed -n 's/^[[:space:]]*deb[[:space:]]\(.*debian.*\)$/\1/p' "$f" |
      while read -r line; do
        # deb822 wants URIs/Suites/Components; options in [..] are dropped
        line="${line#\[*\] }"
        # shellcheck disable=SC2086
        set -- $line
        [ $# -ge 3 ] || continue
        local uri="$1" suite="$2"
        shift 2
        printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n\n' "$uri" "$suite" "$*"
      done >> "$tmp"
  done
  if [ ! -s "$tmp" ]; then
    rm -f "$tmp"
    say "no Debian archive in apt's sources to add a deb-src entry for"
    return 1
  fi
  say "adding deb-src entries for apt's Debian archives ($list)"
  install -m 644 "$tmp" "$list"
  rm -f "$tmp"
  # update that list only
  apt-get update -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- \
    -o APT::Get::List-Cleanup=0 >/dev/null 2>&1 || { say "apt-get update of the deb-src entries failed"; return 1; }
}

fetch_apt() {
  command -v apt-get >/dev/null 2>&1 || { say "no apt-get"; return 1; }
  local dl="$out/download"
  rm -rf "$dl"
  mkdir -p "$dl"
  local want="utf8proc${version:+=$version}"
  if ! (cd "$dl" && apt-get source --download-only "$want" > apt-source.log 2>&1); then
    if grep -q -i "deb-src\|Unable to find a source package\|Can not find version" "$dl/apt-source.log" &&
        enable_deb_src; then
      (cd "$dl" && apt-get source --download-only "$want" > apt-source.log 2>&1) || {
        say "apt-get source $want failed:"; tail -3 "$dl/apt-source.log" | sed 's/^/    /'; return 1; }
    else
      say "apt-get source $want failed:"
      tail -3 "$dl/apt-source.log" | sed 's/^/    /'
      return 1
    fi
  fi
  local dsc
  dsc="$(find "$dl" -maxdepth 1 -name 'utf8proc_*.dsc' | head -1)"
  [ -n "$dsc" ] || { say "apt-get source gave no .dsc"; return 1; }
  unpack "$dsc"
}

# Unpacks a .dsc (Debian patches applied) or a tarball into $out/src.
unpack() {
  local from="$1"
  rm -rf "$out/src"
  mkdir -p "$out/src"
  case "$from" in
    *.dsc)
      if command -v dpkg-source >/dev/null 2>&1; then
        # apt-get checked the files against the archive's signed index
        dpkg-source --no-check -x "$from" "$out/src/utf8proc" >/dev/null
      else
        local dir
        dir="$(dirname "$from")"
        tar -xzf "$dir"/utf8proc_*.orig.tar.gz -C "$out/src"
        mv "$out/src"/utf8proc-* "$out/src/utf8proc"
        if ls "$dir"/utf8proc_*.debian.tar.* >/dev/null 2>&1; then
          tar -xf "$dir"/utf8proc_*.debian.tar.* -C "$out/src/utf8proc"
          local p
          if [ -f "$out/src/utf8proc/debian/patches/series" ]; then
            while read -r p; do
              case "$p" in '' | '#'*) continue ;; esac
              patch -s -d "$out/src/utf8proc" -p1 < "$out/src/utf8proc/debian/patches/$p"
            done < "$out/src/utf8proc/debian/patches/series"
          fi
        fi
      fi
      ;;
    *.tar.gz | *.tgz)
      tar -xzf "$from" -C "$out/src"
      mv "$out/src"/*/ "$out/src/utf8proc"
      ;;
    *)
      cp -r "$from" "$out/src/utf8proc"
      ;;
  esac
  [ -f "$out/src/utf8proc/utf8proc.c" ] || { say "no utf8proc.c in $from"; return 1; }
}

src="$out/src/utf8proc"
if [ -n "${UTF8PROC_SRC:-}" ]; then
  unpack "$UTF8PROC_SRC" || exit 3
elif [ ! -f "$src/utf8proc.c" ]; then
  if ! fetch_apt; then
    say "the utf8proc source cannot be had (no deb-src, no network?); set UTF8PROC_SRC=PATH"
    exit 3
  fi
  say "source: Debian utf8proc ${version:-(any version)} (apt-get source)"
fi

# The header must be the installed one's version (the library is compiled
# against the sanitized build's header, but was written against that one).
hver() { sed -n 's/^#define UTF8PROC_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' "$1" | paste -sd.; }
built_ver="$(hver "$src/utf8proc.h")"
if [ -f /usr/include/utf8proc.h ] && [ "$(hver /usr/include/utf8proc.h)" != "$built_ver" ]; then
  say "note: building utf8proc $built_ver, the installed header is $(hver /usr/include/utf8proc.h)"
fi

# up to date?
stamp="$cc ${cflags[*]} $(cksum < "$src/utf8proc.c") $(cksum < "$src/utf8proc_data.c")"
if [ -f "$out/lib/libutf8proc.a" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  say "$out/lib/libutf8proc.a is up to date (utf8proc $built_ver)"
  exit 0
fi
mkdir -p "$out/lib/pkgconfig" "$out/include" "$out/obj"
# UTF8PROC_STATIC: no dllimport (Windows only, harmless elsewhere);
# the upstream Makefile's warnings and -O2 otherwise
"$cc" -O2 -g -std=c99 -fPIC -DUTF8PROC_STATIC -DUTF8PROC_EXPORTS "${cflags[@]}" \
  -I"$src" -c "$src/utf8proc.c" -o "$out/obj/utf8proc.o" || { say "compiling utf8proc.c failed"; exit 2; }
rm -f "$out/lib/libutf8proc.a"
ar rcs "$out/lib/libutf8proc.a" "$out/obj/utf8proc.o"
cp "$src/utf8proc.h" "$out/include/"
cat > "$out/lib/pkgconfig/libutf8proc.pc" <<EOF
prefix=$out
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: libutf8proc
Description: UTF8 processing (static, built with: ${cflags[*]})
URL: https://juliastrings.github.io/utf8proc/
Version: $built_ver
Libs: -L\${libdir} -lutf8proc
Cflags: -I\${includedir} -DUTF8PROC_STATIC
EOF
echo "$stamp" > "$out/stamp"
say "built $out/lib/libutf8proc.a (utf8proc $built_ver, ${cflags[*]:-no flags})"
