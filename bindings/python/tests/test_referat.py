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


class MatchesTheCli(unittest.TestCase):
    def test_to_dict_equals_cli_json_on_fixtures(self):
        self.assertGreater(len(fixtures()), 10)
        for path in fixtures():
            with self.subTest(path.name):
                self.assertEqual(referat.parse_file(path).to_dict(), json.loads(cli("json", path)))

    def test_to_json_is_byte_identical(self):
        path = FIXTURES / "tables.txt"
        self.assertEqual(referat.parse_file(path).to_json() + "\n", cli("json", path).decode())

    def test_to_dict_equals_cli_json_on_corpus(self):
        if not corpus():
            self.skipTest(f"no corpus at {CORPUS}")
        for path in corpus():
            with self.subTest(path.name):
                self.assertEqual(referat.parse_file(path).to_dict(), json.loads(cli("json", path)))
                golden = path.with_suffix(".json")
                if golden.exists():
                    self.assertEqual(referat.parse_file(path).to_dict(),
                                     json.loads(golden.read_text("utf-8")))

    def test_events_equal_cli_events(self):
        # the JSON Lines names of fields that Event names otherwise
        names = {"value": "text", "columns": "number", "level": "number", "code": "kind",
                 "message": "text"}
        for path in fixtures():
            with self.subTest(path.name):
                ours = list(referat.events(path))
                theirs = [json.loads(l) for l in cli("events", path).decode().splitlines()]
                self.assertEqual(len(ours), len(theirs))
                for ev, want in zip(ours, theirs):
                    for key, value in want.items():
                        field = names.get(key, key)
                        if key == "page" and want["type"] == "toc_entry":
                            field = "number"
                        got = getattr(ev, field)
                        if key == "cells":
                            got = [dict(text=t, **({} if v is None else {"value": v}))
                                   for t, v in got]
                        self.assertEqual(got, value, (path.name, want["type"], key))


class Sources(unittest.TestCase):
    def setUp(self):
        self.path = FIXTURES / "lists.txt"
        self.data = self.path.read_bytes()
        self.expected = referat.parse(self.data).to_dict()

    def test_every_kind_of_source(self):
        sources = [self.data, bytearray(self.data), memoryview(self.data), self.path,
                   self.data.decode("utf-8"), io.BytesIO(self.data),
                   io.StringIO(self.data.decode("utf-8"))]
        for src in sources:
            with self.subTest(type(src).__name__):
                self.assertEqual(referat.parse(src).to_dict(), self.expected)

    def test_chunked_file_objects_give_the_same_events(self):
        whole = list(referat.events(self.data))
        for size in (1, 2, 7, 64, 4096):
            with self.subTest(size):
                self.assertEqual(list(referat.events(io.BytesIO(self.data), chunk_size=size)),
                                 whole)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            referat.parse(42)
        with self.assertRaises(TypeError):
            list(referat.events(self.data, chunk_size=0))
        with self.assertRaises(OSError):
            referat.parse_file(FIXTURES / "no-such-file.txt")
        with self.assertRaises(OSError):
            list(referat.events(pathlib.Path("/no/such/file")))


class Errors(unittest.TestCase):
    def test_strict_error_carries_its_position(self):
        data = (FIXTURES / "cp1252.txt").read_bytes()
        with self.assertRaises(referat.ReferatError) as cm:
            referat.parse(data, strict=True)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual((e.code, e.offset, e.line, e.column), ("invalid-utf8", 36, 3, 2))
        self.assertIn("line 3", str(e))
        # without strict, the same input parses with diagnostics
        codes = [d.code for d in referat.parse(data).diagnostics]
        self.assertEqual(codes.count("invalid-utf8"), 4)

    def test_events_raise_after_the_good_events(self):
        seen = []
        with self.assertRaises(referat.ReferatError):
            for ev in referat.events(b"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n\xff\n",
                                     strict=True, chunk_size=3):
                seen.append(ev.type)
        self.assertEqual(seen[0], "meeting_start")

    def test_block_limit_as_a_diagnostic(self):
        data = b"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\n" + b"ord " * 100 + b"\n"
        doc = referat.parse(data, max_block_size=64)
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
        ev = next(referat.events("REFERAT Direktionen d. 21-08-2023\n"))
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
        doc = referat.parse(b"".join(p.read_bytes() for p in
                                     [FIXTURES / "meta.txt", FIXTURES / "absence.txt",
                                      FIXTURES / "tables.txt", FIXTURES / "sections.txt"]))
        f = doc.frames()
        self.assertEqual(set(f), {"meetings", "items", "decisions", "attendance",
                                  "attachments", "table_rows"})
        self.assertEqual(len(f["meetings"]), 4)
        self.assertEqual(list(f["decisions"].columns),
                         ["meeting_date", "item", "title", "body", "date", "text"])
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
