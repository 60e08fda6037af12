"""The Python API of 0.2: file sources like ElementTree, events as named
tuples, frames over many files with nullable dtypes, typing and discovery,
pickling, errors. Run by ctest with the other Python tests."""
import inspect
import io
import os
import pathlib
import pickle
import unittest

import referat

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = pathlib.Path(os.environ.get("REFERAT_FIXTURES",
                                       HERE.parent.parent.parent / "tests" / "fixtures"))
DECISIONS = FIXTURES / "layout_edoc_decisions.txt"


def public_functions():
    return [getattr(referat, n) for n in referat.__all__
            if inspect.isfunction(getattr(referat, n))]


class NamedTupleEvents(unittest.TestCase):
    def test_fields_and_asdict(self):
        ev = next(referat.iterparse(DECISIONS))
        self.assertEqual(ev._fields, referat.Event._fields)
        self.assertEqual(len(ev._fields), len(ev))
        d = ev._asdict()
        self.assertEqual(list(d), list(ev._fields))
        self.assertEqual((d["type"], d["meeting_kind"], d["layout"]),
                         ("meeting_start", "referat", "header-block"))

    def test_fields_a_type_does_not_set_are_none(self):
        for ev in referat.iterparse(DECISIONS):
            if ev.type != "item_start":
                self.assertIsNone(ev.number, ev.type)
                self.assertIsNone(ev.closed, ev.type)
            if ev.type != "participant":
                self.assertIsNone(ev.absent, ev.type)
            if ev.type != "vote":
                self.assertIsNone(ev.votes_for, ev.type)
        item = next(e for e in referat.iterparse(DECISIONS) if e.type == "item_start")
        self.assertEqual((item.number, item.closed, item.case_number), (1, False, "2012-30012"))

    def test_decision_events(self):
        evs = list(referat.iterparse(DECISIONS))
        outcome = next(e for e in evs if e.type == "outcome")
        self.assertEqual((outcome.outcome, outcome.kind, outcome.text, outcome.point),
                         ("noted", "noted", "Taget til efterretning", 0))
        part = next(e for e in evs if e.type == "participation")
        self.assertEqual((part.name, part.participation), ("Niels Storm", "recusal"))

    def test_a_data_frame_of_events_has_named_columns(self):
        try:
            import pandas as pd
        except ImportError:
            self.skipTest("pandas is not installed")
        df = pd.DataFrame(list(referat.iterparse(DECISIONS)))
        self.assertEqual(list(df.columns), list(referat.Event._fields))
        self.assertEqual(df.type.iloc[0], "meeting_start")


class Model(unittest.TestCase):
    def test_subitems_and_decision_facts(self):
        doc = referat.parse(DECISIONS)
        m = doc.meetings[0]
        self.assertEqual((m.time, m.location, m.layout), ("17:00", "Udvalgsværelse 1",
                                                          "header-block"))
        self.assertEqual((m.participants[0].party, m.participants[0].role), ("A", "formand"))
        item = m.items[0]
        self.assertEqual(item.case, item.case_number)  # the 0.1 name, an alias
        self.assertEqual(item.subitems[0].label, "a")
        decided = [s for it in m.items for s in it.sections + [x for sub in it.subitems
                                                              for x in sub.sections]
                   if s.outcome is not None]
        self.assertIn("noted", [s.outcome for s in decided])
        people = [p for it in m.items for s in it.sections for p in s.participation]
        self.assertEqual([(p.name, p.kind) for p in people], [("Niels Storm", "recusal")])

    def test_documents_pickle_equal(self):
        for path in sorted(FIXTURES.glob("*.txt")):
            with self.subTest(path.name):
                doc = referat.parse(path)
                again = pickle.loads(pickle.dumps(doc))
                self.assertEqual(again, doc)
                self.assertEqual(again.to_json(), doc.to_json())
                for m in doc.meetings:
                    self.assertEqual(pickle.loads(pickle.dumps(m)), m)
                    for it in m.items:
                        self.assertEqual(pickle.loads(pickle.dumps(it)), it)

    def test_events_and_errors_pickle(self):
        evs = list(referat.iterparse(DECISIONS))
        self.assertEqual(pickle.loads(pickle.dumps(evs)), evs)
        with self.assertRaises(referat.ReferatError) as cm:
            referat.parse(FIXTURES / "cp1252.txt", strict=True)
        e = pickle.loads(pickle.dumps(cm.exception))
        self.assertEqual((e.code, e.offset, e.line, e.column, e.file, str(e)),
                         (cm.exception.code, 36, 3, 2, str(FIXTURES / "cp1252.txt"),
                          str(cm.exception)))


