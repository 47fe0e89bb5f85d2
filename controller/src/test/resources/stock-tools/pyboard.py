# A stand-in for MicroPython's pyboard.py in tests (the real one is not packaged by Debian): the same
# command line (--device PORT script.py), raw REPL over pyserial, the script's stdout printed; exit 1
# and the traceback on stdout when the board raised. It paces its chunks as pyboard.py does, and like it
# can still lose bytes when the host is loaded.
import sys
import time

import serial


def read_until(port, suffix, timeout=10.0):
    data = b""
    end = time.time() + timeout
    while not data.endswith(suffix):
        if time.time() > end:
            sys.stdout.write("timeout waiting for %r, got %r\n" % (suffix, data))
            sys.exit(2)
        data += port.read(1)
    return data


def main():
    device = sys.argv[sys.argv.index("--device") + 1]
    script = open(sys.argv[-1], "rb").read()
    port = serial.Serial(device, 115200, timeout=0.1)
    port.write(b"\r\x03\x03\x01")
    read_until(port, b"raw REPL; CTRL-B to exit\r\n>")
    for i in range(0, len(script), 32):
        port.write(script[i:i + 32])
        time.sleep(0.005)
    port.write(b"\x04")
    read_until(port, b"OK")
    out = read_until(port, b"\x04")[:-1]
    err = read_until(port, b"\x04")[:-1]
    read_until(port, b">")
    sys.stdout.write(out.decode())
    if err:
        sys.stdout.write(err.decode())
        sys.exit(1)


main()
