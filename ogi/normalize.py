"""Normalize text one character for one character, so spans stay simple.

Traditional characters become simplified (OpenCC t2s), full-width ASCII becomes ASCII,
odd spaces become plain spaces. Because every step maps one character to one character,
an offset in the normalized text is also an offset in the decoded text.
"""

from __future__ import annotations

from functools import cache

import opencc

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u3000\u200b\ufeff"), " ")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE = {**_FULLWIDTH, **_SPACES}


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


def normalize(text: str) -> str:
    return to_simplified(text.replace("\r\n", "\n").replace("\r", "\n")).translate(_TABLE)


def normalize_label(label: str) -> str:
    return normalize(label).strip()
