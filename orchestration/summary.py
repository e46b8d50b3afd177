"""The few lines a person reads after a build."""

from __future__ import annotations

import dagster as dg

from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import connect

EXAMPLE_QUERY = ("select jurisdiction_name, report_year, value, qualifier "
                 "from marts.fct_applications where metric = 'app.received' order by 2")


def _failed_checks(result: dg.ExecuteInProcessResult) -> list[str]:
    out = []
    for event in result.all_events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                out.append(f"{evaluation.check_name} ({evaluation.severity.value})")
    return out


def _checks(result: dg.ExecuteInProcessResult) -> tuple[int, int]:
    evaluations = [e.event_specific_data for e in result.all_events
                   if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    return sum(1 for e in evaluations if e.passed), len(evaluations)


def summary(settings: WarehouseSettings, result: dg.ExecuteInProcessResult) -> str:
    passed, total = _checks(result)
    lines = [""]
    if not result.success:
        failed = [e.message for e in result.all_events if e.is_step_failure]
        lines += ["BUILD FAILED: the published warehouse was left as it was.",
                  *[f"  {m}" for m in failed[:5]],
                  *[f"  failed check: {c}" for c in _failed_checks(result)]]
    extracted = result.output_for_node("extracted_reports")
    if settings.on_spark:
        return "\n".join([*lines, _spark_lines(settings, result, extracted, passed, total)])
    if settings.published.exists():
        with connect(settings.published, read_only=True) as con:
            def one(sql: str) -> int:
                return con.execute(sql).fetchone()[0]
            files = one("select count(*) from marts.dim_source_file")
            statuses = con.execute("select status, count(*) from marts.dim_source_file "
                                   "group by 1 order by 1").fetchall()
            reports = one("select count(*) from marts.dim_report where doc_type = 'annual_report'")
            others = one("select count(*) from marts.dim_report where doc_type = 'other'")
            figures = one("select count(*) from marts.fct_figures")
            issues = one("select count(*) from marts.fct_extraction_issues")
            gx = con.execute("select count(*), count(*) filter (where passed) from "
                             "quality.check_results where run_id = ? and layer = 'gx'",
                             [result.run_id]).fetchone()
        lines += [
            "ogi-warehouse build " + ("succeeded" if result.success else "failed"),
            f"  documents in:      {files} file(s): "
            + ", ".join(f"{n} {s}" for s, n in statuses),
            f"  extracted now:     {extracted['extracted']} new document(s); the others "
            f"were already read by extractor {extracted['extractor_version']}",
            f"  reports:           {reports} annual report(s), {others} other document(s)",
            f"  figures loaded:    {figures}",
            f"  extraction issues: {issues}",
            f"  checks passed:     {passed}/{total} asset checks "
            f"(dbt tests + GX suites); GX expectations {gx[1]}/{gx[0]}",
            f"  warehouse:         {settings.published} (read-only)",
            f"  data docs:         {settings.data_docs / 'index.html'}",
            f"  report:            {settings.report_html}",
            f"  dbt docs:          {settings.dbt_docs_html}",
            "  query it:          .venv/bin/duckdb -readonly " + str(settings.published) + "   then e.g.",
            f"    {EXAMPLE_QUERY};",
            "  Dagster UI:        make dev, then open http://127.0.0.1:3000",
            f"  build log:         {settings.build_dir / 'last_build.log'}",
        ]
    return "\n".join(lines)


def _spark_lines(settings: WarehouseSettings, result: dg.ExecuteInProcessResult,
                 extracted: dict, passed: int, total: int) -> str:
    tables = settings.spark_dir / "tables"
    return "\n".join([
        "ogi-warehouse build on Spark " + ("succeeded" if result.success else "failed"),
        f"  extracted now:     {extracted['extracted']} new document(s)",
        f"  raw layer:         {settings.lake_dir / 'raw'} (Parquet, one folder per table)",
        f"  marts:             {tables / 'marts.db'} (Parquet, metastore in "
        f"{settings.spark_dir / 'metastore_db'})",
        f"  checks passed:     {passed}/{total} dbt tests, run on Spark",
        f"  not published:     {settings.published} is built by the DuckDB target only",
        f"  build log:         {settings.build_dir / 'last_build.log'}",
    ])
