#!/usr/bin/env python3
"""Validate the file renderers' output with external tools and parsers.

usage: check_formats.py CHECK --gen REPORT_GEN --work DIR --schema JSON --dtd DTD

CHECK is one of:
  json-schema    coverage.json parses (strict) and validates against
                 docs/json-schema.json (own validator for the subset of JSON
                 Schema 2020-12 the schema uses), plus cross-reference checks
  lcov-genhtml   genhtml (Debian package lcov) accepts coverage.info and
                 lcov --summary agrees with the expected totals
  cobertura-dtd  xmllint (libxml2-utils) validates cobertura.xml against
                 tests/report/coverage-04.dtd (--dtdvalid, and --valid through
                 an XML catalog mapping the DOCTYPE's system id)
  html-escape    every page parses; no markup from the model became markup;
                 every link is local and resolves
  drcov-parse    coverage.drcov parsed as Lighthouse/bncov parse it gives the
                 blocks of the report (blocks > 65535 bytes split)
  real-demo      emucov runs the demo firmware, xcov reports it in every file
                 format, and each output is validated as above
  sarif          coverage.sarif passes the SARIF 2.1.0 structural check
                 (check_sarif.py) and holds exactly the report's violations:
                 same kind, place and message, undetermined ones as warnings,
                 exempted violations suppressed with their justification
  browser        headless Chromium (Debian package chromium) loads the index
                 and a file page: tables present, marks right, injected
                 markup shown as text and not run; saves a screenshot

Exit 0 pass, 1 fail, 77 skipped (a required tool is missing).
"""
import argparse
import html
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_sarif  # noqa: E402

SKIP = 77
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print('FAIL: ' + msg)
    return cond


def generate(args, level='branch', sub='out'):
    out = os.path.join(args.work, sub + '-' + level.replace('+', '_'))
    src = os.path.join(args.work, 'src')
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(args.work, exist_ok=True)
    res = subprocess.run([args.gen, out, src, level], capture_output=True, text=True)
    if res.returncode != 0:
        print(res.stderr)
        sys.exit('report-gen failed')
    return out, src


# ---------------------------------------------------------------- JSON schema

ANNOTATIONS = {'$schema', '$id', 'title', 'description', '$defs'}
KNOWN = ANNOTATIONS | {'$ref', 'type', 'const', 'enum', 'minimum', 'maximum', 'pattern',
                       'minLength', 'maxLength', 'required', 'properties',
                       'additionalProperties', 'items'}
TYPES = {
    'object': lambda v: isinstance(v, dict),
    'array': lambda v: isinstance(v, list),
    'string': lambda v: isinstance(v, str),
    'integer': lambda v: isinstance(v, int) and not isinstance(v, bool),
    'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    'boolean': lambda v: isinstance(v, bool),
    'null': lambda v: v is None,
}


def same_json(a, b):
    return type(a) is type(b) and a == b


def validate(inst, schema, root, path, errors):
    """Validate inst against schema (subset of draft 2020-12); append errors."""
    unknown = set(schema) - KNOWN
    if unknown:
        raise ValueError('%s: schema keyword(s) %s not supported by this validator'
                         % (path, sorted(unknown)))
    if '$ref' in schema:
        ref = schema['$ref']
        if not ref.startswith('#/$defs/'):
            raise ValueError('unsupported $ref ' + ref)
        validate(inst, root['$defs'][ref[len('#/$defs/'):]], root, path, errors)
    if 'type' in schema:
        types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
        if not any(TYPES[t](inst) for t in types):
            errors.append('%s: %r is not of type %s' % (path, inst, types))
            return
    if 'const' in schema and not same_json(inst, schema['const']):
        errors.append('%s: %r is not %r' % (path, inst, schema['const']))
    if 'enum' in schema and not any(same_json(inst, e) for e in schema['enum']):
        errors.append('%s: %r not in %r' % (path, inst, schema['enum']))
    if TYPES['number'](inst):
        if 'minimum' in schema and inst < schema['minimum']:
            errors.append('%s: %r < minimum %r' % (path, inst, schema['minimum']))
        if 'maximum' in schema and inst > schema['maximum']:
            errors.append('%s: %r > maximum %r' % (path, inst, schema['maximum']))
    if isinstance(inst, str):
        if 'pattern' in schema and not re.search(schema['pattern'], inst):
            errors.append('%s: %r does not match %s' % (path, inst, schema['pattern']))
        if 'minLength' in schema and len(inst) < schema['minLength']:
            errors.append('%s: too short' % path)
        if 'maxLength' in schema and len(inst) > schema['maxLength']:
            errors.append('%s: too long' % path)
    if isinstance(inst, dict):
        for k in schema.get('required', []):
            if k not in inst:
                errors.append('%s: missing required property %s' % (path, k))
        props = schema.get('properties', {})
        for k, v in inst.items():
            if k in props:
                validate(v, props[k], root, path + '/' + k, errors)
            elif schema.get('additionalProperties', True) is False:
                errors.append('%s: unexpected property %s' % (path, k))
            elif isinstance(schema.get('additionalProperties'), dict):
                validate(v, schema['additionalProperties'], root, path + '/' + k, errors)
    if isinstance(inst, list) and 'items' in schema:
        for i, v in enumerate(inst):
            validate(v, schema['items'], root, '%s/%d' % (path, i), errors)


