"""Hostile and broken inputs: each gets a clear recorded reason and the run goes on."""

import hashlib
import os
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ogi.extract import extract_document
from orchestration import scan
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build
from orchestration.warehouse_db import ensure_raw_schema
from tests.hostile import make_hostile_landing


def _scan(folder: Path, max_bytes: int, out: Path, build_db: Path | None = None) -> dict:
    result = scan.scan_folder(folder, max_bytes, out, build_db)
    with duckdb.connect() as con:
        rows = con.execute("select * from read_parquet(?)", [str(result.path)]).df()
    return {r["path"]: r for r in rows.replace({float("nan"): None}).to_dict("records")}


def test_scan_gives_every_file_a_status_and_follows_no_link(tmp_path):
    expected = make_hostile_landing(tmp_path / "landing")
    rows = _scan(tmp_path / "landing", 20 * 1024 * 1024, tmp_path / "scan")
    assert set(rows) == set(expected)
    assert rows["link_outside.txt"]["scan_status"] == "skipped"
    assert rows["link_outside.txt"]["document_id"] is None
    assert rows["huge.txt"]["scan_status"] == "too_large"
    assert rows["report_copy_b.txt"]["scan_status"] == "duplicate"
    assert rows["report_copy_b.txt"]["duplicate_of"] == "report_copy_a.txt"


def test_a_file_that_disappears_during_the_scan_is_recorded(tmp_path, monkeypatch):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.txt").write_text("报告", encoding="utf-8")
    (landing / "renamed_away.txt").write_text("报告二", encoding="utf-8")
    real = scan.walk

    def walk_then_rename(folder: Path):
        for rel, entry in real(folder):
            (folder / "renamed_away.txt").unlink(missing_ok=True)  # listed, then gone
            yield rel, entry

    monkeypatch.setattr(scan, "walk", walk_then_rename)
    rows = _scan(landing, 1 << 20, tmp_path / "scan")
    assert rows["renamed_away.txt"]["scan_status"] == "unreadable"
    assert "No such file" in rows["renamed_away.txt"]["scan_reason"]
    assert rows["a.txt"]["scan_status"] == "ok"


def test_a_folder_that_cannot_be_listed_is_recorded(tmp_path):
    landing = tmp_path / "landing"
    (landing / "locked").mkdir(parents=True)
    (landing / "locked" / "r.txt").write_text("报告", encoding="utf-8")
    (landing / "locked").chmod(0)
    try:
        rows = _scan(landing, 1 << 20, tmp_path / "scan")
    finally:
        (landing / "locked").chmod(0o755)
    if os.geteuid() == 0:  # root lists any folder: the file is simply there
        assert rows["locked/r.txt"]["scan_status"] == "ok"
    else:
        assert rows["locked"]["scan_status"] == "unreadable"


def test_a_rescan_reads_only_changed_files(tmp_path, monkeypatch):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in ("a.txt", "b.txt", "sub/c.txt", "sub/d.txt"):
        (landing / name).parent.mkdir(exist_ok=True)
        (landing / name).write_text(f"报告 {name}", encoding="utf-8")
    (landing / "sub" / "d.txt").write_text("报告 a.txt", encoding="utf-8")  # a's bytes
    db = tmp_path / "build.duckdb"
    first = scan.scan_folder(landing, 1 << 20, tmp_path / "s1", db)
    with duckdb.connect(str(db)) as con:
        ensure_raw_schema(con)
        con.execute("insert into raw.source_files by name select * from read_parquet(?)",
                    [str(first.path)])
    assert first.hashed == 4
    (landing / "b.txt").write_text("报告 b, corrected", encoding="utf-8")
    read: list[str] = []
    real = scan._sha256
    monkeypatch.setattr(scan, "_sha256", lambda p: (read.append(p.name), real(p))[1])
    rows = _scan(landing, 1 << 20, tmp_path / "s2", db)
    assert read == ["b.txt"]
    assert rows["sub/d.txt"]["scan_status"] == "duplicate"
    assert rows["sub/d.txt"]["duplicate_of"] == "a.txt"
    assert rows["b.txt"]["document_id"] == hashlib.sha256("报告 b, corrected".encode()).hexdigest()


def test_parse_time_limit_is_recorded():
    text = ("政府信息公开工作年度报告\n" + "共收到政府信息公开申请3件。" * 20000).encode()
    result = extract_document(text, "slow.txt", max_seconds=0.01)
    assert result.doc_type == "unreadable"
    assert result.issues[0].code == "parse_time_limit"


def test_pathological_inputs_finish_quickly(tmp_path):
    make_hostile_landing(tmp_path / "landing")
    for name in ("nested.html", "entity_bomb.html", "long_line.txt"):
        start = time.perf_counter()
        result = extract_document((tmp_path / "landing" / name).read_bytes(), name)
        assert result.doc_type in {"other", "annual_report", "unreadable"}
        # Measured, not asserted as a benchmark: printed for the record.
        print(name, f"{time.perf_counter() - start:.2f}s")


@pytest.mark.slow
def test_the_pipeline_accounts_for_every_hostile_input(tmp_path):
    expected = make_hostile_landing(tmp_path / "landing")
    settings = WarehouseSettings(landing_dir=str(tmp_path / "landing"),
                                 samples_dir=str(tmp_path / "landing"),
                                 warehouse_path=str(tmp_path / "wh" / "ogi.duckdb"), workers=1)
    result = run_build(settings, dg.DagsterInstance.ephemeral())
    assert result.success
    with duckdb.connect(settings.warehouse_path, read_only=True) as con:
        got = dict(con.execute("select path, status from marts.dim_source_file").fetchall())
        reasons = dict(con.execute("select path, reason from marts.dim_source_file").fetchall())
        primary = con.execute("select count(*) from marts.dim_report where "
                              "jurisdiction_name = '长沙市开福区' and report_year = 2012 "
                              "and is_primary").fetchone()[0]
        text = con.execute("select count(*) from raw.document_texts "
                           "where text like '%not for the warehouse%'").fetchone()[0]
        injected = con.execute("select count(*) from raw.document_texts "
                               "where text like '%drop schema marts%'").fetchone()[0]
    assert got == expected
    assert all(reasons.values())
    assert primary == 1  # two versions of one report: one speaks for 开福区 2012
    assert text == 0  # the symlink's target never entered the warehouse
    assert injected == 1  # stored as text; the marts it names are all there
    assert Path(settings.warehouse_path).exists()
