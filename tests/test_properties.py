"""Property-based tests of the extraction library: whatever the input, it returns a
result, never raises, and every figure's span holds its evidence."""

import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.decode import _COMMON, _cjk_share, _common_share, _control_ratio
from ogi.extract import extract_document
from ogi.html_text import html_to_text
from ogi.normalize import _converter, to_simplified
from ogi.numbers import FIGURE_RE, find_figures, parse_figure
from ogi.prose import _bind, extract_prose, label_index, zero_figures, zero_matches
from ogi.sections import Headings, sentence_at, sentences
from ogi.zero_statements import zero_statements

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


def _prose_sentence_by_sentence(text):
    """extract_prose without its pre-filters: every sentence, every number, every zero
    statement tried on every sentence."""
    index = label_index()
    figures, zeros = [], []
    every = list(find_figures(text))
    for sentence in sentences(text):
        found = [f for f in every if sentence.start <= f.start < sentence.end]
        if found:
            figures.extend(_bind(sentence, text, index, 2021, found))
        for order, statement in enumerate(zero_statements()):
            zeros.extend(zero_matches(sentence, order, statement))
    return figures, zero_figures(text, 2021, zeros)


PROSEISH = st.sampled_from(sorted(label_index().targets) + [
    "12件", "约3件", "三十余条", "1,200人次", "共", "为", "总计", "。", "\n", ",", "、", "较",
    "累计", "收到", "受理", "政府信息公开", "申请", "未收到", "行政复议", "|", " ", "(一)",
    "全年依法", "共计为", "“", "”", "没有发生", "无", "不", "收费", "行政诉讼", "!", "?",
])


# A label, a gap of 0 to 11 characters (some not allowed), a number, an end: what binds.
CLAUSES = st.tuples(
    st.sampled_from(sorted(label_index().targets) + ["接到群众政府信息公开申请", "受理市民依申请公开申请"]),
    st.sampled_from(["", "为", "共", "共计为", "全年依法共", "依法共计受理了", "全年依法共计受理了",
                     "“全年依法共计受理了", "“全年依法共计受理了”", "较上年", "3项", "同比", "。"]),
    st.sampled_from(["12件", "约3件", "三十余条", "1,200人次", "5项", "2次", "8个", "0件"]),
    st.sampled_from(["。", ",", "\n", "", "|"]),
).map("".join)


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(CLAUSES, PROSEISH), max_size=30).map("".join))
def test_prose_prefilters_change_nothing(text):
    assert extract_prose(text, 2021) == _prose_sentence_by_sentence(text)


@CHECKS
@given(st.text(alphabet="一二十、.()12 \t\nxa", max_size=40))
def test_headings_are_the_numbered_lines(text):
    line_regex = re.compile(
        r"^[ \t]*(?:(?P<l1>[一二三四五六七八九十]+\s*[、.])|(?P<l2>\(\s*[一二三四五六七八九十]+\s*\))"
        r"|(?P<l3>\d{1,2}\s*[、.](?!\d))|(?P<l4>\(\s*\d{1,2}\s*\)))[^\n]*$", re.M)
    expected = [(m.start(), int(m.lastgroup[1]), m.group().strip())
                for m in line_regex.finditer(text) if len(m.group().strip()) <= 60]
    assert Headings(text).items == expected


@CHECKS
@given(st.text(alphabet="的一是在不了中文發國丟x 。\u4dff\ua000\u9fff\u4e00\U0002a6a5\U0001f600",
               max_size=60))
def test_encoding_shares_count_like_a_loop(text):
    sample = text[:5000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    assert _cjk_share(text) == cjk / max(1, len(sample))
    simplified = [ch for ch in to_simplified(text[:3000]) if "\u4e00" <= ch <= "\u9fff"]
    common = sum(ch in _COMMON for ch in simplified)
    assert _common_share(text) == common / max(1, len(simplified))


def test_span_attributes_that_are_digits_but_not_numbers():
    # "²" passes str.isdigit() but int() rejects it: a cell with it spans one cell.
    page = ('<table><tr><td rowspan="²">本年新收政府信息公开申请数量</td><td colspan="³">5</td>'
            '</tr></table>').encode()
    result = extract_document(page, "superscript_span.html")
    assert "本年新收政府信息公开申请数量 | 5 |" in html_to_text(page.decode())
    assert result.doc_type == "other"


T2S = st.sampled_from(["答覆", "回覆", "覆盖", "反覆", "覆", "沈", "深沈", "藉口", "憑藉", "慰藉", "瞭解",
                       "明瞭", "乾", "發", "國", "這", "么", "著", "于", "的", "年度报告", "\U0002a6a5",
                       "\U0001f600", "\uf900", "打坏", "坏", "一", " ", "\n"])


@CHECKS
@given(st.lists(st.one_of(T2S, st.text(max_size=4)), max_size=40).map("".join))
def test_skipping_opencc_changes_nothing(text):
    """to_simplified returns texts OpenCC would leave unchanged without converting them."""
    cc = _converter()
    out = cc.convert(text)
    if len(out) != len(text):
        out = "".join(c if len(c := cc.convert(ch)) == 1 else ch for ch in text)
    assert to_simplified(text) == out


@CHECKS
@given(st.text(max_size=300))
def test_control_ratio_counts_like_a_regex(text):
    sample = text[:20000]
    expected = len(re.findall(r"[\x00-\x08\x0e-\x1f]", sample)) / len(sample) if sample else 0.0
    assert _control_ratio(text) == expected
