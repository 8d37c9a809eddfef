#!/usr/bin/env python3
"""Prints the windows of a traced downtime run (bench/trace/trace-downtime): for each apply, from the
closed app's main thread's exit (its sched_process_exit) to the exec of the restart's launch marker,
every scheduler event (and traced syscall) on both cores, and the updater's JIT log lines in it.

    windows.py OUTDIR [--summary] [--sizes "1000000 ..."] [--apply N]

--summary prints one line an apply: its window in the trace, when the updater's real-time thread first
ran, when it woke the launcher (the fire), and when the launcher got a core. Applies are numbered in the
order bench/run makes them: the sizes alternate, then the smallest size again without the boost.
"""
import glob
import os
import re
import sys

LINE = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+)(?:: |\()(.*)$')
FIELD = re.compile(r'(\w+)=(\S+)')


def events(path):
    out = []
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.match(line)
            if m:
                comm, tid, cpu, ts, name, rest = m.groups()
                out.append((float(ts), int(cpu), comm, int(tid), name, rest))
    return out


def jit_lines(d):
    out = []
    for path in glob.glob(os.path.join(d, 'jit-*.log')):
        pid = path.rsplit('-', 1)[-1][:-4]
        with open(path, errors='replace') as f:
            for line in f:
                m = re.match(r'\[(\d+)ns\](.*)', line)
                if m and 'made not entrant' not in line:
                    out.append((int(m.group(1)) / 1e9, pid, m.group(2).strip()))
    return sorted(out)


def shares(d, sizes):
    def read(name):
        p = os.path.join(d, name)
        return [float(x) for x in open(p)] if os.path.exists(p) else []
    per = {s: read('share-%s.ms' % s) for s in sizes}
    order = []
    for k in range(max((len(v) for v in per.values()), default=0)):
        for s in sizes:
            if k < len(per[s]):
                order.append(('%s' % s, per[s][k]))
    order += [('%s-nort' % sizes[0], v) for v in read('share-%s-nort.ms' % sizes[0])]
    return order


def main():
    args = sys.argv[1:]
    d = args[0]
    summary = '--summary' in args
    sizes = (args[args.index('--sizes') + 1] if '--sizes' in args else os.environ.get('BENCH_DOWN_SIZES', '1000000')).split()
    only = int(args[args.index('--apply') + 1]) if '--apply' in args else None
    ev = events(os.path.join(d, 'trace.txt'))
    jit = jit_lines(d)
    order = shares(d, sizes)
    execs = [e for e in ev if e[4] == 'sched_process_exec' and 'launch-marker' in e[5]]
    previous = None
    for i, x in enumerate(execs):
        end, marker = x[0], x[3]
        exits = [e for e in ev if e[4] == 'sched_process_exit' and end - 0.05 < e[0] < end and 'comm=java ' in e[5]]
        chosen = [e for e in exits if previous is not None and dict(FIELD.findall(e[5])).get('pid') == str(previous)]
        previous = marker
        gone = (chosen or exits or [None])[-1]
        n = i + 1
        if gone is None or (only is not None and n != only):
            continue
        start = gone[0]
        label, share = order[i] if i < len(order) else ('?', float('nan'))
        window = [e for e in ev if start - 0.0005 <= e[0] <= end + 0.0001]
        first_rt = fire = on_core = None
        for e in window:
            t = (e[0] - start) * 1e3
            if t <= 0:
                continue
            if e[4] == 'sched_switch' and first_rt is None and e[5].rstrip().endswith('next_prio=98'):
                first_rt = t
            if e[4] == 'sched_wakeup' and fire is None and ('pid=%d ' % marker) in e[5]:
                fire = t
            if e[4] == 'sched_switch' and on_core is None and ('next_pid=%d ' % marker) in e[5]:
                on_core = t
        fmt = lambda v: '-' if v is None else '%.2f' % v
        print('apply %2d %-16s share %.2f ms (bench), trace exit -> exec %.2f ms; updater on a core %s, fire %s, launcher on a core %s'
              % (n, label, share, (end - start) * 1e3, fmt(first_rt), fmt(fire), fmt(on_core)))
        if summary:
            continue
        for e in window:
            if e[4] == 'sched_waking':
                continue
            rest = e[5]
            if e[4] == 'sched_switch':
                k = dict(FIELD.findall(rest))
                rest = '%s/%s(%s,%s) -> %s/%s(%s)' % (k.get('prev_comm'), k.get('prev_pid'), k.get('prev_prio'),
                                                      k.get('prev_state'), k.get('next_comm'), k.get('next_pid'), k.get('next_prio'))
            print('  %8.3f c%d %-22s %-18s %s' % ((e[0] - start) * 1e3, e[1], '%s/%d' % (e[2][:15], e[3]),
                                                e[4].replace('sched_', ''), rest[:110]))
        for t, pid, text in jit:
            if start - 0.002 <= t <= end:
                print('  JIT %8.3f pid %s %s' % ((t - start) * 1e3, pid, text[:120]))


if __name__ == '__main__':
    main()
