#!/usr/bin/env python3
"""db-cli: the xcov-db command line gives one-line errors and distinct exit
statuses on bad input, and its outputs parse (JSON) on an empty merge."""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

EXE = sys.argv[1]
failures = []


def run(*args):
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def expect_error(args, code, fragment):
    rc, out, err = run(*args)
    lines = err.strip('\n').split('\n')
    ok = (rc == code and len(lines) == 1 and fragment in err and err.startswith('xcov-db: ')
          and 'Traceback' not in err)
    if not ok:
        failures.append(f'{args}: rc={rc} (want {code}) stderr={err!r} (want {fragment!r})')


with tempfile.TemporaryDirectory() as d:
    text = os.path.join(d, 'notes.txt')
    with open(text, 'w') as f:
        f.write('not a database at all, just some text that is long enough\n' * 4)
    plain = os.path.join(d, 'plain.db')
    c = sqlite3.connect(plain)
    c.execute('CREATE TABLE t(x)')
    c.commit()
    c.close()
    v7 = os.path.join(d, 'v7.db')
    c = sqlite3.connect(v7)
    c.execute('PRAGMA application_id = %d' % 0x78636f76)
    c.execute('PRAGMA user_version = 7')
    c.execute('CREATE TABLE runs(x)')
    c.commit()
    c.close()
    empty = os.path.join(d, 'empty.db')

    expect_error([], 1, 'usage')
    expect_error(['frobnicate', 'x'], 1, 'usage')
    expect_error(['merge', '-o', os.path.join(d, 'o.db'), text], 3, 'not an SQLite database')
    expect_error(['merge', '-o', os.path.join(d, 'o.db'), plain], 3, 'not an xcov')
    expect_error(['merge', '-o', os.path.join(d, 'o.db'), v7], 4, 'schema version 7')
    expect_error(['merge', '-o', os.path.join(d, 'o.db'), os.path.join(d, 'nope.db')], 2,
                 'nope.db')
    if os.path.exists(os.path.join(d, 'o.db')):
        failures.append('a failed merge left its output behind')
    expect_error(['dump-json', text], 3, 'not an SQLite database')
    expect_error(['who', plain, 'main.c:3'], 3, 'not an xcov')

    # An empty merge is a valid database with no runs.
    rc, out, err = run('merge', '-o', empty)
    if rc != 0:
        failures.append(f'empty merge failed: {err!r}')
    expect_error(['merge', '-o', '/nonexistent-dir/x.db', empty], 6, 'cannot create')
    rc, out, err = run('dump-json', empty)
    try:
        j = json.loads(out)
        if j['format'] != 'emucov-consolidation' or j['schema_version'] != 2 or j['runs'] != [] \
                or j['files'] != [] or j['level'] is not None:
            failures.append(f'unexpected empty dump: {j}')
    except (ValueError, KeyError) as e:
        failures.append(f'dump-json of an empty database: {e}: {out!r}')
    expect_error(['who', empty, 'main.c'], 1, 'expected FILE:LINE')
    expect_error(['who', empty, 'main.c:0'], 1, 'expected FILE:LINE')
    expect_error(['who', empty, 'main.c:3'], 1, 'no file of the database')
    rc, out, err = run('useless', empty)
    if rc != 0 or '(none)' not in out:
        failures.append(f'useless on an empty database: rc={rc} {out!r} {err!r}')

for f in failures:
    print('FAIL:', f)
print(f'{len(failures)} failure(s)')
sys.exit(1 if failures else 0)
