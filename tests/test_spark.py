"""The same dbt models on Apache Spark: every mart identical to the DuckDB build.

One real Dagster build with OGI_TARGET=spark (scan, extraction, raw loads, the lake's
Parquet export, `dbt build` on a local Spark session), then `dbt build` on DuckDB over the
very same raw tables, then every mart compared row for row. The corpus is the bundled
samples plus synthetic reports of both eras, so the tables that stay small on the samples
(identities, harmonized dispositions) get rows too.
"""

import importlib.util
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

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="the Spark extra is not installed (make spark)"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17"),
]


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(sql)
    names = [c[0] for c in cursor.description]
    # When each engine's build started is the one column that must differ.
    keep = [i for i, name in enumerate(names) if name != "built_at"]
    rows = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
    # Sorted by their text: row order is not part of a table, and NULLs must sort too.
    return [names[i] for i in keep], sorted(rows, key=lambda row: [repr(v) for v in row])


@pytest.fixture(scope="module")
def spark_build(tmp_path_factory: pytest.TempPathFactory) -> WarehouseSettings:
    base = tmp_path_factory.mktemp("spark")
    landing = base / "landing"
    shutil.copytree(ROOT / "data" / "samples", landing)
    synthetic = base / "synthetic"
    write_corpus(synthetic, 24, seed=9)
    for doc in synthetic.iterdir():
        if doc.suffix in (".txt", ".html"):
            shutil.copy(doc, landing / doc.name)
    settings = WarehouseSettings(
        landing_dir=str(landing), samples_dir=str(ROOT / "data" / "samples"),
        warehouse_path=str(base / "warehouse" / "ogi.duckdb"), workers=2, target="spark")
    saved = {k: os.environ.get(k) for k in
             ("OGI_TARGET", "OGI_BUILD_DB", "OGI_LAKE_DIR", "OGI_SPARK_DIR")}
    try:
        result = run_build(settings, dg.DagsterInstance.ephemeral())
        assert result.success, [e.message for e in result.all_events if e.is_step_failure]
        # The DuckDB build of the same raw tables, in the same build database.
        env = {**os.environ, "OGI_TARGET": "duckdb", "OGI_BUILD_DB": str(settings.build_db)}
        subprocess.run([str(Path(sys.executable).parent / "dbt"), "build", "--quiet",
                        "--target-path", str(base / "dbt_target")],
                       cwd=ROOT, env=env, check=True)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return settings


def _spark_table(settings: WarehouseSettings, name: str) -> str:
    return f"read_parquet('{settings.spark_dir / 'tables' / 'marts.db' / name}/*.parquet')"


def test_spark_build_touches_no_published_file(spark_build: WarehouseSettings) -> None:
    assert not spark_build.published.exists()
    lake = spark_build.lake_dir / "raw"
    assert sorted(p.name for p in lake.iterdir() if not p.name.startswith(".")) == [
        "document_texts", "documents", "figures", "issues", "source_files"]


def test_every_mart_is_built_on_spark(spark_build: WarehouseSettings) -> None:
    with duckdb.connect(str(spark_build.build_db), read_only=True) as con:
        duck = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()}
    spark = {p.name for p in (spark_build.spark_dir / "tables" / "marts.db").iterdir()}
    assert len(duck) == 15
    assert spark == duck


def test_marts_are_identical_on_both_engines(spark_build: WarehouseSettings) -> None:
    with duckdb.connect(str(spark_build.build_db), read_only=True) as con:
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by 1").fetchall()]
        compared = {}
        for mart in marts:
            duck_columns, duck_rows = _rows(con, f"select * from marts.{mart}")
            spark_columns, spark_rows = _rows(con, f"select * from {_spark_table(spark_build, mart)}")
            assert spark_columns == duck_columns, mart
            assert spark_rows == duck_rows, mart
            compared[mart] = len(duck_rows)
    # The comparison is only worth something if the marts have rows to compare.
    assert compared["fct_figures"] > 1000
    assert compared["fct_report_identities"] > 5
    assert compared["mart_dispositions_harmonized"] > 100
    assert compared["dim_source_file"] == 5 + 24


def test_sample_figures_read_from_spark(spark_build: WarehouseSettings) -> None:
    with duckdb.connect() as con:
        rows = con.execute(
            f"select jurisdiction_name, report_year, value, qualifier "
            f"from {_spark_table(spark_build, 'fct_applications')} "
            f"where metric = 'app.received' and adcode in ('230800', '430105', '620700') "
            f"and applicant_type = 'total' order by report_year").fetchall()
    assert rows == [("张掖市", 2008, 329.0, "partial_year"), ("长沙市开福区", 2012, 118.0, "exact"),
                    ("佳木斯市", 2017, 82.0, "exact")]
