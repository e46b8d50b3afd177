"""Bytes to text: encodings, binary and empty input, HTML, normalization, numbers."""

import pytest

from ogi.decode import decode_bytes
from ogi.extract import extract_document
from ogi.html_text import html_to_text, looks_like_html
from ogi.normalize import normalize
from ogi.numbers import FIGURE_RE, chinese_to_int, parse_figure

REPORT = "某某县2018年政府信息公开工作年度报告\n全县共收到政府信息公开申请12件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_chinese_encodings_decode(encoding):
    text = "張掖市政府信息公開年度報告，共受理申請329人次。" if encoding == "big5" else REPORT
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.reason is None
    assert decoded.text == text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"   \n\t ", "blank file"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"\x00\x01\x02\x03ab" * 1000, "binary"),
    (bytes(range(256)) * 40, "undecodable"),
])
def test_unreadable_inputs_have_reasons(data, reason):
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert reason in decoded.reason


def test_gb18030_declared_as_utf8_still_decodes():
    html = ('<html><head><meta charset="utf-8"><title>x</title></head><body><p>'
            + REPORT + "</p></body></html>").encode("gb18030")
    decoded = decode_bytes(html)
    assert decoded.text is not None and "政府信息公开" in decoded.text
    assert decoded.note and "utf-8" in decoded.note


def test_unreadable_document_is_typed_unreadable():
    result = extract_document(b"\x00\x01\x02" * 100, "x.bin")
    assert result.doc_type == "unreadable"
    assert result.figures == [] and result.issues[0].code == "unreadable"


def test_html_tables_become_rows_and_scripts_disappear():
    html = ("<html><body><script>var x=1;</script><h1>标题</h1><table>"
            "<tr><td>本年新收</td><td>5</td></tr><tr><td>上年结转</td><td>0</td></tr>"
            "</table><p>正文</p></body></html>")
    assert looks_like_html(html)
    text = html_to_text(html)
    assert "var x" not in text
    assert "本年新收 | 5" in text and "上年结转 | 0" in text
    assert text.index("标题") < text.index("本年新收") < text.index("正文")


def test_deeply_nested_html_does_not_overflow():
    html = "<html><body>" + "<div>" * 20000 + "共收到政府信息公开申请3件。" + "</div>" * 20000
    assert "共收到政府信息公开申请3件" in html_to_text(html)


def test_normalize_keeps_length_and_converts():
    raw = "張掖市２００８年度，當面申請３件"
    out = normalize(raw)
    assert len(out) == len(raw)
    assert out == "张掖市2008年度,当面申请3件"


@pytest.mark.parametrize(("text", "value", "unit", "quals"), [
    ("12000多条", 12000, "条", {"approx"}),
    ("400余条", 400, "条", {"approx"}),
    ("329人次", 329, "人次", set()),
    ("超过25万件", 250000, "件", {"at_least"}),
    ("842.13万元", 842.13, "万元", set()),
    ("1,234件", 1234, "件", set()),
    ("十二件", 12, "件", set()),
    ("约300条", 300, "条", {"approx"}),
])
def test_printed_numbers(text, value, unit, quals):
    parsed = parse_figure(FIGURE_RE.search(text))
    assert (parsed.value, parsed.unit, set(parsed.qualifiers)) == (value, unit, quals)


def test_chinese_numerals():
    assert [chinese_to_int(x) for x in ["十", "十二", "一百零五", "两千", "二〇〇八"]] == \
        [10, 12, 105, 2000, 2008]
    assert chinese_to_int("是") is None
