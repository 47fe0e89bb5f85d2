#!/usr/bin/env python3
"""A fault-injecting serial proxy: an emulator's pty on one side, a new pty for the controller on
the other (reached through a stable symlink, like /dev/serial/by-id/...). Bytes pass through,
except that at set rates, in both directions, they are dropped, duplicated, bit-flipped or
followed by a garbage burst; on command the line stalls (bytes are held, then delivered) or is
unplugged (the controller's pty is closed and the symlink removed; bytes from the board are
lost; after the given time a new pty appears at the same symlink, as a re-plugged USB board).

Runs on the controller host, standard library only (pty, select, termios).

    faultproxy.py --upstream EMULATOR_PTY --link LINK_PATH [--drop 0.001] [--dup R] [--flip R]
                  [--garbage R] [--direction both|to-board|to-host] [--seed N]

Commands on standard input, one per line; each is answered with one line on standard output:
    rates drop=R dup=R flip=R garbage=R   set rates (per byte; garbage: bursts per byte)
    stall SECONDS                         hold every byte for SECONDS, then deliver
    unplug SECONDS                        close the controller's pty; a new one after SECONDS
    damage TEXT                           drop the last byte of TEXT in the next bytes to the board holding it
    stats                                 counts so far, as one JSON line
    quit                                  end (also at end of input)
The first line printed is "ready PATH" once the symlink exists.
"""
import argparse
import json
import os
import pty
import random
import select
import sys
import termios
import time
import tty

GARBAGE_MIN, GARBAGE_MAX = 4, 24


class Faults:
    """Per-byte fault rates and the counts of what was done, for one direction."""

    def __init__(self, rng):
        self.rng = rng
        self.rates = {'drop': 0.0, 'dup': 0.0, 'flip': 0.0, 'garbage': 0.0}
        self.counts = {'bytes': 0, 'dropped': 0, 'duplicated': 0, 'flipped': 0, 'garbage_bursts': 0,
                       'garbage_bytes': 0, 'lost_unplugged': 0}

    def apply(self, data):
        out = bytearray()
        r = self.rates
        rnd = self.rng.random
        for b in data:
            self.counts['bytes'] += 1
            if r['drop'] and rnd() < r['drop']:
                self.counts['dropped'] += 1
                continue
            if r['flip'] and rnd() < r['flip']:
                b ^= 1 << self.rng.randrange(8)
                self.counts['flipped'] += 1
            out.append(b)
            if r['dup'] and rnd() < r['dup']:
                out.append(b)
                self.counts['duplicated'] += 1
            if r['garbage'] and rnd() < r['garbage']:
                n = self.rng.randint(GARBAGE_MIN, GARBAGE_MAX)
                out += bytes(self.rng.randrange(256) for _ in range(n))
                self.counts['garbage_bursts'] += 1
                self.counts['garbage_bytes'] += n
        return bytes(out)


def raw(fd):
    tty.setraw(fd, termios.TCSANOW)


