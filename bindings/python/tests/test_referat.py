"""Tests of the Python layer, run by ctest (PYTHONPATH = the build's package)
and runnable with `python3 -m unittest` or pytest. Environment: REFERAT (the
CLI), REFERAT_FIXTURES, REFERAT_CORPUS (optional)."""
import datetime
import io
import json
import os
import pathlib
import pydoc
import subprocess
import unittest

import referat

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = pathlib.Path(os.environ.get("REFERAT_FIXTURES",
                                       HERE.parent.parent.parent / "tests" / "fixtures"))
CORPUS = pathlib.Path(os.environ.get("REFERAT_CORPUS",
                                     HERE.parent.parent.parent.parent / "shared" / "corpus"))
CLI = os.environ.get("REFERAT", "referat")


def cli(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, check=True).stdout


def fixtures():
    return sorted(FIXTURES.glob("*.txt"))


def corpus():
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def all_corpora():
    """Every corpus folder beside CORPUS (corpus, corpus-real, ...)."""
    return sorted(p for d in sorted(CORPUS.parent.glob("corpus*")) if d.is_dir()
                  for p in d.glob("*.txt"))


def stripped(path, tmp):
    """The fixture with its '#: ' comment lines emptied (as tests/support.c
    read_fixture does), written to tmp."""
    lines = path.read_bytes().split(b"\n")
    tmp.write_bytes(b"\n".join(b"" if l.startswith(b"#: ") else l for l in lines))
    return tmp


class MatchesTheCli(unittest.TestCase):
    def test_to_dict_equals_cli_json_on_fixtures(self):
        self.assertGreater(len(fixtures()), 10)
        for path in fixtures():
            with self.subTest(path.name):
                self.assertEqual(referat.parse_file(path).to_dict(), json.loads(cli("json", path)))

    def test_to_json_is_byte_identical(self):
        import tempfile
        paths = fixtures() + [HERE.parent.parent.parent / "examples" / "sample.txt"]
        paths += all_corpora()
        with tempfile.TemporaryDirectory() as d:
            for path in paths:
                with self.subTest(path.name):
                    tmp = stripped(path, pathlib.Path(d) / path.name)
                    self.assertEqual(referat.parse(tmp).to_json() + "\n",
                                     cli("json", tmp).decode("utf-8"))

    def test_to_dict_equals_cli_json_on_corpus(self):
        if not corpus():
            self.skipTest(f"no corpus at {CORPUS}")
        for path in corpus():
            with self.subTest(path.name):
                self.assertEqual(referat.parse_file(path).to_dict(), json.loads(cli("json", path)))
                golden = path.with_suffix(".json")
                if golden.exists():
                    want = json.loads(golden.read_text("utf-8"))
                    if want["meetings"] and "layout" not in want["meetings"][0]:
                        continue  # a golden file of the 0.1 format: not comparable
                    self.assertEqual(referat.parse_file(path).to_dict(), want)

    def test_events_equal_cli_events(self):
        # the JSON Lines names of fields that Event names otherwise
        names = {"for": "votes_for", "against": "votes_against", "abstain": "votes_abstain",
                 "total": "votes_total", "phrase": "text"}
        for path in fixtures():
            with self.subTest(path.name):
                ours = list(referat.iterparse(path))
                theirs = [json.loads(l) for l in cli("events", path).decode().splitlines()]
                self.assertEqual(len(ours), len(theirs))
                for ev, want in zip(ours, theirs):
                    for key, value in want.items():
                        got = getattr(ev, names.get(key, key))
                        if key == "cells":
                            got = [dict(text=t, **({} if v is None else {"value": v}))
                                   for t, v in got]
                        if value == -1 and key in ("page", *names):
                            value = None  # not stated
                        self.assertEqual(got, value, (path.name, want["type"], key))