def strict_load(path):
    with open(path, 'rb') as f:
        raw = f.read()
    text = raw.decode('utf-8')          # must be valid UTF-8
    def no_dup(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError('duplicate key in ' + repr(keys))
        return dict(pairs)
    return json.loads(text, object_pairs_hook=no_dup)


def check_json_file(path, schema, level):
    """Parse strictly, validate against the schema, check cross references."""
    doc = strict_load(path)
    errors = []
    validate(doc, schema, schema, '', errors)
    for e in errors[:20]:
        print('schema: ' + e)
    check(not errors, '%s: %s does not match the schema (%d errors)'
          % (level, path, len(errors)))
    if errors:
        sys.exit('stopping: the document does not follow the schema')
    check(doc['level'] == level, 'level is %r, want %r' % (doc['level'], level))
    files, insns = doc['files'], doc['insns']
    check([i['addr'] for i in insns] == sorted(i['addr'] for i in insns),
          'insns are not sorted by address')
    for fi, f in enumerate(files):
        check(f['index'] == fi, 'file index mismatch')
        check([ln['number'] for ln in f['lines']] == list(range(1, len(f['lines']) + 1)),
              '%s: lines are not numbered 1..n' % f['name'])
        for ln in f['lines']:
            for k in ln['insns']:
                check(0 <= k < len(insns) and insns[k]['file'] == fi,
                      '%s:%d: insn %d does not belong to the file'
                      % (f['name'], ln['number'], k))
    for fn in doc['functions']:
        check(fn['file'] is None or 0 <= fn['file'] < len(files),
              'function %s: bad file index' % fn['name'])
    return doc


def check_json(args):
    with open(args.schema) as f:
        schema = json.load(f)
    for level in ('insn', 'branch', 'stmt', 'stmt+mcdc'):
        out, src = generate(args, level)
        doc = check_json_file(os.path.join(out, 'json', 'coverage.json'), schema, level)
        files = doc['files']
        check([f['path'] for f in files] == sorted(f['path'] for f in files),
              'files are not sorted by path')
        for f in files:
            for ln in f['lines']:
                for k in ln['insns']:
                    check(doc['insns'][k]['line'] == ln['number'],
                          '%s:%d: insn %d is on another line' % (f['name'], ln['number'], k))
        main = next(f for f in files if f['name'] == 'src/main.c')
        line12 = main['lines'][11]
        check('"<script>alert(1)</script>"' in line12['text'],
              'line 12 text lost its <script> literal: %r' % line12['text'])
        line16 = main['lines'][15]
        check(line16['text'] == '/* bad bytes: \ufffd\ufffd ctrl:\x01 end */',
              'invalid bytes not replaced / control char not kept: %r' % line16['text'])
        missing = next(f for f in files if f['name'] == 'lib/missing.c')
        check(not missing['source_available'] and
              all(ln['text'] is None for ln in missing['lines']),
              'missing source should have null texts')
        marks = ''.join(ln['mark'] for ln in main['lines'])
        check(marks == '...+.!++.-?+#*-.', 'main.c marks are %r' % marks)
        check(doc['notes'][1].endswith('bad byte \ufffd'), 'note escaping: %r' % doc['notes'][1])
    # the validator itself must reject broken documents
    bad_cases = [
        ('mark', lambda d: d['files'][2]['lines'][0].__setitem__('mark', 'x')),
        ('missing key', lambda d: d.pop('totals')),
        ('extra key', lambda d: d.__setitem__('extra', 1)),
        ('bool for int', lambda d: d['insns'][0].__setitem__('addr', True)),
        ('sha', lambda d: d['runs'][0].__setitem__('trace_sha256', 'XYZ')),
    ]
    for name, mutate in bad_cases:
        d = json.loads(json.dumps(doc))
        mutate(d)
        errors = []
        validate(d, schema, schema, '', errors)
        check(errors, 'validator accepted a broken document (%s)' % name)


# ---------------------------------------------------------------- lcov

def check_lcov(args):
    genhtml = shutil.which('genhtml')
    lcov = shutil.which('lcov')
    if not genhtml or not lcov:
        print('SKIP: genhtml/lcov not found (install the Debian package "lcov")')
        return SKIP
    out, src = generate(args, 'branch')
    info = os.path.join(out, 'lcov', 'coverage.info')
    gh = os.path.join(out, 'genhtml')
    # lib/missing.c has no source on purpose: genhtml may only warn about it
    res = subprocess.run([genhtml, '--branch-coverage', '--ignore-errors', 'source',
                          '-o', gh, info], capture_output=True, text=True)
    print(res.stdout[-600:])
    print(res.stderr)
    check(res.returncode == 0, 'genhtml exited with %d' % res.returncode)
    other = [l for l in res.stderr.splitlines()
             if l.strip() and 'missing.c' not in l]
    check(not other, 'genhtml complained: %s' % other)
    check(os.path.isfile(os.path.join(gh, 'index.html')), 'genhtml wrote no index.html')
    page = os.path.join(gh, 'src', 'main.c.gcov.html')
    if check(os.path.isfile(page), 'genhtml wrote no page for src/main.c'):
        with open(page, encoding='utf-8', errors='replace') as f:
            text = f.read()
        check(re.search(r'<span class="lineNum">\s*10 </span>.*?<span class="lineNoCov">', text),
              'genhtml does not show line 10 as not covered')
        check('&lt;script&gt;alert(1)&lt;/script&gt;' in text,
              'genhtml page lacks the escaped source line')
    res = subprocess.run([lcov, '--summary', info, '--rc', 'lcov_branch_coverage=1'],
                         capture_output=True, text=True)
    summary = res.stdout + res.stderr
    print(summary)
    check(res.returncode == 0, 'lcov --summary failed')
    check('lines......: 73.3% (11 of 15 lines)' in summary, 'line totals differ')
    check('functions..: 60.0% (3 of 5 functions)' in summary, 'function totals differ')
    check('branches...: 50.0% (4 of 8 branches)' in summary, 'branch totals differ')
    return 0


# ---------------------------------------------------------------- cobertura

def xml_validator(args):
    """A function path -> (ok, messages) running xmllint twice: --dtdvalid with
    our DTD, and --valid with a catalog mapping the DOCTYPE to it.  None when
    xmllint is missing."""
    xmllint = shutil.which('xmllint')
    if not xmllint:
        return None
    dtd = os.path.abspath(args.dtd)
    catalog = os.path.join(args.work, 'catalog.xml')
    os.makedirs(args.work, exist_ok=True)
    with open(catalog, 'w') as f:
        f.write('<?xml version="1.0"?>\n'
                '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
                '  <system systemId="http://cobertura.sourceforge.net/xml/coverage-04.dtd"'
                ' uri="file://%s"/>\n</catalog>\n' % dtd)
    env = dict(os.environ, XML_CATALOG_FILES=catalog)

    def valid(path):
        r1 = subprocess.run([xmllint, '--noout', '--nonet', '--dtdvalid', dtd, path],
                            capture_output=True, text=True, env=env)
        r2 = subprocess.run([xmllint, '--noout', '--nonet', '--valid', path],
                            capture_output=True, text=True, env=env)
        errs = (r1.stderr + r2.stderr).strip()
        return r1.returncode == 0 and r2.returncode == 0 and not errs, errs
    return valid


def check_cobertura(args):
    valid = xml_validator(args)
    if not valid:
        print('SKIP: xmllint not found (install the Debian package "libxml2-utils")')
        return SKIP

    for level in ('insn', 'branch', 'stmt+mcdc'):
        out, _ = generate(args, level)
        xml = os.path.join(out, 'cobertura', 'cobertura.xml')
        ok, errs = valid(xml)
        print(errs)
        check(ok, '%s: cobertura.xml is not valid against coverage-04.dtd' % level)
    # the DTD must catch mistakes
    with open(xml, encoding='utf-8') as f:
        text = f.read()
    for name, bad in (('attribute', text.replace(' hits=', ' hitz=', 1)),
                      ('element', text.replace('<methods>', '<methods><bogus/>', 1)),
                      ('branch value', text.replace('branch="true"', 'branch="maybe"', 1))):
        path = os.path.join(args.work, 'bad.xml')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(bad)
        ok, _ = valid(path)
        check(not ok, 'xmllint accepted a broken file (%s)' % name)
    return 0


# ---------------------------------------------------------------- html

ALLOWED_TAGS = {'html', 'head', 'meta', 'title', 'link', 'script', 'body', 'header', 'nav',
                'main', 'section', 'footer', 'h1', 'h2', 'p', 'a', 'code', 'strong', 'br',
                'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'ul', 'li',
                'div', 'details', 'summary', 'pre', 'button'}


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.links, self.bad_attrs = [], [], [], []
        self.rows = {}          # id -> {'class', 'mark', 'text'}
        self._row, self._cell, self._in_script = None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for k, _ in attrs:
            if k.startswith('on'):
                self.bad_attrs.append((tag, k))
        if tag == 'script':
            self.scripts.append(a)
            self._in_script = True
        for k in ('href', 'src'):
            if k in a:
                self.links.append(a[k])
        if tag == 'tr' and a.get('id', '').startswith('L'):
            self._row = {'class': a.get('class'), 'mark': a.get('data-mark'),
                         'm': '', 't': ''}
            self.rows[a['id']] = self._row
        if tag == 'td' and self._row is not None:
            self._cell = a.get('class')

    def handle_endtag(self, tag):
        if tag == 'tr':
            self._row = None
        if tag == 'script':
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1]['inline'] = data
        if self._row is not None and self._cell in ('m', 't'):
            self._row[self._cell] += data


