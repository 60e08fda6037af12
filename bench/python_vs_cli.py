#!/usr/bin/env python3
"""Benchmark: the Python layer against the CLI on the same bytes.

    PYTHONPATH=build/bindings/python python3 bench/python_vs_cli.py [MB] [REFERAT]

Builds a stream of about MB megabytes (default 100) by concatenating the
corpus documents (../shared/corpus, else the bundled sample), then times, each
best of 3 runs:
  - `referat json FILE > /dev/null`       (the C reference)
  - `referat.parse_file(FILE)`             (events -> Document)
  - iterating `referat.events(FILE)`       (records only)
and prints seconds, MB/s, ratios to the CLI and peak memory (max RSS) of a
child process running each. Not a test: numbers depend on the machine.
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def make_stream(megabytes):
    corpus = ROOT.parent / "shared" / "corpus"
    sources = sorted(corpus.glob("*.txt")) if corpus.is_dir() else [ROOT / "examples" / "sample.txt"]
    blob = b"".join(p.read_bytes() for p in sources)
    f = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
    size = 0
    while size < megabytes * 1e6:
        f.write(blob)
        size += len(blob)
    f.close()
    return f.name, size


def child(code, path):
    """Runs code in a fresh python; returns (seconds, max RSS in MiB)."""
    script = ("import resource, time, referat\nt=time.perf_counter()\n"
              f"{code}\n"
              "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True,
                         check=True, env=dict(os.environ)).stdout.split()
    return float(out[-2]), int(out[-1]) / 1024


def cli(referat, path):
    t = time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run([referat, "json", path], stdout=null, check=True)
    return time.perf_counter() - t


def main():
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 100
    referat = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "build" / "cli" / "referat")
    path, size = make_stream(megabytes)
    try:
        mb = size / 1e6
        c = min(cli(referat, path) for _ in range(3))
        print(f"stream: {mb:.1f} MB")
        print(f"{'referat json (CLI)':34} {c:7.2f} s {mb / c:7.1f} MB/s   1.00x")
        cases = [("referat.parse_file", "referat.parse_file(__import__('sys').argv[1])"),
                 ("for ev in referat.events(path)",
                  "for ev in referat.events(__import__('pathlib').Path(__import__('sys').argv[1])): pass")]
        for name, code in cases:
            runs = [child(code, path) for _ in range(3)]
            t = min(r[0] for r in runs)
            print(f"{name:34} {t:7.2f} s {mb / t:7.1f} MB/s {t / c:6.2f}x  (max RSS {max(r[1] for r in runs):.0f} MiB)")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
