"""Split normalized text into sentences, each with the chain of headings above it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_HEADING_LEVELS = (
    (1, re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.]")),
    (2, re.compile(r"^\s*\(\s*[一二三四五六七八九十]+\s*\)")),
    (3, re.compile(r"^\s*\d{1,2}\s*[、.](?!\d)")),
    (4, re.compile(r"^\s*\(\s*\d{1,2}\s*\)")),
)
_SENTENCE_END = re.compile(r"[。！？!?]")
MAX_HEADING_CHARS = 60


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    headings: str  # the heading chain in force, joined; used as topic context


def heading_level(line: str) -> int | None:
    if len(line.strip()) > MAX_HEADING_CHARS:
        return None
    for level, pattern in _HEADING_LEVELS:
        if pattern.match(line):
            return level
    return None


def sentences(text: str) -> Iterator[Sentence]:
    chain: dict[int, str] = {}
    offset = 0
    for line in text.split("\n"):
        level = heading_level(line)
        if level is not None:
            chain = {k: v for k, v in chain.items() if k < level}
            chain[level] = line.strip()
        context = " ".join(chain[k] for k in sorted(chain))
        pos = 0
        for m in _SENTENCE_END.finditer(line):
            if line[pos:m.end()].strip():
                yield Sentence(offset + pos, offset + m.end(), line[pos:m.end()], context)
            pos = m.end()
        if line[pos:].strip():
            yield Sentence(offset + pos, offset + len(line), line[pos:], context)
        offset += len(line) + 1
