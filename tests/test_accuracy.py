"""Measured accuracy: `ogi evaluate` on a 1,000-document synthetic corpus of both eras and
all layouts, with a seed the extractor was not tuned on."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ogi.cli import extract_path
from ogi.evaluate import FAMILIES, evaluate_dir

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run([sys.executable, "-m", "ogi.cli", "synth", "--n", "1000", "--seed", "2026",
                    "--out", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def evaluation(corpus):
    return evaluate_dir(corpus)


def test_every_family_precision_1_recall_099(evaluation):
    for family in FAMILIES:
        tally = evaluation.families[family]
        assert tally.tp + tally.fn > 0, f"{family}: the corpus has no truth for it"
        assert tally.precision == 1.0, (family, tally)
        assert tally.recall >= 0.99, (family, tally)


def test_documents_years_authors_and_broken_identities(evaluation):
    assert evaluation.doc_type.accuracy >= 0.99
    assert evaluation.report_year.accuracy >= 0.99
    assert evaluation.adcode.accuracy >= 0.99


def test_evaluate_command_enforces_thresholds(corpus):
    ok = subprocess.run([sys.executable, "-m", "ogi.cli", "evaluate", str(corpus),
                         "--min-precision", "1.0", "--min-recall", "0.99", "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout[-2000:]
    assert json.loads(ok.stdout)["documents"] == 1000


def _printed(evidence: str, value: float) -> bool:
    digits = evidence.replace(",", "").replace("+", "")
    number = str(abs(value)) if value != int(value) else str(abs(int(value)))
    return number in digits or any(ch in evidence for ch in CHINESE_DIGITS)


def test_spans_hold_the_printed_number_and_empty_documents_say_why(corpus):
    paths = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))[:300]
    for path in paths:
        result = extract_path(path)
        assert result.figures or result.issues, path
        for f in result.figures:
            assert result.text[f.span[0]:f.span[1]] == f.evidence
            if f.derived or f.rule.startswith("prose:zero"):
                continue
            assert _printed(f.evidence, f.value), (path.name, f.metric, f.value, f.evidence)
            if f.rule.startswith("table"):
                assert re.search(r"\d", f.evidence)
