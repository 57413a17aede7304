#!/usr/bin/env python3
"""Compares two wire-capture.js outputs case by case; prints differences, exits 1 on any."""
import json
import sys

a = {r["name"]: r for r in json.load(open(sys.argv[1]))["results"]}
b = {r["name"]: r for r in json.load(open(sys.argv[2]))["results"]}
bad = 0
for name, ra in a.items():
    rb = b.get(name)
    if rb is None or ra["response"] != rb["response"] or ra["closed"] != rb["closed"]:
        bad += 1
        print(f"--- {name}")
        print(f"  {sys.argv[1]}: closed={ra['closed']} {ra['response'][:600]!r}")
        print(f"  {sys.argv[2]}: closed={rb and rb['closed']} {rb and rb['response'][:600]!r}")
print(f"{len(a) - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
