"""The Definitions load, and the schedule and the sensor trigger the one build job."""

import re
import subprocess

import dagster as dg

from orchestration.definitions import defs
from orchestration.sensors import landing_folder_sensor


def test_definitions_hold_the_graph():
    job = defs.resolve_job_def("warehouse_build")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    for key in ("landing_documents", "extracted_reports", "raw_tables", "marts/dim_report",
                "marts/fct_applications", "published_warehouse"):
        assert key in keys
    assert defs.resolve_schedule_def("daily_build").job_name == "warehouse_build"
    assert defs.resolve_sensor_def("landing_folder_sensor").job_name == "warehouse_build"


def test_sensor_requests_a_run_only_when_the_landing_folder_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("OGI_LANDING", str(tmp_path))
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")
    first = landing_folder_sensor(dg.build_sensor_context())
    assert len(first.run_requests) == 1
    same = landing_folder_sensor(dg.build_sensor_context(cursor=first.cursor))
    assert not same.run_requests
    (tmp_path / "b.txt").write_text("另一份报告", encoding="utf-8")
    changed = landing_folder_sensor(dg.build_sensor_context(cursor=first.cursor))
    assert len(changed.run_requests) == 1 and changed.cursor != first.cursor


def test_the_dbt_resource_knows_the_version_dbt_reports_without_asking_it():
    """The resource skips dagster-dbt's `dbt --version` subprocess; the executable it runs
    must report the version the resource assumes."""
    dbt = defs.resources["dbt"]
    printed = subprocess.run([dbt.dbt_executable, *dbt.global_config_flags, "--version"],
                             capture_output=True,
                             text=True, check=True).stdout
    assert re.search(r"installed:\s*(\d+\.\d+\.\d+)", printed).group(1) == str(dbt._cli_version)
