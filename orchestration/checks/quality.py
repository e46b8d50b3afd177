"""Great Expectations suites as blocking asset checks: an ERROR failure stops publishing."""


from collections.abc import Callable

import dagster as dg

from expectations.runner import load_suites, record, run_suite
from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import connect


def _check_for(name: str, asset: list[str]) -> Callable[..., dg.AssetCheckResult]:
    @dg.asset_check(asset=dg.AssetKey(asset), name=f"gx_{name}", blocking=True,
                    description=f"Great Expectations suite expectations/suites/{name}.json")
    def _check(context: dg.AssetCheckExecutionContext,
               settings: WarehouseSettings) -> dg.AssetCheckResult:
        with connect(settings.build_db) as con:
            result = run_suite(con, name, settings.gx_project)
            record(con, context.run.run_id, result)
        errors, warns = result.error_failures, result.warn_failures
        failed = [
            {"expectation": o.expectation, "column": o.column, "severity": o.severity,
             "observed": o.observed_value, "unexpected_count": o.unexpected_count,
             "examples": [str(x) for x in o.examples], "why": o.why}
            for o in errors + warns
        ]
        return dg.AssetCheckResult(
            passed=not errors and not warns,
            severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
            metadata={"expectations": len(result.outcomes), "error_failures": len(errors),
                      "warn_failures": len(warns), "failed": dg.MetadataValue.json(failed),
                      "data_docs": dg.MetadataValue.path(str(settings.data_docs / "index.html"))},
        )

    return _check


gx_checks = [_check_for(name, spec["asset"]) for name, spec in sorted(load_suites().items())]
