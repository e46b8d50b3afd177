"""Numbers as printed in reports: Arabic, Chinese numerals, 万/亿, approximations, units."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

UNITS = ("人次", "万元", "件", "条", "例", "项", "次", "个", "篇", "宗", "起", "份", "场", "期", "元")

FIGURE_RE = re.compile(
    r"(?P<pre>大约|约|近|超过|逾|多达|不足|不到)?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    r"(?P<mult>万|亿)?"
    r"(?P<suf>多|余|以上|左右|来)?"
    r"(?P<unit>" + "|".join(UNITS) + r")"
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
    raw = match.group("num")
    value: float | int
    if raw[0].isdigit():
        if "," in raw and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
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
    if match.group("pre"):
        quals.add(_PREFIX_QUALIFIER[match.group("pre")])
    if match.group("suf"):
        quals.add(_SUFFIX_QUALIFIER[match.group("suf")])
    return PrintedNumber(value, unit, frozenset(quals), match.start(), match.end(),
                         match.start("num"))
