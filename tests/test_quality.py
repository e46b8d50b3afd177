"""Data-quality contracts: each test breaks one, and the publish gate holds.

Real builds (Dagster in process, DuckDB, dbt, GX) in temporary folders.
"""

import hashlib
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.definitions import make_definitions
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build
from tests.browser import chromium, render

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
INGEST = {"landing_documents", "extracted_reports", "raw_tables"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settings(base: Path) -> WarehouseSettings:
    return WarehouseSettings(landing_dir=str(base / "landing"), samples_dir=str(base / "landing"),
                             warehouse_path=str(base / "wh" / "ogi.duckdb"), workers=1)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("quality")
    shutil.copytree(ROOT / "data" / "samples", base / "landing")
    shutil.copy(ROOT / "tests" / "corpus" / "t09_blank_total_broken_2020.txt", base / "landing")
    result = run_build(_settings(base), dg.DagsterInstance.ephemeral())
    assert result.success
    return base, result


@pytest.fixture
def built(first_build, tmp_path):
    """A private copy of one good build (landing, build database, GX project, published file),
    so each test can break its own without building from scratch."""
    base, result = first_build
    shutil.copytree(base, tmp_path / "copy", symlinks=True)
    return _settings(tmp_path / "copy"), dg.DagsterInstance.ephemeral(), result


def _failed(settings, run_id):
    with duckdb.connect(str(settings.build_db), read_only=True) as con:
        return con.execute("select layer, suite, check_name, column_name, severity from "
                           "quality.check_results where run_id = ? and not passed",
                           [run_id]).fetchall()


def _write(settings, sql):
    with duckdb.connect(str(settings.build_db)) as con:
        con.execute(sql)


def test_broken_identity_is_a_warning_and_is_listed(built):
    settings, _, result = built
    failed = _failed(settings, result.run_id)
    assert ("gx", "identities", "expect_column_pair_values_to_be_equal", "inflow", "warn") in failed
    assert all(sev == "warn" for *_, sev in failed)
    with duckdb.connect(settings.warehouse_path, read_only=True) as con:
        rows = con.execute("select jurisdiction_name, report_year, inflow, outflow, "
                           "extraction_flagged_break from marts.fct_report_identities "
                           "where not reconciles").fetchall()
    assert rows == [("某某镇人民政府", 2020, 3.0, 4.0, True)]


def test_fact_without_a_document_blocks_publishing(built):
    settings, instance, _ = built
    before = _sha(Path(settings.warehouse_path))
    _write(settings, "insert into raw.figures select * replace ('0' || substr(document_id, 2) "
           "as document_id) from raw.figures limit 1")
    result = run_build(settings, instance)
    assert not result.success
    assert _sha(Path(settings.warehouse_path)) == before
    assert ("gx", "cross_table", "expect_column_max_to_be_between",
            "raw_figures_without_document", "error") in _failed(settings, result.run_id)


def test_a_document_that_vanished_blocks_publishing(built):
    settings, instance, _ = built
    before = _sha(Path(settings.warehouse_path))
    # The scan saw the file, but its extraction is gone: run everything after the loads.
    _write(settings, "delete from raw.documents where document_id = "
           "(select min(document_id) from raw.documents where doc_type = 'annual_report')")
    job = make_definitions(settings).resolve_implicit_global_asset_job_def()
    keys = [k for k in job.asset_layer.executable_asset_keys
            if k.to_user_string() not in INGEST]
    result = job.execute_in_process(instance=instance, asset_selection=keys,
                                    raise_on_error=False)
    assert not result.success
    assert _sha(Path(settings.warehouse_path)) == before
    failed = _failed(settings, result.run_id)
    assert ("gx", "dim_source_file", "expect_column_values_to_be_in_set", "status",
            "error") in failed


@pytest.mark.skipif(chromium() is None, reason="chromium not installed")
def test_data_docs_open_in_a_browser_with_the_suites(built, tmp_path):
    settings, _, _ = built
    index = settings.data_docs / "index.html"
    assert index.exists()
    shot = tmp_path / "data_docs.png"
    dom = render(index, shot)
    assert shot.stat().st_size > 10_000
    assert "data-quality contracts" in dom
    for suite in ("fct_applications", "cross_table", "coverage", "identities", "dim_report"):
        assert f"<b>{suite}</b>" in dom
    assert "WARN failed" in dom  # the broken identity of the 某某镇 report


@pytest.mark.skipif(chromium() is None, reason="chromium not installed")
def test_dbt_docs_and_report_are_published_and_render(built, tmp_path):
    settings, _, _ = built
    dom = render(settings.dbt_docs_html, tmp_path / "dbt_docs.png")
    assert (tmp_path / "dbt_docs.png").stat().st_size > 10_000
    assert "ogi_warehouse" in dom
    for model in ("fct_applications", "dim_report", "mart_report_summary"):
        assert model in dom
    assert settings.report_html.exists()
