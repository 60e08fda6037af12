#!/usr/bin/env python3
"""The referat command as a user meets it: exit codes, formats, errors.

usage: test_cli.py PATH_TO_REFERAT   (also runs under pytest with REFERAT set)
"""
import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')
REFERAT = os.environ.get('REFERAT', 'referat')


def run(*args, stdin=None):
    return subprocess.run([REFERAT, *args], input=stdin, capture_output=True)


def fixture(name):
    return os.path.join(FIX, name + '.txt')


def wide_table(size):
    """One item holding a table of 40 number columns, about size bytes."""
    head = 'REFERAT Direktionen d. 07-10-2019\n\nPunkt 1: Tabel\n\n19/227\n\nBaggrund\n\n'
    row = '\t'.join(str(k * 37 % 1000) for k in range(40)) + '\n'
    return (head + row * (size // len(row))).encode()


def many_items(count):
    """A meeting of count items, each with a small number table."""
    parts = ['REFERAT Direktionen d. 07-10-2019\n\n']
    row = '\t'.join(str(k) for k in range(10)) + '\n'
    for i in range(1, count + 1):
        parts.append(f'Punkt {i}: Tabel {i}\n\n19/{i}\n\nBaggrund\n\n' + row * 20 + '\n')
    return ''.join(parts).encode()


def sanitized():
    """The binary is built with AddressSanitizer (its RSS measures ASan)."""
    try:
        with open(REFERAT, 'rb') as f:
            return b'__asan_init' in f.read()
    except OSError:
        return False


class Usage(unittest.TestCase):
    def test_help_documents_exit_codes(self):
        r = run('--help')
        self.assertEqual(r.returncode, 0)
        self.assertIn(b'exit status', r.stdout)
        self.assertIn(b'tables --csv', r.stdout)

    def test_version(self):
        r = run('--version')
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.decode(), r'^referat \d+\.\d+\.\d+\n$')

    def test_usage_errors_exit_2(self):
        for args in [(), ('frobnicate',), ('json', '--nope'), ('events', '--chunk-size', '0'),
                     ('events', '--chunk-size'), ('tables', fixture('tables'))]:
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            # one line, pointing to --help
            self.assertEqual(len(r.stderr.splitlines()), 1, (args, r.stderr))
            self.assertTrue(r.stderr.endswith(b' (see referat --help)\n'), r.stderr)

    def test_missing_file_exit_2(self):
        r = run('json', os.path.join(FIX, 'no-such-file.txt'))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b'no-such-file.txt', r.stderr)

    def test_size_options_out_of_range(self):
        # no longer wrapped to SIZE_MAX or clamped in silence
        for option, value, low in [('--chunk-size', '99999999999999999999999', 1),
                                   ('--chunk-size', '18446744073709551616', 1),
                                   ('--chunk-size', '1073741825', 1),
                                   ('--chunk-size', '-1', 1),
                                   ('--max-block-size', '18446744073709551615', 64),
                                   ('--max-block-size', '63', 64),
                                   ('--max-block-size', '1e6', 64)]:
            r = run('json', option, value, fixture('meta'))
            self.assertEqual(r.returncode, 2, (option, value))
            first = r.stderr.decode().splitlines()[0]
            self.assertEqual(first, f"referat: {option} takes a whole number from {low} to "
                                    f"1073741824, not '{value}' (see referat --help)")
            self.assertEqual(r.stdout, b'')
        for option, value in [('--max-block-size', '64'), ('--max-block-size', '1073741824'),
                              ('--chunk-size', '1')]:
            self.assertEqual(run('json', option, value, fixture('meta')).returncode, 0, option)