class Proxy:
    def __init__(self, upstream, link, direction, seed):
        self.link = link
        self.rng = random.Random(seed)
        self.to_board = Faults(self.rng)
        self.to_host = Faults(self.rng)
        self.direction = direction
        self.up = os.open(upstream, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        raw(self.up)
        self.master = self.slave = None
        self.stall_until = 0.0
        self.plug_at = 0.0
        self.held = {'to_board': bytearray(), 'to_host': bytearray()}
        self.stalls = 0
        self.unplugs = 0
        self.damage = None
        self.damaged = 0
        self.plug()

    def plug(self):
        self.master, self.slave = pty.openpty()
        raw(self.slave)  # no echo, no line editing: a serial line
        os.set_blocking(self.master, False)
        tmp = self.link + '.new'
        if os.path.lexists(tmp):
            os.remove(tmp)
        os.symlink(os.ttyname(self.slave), tmp)
        os.replace(tmp, self.link)  # atomic: the controller never sees a half-made link

    def unplug(self, seconds):
        self.unplugs += 1
        if os.path.lexists(self.link):
            os.remove(self.link)
        for fd in (self.master, self.slave):
            if fd is not None:
                os.close(fd)
        self.master = self.slave = None
        self.plug_at = time.monotonic() + seconds

    def faults(self, name):
        return self.to_board if name == 'to_board' else self.to_host

    def applies(self, name):
        return self.direction == 'both' or self.direction.replace('-', '_') == name

    def forward(self, name, data):
        if name == 'to_board' and self.damage and self.damage in data:
            cut = data.index(self.damage) + len(self.damage) - 1
            data = data[:cut] + data[cut + 1:]
            self.damage = None
            self.damaged += 1
        f = self.faults(name)
        if self.applies(name):
            data = f.apply(data)
        else:
            f.counts['bytes'] += len(data)
        if time.monotonic() < self.stall_until:
            self.held[name] += data
            return
        self.write(name, data)

    def write(self, name, data):
        fd = self.up if name == 'to_board' else self.master
        if fd is None:
            self.faults(name).counts['lost_unplugged'] += len(data)
            return
        while data:
            try:
                n = os.write(fd, data)
            except BlockingIOError:
                select.select([], [fd], [], 0.05)
                continue
            except OSError:
                return  # the controller's side is not open: bytes are lost as on a real line
            data = data[n:]

    def stats(self):
        return {'to_board': self.to_board.counts, 'to_host': self.to_host.counts, 'stalls': self.stalls,
                'unplugs': self.unplugs, 'damaged_on_command': self.damaged, 'plugged': self.master is not None,
                'rates': self.to_board.rates}

    def command(self, line):
        words = line.split()
        if not words:
            return None
        op = words[0]
        if op == 'rates':
            for w in words[1:]:
                k, v = w.split('=')
                if k not in self.to_board.rates:
                    return 'error unknown rate ' + k
                self.to_board.rates[k] = self.to_host.rates[k] = float(v)
            return 'ok'
        if op == 'stall':
            self.stalls += 1
            self.stall_until = time.monotonic() + float(words[1])
            return 'ok'
        if op == 'unplug':
            self.unplug(float(words[1]))
            return 'ok'
        if op == 'damage':
            self.damage = line.split(None, 1)[1].encode()
            return 'ok'
        if op == 'stats':
            return json.dumps(self.stats())
        if op == 'quit':
            raise SystemExit(0)
        return 'error unknown command ' + op

    def loop(self):
        stdin = sys.stdin.fileno()
        pending = b''
        stdin_open = True
        while True:
            now = time.monotonic()
            if self.master is None and now >= self.plug_at:
                self.plug()
            if self.stall_until and now >= self.stall_until:
                self.stall_until = 0.0
                for name in ('to_board', 'to_host'):
                    data, self.held[name] = bytes(self.held[name]), bytearray()
                    self.write(name, data)
            fds = [self.up] + ([self.master] if self.master is not None else []) + ([stdin] if stdin_open else [])
            ready, _, _ = select.select(fds, [], [], 0.05)
            if self.up in ready:
                try:
                    data = os.read(self.up, 4096)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    return 0  # the emulator is gone
                if data:
                    self.forward('to_host', data)
            if self.master is not None and self.master in ready:
                try:
                    data = os.read(self.master, 4096)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    data = None  # no controller has the pty open right now
                if data:
                    self.forward('to_board', data)
            if stdin_open and stdin in ready:
                chunk = os.read(stdin, 4096)
                if not chunk:
                    stdin_open = False
                    return 0
                pending += chunk
                while b'\n' in pending:
                    line, pending = pending.split(b'\n', 1)
                    answer = self.command(line.decode())
                    if answer is not None:
                        print(answer, flush=True)

    def close(self):
        if os.path.lexists(self.link):
            os.remove(self.link)


def main():
    ap = argparse.ArgumentParser(description='fault-injecting pty proxy for a serial board')
    ap.add_argument('--upstream', required=True, help="the emulator's pty")
    ap.add_argument('--link', required=True, help='symlink to create for the controller')
    ap.add_argument('--direction', choices=['both', 'to-board', 'to-host'], default='both')
    ap.add_argument('--seed', type=int, default=None)
    for k in ('drop', 'dup', 'flip', 'garbage'):
        ap.add_argument('--' + k, type=float, default=0.0)
    a = ap.parse_args()
    p = Proxy(a.upstream, a.link, a.direction, a.seed)
    for k in ('drop', 'dup', 'flip', 'garbage'):
        p.to_board.rates[k] = p.to_host.rates[k] = getattr(a, k)
    print('ready ' + a.link, flush=True)
    try:
        return p.loop()
    except (SystemExit, KeyboardInterrupt):
        return 0
    finally:
        p.close()


if __name__ == '__main__':
    sys.exit(main())