def parse_page(path):
    p = PageParser()
    with open(path, encoding='utf-8') as f:
        p.feed(f.read())
    p.close()
    return p


MAIN_MARKS = {4: ('+', 'm-cov'), 6: ('!', 'm-partial'), 7: ('+', 'm-cov'),
              10: ('-', 'm-notcov'), 11: ('?', 'm-undet'), 12: ('+', 'm-cov'),
              13: ('#', 'm-exempt'), 14: ('*', 'm-exviol'), 15: ('-', 'm-notcov'),
              3: ('.', 'm-nocode')}


def check_main_rows(rows, where):
    for n, (mark, cls) in MAIN_MARKS.items():
        r = rows.get('L%d' % n)
        if not check(r is not None, '%s: no row L%d' % (where, n)):
            continue
        check(r['class'] == cls and r['mark'] == mark and r['m'].strip() == mark,
              '%s: line %d shows %r/%r/%r, want %r %s'
              % (where, n, r['class'], r['mark'], r['m'], mark, cls))
    r12 = rows.get('L12', {'t': ''})
    check('const char *s = "<script>alert(1)</script>";' in r12['t'],
          '%s: line 12 does not show the <script> text: %r' % (where, r12['t'][:120]))


def check_html_dir(hdir, npages=None):
    """Every page parses, contains only our elements and script, links resolve."""
    pages = sorted(n for n in os.listdir(hdir) if n.endswith('.html'))
    if npages is not None:
        check(len(pages) == npages, 'expected %d pages, got %s' % (npages, pages))
    for name in pages:
        p = parse_page(os.path.join(hdir, name))
        extra = set(p.tags) - ALLOWED_TAGS
        check(not extra, '%s: unexpected elements %s (markup from the model?)'
              % (name, sorted(extra)))
        check(not p.bad_attrs, '%s: event handler attributes %s' % (name, p.bad_attrs))
        check(p.scripts == [{'src': 'emucov.js', 'defer': None}],
              '%s: scripts are %s' % (name, p.scripts))
        for link in p.links:
            if link.startswith('#'):
                continue
            check(not re.match(r'^[a-z]+:|^//', link), '%s: external link %s' % (name, link))
            target = os.path.join(hdir, link.split('#')[0])
            check(os.path.isfile(target), '%s: broken link %s' % (name, link))
    return pages


