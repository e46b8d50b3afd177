"""Sentences of the normalized text, each with the chain of headings above it.

One regex pass finds the sentences and one finds the headings; the heading chain of a
sentence is looked up only when a rule asks for it (most sentences hold no figure).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

MAX_HEADING_CHARS = 60
_HEADING = re.compile(
    r"^[ \t]*(?:(?P<l1>[一二三四五六七八九十]+\s*[、.])|(?P<l2>\(\s*[一二三四五六七八九十]+\s*\))"
    r"|(?P<l3>\d{1,2}\s*[、.](?!\d))|(?P<l4>\(\s*\d{1,2}\s*\)))[^\n]*$",
    re.M,
)
_SENTENCE = re.compile(r"[^。!?\n]+[。!?]?")


class Headings:
    """Heading lines of a text with their level (1: 一、 2: (一) 3: 1、 4: (1))."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), int(m.lastgroup[1]), m.group().strip())  # type: ignore[index]
                 for m in _HEADING.finditer(text)
                 if len(m.group().strip()) <= MAX_HEADING_CHARS]
        self.positions = [f[0] for f in found]
        self.items = found

    def chain(self, pos: int) -> str:
        """The headings in force at pos: the nearest one, then each higher level above it."""
        i = bisect.bisect_right(self.positions, pos) - 1
        out: list[str] = []
        level = 99
        while i >= 0 and level > 1:
            _, lvl, line = self.items[i]
            if lvl < level:
                out.append(line)
                level = lvl
            i -= 1
        return " ".join(reversed(out))


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    _headings: Headings | None = field(default=None, repr=False)

    @cached_property
    def headings(self) -> str:
        return self._headings.chain(self.start) if self._headings else ""



def sentences(text: str, keep: re.Pattern[str] | None = None) -> Iterator[Sentence]:
    """Sentences in order; with `keep`, only those where it matches (a cheap pre-filter)."""
    headings = Headings(text)
    for m in _SENTENCE.finditer(text):
        if not m.group().strip() or (keep is not None and not keep.search(m.group())):
            continue
        yield Sentence(m.start(), m.end(), m.group(), headings)
