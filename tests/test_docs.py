"""Every column of every model in schema marts is described, and the yml lists exactly the
columns the model produces (dbt's manifest against a warehouse built on empty raw tables)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse_db import RAW_DDL

ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"


def _dbt(*args: str, target: Path, build_db: Path) -> None:
    # A private target folder and build database: target/ belongs to `make` and Dagster.
    env = {**os.environ, "OGI_BUILD_DB": str(build_db)}
    subprocess.run([str(DBT), *args, "--quiet", "--project-dir", str(ROOT), "--profiles-dir",
                    str(ROOT), "--target-path", str(target), "--log-path", str(target / "logs")],
                   check=True, capture_output=True, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def dbt_dir(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("docs")
    _dbt("parse", target=base / "target", build_db=base / "ogi_build.duckdb")
    return base


@pytest.fixture(scope="module")
def marts(dbt_dir) -> dict[str, dict]:
    """Models of schema marts in target/manifest.json as `dbt parse` writes it."""
    manifest = json.loads((dbt_dir / "target" / "manifest.json").read_text(encoding="utf-8"))
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["config"].get("schema") == "marts"}


def _undescribed(node: dict) -> list[str]:
    return [name for name, column in node["columns"].items()
            if not (column.get("description") or "").strip()]


def test_every_mart_and_every_column_in_the_yml_is_described(marts):
    assert {"dim_report", "fct_dispositions", "mart_dispositions_harmonized",
            "mart_report_summary"} <= set(marts)
    problems = {name: _undescribed(node) for name, node in marts.items() if _undescribed(node)}
    problems |= {name: ["<model description>"] for name, node in marts.items()
                 if not node["description"].strip()}
    problems |= {name: ["<no columns in the yml>"] for name, node in marts.items()
                 if not node["columns"]}
    assert problems == {}


@pytest.mark.slow
def test_the_yml_lists_exactly_the_columns_each_mart_produces(dbt_dir, marts):
    build_db = dbt_dir / "ogi_build.duckdb"
    with duckdb.connect(str(build_db)) as con:
        con.execute(RAW_DDL)  # empty raw tables: enough for every model to be created
    _dbt("build", "--resource-type", "seed", "--resource-type", "model",
         target=dbt_dir / "target", build_db=build_db)
    with duckdb.connect(str(build_db), read_only=True) as con:
        built: dict[str, set[str]] = {}
        for table, column in con.execute(
                "select table_name, column_name from information_schema.columns "
                "where table_schema = 'marts'").fetchall():
            built.setdefault(table, set()).add(column)
    assert set(built) == set(marts)
    mismatches = {}
    for name, node in marts.items():
        documented = set(node["columns"])
        if built[name] != documented:
            mismatches[name] = {"undocumented": sorted(built[name] - documented),
                                "not produced": sorted(documented - built[name])}
    assert mismatches == {}