def check_html(args):
    for level in ('branch', 'stmt+mcdc'):
        out, _ = generate(args, level)
        hdir = os.path.join(out, 'html')
        check_html_dir(hdir, 6)
        main = parse_page(os.path.join(hdir, 'f0002-src_main.c.html'))
        check_main_rows(main.rows, level)
        odd = parse_page(os.path.join(hdir, 'f0001-odd_we_ird__x__s.c.html'))
        check("<script>document.documentElement.dataset.pwned='1'</script><b>x</b>"
              in odd.rows['L1']['t'], 'odd file line 1 not shown as text')
        raw = open(os.path.join(hdir, 'f0002-src_main.c.html'), encoding='utf-8').read()
        decs = re.findall(r'<details class="dec [^"]*">.*?</details>', raw, re.S)
        if level == 'stmt+mcdc':
            # synth.c: line 7 (a vector table of 2 rows, c1 paired, c2 not) and line 11
            # (undetermined, a reason full of markup shown as text)
            check(len(decs) == 2, 'main.c: %d decision blocks, 2 expected' % len(decs))
            check(len(decs) == 2 and decs[0].count('<tr><td>') == 2 and
                  'vectors 1 and 2' in decs[0] and 'no masking pair' in decs[0],
                  'line 7 decision block: %r' % decs[:1])
            check(len(decs) == 2 and '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;seqz&quot;'
                  in decs[1] and '<script>alert' not in decs[1] and 'x&lt;&amp;&gt;' in decs[1],
                  'line 11 decision block not escaped: %r' % decs[1:])
        else:
            check(not decs, 'decision blocks at level %s' % level)
    return 0


