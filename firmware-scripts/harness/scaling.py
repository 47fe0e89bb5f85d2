"""benchrig concurrency workloads for CPython and PyPy (not for MicroPython).

    python3 scaling.py --workload cpu|echo|fileio --nonce K [--workers 1,2] [--seconds S] [--repeat R]

What a service or a pipeline lives on, beyond one CPU-bound thread:

cpu     a fixed CPU-bound unit of work, run by W workers as threads and as processes (fork). Each
        worker runs the same number of units (calibrated in this process so that one worker runs
        about S seconds), so throughput = W * units / wall time, and under a GIL threads cannot
        beat one worker while processes can. Process start-up (fork until every child is ready) is
        timed apart from the work.
echo    an I/O-bound service: a TCP echo server on 127.0.0.1 (a free port) that waits LATENCY_S
        before answering each request, like a service waiting on its database; W clients send
        requests for S seconds. Once as threads (a threading server, client threads) and once as
        asyncio (one event loop). Waiting overlaps, so throughput grows with W.
fileio  W threads each write a 64 KB file, fsync it, read it back and remove it, for S seconds, in
        a temporary directory that is removed afterwards.

Every (kind, workers) point is run R times, the trials interleaved; each prints one frame (see bh.py):

  @BR2|n=K|workload=..|kind=threads|workers=W|trial=i|ops=N|wall_ns=N|start_ns=N|check=..|expect=..|outcome=ok|exc=|c=..|@

then one process line: @BR2|n=K|proc=1|impl=..|version=..|cores=N|units=N|latency_ms=..|c=..|@
Nothing leaves the loopback interface; every thread, child process, socket and file is gone when
this script exits. Exit code 0 whatever a workload did (a failure is a frame with outcome=error),
2 for bad arguments.
"""
import argparse
import asyncio
import multiprocessing
import os
import platform
import shutil
import socket
import socketserver
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import bh  # noqa: E402  (the frame writer shared with the benchmark harness)

# The echo server's wait per request: long enough that the workload is dominated by waiting
# (loopback round trips cost ~30 us), short enough that a second holds hundreds of requests.
LATENCY_S = 0.002
FILE_BYTES = 64 * 1024
# A child that is not ready within this long is a failure of the machine, not a measurement.
START_TIMEOUT_S = 30
UNIT_STEPS = 20000


def unit(n=UNIT_STEPS):
    """One unit of CPU-bound work: pure-Python integer arithmetic, no allocation worth noting."""
    x = 0
    for i in range(n):
        x = (x * 31 + i) % 1000003
    return x


def calibrate(seconds):
    """Units one worker runs in about `seconds`; run twice so a JIT has compiled unit() first."""
    for _ in range(2):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < min(0.2, seconds):
            unit()
            n += 1
        rate = n / (time.perf_counter() - t0)
    return max(1, int(rate * seconds))


def cpu_worker(units, ready, go, results):
    ready.put(1)
    go.wait()
    s = 0
    for _ in range(units):
        s += unit()
    results.put(s)


def cpu_point(kind, workers, units):
    """(ops, wall_ns, start_ns, check): W workers of `units` units each."""
    if kind == 'threads':
        import queue
        ready, results, go = queue.Queue(), queue.Queue(), threading.Event()
        make = lambda: threading.Thread(target=cpu_worker, args=(units, ready, go, results))
    else:
        ctx = multiprocessing.get_context('fork')
        ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
        make = lambda: ctx.Process(target=cpu_worker, args=(units, ready, go, results))
    t0 = time.perf_counter_ns()
    ws = [make() for _ in range(workers)]
    for w in ws:
        w.start()
    try:
        for _ in ws:
            ready.get(timeout=START_TIMEOUT_S)
        t1 = time.perf_counter_ns()
        go.set()
        check = sum(results.get(timeout=START_TIMEOUT_S + 600) for _ in ws)
        t2 = time.perf_counter_ns()
    finally:
        go.set()
        for w in ws:
            w.join(START_TIMEOUT_S)
            if kind == 'processes' and w.is_alive():
                w.kill()
                w.join()
    return workers * units, t2 - t1, t1 - t0, check


class _EchoHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            time.sleep(LATENCY_S)
            self.wfile.write(line)


class _EchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = True


def timed_threads(workers, seconds, work):
    """W threads run work(i, released): a worker prepares, calls released() (which waits for the
    start and returns the perf_counter deadline), works until then and returns its operation count.
    Returns (ops, wall_ns, start_ns, ops); the first worker's exception is raised."""
    counts = [0] * workers
    errors = []
    go = threading.Event()
    stop = [0.0]

    def released():
        go.wait()
        return stop[0]

    def run(i):
        try:
            counts[i] = work(i, released)
        except Exception as ex:
            errors.append(ex)

    ts = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    t0 = time.perf_counter_ns()
    for t in ts:
        t.start()
    t1 = time.perf_counter_ns()
    stop[0] = time.perf_counter() + seconds
    go.set()
    for t in ts:
        t.join(seconds + 60)
    t2 = time.perf_counter_ns()
    if errors:
        raise errors[0]
    return sum(counts), t2 - t1, t1 - t0, sum(counts)


