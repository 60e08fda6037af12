#!/usr/bin/env python3
"""Cuts the test fixtures into the small seed files fuzz/corpus/fx-*.txt.

usage: fuzz/make_corpus.py [FIXTURE.txt ...]   (default: git ls-files tests/fixtures/*.txt)

Each fixture (its "#: " comment lines made empty, as tests/test_fixtures.c
reads it) gives its head (header and front matter up to the first item or
at most 8 paragraphs) and windows of 3 paragraphs (step 2) behind the
fixture's first line, so that most pieces start a meeting. Pieces are at
most 1200 bytes. The synthetic seeds (fuzz/corpus/syn-*.txt) are written by
hand and not touched. Output is deterministic; rerun after fixtures change.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX = 1200


def paragraphs(data):
    """Paragraphs (runs of non-blank lines, with their line ends)."""
    paras, cur = [], []
    for line in data.splitlines(keepends=True):
        if line.strip(b" \t\r\n\f") == b"":
            if cur:
                paras.append(b"".join(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        paras.append(b"".join(cur))
    return paras


def pieces(data):
    paras = paragraphs(data)
    if not paras:
        return []
    out = []
    head = []
    for p in paras[:8]:
        head.append(p)
        if re.match(rb"(Punkt \d+|\d+\.?\s*$)", p):
            break
    out.append(b"\n".join(head))
    first = paras[0].splitlines(keepends=True)[0]
    for i in range(1, len(paras), 2):
        win = paras[i:i + 3]
        out.append(first + b"\n" + b"\n".join(win))
    return [p[:MAX] for p in out]


def main(argv):
    files = argv[1:]
    if not files:
        files = subprocess.run(["git", "-C", ROOT, "ls-files", "tests/fixtures/*.txt"],
                               check=True, capture_output=True, text=True).stdout.split()
        files = [os.path.join(ROOT, f) for f in files]
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.startswith("fx-"):
            os.remove(os.path.join(OUT, old))
    count = 0
    for f in sorted(files):
        with open(f, "rb") as fh:
            data = re.sub(rb"(?m)^#: .*$", b"", fh.read())
        name = os.path.splitext(os.path.basename(f))[0]
        seen = set()
        for i, piece in enumerate(pieces(data)):
            if piece in seen:
                continue
            seen.add(piece)
            with open(os.path.join(OUT, "fx-%s-%02d.txt" % (name, i)), "wb") as fh:
                fh.write(piece)
            count += 1
    print("%d pieces from %d fixtures in %s" % (count, len(files), OUT))


if __name__ == "__main__":
    main(sys.argv)
