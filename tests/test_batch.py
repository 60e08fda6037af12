#!/usr/bin/env python3
"""referat over many files: inputs (-r, --files-from, -0), error records,
exit codes, --jobs, csv and sqlite exports compared with the JSON, PDF input.

usage: test_batch.py PATH_TO_REFERAT
"""
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')
REFERAT = os.environ.get('REFERAT', 'referat')


def run(*args, stdin=None):
    return subprocess.run([REFERAT, *args], input=stdin, capture_output=True)


def pdf_supported():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'x.pdf')
        with open(path, 'wb') as f:
            f.write(make_pdf([['REFERAT Direktionen d. 07-10-2019']]))
        return run('json', path).returncode == 0


def make_pdf(pages):
    """A PDF of text lines (Helvetica, WinAnsiEncoding), one list a page,
    written by hand: no tool needed to make it."""
    objs = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = ' '.join(f'{3 + 2 * i} 0 R' for i in range(n_pages))
    objs.append(b'<< /Type /Catalog /Pages 2 0 R >>')
    objs.append(f'<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>'.encode())
    for i, lines in enumerate(pages):
        text = [b'BT /F1 11 Tf 14 TL 60 780 Td']
        for line in lines:
            s = line.encode('cp1252').replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)')
            text.append(b'(' + s + b') Tj T*')
        text.append(b'ET')
        stream = b'\n'.join(text)
        objs.append(f'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
                    f'/Resources << /Font << /F1 {font_id} 0 R >> >> '
                    f'/Contents {4 + 2 * i} 0 R >>'.encode())
        objs.append(b'<< /Length ' + str(len(stream)).encode() + b' >>\nstream\n' + stream +
                    b'\nendstream')
    objs.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica '
                b'/Encoding /WinAnsiEncoding >>')
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f'{k} 0 obj\n'.encode() + body + b'\nendobj\n'
    xref = len(out)
    out += f'xref\n0 {len(objs) + 1}\n0000000000 65535 f \n'.encode()
    for off in offsets:
        out += f'{off:010d} 00000 n \n'.encode()
    out += f'trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
    return bytes(out)


PDF_PAGES = [
    ['REFERAT Økonomiudvalget d. 07-10-2019', '', 'Punkt 1: Budget for året',
     '', '19/227', '', 'Baggrund', '', 'Teksten om æbler og ørreder.'],
    ['Punkt 2: Orientering', '', '19/228', '', 'Beslutning', '', 'Godkendt.'],
]


