#!/usr/bin/env python3
"""A scripted HTTP peer for tests: answers every request head with fixed bytes, then keeps the
connection open (or closes it with --close, resets it with --reset). Prints
"listening on http://HOST:PORT" like `wirebench serve`. Python escapes in REPLY (\\r\\n) are
decoded. Usage: raw-server.py [--host 127.0.0.1|::1] [--port N] [--close|--reset] REPLY"""
import argparse
import socket
import struct
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--close", action="store_true")
parser.add_argument("--reset", action="store_true")
parser.add_argument("reply")
args = parser.parse_args()
reply = args.reply.encode("latin1").decode("unicode_escape").encode("latin1")

family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
listener = socket.socket(family)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((args.host, args.port))
listener.listen(64)
port = listener.getsockname()[1]
shown = f"[{args.host}]" if family == socket.AF_INET6 else args.host
print(f"listening on http://{shown}:{port}", flush=True)


def serve(conn):
    data = b""
    try:
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
            while b"\r\n\r\n" in data:
                data = data[data.index(b"\r\n\r\n") + 4:]
                conn.sendall(reply)
                if args.reset:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                if args.close or args.reset:
                    conn.close()
                    return
    except OSError:
        pass
    conn.close()


while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
