#!/usr/bin/env python3
"""Feeds a terminal byte stream to pyte (an independent VT100/xterm emulator) and prints what its
screen shows at each checkpoint, for TerminalTests' diff-renderer test.

stdin: JSON {"width": W, "height": H, "steps": [{"resize": [W, H]} | {"bytes": base64, "check": true}]}
stdout: JSON list, one per checked step: rows of [text, fg, bg, bold] per cell ("" for the right
half of a wide character; colours as pyte names them: "default" or a 6-digit hex)."""
import base64, json, sys

import pyte

job = json.load(sys.stdin)
screen = pyte.Screen(job["width"], job["height"])
stream = pyte.ByteStream(screen)
shown = []
for step in job["steps"]:
    if "resize" in step:
        width, height = step["resize"]
        screen.resize(height, width)
        continue
    stream.feed(base64.b64decode(step["bytes"]))
    if step.get("check"):
        rows = []
        for y in range(screen.lines):
            line = screen.buffer[y]
            rows.append([[line[x].data, line[x].fg, line[x].bg, bool(line[x].bold)] for x in range(screen.columns)])
        shown.append(rows)
json.dump(shown, sys.stdout)
