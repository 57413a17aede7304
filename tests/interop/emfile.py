"""`wirebench serve` out of file descriptors: started with `ulimit -n 48`, it is sent 80
connections that stay open. It must not spin (libuv's answer, which Node has: accept and close
what it cannot hold), must say so on stderr, and must serve again once they close.
Prints one line per check; exit status 1 if any failed. Usage: emfile.py WIREBENCH MOCKFILE"""
import os
import re
import socket
import subprocess
import sys
import time

wirebench, mock = sys.argv[1], sys.argv[2]
server = subprocess.Popen(
    ['bash', '-c', f'ulimit -n 48 && exec "{wirebench}" serve "{mock}" --port 0'],
    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
port = int(re.search(r':(\d+)\s*$', server.stdout.readline()).group(1))


def cpu_seconds():
    fields = open(f'/proc/{server.pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


failed = False


def check(name, ok, detail=''):
    global failed
    failed |= not ok
    print(('ok   ' if ok else 'FAIL ') + name + (f' ({detail})' if detail else ''))


held = [socket.create_connection(('127.0.0.1', port), timeout=5) for _ in range(80)]
time.sleep(0.5)
before = cpu_seconds()
time.sleep(2)
spent = cpu_seconds() - before
check('no spinning while out of descriptors', spent < 0.3, f'{spent:.2f} s CPU in 2 s')
for s in held:
    s.close()
time.sleep(0.5)
status = subprocess.run(['curl', '-s', '-m', '5', '-o', '/dev/null', '-w', '%{http_code}',
                         f'http://127.0.0.1:{port}/users/1'], capture_output=True, text=True)
check('serves again once descriptors are free', status.stdout == '200', status.stdout)
server.terminate()
_, err = server.communicate(timeout=10)
check('says it is out of descriptors, with the limit',
      re.search(r'out of file descriptors \(EMFILE\): \d+ new connection\(s\) closed on arrival '
                r'so far; the limit is 48', err) is not None, err.strip())
sys.exit(1 if failed else 0)
