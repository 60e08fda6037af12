"""Memory safety and responsiveness of the binding (the Parser in referat.core):
close() from another thread during feed(), a failure while a batch of events
is built, Ctrl-C and memory with one huge chunk. Run by ctest with the other
Python tests."""
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import unittest

import referat
from referat import core


def big_document(items):
    """A meeting with `items` items of 50 list items each: 56 events and about
    240 bytes an item."""
    parts = [b"REFERAT Direktionen d. 21-08-2023\n\n"]
    for i in range(1, items + 1):
        parts.append(b"Punkt %d: Lister\n\n22/23184\n\nBaggrund\n\n" % i)
        parts.append(b"- a\n" * 50 + b"\n")
    return b"".join(parts)


def drain_into(out, parser, result):
    """Appends to `out` the events of a feed()/finish() result and of the
    drain() batches after it; raises ReferatError after the events before
    an error."""
    while True:
        evs, error = result
        out.extend(evs)
        if error is not None:
            raise referat.ReferatError(*error)
        if not parser.pending():
            return out
        result = parser.drain()


def parse_with(parser, data, out):
    """Feeds `data` to `parser`, finishes, and appends every event to `out`.
    (Where the events come, after feed() or only after finish(), is up to the
    parser's lookahead.)"""
    drain_into(out, parser, parser.feed(data))
    drain_into(out, parser, parser.finish())
    return out



