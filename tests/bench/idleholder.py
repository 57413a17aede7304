"""Holds N idle keep-alive connections to a server (each has made one GET and read its answer),
then measures a fresh request (a new connection, GET, answer) while they are held.
Usage: idleholder.py URL N   (prints "held N" once they are all open, then waits for a line on
stdin to close them, printing the fresh-request median first)."""
import http.client
import socket
import statistics
import sys
import time
from urllib.parse import urlsplit

url = urlsplit(sys.argv[1])
count = int(sys.argv[2])
request = f'GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nConnection: keep-alive\r\n\r\n'.encode()


def fresh_ms(samples=50):
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        conn.request('GET', url.path)
        conn.getresponse().read()
        conn.close()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


print(f'fresh request alone: {fresh_ms():.2f} ms median', flush=True)
held = []
for i in range(count):
    s = socket.create_connection((url.hostname, url.port), timeout=10)
    s.sendall(request)
    got = b''
    while b'\r\n\r\n' not in got:
        got += s.recv(4096)
    held.append(s)
print(f'held {len(held)}', flush=True)
print(f'fresh request with them held: {fresh_ms():.2f} ms median', flush=True)
sys.stdin.readline()
for s in held:
    s.close()
print('closed', flush=True)
