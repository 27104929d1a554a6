#!/usr/bin/env python3
"""The code's shape, checked: no file in src/ over 600 lines and no function over 80
(tests, and anything marked `// shape: table`, aside), no import circles between the
files of src/, imports between the top-level modules only downward through the layers
ARCHITECTURE.md draws (LAYERS below, bottom first), and egui only in src/ui/.
ARCHITECTURE.md says why; `python3 .ci/shape.py` says where.

Imports are read as text: every `use crate::...`, `use super::...` and inline
`crate::a::b` path, resolved to the file that defines the named item (re-exports in a
`mod.rs` or `lib.rs` are followed, not counted). Exit code 1 when anything is over.
"""

import os
import re
import sys
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SRC = os.path.join(ROOT, "src")
MAX_FILE = 600
MAX_FN = 80

# The layers of ARCHITECTURE.md, bottom first: a module may import modules of lower layers
# only (never its own layer or a higher one).
LAYERS = [
    ["model", "text", "parallel", "memory", "i18n"],
    ["durable", "words"],
    ["audit", "search"],
    ["store"],
    ["media", "stats", "settings"],
    ["integrity", "share", "lists", "generate", "sample", "sync"],
    ["cli", "ui"],
]
LAYER_OF = {m: i for i, layer in enumerate(LAYERS) for m in layer}


def rust_files():
    for dirpath, _, names in os.walk(SRC):
        for n in sorted(names):
            if n.endswith(".rs"):
                yield os.path.relpath(os.path.join(dirpath, n), ROOT)


