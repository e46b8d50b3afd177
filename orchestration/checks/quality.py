"""Great Expectations suites as blocking asset checks: an ERROR failure stops publishing.

All suites run in one step, in the GX worker the dbt step started (gx_worker.py); each
suite is still its own check on its own mart."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from expectations.runner import SuiteResult, load_suites, record
from orchestration.checks import gx_worker
from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import connect

SPECS = [dg.AssetCheckSpec(name=f"gx_{name}", asset=dg.AssetKey(spec["asset"]), blocking=True,
                           description=f"Great Expectations suite expectations/suites/{name}.json")
         for name, spec in sorted(load_suites().items())]


def worker_log(settings: WarehouseSettings) -> Path:
    return settings.build_dir / "gx_worker.log"


def prewarm(settings: WarehouseSettings) -> None:
    """Start the GX worker now, so GX is imported by the time the checks run."""
    gx_worker.prewarm(settings.build_db, settings.gx_project, worker_log(settings))


def _result(result: SuiteResult, settings: WarehouseSettings) -> dg.AssetCheckResult:
    errors, warns = result.error_failures, result.warn_failures
    failed = [
        {"expectation": o.expectation, "column": o.column, "severity": o.severity,
         "observed": o.observed_value, "unexpected_count": o.unexpected_count,
         "examples": [str(x) for x in o.examples], "why": o.why}
        for o in errors + warns
    ]
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(result.asset), check_name=f"gx_{result.suite}",
        passed=not errors and not warns,
        severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
        metadata={"expectations": len(result.outcomes), "error_failures": len(errors),
                  "warn_failures": len(warns), "failed": dg.MetadataValue.json(failed),
                  "data_docs": dg.MetadataValue.path(str(settings.data_docs / "index.html"))},
    )


@dg.multi_asset_check(specs=SPECS, name="gx_suites",
                      description="Every Great Expectations suite of expectations/suites/.")
def gx_checks(context: dg.AssetCheckExecutionContext,
              settings: WarehouseSettings) -> Iterator[dg.AssetCheckResult]:
    worker = gx_worker.take(settings.build_db, settings.gx_project, worker_log(settings))
    results = worker.validate()
    gx_worker.hand_over(worker, context.run.run_id)  # publish waits for its Data Docs
    with connect(settings.build_db) as con:
        for result in results:
            record(con, context.run.run_id, result)
    for result in results:
        yield _result(result, settings)
