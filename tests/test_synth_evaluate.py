"""`ogi synth` writes a reproducible, self-consistent corpus; `ogi evaluate` scores it.

Nothing here asserts the extractor's accuracy (it is being rewritten): only that the
truth is right and that evaluate produces its numbers.
"""

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import opencc
import pytest

from ogi.catalog import metrics
from ogi.cli import main
from ogi.evaluate import FAMILIES, Evaluation, evaluate_dir, match_figures
from ogi.synth import APPLICANTS, disposition_groups, generate, write_corpus

QUALIFIERS = {"exact", "approx", "at_least", "at_most", "cumulative", "partial_year"}
LEVELS = {"province", "prefecture", "county", "district", "township", "department"}
NOT_PRINTED = {"disp.denied.total", "disp.unable.total", "disp.not_processed.total"}
APPLICANT_METRICS = re.compile(r"^(app\.received|app\.carried_in|app\.carried_out|disp\.(?!pre\.).*)$")
_T2S = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    write_corpus(out, 120, 11)
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text("utf-8").splitlines()]
    return out, truth


def _text(out: Path, row: dict) -> str:
    return (out / row["file"]).read_bytes().decode(row["encoding"])


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_same_seed_gives_same_bytes(tmp_path):
    assert main(["synth", "--n", "25", "--seed", "5", "--out", str(tmp_path / "a")]) == 0
    write_corpus(tmp_path / "b", 25, 5)
    write_corpus(tmp_path / "c", 25, 6)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert len(a) == 26  # 25 documents and truth.jsonl
    assert a["truth.jsonl"] != c["truth.jsonl"]
    assert sum(a.get(name) != data for name, data in c.items()) > 20


def test_worker_processes_write_the_same_bytes(tmp_path):
    write_corpus(tmp_path / "one", 150, 3)
    assert main(["synth", "--n", "150", "--seed", "3", "--workers", "2",
                 "--out", str(tmp_path / "two")]) == 0
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(one) == 151
    assert one == two


def test_rerun_with_fewer_documents_leaves_no_stale_files(tmp_path):
    write_corpus(tmp_path, 12, 1)
    (tmp_path / "notes.md").write_text("mine")
    write_corpus(tmp_path, 4, 1)
    names = sorted(p.name for p in tmp_path.iterdir())
    truth = [json.loads(line)["file"] for line in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert names == sorted([*truth, "notes.md", "truth.jsonl"])


def test_bytes_do_not_depend_on_hash_seed(tmp_path):
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "ogi.cli", "synth", "--n", "8", "--seed", "9",
                        "--out", str(tmp_path / seed)], check=True, env=env, capture_output=True)
    assert _files(tmp_path / "1") == _files(tmp_path / "2")


def test_truth_lists_every_file_sorted(corpus):
    out, truth = corpus
    names = [row["file"] for row in truth]
    assert names == sorted(names)
    assert set(names) | {"truth.jsonl"} == {p.name for p in out.iterdir()}
    assert {n.rsplit(".", 1)[1] for n in names} == {"txt", "html"}
    for row in truth:
        assert set(row) >= {"file", "doc_type", "report_year", "jurisdiction", "template", "encoding",
                            "traditional", "identity_broken", "figures"}


def test_sizes_are_within_5_to_60_kb(corpus):
    out, truth = corpus
    for row in truth:
        assert 5 * 1024 <= (out / row["file"]).stat().st_size <= 60_000, row["file"]


def test_encodings_really_are_what_truth_says(corpus):
    out, truth = corpus
    seen = Counter(row["encoding"] for row in truth)
    assert set(seen) <= {"utf-8", "gb18030", "big5"} and seen["utf-8"] > len(truth) / 2
    for row in truth:
        data = (out / row["file"]).read_bytes()
        data.decode(row["encoding"])  # strict
        if row["encoding"] != "utf-8":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")


def test_traditional_documents_are_traditional(corpus):
    out, truth = corpus
    assert any(row["traditional"] for row in truth)
    for row in truth:
        text = _text(out, row)
        if row["traditional"]:
            assert "公開" in text and "公开" not in text
            assert sum(a != b for a, b in zip(text, _T2S.convert(text), strict=False)) > 50
        else:
            assert "公开" in text and "公開" not in text


