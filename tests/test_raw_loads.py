"""The load step commits slice by slice and the documents last: a load killed before its
documents leaves rows the next load finds by key and deletes, so the next load ends where an
uninterrupted one does; the scan goes in a row group at a time."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.loads_proxy import stage_copies, write_scan, write_template
from orchestration import raw_loads
from orchestration.raw_loads import load_staged, staged_files
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema
from tests.test_loads_proxy import DOCS, _source

ROOT = Path(__file__).resolve().parents[1]
COPIES = 2
_KILLED_LOAD = """
import sys
from pathlib import Path
from orchestration.raw_loads import load_staged, staged_files
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema
build_db, texts_dir, scan, staging = map(Path, sys.argv[1:])
load_staged(build_db, texts_dir, scan, staged_files(staging), "killed")
"""


@pytest.fixture()
def template(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The staged rows of a DOCS-document build and a scan of COPIES landing folders."""
    source = _source(tmp_path / "source")
    write_template(source, tmp_path / "template")
    scan = tmp_path / "scan.parquet"
    write_scan(source, tmp_path / "template", scan, "scan-2", COPIES)
    return source, tmp_path / "template", scan


def _staged(template: Path, staging: Path) -> dict[str, list[str]]:
    stage_copies(template, staging, range(COPIES))
    return staged_files(staging)


def _contents(build_db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(build_db), read_only=True) as con:
        return {
            "documents": con.execute("select document_id, extractor_version from "
                                     "raw.documents order by all").fetchall(),
            "figures": con.execute("select document_id, figure_seq from raw.figures "
                                   "order by all").fetchall(),
            "issues": con.execute("select document_id from raw.issues order by all").fetchall(),
            "texts": con.execute("select document_id, text from raw.document_texts "
                                 "order by all").fetchall(),
            "manifest": con.execute("select count(*) from raw.document_text_files").fetchall(),
            "scan": con.execute("select scan_id, count(*) from raw.source_files "
                                "group by all").fetchall(),
            "unfinished": con.execute("select count(*) from raw.unfinished_loads").fetchall(),
        }


def test_a_load_killed_before_its_documents_is_forgotten_by_the_next(
        tmp_path: Path, template: tuple[Path, Path, Path]) -> None:
    _, parts, scan = template
    whole = tmp_path / "whole" / "ogi_build.duckdb"
    load_staged(whole, whole.parent / "texts", scan, _staged(parts, tmp_path / "s1"), "full")
    expected = _contents(whole)
    assert len(expected["documents"]) == COPIES * DOCS
    assert len(expected["figures"]) == 2 * COPIES * DOCS
    assert len(expected["texts"]) == COPIES * DOCS
    assert expected["unfinished"] == [(0,)]

    build = tmp_path / "build" / "ogi_build.duckdb"
    texts_dir = build.parent / "texts"
    staging = tmp_path / "s2"
    _staged(parts, staging)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_LOAD, str(build), str(texts_dir), str(scan),
         str(staging)], cwd=ROOT, env={**os.environ, "OGI_CRASH_AT": "loads"},
        capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr.decode()
    left = _contents(build)
    # Everything but the documents had committed; the keys say whose rows they are.
    assert left["documents"] == []
    assert len(left["figures"]) == 2 * COPIES * DOCS
    assert left["manifest"] == [(COPIES * DOCS,)]
    assert left["unfinished"] == [(COPIES * DOCS,)]
    placed = sorted(p.name for p in texts_dir.iterdir())
    assert len(placed) == 3 * COPIES and all(n.startswith("killed-") for n in placed)

    # The extraction reads those documents again (none has a documents row), and loads them.
    loaded = load_staged(build, texts_dir, scan, _staged(parts, tmp_path / "s3"), "again")
    assert loaded["unfinished_keys_forgotten"] == COPIES * DOCS
    assert loaded["orphan_text_files"] == 3 * COPIES
    assert _contents(build) == expected
    assert all(p.name.startswith("again-") for p in texts_dir.iterdir())


def test_the_scan_goes_in_parts_once_and_only_the_latest_is_kept(
        tmp_path: Path, template: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, parts, scan = template
    build = tmp_path / "build" / "ogi_build.duckdb"
    with connect_for_loads(build) as con:
        ensure_raw_schema(con, build.parent / "texts")
    monkeypatch.setattr(raw_loads, "SCAN_ROWS_PER_TRANSACTION", 200)
    transactions = []
    connect = raw_loads.connect_for_loads
    monkeypatch.setattr(raw_loads, "connect_for_loads",
                        lambda path: transactions.append(path) or connect(path))
    assert raw_loads._load_scan(build, scan) == COPIES * (DOCS + 1)
    # The same scan again (a load of it killed before its end), its rows in 4 parts of 200.
    assert raw_loads._load_scan(build, scan) == COPIES * (DOCS + 1)
    assert len(transactions) == 2 * (1 + 4 + 1)
    assert _contents(build)["scan"] == [("scan-2", COPIES * (DOCS + 1))]
    load_staged(build, build.parent / "texts", scan, _staged(parts, tmp_path / "s1"), "full")
    assert _contents(build)["scan"] == [("scan-2", COPIES * (DOCS + 1))]
    later = tmp_path / "later.parquet"
    write_scan(source, parts, later, "scan-3", COPIES)
    load_staged(build, build.parent / "texts", later, staged_files(tmp_path / "none"), "none")
    assert _contents(build)["scan"] == [("scan-3", COPIES * (DOCS + 1))]