class Json(unittest.TestCase):
    def test_document_shape_and_key_order(self):
        r = run('json', fixture('sections'))
        self.assertEqual(r.returncode, 0)
        doc = json.loads(r.stdout)
        # the source (the path as given) first since 0.3
        self.assertEqual(list(doc), ['source', 'meetings', 'diagnostics'])
        self.assertEqual(doc['source'], fixture('sections'))
        m = doc['meetings'][0]
        # SPEC §4.1's keys in its order; end_time and layout added in 0.2
        self.assertEqual(list(m), ['kind', 'body', 'date', 'weekday', 'time', 'location',
                                   'end_time', 'layout', 'line', 'participants', 'toc', 'items'])
        self.assertEqual(m['layout'], 'header-line')
        item = m['items'][0]
        # SPEC's "case" is "case_number" since 0.2: one name in C, JSON and Python
        self.assertEqual(list(item), ['number', 'title', 'toc_title', 'page', 'case_number',
                                      'closed', 'absent', 'line', 'sections'])
        decision = [s for s in item['sections'] if s['kind'] == 'decision'][0]
        self.assertEqual(list(decision), ['kind', 'heading', 'body', 'date', 'history', 'line',
                                          'blocks', 'outcome', 'outcome_phrase',
                                          'outcome_reason'])
        self.assertFalse(decision['history'])
        self.assertIn(decision['outcome'], ('approved', 'recommended', 'noted', 'discussed',
                                            'postponed', 'referred', 'rejected', 'not_treated',
                                            'mixed', 'unknown'))
        self.assertEqual(decision['date'], '2015-03-10')
        self.assertEqual([s['kind'] for s in item['sections']][:2], ['preamble', 'background'])
        # python's own pretty printer gives the same bytes
        self.assertEqual(r.stdout.decode(),
                         json.dumps(doc, indent=2, ensure_ascii=False) + '\n')

    def test_numbers_print_shortest(self):
        doc = json.loads(run('json', fixture('tables')).stdout)
        text = run('json', fixture('tables')).stdout.decode()
        self.assertIn('"value": 71.9', text)
        self.assertIn('"value": 608192', text)
        self.assertIn('"value": -44.2', text)
        rows = doc['meetings'][0]['items'][0]['sections'][0]['blocks'][0]['rows']
        self.assertTrue(rows[0]['header'])
        self.assertEqual(rows[1]['cells'][1], {'text': '608.192', 'value': 608192})

    def test_several_files_and_stdin(self):
        one = json.loads(run('json', fixture('meta')).stdout)
        two = json.loads(run('json', fixture('meta'), fixture('toc')).stdout)
        # several files: one document each, in order, under "documents"
        self.assertEqual([d['source'] for d in two['documents']], [fixture('meta'), fixture('toc')])
        self.assertEqual(two['documents'][0], one)
        self.assertEqual(two['documents'][1]['meetings'][0]['line'], 1)  # lines start again
        with open(fixture('meta'), 'rb') as f:
            piped = json.loads(run('json', '-', stdin=f.read()).stdout)
        self.assertEqual(piped['source'], '-')
        self.assertEqual(dict(piped, source=one['source']), one)
        codes = {d['code'] for doc in two['documents'] for d in doc['diagnostics']}
        self.assertIn('toc-count-mismatch', codes)
        self.assertIn('date-mismatch', codes)

    def test_participants(self):
        m = json.loads(run('json', fixture('meta')).stdout)['meetings'][0]
        self.assertEqual(m['time'], '09:30')
        self.assertEqual(m['location'], 'Mødelokale B105')
        self.assertIn({'name': 'Anya Krogh Manghezi', 'note': 'Afbud', 'absent': True},
                      m['participants'])
        self.assertIn({'name': 'Lars Holte', 'absent': False}, m['participants'])


