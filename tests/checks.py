"""Checks for the test scripts: each check prints `ok` or `FAIL` with what it
proves; finish() gives the script's exit status (1 when any check failed)."""

failures = []


def check(ok, what, detail=''):
    print('%s %s' % ('ok  ' if ok else 'FAIL', what))
    if not ok:
        failures.append(what)
        if detail:
            print('     ' + str(detail)[:800])
    return ok


def finish():
    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    print('all checks passed')
    return 0
