"""Incremental builds give exactly what a full rebuild gives.

The figure-grain tables (int_figures_enriched, the fct_* views of it) and
mart_dispositions_harmonized are incremental: a build appends
the rows of reports whose state changed and deletes rows whose state is no longer
current. The second build here changes every kind of state at once: a new document, a
document that left the landing folder, and a consolidated report whose arrival changes
counted_in_rollups of two reports that were already built. Its marts must equal those of
`dbt build --full-refresh` over the same raw tables.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ogi.synth import write_corpus
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
JIAMUSI = ROOT / "data" / "samples" / "001_f95f5f64fbf55525.txt"
FIGURE_TABLES = ("fct_figures", "fct_applications", "fct_dispositions", "fct_channels",
                 "fct_proactive", "fct_reviews_litigation", "fct_fees")


def _marts(db: Path) -> dict[str, list[tuple]]:
    volatile = {"extracted_at", "scanned_at", "scan_id", "landing_dir", "built_at"}
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by 1").fetchall()]
        for table in tables:
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = "
                "'marts' and table_name = ? order by ordinal_position", [table]).fetchall()
                if r[0] not in volatile]
            rows = con.execute(f"select {', '.join(columns)} from marts.{table}").fetchall()
            out[table] = sorted(rows, key=lambda row: [repr(v) for v in row])
    return out


def _counted(db: Path) -> dict[str, set[bool]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select jurisdiction_name, counted_in_rollups from marts.fct_figures "
                           "where report_year = 2017 group by all").fetchall()
    out: dict[str, set[bool]] = {}
    for name, counted in rows:
        out.setdefault(name, set()).add(counted)
    return out


def _dbt(settings: WarehouseSettings, *args: str) -> None:
    """dbt on the build database, as the build runs it."""
    env = {**os.environ, "OGI_TARGET": "duckdb", "OGI_BUILD_DB": str(settings.build_db)}
    subprocess.run([str(Path(sys.executable).parent / "dbt"), *args, "--quiet"],
                   cwd=ROOT, env=env, check=True)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("incremental")
    landing = base / "landing"
    landing.mkdir()
    for doc in (ROOT / "tests" / "fixtures" / "scope").iterdir():
        shutil.copy(doc, landing)
    synthetic = base / "synthetic"
    write_corpus(synthetic, 3, seed=5)
    first, second, later = sorted(p for p in synthetic.iterdir() if p.suffix != ".jsonl")
    shutil.copy(first, landing)
    shutil.copy(second, landing)
    settings = WarehouseSettings(landing_dir=str(landing), samples_dir=str(landing),
                                 warehouse_path=str(base / "wh" / "ogi.duckdb"), workers=1)
    instance = dg.DagsterInstance.ephemeral()
    assert run_build(settings, instance).success
    before = _counted(settings.published)

    (landing / second.name).unlink()
    shutil.copy(later, landing)
    shutil.copy(JIAMUSI, landing)
    assert run_build(settings, instance).success
    incremental = _marts(settings.published)

    # The same raw tables, every model rebuilt from scratch.
    _dbt(settings, "build", "--full-refresh", "--target-path", str(base / "dbt_target"))
    return {"settings": settings, "before": before, "incremental": incremental,
            "full": _marts(settings.build_db), "removed": second.name, "added": later.name}


def test_incremental_marts_equal_a_full_rebuild(builds: dict) -> None:
    incremental, full = builds["incremental"], builds["full"]
    assert incremental.keys() == full.keys()
    for table in full:
        assert incremental[table] == full[table], table
    assert len(full["fct_figures"]) > 50


def test_a_consolidated_report_updates_rows_already_built(builds: dict) -> None:
    assert builds["before"]["桦南县"] == {True}
    assert builds["before"]["佳木斯市教育局"] == {True}
    after = _counted(builds["settings"].published)
    assert after["桦南县"] == {False}
    assert after["佳木斯市教育局"] == {False}
    assert after["佳木斯市"] == {True}


def test_rows_of_a_removed_document_are_gone(builds: dict) -> None:
    with duckdb.connect(str(builds["settings"].published), read_only=True) as con:
        paths = {r[0] for r in con.execute("select source_path from marts.dim_report").fetchall()}
        orphans = {
            table: con.execute(
                f"select count(*) from marts.{table} f where not exists (select 1 from "
                f"marts.dim_report r where r.document_id = f.document_id)").fetchone()[0]
            for table in FIGURE_TABLES}
    assert not any(p.endswith(builds["removed"]) for p in paths)
    assert any(p.endswith(builds["added"]) for p in paths)
    assert orphans == dict.fromkeys(FIGURE_TABLES, 0)


def _figures(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select * exclude (built_at) from intermediate.int_figures_enriched"
                           ).fetchall()
    return sorted(rows, key=lambda row: [repr(v) for v in row])


def _dbt_in_batches(builds: dict, name: str, *args: str) -> int:
    """Run dbt on int_figures_enriched two reports per batch; the batches it ran (each sets
    its upper bound, the last one resets it)."""
    base = Path(builds["settings"].build_db).parent / name
    _dbt(builds["settings"], "run", "--select", "int_figures_enriched",
         "--vars", "{reports_per_batch: 2}", "--target-path", str(base / "target"),
         "--log-path", str(base / "logs"), *args)
    log = (base / "logs" / "dbt.log").read_text(encoding="utf-8")
    return log.count("set variable ogi_batch_to = ") + 1


def test_a_build_in_batches_equals_one_in_a_single_batch(builds: dict) -> None:
    db = Path(builds["settings"].build_db)
    whole = _figures(db)
    with duckdb.connect(str(db), read_only=True) as con:
        reports = con.execute("select count(*) from intermediate.int_report_state").fetchone()[0]
    assert reports >= 5

    batches = _dbt_in_batches(builds, "batches_full", "--full-refresh")
    assert batches == (reports + 1) // 2
    assert _figures(db) == whole

    # Three reports' rows lost: an incremental build rebuilds exactly them, in batches too.
    with duckdb.connect(str(db)) as con:
        lost = [r[0] for r in con.execute(
            "select document_id from intermediate.int_report_state order by extracted_at "
            "limit 3").fetchall()]
        for table in ("intermediate.int_figures_enriched",
                      "incremental_state.int_figures_enriched"):
            con.execute(f"delete from {table} where document_id in (select unnest(?))", [lost])
    assert len(_figures(db)) < len(whole)
    assert _dbt_in_batches(builds, "batches_incremental") == 2
    assert _figures(db) == whole
