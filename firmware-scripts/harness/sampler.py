"""benchrig stack sampler for CPython and PyPy (standard library only; not for MicroPython).

Sampler(rate_hz).start() ... .stop(), then .folded() gives flamegraph.pl lines
"root;caller;leaf WEIGHT" with WEIGHT in microseconds of time.

How it samples (one method for both interpreters, documented in docs/profiling.md):

- CPU: signal.setitimer(ITIMER_PROF) at the requested rate. The handler walks the interrupted
  frame's stack (frame.f_back up to the runner's root) and adds the CPU time used since the
  previous sample (time.process_time) to that stack. Weighting by CPU time keeps the shares right
  when the kernel delivers fewer signals than asked (ITIMER_PROF is checked at the scheduler tick:
  250 Hz on a HZ=250 kernel) and when signals coalesce during a long C call.
- Built-ins: Python runs a signal handler only between bytecodes, so a signal that arrives during
  a C function runs when it returns, with the caller's frame on its call instruction (f_lasti on
  CALL/PRECALL in CPython 3.11, CALL_FUNCTION/CALL_METHOD/... in PyPy). Such a sample is attributed
  to the Python caller with a leaf "[built-in] NAME"; NAME is found from the bytecode that loaded
  the callable (cached per code offset). A call that resolves to a Python function is not marked.
  On PyPy, built-ins the JIT inlined into a loop count as that loop's Python time.
- Waiting: signal.setitimer(ITIMER_REAL) at the same rate. Wall time minus CPU time minus the time
  spent runnable in the run queue (/proc/self/schedstat) is time off the CPU by the program's own
  doing; each time it grew, the growth is added to the current stack with a leaf "[waiting] NAME"
  when the frame sits on a call of a built-in (sleep, recv, select: the call that waits), else it
  is counted apart as descheduled (the VM's host or the kernel ran something else).
"""
import dis
import os
import signal
import sys
import time
import types

BUILTIN = '[built-in]'
WAITING = '[waiting]'
# call instructions of CPython 3.11+ and PyPy 3.9 (CPython <= 3.10 names)
CALLS = ('CALL', 'PRECALL', 'CALL_FUNCTION', 'CALL_METHOD', 'CALL_FUNCTION_KW', 'CALL_FUNCTION_EX', 'CALL_KW')
LOADS = ('LOAD_GLOBAL', 'LOAD_NAME', 'LOAD_ATTR', 'LOAD_METHOD', 'LOAD_FAST', 'LOAD_DEREF', 'LOAD_CONST')
# Process CPU time advances in scheduler ticks on some kernels (4 ms at HZ=250): off-CPU time is
# only looked at once it exceeds what was already accounted by more than this (one tick + margin).
OFF_CPU_SLACK_S = 0.005
MISS = object()


def label(code):
    # one frame's name for folded stacks: ';' separates frames and newline ends a line there
    s = '%s (%s:%d)' % (code.co_name, os.path.basename(code.co_filename), code.co_firstlineno)
    return s.replace(';', ':').replace('\n', ' ').replace('\r', ' ')


def runqueue_ns():
    # time this process spent runnable but not running (Linux); 0 elsewhere
    try:
        with open('/proc/self/schedstat') as f:
            return int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


class Callees:
    """What a call instruction calls: (name, is_python), found once per code offset."""

    def __init__(self):
        self.cache = {}
        self.ins = {}

    def at(self, frame):
        code = frame.f_code
        key = (code, frame.f_lasti)
        hit = self.cache.get(key, MISS)
        if hit is MISS:
            hit = self._find(frame, code, frame.f_lasti)
            # a callee found through the frame's locals may differ next time: only the rest is kept
            if hit is None or not hit[0].startswith('.'):
                self.cache[key] = hit
        return hit

    def _instructions(self, code):
        ins = self.ins.get(code)
        if ins is None:
            ins = self.ins[code] = list(dis.get_instructions(code))
        return ins

    def _find(self, frame, code, lasti):
        try:
            ins = self._instructions(code)
        except Exception:
            return None
        k = 0
        while k < len(ins) and ins[k].offset < lasti:
            k += 1
        if k >= len(ins) or ins[k].offset != lasti or ins[k].opname not in CALLS:
            return None
        op = ins[k].opname
        if op == 'CALL' and k > 0 and ins[k - 1].opname == 'PRECALL':   # 3.11: PRECALL holds the inputs
            k -= 1
            op = 'PRECALL'
        arg = ins[k].arg or 0
        if op in ('PRECALL', 'CALL'):      # CPython 3.11+: NULL or self, callable, args
            inputs = arg + 2
        elif op == 'CALL_FUNCTION':
            inputs = arg + 1
        elif op in ('CALL_METHOD', 'CALL_FUNCTION_KW', 'CALL_KW'):
            inputs = arg + 2
        else:                              # CALL_FUNCTION_EX: callable, args tuple, kwargs if flag 1
            inputs = 2 + (arg & 1) + (1 if sys.version_info >= (3, 11) and sys.implementation.name == 'cpython' else 0)
        height = 0
        i = k - 1
        while i >= 0:
            try:
                height += dis.stack_effect(ins[i].opcode, ins[i].arg if ins[i].opcode >= dis.HAVE_ARGUMENT else None,
                                           jump=False)
            except (ValueError, TypeError):
                return ('?', False)
            if height >= inputs:
                return self._named(frame, ins, i)
            i -= 1
        return ('?', False)

    @staticmethod
    def _named(frame, ins, i):
        """(name, is_python) of the callable that instruction i (and the attribute loads after it) loaded."""
        base = ins[i]
        if base.opname not in LOADS:
            return ('?', False)
        attrs = []
        j = i + 1
        while j < len(ins) and ins[j].opname in ('LOAD_ATTR', 'LOAD_METHOD'):
            attrs.append(str(ins[j].argval))
            j += 1
        if base.opname in ('LOAD_ATTR', 'LOAD_METHOD'):
            return ('.' + '.'.join([str(base.argval)] + attrs), False)
        name = '.'.join([str(base.argval)] + attrs)
        if base.opname in ('LOAD_GLOBAL', 'LOAD_NAME'):
            value = frame.f_globals.get(base.argval, frame.f_builtins.get(base.argval))
        elif base.opname == 'LOAD_FAST':
            value = frame.f_locals.get(base.argval)
            name = '.' + '.'.join(attrs) if attrs else name
        else:
            value = None
        for a in attrs:
            value = getattr(value, a, None)
        # a Python function or a bound Python method runs bytecode: its time is Python time (PyPy's
        # built-in functions have a __code__ too, so the type decides)
        return (name, isinstance(value, types.FunctionType)
                or isinstance(getattr(value, '__func__', None), types.FunctionType))


