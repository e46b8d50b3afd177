"""The whole graph, really run: Dagster in process, DuckDB files, dbt build, GX, publish.

Each build takes seconds; they run against temporary folders, never the project's own
warehouse.
"""

import hashlib
import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.resources import WarehouseSettings
from orchestration.run import run_build
from tests.expected_seeds import ABSENT, FIGURES, METADATA, SAMPLES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _settings(base: Path, landing: Path | None = None) -> WarehouseSettings:
    return WarehouseSettings(
        landing_dir=str(landing or base / "landing"),
        samples_dir=str(ROOT / "data" / "samples"),
        warehouse_path=str(base / "warehouse" / "ogi.duckdb"),
        workers=1,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, minus the columns that record when a build ran (build_state
    fingerprints a report's extraction time among other things)."""
    volatile = {"extracted_at", "scanned_at", "scan_id", "landing_dir", "build_state",
                "built_at"}
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()]
        for t in sorted(tables):
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position", [t]
            ).fetchall() if r[0] not in volatile]
            out[t] = sorted(con.execute(f"select {', '.join(cols)} from marts.{t}").fetchall(),
                            key=repr)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("build")
    (base / "landing").mkdir()  # empty: the bundled samples are used
    settings = _settings(base)
    instance = dg.DagsterInstance.ephemeral()
    result = run_build(settings, instance)
    assert result.success
    return settings, instance, result