class Events(unittest.TestCase):
    def test_json_lines_with_spans(self):
        r = run('events', fixture('lists'))
        self.assertEqual(r.returncode, 0)
        events = [json.loads(line) for line in r.stdout.decode().splitlines()]
        self.assertEqual(events[0]['type'], 'meeting_start')
        self.assertEqual(events[-1]['type'], 'meeting_end')
        for e in events:
            self.assertLessEqual(e['start'], e['end'])
            self.assertLessEqual(e['line'], e['end_line'])
        items = [e for e in events if e['type'] == 'list_item']
        self.assertEqual(items[1], dict(items[1], label='i.', level=1, text='Budget'))

    def test_chunk_size_does_not_change_events(self):
        whole = run('events', fixture('tables')).stdout
        for n in ('1', '2', '7'):
            self.assertEqual(run('events', '--chunk-size', n, fixture('tables')).stdout, whole)


class Reports(unittest.TestCase):
    def test_tables_csv(self):
        r = run('tables', '--csv', fixture('tables'))
        self.assertEqual(r.returncode, 0)
        rows = list(csv.reader(io.StringIO(r.stdout.decode())))
        self.assertEqual(rows[0], ['2019-10-07', '1', '1', '1', 'Politisk organisation',
                                   'Budget', 'Forbrug pct'])
        self.assertEqual(rows[1][:6], ['2019-10-07', '1', '1', '2', 'Total', '608.192'])
        self.assertIn(['2019-10-07', '1', '6', '2', 'A & B', '1.000,50'], rows)

    def test_stats(self):
        r = run('stats', fixture('sections'), fixture('items'))
        self.assertEqual(r.returncode, 0)
        stats = dict(line.split(' ') for line in r.stdout.decode().splitlines())
        self.assertEqual(stats['meetings'], '2')
        self.assertEqual(stats['items'], '6')
        self.assertEqual(stats['closed_items'], '1')
        self.assertEqual(stats['decisions'], '4')
        self.assertEqual(stats['diagnostic.missing-case-number'], '3')

    def test_check(self):
        r = run('check', fixture('toc'))
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.decode().splitlines()
        self.assertIn(f'{fixture("toc")}:7: unknown-front-matter: line 7: not a table-of-contents line',
                      lines)
        self.assertTrue(any(l.startswith(f'{fixture("toc")}:1: toc-count-mismatch: ') for l in lines))

    def test_strict_error_position(self):
        r = run('json', '--strict', fixture('cp1252'))
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.decode().startswith(f'{fixture("cp1252")}:3:2: error: '),
                        r.stderr)
        self.assertIn('byte offset 36', r.stderr.decode())
        self.assertEqual(run('json', fixture('cp1252')).returncode, 0)


