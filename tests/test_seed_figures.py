"""The extractor against what a person read in the five seed documents."""

import pytest

from tests.expected_seeds import ABSENT, FIGURES, METADATA, NOT_FIGURES, PUBLISH_DATES


def _matching(result, metric, dims):
    return [f for f in result.figures
            if f.metric == metric and all(f.dims.get(k) == v for k, v in dims.items())]


@pytest.mark.parametrize(("sample", "metric", "dims", "value", "qualifiers"), FIGURES,
                         ids=[f"{s}-{m}-{v}" for s, m, _, v, _ in FIGURES])
def test_expected_figure(seed_results, sample, metric, dims, value, qualifiers):
    candidates = _matching(seed_results[sample], metric, dims)
    hits = [f for f in candidates if f.value == value]
    assert hits, f"{metric} {dims} = {value} not found; got {[f.value for f in candidates]}"
    assert qualifiers <= set(hits[0].qualifiers), hits[0].qualifiers


@pytest.mark.parametrize(("sample", "metric"), ABSENT)
def test_absent_figures_stay_absent(seed_results, sample, metric):
    assert not _matching(seed_results[sample], metric, {})


def test_no_figures_beyond_what_a_reader_found(seed_results):
    expected = {(s, m, tuple(sorted(d.items())), v) for s, m, d, v, _ in FIGURES}
    extra = []
    for sample, result in seed_results.items():
        for f in result.figures:
            key_dims = {k: v for k, v in f.dims.items() if k in ("applicant_type", "content_category")}
            if (sample, f.metric, tuple(sorted(key_dims.items())), f.value) not in expected:
                extra.append((sample, f.metric, f.value, f.evidence))
    assert extra == []


@pytest.mark.parametrize("sample", sorted(NOT_FIGURES))
def test_distractor_numbers_are_not_figures(seed_results, sample):
    values = {f.value for f in seed_results[sample].figures}
    assert not values & set(NOT_FIGURES[sample])


@pytest.mark.parametrize("sample", sorted(METADATA))
def test_metadata(seed_results, sample):
    doc_type, name, adcode, level, year, scope = METADATA[sample]
    r = seed_results[sample]
    assert (r.doc_type, r.jurisdiction.name, r.jurisdiction.adcode, r.jurisdiction.level,
            r.report_year) == (doc_type, name, adcode, level, year)
    if scope:
        assert r.scope == scope
    if sample in PUBLISH_DATES:
        assert r.publish_date == PUBLISH_DATES[sample]


def test_work_plan_is_not_a_report_and_says_why(seed_results):
    r = seed_results["changchun_plan"]
    assert r.doc_type == "other"
    assert "实施意见" in r.doc_type_reason
    assert r.figures == []
    assert "spam" in r.jurisdiction.resolution
    assert [i.code for i in r.issues] == ["not_annual_report"]


def test_traditional_page_is_read_in_simplified(seed_results):
    r = seed_results["zhangye_2008"]
    assert "张掖市政府信息公开" in r.text and "張掖" not in r.text
    assert r.publish_date_source == "生成日期"


def test_every_figure_span_holds_its_evidence_and_number(seed_results):
    for result in seed_results.values():
        for f in result.figures:
            start, end = f.span
            assert result.text[start:end] == f.evidence
            if f.rule == "prose:label_number":
                assert str(f.value) in f.evidence.replace(",", "")