class Sampler:
    """Samples the main thread's Python stack; see the module docstring."""

    def __init__(self, rate_hz=1000, wall=True, roots=()):
        if rate_hz <= 0:
            raise ValueError('rate must be > 0 Hz')
        self.interval = 1.0 / rate_hz
        self.rate_hz = rate_hz
        self.wall = wall
        self.roots = frozenset(roots)      # code objects where a stack starts (the runner's loop)
        self.weights = {}                  # (codes tuple, marker) -> seconds
        self.callees = Callees()
        self.cpu_signals = 0
        self.wall_signals = 0
        self.cpu_s = 0.0
        self.waiting_s = 0.0
        self.builtin_s = 0.0
        self.descheduled_s = 0.0
        self.elapsed_s = 0.0
        self._old = {}
        self._busy = False                 # a handler interrupted by the other timer's signal returns at once
        self._own = Sampler._stack.__code__.co_filename   # this file's frames are never sampled

    def start(self):
        self._cpu_last = self._cpu0 = time.process_time()
        self._t0 = time.perf_counter()
        self._runq0 = runqueue_ns()
        self._runq_s = 0.0
        self._off_hw = 0.0
        self._old[signal.SIGPROF] = signal.signal(signal.SIGPROF, self._on_cpu)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
        if self.wall:
            self._old[signal.SIGALRM] = signal.signal(signal.SIGALRM, self._on_wall)
            signal.setitimer(signal.ITIMER_REAL, self.interval, self.interval)
        return self

    def stop(self):
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        if self.wall:
            signal.setitimer(signal.ITIMER_REAL, 0, 0)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old = {}
        return self

    def _stack(self, frame):
        codes = []
        roots = self.roots
        while frame is not None and frame.f_code.co_filename == self._own:
            frame = frame.f_back
        while frame is not None:
            code = frame.f_code
            if code in roots:
                break
            codes.append(code)
            frame = frame.f_back
        codes.reverse()
        return tuple(codes)

    def _add(self, key, seconds):
        self.weights[key] = self.weights.get(key, 0.0) + seconds

    def _on_cpu(self, sig, frame):
        if self._busy:
            return
        self._busy = True
        try:
            self._cpu(frame)
        finally:
            self._busy = False

    def _on_wall(self, sig, frame):
        if self._busy:
            return
        self._busy = True
        try:
            self._wall(frame)
        finally:
            self._busy = False

    def _cpu(self, frame):
        now = time.process_time()
        used = now - self._cpu_last
        self._cpu_last = now
        self.cpu_signals += 1
        self.cpu_s += used
        callee = self.callees.at(frame) if frame is not None else None
        if callee is not None and not callee[1]:
            self.builtin_s += used
            self._add((self._stack(frame), BUILTIN + ' ' + callee[0]), used)
        else:
            self._add((self._stack(frame), None), used)

    def _wall(self, frame):
        self.wall_signals += 1
        # off the CPU so far = wall - CPU - run queue; only its growth past the high-water mark
        # counts, so the CPU clock's tick lag costs at most one tick in total, never per interval
        off = (time.perf_counter() - self._t0) - (time.process_time() - self._cpu0)
        if off - self._runq_s - self._off_hw < OFF_CPU_SLACK_S:
            return
        self._runq_s = (runqueue_ns() - self._runq0) / 1e9
        grown = off - self._runq_s - self._off_hw
        if grown <= 0:
            return
        self._off_hw += grown
        callee = self.callees.at(frame) if frame is not None else None
        if callee is None or callee[1]:
            # off the CPU between bytecodes or in Python code: the OS (or the VM's host) ran something else
            self.descheduled_s += grown
            return
        self.waiting_s += grown
        self._add((self._stack(frame), WAITING + ' ' + callee[0]), grown)

    def folded(self):
        """flamegraph.pl input: one 'frame;frame;... MICROSECONDS' line per stack, heaviest first."""
        names = {}
        lines = {}
        for (codes, marker), seconds in self.weights.items():
            parts = []
            for c in codes:
                n = names.get(c)
                if n is None:
                    n = names[c] = label(c)
                parts.append(n)
            if marker is not None:
                parts.append(marker.replace(';', ':'))
            key = ';'.join(parts) or '[runner]'
            lines[key] = lines.get(key, 0.0) + seconds
        out = [(k, int(round(v * 1e6))) for k, v in lines.items()]
        out = [(k, v) for k, v in out if v > 0]
        out.sort(key=lambda kv: (-kv[1], kv[0]))
        return ['%s %d' % kv for kv in out]
