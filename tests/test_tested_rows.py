"""dbt tests of the figure tables read only the rows new since the last passing build.

A build whose every test passed is recorded in quality.dbt_passing_builds; tests of
int_figures_enriched, the fct_* views and stg_figures then read the rows that arrived after
it (macros/tested_rows.sql). What must hold: rows a failed build wrote are tested again by
the next build until they pass, and a row left from an old state is caught by the one
unfiltered test, rows_of_current_state.
"""

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ogi.synth import write_corpus
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> WarehouseSettings:
    base = tmp_path_factory.mktemp("tested_rows")
    shutil.copytree(ROOT / "data" / "samples", base / "landing")
    write_corpus(base / "synthetic", 4, seed=21)
    for doc in (base / "synthetic").iterdir():
        if doc.suffix in (".txt", ".html"):
            shutil.copy(doc, base / "landing" / doc.name)
    settings = WarehouseSettings(landing_dir=str(base / "landing"),
                                 samples_dir=str(base / "landing"),
                                 warehouse_path=str(base / "wh" / "ogi.duckdb"), workers=1)
    assert run_build(settings, dg.DagsterInstance.ephemeral()).success
    return settings


def _dbt(settings: WarehouseSettings, *args: str) -> dict[str, str]:
    """Run dbt on the build database; test name -> status."""
    target = settings.build_dir / "dbt_target"
    env = {**os.environ, "OGI_TARGET": "duckdb", "OGI_BUILD_DB": str(settings.build_db)}
    subprocess.run([str(DBT), *args, "--quiet", "--target-path", str(target)],
                   cwd=ROOT, env=env, check=False)
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: r["status"] for r in results
            if r["unique_id"].startswith("test.")}


def _sql(settings: WarehouseSettings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.build_db)) as con:
        return con.execute(sql, params or []).fetchall()


def _reload(settings: WarehouseSettings, doc: str) -> None:
    """What the load step does to a document read again: a new extracted_at on the document
    and on each of its figures."""
    now = datetime.now(UTC).replace(tzinfo=None)
    _sql(settings, "update raw.documents set extracted_at = ? where document_id = ?", [now, doc])
    _sql(settings, "update raw.figures set extracted_at = ? where document_id = ?", [now, doc])


def _passing_builds(settings: WarehouseSettings) -> int:
    return _sql(settings, "select count(*) from quality.dbt_passing_builds")[0][0]


def test_tests_read_the_new_rows_and_rows_of_a_failed_build_until_they_pass(built):
    assert _passing_builds(built) == 1  # the Dagster build

    # A report is loaded again with a figure of a metric outside the catalog: its rows are
    # new, and the figure has no fact table.
    doc = _sql(built, "select min(document_id) from raw.documents "
                      "where doc_type = 'annual_report'")[0][0]
    _reload(built, doc)
    _sql(built, "insert into raw.figures select * replace (999 as figure_seq, 'zz.unknown' as "
                "metric) from raw.figures where document_id = ? and figure_seq = 0", [doc])
    first = _dbt(built, "build")
    assert first["not_null_int_figures_enriched_fact_table"] == "fail"
    assert _passing_builds(built) == 1

    # Nothing changed, nothing is rebuilt: the failed build's rows are still tested.
    again = _dbt(built, "build")
    assert again["not_null_int_figures_enriched_fact_table"] == "fail"
    assert _passing_builds(built) == 1

    # Repaired and reloaded: the build passes, is recorded, and its tests read only new rows.
    _sql(built, "delete from raw.figures where metric = 'zz.unknown'")
    _reload(built, doc)
    fixed = _dbt(built, "build")
    assert set(fixed.values()) <= {"pass", "warn"}
    assert _passing_builds(built) == 2
    compiled = next((built.build_dir / "dbt_target").glob("**/unique_combination_int_figures_enriched_document_id__figure_seq.sql"))
    assert "built_at > cast('" in compiled.read_text()


def test_a_row_of_an_old_state_is_caught_whatever_its_age(built):
    _sql(built, "insert into intermediate.int_figures_enriched select * replace "
                "('stale' as build_state, timestamp '2001-01-01' as built_at) "
                "from intermediate.int_figures_enriched limit 1")
    try:
        results = _dbt(built, "test", "--select", "int_figures_enriched")
    finally:
        _sql(built, "delete from intermediate.int_figures_enriched where build_state = 'stale'")
    stale = [name for name in results if name.startswith("rows_of_current_state")]
    assert [results[name] for name in stale] == ["fail"]
    # The filtered tests do not read a row from 2001; only the state test finds it.
    assert results["unique_combination_int_figures_enriched_document_id__figure_seq"] == "pass"


def test_a_duplicate_figure_fails_the_unique_test(built):
    # A report rebuilt now (its rows arrive together) with two rows of the same
    # (document_id, figure_seq); the second told apart by its label, to remove it after.
    now = datetime.now(UTC).replace(tzinfo=None)
    doc = _sql(built, "select min(document_id) from intermediate.int_figures_enriched")[0][0]
    _sql(built, "update intermediate.int_figures_enriched set built_at = ? "
                "where document_id = ?", [now, doc])
    _sql(built, "insert into intermediate.int_figures_enriched select * replace "
                "('duplicate' as label) from intermediate.int_figures_enriched "
                "where document_id = ? limit 1", [doc])
    try:
        results = _dbt(built, "test", "--select", "int_figures_enriched")
    finally:
        _sql(built, "delete from intermediate.int_figures_enriched where label = 'duplicate'")
    assert results["unique_combination_int_figures_enriched_document_id__figure_seq"] == "fail"
    assert results["not_null_int_figures_enriched_fact_table"] == "pass"
