"""Scope: a consolidated report and its parts are never added together (issue 4)."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.resources import WarehouseSettings
from orchestration.run import run_build

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

BY_PROVINCE = """
select j.province_adcode, sum(f.value)
from marts.fct_applications f
join marts.dim_jurisdiction j on f.adcode = j.adcode
where f.metric = 'app.received' and f.applicant_type = 'total' and f.qualifier = 'exact'
  and f.report_year = 2017 {extra}
group by 1
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("scope")
    landing = base / "landing"
    shutil.copytree(ROOT / "data" / "samples", landing)
    for doc in (ROOT / "tests" / "fixtures" / "scope").iterdir():
        shutil.copy(doc, landing)
    settings = WarehouseSettings(landing_dir=str(landing), samples_dir=str(landing),
                                 warehouse_path=str(base / "wh" / "ogi.duckdb"), workers=1)
    assert run_build(settings, dg.DagsterInstance.ephemeral()).success
    return settings.warehouse_path


def test_a_consolidated_report_and_its_parts_are_not_added_together(warehouse):
    with duckdb.connect(warehouse, read_only=True) as con:
        naive = dict(con.execute(BY_PROVINCE.format(extra="")).fetchall())
        counted = dict(con.execute(
            BY_PROVINCE.format(extra="and f.counted_in_rollups")).fetchall())
        reasons = dict(con.execute(
            "select jurisdiction_name, rollup_reason from marts.dim_report "
            "where report_year = 2017").fetchall())
    # 佳木斯市 compiled its counties' and departments' reports into its own 82 requests;
    # 桦南县 (10) and 佳木斯市教育局 (4) are inside it.
    assert naive == {"230000": 96.0}
    assert counted == {"230000": 82.0}
    assert reasons == {
        "佳木斯市": "counted",
        "桦南县": "covered by a consolidated report of the same year",
        "佳木斯市教育局": "covered by a consolidated report of the same year",
    }


def test_every_fact_joins_a_jurisdiction_or_is_flagged(warehouse):
    with duckdb.connect(warehouse, read_only=True) as con:
        orphans = con.execute(
            "select count(*) from marts.fct_figures f left join marts.dim_jurisdiction j "
            "on f.adcode = j.adcode where j.adcode is null and f.adcode_resolved").fetchone()
    assert orphans == (0,)
