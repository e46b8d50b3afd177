"""Hostile and broken inputs: each gets a clear recorded reason and the run goes on."""

import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ogi.extract import extract_document
from orchestration.assets import documents
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build
from tests.hostile import make_hostile_landing


def test_scan_gives_every_file_a_status_and_follows_no_link(tmp_path):
    expected = make_hostile_landing(tmp_path / "landing")
    rows = {r["path"]: r for r in documents.scan_folder(tmp_path / "landing", 20 * 1024 * 1024)}
    assert set(rows) == set(expected)
    assert rows["link_outside.txt"]["scan_status"] == "skipped"
    assert rows["link_outside.txt"]["document_id"] is None
    assert rows["huge.txt"]["scan_status"] == "too_large"
    assert rows["report_copy_b.txt"]["scan_status"] == "duplicate"
    assert rows["report_copy_b.txt"]["duplicate_of"] == "report_copy_a.txt"


def test_a_file_that_disappears_during_the_scan_is_recorded(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")
    real = documents._files
    monkeypatch.setattr(documents, "_files", lambda f: [*real(f), f / "renamed_away.txt"])
    rows = {r["path"]: r for r in documents.scan_folder(tmp_path, 1 << 20)}
    assert rows["renamed_away.txt"]["scan_status"] == "unreadable"
    assert "No such file" in rows["renamed_away.txt"]["scan_reason"]


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