def test_figures_use_catalog_codes_and_allowed_dims(corpus):
    _, truth = corpus
    catalog = metrics()
    for row in truth:
        assert row["jurisdiction"]["level"] in LEVELS
        assert re.fullmatch(r"\d{6}", row["jurisdiction"]["adcode"])
        if row["doc_type"] == "other":
            assert row["figures"] == [] and row["report_year"] is None and row["template"] is None
            continue
        era = {"narrative": (2008, 2018), "table_2019": (2019, 2020), "table_2021": (2021, 2024)}
        lo, hi = era[row["template"]]
        assert lo <= row["report_year"] <= hi
        keys = set()
        for fig in row["figures"]:
            metric, dims = fig["metric"], fig["dims"]
            assert metric in catalog and metric not in NOT_PRINTED
            assert not (row["template"] == "table_2021" and metric == "disp.other.total")
            assert fig["qualifier"] in QUALIFIERS and isinstance(fig["derived"], bool)
            if metric == "pro.pre.by_content":
                assert set(dims) == {"content_category"}
            elif APPLICANT_METRICS.match(metric):
                assert set(dims) == {"applicant_type"}
                assert dims["applicant_type"] in {code for code, _ in APPLICANTS}
                if row["template"] == "narrative":
                    assert dims["applicant_type"] == "total"
            else:
                assert dims == {}
            key = (metric, tuple(sorted(dims.items())), fig["qualifier"])
            assert key not in keys, key
            keys.add(key)


def _cells(row: dict) -> dict[tuple[str, str | None], float]:
    return {(f["metric"], f["dims"].get("applicant_type")): f["value"] for f in row["figures"]}


def _identities(row: dict) -> dict[str, bool]:
    """Which identities of the 2019/2021 form hold in this truth (True = holds)."""
    v = _cells(row)
    era = 2019 if row["template"] == "table_2019" else 2021
    leaves = [m for _, group in disposition_groups(era) for m, _, _ in group]
    rows = ["app.received", "app.carried_in", *leaves, "disp.total", "app.carried_out"]
    parts = [code for code, _ in APPLICANTS[:6]]

    def t(metric: str) -> float:
        return v[(metric, "total")]

    return {
        "balance": t("app.received") + t("app.carried_in") == t("disp.total") + t("app.carried_out"),
        "disposition_total": t("disp.total") == sum(t(m) for m in leaves),
        "row_total": all(t(m) == sum(v[(m, p)] for p in parts) for m in rows),
        "review_total": all(v[(f"{p}.total", None)] == sum(v[(f"{p}.{o}", None)] for o in
                                                           ("upheld", "corrected", "other", "pending"))
                            for p in ("rl.review", "rl.lit_direct", "rl.lit_after_review")),
    }


def test_table_identities_hold_unless_broken_on_purpose(corpus):
    _, truth = corpus
    tables = [row for row in truth if row["template"] in ("table_2019", "table_2021")]
    assert tables
    for row in tables:
        held = _identities(row)
        broken = row["identity_broken"]
        if broken:
            assert not held[broken], row["file"]
            assert all(ok for name, ok in held.items() if name != broken), row["file"]
        else:
            assert all(held.values()), (row["file"], held)


def test_derived_totals_are_sums_of_printed_parts():
    docs = [d.truth for d in generate(400, 2)]
    derived = [(row, f) for row in docs for f in row["figures"] if f["derived"]]
    assert derived, "some table reports leave a 总计 blank"
    for row, fig in derived:
        assert row["blank_cells"] == "total" and fig["dims"]["applicant_type"] == "total"
        v = _cells(row)
        assert fig["value"] == sum(v[(fig["metric"], code)] for code, _ in APPLICANTS[:6])


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CN = "零一二三四五六七八九十"


def test_non_derived_values_are_printed(corpus):
    out, truth = corpus
    for row in truth:
        text = _T2S.convert(_text(out, row))
        printed = {float(n) for n in _NUMBER.findall(text)}
        for fig in row["figures"]:
            value = abs(fig["value"])
            if fig["derived"] or value == 0:
                continue  # blank totals; zero statements and blank zero cells print no 0
            numerals = {_CN[int(value)], "两"} if value <= 10 and value == int(value) else set()
            chinese = any(re.search(f"{n}[件条次起]", text) for n in numerals if n != "两" or value == 2)
            assert float(value) in printed or chinese, (row["file"], fig)


