#!/usr/bin/env python3
"""Structural check of a SARIF 2.1.0 log (OASIS SARIF 2.1.0, Errata 01), offline.

Checks what the standard requires of the objects xcov's "sarif" renderer writes, with the
property names the standard defines for each (an unknown property is an error, as in the
standard's JSON schema, whose objects are closed):
  sarifLog (§3.13)         version == "2.1.0" (required), runs (required, array), $schema
  run (§3.14)              tool (required), results, properties
  tool (§3.18)             driver (required)
  toolComponent (§3.19)    name (required, string), version, rules
  reportingDescriptor (§3.49)  id (required, string), shortDescription, defaultConfiguration
  multiformatMessageString (§3.12)  text (required)
  reportingConfiguration (§3.50)    level in none|note|warning|error
  result (§3.27)           message (required: text or id); ruleId; ruleIndex >= -1 and, when
                           >= 0, the index of a rule whose id is ruleId; level in
                           none|note|warning|error; locations; suppressions
  location (§3.28), physicalLocation (§3.29): artifactLocation and/or region
  artifactLocation (§3.4)  uri: a URI reference (RFC 3986 characters only)
  region (§3.30)           startLine >= 1 (required here: text regions); startColumn,
                           endLine, endColumn >= 1; endLine >= startLine; on one line
                           endColumn >= startColumn
  suppression (§3.35)      kind (required) in inSource|external, justification (string)
Usage: check_sarif.py FILE.sarif   (exit 0 valid, 1 errors listed)
As a module: errors = check(doc)."""
import json
import re
import sys

LEVELS = {'none', 'note', 'warning', 'error'}
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def _obj(errors, path, v, allowed, required=()):
    if not isinstance(v, dict):
        errors.append('%s: not an object' % path)
        return False
    for k in required:
        if k not in v:
            errors.append('%s: required property "%s" missing' % (path, k))
    for k in v:
        if k not in allowed:
            errors.append('%s: property "%s" is not defined by SARIF 2.1.0 here' % (path, k))
    return True


def _int(errors, path, v, lo):
    if not isinstance(v, int) or isinstance(v, bool) or v < lo:
        errors.append('%s: %r is not an integer >= %d' % (path, v, lo))
        return False
    return True


def _str(errors, path, v):
    if not isinstance(v, str):
        errors.append('%s: %r is not a string' % (path, v))
        return False
    return True


def _message(errors, path, m, multiformat=False):
    allowed = {'text', 'markdown', 'properties'} | (set() if multiformat else {'id', 'arguments'})
    if _obj(errors, path, m, allowed, ('text',) if multiformat else ()):
        if not multiformat and 'text' not in m and 'id' not in m:
            errors.append('%s: a message needs "text" or "id"' % path)
        if 'text' in m:
            _str(errors, path + '.text', m['text'])


def _region(errors, path, r):
    if not _obj(errors, path, r, {'startLine', 'startColumn', 'endLine', 'endColumn',
                                  'charOffset', 'charLength', 'byteOffset', 'byteLength',
                                  'snippet', 'message', 'sourceLanguage', 'properties'},
                ('startLine',)):
        return
    ok = all(_int(errors, '%s.%s' % (path, k), r[k], 1)
             for k in ('startLine', 'startColumn', 'endLine', 'endColumn') if k in r)
    if not ok:
        return
    sl, el = r.get('startLine'), r.get('endLine', r.get('startLine'))
    if sl is not None and el < sl:
        errors.append('%s: endLine %d < startLine %d' % (path, el, sl))
    if el == sl and 'endColumn' in r and r['endColumn'] < r.get('startColumn', 1):
        errors.append('%s: endColumn %d < startColumn %d on one line'
                      % (path, r['endColumn'], r.get('startColumn', 1)))


def _location(errors, path, loc):
    if not _obj(errors, path, loc, {'id', 'physicalLocation', 'logicalLocations', 'message',
                                    'annotations', 'relationships', 'properties'}):
        return
    pl = loc.get('physicalLocation')
    if pl is None:
        return
    p = path + '.physicalLocation'
    if not _obj(errors, p, pl, {'address', 'artifactLocation', 'region', 'contextRegion',
                                'properties'}):
        return
    if 'artifactLocation' not in pl and 'address' not in pl:
        errors.append('%s: needs artifactLocation or address' % p)
    al = pl.get('artifactLocation')
    if al is not None and _obj(errors, p + '.artifactLocation', al,
                               {'uri', 'uriBaseId', 'index', 'description', 'properties'}):
        u = al.get('uri')
        if u is not None and (not _str(errors, p + '.artifactLocation.uri', u)
                              or not URI_CHARS.match(u)):
            errors.append('%s.artifactLocation.uri: %r is not a URI reference' % (p, u))
    if 'region' in pl:
        _region(errors, p + '.region', pl['region'])


