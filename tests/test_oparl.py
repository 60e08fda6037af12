#!/usr/bin/env python3
"""referat oparl: the export checked against the OParl 1.1 specification.

usage: test_oparl.py PATH_TO_REFERAT   (also runs under pytest with REFERAT set)

No network: the rules are written out below. Required properties are the
"required" lists of the OParl 1.1 JSON schema (OParl/spec schema/*.json of
1.1, e.g. System.json: id, type, oparlVersion, body; Body: id, type, name,
organization, person, meeting, paper, legislativeTerm; File: id, type,
accessUrl; every other type: id, type), property types are the schema's
("type"/"format": url, date-time, arrays of URLs, embedded objects).
On top of the spec, the properties this export promises (docs/FORMAT.md,
"OParl export") are checked as required too.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')
SHARED = '/work/shared'
REFERAT = os.environ.get('REFERAT', 'referat')
DEFAULT_BASE = 'https://referat.invalid/oparl/'
OPARL = 'https://schema.oparl.org/1.1/'

# --- the specification, written out -------------------------------------
# kinds: str, bool, int, url (an object's id), urls (array of ids), list
# (URL of an object list), date-time, obj:T (embedded T), objs:T (array of
# embedded T), strs (array of strings)
SPEC = {
    'System': {
        'required': ['id', 'type', 'oparlVersion', 'body'],
        'props': {'oparlVersion': 'str', 'body': 'list', 'name': 'str', 'license': 'list',
                  'otherOparlVersions': 'urls', 'website': 'list', 'vendor': 'list',
                  'product': 'list', 'contactEmail': 'str', 'contactName': 'str'},
    },
    'Body': {
        'required': ['id', 'type', 'name', 'organization', 'person', 'meeting', 'paper',
                     'legislativeTerm'],
        'props': {'system': 'url:System', 'name': 'str', 'shortName': 'str',
                  'organization': 'list', 'person': 'list', 'meeting': 'list', 'paper': 'list',
                  'legislativeTerm': 'objs:LegislativeTerm', 'classification': 'str'},
    },
    'Organization': {
        'required': ['id', 'type'],
        'props': {'body': 'url:Body', 'name': 'str', 'membership': 'urls:Membership',
                  'organizationType': 'str', 'classification': 'str', 'shortName': 'str'},
    },
    'Person': {
        'required': ['id', 'type'],
        'props': {'body': 'url:Body', 'name': 'str', 'affix': 'str',
                  'membership': 'objs:Membership'},
    },
    'Membership': {
        'required': ['id', 'type'],
        'props': {'person': 'url:Person', 'organization': 'url:Organization', 'role': 'str',
                  'votingRight': 'bool'},
    },
    'Meeting': {
        'required': ['id', 'type'],
        'props': {'name': 'str', 'meetingState': 'str', 'cancelled': 'bool',
                  'start': 'date-time', 'end': 'date-time', 'location': 'obj:Location',
                  'organization': 'urls:Organization', 'participant': 'urls:Person',
                  'agendaItem': 'objs:AgendaItem', 'auxiliaryFile': 'objs:File',
                  'keyword': 'strs'},
    },
    'Location': {
        'required': ['id', 'type'],
        'props': {'description': 'str', 'meeting': 'urls:Meeting'},
    },
    'AgendaItem': {
        'required': ['id', 'type'],
        'props': {'meeting': 'url:Meeting', 'number': 'str', 'order': 'int', 'name': 'str',
                  'public': 'bool', 'consultation': 'url:Consultation', 'result': 'str',
                  'resolutionText': 'str', 'auxiliaryFile': 'objs:File'},
    },
    'Consultation': {
        'required': ['id', 'type'],
        'props': {'paper': 'url:Paper', 'agendaItem': 'url:AgendaItem', 'meeting': 'url:Meeting',
                  'organization': 'urls:Organization', 'authoritative': 'bool', 'role': 'str'},
    },
    'Paper': {
        'required': ['id', 'type'],
        'props': {'body': 'url:Body', 'name': 'str', 'reference': 'str',
                  'consultation': 'objs:Consultation'},
    },
    'File': {
        'required': ['id', 'type', 'accessUrl'],
        'props': {'name': 'str', 'fileName': 'str', 'accessUrl': 'list',
                  'meeting': 'urls:Meeting', 'agendaItem': 'urls:AgendaItem'},
    },
    'LegislativeTerm': {'required': ['id', 'type'], 'props': {}},
}

# what this export promises beyond the spec (docs/FORMAT.md)
PROMISED = {
    'Meeting': ['name', 'start', 'participant', 'agendaItem'],
    'AgendaItem': ['meeting', 'number', 'order', 'name', 'public', 'consultation'],
    'Consultation': ['meeting', 'organization'],
    'Person': ['name'],
    'Membership': ['person', 'organization'],
    'Organization': ['name', 'body'],
    'File': ['name', 'fileName', 'agendaItem', 'meeting'],
    'Location': ['description'],
}

LISTS = {'body': 'Body', 'organization': 'Organization', 'person': 'Person',
         'membership': 'Membership', 'meeting': 'Meeting', 'agendaItem': 'AgendaItem',
         'consultation': 'Consultation', 'paper': 'Paper', 'file': 'File'}

DATE_TIME = re.compile(r'^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?$')
URL = re.compile(r'^https?://[^\s/]+/\S*$')


def run(*args, stdin=None):
    return subprocess.run([REFERAT, *args], input=stdin, capture_output=True)


def export(*files, base=None):
    args = ['oparl'] + (['--base-url', base] if base else []) + list(files)
    r = run(*args)
    if r.returncode != 0:
        raise AssertionError(f'referat {" ".join(args)}: exit {r.returncode}: {r.stderr!r}')
    return r.stdout


def clean_copy(src, dst_dir):
    """The fixture with its '#: ' comment lines made empty."""
    with open(src, 'rb') as f:
        lines = f.read().split(b'\n')
    dst = os.path.join(dst_dir, os.path.basename(src))
    with open(dst, 'wb') as f:
        f.write(b'\n'.join(b'' if ln.startswith(b'#: ') else ln for ln in lines))
    return dst


def fixture_files():
    return sorted(os.path.join(FIX, n) for n in os.listdir(FIX) if n.endswith('.txt'))


def corpus_files():
    if not os.path.isdir(SHARED):
        return []
    out = []
    for d in sorted(os.listdir(SHARED)):
        p = os.path.join(SHARED, d)
        if d.startswith('corpus') and os.path.isdir(p):
            out += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith('.txt'))
    return out


class Checker:
    """Collects every object (listed and embedded) and checks the rules."""

    def __init__(self, doc, base):
        self.doc, self.base, self.errors = doc, base, []
        self.objects = {}   # id -> (type, object)

    def err(self, msg):
        self.errors.append(msg)

    def check_value(self, where, kind, v, refs):
        if kind == 'str':
            ok = isinstance(v, str)
        elif kind == 'bool':
            ok = isinstance(v, bool)
        elif kind == 'int':
            ok = isinstance(v, int) and not isinstance(v, bool)
        elif kind == 'date-time':
            ok = isinstance(v, str) and DATE_TIME.match(v) is not None
        elif kind == 'list':
            ok = isinstance(v, str) and URL.match(v) is not None
        elif kind == 'strs':
            ok = isinstance(v, list) and all(isinstance(x, str) for x in v)
        elif kind.startswith('url:'):
            ok = isinstance(v, str) and URL.match(v) is not None
            if ok:
                refs.append((where, kind[4:], v))
        elif kind.startswith('urls:'):
            ok = isinstance(v, list) and all(isinstance(x, str) and URL.match(x) for x in v)
            if ok:
                refs += [(where, kind[5:], x) for x in v]
        elif kind.startswith('obj:'):
            ok = isinstance(v, dict)
            if ok:
                self.check_object(v, kind[4:], where, refs, embedded=True)
        elif kind.startswith('objs:'):
            ok = isinstance(v, list) and all(isinstance(x, dict) for x in v)
            if ok:
                for x in v:
                    self.check_object(x, kind[5:], where, refs, embedded=True)
        else:
            raise ValueError(kind)
        if not ok:
            self.err(f'{where}: {v!r} is not {kind}')

    def check_object(self, o, typ, where, refs, embedded=False):
        spec = SPEC[typ]
        where = f'{where} {typ} {o.get("id")}'
        promised = PROMISED.get(typ, [])
        if typ == 'Meeting' and 'decision-history' in o.get('keyword', []):
            promised = ['name', 'start', 'organization']  # known from a history entry
        for key in spec['required'] + promised:
            if key not in o:
                self.err(f'{where}: no {key}')
        if o.get('type') != OPARL + typ:
            self.err(f'{where}: type {o.get("type")!r}')
        oid = o.get('id')
        if not (isinstance(oid, str) and URL.match(oid) and oid.startswith(self.base)):
            self.err(f'{where}: id {oid!r} is not a URL under {self.base}')
        for key, v in o.items():
            if key in ('id', 'type'):
                continue
            kind = spec['props'].get(key)
            if kind is None:
                self.err(f'{where}: unknown property {key}')
                continue
            if kind == 'list' and isinstance(v, str) and not v.startswith(self.base):
                self.err(f'{where}.{key}: {v} not under {self.base}')
            self.check_value(f'{where}.{key}', kind, v, refs)
        if isinstance(oid, str):
            seen = self.objects.get(oid)
            if seen is None:
                self.objects[oid] = (typ, o, embedded)
            elif seen[0] != typ or seen[1] != o or not (embedded or seen[2]):
                # the same id twice: only as an embedded copy of a listed object
                self.err(f'{where}: id used twice')

    def check(self):
        doc = self.doc
        want = {'system'} | set(LISTS)
        if set(doc) != want:
            self.err(f'top-level keys {sorted(doc)}')
        refs = []
        system = doc.get('system')
        if not isinstance(system, dict):
            self.err('no system object')
        else:
            self.check_object(system, 'System', 'system', refs)
            if system.get('oparlVersion') != OPARL:
                self.err(f'oparlVersion {system.get("oparlVersion")!r}')
        listed = {}
        for key, typ in LISTS.items():
            objs = doc.get(key)
            if not isinstance(objs, list):
                self.err(f'{key} is not a list')
                continue
            ids = [o.get('id') for o in objs]
            if len(set(ids)) != len(ids):
                self.err(f'{key}: ids not unique')
            listed[typ] = set(ids)
            for o in objs:
                self.check_object(o, typ, key, refs)
        # every embedded AgendaItem, Membership, File, Consultation is listed
        for oid, (typ, _, embedded) in self.objects.items():
            if embedded and typ in listed and oid not in listed[typ]:
                self.err(f'embedded {typ} {oid} is not in its list')
        for where, typ, target in refs:
            seen = self.objects.get(target)
            if seen is None:
                self.err(f'{where}: {target} points at nothing')
            elif seen[0] != typ:
                self.err(f'{where}: {target} is a {seen[0]}, not a {typ}')
        return self.errors


def check_export(test, raw, base=DEFAULT_BASE):
    doc = json.loads(raw)
    errors = Checker(doc, base).check()
    test.assertEqual(errors[:20], [], f'{len(errors)} problems')
    return doc


def decisions(json_doc):
    """Per meeting, per item: the outcomes of this meeting's decisions."""
    def walk(sections, out):
        for s in sections:
            if s['kind'] == 'decision' and not s.get('history'):
                out.append(s.get('outcome', 'unknown'))
    result = []
    for m in json_doc['meetings']:
        items = []
        for it in m['items']:
            out = []
            walk(it['sections'], out)
            for sub in it.get('subitems', []):
                walk(sub['sections'], out)
            items.append(out)
        result.append(items)
    return result


