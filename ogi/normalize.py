"""Normalize text one character for one character, so spans stay simple.

Traditional characters become simplified (OpenCC t2s), full-width ASCII becomes ASCII,
odd spaces become plain spaces. Because every step maps one character to one character,
an offset in the normalized text is also an offset in the decoded text.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_SPACES = dict.fromkeys("\u00a0\u2002\u2003\u2009\u3000\u200b\ufeff", " ")
_FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE = {**_FULLWIDTH, **_SPACES}
_MAPPED = re.compile("[" + "".join(map(re.escape, _TABLE)) + "]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    cc = _converter()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length somewhere; fall back to per-character conversion
    # so offsets still line up.
    return "".join(c if len(c := cc.convert(ch)) == 1 else ch for ch in text)


def _map_chars(text: str) -> str:
    """text.translate(_TABLE), faster: str.translate looks every character up in the table
    and pays for a KeyError on each miss, while only a few distinct characters need mapping.
    One regex pass finds which occur; each is then replaced in one C-level pass. No target
    character is itself mapped, so the order of the replacements does not matter."""
    for ch in set(_MAPPED.findall(text)):
        text = text.replace(ch, _TABLE[ch])
    return text


def normalize(text: str) -> str:
    return _map_chars(to_simplified(text.replace("\r\n", "\n").replace("\r", "\n")))


def normalize_label(label: str) -> str:
    return normalize(label).strip()
