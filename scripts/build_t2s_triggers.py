"""Build ogi/data/t2s_triggers.txt: what a text must contain for OpenCC t2s to change it.

Why this exists: most reports are written in simplified characters, and converting a
simplified text with OpenCC returns it unchanged, yet the conversion is one of the largest
costs of reading a document. OpenCC changes a text only where one of its dictionary keys
matches with a value other than the key itself, so a text holding none of those keys can
skip it. The keys are:

* every single-character key whose value (the first, which is what OpenCC writes) is
  not the character itself (traditional characters, compatibility ideographs), written
  as one character class;
* every phrase whose value differs and none of whose characters is in that class
  (答覆 -> 答复: 覆 alone stays 覆), written as literal alternatives.

A text matching neither cannot match any changing key, so OpenCC would return it as it
is. The dictionaries are those of the installed opencc package, dumped with the
`opencc_dict` tool it ships; tests/test_normalize_fast.py checks that the file matches
them, so upgrading opencc without rebuilding this file fails the tests.

Usage (from the repository root)::

    .venv/bin/python scripts/build_t2s_triggers.py --out ogi/data/t2s_triggers.txt
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path


def _opencc_dirs() -> tuple[Path, Path]:
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    return clib / "share" / "opencc", clib / "bin" / "opencc_dict"


def _dictionary_files(config: dict) -> list[str]:
    """Every ocd2 file a t2s config names, in its normalization and conversion steps."""
    files: list[str] = []

    def walk(node: dict) -> None:
        if node.get("type") == "group":
            for child in node["dicts"]:
                walk(child)
        elif "file" in node:
            files.append(node["file"])

    for step in config.get("normalization", []) + config.get("conversion_chain", []):
        walk(step["dict"])
    return files


def _entries(tool: Path, ocd2: Path) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        subprocess.run([str(tool), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        entries = {}
        for line in out.read_text("utf-8").splitlines():
            key, _, values = line.partition("\t")
            entries[key] = values.split(" ")
        return entries


def triggers() -> tuple[str, list[str]]:
    """(the changing characters, sorted; the phrases they do not cover, sorted)."""
    share, tool = _opencc_dirs()
    config = json.loads((share / "t2s.json").read_text("utf-8"))
    changing: dict[str, list[str]] = {}
    for name in _dictionary_files(config):
        for key, values in _entries(tool, share / name).items():
            if values[0] != key:  # OpenCC writes a key's first value
                changing[key] = values
    chars = {k for k in changing if len(k) == 1}
    phrases = sorted(k for k in changing if len(k) > 1 and not chars & set(k))
    return "".join(sorted(chars)), phrases


def render(chars: str, phrases: list[str]) -> str:
    version = metadata.version("opencc")
    lines = [f"# OpenCC {version} t2s: characters and phrases it changes "
             "(scripts/build_t2s_triggers.py)", f"chars\t{chars}"]
    lines += [f"phrase\t{p}" for p in phrases]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="ogi/data/t2s_triggers.txt")
    args = parser.parse_args()
    chars, phrases = triggers()
    Path(args.out).write_text(render(chars, phrases), "utf-8")
    print(f"{len(chars)} characters, {len(phrases)} phrases -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
