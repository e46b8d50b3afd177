"""`ogi extract` keeps the JSON Lines contract of CONTRACT.md."""

import hashlib
import json
import subprocess
import sys

QUALIFIERS = {"exact", "approx", "at_least", "at_most", "cumulative", "partial_year"}
LEVELS = {"province", "prefecture", "county", "district", "township", "department", "unknown"}


def _run(*paths):
    out = subprocess.run([sys.executable, "-m", "ogi.cli", "extract", *map(str, paths)],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_extract_prints_one_object_per_file(samples_dir, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"\x00\xff\x00\xfe" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    rows = _run(samples_dir, broken, empty)
    assert len(rows) == 7
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_name["broken.html"]["doc_type"] == "unreadable"
    assert "empty" in by_name["empty.txt"]["doc_type_reason"]
    for path in samples_dir.iterdir():
        row = by_name[path.name]
        assert row["document_id"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for row in rows:
        assert row["doc_type"] in {"annual_report", "other", "unreadable"}
        assert row["doc_type_reason"]
        assert set(row["jurisdiction"]) >= {"name", "adcode", "level"}
        assert row["jurisdiction"]["level"] in LEVELS
        assert row["scope"] in {"own", "consolidated", "department", None}
        assert row["template"] in {"narrative", "table_2019", "table_2021", None}
        for fig in row["figures"]:
            assert fig["qualifier"] in QUALIFIERS
            assert set(fig) >= {"metric", "dims", "value", "qualifier", "unit", "span", "evidence"}
            assert fig["span"][1] - fig["span"][0] == len(fig["evidence"])
        for issue in row["issues"]:
            assert issue["code"] and issue["message"]


def test_output_is_utf8_not_ascii_escaped(samples_dir):
    out = subprocess.run([sys.executable, "-m", "ogi.cli", "extract",
                          str(samples_dir / "004_bd2e2405f5c36c92.txt")],
                         capture_output=True, check=True)
    assert "长沙市开福区".encode() in out.stdout
    assert b"\\u" not in out.stdout
