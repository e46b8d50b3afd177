"""Property-based tests of the extraction library: whatever the input, it returns a
result, never raises, and every figure's span holds its evidence."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.extract import extract_document
from ogi.html_text import html_to_text
from ogi.numbers import FIGURE_RE, find_figures, parse_figure
from ogi.sections import sentence_at, sentences

REPORTISH = st.sampled_from([
    "政府信息公开工作年度报告", "共收到政府信息公开申请", "本年新收", "上年结转", "予以公开", "|",
    "件", "条", "万", "多", "余", "。", "\n", "一、", "(一)", "行政复议", "行政诉讼", "0", "12",
    "三", "<table>", "<tr>", "<td rowspan=3>", "</td>", "</tr>", "&amp;", "&#x4e00;", " ",
    "未收到", "累计", "至目前", "2019年", "张掖市", "朝阳区", "索引号:620700",
])
TEXTS = st.lists(st.one_of(REPORTISH, st.text(max_size=8)), max_size=120).map("".join)
CHECKS = settings(max_examples=150, deadline=2000,
                  suppress_health_check=[HealthCheck.too_slow])


def _valid(result) -> None:
    assert result.doc_type in {"annual_report", "other", "unreadable"}
    assert result.doc_type_reason
    for f in result.figures:
        start, end = f.span
        assert 0 <= start <= end <= len(result.text)
        assert result.text[start:end] == f.evidence
        assert f.qualifier in {"exact", "approx", "at_least", "at_most", "cumulative",
                               "partial_year"}
    if not result.figures:
        assert result.issues


@CHECKS
@given(st.binary(max_size=4000))
def test_any_bytes(data):
    _valid(extract_document(data, "fuzz.bin"))


@CHECKS
@given(TEXTS, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_report_like_text_in_any_encoding(text, encoding):
    _valid(extract_document(("2019年某县政府信息公开工作年度报告\n" + text).encode(encoding),
                            "fuzz.txt"))


@CHECKS
@given(TEXTS)
def test_html_soup(text):
    html_to_text("<html><body>" + text)
    _valid(extract_document(("<html><body><p>" + text).encode(), "fuzz.html"))


@CHECKS
@given(st.text(alphabet=string.digits + ",.万亿多余件条人次元约超过不足零一二三十百千", max_size=30))
def test_numbers_never_raise(text):
    for m in FIGURE_RE.finditer(text):
        parse_figure(m)


FIGURE_ALPHABET = string.digits + ",.万亿多余件条人次元约大近超过逾达不足到以上左右来零〇一二两三十百千٣ 。"


@CHECKS
@given(st.text(alphabet=FIGURE_ALPHABET, max_size=40))
def test_find_figures_is_figure_re(text):
    """The fast scan finds exactly what FIGURE_RE.finditer finds, parsed the same."""
    expected = [parse_figure(m) for m in FIGURE_RE.finditer(text)]
    assert [f.parse() for f in find_figures(text)] == expected


@CHECKS
@given(st.text(alphabet="ab 。!?\n", max_size=40))
def test_sentence_at_is_the_sentence_around(text):
    for sentence in sentences(text):
        for pos in range(sentence.start, sentence.end):
            if text[pos] not in "。!?\n":
                found = sentence_at(text, pos)
                assert (found.start, found.end, found.text) == (sentence.start, sentence.end,
                                                                sentence.text)
