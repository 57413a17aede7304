"""`wirebench send` against servers that never stop talking, on 127.0.0.1: memory stays bounded
and every request ends as Node's would.
- endless `102 Processing`: nothing is idle, so (as in Node) no timeout fires; the process must
  stay under 100 MB while it runs (it is stopped after 3 s);
- endless header lines: Node's HPE_HEADER_OVERFLOW at maxHeaderSize, within 2 s;
- a 100 MB body, printed whole by `send` and `send --json`, under 200 MB.
Prints one line per check; exit status 1 if any failed. Usage: endless.py WIREBENCH"""
import json
import os
import socket
import subprocess
import sys
import threading
import time

wirebench = sys.argv[1]
failed = False


def check(name, ok, detail=''):
    global failed
    failed |= not ok
    print(('ok   ' if ok else 'FAIL ') + name + (f' ({detail})' if detail else ''))


# Under ASan (the `debug` preset) freed memory waits in a quarantine and every block has red
# zones: the figures are printed, but they are no limit there.
sanitized = b'libasan' in subprocess.run(['ldd', wirebench], capture_output=True).stdout


def bounded(name, ok, detail):
    check(name, ok or sanitized, detail + (', not a limit under ASan' if sanitized else ''))


def server(first, again):
    """A server on 127.0.0.1 that sends `first`, then `again` until the client goes (or closes
    after `first` when `again` is empty)."""
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(4)

    def talk(conn):
        try:
            conn.recv(65536)
            conn.sendall(first)
            while again:
                conn.sendall(again)
        except OSError:
            pass
        finally:
            conn.close()

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def rss_mb(pid):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    return 0


port = server(b'', b'HTTP/1.1 102 Processing\r\n\r\n' * 500)
send = subprocess.Popen([wirebench, 'send', '--timeout', '1000', f'http://127.0.0.1:{port}/'],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
peak = 0
for _ in range(30):
    time.sleep(0.1)
    if send.poll() is not None:
        break
    peak = max(peak, rss_mb(send.pid))
running = send.poll() is None
send.kill()
send.wait()
check('endless 102: no timeout while they keep coming (Node: timeout is idle time)', running)
bounded('endless 102: memory stays bounded', 0 < peak < 100, f'peak {peak:.0f} MB')

port = server(b'HTTP/1.1 200 OK\r\n', b'X-Again: and again\r\n' * 200)
start = time.time()
done = subprocess.run([wirebench, 'send', f'http://127.0.0.1:{port}/'], capture_output=True,
                      text=True, timeout=20)
took = time.time() - start
check('endless headers: HPE_HEADER_OVERFLOW, exit 8',
      done.returncode == 8 and 'HPE_HEADER_OVERFLOW' in done.stderr,
      f'exit {done.returncode}: {done.stderr.strip()[:120]}')
check('endless headers: ends at once', took < 2, f'{took:.2f} s')
# A 100 MB body: `send` and `send --json` hold it once, not in copies (under 2x its size).
size = 100 * 1024 * 1024
port = server(b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % size + b'x' * size, b'')
for args in (['send'], ['send', '--json']):
    run = subprocess.Popen([wirebench, *args, f'http://127.0.0.1:{port}/'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak, out = 0, bytearray()
    os.set_blocking(run.stdout.fileno(), False)
    while run.poll() is None:
        peak = max(peak, rss_mb(run.pid))
        out += run.stdout.read() or b''
        time.sleep(0.02)
    out += run.stdout.read() or b''
    if args[-1] == '--json':
        got = len(json.loads(out)['body'])
    else:
        got = len(out) - out.index(b'\r\n\r\n') - 4
    check(f'{" ".join(args)}: a 100 MB body whole', got == size, f'{got} bytes')
    bounded(f'{" ".join(args)}: under 200 MB', peak < 200, f'peak {peak:.0f} MB')
sys.exit(1 if failed else 0)