# ---------------------------------------------------------------- drcov

def parse_drcov(path):
    """Parse as Lighthouse does: text header, module table, binary BB table."""
    with open(path, 'rb') as f:
        data = f.read()
    pos = 0

    def line():
        nonlocal pos
        end = data.index(b'\n', pos)
        text = data[pos:end].decode('utf-8')
        pos = end + 1
        return text

    m = re.fullmatch(r'DRCOV VERSION: (\d+)', line())
    assert m and m.group(1) == '2', 'bad version line'
    assert line().startswith('DRCOV FLAVOR: '), 'bad flavor line'
    m = re.fullmatch(r'Module Table: version (\d+), count (\d+)', line())
    assert m and m.group(1) == '2', 'bad module table header'
    count = int(m.group(2))
    cols = line()
    assert cols == 'Columns: id, base, end, entry, checksum, timestamp, path', cols
    modules = []
    for _ in range(count):
        f = [x.strip() for x in line().split(',', 6)]
        modules.append({'id': int(f[0]), 'base': int(f[1], 16), 'end': int(f[2], 16),
                        'path': f[6]})
    m = re.fullmatch(r'BB Table: (\d+) bbs', line())
    assert m, 'bad BB table header'
    n = int(m.group(1))
    assert len(data) - pos == 8 * n, 'BB table has %d bytes, want %d' % (len(data) - pos, 8 * n)
    bbs = [struct.unpack_from('<IHH', data, pos + 8 * i) for i in range(n)]
    return modules, bbs


def check_drcov_file(path, doc):
    """coverage.drcov parses and holds the blocks of coverage.json."""
    try:
        modules, bbs = parse_drcov(path)
    except (AssertionError, ValueError) as e:
        check(False, 'drcov does not parse: %s' % e)
        return
    check(len(modules) == 1 and modules[0]['id'] == 0, 'one module with id 0')
    check(modules[0]['base'] == doc['elf']['base'], 'module base is not elf_base')
    check(modules[0]['path'] == doc['elf']['path'], 'module path is not the ELF')
    want = []
    for b in doc['blocks']:
        off, left = b['addr'] - doc['elf']['base'], b['size']
        while True:
            sz = min(left, 0xFFFF)
            want.append((off, sz, 0))
            off, left = off + sz, left - sz
            if not left:
                break
    check(bbs == want, 'drcov blocks %s != report blocks %s' % (bbs[:8], want[:8]))
    check(all(modules[0]['base'] + o + s <= modules[0]['end'] for o, s, _ in bbs),
          'a block ends beyond the module end')


