"""CLI-style job: import a few modules, parse arguments, do a little work, print a summary, exit; one op per file."""
# An app workload (firmware-scripts/README.md). Its cold time on a host is a whole short-lived
# process (spawn, imports, the job); each "file" it processes is timed by bh.op.
import bh

NAME = 'clijob'
CLASS = 'cli'
SUITES = ('default', 'nightly')
TIERS = {'s': (4, 12), 'm': (40, 400), 'l': (200, 4000)}
EXPECT = {'s': '54 delta=52 beta=49 gamma=49', 'm': '16080 alpha=12060 beta=12060 board=12060', 'l': '800400 alpha=600300 beta=600300 board=600300'}

WORDS = ('alpha', 'beta', 'gamma', 'delta', 'board', 'rig', 'host', 'pin')


class Job:
    def __init__(self, argv):
        self.opts = {}
        self.files = []
        for a in argv:
            if a.startswith('--'):
                kv = (a[2:] + '=').split('=', 1)
                self.opts[kv[0]] = kv[1][:-1] or '1'
            else:
                self.files.append(a)
        self.counts = {}
        self.lines = 0

    def count(self, name):
        n = int(name[1:])
        c = self.counts
        for i in range(n % 5 + self.size):
            self.lines += 1
            for j in range(6):
                w = WORDS[(i * j + n) % 8]
                c[w] = c.get(w, 0) + 1


def bench(nfiles, size):
    import gc
    import sys
    gc.enable()   # a CLI's start: cheap calls into the modules it imported (a collect costs ms on a host)
    argv = ['--top=3', '--quiet']
    for i in range(nfiles):
        argv.append('f%d' % i)
    job = Job(argv)
    job.size = size
    bh.op(job.count, job.files)
    top = sorted(job.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:int(job.opts['top'])]
    out = '%d %s' % (job.lines, ' '.join('%s=%d' % kv for kv in top))
    if 'quiet' not in job.opts:
        sys.stdout.write(out + '\n')
    return out
