"""Bytes to text: detect binary and empty input, then UTF-8, GB18030 or Big5."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx?)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "OLE document (doc/xls?)",
}
_DECLARED = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_CHINESE_ENCODINGS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
    "big5": "big5", "big5-hkscs": "big5hkscs", "utf-8": "utf-8", "utf8": "utf-8",
}


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    reason: str | None  # why the bytes could not be read as a document, else None
    note: str | None = None  # e.g. a declared charset that was wrong


def _binary_reason(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file: {kind}"
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 100:
        return "binary file: NUL bytes in content"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def _control_ratio(text: str) -> float:
    """Share of control characters (\x00-\x08, \x0e-\x1f) in the first 20,000. Counted
    on the UTF-8 bytes, where each is one byte no other character's bytes contain, by
    deleting them in C: a tenth of what a regex over the characters costs."""
    sample = text[:20000]
    if not sample:
        return 0.0
    raw = sample.encode("utf-8", "surrogatepass")
    return (len(raw) - len(raw.translate(None, _CONTROL_BYTES))) / len(sample)


def decode_bytes(data: bytes) -> Decoded:
    if not data:
        return Decoded(None, None, "empty file (0 bytes)")
    if not data.strip():
        return Decoded(None, None, "blank file (whitespace only)")
    binary = _binary_reason(data)
    if binary:
        return Decoded(None, None, binary)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is not None:
                return _checked(text, enc, None)
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", None)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A truncated download cut through the last character: keep everything before it.
            return _checked(data[:exc.start].decode("utf-8"), "utf-8",
                            "truncated: incomplete last character dropped")
    note = None
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        enc = _CHINESE_ENCODINGS.get(name)
        if enc and enc != "utf-8":
            text = _strict(data, enc)
            if text is not None:
                return _checked(text, enc, None)
        note = f"declared charset {name!r} does not decode the bytes"
    # GB18030 decodes almost any byte string, so "it decoded" proves little: prefer the
    # encoding whose text is made of the characters Chinese government prose is made of.
    candidates = [(enc, text) for enc in ("gb18030", "big5")
                  if (text := _strict(data, enc)) is not None and _cjk_share(text) > 0.05]
    if candidates:
        enc, text = max(candidates, key=lambda c: _common_share(c[1]))
        if _common_share(text) > 0.2:
            return _checked(text, enc, note)
    best = from_bytes(data, cp_isolation=["utf_8", "gb18030", "big5"]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(text) // 1000):
            extra = f"{bad} undecodable byte sequence(s) replaced"
            return _checked(text, best.encoding, f"{note}; {extra}" if note else extra)
    return Decoded(None, None, "undecodable: not valid UTF-8, GB18030 or Big5 (mixed encodings?)")


# Frequent characters of Chinese administrative prose, simplified (traditional pages are
# compared after OpenCC conversion).
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
    "内数正心明看原又利比或但质第向道此变条只没结解问意建月公无系很情者最立代已通并提直题程展五果"
    "员位入常文总次品式活设及管特件长求基资级少统接知较将组见计别期根论区强放决被做必先回则任取据"
    "处府信息申请报告办县市省局委会议规范性答复诉讼收费网站共受理公布工作情况主动依"
)


# Characters are counted in C, not in a Python loop over thousands of characters (which
# would cost more than decoding the whole file). Common characters: delete their runs and
# compare lengths.
_COMMON_RUN = re.compile("[" + "".join(ch for ch in _COMMON if "\u4e00" <= ch <= "\u9fff") + "]+")
# CJK U+4E00..U+9FFF: in UTF-16-BE every such character is one code unit whose high byte is
# 0x4E..0x9F (other characters, surrogate pairs included, have other high bytes), so
# counting those bytes among the high bytes counts the characters.
_CJK_HIGH_BYTES = bytes(range(0x4E, 0xA0))


def _cjk_count(text: str) -> int:
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    return len(high) - len(high.translate(None, _CJK_HIGH_BYTES))


def _common_share(text: str) -> float:
    from ogi.normalize import to_simplified

    sample = to_simplified(text[:3000])
    common = len(sample) - len(_COMMON_RUN.sub("", sample))
    return common / max(1, _cjk_count(sample))


def _cjk_share(text: str) -> float:
    sample = text[:5000]
    return _cjk_count(sample) / max(1, len(sample))


def _checked(text: str, encoding: str, note: str | None) -> Decoded:
    if _control_ratio(text) > 0.05:
        return Decoded(None, encoding, "binary file: control characters in decoded text")
    return Decoded(text, encoding, None, note)