def check_drcov(args):
    out, src = generate(args, 'branch')
    with open(os.path.join(out, 'json', 'coverage.json'), encoding='utf-8') as f:
        doc = json.load(f)
    check(len(doc['blocks']) == 4, 'synthetic report has 4 blocks')
    check_drcov_file(os.path.join(out, 'drcov', 'coverage.drcov'), doc)
    return 0


# ---------------------------------------------------------------- browser

def find_chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        p = shutil.which(name)
        if p:
            return p
    return None


def chromium(exe, profile, *args):
    cmd = [exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--user-data-dir=' + profile] + list(args)
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=40)
    except subprocess.TimeoutExpired:
        # e.g. an alert() from unescaped source text blocks the page
        check(False, 'chromium hung on %s (a dialog opened by injected script?)' % args[-1])
        return subprocess.CompletedProcess(cmd, -1, '', 'timeout')


def check_browser(args):
    exe = find_chromium()
    if not exe:
        print('SKIP: chromium not found (install the Debian package "chromium")')
        return SKIP
    out, _ = generate(args, 'branch')
    hdir = os.path.abspath(os.path.join(out, 'html'))
    profile = tempfile.mkdtemp(prefix='emucov-chromium-')
    try:
        idx = chromium(exe, profile, '--dump-dom', 'file://' + hdir + '/index.html')
        check(idx.returncode == 0, 'chromium failed on index.html: %s' % idx.stderr[-500:])
        dom = idx.stdout
        check('data-js="ready"' in dom, 'index: emucov.js did not run (offline script)')
        check('id="files-table"' in dom and 'id="functions-table"' in dom
              and 'id="runs-table"' in dom, 'index: tables missing')
        rows = re.findall(r'<a href="(f\d{4}-[^"]+\.html)">', dom)
        check(len(rows) == 4, 'index: %d file rows, want 4' % len(rows))
        check('data-pwned' not in dom, 'index: injected script ran')

        # sorting by the Lines column (last metric), descending
        srt = chromium(exe, profile, '--dump-dom',
                       'file://' + hdir + '/index.html?sort=files-table:3:desc')
        m = re.search(r'<table class="sortable" id="files-table">(.*?)</tbody>', srt.stdout, re.S)
        order = re.findall(r'<a href="f\d{4}-[^"]+\.html">([^<]+)</a>', m.group(1) if m else '')
        print('sorted by lines, descending:', order)
        check(order and order[0] == 'src/util.h' and 'data-dir="desc"' in srt.stdout,
              'index: client-side sorting did not reorder the files table: %s' % order)

        page = 'file://' + hdir + '/f0002-src_main.c.html'
        fp = chromium(exe, profile, '--dump-dom', page)
        check(fp.returncode == 0, 'chromium failed on the file page')
        p = PageParser()
        p.feed(fp.stdout)
        check_main_rows(p.rows, 'browser')
        check('<p class="objtoggle">' in fp.stdout,
              'browser: the expand-all button was not shown at branch level')
        check([s.get('src') for s in p.scripts] == ['emucov.js'],
              'browser DOM has scripts %s' % p.scripts)
        check('img' not in p.tags, 'browser: markup from the source became an <img>')
        check('<title>src/main.c - coverage (branch)</title>' in fp.stdout,
              'browser: title changed (injected handler ran?)')
        check('&lt;script&gt;alert(1)&lt;/script&gt;' in fp.stdout,
              'browser: <script> source text not displayed as text')

        odd = chromium(exe, profile, '--dump-dom', 'file://' + hdir +
                       '/f0001-odd_we_ird__x__s.c.html')
        check('data-pwned' not in odd.stdout and 'data-js="ready"' in odd.stdout,
              'odd page: injected script ran or ours did not')

        shot = os.path.abspath(os.path.join(args.work, 'report-browser-main.c.png'))
        if os.path.exists(shot):
            os.remove(shot)
        sc = chromium(exe, profile, '--window-size=1280,1400', '--hide-scrollbars',
                      '--screenshot=' + shot, page)
        ok = os.path.isfile(shot) and os.path.getsize(shot) > 1000
        if ok:
            with open(shot, 'rb') as f:
                ok = f.read(8) == b'\x89PNG\r\n\x1a\n'
        check(ok, 'no screenshot written: %s' % sc.stderr[-500:])
        print('screenshot: ' + shot)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return 0