def _query(settings, sql, params=()):
    with duckdb.connect(settings.warehouse_path, read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_published_warehouse_answers_every_expected_figure(built):
    settings, _, _ = built
    for sample, metric, dims, value, qualifiers in FIGURES:
        _, _, adcode, _, year, _ = METADATA[sample]
        where = " and ".join(["adcode = ?", "report_year = ?", "metric = ?", "value = ?"])
        rows = _query(settings, f"select qualifiers, dims_json from marts.fct_figures where {where}",
                      [adcode, year, metric, value])
        assert rows, f"{sample} {metric} {value} missing from marts.fct_figures"
        assert any(qualifiers <= set(q.split(",")) and all(f'"{k}": "{v}"' in d
                   for k, v in dims.items()) for q, d in rows), rows


def test_facts_land_in_their_fact_tables(built):
    settings, _, _ = built
    assert _query(settings, "select value, qualifier, is_approx, is_cumulative from "
                  "marts.fct_proactive where adcode = '620700' and metric = 'pro.total'") == \
        [(12000.0, "cumulative", True, True)]
    assert _query(settings, "select value, qualifier from marts.fct_applications where "
                  "adcode = '620700' and metric = 'app.received'") == [(329.0, "partial_year")]
    assert _query(settings, "select value from marts.fct_channels where adcode = '230800' "
                  "and metric = 'chan.app.online' and flow = 'applications_in'") == [(53.0,)]
    assert _query(settings, "select value, harmonized_category from marts.fct_dispositions "
                  "where adcode = '230800' and metric in ('disp.pre.agree', "
                  "'disp.pre.refuse.total') order by value") == \
        [(5.0, "exempt_denial"), (38.0, "full_grant")]
    assert _query(settings, "select value from marts.fct_applications where adcode = '430105' "
                  "and report_year = 2012 and metric = 'app.received' and qualifier = 'exact'") \
        == [(118.0,)]
    assert _query(settings, "select value from marts.fct_applications where adcode = '621021' "
                  "and report_year = 2018 and metric = 'app.received'") == [(0.0,)]


def test_absent_figures_are_absent_not_zero(built):
    settings, _, _ = built
    for sample, metric in ABSENT:
        _, _, adcode, _, year, _ = METADATA[sample]
        assert not _query(settings, "select * from marts.fct_figures where adcode = ? and "
                          "report_year = ? and metric = ?", [adcode, year, metric])


def test_every_document_is_accounted_for(built):
    settings, _, _ = built
    files = dict(_query(settings, "select file_name, status from marts.dim_source_file"))
    assert files == {SAMPLES[k]: ("not_report" if k == "changchun_plan" else "extracted")
                     for k in SAMPLES}
    reports = _query(settings, "select jurisdiction_name, adcode, doc_type, doc_type_reason, "
                     "report_year from marts.dim_report order by jurisdiction_name")
    assert len(reports) == 5
    plan = [r for r in reports if r[2] == "other"]
    assert plan[0][:2] == ("长春市", "220100") and "实施意见" in plan[0][3]
    assert not _query(settings, "select * from marts.fct_figures f join marts.dim_report r "
                      "using (report_id) where r.doc_type <> 'annual_report'")


def test_checks_ran_and_were_recorded(built):
    settings, _, result = built
    evaluations = [e.event_specific_data for e in result.all_events
                   if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    names = {e.check_name for e in evaluations}
    assert {"gx_coverage", "gx_cross_table", "gx_fct_applications"} <= names
    assert any(n.startswith("not_null_") for n in names)  # dbt tests as asset checks
    assert all(e.passed for e in evaluations)
    recorded = dict(_query(settings, "select layer, count(*) filter (where not passed) "
                           "from quality.check_results where run_id = ? group by layer",
                           [result.run_id]))
    assert recorded == {"dbt": 0, "gx": 0}
    counted = dict(_query(settings, "select layer, count(*) from quality.check_results "
                          "where run_id = ? group by layer", [result.run_id]))
    manifest = json.loads((ROOT / "target" / "manifest.json").read_text())
    dbt_tests = sum(1 for n in manifest["nodes"].values() if n["resource_type"] == "test")
    assert counted["gx"] > 40 and counted["dbt"] == dbt_tests


def test_published_file_is_read_only(built):
    settings, _, _ = built
    assert Path(settings.warehouse_path).stat().st_mode & 0o222 == 0


def test_the_published_file_has_the_storage_format_of_large_row_groups(built):
    """The loads and dbt attach the build database with row groups of 983,040 rows, which
    need storage format 1.2 (README, Performance); the published copy is in that format."""
    settings, _, _ = built
    assert _query(settings, "select tags['storage_version'] from duckdb_databases() "
                  "where database_name = current_database()") == [("v1.2.0+",)]


def test_second_run_extracts_nothing_and_gives_the_same_warehouse(built):
    settings, instance, _ = built
    before = _snapshot(Path(settings.warehouse_path))
    again = run_build(settings, instance)
    assert again.success
    assert again.output_for_node("extracted_reports")["extracted"] == 0
    assert _snapshot(Path(settings.warehouse_path)) == before


def _inject(settings: WarehouseSettings, sql: str) -> None:
    with duckdb.connect(str(settings.build_db)) as con:
        con.execute(sql)


def _reload(settings: WarehouseSettings, documents: str) -> None:
    """Stamp the documents' rows and their figures with one new load time, as the load step
    does when it (re)loads a document."""
    with duckdb.connect(str(settings.build_db)) as con:
        con.execute(f"create temp table reloaded as select document_id from raw.documents "
                    f"where {documents}")
        stamp = con.execute("select localtimestamp").fetchone()[0]  # type: ignore[index]
        for table in ("documents", "figures"):
            con.execute(f"update raw.{table} set extracted_at = ? "
                        f"where document_id in (select document_id from reloaded)", [stamp])


def test_broken_contract_blocks_publishing_and_keeps_the_old_file(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "data" / "samples", landing)
    settings = _settings(tmp_path, landing)
    instance = dg.DagsterInstance.ephemeral()
    assert run_build(settings, instance).success
    published = Path(settings.warehouse_path)
    before = _sha(published)

    # A negative count reaches the marts: only the GX contract can stop it.
    one_row = ("rowid = (select min(rowid) from raw.figures where metric = 'app.received' "
               "and value > 0)")
    _inject(settings, f"update raw.figures set value = -value where {one_row}")
    _reload(settings, "document_id in (select document_id from raw.figures where value < 0)")
    failed = run_build(settings, instance)
    assert not failed.success
    assert _sha(published) == before
    checks = {e.event_specific_data.check_name: e.event_specific_data for e in failed.all_events
              if e.event_type_value == "ASSET_CHECK_EVALUATION"}
    assert not checks["gx_fct_applications"].passed
    assert checks["gx_fct_applications"].severity == dg.AssetCheckSeverity.ERROR
    with duckdb.connect(str(settings.build_db), read_only=True) as con:
        broken = con.execute(
            "select suite, check_name, column_name, failing_rows from "
            "quality.check_results where run_id = ? and not passed", [failed.run_id]
        ).fetchall()
    assert ("fct_applications", "expect_column_values_to_be_between", "min_value", 1) in broken
    assert not any(e.event_type_value == "ASSET_MATERIALIZATION"
                   and e.asset_key == dg.AssetKey("published_warehouse")
                   for e in failed.all_events)

    # An unknown metric code: dbt's relationship test fails first; still nothing published.
    _inject(settings, "update raw.figures set value = -value where value < 0")
    _inject(settings, "update raw.figures set metric = 'app.invented' where "
            "rowid = (select min(rowid) from raw.figures)")
    _reload(settings, "true")
    assert not run_build(settings, instance).success
    assert _sha(published) == before