def module_of(path):
    """src/store/catalogue/mod.rs -> ('store', 'catalogue'); src/lib.rs -> ()."""
    parts = path[len("src/"):-len(".rs")].split("/")
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def strip_comments_and_strings(text):
    """Comments removed (a `// shape: table` mark kept), string and char literals emptied;
    newlines kept, so line numbers stay."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            if "shape: table" in text[i:j]:
                out.append("// shape: table")
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            close = '"' + hashes
            j = text.find(close, i + 2 + len(hashes))
            j = n if j < 0 else j + len(close)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            m = re.match(r"'(?:\\.|\\u\{[0-9a-fA-F]+\}|[^'\\\n])'", text[i:])
            if m:
                out.append("' '")
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def test_spans(lines):
    """Line ranges (0-based, inclusive) of `#[cfg(test)]` items."""
    spans = []
    i = 0
    while i < len(lines):
        if lines[i].strip().startswith("#[cfg(test)]"):
            j = i + 1
            while j < len(lines) and "{" not in lines[j] and not lines[j].rstrip().endswith(";"):
                j += 1
            if j < len(lines) and "{" in lines[j]:
                end = block_end(lines, j)
                spans.append((i, end))
                i = end + 1
                continue
        i += 1
    return spans


def block_end(lines, start):
    depth = 0
    seen = False
    for k in range(start, len(lines)):
        for ch in lines[k]:
            if ch == "{":
                depth += 1
                seen = True
            elif ch == "}":
                depth -= 1
                if seen and depth == 0:
                    return k
    return len(lines) - 1


FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?(extern\s+\"C\"\s+)?fn\s+(\w+)")


def check_sizes(files, texts):
    problems = []
    for path in files:
        lines = texts[path].split("\n")
        spans = test_spans(lines)
        in_test = lambda n: any(a <= n <= b for a, b in spans)
        counted = sum(1 for n in range(len(lines)) if not in_test(n))
        if counted > MAX_FILE:
            problems.append(f"{path}: {counted} lines (tests aside), more than {MAX_FILE}")
        for n, line in enumerate(lines):
            m = FN.match(line)
            if not m or in_test(n):
                continue
            if n > 0 and "shape: table" in lines[n - 1]:
                continue
            j = n
            while j < len(lines) and "{" not in lines[j] and not lines[j].rstrip().endswith(";"):
                j += 1
            if j >= len(lines) or "{" not in lines[j]:
                continue
            end = block_end(lines, j)
            length = end - n + 1
            if length > MAX_FN:
                problems.append(f"{path}:{n + 1}: fn {m.group(7)} is {length} lines, more than {MAX_FN}")
    return problems


DEF = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(struct|enum|fn|const|static|type|trait|union|mod)\s+(\w+)|^\s*macro_rules!\s*(\w+)")


def definitions(files, texts):
    """module path -> {name: file}."""
    defs = defaultdict(dict)
    for path in files:
        mod = module_of(path)
        for line in texts[path].split("\n"):
            m = DEF.match(line)
            if m:
                name = m.group(4) or m.group(5)
                kind = m.group(3)
                if kind != "mod":
                    defs[mod][name] = path
    return defs


USE = re.compile(r"\buse\s+((?:crate|super|self)(?:::\w+)*(?:::\{[^;]*\})?)\s*;", re.S)
INLINE = re.compile(r"\b(crate(?:::\w+)+|super(?:::\w+)+)")


def expand(use):
    """crate::a::{b, c::{d, e}} -> [crate::a::b, crate::a::c::d, crate::a::c::e]."""
    m = re.match(r"^(.*?)::\{(.*)\}$", use, re.S)
    if not m:
        return [use]
    head, body = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    out = []
    for p in parts:
        p = re.sub(r"\s+as\s+\w+$", "", p)
        if p == "self":
            out.append(head)
        else:
            out.extend(expand(f"{head}::{p}"))
    return out


def resolve(path_text, here, modules, defs, reexports, depth=0):
    """The file defining the item a path names, following re-exports."""
    segs = path_text.split("::")
    if segs[0] == "crate":
        base, segs = (), segs[1:]
    elif segs[0] in ("super", "self"):
        base = here
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
    else:
        return None
    mod = base
    rest = list(segs)
    while rest and mod + (rest[0],) in modules:
        mod = mod + (rest.pop(0),)
    if not rest:
        return modules.get(mod)
    name = rest[0]
    if name in defs.get(mod, {}):
        return defs[mod][name]
    if depth < 6 and (mod, name) in reexports:
        target, target_here = reexports[(mod, name)]
        return resolve(target, target_here, modules, defs, reexports, depth + 1)
    return modules.get(mod)


def check_circles(files, texts):
    modules = {module_of(p): p for p in files}
    defs = definitions(files, texts)
    reexports = {}
    for path in files:
        mod = module_of(path)
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", texts[path]):
            for full in expand(re.sub(r"\s+", "", m.group(1))):
                if not full.startswith(("crate", "super", "self")):
                    full = "self::" + full
                reexports[(mod, full.split("::")[-1])] = (full, mod)
    edges = defaultdict(set)
    for path in files:
        here = module_of(path)
        text = texts[path]
        lines = text.split("\n")
        spans = test_spans(lines)
        kept = "\n".join(l for n, l in enumerate(lines) if not any(a <= n <= b for a, b in spans))
        found = []
        for m in USE.finditer(kept):
            if re.search(r"\bpub(\([^)]*\))?\s+use\s*$", kept[max(0, m.start() - 16):m.start() + 4]):
                continue
            found.extend(expand(re.sub(r"\s+", "", m.group(1))))
        for m in INLINE.finditer(re.sub(r"\buse\s+[^;]+;", "", kept)):
            found.append(m.group(1))
        for f in found:
            target = resolve(f, here, modules, defs, reexports)
            if target and target != path:
                edges[path].add(target)
    return strongly_connected(edges)


def strongly_connected(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [
        "import circle: " + " <-> ".join(c)
        + "\n    " + "\n    ".join(f"{a} uses {b}" for a in c for b in sorted(edges[a]) if b in c)
        for c in out
    ]


def check_layers(files, texts):
    """Each `crate::m` path in a file of top-level module t must name a lower layer."""
    problems = []
    for path in files:
        mod = module_of(path)
        if not mod:
            continue
        top = mod[0]
        if top not in LAYER_OF:
            problems.append(f"{path}: module '{top}' is in no layer of ARCHITECTURE.md")
            continue
        lines = texts[path].split("\n")
        spans = test_spans(lines)
        for n, line in enumerate(lines):
            if any(a <= n <= b for a, b in spans):
                continue
            if top != "ui" and re.search(r"\b(egui|eframe|egui_extras|egui_plot)::", line):
                problems.append(f"{path}:{n + 1}: the core uses egui; only src/ui/ may")
            for m in re.finditer(r"\bcrate::(\w+)", line):
                used = m.group(1)
                if used == top or used not in LAYER_OF:
                    continue
                if LAYER_OF[used] >= LAYER_OF[top]:
                    problems.append(
                        f"{path}:{n + 1}: '{top}' (layer {LAYER_OF[top]}) uses '{used}' "
                        f"(layer {LAYER_OF[used]}): imports run downward only"
                    )
    return problems


def main():
    files = list(rust_files())
    texts = {}
    for p in files:
        with open(os.path.join(ROOT, p), encoding="utf-8") as f:
            texts[p] = strip_comments_and_strings(f.read())
    problems = check_sizes(files, texts) + check_circles(files, texts) + check_layers(files, texts)
    for p in problems:
        print(p)
    print(f"shape: {len(files)} files in src/, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
