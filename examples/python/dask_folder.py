#!/usr/bin/env python3
"""Parse a folder of minutes in parallel with dask.bag on a local cluster and
count the decisions by outcome.

    PYTHONPATH=build/bindings/python python3 examples/python/dask_folder.py [FOLDER]

Without FOLDER it reads tests/fixtures. Each worker process parses whole
files (referat.parse takes a file name); the Documents travel back pickled.
Needs dask and distributed (Debian: python3-dask python3-distributed).
"""
import collections
import pathlib
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster

import referat

ROOT = pathlib.Path(__file__).resolve().parents[2]


def outcomes(doc):
    """(outcome, 1) for every decision of the document with an outcome."""
    return [(s.outcome, 1) for m in doc.meetings for it in m.items
            for s in it.sections + [x for sub in it.subitems for x in sub.sections]
            if s.outcome is not None]


def main(args):
    folder = pathlib.Path(args[0]) if args else ROOT / "tests" / "fixtures"
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        docs = db.from_sequence(paths, npartitions=min(len(paths), 4)).map(referat.parse)
        counts = docs.map(outcomes).flatten().foldby(
            lambda kv: kv[0], lambda total, kv: total + kv[1], 0,
            lambda a, b: a + b, 0).compute()
        documents = docs.compute()  # whole Documents, pickled by the workers
    print(f"Parsed {len(documents)} files of {folder}")
    print("Decisions by outcome:")
    for outcome, n in sorted(collections.Counter(dict(counts)).items()):
        print(f"  {outcome}: {n}")
    # the same, in this process, must agree
    local = collections.Counter(o for p in paths for o, _ in outcomes(referat.parse(p)))
    assert local == collections.Counter(dict(counts)), (local, counts)
    assert [d.to_dict() for d in documents] == [referat.parse(p).to_dict() for p in paths]
    print("dask results equal the local parse")


if __name__ == "__main__":
    main(sys.argv[1:])