class InputOutputErrors(unittest.TestCase):
    """Finding 6: read and write errors name the file and the reason and
    exit 2; a failed write stops the run."""

    OUTPUT_COMMANDS = [('json', fixture('toc')), ('events', fixture('toc')),
                       ('dump', fixture('toc')), ('check', fixture('toc')),
                       ('stats', fixture('toc')), ('tables', '--csv', fixture('tables')),
                       ('--help',), ('--version',)]

    @unittest.skipUnless(os.path.exists('/dev/full'), 'no /dev/full')
    def test_write_to_full_device(self):
        nospc = os.strerror(errno.ENOSPC).encode()
        for args in self.OUTPUT_COMMANDS:
            with open('/dev/full', 'wb') as full:
                r = subprocess.run([REFERAT, *args], stdout=full, stderr=subprocess.PIPE)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stderr, b'referat: write error: ' + nospc + b'\n', args)

    @unittest.skipUnless(os.path.exists('/dev/full'), 'no /dev/full')
    def test_write_error_mid_run_is_reported_once(self):
        data = many_items(300)  # more output than any buffer
        for command in ('json', 'events', 'dump'):
            with open('/dev/full', 'wb') as full:
                r = subprocess.run([REFERAT, command], input=data, stdout=full,
                                   stderr=subprocess.PIPE)
            self.assertEqual(r.returncode, 2, command)
            self.assertEqual(r.stderr.decode().splitlines(),
                             ['referat: write error: ' + os.strerror(errno.ENOSPC)], command)

    def test_closed_pipe_stops_the_parse(self):
        # `referat json big.txt | head -c 10` with SIGPIPE ignored: the first
        # failed write ends the run, the rest of the input is never read
        data = many_items(20000)
        p = subprocess.Popen([REFERAT, 'json'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
        fed = {}

        def feed():
            try:
                for i in range(0, len(data), 65536):
                    p.stdin.write(data[i:i + 65536])
                p.stdin.flush()
                fed['all'] = True
            except BrokenPipeError:
                fed['all'] = False
            try:
                p.stdin.close()
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=feed)
        writer.start()
        self.assertEqual(p.stdout.read(10), b'{\n  "sourc')
        p.stdout.close()
        err = p.stderr.read()
        p.stderr.close()
        rc = p.wait()
        writer.join()
        self.assertEqual(rc, 2)
        self.assertEqual(err, b'referat: write error: ' + os.strerror(errno.EPIPE).encode() + b'\n')
        self.assertFalse(fed['all'], 'referat read all of its input after the pipe closed')

    def test_directory(self):
        with tempfile.TemporaryDirectory() as d:
            for command in ('json', 'events', 'stats'):
                r = run(command, d)
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stderr.decode(), f'referat: {d}: {os.strerror(errno.EISDIR)}\n')
            fd = os.open(d, os.O_RDONLY)  # standard input is a directory
            try:
                r = subprocess.run([REFERAT, 'json'], stdin=fd, capture_output=True)
            finally:
                os.close(fd)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stderr.decode(), f'referat: -: {os.strerror(errno.EISDIR)}\n')
            # an I/O error no longer stops the run: the next file is parsed,
            # the error is a record of the output too
            r = run('check', d, fixture('toc'))
            self.assertEqual(r.returncode, 2)
            lines = r.stdout.decode().splitlines()
            self.assertEqual(lines[0], f'{d}: error: {os.strerror(errno.EISDIR)}')
            self.assertTrue(lines[1].startswith(fixture('toc') + ':'))

    def test_missing_and_unreadable_files(self):
        missing = os.path.join(FIX, 'no-such-file.txt')
        r = run('json', missing)
        self.assertEqual(r.stderr.decode(), f'referat: {missing}: {os.strerror(errno.ENOENT)}\n')
        if os.geteuid() != 0:  # root reads anything
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, 'locked.txt')
                with open(path, 'w') as f:
                    f.write('REFERAT Direktionen d. 07-10-2019\n')
                os.chmod(path, 0)
                r = run('json', path)
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stderr.decode(),
                                 f'referat: {path}: {os.strerror(errno.EACCES)}\n')
        if os.path.exists('/proc/self/mem'):  # opens, but reading address 0 fails
            r = run('events', '/proc/self/mem')
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stderr.decode(),
                             f'referat: /proc/self/mem: {os.strerror(errno.EIO)}\n')


class Memory(unittest.TestCase):
    """Finding 5: `referat json` streams; one wide table of ~20 MB took GBs."""

    BOUND_KIB = 64 * 1024

    def test_json_of_a_wide_table_in_bounded_memory(self):
        if sanitized():
            self.skipTest('RSS under AddressSanitizer measures the sanitizer')
        measure = ('import resource, subprocess, sys\n'
                   'r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n'
                   'print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n')
        with tempfile.NamedTemporaryFile(suffix='.txt') as f:
            f.write(wide_table(20_000_000))
            f.flush()
            # a fresh child, so that only this run's peak is counted
            out = subprocess.run([sys.executable, '-c', measure, REFERAT, 'json', f.name],
                                 capture_output=True, check=True).stdout.split()
        self.assertEqual(out[0], b'0')
        self.assertLess(int(out[1]), self.BOUND_KIB, 'peak RSS in KiB')


if __name__ == '__main__':
    if len(sys.argv) > 1:
        REFERAT = sys.argv.pop(1)
    unittest.main(verbosity=2)
