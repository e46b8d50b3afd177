"""Sentences of the normalized text, each with the chain of headings above it.

A sentence runs to 。!? or the end of the line. Rules find what they look for in the whole
text first and take only the sentences around it (sentence_at); the headings are read
only when a rule first asks for the chain above a sentence (most never do).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

MAX_HEADING_CHARS = 60
# A heading line, found with the newline before it (the text is searched with a newline in
# front): a literal lets the regex engine skip from line to line instead of trying "^" at
# every position. The newline sits where the line starts once that newline is counted.
_HEADING = re.compile(
    r"\n[ \t]*(?:(?P<l1>[一二三四五六七八九十]+\s*[、.])|(?P<l2>\(\s*[一二三四五六七八九十]+\s*\))"
    r"|(?P<l3>\d{1,2}\s*[、.](?!\d))|(?P<l4>\(\s*\d{1,2}\s*\)))[^\n]*"
)
_SENTENCE = re.compile(r"[^。!?\n]+[。!?]?")


class Headings:
    """Heading lines of a text with their level (1: 一、 2: (一) 3: 1、 4: (1))."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def items(self) -> list[tuple[int, int, str]]:
        return [(m.start(), int(m.lastgroup[1]), m.group().strip())  # type: ignore[index]
                for m in _HEADING.finditer("\n" + self._text)
                if len(m.group().strip()) <= MAX_HEADING_CHARS]

    @cached_property
    def positions(self) -> list[int]:
        return [f[0] for f in self.items]

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


_ENDS = "。!?"


def sentence_at(text: str, pos: int, headings: Headings | None = None) -> Sentence:
    """The sentence of `sentences` that holds text[pos] (not a newline or an end mark).

    Found from pos outwards, searching only within its line, instead of splitting the
    whole text: a rule that found a match can take just the sentence around it."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    # rfind gives -1 when a mark is missing, so a missing mark yields 0 <= line_start.
    start = max(line_start, text.rfind("。", line_start, pos) + 1,
                text.rfind("!", line_start, pos) + 1, text.rfind("?", line_start, pos) + 1)
    stop = line_end
    for mark in _ENDS:
        if (i := text.find(mark, pos, stop)) >= 0:
            stop = i  # each later search only looks before the nearest mark so far
    end = stop + 1 if stop < line_end else line_end  # the end mark belongs to the sentence
    return Sentence(start, end, text[start:end], headings)
