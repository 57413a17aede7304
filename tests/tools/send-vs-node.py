#!/usr/bin/env python3
"""Replays tests/client/cases.json with `wirebench send --json` against scripted raw servers and
compares status, headers, body, trailers and event order with Node 20's client
(tests/client/node20-events.json). Usage: send-vs-node.py WIREBENCH CASES.json NODE_EVENTS.json"""
import json
import socket
import subprocess
import sys
import threading
import time

wirebench, cases_file, node_file = sys.argv[1:4]
cases = json.load(open(cases_file))["cases"]
node = {r["name"]: r for r in json.load(open(node_file))["results"]}


def serve(listener, steps):
    try:
        conn, _ = listener.accept()
    except OSError:
        return
    with conn:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        for step in steps:
            if "write" in step:
                conn.sendall(step["write"].encode("latin1"))
            elif "pauseMs" in step:
                time.sleep(step["pauseMs"] / 1000)
            elif step.get("close"):
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                return
        time.sleep(1)  # keep the connection open, as a keep-alive server would


passed = failed = 0
for case in cases:
    options = case.get("options", {})
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = 1 if options.get("refused") else listener.getsockname()[1]
    threading.Thread(target=serve, args=(listener, case["reply"]), daemon=True).start()
    cmd = [wirebench, "send", "--json", "-X", options.get("method", "GET")]
    if "body" in options:
        cmd += ["-d", options["body"]]
    if "timeout" in options:
        cmd += ["--timeout", str(options["timeout"])]
    if options.get("agent") is False:
        cmd += ["--no-keepalive"]
    cmd.append(f"http://127.0.0.1:{port}/p?q=1")
    out = subprocess.run(cmd, capture_output=True, timeout=30)
    listener.close()
    got = json.loads(out.stdout.decode("utf-8").splitlines()[0])
    want = node[case["name"]]
    problems = []
    want_events = [e.split(":")[0] if e.startswith(("error", "response.error")) else e for e in want["events"]]
    want_events = [e.split(":")[0] if e.startswith("information") else e for e in want_events]
    if got["events"] != want_events:
        problems.append(f"events: node {want_events} wirebench {got['events']}")
    for key in ("statusCode", "statusMessage", "httpVersion", "rawHeaders", "headers", "rawTrailers", "trailers", "body", "complete"):
        if key in want and got.get(key) != want[key]:
            problems.append(f"{key}: node {want[key]!r} wirebench {got.get(key)!r}")
    if "error" in want and got.get("error", {}).get("code") != want["error"] and not (want["error"] == "ECONNRESET" and case["name"].startswith("timeout")):
        problems.append(f"error: node {want['error']} wirebench {got.get('error')}")
    if problems:
        failed += 1
        print(f"FAIL - {case['name']}")
        for p in problems:
            print(f"       {p}")
    else:
        passed += 1
        print(f"ok   - {case['name']}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
