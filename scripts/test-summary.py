#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sum up meson test logs: count every TAP subtest (Criterion test) as one
test, and a test without TAP output by its own result.  Prints the closing
line CI reads: 'N passed, N failed[, N skipped]'.  Exit 1 if any failed."""
import json
import sys

passed = failed = skipped = 0
paths = []
args = sys.argv[1:]
while args:
    a = args.pop(0)
    if a == "--extra":
        # --extra NAME=pass|fail|skip: a check run outside meson
        name, _, result = args.pop(0).partition("=")
        if result == "pass":
            passed += 1
        elif result == "skip":
            skipped += 1
        else:
            failed += 1
            print(f"test-summary: {name} failed", file=sys.stderr)
    else:
        paths.append(a)
for path in paths:
    try:
        with open(path) as f:
            lines = [json.loads(l) for l in f if l.strip()]
    except OSError as e:
        print(f"test-summary: cannot read {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for t in lines:
        tap = [l for l in (t.get("stdout") or "").splitlines()
               if l.startswith("ok ") or l.startswith("not ok ")]
        if tap:
            for l in tap:
                if "# SKIP" in l:
                    skipped += 1
                elif l.startswith("ok "):
                    passed += 1
                else:
                    failed += 1
            if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and \
                    not any(l.startswith("not ok ") for l in tap):
                failed += 1  # crashed or died after its last subtest
        elif t.get("result") in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif t.get("result") == "SKIP":
            skipped += 1
        else:
            failed += 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