def check(doc):
    errors = []
    if not _obj(errors, 'sarifLog', doc, {'$schema', 'version', 'runs', 'inlineExternalProperties',
                                          'properties'}, ('version', 'runs')):
        return errors
    if doc.get('version') != '2.1.0':
        errors.append('sarifLog.version: %r, not "2.1.0"' % doc.get('version'))
    runs = doc.get('runs')
    if not isinstance(runs, list):
        errors.append('sarifLog.runs: not an array')
        return errors
    for ri, run in enumerate(runs):
        rp = 'runs[%d]' % ri
        if not _obj(errors, rp, run, {'tool', 'invocations', 'conversion', 'language',
                                      'versionControlProvenance', 'originalUriBaseIds',
                                      'artifacts', 'logicalLocations', 'graphs', 'results',
                                      'automationDetails', 'runAggregates', 'baselineGuid',
                                      'redactionTokens', 'defaultEncoding',
                                      'defaultSourceLanguage', 'newlineSequences',
                                      'columnKind', 'externalPropertyFileReferences',
                                      'threadFlowLocations', 'taxonomies', 'addresses',
                                      'translations', 'policies', 'webRequests',
                                      'webResponses', 'specialLocations', 'properties'},
                    ('tool',)):
            continue
        tool = run.get('tool')
        rules = []
        if _obj(errors, rp + '.tool', tool, {'driver', 'extensions', 'properties'}, ('driver',)):
            drv = tool.get('driver')
            dp = rp + '.tool.driver'
            if _obj(errors, dp, drv, {'guid', 'name', 'organization', 'product', 'productSuffix',
                                      'shortDescription', 'fullDescription', 'fullName',
                                      'version', 'semanticVersion', 'dottedQuadFileVersion',
                                      'releaseDateUtc', 'downloadUri', 'informationUri',
                                      'globalMessageStrings', 'notifications', 'rules',
                                      'taxa', 'locations', 'language', 'contents',
                                      'isComprehensive', 'localizedDataSemanticVersion',
                                      'minimumRequiredLocalizedDataSemanticVersion',
                                      'associatedComponent', 'translationMetadata',
                                      'supportedTaxonomies', 'properties'}, ('name',)):
                _str(errors, dp + '.name', drv.get('name'))
                rules = drv.get('rules', [])
                if not isinstance(rules, list):
                    errors.append(dp + '.rules: not an array')
                    rules = []
                for k, rule in enumerate(rules):
                    p = '%s.rules[%d]' % (dp, k)
                    if not _obj(errors, p, rule, {'id', 'deprecatedIds', 'guid', 'deprecatedGuids',
                                                  'name', 'deprecatedNames', 'shortDescription',
                                                  'fullDescription', 'messageStrings',
                                                  'defaultConfiguration', 'helpUri', 'help',
                                                  'relationships', 'properties'}, ('id',)):
                        continue
                    _str(errors, p + '.id', rule.get('id'))
                    if 'shortDescription' in rule:
                        _message(errors, p + '.shortDescription', rule['shortDescription'], True)
                    dc = rule.get('defaultConfiguration')
                    if dc is not None and _obj(errors, p + '.defaultConfiguration', dc,
                                               {'enabled', 'level', 'rank', 'parameters',
                                                'properties'}):
                        if 'level' in dc and dc['level'] not in LEVELS:
                            errors.append('%s.defaultConfiguration.level: %r' % (p, dc['level']))
        results = run.get('results', [])
        if not isinstance(results, list):
            errors.append(rp + '.results: not an array')
            continue
        for k, res in enumerate(results):
            p = '%s.results[%d]' % (rp, k)
            if not _obj(errors, p, res, {'ruleId', 'ruleIndex', 'rule', 'kind', 'level',
                                         'message', 'analysisTarget', 'locations', 'guid',
                                         'correlationGuid', 'occurrenceCount',
                                         'partialFingerprints', 'fingerprints', 'stacks',
                                         'codeFlows', 'graphs', 'graphTraversals',
                                         'relatedLocations', 'suppressions', 'baselineState',
                                         'rank', 'attachments', 'hostedViewerUri', 'workItemUris',
                                         'provenance', 'fixes', 'taxa', 'webRequest',
                                         'webResponse', 'properties'}, ('message',)):
                continue
            _message(errors, p + '.message', res.get('message'))
            if 'level' in res and res['level'] not in LEVELS:
                errors.append('%s.level: %r' % (p, res['level']))
            if 'ruleIndex' in res and _int(errors, p + '.ruleIndex', res['ruleIndex'], -1):
                i = res['ruleIndex']
                if i >= 0 and (i >= len(rules) or rules[i].get('id') != res.get('ruleId')):
                    errors.append('%s: ruleIndex %d does not name rule %r' % (p, i,
                                                                             res.get('ruleId')))
            for j, loc in enumerate(res.get('locations', [])):
                _location(errors, '%s.locations[%d]' % (p, j), loc)
            for j, sup in enumerate(res.get('suppressions', [])):
                sp = '%s.suppressions[%d]' % (p, j)
                if _obj(errors, sp, sup, {'guid', 'kind', 'status', 'justification', 'location',
                                          'properties'}, ('kind',)):
                    if sup.get('kind') not in ('inSource', 'external'):
                        errors.append('%s.kind: %r' % (sp, sup.get('kind')))
    return errors


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        doc = json.load(f)
    errors = check(doc)
    for e in errors:
        print('sarif: ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
