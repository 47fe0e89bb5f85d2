"""Request handler (service): parse request text, route it, build a response body; one op per request."""
# An app workload (firmware-scripts/README.md): each request is timed by bh.op, so the frame carries
# per-request p50/p95/p99. No json on the board: the body is built by hand.
import bh

NAME = 'webreq'
CLASS = 'service'
SUITES = ('default', 'nightly')
TIERS = {'s': (24,), 'm': (2000,), 'l': (20000,)}
EXPECT = {'s': '24/1402', 'm': '2000/123886', 'l': '20000/1274296'}


class App:
    # handle() calls no Python function: a board allows ~6 nested frames (README) and bh.rep,
    # bench and bh.op are three of them
    def __init__(self):
        self.items = {}
        self.n = 0
        self.size = 0
        self.routes = (('/items/', 1), ('/sum', 2), ('/', 3))

    def handle(self, text):
        head = text.split('\r\n')
        m, target, _ = head[0].split(' ')
        hdr = {}
        for h in head[1:-2]:
            i = h.find(': ')
            hdr[h[:i].lower()] = h[i + 2:]
        i = (target + '?').find('?')   # 1.9.2's str has no partition
        path = target[:i]
        q = {}
        for kv in target[i + 1:].split('&'):
            i = (kv + '=').find('=')
            q[kv[:i]] = kv[i + 1:]
        for pre, r in self.routes:
            if path.startswith(pre):
                break
        rest = path[len(pre):]
        code = 200
        if r == 1 and not rest.isdigit():
            code, body = 404, '"no item %s"' % rest
        elif r == 1:
            if m == 'PUT':
                self.items[rest] = int(q['v'])
            body = '{"id":%s,"v":%d}' % (rest, self.items.get(rest, -1))
        elif r == 2:
            body = '{"sum":%d}' % sum(self.items.values())
        else:
            body = '{"items":%d}' % len(self.items)
        resp = 'HTTP/1.0 %d\r\nContent-Length: %d\r\nX-Req: %s\r\n\r\n%s' % (code, len(body), hdr['x-req'], body)
        self.n += 1
        self.size += len(resp)


def bench(n):
    app = App()
    reqs = []
    for i in range(n):
        m = 'PUT' if i % 3 == 0 else 'GET'
        p = ('/items/%d?v=%d' % (i % 7, i), '/items/x%d' % i, '/sum', '/')[i % 4]
        reqs.append('%s %s HTTP/1.0\r\nHost: rig\r\nX-Req: %d\r\n\r\n' % (m, p, i))
    bh.op(app.handle, reqs)
    return '%d/%d' % (app.n, app.size)
