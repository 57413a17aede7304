#!/usr/bin/env python3
"""Writes each fuzz target's seed corpus from the suite's own cases: the wire cases' requests,
the client cases' answers, the mock files and the curl commands of tst_curlcommand.
usage: make-seeds.py OUTDIR"""
import hashlib
import json
import pathlib
import re
import sys

tests = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])


def seed(target, data, flags=(0,), splits=(0, 1, 7)):
    """One file per flags byte and split seed (see fuzzinput.h), named by content."""
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    blobs = [bytes([f, s]) + data for f in flags for s in splits] if splits else [data]
    for blob in blobs:
        (folder / hashlib.sha1(blob).hexdigest()).write_bytes(blob)


def latin1(text):
    return text.encode("latin-1", "replace")


requests = [latin1("".join(s for s in c["send"] if isinstance(s, str))) for c in json.loads((tests / "wire/cases.json").read_text())["cases"]]
answers = [latin1("".join(step.get("write", "") for step in c["reply"]))
           for c in json.loads((tests / "client/cases.json").read_text())["cases"]]
answers = [a for a in answers if a]

for r in requests:
    seed("fuzz_httpparser", r, flags=(0, 2))       # strict, lenient
    seed("fuzz_serverconnection", r, flags=(0, 4))  # answered at the end, at once
for a in answers:
    seed("fuzz_httpparser", a, flags=(1, 5))       # responses; as to a HEAD
    seed("fuzz_clientresponse", a, flags=(0, 1))    # GET, HEAD

for mock in sorted(tests.parent.glob("**/*.mock.json")):
    if "build" not in mock.parts[0]:
        seed("fuzz_mockfile", mock.read_bytes(), splits=())

literal = re.compile(r'QStringLiteral\("(curl [^"\\]*(?:\\.[^"\\]*)*)"\)')
for match in literal.finditer((tests / "core/tst_curlcommand.cpp").read_text()):
    text = match.group(1).encode().decode("unicode_escape").encode("utf-8", "replace")
    seed("fuzz_curlcommand", text, splits=())

for target in sorted(p.name for p in out.iterdir()):
    print(f"{target}: {len(list((out / target).iterdir()))} seeds")
