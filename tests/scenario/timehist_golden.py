#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""tests/scenario/timehist_golden.py - `mmsim timehist` against perf 6.1 (TAP)

usage: timehist_golden.py MMSIM SOURCE_DIR

1. Golden: for the real traces in tests/data/perf-sched (`perf script --ns`
   text, with perf sched timehist 6.1.187's own output for each option set)
   run `mmsim timehist` and compare row by row.  Table rows: time, cpu,
   wait time, sch delay, run time (and state with --state, the -V ruler, the
   kind of wakeup/migration line and its cpus) of every row, and the row
   count, must be equal.  Summaries: every number must be equal.  Task
   names (and the summary's parent pid, which perf takes from /proc) are
   counted and reported in a TAP comment, not failed.
2. Simulation: the pipe ping-pong of scenarios/sched-pipe.ini, traced by
   `mmsim run --trace`, must show the cost model's values in steady state:
   run 2800 ns (0.002), wait 1600 ns (0.001), sch delay 0 per row; with the
   costs scaled by 1000 and through `mmsim run --timehist`, the same values
   to the microsecond (2.800, 1.600, 0.000).
3. Bad input and bad options: exit 2 with a message.
"""
import gzip
import os
import re
import subprocess
import sys
import tempfile

MMSIM, SRC = sys.argv[1], sys.argv[2]
DATA = os.path.join(SRC, 'tests', 'data', 'perf-sched')
OPTION_SETS = [
    ('timehist', []),
    ('summary', ['-s']),
    ('wMstate', ['-w', '-M', '--state']),
    ('V', ['-V']),
    ('I', ['-I']),
]
# trace c (recorded for the options a and b do not cover): file, options
OPTION_SETS_C = [
    ('n', ['-n']),
    ('C1', ['-C', '1']),
    ('time', ['--time', '644.50,644.70']),
    ('p', ['-p', '14909,14942']),
    ('tw', ['-t', '14951', '-w']),
    ('SVMstate', ['-S', '-V', '-M', '--state']),
]

n = 0
fails = 0


def tap(ok, desc, comments=()):
    global n, fails
    n += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n, desc))
    for c in comments:
        for line in str(c).split('\n'):
            print('# ' + line)
    if not ok:
        fails += 1
    sys.stdout.flush()


TIME_CPU = re.compile(r'^ *(\d+\.\d{6}) \[(\d{4})\] (.*)$')
NUM3 = re.compile(r'^(.*?) +(\d+\.\d{3}) +(\d+\.\d{3}) +(\d+\.\d{3}) (.*)$')
EVENT = re.compile(r'^(.*?) {30,}(awakened|migrated): (.*?)( cpu \d+ => \d+)?$')


def parse_table_row(line, visual):
    """(key, name): key holds what must match, name what is only counted."""
    m = TIME_CPU.match(line)
    if not m:
        return None
    t, cpu, rest = m.groups()
    ruler = ''
    if visual:
        # sched rows: ' ' + ruler + ' '; migration lines: 2 blanks each side
        mr = re.match(r'^( +)([ sim]+?)( +)(\S.*)$', rest)
        if mr and any(c in 'sim' for c in mr.group(2)):
            ruler = mr.group(2).strip()
    e = EVENT.match(rest)
    if e:
        who, kind, what, cpus = e.groups()
        return (t, cpu, kind, ruler, cpus or ''), (who.strip(), what.strip())
    m3 = NUM3.match(rest)
    if not m3:
        return (t, cpu, 'other', rest), ('', '')
    name, wait, delay, run, tail = m3.groups()
    name = name.strip()
    if visual and ruler:
        name = name.strip()[len(ruler):].strip() if name.startswith(ruler) else name
    state = tail.strip().split(' ')[0] if tail.strip() else ''
    return (t, cpu, 'row', ruler, wait, delay, run, state), (name, '')


SUMMARY_ROW = re.compile(r'^ *(\S.*?) +(-?\d+) +(\d+) +((?:\d+\.\d+ +)*\d+\.\d+)(?: +(\d+))? *$')


def split_output(text):
    """table lines, summary lines"""
    lines = text.split('\n')
    for i, line in enumerate(lines):
        if line.startswith(('Runtime summary', 'Wait-time summary', 'Idle-time summary')):
            return lines[:i], lines[i:]
    return lines, []


def compare_table(want, got, visual):
    want = [x for x in want if TIME_CPU.match(x)]
    got = [x for x in got if TIME_CPU.match(x)]
    bad, names, first_bad = 0, 0, None
    for i, (w, g) in enumerate(zip(want, got)):
        kw, nw = parse_table_row(w, visual)
        kg, ng = parse_table_row(g, visual)
        if kw != kg:
            bad += 1
            if first_bad is None:
                first_bad = (i, w, g)
        elif nw != ng:
            names += 1
    return len(want), len(got), bad, names, first_bad


def summary_items(lines):
    """task rows (name, ppid, numbers) and the other lines with numbers"""
    rows, other = [], []
    for line in lines:
        m = SUMMARY_ROW.match(line)
        if m and not line.startswith(('    CPU', '    Total', 'Total', '           Total')):
            name, ppid, count, nums, migr = m.groups()
            rows.append((name, ppid, (count, nums.split(), migr)))
        elif re.search(r'\d', line):
            other.append(line.rstrip())
        elif line.strip() in ('Terminated tasks:', '<no terminated tasks>',
                              '<no still running tasks>'):
            pass
    return rows, other


def compare_summary(want, got):
    rw, ow = summary_items(want)
    rg, og = summary_items(got)
    # rows are matched by their numbers in order; names/ppid only counted
    bad = 0 if len(rw) == len(rg) else 1
    names = 0
    first_bad = None
    key = (lambda r: (r[2][0], tuple(r[2][1]), r[2][2]))
    # numbers must be equal as a multiset; names compared per matched row
    if sorted(map(key, rw)) != sorted(map(key, rg)):
        bad += 1
        first_bad = next(((a, b) for a, b in zip(sorted(map(key, rw)), sorted(map(key, rg)))
                          if a != b), None)
    bynum = {}
    parents = 0
    for r in rw:
        bynum.setdefault(key(r), []).append((r[0], r[1]))
    for r in rg:
        cands = bynum.get(key(r), [])
        if (r[0], r[1]) in cands:
            cands.remove((r[0], r[1]))
        elif any(c[0] == r[0] for c in cands):
            parents += 1	# perf reads the parent of older tasks from /proc
            cands.remove(next(c for c in cands if c[0] == r[0]))
        else:
            names += 1
            if cands:
                cands.pop(0)
    if ow != og:
        bad += 1
        first_bad = first_bad or next(((a, b) for a, b in zip(ow, og) if a != b), (ow, og))
    return len(rw), bad, names, parents, first_bad


def run(args, **kw):
    return subprocess.run([MMSIM] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


# --- 1. golden comparisons against perf 6.1.187 -------------------------------
totals = {'rows': 0, 'bad': 0, 'names': 0, 'parents': 0}
for trace, option_sets in (('a', OPTION_SETS), ('b', OPTION_SETS), ('c', OPTION_SETS_C)):
    script = os.path.join(DATA, trace + '.script.txt.gz')
    for name, opts in option_sets:
        with gzip.open(os.path.join(DATA, '%s.%s.txt.gz' % (trace, name)), 'rt') as f:
            want = f.read()
        p = run(['timehist'] + opts + [script])
        desc = 'perf sched timehist %s on trace %s' % (' '.join(opts) or '(default)', trace)
        if p.returncode != 0:
            tap(False, desc, ['exit %d: %s' % (p.returncode, p.stderr.strip()[:300])])
            continue
        wt, ws = split_output(want)
        gt, gs = split_output(p.stdout)
        nw, ng, bad, names, first = compare_table(wt, gt, '-V' in opts)
        comments = ['%d rows (perf %d), %d rows differ in numbers, %d name differences; '
                    'output %sbyte-identical' % (ng, nw, bad, names,
                                                 '' if want == p.stdout else 'not ')]
        ok = nw == ng and bad == 0
        if first:
            comments += ['first difference, row %d:' % first[0], ' perf:  ' + first[1],
                         ' mmsim: ' + first[2]]
        if ws or gs:
            nrows, sbad, snames, sparents, sfirst = compare_summary(ws, gs)
            comments.append('summary: %d task rows, %d numeric differences, %d name '
                            'differences, %d parent pid differences'
                            % (nrows, sbad, snames, sparents))
            if sfirst:
                comments.append('summary difference: %r' % (sfirst,))
            ok = ok and sbad == 0
            names += snames
            totals['parents'] += sparents
        totals['rows'] += ng
        totals['bad'] += bad
        totals['names'] += names
        tap(ok, desc, comments)

print('# golden total: %d rows compared, %d numeric mismatches, %d name differences, '
      '%d summary parent pid differences'
      % (totals['rows'], totals['bad'], totals['names'], totals['parents']))

# --- 2. the simulated pipe ping-pong ---------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    trace = os.path.join(tmp, 'pipe.trace')
    p = run(['run', os.path.join(SRC, 'scenarios', 'sched-pipe.ini'), '--set', 'pipe.loops=2000',
             '--trace', trace, '-e', 'sched:*'])
    if p.returncode != 0:
        tap(False, 'simulated pipe ping-pong: mmsim run', [p.stderr.strip()[:300]])
    else:
        p = run(['timehist', trace])
        rows = {}
        for line in p.stdout.split('\n'):
            m = TIME_CPU.match(line)
            if not m:
                continue
            m3 = NUM3.match(m.group(3))
            if m3 and m3.group(1).strip().startswith('pipe['):
                rows.setdefault(m3.group(1).strip(), []).append(m3.group(2, 3, 4))
        comments = []
        ok = p.returncode == 0 and len(rows) == 2
        for task, r in sorted(rows.items()):
            steady = r[2:-1]	# the first two rows start up, the last one exits
            off = [x for x in steady if x != ('0.001', '0.000', '0.002')]
            comments.append('%s: %d rows, %d steady-state rows, %d not (wait 0.001, delay 0.000, '
                            'run 0.002)' % (task, len(r), len(steady), len(off)))
            ok = ok and len(steady) >= 1900 and not off
        tap(ok, 'simulated pipe ping-pong: wait 1600 ns, sch delay 0, run 2800 ns per row',
            comments)

        # the summary: 2800 ns per row on average, two rows per round trip
        p = run(['timehist', '-s', trace])
        avg = [l.split() for l in p.stdout.split('\n') if l.strip().startswith('pipe[')]
        ok = p.returncode == 0 and len(avg) == 2 and all(a[5] == '0.002' and a[6] == '0.002'
                                                          for a in avg)
        tap(ok, 'simulated pipe ping-pong: summary avg-run and max-run 0.002',
            ['%s' % ' '.join(a) for a in avg])

        # The same with every cost a thousand times larger, so the msec columns
        # show the cost model's values to the nanosecond: a task runs from its
        # switch-in to its switch-out, context_switch 1200 + pipe_read 400 +
        # write (syscall 100 + pipe_write 500) + wakeup 500 + read syscall 100
        # = 2800 us, and waits for the other side's 4400 - 2800 = 1600 us.
        # Through `mmsim run --timehist`, which must give the same analysis.
        scaled = ['--set', 'cost.context_switch=1200000', '--set', 'cost.pipe_read=400000',
                  '--set', 'cost.syscall=100000', '--set', 'cost.pipe_write=500000',
                  '--set', 'cost.wakeup=500000']
        p = run(['run', os.path.join(SRC, 'scenarios', 'sched-pipe.ini'), '--set', 'pipe.loops=50']
                + scaled + ['--timehist=-S'])
        rows = {}
        for line in p.stdout.split('\n'):
            m = TIME_CPU.match(line)
            m3 = NUM3.match(m.group(3)) if m else None
            if m3:
                rows.setdefault(m3.group(1).strip(), []).append(m3.group(2, 3, 4))
        pipes = {k: v[2:-1] for k, v in rows.items() if k.startswith('pipe[')}
        idle = rows.get('<idle>', [])[4:-2]
        ok = (p.returncode == 0 and len(pipes) == 2
              and all(len(r) >= 45 and set(r) == {('1.600', '0.000', '2.800')} for r in pipes.values())
              and idle and set(idle) == {('2.800', '0.000', '1.600')}
              and 'Total number of context switches: 204' in p.stdout)
        tap(ok, 'mmsim run --timehist, costs x1000: wait 1.600, sch delay 0.000, run 2.800 ms '
            'per pipe row, idle the complement', ['%s: %s' % (k, sorted(set(v))) for k, v in
                                                  sorted(pipes.items())])

# --- 3. bad input --------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    def bad_input(desc, content, want, mode='w'):
        path = os.path.join(tmp, 'in')
        with open(path, mode) as f:
            f.write(content)
        p = run(['timehist', path])
        tap(p.returncode == 2 and want in p.stderr and p.stdout == '',
            'bad input: ' + desc, ['exit %d: %s' % (p.returncode, p.stderr.strip()[:200])])

    bad_input('empty file', '', 'is empty')
    bad_input('not a trace', 'hello\nworld\n', 'not a scheduler trace')
    bad_input('binary file', b'\x7fELF\x00\x01\x02\x00\n\x00\x00', 'binary', 'wb')
    # a switch line cut in the middle: a warning naming file:line; exit 2 when
    # it was the only scheduler event, 0 with the good lines' analysis if not
    good = ('            perf  6671 [000]   399.694504855:       sched:sched_switch: prev_comm=perf '
            'prev_pid=6671 prev_prio=120 prev_state=D ==> next_comm=sh next_pid=18 next_prio=120\n'
            '              sh    18 [000]   399.694604855:       sched:sched_switch: prev_comm=sh '
            'prev_pid=18 prev_prio=120 prev_state=S ==> next_comm=perf next_pid=6671 next_prio=120\n')
    cut = '            perf  6671 [000]   399.694704855:       sched:sched_switch: prev_comm=perf prev_p\n'
    path = os.path.join(tmp, 'cut')
    with open(path, 'w') as f:
        f.write(cut)
    p = run(['timehist', path])
    tap(p.returncode == 2 and path + ':1: cannot parse this sched_switch line' in p.stderr
        and p.stdout == '', 'bad input: only a truncated line: exit 2, the line named',
        [p.stderr.strip()[:300]])
    with open(path, 'w') as f:
        f.write(good + cut)
    p = run(['timehist', path])
    tap(p.returncode == 0 and 'warning: ' + path + ':3: cannot parse' in p.stderr
        and 'sh[18]' in p.stdout, 'bad input: a truncated last line: a warning naming line 3, '
        'the rest analysed', [p.stderr.strip()[:300]])
    p = run(['timehist', '-s', '-w', os.path.join(DATA, 'a.script.txt.gz')])
    tap(p.returncode == 2 and '-s and -[n|w] are mutually exclusive' in p.stderr,
        '-s with -w is an error')

# --- 4. options ------------------------------------------------------------------
a_script = os.path.join(DATA, 'a.script.txt.gz')
for args, want in ((['--time', '398.3,398.2'], 'invalid time string'),
                   (['--time', '398.x,'], 'invalid time string'),
                   (['--compat=5.4'], "unknown --compat '5.4'"),
                   (['-C', '1-0'], 'bad cpu list'),
                   (['-p', 'abc'], 'bad pid list'),
                   (['--bogus'], 'unknown option')):
    p = run(['timehist'] + args + [a_script])
    tap(p.returncode == 2 and want in p.stderr and p.stdout == '',
        'bad option %s: exit 2' % ' '.join(args), [p.stderr.strip()[:200]])
p = run(['timehist', '-C', '0', a_script])
cpus = set(m.group(2) for m in map(TIME_CPU.match, p.stdout.split('\n')) if m)
tap(p.returncode == 0 and cpus == {'0000'}, '-C 0: rows of CPU 0 only', [repr(sorted(cpus))])
p = run(['timehist', '--time', '398.2,398.3', a_script])
times = [m.group(1) for m in map(TIME_CPU.match, p.stdout.split('\n')) if m]
tap(p.returncode == 0 and times and min(times) >= '398.200000' and max(times) <= '398.300000',
    '--time 398.2,398.3: rows inside the window, the last clipped to its end',
    ['%d rows, %s .. %s' % (len(times), times[0] if times else '-', times[-1] if times else '-')])
with gzip.open(a_script, 'rb') as f:
    p = subprocess.run([MMSIM, 'timehist', '-'], input=f.read(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
with gzip.open(os.path.join(DATA, 'a.timehist.txt.gz'), 'rb') as f:
    tap(p.returncode == 0 and p.stdout == f.read(), 'reads stdin')

print('1..%d' % n)
sys.exit(1 if fails else 0)