# ---------------------------------------------------------------- real firmware

def check_real(args):
    """xcov's own output for the demo firmware, every file format validated."""
    if not (args.emucov and args.xcov and args.elf):
        sys.exit('real-demo needs --emucov, --xcov and --elf')
    emucov, xcov, elf = (os.path.abspath(p) for p in (args.emucov, args.xcov, args.elf))
    with open(args.schema) as f:
        schema = json.load(f)
    if os.path.isdir(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    trace = os.path.join(args.work, 'demo.trace')
    run = subprocess.run([emucov, 'run', '--trace', trace, elf],
                         capture_output=True, text=True, cwd=args.work, timeout=120)
    if not check(os.path.isfile(trace), 'emucov wrote no trace: %s' % run.stderr[-500:]):
        return 0
    valid = xml_validator(args)
    genhtml = shutil.which('genhtml')
    for level in ('branch', 'stmt'):
        out = os.path.join(args.work, 'out-' + level)
        res = subprocess.run([xcov, 'report', '--level', level, '--format',
                              'html,json,lcov,cobertura,drcov', '-o', out, trace],
                             capture_output=True, text=True, cwd=args.work, timeout=300)
        print(res.stdout.strip())
        if not check(res.returncode == 0, 'xcov report --level %s failed (%d): %s'
                     % (level, res.returncode, res.stderr[-500:])):
            continue
        doc = check_json_file(os.path.join(out, 'coverage.json'), schema, level)
        check(doc['files'] and doc['insns'] and doc['blocks'] and len(doc['runs']) == 1,
              '%s: the demo report is empty' % level)
        check_drcov_file(os.path.join(out, 'coverage.drcov'), doc)
        pages = check_html_dir(out)
        check(len(pages) == len(doc['files']) + 2,
              '%s: %d pages for %d files' % (level, len(pages), len(doc['files'])))
        with open(os.path.join(out, 'coverage.info'), encoding='utf-8') as f:
            info = f.read()
        lf = sum(int(x) for x in re.findall(r'^LF:(\d+)$', info, re.M))
        lh = sum(int(x) for x in re.findall(r'^LH:(\d+)$', info, re.M))
        with open(os.path.join(out, 'cobertura.xml'), encoding='utf-8') as f:
            xml = f.read()
        m = re.search(r'lines-covered="(\d+)" lines-valid="(\d+)"', xml)
        check(m and (int(m.group(1)), int(m.group(2))) == (lh, lf),
              '%s: cobertura lines %s differ from lcov LH/LF %d/%d'
              % (level, m.groups() if m else None, lh, lf))
        if valid:
            ok, errs = valid(os.path.join(out, 'cobertura.xml'))
            check(ok, '%s: cobertura.xml invalid: %s' % (level, errs[:500]))
        else:
            print('note: xmllint not found, cobertura.xml not validated')
        if genhtml:
            gh = subprocess.run([genhtml, '--branch-coverage', '--ignore-errors', 'source',
                                 '-q', '-o', os.path.join(out, 'genhtml'),
                                 os.path.join(out, 'coverage.info')],
                                capture_output=True, text=True, timeout=300)
            check(gh.returncode == 0, '%s: genhtml failed: %s' % (level, gh.stderr[-500:]))
        else:
            print('note: genhtml not found, coverage.info not checked by it')
    return 0


# ---------------------------------------------------------------- sarif

def sarif_matches_json(sarif, doc, where):
    """The SARIF results are the JSON report's violations, in file/line order."""
    want = []
    for f in doc['files']:
        for ln in f['lines']:
            for v in ln['violations']:
                want.append((f, ln, v))
    res = sarif['runs'][0].get('results', [])
    check(len(res) == len(want), '%s: %d SARIF results for %d violations'
          % (where, len(res), len(want)))
    rules = sarif['runs'][0]['tool']['driver'].get('rules', [])
    check([r['id'] for r in rules] == sorted({v['kind'] for _, _, v in want}),
          '%s: rules %r' % (where, [r['id'] for r in rules]))
    for r, (f, ln, v) in zip(res, want):
        reg = r['locations'][0]['physicalLocation']['region']
        uri = r['locations'][0]['physicalLocation']['artifactLocation']['uri']
        check(r['ruleId'] == v['kind'] and r['message']['text'] == v['message'],
              '%s: result %r for violation %r' % (where, r['ruleId'], v['kind']))
        check(reg['startLine'] == (v['line'] or ln['number']) and
              reg.get('startColumn', 0) == v['col'],
              '%s: %s region %r for %d:%d' % (where, v['kind'], reg, v['line'], v['col']))
        lvl = 'warning' if 'undetermined' in v['kind'] else 'error'
        check(r['level'] == lvl, '%s: %s level %s' % (where, v['kind'], r['level']))
        name = f['path'] if (f['path'] or '').startswith('/') else f['name']
        check(urllib_unquote(uri.replace('file://', '', 1)) == name,
              '%s: uri %r for %r' % (where, uri, name))
        sup = r.get('suppressions')
        # suppressed exactly when the violation is exempted, with the
        # justification of the exemption covering it (synth: line regions)
        check((sup is not None) == v['exempted'] and
              (sup is None or sup[0]['justification'] == ln['exemption']),
              '%s: line %d suppressions %r' % (where, ln['number'], sup))


def urllib_unquote(s):
    import urllib.parse
    return urllib.parse.unquote(s)


def check_sarif_synth(args):
    for level in ('branch', 'stmt+mcdc'):
        out, _ = generate(args, level, 'sarif')
        path = os.path.join(out, 'sarif', 'coverage.sarif')
        sarif = strict_load(path)
        errors = check_sarif.check(sarif)
        for e in errors[:20]:
            print(e)
        check(not errors, '%s: coverage.sarif is not valid SARIF 2.1.0' % level)
        doc = strict_load(os.path.join(out, 'json', 'coverage.json'))
        sarif_matches_json(sarif, doc, level)
        uris = {r['locations'][0]['physicalLocation']['artifactLocation']['uri']
                for r in sarif['runs'][0]['results']}
        check(any('%22' in u and '%3C' in u for u in uris),
              'markup characters of a file name are not percent-encoded: %r' % uris)
    # the checker itself rejects broken logs
    bad = [('version', lambda d: d.__setitem__('version', '2.0.0')),
           ('no message', lambda d: d['runs'][0]['results'][0].pop('message')),
           ('ruleIndex', lambda d: d['runs'][0]['results'][0].__setitem__('ruleIndex', 99)),
           ('line 0', lambda d: d['runs'][0]['results'][0]['locations'][0]['physicalLocation']
            ['region'].__setitem__('startLine', 0)),
           ('level', lambda d: d['runs'][0]['results'][0].__setitem__('level', 'fatal')),
           ('extra', lambda d: d['runs'][0].__setitem__('extra', 1)),
           ('no driver name', lambda d: d['runs'][0]['tool']['driver'].pop('name'))]
    for name, mutate in bad:
        d = json.loads(json.dumps(sarif))
        mutate(d)
        check(check_sarif.check(d), 'SARIF checker accepted a broken log (%s)' % name)


CHECKS = {'json-schema': check_json, 'sarif': check_sarif_synth, 'lcov-genhtml': check_lcov,
          'cobertura-dtd': check_cobertura, 'html-escape': check_html,
          'drcov-parse': check_drcov, 'browser': check_browser, 'real-demo': check_real}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('check', choices=sorted(CHECKS))
    ap.add_argument('--gen', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--schema', required=True)
    ap.add_argument('--dtd', required=True)
    ap.add_argument('--emucov')
    ap.add_argument('--xcov')
    ap.add_argument('--elf')
    args = ap.parse_args()
    rc = CHECKS[args.check](args)
    if rc == SKIP:
        return SKIP
    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    print('PASS: ' + args.check)
    return 0


if __name__ == '__main__':
    sys.exit(main())
