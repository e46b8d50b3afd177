"""Numbers as printed in reports: Arabic, Chinese numerals, 万/亿, approximations, units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

UNITS = ("人次", "万元", "件", "条", "例", "项", "次", "个", "篇", "宗", "起", "份", "场", "期", "元")

_PREFIXES = ("大约", "约", "近", "超过", "逾", "多达", "不足", "不到")
_NUMERALS = "零〇一二两三四五六七八九十百千"
_TAIL = (r"(?P<mult>万|亿)?"
         r"(?P<suf>多|余|以上|左右|来)?"
         r"(?P<unit>" + "|".join(UNITS) + r")")
FIGURE_RE = re.compile(
    r"(?P<pre>" + "|".join(_PREFIXES) + r")?"
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|[{_NUMERALS}]+)" + _TAIL
)
# FIGURE_RE without its prefix, written to start with a character class: the regex engine
# then skips in C to the next digit or numeral instead of trying the optional prefix at
# every position (about 4x faster over a whole text). The number is the same, tried in the
# same order: after a digit \d[\d,]*(\.\d+)?, after a numeral a run of numerals. The
# lookahead only prunes: what follows a number must start a multiplier, suffix or unit.
_NUMBER_FIRST = re.compile(
    rf"(?P<num>[\d{_NUMERALS}](?:(?<=\d)[\d,]*(?:\.\d+)?|(?<!\d)[{_NUMERALS}]*))"
    r"(?=[万亿多余以左来" + "".join(sorted({u[0] for u in UNITS})) + r"])" + _TAIL
)
_PREFIX_QUALIFIER = {"大约": "approx", "约": "approx", "近": "approx", "超过": "at_least",
                     "逾": "at_least", "多达": "at_least", "不足": "at_most", "不到": "at_most"}
_SUFFIX_QUALIFIER = {"多": "approx", "余": "approx", "来": "approx", "左右": "approx",
                     "以上": "at_least"}


def chinese_to_int(text: str) -> int | None:
    """十二 -> 12, 一百零五 -> 105, 三千 -> 3000; None when it is not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):  # 二〇〇八 style: digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
    return total + (digit or 0)


@dataclass(frozen=True)
class PrintedNumber:
    value: float | int
    unit: str
    qualifiers: frozenset[str]
    start: int
    end: int
    num_start: int


def parse_figure(match: re.Match[str]) -> PrintedNumber | None:
    return _printed(match, match.group("pre"), match.start())


class FoundFigure(NamedTuple):
    """A FIGURE_RE match found by find_figures, parsed only when asked (most never are)."""

    start: int  # where FIGURE_RE's match starts: at the prefix when there is one
    match: re.Match[str]  # of _NUMBER_FIRST: the number and what follows it
    pre: str | None

    def parse(self) -> PrintedNumber | None:
        return _printed(self.match, self.pre, self.start)


def find_figures(text: str) -> Iterator[FoundFigure]:
    """What FIGURE_RE.finditer(text) finds, in order, found faster.

    No prefix contains a digit or numeral, so every FIGURE_RE match is a _NUMBER_FIRST
    match, extended to the left by the prefix written right before it, if any. Where two
    prefixes end there (大约, 约), FIGURE_RE starts at the earlier one: it tries positions
    left to right. A prefix never reaches back into the previous figure, which ends in a
    unit, but the check costs nothing."""
    prev_end = 0
    for m in _NUMBER_FIRST.finditer(text):
        num_start = m.start()
        pre = None
        if num_start and text[num_start - 1] in _PREFIX_ENDS:
            pre = next((p for p in _PREFIXES_LONGEST_FIRST if num_start - len(p) >= prev_end
                        and text.startswith(p, num_start - len(p))), None)
        yield FoundFigure(num_start - len(pre) if pre else num_start, m, pre)
        prev_end = m.end()


_PREFIXES_LONGEST_FIRST = tuple(sorted(_PREFIXES, key=len, reverse=True))
_PREFIX_ENDS = frozenset(p[-1] for p in _PREFIXES)


def _printed(match: re.Match[str], pre: str | None, start: int) -> PrintedNumber | None:
    raw = match.group("num")
    value: float | int
    if raw[0].isdigit():
        if "," in raw and not _THOUSANDS.fullmatch(raw):
            return None  # "3,4" is a list, not a thousands separator
        clean = raw.replace(",", "")
        value = float(clean) if "." in clean else int(clean)
    else:
        parsed = chinese_to_int(raw)
        if parsed is None:
            return None
        value = parsed
    unit = match.group("unit")
    mult = match.group("mult")
    if mult:
        if unit == "元" and mult == "万":
            unit = "万元"  # money keeps the printed scale
        else:
            value = value * _BIG_UNITS[mult]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    quals = set()
    if pre:
        quals.add(_PREFIX_QUALIFIER[pre])
    if match.group("suf"):
        quals.add(_SUFFIX_QUALIFIER[match.group("suf")])
    return PrintedNumber(value, unit, frozenset(quals), start, match.end(), match.start("num"))


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
