"""Replaces the generated blocks of docs/performance.md, leaving the hand-written text alone.

A block is everything between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`.
"""
import os
import re


def update(path, blocks):
    with open(path) as f:
        text = f.read()
    missing = []
    for name, body in blocks.items():
        pattern = re.compile(r"(<!-- bench:%s -->\n).*?(<!-- /bench:%s -->)" % (re.escape(name), re.escape(name)), re.S)
        if not pattern.search(text):
            missing.append(name)
            continue
        text = pattern.sub(lambda m: m.group(1) + body.strip() + "\n" + m.group(2), text)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
    return missing
