#!/usr/bin/env python3
"""What a data journalist would run in a notebook: decisions per year, who
was absent how often, and one meeting's budget tables as DataFrames.

    PYTHONPATH=build/bindings/python python3 examples/python/notebook.py [FILE...]

Without FILE it reads the bundled examples/sample.txt and, when it is there,
every document in ../shared/corpus.
"""
import pathlib
import sys

import pandas as pd

import referat

ROOT = pathlib.Path(__file__).resolve().parents[2]


def documents(args):
    if args:
        return [pathlib.Path(a) for a in args]
    files = [ROOT / "examples" / "sample.txt"]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    return files


def main(args):
    frames = referat.read_frames(documents(args))

    print("Meetings:", len(frames["meetings"]))
    decisions = frames["decisions"]
    per_year = decisions.groupby(decisions["date"].dt.year).size()
    print("\nDecisions per year:")
    print(per_year.to_string())

    att = frames["attendance"]
    absent = att[att["absent"].fillna(False)]
    print("\nAbsences (meeting level and per-item Afbud):")
    print(absent.groupby("name").size().sort_values(ascending=False).to_string())

    rows = frames["table_rows"]
    if len(rows):
        first = rows.iloc[0]
        table = rows[(rows["meeting_date"] == first["meeting_date"])
                     & (rows["item"] == first["item"]) & (rows["table"] == first["table"])]
        header = table[table["header"]]
        body = table[~table["header"]]
        columns = list(header.iloc[0]["cells"]) if len(header) else None
        df = pd.DataFrame(list(body["values"]), columns=columns)
        df[df.columns[0]] = [c[0] for c in body["cells"]]  # the row labels are text
        print(f"\nFirst table of {first['meeting_date']:%Y-%m-%d}, item {first['item']}:")
        print(df.to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