def run_child(test, script):
    """Runs script in a child python (importing the same referat package as
    this process, and these tests); it must exit 0 and print "ok"."""
    package_dir = os.path.dirname(os.path.dirname(os.path.abspath(referat.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [package_dir] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    r = subprocess.run([sys.executable, "-c", script, os.path.dirname(__file__)],
                       capture_output=True, text=True, env=env, timeout=120)
    test.assertEqual(r.returncode, 0, f"stdout: {r.stdout}\nstderr: {r.stderr}")
    test.assertIn("ok", r.stdout)

class CloseFromAnotherThread(unittest.TestCase):
    # Before the lock, close() freed the C parser while feed() ran in it with
    # the GIL released (a crash, SIGSEGV): run in a child process so that a
    # crash fails this test instead of ending the test run.
    SCRIPT = textwrap.dedent("""
        import threading, sys
        from referat import core
        sys.path.insert(0, sys.argv[1])
        from test_safety import big_document, parse_with
        data = big_document(4000)
        outcomes = set()
        for _ in range(20):
            p = core.Parser()
            go = threading.Event()
            def closer():
                go.wait()
                p.close()
            t = threading.Thread(target=closer)
            t.start()
            go.set()
            try:
                parse_with(p, data, [])
                outcomes.add("finished")
            except ValueError as e:
                assert str(e) == "the parser is closed", e
                outcomes.add("closed")
            t.join()
            for call in (lambda: p.feed(b"x"), p.finish, p.drain, p.pending):
                try:
                    call()
                except ValueError as e:
                    assert str(e) == "the parser is closed", e
                else:
                    raise AssertionError("a call after close() did not raise")
            p.close()
        print("ok", sorted(outcomes))
    """)

    def test_close_during_feed_waits_for_it(self):
        run_child(self, self.SCRIPT)

    def test_close_while_events_are_pending(self):
        p = core.Parser(batch_size=10)
        data = big_document(2)  # 114 events
        for call in (lambda: p.feed(data), p.finish):  # after feed() or after finish()
            evs, error = call()
            self.assertIsNone(error)
            if p.pending():
                break
        self.assertEqual(len(evs), 10)
        self.assertTrue(p.pending())
        p.close()
        with self.assertRaisesRegex(ValueError, "the parser is closed"):
            p.drain()


class FolderFromAnotherThread(unittest.TestCase):
    """The Folder (referat.parse's C side): close() or a second feed() from
    another thread while one feed() parses with the GIL released. In a child
    process, so that a crash fails the test instead of the test run."""
    SCRIPT = textwrap.dedent("""
        import threading, sys
        from referat import core
        sys.path.insert(0, sys.argv[1])
        from test_safety import big_document
        data = big_document(4000)
        outcomes = set()
        for _ in range(20):
            f = core.Folder()
            go = threading.Event()
            def other():
                go.wait()
                try:
                    f.feed(b"x")
                    outcomes.add("fed after")
                except RuntimeError as e:
                    assert "in use" in str(e), e
                    outcomes.add("refused")
                except ValueError as e:
                    assert str(e) == "the folder is closed", e
                f.close()
            t = threading.Thread(target=other)
            t.start()
            go.set()
            try:
                trees, error = f.feed(data)
                assert error is None and trees, (error, len(trees))
                outcomes.add("finished")
            except ValueError as e:
                assert str(e) == "the folder is closed", e
                outcomes.add("closed")
            t.join()
            try:
                f.finish()
            except ValueError as e:
                assert str(e) == "the folder is closed", e
            else:
                raise AssertionError("finish() after close() did not raise")
        print("ok", sorted(outcomes))
    """)

    def test_close_or_feed_during_feed(self):
        run_child(self, self.SCRIPT)

    def test_trees_are_the_json_of_the_cli(self):
        f = core.Folder()
        trees, error = f.feed(big_document(2))
        self.assertIsNone(error)
        more, error = f.finish()
        f.close()
        trees += more
        kinds = [k for k, _ in trees]
        self.assertEqual(kinds, ["meeting_start", "item_start", "item_start", "meeting_end"])
        item = json.loads(trees[1][1])
        self.assertEqual((item["number"], item["case_number"]), (1, "22/23184"))
        self.assertEqual(len(item["sections"][0]["blocks"][0]["items"]), 50)


class CallsFromCodeRunWhileEventsAreBuilt(unittest.TestCase):
    # Python code can run on the thread that holds the parser's lock while a
    # batch is built: a __del__ run by the garbage collector (inside an
    # allocation, in CPython 3.11). Parser._hook(n, fn) runs fn there,
    # deterministically. Its close() is done when feed() returns (before: the
    # parser was freed under feed()); other calls raise RuntimeError instead
    # of waiting for the lock forever.

    def test_close_is_done_when_the_running_call_returns(self):
        data = big_document(50)
        expected = list(referat.iterparse(io.BytesIO(data)))
        p = core.Parser()
        seen = []

        def finalizer():
            for call in (p.pending, p.drain, p.finish, lambda: p.feed(b"x")):
                try:
                    call()
                except RuntimeError as e:
                    seen.append(str(e))
            p.close()
            seen.append("closed")

        p._hook(100, finalizer)
        got = []
        with self.assertRaisesRegex(ValueError, "the parser is closed"):
            parse_with(p, data, got)
        self.assertEqual(seen, ["the parser is in use by this thread (re-entrant call)"] * 4
                         + ["closed"])
        self.assertEqual(got, expected[:100])  # the batch stopped at the close
        with self.assertRaisesRegex(ValueError, "the parser is closed"):
            p.pending()


class FailureWhileBuildingEvents(unittest.TestCase):
    # Before: a MemoryError while the batch was built released the chunk the
    # parser was still reading (zero-copy) and dropped the events built so
    # far; the next call read freed memory. Parser._hook(n) makes building
    # the n-th event fail with MemoryError (a test-only hook).

    @classmethod
    def setUpClass(cls):
        cls.data = big_document(300)
        cls.expected = list(referat.iterparse(io.BytesIO(cls.data)))
        p = core.Parser()
        # the failures below must come while the chunk is being read: the
        # events they hit must come before finish()
        cls.before_finish = len(drain_into([], p, p.feed(cls.data)))
        p.close()

    def run_with_failure(self, fail_at, batch_size):
        self.assertGreater(self.before_finish, fail_at)
        chunk = bytearray(self.data)
        p = core.Parser(batch_size=batch_size)
        p._hook(fail_at)
        got = []
        with self.assertRaises(MemoryError):
            drain_into(got, p, p.feed(chunk))
        self.assertTrue(p.pending())  # the chunk is not used up
        # what the caller fed may change or go away now: the parser must not care
        chunk[:] = b"\xff" * len(chunk)
        del chunk
        junk = [bytearray(b"\0" * len(self.data)) for _ in range(4)]  # reuse freed memory
        with self.assertRaisesRegex(ValueError, "not used up"):
            p.feed(b"more")
        with self.assertRaisesRegex(ValueError, "not used up"):
            p.finish()
        drain_into(got, p, p.drain())
        drain_into(got, p, p.finish())
        del junk
        p.close()
        self.assertEqual(got, self.expected)

    def test_the_next_calls_hand_out_every_event_once(self):
        for fail_at, batch_size in [(1, 1024), (500, 1024), (1024, 1024), (1025, 1024),
                                    (1, 7), (7, 7), (8, 7), (1500, 100)]:
            with self.subTest(fail_at=fail_at, batch_size=batch_size):
                self.run_with_failure(fail_at, batch_size)

    def test_a_failure_in_events_closes_the_parser(self):
        # events() gives the exception to its caller and frees the parser
        it = referat.iterparse(io.BytesIO(self.data), chunk_size=len(self.data))
        next(it)
        frame = it.gi_frame
        parser = frame.f_locals["parser"]
        parser._hook(1)
        with self.assertRaises(MemoryError):
            list(it)
        with self.assertRaisesRegex(ValueError, "the parser is closed"):
            parser.drain()


class Batches(unittest.TestCase):
    def test_batches_are_bounded_and_complete(self):
        data = big_document(20)
        expected = list(referat.iterparse(io.BytesIO(data)))
        for batch_size in (1, 3, 56, 1000):
            with self.subTest(batch_size=batch_size):
                p = core.Parser(batch_size=batch_size)
                got = []
                for call in (lambda: p.feed(data), p.finish):
                    result = call()
                    while True:
                        evs, error = result
                        self.assertIsNone(error)
                        self.assertLessEqual(len(evs), batch_size)
                        got.extend(evs)
                        if not p.pending():
                            break
                        result = p.drain()
                p.close()
                self.assertEqual(got, expected)

    def test_the_error_comes_after_the_events_before_it(self):
        data = b"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n\xff\n"
        p = core.Parser(strict=1, batch_size=2)
        got = []
        with self.assertRaises(referat.ReferatError) as cm:
            parse_with(p, data, got)
        self.assertEqual(cm.exception.code, "invalid-utf8")
        seen = [ev.type for ev in got]
        self.assertEqual(seen[0], "meeting_start")
        self.assertFalse(p.pending())
        p.close()
        # events() yields the same good events, then raises
        seen2 = []
        with self.assertRaises(referat.ReferatError):
            for ev in referat.iterparse(io.BytesIO(data), strict=True, chunk_size=len(data)):
                seen2.append(ev.type)
        self.assertEqual(seen2, seen)


class InterruptAndMemory(unittest.TestCase):
    # Before: one feed() built the events of the whole chunk (a 16 MB chunk:
    # 1.35 GB of events, 5 s) before Python code ran again, so Ctrl-C waited
    # for all of it. Now the events come in batches of 1024; when the
    # interrupt arrives only a few batches are built. What is built is
    # measured as memory blocks allocated (sys.getallocatedblocks()): every
    # event takes at least one, so building them all would take more than
    # `total` blocks.

    ITEMS = 5000

    @classmethod
    def setUpClass(cls):
        cls.data = big_document(cls.ITEMS)
        cls.total = cls.ITEMS * 50  # at most the events of the whole input (56 an item)

    def interrupted(self, send):
        """Iterates events() over the input as one chunk; send(n) is called
        with each event count and may send SIGINT. Returns (events seen, blocks
        allocated when the handler ran)."""
        at_signal = []

        def handler(signum, frame):
            at_signal.append(sys.getallocatedblocks() - base)
            raise KeyboardInterrupt

        old = signal.signal(signal.SIGINT, handler)
        seen = 0
        try:
            base = sys.getallocatedblocks()
            with self.assertRaises(KeyboardInterrupt):
                for _ in referat.iterparse(io.BytesIO(self.data), chunk_size=len(self.data)):
                    seen += 1
                    send(seen)
        finally:
            signal.signal(signal.SIGINT, old)
        self.assertEqual(len(at_signal), 1)
        return seen, at_signal[0]

    def test_sigint_from_the_consumer(self):
        def send(n):
            if n == 1:
                os.kill(os.getpid(), signal.SIGINT)
        seen, blocks = self.interrupted(send)
        self.assertLess(seen, self.total // 20)
        self.assertLess(blocks, self.total // 10)

    def test_sigint_from_another_thread(self):
        # the signal arrives whenever the other thread runs: while events are
        # built in C with the GIL released, or in Python code
        started, sent = threading.Event(), threading.Event()

        def killer():
            started.wait()
            os.kill(os.getpid(), signal.SIGINT)
            sent.set()

        def send(n):
            if n == 1:
                started.set()
            elif n == 3 * 1024:
                # only when the other thread did not get to run yet (valgrind,
                # a loaded machine): wait for it, or the input could run out
                sent.wait()

        t = threading.Thread(target=killer)
        t.start()
        try:
            seen, blocks = self.interrupted(send)
        finally:
            started.set()
            t.join()
        self.assertLess(seen, self.total // 20)
        self.assertLess(blocks, self.total // 10)


if __name__ == "__main__":
    unittest.main()
