"""bench/scan_proxy.py scans k copies of a corpus made of hard links with the build's own scan,
in a process of its own (README Performance): every copy listed and hashed, the copies after
the first marked duplicates of it, and a second scan hashing only the files added since."""

import os
from pathlib import Path

from bench.scan_proxy import _as_last_scan, link_copies, run_scan


def test_copies_are_links_scanned_as_duplicates_and_rescanned_by_what_changed(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"doc_{n}.txt").write_text(f"report {n}", encoding="utf-8")
    (corpus / "truth.jsonl").write_text("{}", encoding="utf-8")  # the labels, not a document
    landing = tmp_path / "landing"
    assert link_copies(corpus, landing, range(3)) == 12
    linked = landing / "copy-002" / "doc_3.txt"
    assert os.path.samefile(linked, corpus / "doc_3.txt")  # no bytes copied

    seconds, peak_mb, scan = run_scan(landing, tmp_path / "scan", None)
    assert scan["files"] == scan["hashed"] == 12
    assert scan["statuses"] == {"ok": 4, "duplicate": 8}
    assert seconds > 0 and peak_mb > 50  # the child imported the build's definitions

    _as_last_scan(tmp_path / "scan" / "scan.parquet", tmp_path / "ogi_build.duckdb")
    assert link_copies(corpus, landing, range(3, 4), limit=2) == 2
    _, _, again = run_scan(landing, tmp_path / "scan", tmp_path / "ogi_build.duckdb")
    assert again["files"] == 14 and again["hashed"] == 2
    assert again["statuses"] == {"ok": 4, "duplicate": 10}
