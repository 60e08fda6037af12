#!/usr/bin/env python3
"""Conformance: `referat json` on each corpus document that has a golden
JSON scores 1.0000 with ../shared/tools/score.py and equals it byte for byte.

usage: conformance.py REFERAT CORPUS_DIR    (exit 77 when the corpus is absent)
"""
import os
import subprocess
import sys
import tempfile

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
        same = g.read() == out
    os.unlink(f.name)
    ok = last.startswith('score: 1.0000') and same
    failed += not ok
    print(f'{"ok  " if ok else "FAIL"} {golden}: {last}{"" if same else " (bytes differ)"}')

# the documents without a published golden must parse cleanly too
texts = sorted(f for f in os.listdir(corpus) if f.endswith('.txt'))
for txt in texts:
    r = subprocess.run([referat, 'json', os.path.join(corpus, txt)], capture_output=True)
    ok = r.returncode == 0
    failed += not ok
    print(f'{"ok  " if ok else "FAIL"} {txt} parses (exit {r.returncode})')
print(f'{len(goldens) + len(texts) - failed} passed, {failed} failed')
sys.exit(1 if failed else 0)
