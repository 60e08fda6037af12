#!/usr/bin/env python3
"""The referat command as a user meets it: exit codes, formats, errors.

usage: test_cli.py PATH_TO_REFERAT   (also runs under pytest with REFERAT set)
"""
import csv
import io
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')
REFERAT = os.environ.get('REFERAT', 'referat')


def run(*args, stdin=None):
    return subprocess.run([REFERAT, *args], input=stdin, capture_output=True)


def fixture(name):
    return os.path.join(FIX, name + '.txt')


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
            self.assertIn(b'usage:', r.stderr)

    def test_missing_file_exit_2(self):
        r = run('json', os.path.join(FIX, 'no-such-file.txt'))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b'no-such-file.txt', r.stderr)


class Json(unittest.TestCase):
    def test_document_shape_and_key_order(self):
        r = run('json', fixture('sections'))
        self.assertEqual(r.returncode, 0)
        doc = json.loads(r.stdout)
        self.assertEqual(list(doc), ['meetings', 'diagnostics'])
        m = doc['meetings'][0]
        self.assertEqual(list(m), ['kind', 'body', 'date', 'weekday', 'time', 'location', 'line',
                                   'participants', 'toc', 'items'])
        item = m['items'][0]
        self.assertEqual(list(item), ['number', 'title', 'toc_title', 'page', 'case', 'closed',
                                      'absent', 'line', 'sections'])
        decision = [s for s in item['sections'] if s['kind'] == 'decision'][0]
        self.assertEqual(list(decision), ['kind', 'heading', 'body', 'date', 'line', 'blocks'])
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
        self.assertEqual(len(two['meetings']), 2)
        self.assertEqual(two['meetings'][1]['line'], 1)  # lines start again per file
        with open(fixture('meta'), 'rb') as f:
            piped = json.loads(run('json', '-', stdin=f.read()).stdout)
        self.assertEqual(piped, one)
        codes = {d['code'] for d in two['diagnostics']}
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


if __name__ == '__main__':
    if len(sys.argv) > 1:
        REFERAT = sys.argv.pop(1)
    unittest.main(verbosity=2)
