"""The extractor on ten documents written for the tests, against what a person reads in them:
every figure found, nothing else, issues where the document is broken."""

from pathlib import Path

import pytest

from ogi.extract import extract_document
from tests.corpus_labels import DOCS

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def results():
    return {name: extract_document((CORPUS / name).read_bytes(), name) for name in DOCS}


def _key(metric, dims, value, qualifier="exact"):
    return (metric, dims.get("applicant_type"), dims.get("content_category"), qualifier,
            round(float(value), 4))


@pytest.mark.parametrize("name", sorted(DOCS))
def test_metadata(results, name):
    doc_type, year, author, adcode, level, template, published = DOCS[name]["meta"]
    r = results[name]
    assert (r.doc_type, r.report_year, r.jurisdiction.name, r.jurisdiction.adcode,
            r.jurisdiction.level, r.template, r.publish_date) == \
        (doc_type, year, author, adcode, level, template, published)
    if "scope" in DOCS[name]:
        assert r.scope == DOCS[name]["scope"]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_figures_exactly(results, name):
    want = {_key(*f) for f in DOCS[name]["figures"]}
    got = {_key(f.metric, f.dims, f.value, f.qualifier) for f in results[name].figures}
    assert sorted(want - got, key=repr) == [], "missed"
    assert sorted(got - want, key=repr) == [], "invented"


@pytest.mark.parametrize("name", sorted(DOCS))
def test_derived_figures_are_marked_and_the_rest_printed(results, name):
    derived = {(f.metric, f.dims.get("applicant_type")) for f in results[name].figures
               if f.derived}
    assert derived == DOCS[name].get("derived", set())
    r = results[name]
    for f in r.figures:
        assert r.text[f.span[0]:f.span[1]] == f.evidence
        if not f.derived and f.value != 0 and not f.rule.startswith("prose:zero"):
            printed = f.evidence.replace(",", "").replace("+", "")
            assert str(abs(f.value)).rstrip("0").rstrip(".") in printed or \
                any(ch in printed for ch in "一二三四五六七八九十"), f


@pytest.mark.parametrize("name", sorted(DOCS))
def test_issues(results, name):
    assert {i.code for i in results[name].issues} == DOCS[name]["issues"]
