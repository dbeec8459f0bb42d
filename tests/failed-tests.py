#!/usr/bin/env python3
"""Names every failed test of a test.sh run, with the first lines of its message, so a CI log that keeps only its
tail still says which test failed and why. Reads the .trx files and the suite logs of the results folder."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def first_lines(text, n=4, width=240):
    lines = [l.rstrip() for l in (text or "").strip().splitlines() if l.strip()][:n]
    return [l[:width] for l in lines]


for trx in sorted(glob.glob(os.path.join(results, "*.trx"))):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as e:
        print(f"{os.path.basename(trx)}: unreadable ({e})")
        continue
    for result in root.iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        print(f"FAILED {os.path.splitext(os.path.basename(trx))[0]}: {result.get('testName')}")
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        for line in first_lines(message.text if message is not None else ""):
            print(f"    {line}")

for log in sorted(glob.glob(os.path.join(results, "*.log"))):
    name = os.path.splitext(os.path.basename(log))[0]
    with open(log, errors="replace") as f:
        for line in f:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line.rstrip())
            # installer scripts print "FAIL: <check>"; Playwright's list reporter "✘ N specs/…"; vitest "FAIL …" / "×".
            if line.startswith("FAIL: ") or re.match(r"^\s+✘\s", line) or re.match(r"^\s*(FAIL|×)\s", line):
                print(f"FAILED {name}: {line.strip()[:240]}")