class Sources(unittest.TestCase):
    def setUp(self):
        self.path = FIXTURES / "lists.txt"
        self.data = self.path.read_bytes()
        self.expected = referat.fromstring(self.data).to_dict()

    def test_every_kind_of_file_source(self):
        text = self.data.decode("utf-8")
        with open(self.path, "rb") as binary, open(self.path, encoding="utf-8") as textfile:
            sources = [self.path, str(self.path), binary, textfile, io.BytesIO(self.data),
                       io.StringIO(text)]
            for src in sources:
                with self.subTest(type(src).__name__):
                    got = referat.parse(src).to_dict()
                    # a file's document names it, as `referat json FILE` does
                    got.pop("source", None)
                    self.assertEqual(got, self.expected)
        for fn in (referat.parse, referat.parse_file):
            self.assertEqual(fn(str(self.path)).source, str(self.path))

    def test_fromstring_takes_content(self):
        text = self.data.decode("utf-8")
        for src in (self.data, bytearray(self.data), memoryview(self.data), text):
            with self.subTest(type(src).__name__):
                doc = referat.fromstring(src)
                self.assertEqual(doc.to_dict(), self.expected)
                self.assertIsNone(doc.source)

    def test_a_str_is_a_file_name_never_content(self):
        text = self.data.decode("utf-8")
        for fn in (referat.parse, referat.parse_file, lambda s: list(referat.iterparse(s)),
                   lambda s: list(referat.events(s))):
            with self.assertRaises(OSError):
                fn(text)
            with self.assertRaises(TypeError):  # bytes: use fromstring
                fn(self.data)
        self.assertEqual(list(referat.events(str(self.path))),
                         list(referat.iterparse(self.path)))

    def test_chunked_file_objects_give_the_same_events(self):
        whole = list(referat.iterparse(self.path))
        for size in (1, 2, 7, 64, 4096):
            with self.subTest(size):
                self.assertEqual(list(referat.iterparse(io.BytesIO(self.data), chunk_size=size)),
                                 whole)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            referat.parse(42)
        with self.assertRaises(TypeError):
            referat.iterparse(42)  # at once, not when iterated
        with self.assertRaises(TypeError):
            referat.fromstring(42)
        with self.assertRaises(TypeError):
            referat.iterparse(self.path, chunk_size="1")
        with self.assertRaises(ValueError):
            referat.iterparse(self.path, chunk_size=0)
        with self.assertRaises(ValueError):
            referat.fromstring(self.data, max_block_size=-1)
        with self.assertRaises(TypeError):
            referat.read_frames(str(self.path))

    def test_file_errors_are_oserrors_naming_the_file(self):
        missing = FIXTURES / "no-such-file.txt"
        for fn in (referat.parse, referat.parse_file, lambda s: list(referat.iterparse(s))):
            with self.assertRaises(FileNotFoundError) as cm:
                fn(missing)
            self.assertEqual(os.fspath(cm.exception.filename), str(missing))
        with self.assertRaises(IsADirectoryError) as cm:
            referat.parse(str(FIXTURES))
        self.assertEqual(cm.exception.filename, str(FIXTURES))


class Errors(unittest.TestCase):
    def test_strict_error_carries_its_position(self):
        data = (FIXTURES / "cp1252.txt").read_bytes()
        with self.assertRaises(referat.ReferatError) as cm:
            referat.fromstring(data, strict=True)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual((e.code, e.offset, e.line, e.column, e.file),
                         ("invalid-utf8", 36, 3, 2, None))
        self.assertIn("line 3", str(e))
        with self.assertRaises(referat.ReferatError) as cm:
            referat.parse(FIXTURES / "cp1252.txt", strict=True)
        self.assertEqual(cm.exception.file, str(FIXTURES / "cp1252.txt"))
        self.assertTrue(str(cm.exception).startswith(str(FIXTURES / "cp1252.txt") + ": "))
        # without strict, the same input parses with diagnostics
        codes = [d.code for d in referat.fromstring(data).diagnostics]
        self.assertEqual(codes.count("invalid-utf8"), 4)

    def test_events_raise_after_the_good_events(self):
        seen = []
        with self.assertRaises(referat.ReferatError):
            for ev in referat.iterparse(io.BytesIO(b"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n\xff\n"),
                                        strict=True, chunk_size=3):
                seen.append(ev.type)
        self.assertEqual(seen[0], "meeting_start")

    def test_block_limit_as_a_diagnostic(self):
        data = b"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\n" + b"ord " * 100 + b"\n"
        doc = referat.fromstring(data, max_block_size=64)
        self.assertIn("block-too-large", [d.code for d in doc.diagnostics])

    def test_parser_after_close_raises(self):
        p = referat.core.Parser()
        p.close()
        with self.assertRaises(ValueError):
            p.feed(b"x")
        with self.assertRaises(ValueError):
            p.finish()
        p.close()  # closing twice is harmless

    def test_feed_needs_bytes(self):
        p = referat.core.Parser()
        with self.assertRaises(TypeError):
            p.feed("text")
        p.close()


