"""Normalize text one character for one character, so spans stay simple.

Traditional characters become simplified (OpenCC t2s), full-width ASCII becomes ASCII,
odd spaces become plain spaces. Because every step maps one character to one character,
an offset in the normalized text is also an offset in the decoded text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import opencc

_SPACES = dict.fromkeys("\u00a0\u2002\u2003\u2009\u3000\u200b\ufeff", " ")
_FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE = {**_FULLWIDTH, **_SPACES}
_MAPPED = re.compile("[" + "".join(map(re.escape, _TABLE)) + "]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _t2s_triggers() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, int], ...]]]:
    """What OpenCC t2s changes: its changing characters as one class, and the changing
    phrases made of characters it leaves alone (答覆), each filed under a character that
    the phrase changes, with its offset. Built from OpenCC's own dictionaries by
    scripts/build_t2s_triggers.py. Characters beyond the BMP all count as changing: a class
    holding them is searched character by character, hundreds of times slower."""
    chars, phrases = "", []
    raw = resources.files("ogi").joinpath("data", "t2s_triggers.txt").read_text("utf-8")
    for line in raw.splitlines():
        kind, _, value = line.partition("\t")
        if kind == "chars":
            chars = value
        elif kind == "phrase":
            phrases.append(value)
    bmp = "".join(re.escape(ch) for ch in chars if ord(ch) < 0x10000)
    by_char: dict[str, list[tuple[str, int]]] = {}
    cc = _converter()
    for phrase in phrases:
        out = cc.convert(phrase)
        changed = [i for i, (a, b) in enumerate(zip(phrase, out, strict=False)) if a != b]
        at = changed[0] if changed and len(out) == len(phrase) else 0
        by_char.setdefault(phrase[at], []).append((phrase, at))
    return (re.compile(f"[{bmp}\U00010000-\U0010FFFF]"),
            {ch: tuple(found) for ch, found in by_char.items()})


def _changes_under_t2s(text: str) -> bool:
    chars, phrases = _t2s_triggers()
    if chars.search(text):
        return True
    # A phrase can only match where the character it changes is: a few str.find calls
    # instead of a regex tried at every position.
    for ch, found in phrases.items():
        i = text.find(ch)
        while i >= 0:
            if any(at <= i and text.startswith(phrase, i - at) for phrase, at in found):
                return True
            i = text.find(ch, i + 1)
    return False


def to_simplified(text: str) -> str:
    # Most reports are simplified already, and OpenCC would hand them back unchanged after
    # reading them through: a text with nothing OpenCC changes is returned as it is.
    if not _changes_under_t2s(text):
        return text
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
