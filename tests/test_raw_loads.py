"""The load step commits slice by slice and marks itself finished last: the rows of a load
killed before its end are read again by the extraction and deleted by the next load (or
before dbt runs on its own), so the next load ends where an uninterrupted one does; the scan
goes in a row group at a time."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.loads_proxy import stage_copies, write_scan, write_template
from orchestration import raw_loads
from orchestration.assets.extraction import _todo
from orchestration.raw_loads import forget_unfinished_loads, load_staged, staged_files
from orchestration.unfinished_loads import key_files, keys_dir, keys_sql
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema
from tests.test_loads_proxy import DOCS, _source

ROOT = Path(__file__).resolve().parents[1]
COPIES = 2
_KILLED_LOAD = """
import sys
from pathlib import Path
from orchestration.raw_loads import load_staged, staged_files
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
            "unfinished": con.execute(
                f"select count(*) from ({keys_sql(files)})" if (files := key_files(build_db))
                else "select 0").fetchall(),
        }


def _killed_load(tmp_path: Path, parts: Path, scan: Path, folder: str = "build") -> Path:
    """A build database whose load was killed (SIGKILL) after its last row, before its end."""
    build = tmp_path / folder / "ogi_build.duckdb"
    staging = tmp_path / "s2"
    _staged(parts, staging)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_LOAD, str(build), str(build.parent / "texts"),
         str(scan), str(staging)], cwd=ROOT, env={**os.environ, "OGI_CRASH_AT": "loads"},
        capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr.decode()
    return build


def _version(build_db: Path) -> str:
    with duckdb.connect(str(build_db), read_only=True) as con:
        return con.execute("select distinct extractor_version from raw.documents").fetchone()[0]


def test_a_killed_load_is_read_again_and_forgotten_by_the_next(
        tmp_path: Path, template: tuple[Path, Path, Path]) -> None:
    _, parts, scan = template
    whole = tmp_path / "whole" / "ogi_build.duckdb"
    load_staged(whole, whole.parent / "texts", scan, _staged(parts, tmp_path / "s1"), "full")
    expected = _contents(whole)
    assert len(expected["documents"]) == COPIES * DOCS
    assert len(expected["figures"]) == 2 * COPIES * DOCS
    assert len(expected["texts"]) == COPIES * DOCS
    assert expected["unfinished"] == [(0,)]
    version = _version(whole)
    ok = _todo(scan, whole, version, tmp_path / "todo-whole.parquet")
    assert ok == (0, COPIES * DOCS)

    build = _killed_load(tmp_path, parts, scan)
    texts_dir = build.parent / "texts"
    left = _contents(build)
    # Every row had committed; the keys say whose rows they are and that the load is not done.
    assert left["documents"] == expected["documents"]
    assert len(left["figures"]) == 2 * COPIES * DOCS
    assert left["manifest"] == [(COPIES * DOCS,)]
    assert left["unfinished"] == [(COPIES * DOCS,)]
    assert [Path(f).name for f in key_files(build)] == ["killed-00000.parquet"]
    placed = sorted(p.name for p in texts_dir.iterdir())
    assert len(placed) == 3 * COPIES and all(n.startswith("killed-") for n in placed)

    # The extraction reads those documents again although they have documents rows...
    assert _todo(scan, build, version, tmp_path / "todo.parquet") == (COPIES * DOCS, 0)
    assert _todo(scan, build, "other", tmp_path / "todo-other.parquet") == (COPIES * DOCS, 0)
    # ...and the next load deletes their rows before loading them again.
    loaded = load_staged(build, texts_dir, scan, _staged(parts, tmp_path / "s3"), "again")
    assert loaded["unfinished_keys_forgotten"] == COPIES * DOCS
    assert loaded["orphan_text_files"] == 3 * COPIES
    assert _contents(build) == expected
    assert not keys_dir(build).exists()
    assert all(p.name.startswith("again-") for p in texts_dir.iterdir())
    assert _todo(scan, build, version, tmp_path / "todo-again.parquet") == (0, COPIES * DOCS)


def test_dbt_on_its_own_after_a_killed_load_sees_no_row_of_it(
        tmp_path: Path, template: tuple[Path, Path, Path]) -> None:
    _, parts, scan = template
    build = _killed_load(tmp_path, parts, scan, "the build's folder")
    # A keys file cut short by a kill is written under another name and never read.
    (keys_dir(build) / "cut-00000.parquet.partial").write_bytes(b"PAR1 cut short")
    assert forget_unfinished_loads(build) == COPIES * DOCS
    left = _contents(build)
    assert left["documents"] == left["figures"] == left["issues"] == []
    assert left["manifest"] == left["unfinished"] == [(0,)]
    assert not keys_dir(build).exists()
    assert forget_unfinished_loads(build) == 0
    assert forget_unfinished_loads(tmp_path / "none" / "ogi_build.duckdb") == 0
    assert not (tmp_path / "none").exists()


def test_keys_an_older_database_kept_in_a_table_are_read_again_and_forgotten(
        tmp_path: Path, template: tuple[Path, Path, Path]) -> None:
    _, parts, scan = template
    build = tmp_path / "build" / "ogi_build.duckdb"
    load_staged(build, build.parent / "texts", scan, _staged(parts, tmp_path / "s1"), "old")
    version = _version(build)
    # Before the keys were files, a killed load left them in raw.unfinished_loads.
    with duckdb.connect(str(build)) as con:
        con.execute("create table raw.unfinished_loads as select document_id, extractor_version"
                    f" from raw.documents order by document_id limit {DOCS}")
    assert _todo(scan, build, version, tmp_path / "todo.parquet") == (DOCS, (COPIES - 1) * DOCS)
    assert forget_unfinished_loads(build) == DOCS
    left = _contents(build)
    assert len(left["documents"]) == (COPIES - 1) * DOCS
    assert len(left["figures"]) == 2 * (COPIES - 1) * DOCS
    assert left["manifest"] == [((COPIES - 1) * DOCS,)]
    with duckdb.connect(str(build), read_only=True) as con:
        assert con.execute("select count(*) from information_schema.tables "
                           "where table_name = 'unfinished_loads'").fetchone() == (0,)
    assert forget_unfinished_loads(build) == 0


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


def test_a_connection_appends_about_a_row_group_then_closes(
        tmp_path: Path, template: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, parts, _ = template
    documents = _staged(parts, tmp_path / "s1")["documents"]  # 125, 125, 50 rows a copy
    build = tmp_path / "build" / "ogi_build.duckdb"
    with connect_for_loads(build) as con:
        ensure_raw_schema(con)
    monkeypatch.setattr(raw_loads, "ROW_GROUP_SIZE", 250)
    connections = []
    connect = raw_loads.connect_for_loads
    monkeypatch.setattr(raw_loads, "connect_for_loads",
                        lambda path: connections.append(path) or connect(path))
    sql = "insert into raw.documents by name select * from read_parquet(?)"
    # 125 + 125 on the first, 50 + 125 + 125 on the second, 50 on the third.
    assert raw_loads._appended(build, sql, ([f] for f in documents)) == COPIES * DOCS
    assert len(connections) == 3
    with duckdb.connect(str(build), read_only=True) as con:
        assert con.execute("select count(*) from raw.documents").fetchone()[0] == COPIES * DOCS