class Model(unittest.TestCase):
    def test_fields_and_types(self):
        doc = referat.parse_file(FIXTURES / "sections.txt")
        m = doc.meetings[0]
        self.assertEqual(m.date, datetime.date(2015, 3, 10))
        item = m.items[0]
        self.assertEqual([s.kind for s in item.sections][:3],
                         ["preamble", "background", "recommendation"])
        self.assertEqual([(d.body, d.date) for d in item.decisions][:2],
                         [("Direktionen", datetime.date(2015, 3, 10)),
                          ("Direktionen", datetime.date(2015, 2, 24))])
        self.assertEqual(item.sections[-1].blocks[0],
                         referat.Attachment("Bilag 1 - Notat.pdf", 43))

    def test_short_reprs_for_notebooks(self):
        doc = referat.parse_file(FIXTURES / "sections.txt")
        self.assertEqual(repr(doc), "<Document 1 meetings, 1 items, 0 diagnostics>")
        self.assertEqual(repr(doc.meetings[0]), "<Meeting referat Direktionen 2015-03-10, 1 items>")
        self.assertTrue(repr(doc.meetings[0].items[0]).startswith("<Item 1 'Sager' case 14/32918"))

    def test_event_records(self):
        ev = next(referat.iterparse(io.StringIO("REFERAT Direktionen d. 21-08-2023\n")))
        self.assertIsInstance(ev, referat.Event)
        self.assertEqual((ev.type, ev.kind, ev.body, ev.date, ev.line),
                         ("meeting_start", "referat", "Direktionen", "2023-08-21", 1))
        self.assertIsNone(ev.text)

    def test_help_reads_well(self):
        text = pydoc.render_doc(referat, renderer=pydoc.plaintext)
        for name in ("events", "parse", "parse_file", "ReferatError", "Document"):
            self.assertIn(name, text)
        for name in referat.__all__:
            if name != "__version__":
                self.assertTrue(getattr(referat, name).__doc__, name)


class Frames(unittest.TestCase):
    def setUp(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")

    def test_frames(self):
        doc = referat.fromstring(b"".join(p.read_bytes() for p in
                                     [FIXTURES / "meta.txt", FIXTURES / "absence.txt",
                                      FIXTURES / "tables.txt", FIXTURES / "sections.txt"]))
        f = doc.frames()
        self.assertEqual(set(f), {"meetings", "items", "decisions", "votes", "participation",
                                  "attendance", "attachments", "table_rows"})
        self.assertEqual(len(f["meetings"]), 4)
        self.assertEqual(list(f["decisions"].columns),
                         ["source", "meeting_date", "item", "subitem", "title", "body", "date",
                          "history", "outcome", "outcome_phrase", "outcome_reason",
                          "votes_for", "votes_against", "votes_abstain", "votes_total",
                          "unanimous", "text"])
        self.assertEqual(len(f["decisions"]), 1 + 4)   # absence.txt + sections.txt
        att = f["attendance"]
        self.assertEqual(len(att[att.item.isna()]), 5)          # meeting participants
        self.assertEqual(sorted(att[att.item.notna()].name),    # per-item Afbud
                         ["Anya Krogh Manghezi", "Charlotte Markussen", "Jørgen Lerhard",
                          "Lars Holte"])
        self.assertEqual(list(f["attachments"].name)[:2],
                         ["Bilag 1 - Notat.pdf", "Bilag 2 - Oversigt.xlsx"])
        rows = f["table_rows"]
        total = rows[(rows.table == 1) & (rows.row == 2)].iloc[0]
        self.assertEqual(total.cells, ["Total", "608.192", "71,9"])
        self.assertEqual(total["values"], [None, 608192, 71.9])
        self.assertTrue(rows.iloc[0].header)


if __name__ == "__main__":
    unittest.main()