def expected_result(outcomes):
    if not outcomes:
        return None
    return outcomes[0] if len(set(outcomes)) == 1 else 'mixed'


class OParlTest(unittest.TestCase):
    def check_results(self, files, doc):
        """Agenda items carry the outcome of their meeting's decisions."""
        r = run('json', *files)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        # several files give {"documents": [...]}, one file the document itself
        docs = out['documents'] if 'documents' in out else [out]
        want = decisions({'meetings': [m for d in docs for m in d['meetings']]})
        real = [m for m in doc['meeting'] if 'decision-history' not in m.get('keyword', [])]
        self.assertEqual(len(real), len(want))
        with_result = 0
        for m, items in zip(real, want):
            self.assertEqual(len(m['agendaItem']), len(items), m['id'])
            for it, outcomes in zip(m['agendaItem'], items):
                self.assertEqual(it.get('result'), expected_result(outcomes), it['id'])
                if outcomes:
                    with_result += 1
                    self.assertIsInstance(it.get('resolutionText', ''), str)
        return with_result

    def test_fixtures_one_by_one(self):
        with tempfile.TemporaryDirectory() as tmp:
            for src in fixture_files():
                with self.subTest(fixture=os.path.basename(src)):
                    f = clean_copy(src, tmp)
                    doc = check_export(self, export(f))
                    self.check_results([f], doc)

    def test_fixtures_together(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = [clean_copy(src, tmp) for src in fixture_files()]
            doc = check_export(self, export(*files))
            self.assertGreater(self.check_results(files, doc), 0)
            self.assertTrue(doc['person'] and doc['membership'] and doc['organization'])
            self.assertTrue(any(it.get('auxiliaryFile') for it in doc['agendaItem']))
            self.assertTrue(any(it.get('public') is False for it in doc['agendaItem']))

    def test_history_consultations(self):
        with tempfile.TemporaryDirectory() as tmp:
            f = clean_copy(os.path.join(FIX, 'layout_history_lines.txt'), tmp)
            doc = check_export(self, export(f))
        hist = [c for c in doc['consultation'] if '/history-' in c['id']]
        self.assertEqual(len(hist), 2)
        meetings = {m['id']: m for m in doc['meeting']}
        orgs = {o['id']: o for o in doc['organization']}
        self.assertEqual([meetings[c['meeting']]['start'] for c in hist],
                         ['2019-09-10', '2019-09-17'])
        self.assertEqual([orgs[c['organization'][0]]['name'] for c in hist],
                         ['Teknik- og Miljøudvalget', 'Økonomiudvalget'])
        # the item's own consultation and the earlier ones share the paper
        paper = doc['paper'][0]
        self.assertEqual(paper['reference'], '19/4411')
        self.assertEqual(len(paper['consultation']), 3)

    def test_corpus(self):
        files = corpus_files()
        if not files:
            self.skipTest(f'{SHARED} is not there: corpus part skipped')
        doc = check_export(self, export(*files))
        n = self.check_results(files, doc)
        self.assertGreater(n, 0, 'no agenda item of the corpus has a result')
        for f in files:
            with self.subTest(file=f):
                check_export(self, export(f))

    def test_start_end_with_copenhagen_offset(self):
        try:
            from zoneinfo import ZoneInfo
            cph = ZoneInfo('Europe/Copenhagen')
        except Exception:  # no tz data
            self.skipTest('no Europe/Copenhagen time zone data')
        with tempfile.TemporaryDirectory() as tmp:
            files = [clean_copy(src, tmp) for src in fixture_files()]
            doc = check_export(self, export(*files + corpus_files()))
        timed = 0
        for m in doc['meeting']:
            for key in ('start', 'end'):
                v = m.get(key)
                if v and 'T' in v:
                    timed += 1
                    t = datetime.datetime.fromisoformat(v)
                    local = t.replace(tzinfo=None).replace(tzinfo=cph)
                    self.assertEqual(t.utcoffset(), local.utcoffset(), v)
            if 'start' in m and 'end' in m:
                self.assertLessEqual(m['start'], m['end'])
        self.assertGreater(timed, 0)
        # winter and summer
        for date, offset in (('16-01-2023', '+01:00'), ('21-08-2023', '+02:00')):
            text = (f'REFERAT Direktionen d. {date}\n\nMødedato Mandag d. {date} kl. 9.30\n\n'
                    'Punkt 1: Sag\n\n23/910\n\nBeslutning\n\nGodkendt.\n').encode()
            r = run('oparl', '-', stdin=text)
            self.assertEqual(r.returncode, 0, r.stderr)
            start = json.loads(r.stdout)['meeting'][0]['start']
            self.assertTrue(start.endswith('T09:30:00' + offset), start)

    def test_ids_are_stable(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = [clean_copy(src, tmp) for src in fixture_files()]
            first = export(*files)
            self.assertEqual(first, export(*files))
            # the directory does not matter, only the file names
            other = os.path.join(tmp, 'elsewhere')
            os.mkdir(other)
            moved = [shutil.copy(f, other) for f in files]
            self.assertEqual(first, export(*moved))
            # stdin is the same document under the name "stdin"
            f = files[0]
            with open(f, 'rb') as fh:
                r = run('oparl', stdin=fh.read())
            self.assertEqual(r.returncode, 0)
            check_export(self, r.stdout)

    def test_base_url(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = [clean_copy(src, tmp) for src in fixture_files()]
            default = export(*files)
            for base in ('https://ris.example.dk/api/', 'https://ris.example.dk/api'):
                raw = export(*files, base=base)
                check_export(self, raw, 'https://ris.example.dk/api/')
                self.assertNotIn(DEFAULT_BASE.encode(), raw)
                self.assertEqual(raw.decode().replace('https://ris.example.dk/api/', DEFAULT_BASE),
                                 default.decode())
        doc = json.loads(default)
        self.assertEqual(doc['system']['id'], DEFAULT_BASE + 'system')
        self.assertEqual(run('oparl', '--base-url', 'ftp://x/', files[0]).returncode, 2)
        self.assertEqual(run('oparl', '--base-url').returncode, 2)
        self.assertEqual(run('json', '--base-url', 'https://x/', files[0]).returncode, 2)

    def test_help_lists_oparl(self):
        self.assertIn(b'oparl [--base-url URL]', run('--help').stdout)

    def test_parse_error_prints_nothing(self):
        r = run('oparl', '--strict', '-', stdin=b'REFERAT Direktionen d. 07-10-2019\n\xff\n')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b'')

    def test_missing_file(self):
        r = run('oparl', '/nonexistent/x.txt')
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, b'')


if __name__ == '__main__':
    if len(sys.argv) > 1:
        REFERAT = sys.argv.pop(1)
    unittest.main(verbosity=2)