class Frames(unittest.TestCase):
    def setUp(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")

    def test_dtypes_and_source(self):
        f = referat.read_frames([DECISIONS, FIXTURES / "absence.txt"])
        self.assertEqual(set(f), {"meetings", "items", "decisions", "votes", "participation",
                                  "attendance", "attachments", "table_rows"})
        for name, df in f.items():
            with self.subTest(name):
                self.assertEqual(df.columns[0], "source")
        items, dec = f["items"], f["decisions"]
        self.assertEqual(str(items.meeting_date.dtype), "datetime64[ns]")
        self.assertEqual(str(items.number.dtype), "Int64")
        self.assertEqual(str(items.closed.dtype), "boolean")
        self.assertEqual(str(dec.votes_for.dtype), "Int64")
        self.assertEqual(sorted(set(items.source)), sorted([str(DECISIONS),
                                                           str(FIXTURES / "absence.txt")]))
        self.assertEqual(list(f["participation"].kind), ["recusal"])
        self.assertIn("party", f["attendance"].columns)

    def test_frames_of_many_documents(self):
        docs = [referat.parse(DECISIONS), referat.parse(FIXTURES / "absence.txt")]
        together = referat.frames(docs)
        one = [referat.frames(d) for d in docs]
        for name in together:
            self.assertEqual(len(together[name]), sum(len(f[name]) for f in one), name)
        self.assertEqual(len(docs[0].frames()["meetings"]), 1)

    def test_a_meeting_level_absence_counts_once(self):
        m = referat.Meeting("referat", "Udvalget", None, 1,
                            participants=[referat.Participant("A", "Afbud", True),
                                          referat.Participant("B")],
                            items=[referat.Item(1, "x", 3, absent=["A", "B"]),
                                   referat.Item(2, "y", 9, absent=["A"])])
        att = referat.frames(referat.Document([m]))["attendance"]
        self.assertEqual(len(att[att.name == "A"]), 1)
        b = att[att.name == "B"].item
        self.assertTrue(b.isna().iloc[0])  # the meeting's row
        self.assertEqual(b.iloc[1], 1)     # the item's Afbud

    def test_table_to_frame(self):
        doc = referat.parse(FIXTURES / "tables.txt")
        table = next(b for s in doc.meetings[0].items[0].sections for b in s.blocks
                     if b.type == "table")
        df = table.to_frame()
        self.assertEqual(list(df.columns), ["Politisk organisation", "Budget", "Forbrug pct"])
        self.assertEqual(str(df.Budget.dtype), "Int64")
        self.assertEqual(str(df["Forbrug pct"].dtype), "Float64")
        self.assertEqual(df.Budget.iloc[0], 608192)
        self.assertEqual(df["Politisk organisation"].iloc[0], "Total")


class Discovery(unittest.TestCase):
    def test_dir_shows_the_api_only(self):
        names = dir(referat)
        for private in ("os", "core", "_load", "_model", "_core", "typing", "_ichain"):
            self.assertNotIn(private, names)
        for public in ("parse", "iterparse", "fromstring", "frames", "read_frames", "Event"):
            self.assertIn(public, names)

    def test_annotations_on_every_public_function(self):
        for fn in public_functions():
            with self.subTest(fn.__name__):
                sig = inspect.signature(fn)
                self.assertIsNot(sig.return_annotation, inspect.Signature.empty)
                for p in sig.parameters.values():
                    self.assertIsNot(p.annotation, inspect.Parameter.empty, p.name)

    def test_typed_package_with_a_stub(self):
        pkg = pathlib.Path(referat.__file__).parent
        self.assertTrue((pkg / "py.typed").is_file())
        stub = (pkg / "core.pyi").read_text("utf-8")
        for field in referat.Event._fields:
            self.assertIn(f"    {field}: ", stub)

    def test_docstrings_with_an_example(self):
        for name in referat.__all__:
            obj = getattr(referat, name)
            if name in ("__version__", "Event"):
                continue
            with self.subTest(name):
                self.assertIn(">>>", obj.__doc__ or "")


if __name__ == "__main__":
    unittest.main()