class Folder(unittest.TestCase):
    """A folder: good files, a binary file, a cp1252 file, a subfolder, an
    unreadable name (given with --files-from), a PDF."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.dir = os.path.join(cls.tmp, 'referater')
        os.makedirs(os.path.join(cls.dir, 'sub'))
        for name in ('sections', 'tables', 'meta'):
            shutil.copy(os.path.join(FIX, name + '.txt'), cls.dir)
        shutil.copy(os.path.join(FIX, 'cp1252.txt'), os.path.join(cls.dir, 'sub', 'win.txt'))
        shutil.copy(os.path.join(FIX, 'toc.txt'), os.path.join(cls.dir, 'sub', 'toc.txt'))
        with open(os.path.join(cls.dir, 'bad.txt'), 'wb') as f:
            f.write(b'\x00\x01\x02binary\x00' * 100)
        with open(os.path.join(cls.dir, 'notes.md'), 'w') as f:  # not *.txt: not read
            f.write('hello\n')
        cls.pdf = pdf_supported()
        if cls.pdf:
            with open(os.path.join(cls.dir, 'sub', 'minutes.pdf'), 'wb') as f:
                f.write(make_pdf(PDF_PAGES))
        cls.files = sorted(os.path.join(r, f) for r, _, fs in os.walk(cls.dir) for f in fs
                           if f.endswith(('.txt', '.pdf')))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_recursive_json(self):
        r = run('json', '-r', '-q', self.dir)
        self.assertEqual(r.returncode, 1, r.stderr)  # the binary file was not parsed
        doc = json.loads(r.stdout)
        self.assertEqual(list(doc), ['documents'])
        sources = [d['source'] for d in doc['documents']]
        self.assertEqual(sources, sorted(sources))
        self.assertEqual(sorted(sources), self.files)
        self.assertNotIn(os.path.join(self.dir, 'notes.md'), sources)
        by = {d['source']: d for d in doc['documents']}
        bad = by[os.path.join(self.dir, 'bad.txt')]
        self.assertEqual(list(bad), ['source', 'error'])
        self.assertEqual(bad['error']['code'], 'binary')
        self.assertEqual(list(bad['error']), ['code', 'message', 'line', 'column', 'offset'])
        self.assertIn(f'{os.path.join(self.dir, "bad.txt")}: binary file', r.stderr.decode())
        win = by[os.path.join(self.dir, 'sub', 'win.txt')]
        self.assertIn('invalid-utf8', [d['code'] for d in win['diagnostics']])
        for d in doc['documents']:
            if 'error' not in d:
                self.assertEqual(list(d), ['source', 'meetings', 'diagnostics'])
        # laid out like Python's pretty printer
        self.assertEqual(r.stdout.decode(), json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
        # each document as `referat json FILE` gives it
        one = json.loads(run('json', os.path.join(self.dir, 'tables.txt')).stdout)
        self.assertEqual(by[os.path.join(self.dir, 'tables.txt')], one)

    def test_missing_file_and_directory(self):
        missing = os.path.join(self.dir, 'gone.txt')
        sub = os.path.join(self.dir, 'sub')
        good = os.path.join(self.dir, 'meta.txt')
        r = run('json', missing, sub, good)
        self.assertEqual(r.returncode, 2)  # a file could not be read
        docs = json.loads(r.stdout)['documents']
        self.assertEqual([d['source'] for d in docs], [missing, sub, good])
        self.assertEqual(docs[0]['error']['code'], 'io')
        self.assertEqual(docs[0]['error']['message'], os.strerror(2))
        self.assertIsNone(docs[0]['error']['line'])
        self.assertEqual(docs[1]['error']['message'], os.strerror(21))
        self.assertIn('meetings', docs[2])
        self.assertEqual(r.stderr.decode().splitlines(),
                         [f'referat: {missing}: {os.strerror(2)}',
                          f'referat: {sub}: {os.strerror(21)}'])

    def test_strict_parse_error_is_a_record(self):
        win = os.path.join(self.dir, 'sub', 'win.txt')
        good = os.path.join(self.dir, 'meta.txt')
        r = run('json', '--strict', win, good)
        self.assertEqual(r.returncode, 1)
        docs = json.loads(r.stdout)['documents']
        self.assertEqual(docs[0]['error'], {'code': 'invalid-utf8', 'message': docs[0]['error']['message'],
                                            'line': 3, 'column': 2, 'offset': 36})
        self.assertIn('meetings', docs[1])
        self.assertTrue(r.stderr.decode().startswith(f'{win}:3:2: error: '))
        # one file alone: the same record, not a cut document
        r = run('json', '--strict', win)
        self.assertEqual(json.loads(r.stdout)['error']['code'], 'invalid-utf8')

    def test_jsonl(self):
        r = run('json', '--jsonl', '-r', self.dir)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), len(self.files))
        docs = [json.loads(line) for line in lines]
        full = json.loads(run('json', '-r', self.dir).stdout)['documents']
        self.assertEqual(docs, full)

    def test_events_carry_source(self):
        r = run('events', '-r', self.dir)
        events = [json.loads(line) for line in r.stdout.decode().splitlines()]
        self.assertTrue(all('source' in e for e in events))
        self.assertEqual(sorted({e['source'] for e in events}), self.files)
        errors = [e for e in events if e['type'] == 'error']
        self.assertEqual([e['source'] for e in errors], [os.path.join(self.dir, 'bad.txt')])
        one = run('events', os.path.join(self.dir, 'meta.txt')).stdout.decode().splitlines()
        self.assertNotIn('source', json.loads(one[0]))  # one file: the stream as before

    def test_files_from(self):
        names = [os.path.join(self.dir, 'meta.txt'), os.path.join(self.dir, 'gone.txt'),
                 os.path.join(self.dir, 'tables.txt')]
        with tempfile.NamedTemporaryFile('w', suffix='.lst', delete=False) as f:
            f.write('\n'.join(names) + '\n\n')
        try:
            r = run('json', '--files-from', f.name)
            self.assertEqual(r.returncode, 2)
            self.assertEqual([d['source'] for d in json.loads(r.stdout)['documents']], names)
            r0 = run('json', '-0', '--files-from=-', stdin='\0'.join(names).encode() + b'\0')
            self.assertEqual(r0.stdout, r.stdout)
            # a list with a directory, with -r
            r = run('check', '-r', '--files-from', '-', stdin=(self.dir + '\n').encode())
            self.assertEqual(r.returncode, 1)
        finally:
            os.unlink(f.name)

    def test_jobs_same_output(self):
        for command in (['json'], ['json', '--jsonl'], ['events'], ['dump'], ['check'],
                        ['csv', 'tables'], ['csv', 'decisions'], ['tables', '--csv']):
            one = run(*command, '-r', self.dir, '--jobs', '1')
            for form in (['--jobs', '2'], ['-j3'], ['--jobs=4'], ['-j', '0']):
                many = run(*command, *form, '-r', self.dir)
                self.assertEqual((many.returncode, many.stdout, many.stderr),
                                 (one.returncode, one.stdout, one.stderr), (command, form))

    def test_getopt_forms(self):
        meta = os.path.join(self.dir, 'meta.txt')
        want = run('json', meta).stdout
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'out.json')
            for args in (['json', '-o', out, meta], ['-o', out, 'json', meta],
                         ['json', meta, f'--output={out}'], ['json', '-q', f'-o{out}', '--', meta]):
                r = run(*args)
                self.assertEqual((r.returncode, r.stdout), (0, b''), args)
                with open(out, 'rb') as f:
                    self.assertEqual(f.read(), want, args)
            # after --, an operand that looks like an option
            dash = os.path.join(d, '-x.txt')
            shutil.copy(meta, dash)
            os.chdir(d)
            try:
                r = run('json', '--', '-x.txt')
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(json.loads(r.stdout)['source'], '-x.txt')
            finally:
                os.chdir(HERE)
        self.assertEqual(run('json', '--chunk-size=7', meta).stdout,
                         run('json', meta).stdout.replace(b'', b''))
        for bad in (['json', '-Z'], ['json', '--jobs'], ['json', '--jobs=x'], ['csv'],
                    ['csv', 'nothing'], ['check', '--fail-on=never'], ['json', '--fail-on=warning'],
                    ['sqlite']):
            r = run(*bad)
            self.assertEqual(r.returncode, 2, bad)
            self.assertEqual(len(r.stderr.splitlines()), 1, (bad, r.stderr))
            self.assertIn(b'referat --help', r.stderr, bad)

    def test_check_fail_on(self):
        toc = os.path.join(self.dir, 'sub', 'toc.txt')
        self.assertEqual(run('check', toc).returncode, 0)
        self.assertEqual(run('check', '--fail-on', 'error', toc).returncode, 0)
        r = run('check', '--fail-on=warning', toc)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout)
        clean = os.path.join(FIX, 'lists.txt')
        if not run('check', clean).stdout:
            self.assertEqual(run('check', '--fail-on', 'warning', clean).returncode, 0)

    def test_empty_directory(self):
        with tempfile.TemporaryDirectory() as d:
            r = run('json', '-r', d)
            self.assertEqual(r.returncode, 0)
            self.assertEqual(json.loads(r.stdout), {'documents': []})
            self.assertEqual(r.stdout, b'{\n  "documents": []\n}\n')

    # ---- CSV ------------------------------------------------------------

    def json_docs(self):
        r = run('json', '-r', self.dir)
        return [d for d in json.loads(r.stdout)['documents'] if 'meetings' in d]

    def csv_rows(self, kind):
        r = run('csv', kind, '-r', self.dir)
        self.assertEqual(r.returncode, 1)
        rows = list(csv.DictReader(io.StringIO(r.stdout.decode(), newline='')))
        return rows

    def test_csv_tables(self):
        rows = self.csv_rows('tables')
        want = []
        for d in self.json_docs():
            for m in d['meetings']:
                for it in m['items']:
                    t = 0
                    for sec in it['sections']:
                        for b in sec['blocks']:
                            if b['type'] != 'table':
                                continue
                            t += 1
                            for ri, row in enumerate(b['rows'], 1):
                                for ci, cell in enumerate(row['cells'], 1):
                                    want.append((d['source'], m['date'], it['number'], t, ri, ci,
                                                 row['header'], cell['text'], cell.get('value')))
        got = [(r['source'], r['date'], int(r['item']), int(r['table']), int(r['row']),
                int(r['column']), r['header'] == 'true', r['text'],
                None if r['value'] == '' else json.loads(r['value'])) for r in rows]
        self.assertEqual(got, want)
        self.assertTrue(any(isinstance(g[-1], float) for g in got))
        self.assertIn('"A & B"' if False else 'A & B', [g[7] for g in got])

    def test_csv_items_and_decisions(self):
        items = self.csv_rows('items')
        want = [(d['source'], m['date'], it['number'], it['title'], it['case_number'] or '')
                for d in self.json_docs() for m in d['meetings'] for it in m['items']]
        self.assertEqual([(r['source'], r['date'], int(r['item']), r['title'], r['case_number'])
                          for r in items], want)
        decisions = self.csv_rows('decisions')
        want = []
        for d in self.json_docs():
            for m in d['meetings']:
                for it in m['items']:
                    secs = it['sections'] + [s for sub in it.get('subitems', []) for s in sub['sections']]
                    for s in secs:
                        if s['kind'] == 'decision':
                            v = s.get('votes') or {}
                            want.append((d['source'], it['number'], s['date'] or '', s['history'],
                                         s.get('outcome') or '', s.get('outcome_phrase') or '',
                                         '' if v.get('for') is None else str(v['for'])))
        got = [(r['source'], int(r['item']), r['date'], r['history'] == 'true', r['outcome'],
                r['outcome_phrase'], r['votes_for']) for r in decisions]
        self.assertEqual(sorted(got), sorted(want))
        self.assertEqual(list(decisions[0])[:4], ['source', 'meeting_date', 'body', 'item'])

    def test_csv_attendance(self):
        rows = self.csv_rows('attendance')
        want = [(d['source'], p['name'], p['absent']) for d in self.json_docs()
                for m in d['meetings'] for p in m['participants']]
        got = [(r['source'], r['name'], r['absent'] == 'true') for r in rows if r['item'] == '']
        self.assertEqual(got, want)

    def test_csv_quoting(self):
        r = run('csv', 'items', os.path.join(self.dir, 'sections.txt'))
        text = r.stdout.decode()
        rows = list(csv.reader(io.StringIO(text, newline='')))
        self.assertEqual(rows[0][0], 'source')
        with tempfile.TemporaryDirectory() as d:
            odd = os.path.join(d, 'a, "b".txt')
            shutil.copy(os.path.join(self.dir, 'sections.txt'), odd)
            rows = list(csv.reader(io.StringIO(run('csv', 'items', odd).stdout.decode(), newline='')))
            self.assertEqual(rows[1][0], odd)

    # ---- SQLite ---------------------------------------------------------

    def test_sqlite(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'r.db')
            r = run('sqlite', path, '-r', self.dir)
            if r.returncode == 2 and b'libsqlite3-dev' in r.stderr:
                self.skipTest('built without SQLite')
            self.assertEqual(r.returncode, 1, r.stderr)
            db = sqlite3.connect(path)
            docs = self.json_docs()
            self.assertEqual(db.execute('SELECT count(*) FROM documents').fetchone()[0],
                             len(self.files))
            err = db.execute('SELECT source, error_code FROM documents WHERE error_code IS NOT NULL'
                             ).fetchall()
            self.assertEqual(err, [(os.path.join(self.dir, 'bad.txt'), 'binary')])
            for doc in docs:
                meetings = db.execute('SELECT m.id, m.date, m.body FROM meetings m JOIN documents d '
                                      'ON d.id = m.document_id WHERE d.source = ? ORDER BY m.seq',
                                      (doc['source'],)).fetchall()
                self.assertEqual([(m[1], m[2]) for m in meetings],
                                 [(m['date'], m['body']) for m in doc['meetings']])
                for (mid, _, _), m in zip(meetings, doc['meetings']):
                    items = db.execute('SELECT id, number, title, case_number, closed FROM items '
                                       'WHERE meeting_id = ? ORDER BY id', (mid,)).fetchall()
                    self.assertEqual([i[1:] for i in items],
                                     [(i['number'], i['title'], i['case_number'], int(i['closed']))
                                      for i in m['items']])
                    people = db.execute('SELECT name, absent FROM participants WHERE meeting_id = ?'
                                        ' ORDER BY id', (mid,)).fetchall()
                    self.assertEqual(people, [(p['name'], int(p['absent'])) for p in m['participants']])
                    for (iid, *_), it in zip(items, m['items']):
                        secs = db.execute('SELECT kind FROM sections WHERE item_id = ? ORDER BY seq',
                                          (iid,)).fetchall()
                        want = it['sections'] + [s for sub in it.get('subitems', [])
                                                 for s in sub['sections']]
                        self.assertEqual(sorted(s[0] for s in secs), sorted(s['kind'] for s in want))
                        dec = db.execute('SELECT outcome, date FROM decisions WHERE item_id = ?'
                                         ' ORDER BY section_id', (iid,)).fetchall()
                        self.assertEqual(sorted(dec, key=repr),
                                         sorted([(s.get('outcome'), s['date']) for s in want
                                                 if s['kind'] == 'decision'], key=repr))
                        absent = db.execute('SELECT name FROM absences WHERE item_id = ? ORDER BY id',
                                            (iid,)).fetchall()
                        self.assertEqual([a[0] for a in absent], it['absent'])
                diags = db.execute('SELECT code FROM diagnostics g JOIN documents d ON d.id = '
                                   'g.document_id WHERE d.source = ? ORDER BY g.id',
                                   (doc['source'],)).fetchall()
                self.assertEqual([g[0] for g in diags], [g['code'] for g in doc['diagnostics']])
            values = sorted(v for (v,) in db.execute('SELECT value FROM table_cells WHERE value '
                                                     'IS NOT NULL'))
            want = sorted(c['value'] for doc in docs for m in doc['meetings'] for it in m['items']
                          for s in it['sections'] for b in s['blocks'] if b['type'] == 'table'
                          for row in b['rows'] for c in row['cells'] if 'value' in c)
            self.assertEqual(values, want)
            counts = {t: db.execute(f'SELECT count(*) FROM {t}').fetchone()[0]
                      for t in ('documents', 'meetings', 'items', 'sections', 'decisions',
                                'table_cells', 'diagnostics', 'participants', 'absences')}
            db.close()
            # the same file again: replaced, nothing added
            r = run('sqlite', path, os.path.join(self.dir, 'tables.txt'))
            self.assertEqual(r.returncode, 0, r.stderr)
            db = sqlite3.connect(path)
            again = {t: db.execute(f'SELECT count(*) FROM {t}').fetchone()[0] for t in counts}
            self.assertEqual(again, counts)
            # a new file: appended
            extra = os.path.join(d, 'items.txt')
            shutil.copy(os.path.join(FIX, 'items.txt'), extra)
            db.close()
            self.assertEqual(run('sqlite', path, extra).returncode, 0)
            db = sqlite3.connect(path)
            self.assertEqual(db.execute('SELECT count(*) FROM documents').fetchone()[0],
                             counts['documents'] + 1)
            n_items = len(json.loads(run('json', extra).stdout)['meetings'][0]['items'])
            self.assertEqual(db.execute('SELECT count(*) FROM items').fetchone()[0],
                             counts['items'] + n_items)
            indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
            self.assertIn('items_case', indexes)
            db.close()

    # ---- PDF -------------------------------------------------------------

    def test_pdf(self):
        if not self.pdf:
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, 'x.pdf')
                with open(path, 'wb') as f:
                    f.write(make_pdf(PDF_PAGES))
                r = run('json', path)
                self.assertEqual(r.returncode, 2)
                self.assertIn(f'pdftotext -enc UTF-8 {path}', r.stderr.decode())
                self.assertEqual(json.loads(r.stdout)['error']['code'], 'pdf')
            self.skipTest('built without poppler')
        pdf = os.path.join(self.dir, 'sub', 'minutes.pdf')
        r = run('json', pdf)
        self.assertEqual(r.returncode, 0, r.stderr)
        m = json.loads(r.stdout)['meetings'][0]
        self.assertEqual((m['body'], m['date']), ('Økonomiudvalget', '2019-10-07'))
        self.assertEqual([(i['number'], i['title'], i['case_number']) for i in m['items']],
                         [(1, 'Budget for året', '19/227'), (2, 'Orientering', '19/228')])
        para = m['items'][0]['sections'][-1]['blocks'][0]['text']
        self.assertEqual(para, 'Teksten om æbler og ørreder.')
        # the text is what pdftotext gives in its default mode
        if shutil.which('pdftotext'):
            text = subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], capture_output=True,
                                  check=True).stdout
            self.assertEqual(text.count(b'\f'), 2)
            self.assertEqual(run('dump', pdf).stdout, run('dump', '-', stdin=text).stdout)
            self.assertEqual(run('events', pdf).stdout, run('events', '-', stdin=text).stdout)


if __name__ == '__main__':
    if len(sys.argv) > 1:
        REFERAT = os.path.abspath(sys.argv.pop(1)) if os.sep in sys.argv[1] else sys.argv.pop(1)
    unittest.main(verbosity=2)
