"""dbt's test results, next to GX's, in quality.check_results of the build database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from expectations.runner import QUALITY_DDL
from orchestration.warehouse_db import connect


def record_dbt_results(build_db: Path, run_id: str, run_results: dict[str, Any],
                       manifest: dict[str, Any] | None = None) -> int:
    nodes = (manifest or {}).get("nodes", {})
    rows = []
    for result in run_results.get("results", []):
        unique_id = result.get("unique_id", "")
        if not unique_id.startswith(("test.", "unit_test.")):
            continue
        status = result.get("status")
        severity = str(nodes.get(unique_id, {}).get("config", {}).get("severity", "error"))
        rows.append([
            run_id, "dbt", unique_id.split(".")[2] if unique_id.count(".") >= 2 else "",
            unique_id.split(".")[-1], None, severity.lower(),
            status == "pass", status, result.get("failures"), None, result.get("message"),
        ])
    with connect(build_db) as con:
        con.execute(QUALITY_DDL)
        con.execute("delete from quality.check_results where run_id = ? and layer = 'dbt'",
                    [run_id])
        if rows:
            con.executemany("insert into quality.check_results values "
                            "(?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