def test_mix_of_eras_layouts_and_quirks():
    docs = [d.truth for d in generate(400, 3)]
    n = len(docs)
    reports = [r for r in docs if r["doc_type"] == "annual_report"]
    tables = [r for r in reports if r["template"] != "narrative"]
    assert 0.03 < (n - len(reports)) / n < 0.14
    assert 0.3 < (len(reports) - len(tables)) / len(reports) < 0.5
    assert {r["template"] for r in tables} == {"table_2019", "table_2021"}
    assert {r["layout"] for r in tables} == {"html", "pipe", "cell_per_line", "label_run"}
    assert {r["encoding"] for r in docs} == {"utf-8", "gb18030", "big5"}
    assert 0.05 < sum(r["traditional"] for r in docs) / n < 0.16
    assert 0.01 < sum(bool(r["identity_broken"]) for r in tables) / len(tables) < 0.12
    assert {r["blank_cells"] for r in tables} == {None, "zeros", "total"}
    assert {r["jurisdiction"]["level"] for r in docs} == LEVELS
    quals = {f["qualifier"] for r in reports for f in r["figures"]}
    assert {"exact", "approx", "cumulative"} <= quals


def test_match_figures_keys_and_tolerance():
    truth = [{"metric": "app.received", "dims": {"applicant_type": "total"}, "value": 82, "qualifier": "exact"},
             {"metric": "pro.total", "dims": {}, "value": 12000, "qualifier": "approx"}]
    extracted = [
        {"metric": "app.received", "dims": {"applicant_type": "total", "x": "y"}, "value": 82.0000001,
         "qualifier": "exact"},
        {"metric": "app.received", "dims": {"applicant_type": "total"}, "value": 82, "qualifier": "exact"},
        {"metric": "pro.total", "dims": {}, "value": 12000, "qualifier": "exact"},
    ]
    tp, fp, fn = match_figures(truth, extracted)
    assert [f["metric"] for f in tp] == ["app.received"]
    assert len(fp) == 2 and [f["metric"] for f in fn] == ["pro.total"]


def test_figures_from_lookalikes_are_false_positives():
    ev = Evaluation()
    ev.add({"doc_type": "other", "report_year": None, "template": None, "figures": [],
            "jurisdiction": {"adcode": "620700"}, "identity_broken": False},
           {"doc_type": "annual_report", "jurisdiction": {"adcode": "620700"},
            "figures": [{"metric": "app.received", "dims": {}, "value": 3, "qualifier": "exact"}]})
    assert ev.families["app"].fp == 1 and ev.doc_type.correct == 0 and ev.adcode.correct == 1


def test_perfect_extractor_scores_one(corpus):
    out, truth = corpus
    by_name = {row["file"]: row for row in truth}

    def perfect(path: Path) -> dict:
        row = by_name[path.name]
        issues = [{"code": "identity_broken", "message": "x"}] if row["identity_broken"] else []
        return {"doc_type": row["doc_type"], "report_year": row["report_year"],
                "jurisdiction": row["jurisdiction"], "figures": row["figures"], "issues": issues}

    data = evaluate_dir(out, perfect).to_json()
    for fam in FAMILIES:
        f = data["families"][fam]
        assert f["fp"] == 0 and f["fn"] == 0 and f["recall"] in (1.0, None)
    assert data["doc_type"]["accuracy"] == data["report_year"]["accuracy"] == 1.0
    assert data["identity_break"]["recall"] == 1.0


def test_evaluate_prints_a_row_per_family(tmp_path, capsys):
    root = tmp_path / "c"
    assert main(["synth", "--n", "20", "--seed", "1", "--out", str(root)]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    starts = {line.split()[0] for line in lines if line.strip()}
    assert set(FAMILIES) <= starts
    family_rows = [line for line in lines if line.split()[:1] and line.split()[0] in FAMILIES]
    assert all(len(line.split()) == 7 for line in family_rows)
    text = "\n".join(lines)
    for label in ("doc_type accuracy", "report_year accuracy", "jurisdiction adcode accuracy",
                  "identity_broken detection"):
        assert label in text

    assert main(["evaluate", str(root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 20 and set(FAMILIES) <= set(data["families"])
    assert {"tp", "fp", "fn", "precision", "recall"} <= set(data["families"]["disp"])

    # Recall can never reach 1.01, so any family with truth fails the threshold.
    assert main(["evaluate", str(root), "--min-recall", "1.01"]) == 1


def test_evaluate_needs_truth(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "truth.jsonl" in capsys.readouterr().err


def test_workers_stop_on_sigterm_even_when_the_parent_ignores_it():
    """Leaving the pool terminates its workers with SIGTERM; a parent that ignores SIGTERM
    (a library in the test run did) passes that on, and an idle worker then hung the run."""
    code = ("import multiprocessing, signal\n"
            "from ogi.synth import _terminable\n"
            "if __name__ == '__main__':\n"
            "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "    with multiprocessing.get_context('spawn').Pool(1, initializer=_terminable) as p:\n"
            "        print(p.apply(signal.getsignal, (signal.SIGTERM,)) == signal.SIG_DFL)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "True", done.stderr
