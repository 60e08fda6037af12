#!/usr/bin/env python3
"""Conformance: `referat json` on each corpus document that has a golden
JSON scores 1.0000 with ../shared/tools/score.py and equals it key for key
(keys added in 0.2 aside); the documents of the other agenda systems in
../shared/corpus-real score facts F1 >= 0.95 with ../shared/tools/facts.py.

usage: conformance.py REFERAT CORPUS_DIR    (exit 77 when the corpus is absent)
"""
import json
import os
import subprocess
import sys
import tempfile

# keys the document model gained after spec version 1 (docs/FORMAT.md)
ADDED = {'end_time', 'layout', 'history', 'party', 'role', 'subitems', 'outcome',
         'outcome_phrase', 'outcome_reason', 'points', 'votes', 'participation'}


# keys renamed in 0.2 (one name for a fact in C, JSON and Python)
RENAMED = {'case_number': 'case'}


def spec_keys(x):
    """x without the keys added after spec version 1, renamed keys as spec 1 names them."""
    if isinstance(x, dict):
        return {RENAMED.get(k, k): spec_keys(v) for k, v in x.items() if k not in ADDED}
    if isinstance(x, list):
        return [spec_keys(v) for v in x]
    return x

referat, corpus = sys.argv[1], sys.argv[2]
score = os.path.join(corpus, '..', 'tools', 'score.py')
if not os.path.isdir(corpus) or not os.path.exists(score):
    print(f'skipped: no corpus at {corpus} (../shared is not beside the checkout)')
    sys.exit(77)

goldens = sorted(f for f in os.listdir(corpus) if f.endswith('.json'))
failed = 0
for golden in goldens:
    txt = os.path.join(corpus, golden[:-5] + '.txt')
    out = subprocess.run([referat, 'json', txt], capture_output=True, check=True).stdout
    with tempfile.NamedTemporaryFile(suffix='.json', delete=False) as f:
        f.write(out)
    last = subprocess.run([sys.executable, score, os.path.join(corpus, golden), f.name],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    with open(os.path.join(corpus, golden), 'rb') as g:
        want = json.loads(g.read())
    got = json.loads(out)
    got.pop('source', None)  # the CLI's, not the document's (0.3)
    same = spec_keys(got) == want and list(spec_keys(got)) == list(want)
    os.unlink(f.name)
    ok = last.startswith('score: 1.0000') and same
    failed += not ok
    print(f'{"ok  " if ok else "FAIL"} {golden}: {last}{"" if same else " (keys or values differ)"}')

# the documents without a published golden must parse cleanly too
texts = sorted(f for f in os.listdir(corpus) if f.endswith('.txt'))
for txt in texts:
    r = subprocess.run([referat, 'json', os.path.join(corpus, txt)], capture_output=True)
    ok = r.returncode == 0
    failed += not ok
    print(f'{"ok  " if ok else "FAIL"} {txt} parses (exit {r.returncode})')

# the real documents of other municipalities and systems
real = os.path.join(corpus, '..', 'corpus-real')
facts = os.path.join(corpus, '..', 'tools', 'facts.py')
reals = sorted(f for f in os.listdir(real) if f.endswith('.txt')) if os.path.isdir(real) else []
for txt in reals:
    golden = os.path.join(real, txt[:-4] + '.facts.json')
    out = subprocess.run([referat, 'json', os.path.join(real, txt)], capture_output=True).stdout
    with tempfile.NamedTemporaryFile(suffix='.json', delete=False) as f:
        f.write(out)
    last = subprocess.run([sys.executable, facts, golden, f.name], capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]
    os.unlink(f.name)
    f1 = float(last.split()[1])
    prec = float(last.split('precision ')[1].split(';')[0])
    ok = f1 >= 0.95 and prec >= 0.95
    failed += not ok
    print(f'{"ok  " if ok else "FAIL"} {txt}: {last}')
print(f'{len(goldens) + len(texts) + len(reals) - failed} passed, {failed} failed')
sys.exit(1 if failed else 0)