def echo_threads(workers, seconds):
    server = _EchoServer(('127.0.0.1', 0), _EchoHandler)
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05})
    serving.start()

    def client(i, released):
        n = 0
        msg = b'ping %d\n' % i
        with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
            f = s.makefile('rwb')
            stop = released()
            while time.perf_counter() < stop:
                f.write(msg)
                f.flush()
                if f.readline() != msg:
                    raise IOError('echo returned something else')
                n += 1
            f.close()
        return n

    try:
        return timed_threads(workers, seconds, client)
    finally:
        server.shutdown()
        server.server_close()
        serving.join()


def echo_asyncio(workers, seconds):
    async def handle(reader, writer):
        while True:
            line = await reader.readline()
            if not line:
                break
            await asyncio.sleep(LATENCY_S)
            writer.write(line)
            await writer.drain()
        writer.close()

    async def client(i, port, stop, counts):
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        msg = b'ping %d\n' % i
        while time.perf_counter() < stop:
            writer.write(msg)
            await writer.drain()
            if await reader.readline() != msg:
                raise IOError('echo returned something else')
            counts[i] += 1
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, '127.0.0.1', 0)
        port = server.sockets[0].getsockname()[1]
        counts = [0] * workers
        t1 = time.perf_counter_ns()
        stop = time.perf_counter() + seconds
        try:
            await asyncio.gather(*(client(i, port, stop, counts) for i in range(workers)))
        finally:
            server.close()
            await server.wait_closed()
        return sum(counts), time.perf_counter_ns() - t1, 0, sum(counts)

    return asyncio.run(main())


def fileio_point(workers, seconds, root):
    data = bytes(range(256)) * (FILE_BYTES // 256)

    def worker(i, released):
        n = 0
        path = os.path.join(root, 'w%d' % i)
        stop = released()
        while time.perf_counter() < stop:
            with open(path, 'wb') as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            with open(path, 'rb') as f:
                if f.read() != data:
                    raise IOError('read back differs from what was written')
            os.remove(path)
            n += 1
        return n

    return timed_threads(workers, seconds, worker)


def points(workload, workers, seconds, units, tmp):
    """(kind, workers, callable returning (ops, wall_ns, start_ns, check), expected check or None)."""
    if workload == 'cpu':
        one = unit()
        for kind in ('threads', 'processes'):
            for w in workers:
                yield kind, w, (lambda k=kind, w=w: cpu_point(k, w, units)), one * units * w
    elif workload == 'echo':
        for kind, run in (('threads', echo_threads), ('asyncio', echo_asyncio)):
            for w in workers:
                yield kind, w, (lambda r=run, w=w: r(w, seconds)), None
    else:
        for w in workers:
            yield 'threads', w, (lambda w=w: fileio_point(w, seconds, tmp)), None


def main(argv=None):
    ap = argparse.ArgumentParser(description='Concurrency workloads on this interpreter (benchrig).')
    ap.add_argument('--workload', required=True, choices=('cpu', 'echo', 'fileio'))
    ap.add_argument('--nonce', required=True)
    ap.add_argument('--workers', default='')
    ap.add_argument('--seconds', type=float, default=0.3)
    ap.add_argument('--repeat', type=int, default=3)
    a = ap.parse_args(argv)
    cores = os.cpu_count() or 1
    try:
        workers = [int(w) for w in a.workers.split(',')] if a.workers else sorted({1, 2, cores})
    except ValueError:
        ap.error('--workers must be a comma-separated list of counts, not %r' % a.workers)
    if not workers or min(workers) < 1 or a.seconds <= 0 or a.repeat < 1:
        ap.error('--workers must be >= 1, --seconds > 0, --repeat >= 1')
    units = calibrate(a.seconds) if a.workload == 'cpu' else 0
    tmp = tempfile.mkdtemp(prefix='benchrig-fileio-')
    try:
        # trials interleaved: a load that comes and goes hits every kind and worker count alike
        pts = list(points(a.workload, workers, a.seconds, units, tmp))
        for trial in range(a.repeat):
            for kind, w, run, expect in pts:
                try:
                    ops, wall, start, check = run()
                    ok = expect is None or check == expect
                    fields = (ops, wall, start, check, '' if expect is None else expect, 'ok' if ok else 'wrong', '')
                except Exception as ex:
                    fields = (0, 0, 0, '', '', 'error', '%s: %s' % (type(ex).__name__, ex))
                bh.fr(a.nonce, 'workload=%s|kind=%s|workers=%d|trial=%d|ops=%d|wall_ns=%d|start_ns=%d|check=%s'
                               '|expect=%s|outcome=%s|exc=%s'
                      % ((a.workload, kind, w, trial) + fields[:3] + (bh.tx(fields[3], 60), fields[4], fields[5],
                                                                       bh.tx(fields[6], 120))))
                sys.stdout.flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bh.fr(a.nonce, 'proc=1|impl=%s|version=%s|cores=%d|units=%d|latency_ms=%g'
          % (platform.python_implementation().lower(), platform.python_version(), cores, units, LATENCY_S * 1000))
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
